"""Sessions beyond the everyday suite; `bash .ci/run` runs them after it.

`oldest_typer`: the fast tests (`-m "not slow"`) with the oldest Typer that
pyproject.toml allows, pinned exactly, in a fresh virtual environment, so that the
lower bound of the range says what is tested (the everyday venv tests the newest).

Run:  .venv/bin/nox -s oldest_typer   (`-- tests/test_cli_errors.py` to run fewer)
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = True


def oldest(package: str) -> str:
    """The lower bound of `package` in pyproject.toml's dependencies (`typer>=0.13` -> 0.13)."""
    project = tomllib.loads(Path(__file__).with_name("pyproject.toml").read_text())["project"]
    for spec in project["dependencies"]:
        found = re.fullmatch(rf"{re.escape(package)}\s*>=\s*([\w.]+)\s*(,.*)?", spec)
        if found:
            return found[1]
    raise LookupError(f"pyproject.toml gives {package} no lower bound (>=)")


@nox.session
def oldest_typer(session: nox.Session) -> None:
    """The fast suite with the oldest Typer allowed, pinned exactly."""
    session.install("-e", ".[test]", f"typer=={oldest('typer')}")
    session.run("python", "-c", "import typer; print('typer', typer.__version__)")
    session.run("python", "-m", "pytest", "-q", "-m", "not slow", *session.posargs)
