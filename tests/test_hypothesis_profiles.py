"""The property tests draw the same examples on every run of a commit (here, in CI, in a
mutation run), unless a longer random run is asked for by hand (tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import conftest

TESTS = Path(__file__).resolve().parent

DRAWING = """
import os
from hypothesis import given, settings, strategies as st

@given(st.integers(-10**9, 10**9))
def test_draws(n):
    with open(os.environ["DRAWS"], "a") as out:
        out.write(f"{n}\\n")

@settings(max_examples=5)
@given(st.integers(-10**9, 10**9))
def test_draws_its_own_number(n):
    with open(os.environ["DRAWS"] + ".own", "a") as out:
        out.write(f"{n}\\n")
"""


def draws(tmp_path: Path, name: str, *args: str, **env: str) -> tuple[list[str], list[str]]:
    """The examples a pytest run of DRAWING draws, with these tests' conftest loaded."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "test_drawing.py").write_text(DRAWING)
    out = folder / "draws"
    run_env = {k: v for k, v in os.environ.items() if k not in ("HYPOTHESIS_PROFILE", "CI")}
    run_env.update(PYTHONPATH=str(TESTS), DRAWS=str(out), **env)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "conftest", "-p", "no:cacheprovider",
         "--rootdir", str(folder), *args, str(folder / "test_drawing.py")],
        cwd=folder, env=run_env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return out.read_text().split(), Path(f"{out}.own").read_text().split()


@pytest.mark.slow
def test_every_run_draws_the_same_examples_and_a_long_run_new_ones(tmp_path):
    first, own = draws(tmp_path, "first")
    assert len(first) == 100 and len(own) == 5  # Hypothesis's number, and a test's own
    # Another run draws the same. CI=true would make Hypothesis load its own "ci"
    # profile; ours is loaded after it, so CI draws what a run at a desk draws.
    assert draws(tmp_path, "ci", CI="true") == (first, own)
    long, long_own = draws(tmp_path, "long", "--hypothesis-profile=long")
    assert len(long) == 1000 and len(long_own) == 5
    assert long[:100] != first  # random, and more of them
    by_env, _ = draws(tmp_path, "env", HYPOTHESIS_PROFILE="long")
    assert len(by_env) == 1000 and by_env != long


class NoOption:
    def getoption(self, name, default=None):
        return default


def test_an_unknown_profile_is_one_line_naming_it(monkeypatch):
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "longer")
    with pytest.raises(pytest.UsageError) as refused:
        conftest.pytest_configure(NoOption())  # type: ignore[arg-type]
    assert str(refused.value) == (
        "HYPOTHESIS_PROFILE='longer' is not a profile of these tests: "
        "use one of repeatable, long, or unset it"
    )
