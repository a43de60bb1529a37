"""Rules of the store (storage.store, change, files, validation) that a user relies on:
what is said and kept when a save fails halfway, and how each damaged file is named."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from followup.storage.store import Store
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


def test_closing_a_closed_interview_the_same_way_writes_nothing(cli, files):
    assert cli("add", "Acme").code == 0 and cli("close", "1", "--outcome", "offer").code == 0
    before = files()
    assert cli("close", "1", "--outcome", "offer").code == 0
    assert cli("close", "1").code == 0
    assert files() == before
    assert "closed #1 Acme (offer)" in cli("undo").stdout


def test_a_broken_history_file_does_not_stop_work_on_open_interviews(cli, home, files):
    assert cli("add", "Acme").code == 0 and cli("close", "1").code == 0
    assert cli("add", "Globex").code == 0
    (history,) = (home / "history").iterdir()
    history.write_text("{")
    assert cli("done", "globex", "email").code == 0
    assert history.read_text() == "{"
    refused = cli("show", "1")  # the closed one is refused, naming its file
    assert refused.code == 1
    assert refused.stderr.startswith(f"error: {history} is not valid JSON (line 1, column 2: ")


def test_an_import_keeps_the_time_of_a_newer_copy_and_stamps_what_is_new(cli, home, tmp_path):
    assert cli("add", "Acme Corp", "--at", "2026-11-25 14:00").code == 0
    assert cli("export", "--output", str(tmp_path / "out.json")).code == 0
    data = json.loads((tmp_path / "out.json").read_text())
    newer = data["interviews"][0]
    newer.update(role="Analyst", updated_at="2026-11-26T12:00:00+00:00")
    new = {**newer, "id": 2, "uid": "a" * 32, "company": "Globex", "updated_at": None}
    data["interviews"].append(new)
    (tmp_path / "in.json").write_text(json.dumps(data))
    later = "2026-11-27T09:00:00+00:00"
    assert cli("import", str(tmp_path / "in.json"), env={"FOLLOWUP_NOW": later}).code == 0
    assert {iv.id: iv.updated_at.isoformat() for iv in Store(home).read_all()} == {
        1: "2026-11-26T12:00:00+00:00",
        2: later,
    }


def test_an_open_interview_in_a_history_file_is_refused_naming_it(cli, home, files):
    assert cli("add", "Acme").code == 0 and cli("close", "1").code == 0
    (history,) = (home / "history").iterdir()
    doc = json.loads(history.read_text())
    doc["interviews"][0]["closed"] = False
    history.write_text(json.dumps(doc))
    before = files()
    run = cli("show", "1")
    assert run.code == 1 and files() == before
    assert run.stderr.startswith(
        f"error: {history} has a bad value at interviews[0].closed (interview #1): a history "
        "file holds closed interviews, so closed must be true; the file was left as it is"
    )
