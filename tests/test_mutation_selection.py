"""The tests a mutation run leaves out (pyproject's [tool.mutmut]) are named by path: each
path and test named there must exist, or a move of the tests would quietly put a slow or
unrepeatable test back into every mutant's run (docs/mutation.md)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def left_out(pyproject: Path) -> list[str]:
    """The --ignore and --deselect values of the mutation run's test selection."""
    mutmut = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["mutmut"]
    args = mutmut["pytest_add_cli_args_test_selection"]
    return [a.split("=", 1)[1] for a in args if a.startswith(("--ignore=", "--deselect="))]


def missing(root: Path, names: list[str]) -> list[str]:
    """Those of `names` (a path, or path::test) that name no file or no test in it."""
    gone = []
    for name in names:
        path, _, test = name.partition("::")
        file = root / path
        if not file.is_file():
            gone.append(name)
        elif test:
            tree = ast.parse(file.read_text(encoding="utf-8"))
            tests = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
            if test.split("[")[0] not in tests:
                gone.append(name)
    return gone


def test_every_test_a_mutation_run_leaves_out_exists():
    names = left_out(ROOT / "pyproject.toml")
    assert len(names) >= 5  # the crash, lock and fuzz files, the advice and Ctrl-C tests
    assert missing(ROOT, names) == []


def test_a_moved_file_or_test_is_named(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_here.py").write_text("def test_a():\n    pass\n")
    names = ["tests/test_here.py", "tests/test_here.py::test_a", "tests/test_gone.py",
             "tests/test_here.py::test_b"]  # fmt: skip
    assert missing(tmp_path, names) == ["tests/test_gone.py", "tests/test_here.py::test_b"]


def test_a_mutation_run_copies_every_file_the_readme_links_to():
    """The README's test checks its links exist: in mutants/ they must exist too, or
    every mutant's first run fails on a missing file instead of on the mutant."""
    import re

    mutmut = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    copied = set(mutmut["also_copy"])
    links = re.findall(r"\]\(([^)#]+)\)", (ROOT / "README.md").read_text(encoding="utf-8"))
    local = {link.split("/")[0] for link in links if not link.startswith(("http", "$"))}
    assert local and local <= copied


def test_a_child_process_runs_the_code_under_test(tmp_path):
    """Tests that run followup in a child process check the package these tests import:
    src/ here, mutants/src in a mutation run (where the child then runs the mutant under
    test, named by the MUTANT_UNDER_TEST it inherits), never another installed copy."""
    import os
    import subprocess
    import sys

    import followup
    from conftest import env_for_subprocess

    shown = subprocess.run(
        [sys.executable, "-c", "import followup; print(followup.__file__)"],
        env=env_for_subprocess(tmp_path),
        cwd=tmp_path,  # not the repository: the current folder must not decide it
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.stdout.strip() == followup.__file__
    assert os.environ["PYTHONPATH"].split(os.pathsep)[0] == str(
        Path(followup.__file__).resolve().parent.parent
    )
