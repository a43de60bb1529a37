"""Stores with something in them, for the store's tests: built through the real CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def fill(cli) -> None:
    """Two open interviews (one with two interviewers), one closed, a few steps done."""
    for args in (
        ("add", "Acme Corp", "--role", "Analyst", "--at", "2026-11-25 14:00",
         "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel"),
        ("add", "Globex", "--at", "yesterday 3pm"),
        ("add", "Initech", "--notes", "Talked about TPS reports"),
        ("done", "acme", "email"),
        # withdrawn: no reply step is added, so it goes to the history file at once
        ("close", "globex", "--outcome", "withdrawn"),
    ):  # fmt: skip
        run = cli(*args)
        assert run.code == 0, run.stderr


def copy_fixture(version: int, home: Path) -> None:
    """Put the fixture store of schema `version` (made by that followup) in `home`.

    Private, as followup made it: a git checkout gives the fixture files 0644.
    """
    folder = FIXTURES / f"store-v{version}"
    restore(home, {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.json")})


def restore(home: Path, files: dict[str, bytes]) -> None:
    """Make `home` hold exactly `files` (from conftest.snapshot), private as followup makes it."""
    shutil.rmtree(home, ignore_errors=True)
    for relative, data in files.items():
        path = home / relative
        for folder in reversed([path.parent, *path.parent.parents]):
            if folder == home or home in folder.parents:
                folder.mkdir(mode=0o700, exist_ok=True)
        path.write_bytes(data)
        path.chmod(0o600)
