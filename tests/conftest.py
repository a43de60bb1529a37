"""Every test runs against its own FOLLOWUP_HOME, a pinned FOLLOWUP_NOW and TZ=UTC."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from typer.testing import CliRunner

import followup
from followup.cli.app import load

# Child processes run the code under test: the `followup` package these tests import
# (src/, whatever copy of followup is installed; in a mutation run, mutmut's copy in
# mutants/src, whose mutant under test a child picks from MUTANT_UNDER_TEST, which it
# inherits), not an installed one.
SOURCE = str(Path(followup.__file__).resolve().parent.parent)
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [SOURCE, os.environ.get("PYTHONPATH")]))

# Hypothesis profiles. "repeatable", the default: every run of a commit draws the same
# examples (derandomized: from each test's own code, not from a random seed nor from
# failures remembered in .hypothesis/), so `pytest` here, in CI and in a mutation run
# gives the same result; no deadline and no speed health check, which a busy machine
# would fail now and then. "long", by hand (`--hypothesis-profile=long` or
# HYPOTHESIS_PROFILE=long): fresh random examples on every run, more of them where a
# test does not set its own number, and a failure remembered and replayed first.
PROFILES = ("repeatable", "long")
hypothesis_settings.register_profile(
    "repeatable",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "long",
    derandomize=False,
    deadline=None,
    max_examples=1000,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def pytest_configure(config: pytest.Config) -> None:
    """Load the profile HYPOTHESIS_PROFILE names (default: repeatable), unless the
    command line names one (Hypothesis loads that itself)."""
    if config.getoption("--hypothesis-profile", None):
        return
    name = os.environ.get("HYPOTHESIS_PROFILE", "").strip() or "repeatable"
    if name not in PROFILES:
        raise pytest.UsageError(
            f"HYPOTHESIS_PROFILE={name!r} is not a profile of these tests: "
            f"use one of {', '.join(PROFILES)}, or unset it"
        )
    hypothesis_settings.load_profile(name)


app = load()


NOW = "2026-11-26T10:00:00+00:00"

#: The interview most tests start from: Acme Corp, yesterday 14:00, two interviewers.
ACME = (
    "add", "Acme Corp", "--role", "Data Analyst", "--at", "2026-11-25 14:00",
    "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel",
)  # fmt: skip


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder for each test, with time and zone pinned."""
    folder = tmp_path / "home"
    monkeypatch.setenv("FOLLOWUP_HOME", str(folder))
    monkeypatch.setenv("FOLLOWUP_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("FOLLOWUP_LOCK_TIMEOUT", "5")
    monkeypatch.delenv("FOLLOWUP_DEBUG", raising=False)
    time.tzset()
    yield folder
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


@pytest.fixture
def cli():
    """Run the real CLI in-process: cli("add", "Acme") -> Run(code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Run:
        result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (bar the lock), by relative path: for byte-for-byte checks."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.fixture
def files(home: Path):
    """A function returning the data folder's current bytes."""
    return lambda: snapshot(home)


def env_for_subprocess(home: Path, **extra: str) -> dict[str, str]:
    """The environment for running `followup` as a real process against `home`."""
    env = dict(os.environ)
    env.update(FOLLOWUP_HOME=str(home), FOLLOWUP_NOW=NOW, TZ="UTC", NO_COLOR="1")
    env.update(extra)
    return env


# One moment and one interview time for every test, and the factories of the interviews
# and stores the tests of the core, features and storage make without the command line.
from collections.abc import Iterable  # noqa: E402
from datetime import UTC, datetime  # noqa: E402

from followup.core.checklist import derive_steps  # noqa: E402
from followup.core.models import Interview, Interviewer, Step, Topic  # noqa: E402
from followup.features import actions  # noqa: E402
from followup.storage.store import Store  # noqa: E402

#: FOLLOWUP_NOW (a Thursday) as a datetime, for the tests that call the core and features.
NOW_DT = datetime.fromisoformat(NOW)
#: When ACME's interview took place (yesterday 14:00 UTC), for interviews made in memory: a
#: Wednesday, so its check-in (5 business days later) is the next Wednesday.
AT = datetime(2026, 11, 25, 14, tzinfo=UTC)


def make_interview(
    *people: str | Interviewer,
    id: int = 1,
    company: str = "Acme Corp",
    role: str = "",
    at: datetime = AT,
    topics: Iterable[str | tuple[str, str | None]] = (),
    steps: Iterable[Step] = (),
    derive: bool = False,
    **fields,
) -> Interview:
    """An interview in memory, for the tests of the core and features (no store).

    `people` are names or Interviewer objects; `topics` texts or (text, who) pairs; `steps`
    the steps it holds, or `derive=True` for those the default rules give it; any other
    field of Interview by name. Its uid is `uid-<id>`.
    """
    iv = Interview(
        id=id,
        uid=f"uid-{id}",
        company=company,
        role=role,
        at=at,
        interviewers=[p if isinstance(p, Interviewer) else Interviewer(name=p) for p in people],
        topics=[
            Topic(text=t) if isinstance(t, str) else Topic(text=t[0], who=t[1]) for t in topics
        ],
        steps=list(steps),
        **fields,
    )
    if derive:
        iv.steps = derive_steps(iv)
    return iv


def make_store(folder: Path, *interviews: dict, lock_timeout: float | None = None) -> Store:
    """A store in `folder` (not created until it is written), with one change per dict of
    `interviews`, each `actions.add_interview`'s arguments (by default at AT, now NOW_DT)."""
    store = Store(folder) if lock_timeout is None else Store(folder, lock_timeout=lock_timeout)
    for fields in interviews:
        with store.change(fields.get("now", NOW_DT)) as change:
            actions.add_interview(change, **{"at": AT, "now": NOW_DT, **fields})
    return store


@pytest.fixture
def tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A systemctl and a crontab on PATH that record their calls (systemd_tools.py);
    returns (the user's unit folder, the call log, the crontab's table file)."""
    from systemd_tools import fake_tools

    return fake_tools(tmp_path, monkeypatch)


# ----- helpers shared by the command tests ------------------------------------------


def add(cli, *args: str) -> dict:
    run = cli(*args, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def unchanged(cli, files, *args: str, code: int = 1) -> str:
    """Run a command that must fail, leaving every file as it was; return its stderr."""
    before = files()
    run = cli(*args)
    assert run.code == code, (run.code, run.stdout, run.stderr)
    assert files() == before
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1, run.stderr
    return run.stderr
