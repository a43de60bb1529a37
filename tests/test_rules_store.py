"""Rules of the store (storage.store, change, files, validation) that a user relies on:
what is said and kept when a save fails halfway, and how each damaged file is named."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from populate import copy_fixture


def fail_open_json_rename(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """Make the rename of a new open.json into place fail, as on a full disk."""
    real = os.replace

    def replace(source, dest, *args, **kwargs):
        if Path(dest) == home / "open.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(source, dest, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_the_upgrade_notice_comes_with_the_first_change_that_is_saved(cli, home, monkeypatch):
    copy_fixture(1, home)
    with monkeypatch.context() as m:
        fail_open_json_rename(m, home)
        failed = cli("skip", "initech", "card")
    assert failed.code == 1 and "backup/v1" not in failed.stderr
    assert (home / "backup" / "v1" / "open.json").is_file()  # the originals were kept
    saved = cli("skip", "initech", "card")
    assert saved.code == 0 and "Your data was upgraded" in saved.stderr
    assert "Your data was upgraded" not in cli("skip", "initech", "linkedin").stderr


def test_an_export_into_a_full_device_fails_in_one_line(cli):
    assert cli("add", "Acme Corp").code == 0
    run = cli("export", "--output", "/dev/full")
    assert (run.code, run.stderr) == (
        1,
        "error: could not write /dev/full: the disk is full: free some space and try again "
        "(No space left on device)\n",
    )
