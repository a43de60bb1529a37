"""Rules of the store (storage.store, change, files, validation) that a user relies on:
what is said and kept when a save fails halfway, and how each damaged file is named."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import snapshot
from followup.errors import StoreError
from followup.features import actions, marking
from followup.storage import files
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


# ----- a hand-edited open.json -----------------------------------------------------------


def hand_edit(cli, home: Path, edit) -> str:
    """Add Acme Corp, edit open.json by hand with `edit(doc)`; return `status`'s error line,
    after checking that nothing was written."""
    assert cli("add", "Acme Corp").code == 0
    doc = json.loads((home / "open.json").read_text())
    edit(doc)
    (home / "open.json").write_text(json.dumps(doc, indent=1))
    before = snapshot(home)
    run = cli("add", "Globex")
    assert run.code == 1 and snapshot(home) == before
    (line,) = run.stderr.splitlines()
    message, recover = line.split("; the file was left as it is: fix it by hand", 1)
    assert "followup doctor" in recover  # how to recover follows
    return message


def test_a_bad_value_is_quoted_as_it_is_written_in_the_file(cli, home):
    def edit(doc):
        doc["interviews"][0]["closed"] = None

    assert hand_edit(cli, home, edit) == (
        f"error: {home}/open.json has a bad value at interviews[0].closed (interview #1 Acme "
        "Corp): Input should be a valid boolean (found null)"
    )


def test_an_interview_that_is_not_an_object_is_named_by_its_place(cli, home):
    def edit(doc):
        doc["interviews"] = [5, 6]
        doc["next_id"] = 7

    assert hand_edit(cli, home, edit) == (
        f"error: {home}/open.json has a bad value at interviews[0]: Input should be an "
        "object (found 5) (and 1 more problem)"
    )


# ----- moving and securing files (the doctor's repairs) ----------------------------------


def test_a_move_takes_the_file_away_unless_asked_to_keep_it(tmp_path: Path):
    source, kept, moved = tmp_path / "a.json", tmp_path / "kept.json", tmp_path / "b.json"
    source.write_bytes(b"{}")
    files.move(source, kept, keep_source=True)
    assert source.read_bytes() == kept.read_bytes() == b"{}"
    assert source.stat().st_ino == kept.stat().st_ino  # a link, not a copy
    files.move(source, moved)
    assert not source.exists() and moved.read_bytes() == b"{}"


def test_a_move_that_fails_names_both_files_and_why(tmp_path: Path):
    source, dest = tmp_path / "a.json", tmp_path / "nowhere" / "b.json"
    source.write_bytes(b"{}")
    with pytest.raises(StoreError) as caught:
        files.move(source, dest)
    assert str(caught.value) == f"could not move {source} to {dest}: No such file or directory"
    assert source.read_bytes() == b"{}"


def test_making_a_missing_file_private_fails_naming_it(tmp_path: Path):
    with pytest.raises(StoreError) as caught:
        files.make_private(tmp_path / "gone.json")
    assert str(caught.value) == (
        f"could not change the mode of {tmp_path}/gone.json: No such file or directory"
    )


# ----- when each interview last changed --------------------------------------------------

T = [datetime(2026, 11, 26, 10, 0, tzinfo=UTC) + timedelta(hours=h) for h in range(6)]


def stamps(store: Store) -> dict[int, datetime | None]:
    return {iv.id: iv.updated_at for iv in store.read_all()}


def test_each_interview_keeps_the_time_of_its_own_last_change(home: Path):
    store = Store(home)
    for company in ("Acme", "Globex"):
        with store.change(T[0]) as ch:
            actions.add_interview(ch, company=company, at=T[0], now=T[0])
    with store.change(T[1]) as ch:
        marking.set_steps(ch, "acme", ["email"], "done", T[1])
    assert stamps(store) == {1: T[1], 2: T[0]}
    with store.change(T[2]) as ch:
        actions.close_interview(ch, "acme", T[2])
    assert stamps(store) == {1: T[2], 2: T[0]}
    with store.change(T[3]) as ch:  # a closed interview changed
        actions.close_interview(ch, "1", T[3], "offer")
    assert stamps(store) == {1: T[3], 2: T[0]}
    with store.change(T[4]) as ch:  # a new round, and its closed earlier round changed too
        actions.next_round(ch, "1", at=T[4], now=T[4])
    assert stamps(store) == {1: T[4], 2: T[0], 3: T[4]}
    with store.change(T[5]) as ch:  # the history read, not changed
        actions.close_interview(ch, "globex", T[5])
    assert stamps(store) == {1: T[4], 2: T[5], 3: T[4]}


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


# ----- writing where the user says (export --output) -------------------------------------


@pytest.mark.parametrize("form", ["/dev/fd/{}", "/proc/self/fd/{}"])
def test_an_open_descriptor_is_written_into(form):
    read, write = os.pipe()
    try:
        assert files.write_output(Path(form.format(write)), b"data\n", replace=False) == "into"
        os.close(write)
        assert os.read(read, 100) == b"data\n"
    finally:
        os.close(read)
        with contextlib.suppress(OSError):
            os.close(write)


def test_a_device_is_written_into_never_replaced(tmp_path: Path):
    assert files.write_output(Path("/dev/null"), b"data", replace=False) == "into"
    assert Path("/dev/null").is_char_device()


def test_a_file_is_new_then_replaced_only_when_asked(tmp_path: Path):
    path = tmp_path / "out.json"
    assert files.write_output(path, b"one", replace=False) == "new"
    with pytest.raises(files.Exists) as caught:
        files.write_output(path, b"two", replace=False)
    assert str(caught.value) == f"{path} exists" and path.read_bytes() == b"one"
    path.chmod(0o644)
    assert files.write_output(path, b"two", replace=True) == "replaced"
    assert path.read_bytes() == b"two" and stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_socket_that_cannot_be_opened_is_named_with_why(tmp_path: Path):
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(StoreError) as caught:
            files.write_output(path, b"data", replace=True)
    assert str(caught.value) == f"could not write {path}: No such device or address"


def test_a_path_through_a_file_cannot_be_used(tmp_path: Path):
    (tmp_path / "file").write_bytes(b"")
    path = tmp_path / "file" / "out.json"
    with pytest.raises(StoreError) as caught:
        files.write_output(path, b"data", replace=True)
    assert str(caught.value) == f"cannot use {path}: Not a directory"


def test_removing_temps_in_a_missing_folder_removes_nothing(tmp_path: Path):
    assert files.remove_temps(tmp_path / "missing" / "open.json") == []
    (tmp_path / ".open.json.abc123.tmp").write_bytes(b"")
    (tmp_path / ".other.json.abc123.tmp").write_bytes(b"")
    assert files.remove_temps(tmp_path / "open.json") == [tmp_path / ".open.json.abc123.tmp"]
    assert [p.name for p in tmp_path.iterdir()] == [".other.json.abc123.tmp"]


def test_stdout_redirected_to_a_file_is_written_into_not_replaced(tmp_path: Path):
    # `followup export --output /dev/stdout > out.json`: the shell's file is written into.
    path = tmp_path / "out.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        assert files.write_output(Path(f"/dev/fd/{fd}"), b"data", replace=False) == "into"
    finally:
        os.close(fd)
    assert path.read_bytes() == b"data"


def test_a_socket_as_stdout_is_written_into(tmp_path: Path):
    mine, theirs = socket.socketpair()
    with mine, theirs:
        assert files.write_output(Path(f"/dev/fd/{mine.fileno()}"), b"x", replace=False) == "into"
        assert theirs.recv(10) == b"x"


def test_a_descriptor_that_fails_is_named_as_given():
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        with pytest.raises(StoreError) as caught:
            files.write_output(Path(f"/dev/fd/{fd}"), b"data", replace=True)
    finally:
        os.close(fd)
    assert str(caught.value) == (
        f"could not write /dev/fd/{fd}: the disk is full: free some space and try again "
        "(No space left on device)"
    )


def test_a_folder_given_as_output_is_refused_with_a_file_name_to_use(tmp_path: Path):
    with pytest.raises(StoreError) as caught:
        files.write_output(tmp_path, b"data", replace=True)
    assert str(caught.value) == (
        f"{tmp_path} is a folder: give a file name, such as {tmp_path}/followup.json"
    )


def test_a_store_used_without_the_cli_waits_for_the_lock_as_long_as_the_cli(monkeypatch):
    from followup.cli.environment import lock_timeout

    monkeypatch.delenv("FOLLOWUP_LOCK_TIMEOUT")
    assert Store(Path("anywhere")).lock_timeout == lock_timeout() == 10


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


@pytest.mark.skipif(os.name != "posix", reason="the clean-up of killed exports is POSIX only")
def test_only_a_killed_exports_own_temp_file_is_removed_and_named(tmp_path):
    import subprocess
    import sys

    from followup.storage.files import TEMP_SUFFIX, output_temp_prefix, remove_output_temps

    code = "import os; print(os.getpid())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    gone_pid = done.stdout.strip()  # a process that has ended
    writer = subprocess.Popen(["sleep", "60"])  # another export, still writing
    stale = tmp_path / f".out.json.followup-{gone_pid}-abc123{TEMP_SUFFIX}"
    live = tmp_path / f".out.json.followup-{writer.pid}-def456{TEMP_SUFFIX}"
    link = tmp_path / f".ln.json.followup-{gone_pid}-abc123{TEMP_SUFFIX}"  # not a file
    ours = tmp_path / f"{output_temp_prefix(tmp_path / 'out.json')}xyz789{TEMP_SUFFIX}"
    other = tmp_path / f".out.json.followup-{gone_pid}-abc123.txt"  # not the pattern
    folder = tmp_path / f".dir.followup-{gone_pid}-abc123{TEMP_SUFFIX}"  # not a file
    for path in (stale, live, ours, other):
        path.write_text("x")
    folder.mkdir()
    link.symlink_to(other)
    try:
        assert sorted(remove_output_temps(tmp_path)) == sorted([stale, ours])  # ours: not writing
        with pytest.raises(subprocess.TimeoutExpired):  # asked if alive, never signalled
            writer.wait(timeout=0.3)
    finally:
        writer.kill()
        writer.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, other.name, folder.name, link.name]
    )
    assert remove_output_temps(tmp_path / "missing") == []
