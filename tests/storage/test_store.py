"""storage.store: tested directly, and through the commands."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import socket
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import NOW_DT, make_store, snapshot
from followup.core.models import Interviewer
from followup.errors import FollowupError, StoreError
from followup.features import actions, marking
from followup.storage import files
from followup.storage.store import UNDO_LEVELS, Store

# ----------------------------------------------------------------------------
# Rules of the store (storage.store, change, files, validation) that a user relies on:
# what is said and kept when a save fails halfway, and how each damaged file is named.


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


# ----- a hand-edited open.json -----------------------------------------------------------


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


def test_a_temp_that_cannot_be_removed_is_passed_over_and_not_named(tmp_path, monkeypatch):
    first, second = (tmp_path / f".open.json.{x}.tmp" for x in ("aaa", "bbb"))
    for path in (first, second):
        path.write_bytes(b"")
    real = os.unlink

    def unlink(path, *args, **kwargs):
        if Path(path) == first:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    assert files.remove_temps(tmp_path / "open.json") == [second]
    assert first.exists() and not second.exists()


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


@pytest.mark.skipif(os.name != "posix", reason="the clean-up of killed exports is POSIX only")
def test_only_a_killed_exports_own_temp_file_is_removed_and_named(tmp_path):
    import subprocess
    import sys

    from followup.storage.files import TEMP_SUFFIX, remove_dead_temps, temp_prefix_for

    code = "import os; print(os.getpid())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    gone_pid = done.stdout.strip()  # a process that has ended
    writer = subprocess.Popen(["sleep", "60"])  # another export, still writing
    stale = tmp_path / f".out.json.followup-{gone_pid}-abc123{TEMP_SUFFIX}"
    live = tmp_path / f".out.json.followup-{writer.pid}-def456{TEMP_SUFFIX}"
    link = tmp_path / f".ln.json.followup-{gone_pid}-abc123{TEMP_SUFFIX}"  # not a file
    ours = tmp_path / f"{temp_prefix_for(tmp_path / 'out.json')}xyz789{TEMP_SUFFIX}"
    other = tmp_path / f".out.json.followup-{gone_pid}-abc123.txt"  # not the pattern
    folder = tmp_path / f".dir.followup-{gone_pid}-abc123{TEMP_SUFFIX}"  # not a file
    for path in (stale, live, ours, other):
        path.write_text("x")
    folder.mkdir()
    link.symlink_to(other)
    try:
        assert sorted(remove_dead_temps(tmp_path)) == sorted([stale, ours])  # ours: not writing
        with pytest.raises(subprocess.TimeoutExpired):  # asked if alive, never signalled
            writer.wait(timeout=0.3)
    finally:
        writer.kill()
        writer.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, other.name, folder.name, link.name]
    )
    assert remove_dead_temps(tmp_path / "missing") == []


# ----------------------------------------------------------------------------
# The store used directly: round trip, numbers, undo, and history kept apart.


@pytest.fixture
def store(tmp_path):
    return make_store(tmp_path / "data", lock_timeout=2)


def add(store: Store, company: str, **kw):
    with store.change(NOW_DT) as change:
        return actions.add_interview(change, company=company, at=NOW_DT, now=NOW_DT, **kw)


def test_round_trip_keeps_every_field(store):
    iv = add(
        store,
        "Acme",
        role="Analyst",
        notes="SQL\nand {braces}",
        interviewers=[Interviewer(name="Jane", email="j@a.io"), Interviewer(email="x@y.io")],
    )
    with store.change(NOW_DT + timedelta(hours=1)) as change:
        marking.set_steps(change, "1", ["email"], "done", NOW_DT + timedelta(hours=1), who="jane")
    [loaded] = store.read_open().interviews
    kept = {"steps", "updated_at"}
    assert loaded.model_dump(exclude=kept) == iv.model_dump(exclude=kept)
    assert iv.updated_at == NOW_DT and loaded.updated_at == NOW_DT + timedelta(hours=1)  # stamped
    email = next(s for s in loaded.steps if s.step == "email" and s.who == "Jane")
    assert email.status == "done" and email.done_at == NOW_DT + timedelta(hours=1)


def test_numbers_count_up_and_are_never_reused(store):
    assert [add(store, f"C{n}").id for n in range(3)] == [1, 2, 3]
    with store.change(NOW_DT) as change:
        actions.remove_interview(change, actions.interview_named(change, "3"))
    assert add(store, "D").id == 4
    store.undo(NOW_DT)
    store.undo(NOW_DT)  # back before the remove of #3
    assert [iv.id for iv in store.read_open().interviews] == [1, 2, 3]
    assert add(store, "E").id == 5


def test_undo_has_at_least_ten_levels_and_says_what(store):
    for n in range(UNDO_LEVELS + 5):
        add(store, f"C{n}")
    summaries = [store.undo(NOW_DT).summary for _ in range(UNDO_LEVELS)]
    assert summaries[0] == f"added #{UNDO_LEVELS + 5} C{UNDO_LEVELS + 4}"
    assert len(store.read_open().interviews) == 5
    with pytest.raises(FollowupError, match="nothing to undo"):
        store.undo(NOW_DT)


def test_no_change_writes_nothing(store):
    add(store, "Acme")
    before = (store.open_path.read_bytes(), sorted(os.listdir(store.undo_dir)))
    with store.change(NOW_DT) as change:
        marking.set_steps(change, "1", ["phone"], "pending", NOW_DT)  # already pending
    assert (store.open_path.read_bytes(), sorted(os.listdir(store.undo_dir))) == before


def test_failed_change_writes_nothing(store):
    add(store, "Acme")
    before = {p.name: p.read_bytes() for p in store.root.rglob("*") if p.is_file()}
    with pytest.raises(FollowupError), store.change(NOW_DT) as change:
        actions.add_interview(change, company="Globex", at=NOW_DT, now=NOW_DT)
        actions.interview_named(change, "nope")
    after = {p.name: p.read_bytes() for p in store.root.rglob("*") if p.is_file()}
    assert after == before


def test_status_path_never_reads_history(store):
    add(store, "Open one")
    add(store, "Closed one")
    with store.change(NOW_DT) as change:
        actions.close_interview(change, "2", NOW_DT, "withdrawn")  # no reply: to history
    doc = store.read_open()
    assert [iv.id for iv in doc.interviews] == [1] and doc.closed_ids == [2]
    history = store.history_dir / doc.history
    history.write_bytes(b"garbage")  # if anything on the open path read it, it would fail
    assert [iv.id for iv in store.read_open().interviews] == [1]
    with pytest.raises(FollowupError, match="not valid JSON"):
        store.read_all()


def test_history_files_are_written_once_and_old_ones_collected(store):
    for n in range(3):
        add(store, f"C{n}")
    for n in (1, 2, 3):
        with store.change(NOW_DT) as change:
            actions.close_interview(change, str(n), NOW_DT)
    doc = store.read_open()
    assert len(store.read_all()) == 3 and doc.interviews == []
    referenced = {doc.history} | {e.history for e in doc.undo}
    assert set(os.listdir(store.history_dir)) == referenced - {None}
    assert set(os.listdir(store.undo_dir)) == {e.file for e in doc.undo}


def test_data_files_are_private(store):
    add(store, "Acme")
    assert store.open_path.stat().st_mode & 0o777 == 0o600
    assert store.root.stat().st_mode & 0o777 == 0o700


# ----- rules a user relies on, each pinned at its boundary (docs/mutation.md) ---------


def test_undo_reverts_exactly_the_last_twenty_changes(store):
    # the README promises twenty
    for n in range(21):
        add(store, f"C{n}")
    assert [store.undo(NOW_DT).summary for _ in range(20)][-1] == "added #2 C1"
    assert [iv.company for iv in store.read_open().interviews] == ["C0"]
    with pytest.raises(FollowupError) as info:
        store.undo(NOW_DT)
    assert str(info.value) == (
        "nothing to undo: no earlier change is kept (undo keeps the last 20 changes)"
    )


def test_closed_interviews_are_kept_in_number_order(store):
    for name in ("A", "B", "C"):
        add(store, name)
    for ref in ("3", "1", "2"):
        with store.change(NOW_DT) as change:
            actions.close_interview(change, ref, NOW_DT)
    doc = store.read_open()
    assert doc.closed_ids == [1, 2, 3]
    assert [iv.id for iv in store.read_history(doc)] == [1, 2, 3]


def _open_json(store, interviews, closed_ids=(), next_id=None):
    """Write an open.json by hand, as a user editing it would."""
    import json

    store.root.mkdir(parents=True, exist_ok=True)
    doc = {
        "format": "followup-store", "version": store_version(), "next_id": next_id,
        "closed_ids": list(closed_ids),
        "interviews": [
            {"id": n, "uid": f"u{n}", "company": f"C{n}", "at": "2026-11-25T14:00:00Z"}
            for n in interviews
        ],
    }  # fmt: skip
    store.open_path.write_text(json.dumps(doc))


def store_version():
    from followup.core.models import SCHEMA_VERSION

    return SCHEMA_VERSION


@pytest.mark.parametrize(
    ("interviews", "closed", "next_id", "highest"),
    [([1, 5], [], 5, 5), ([1, 2], [7], 7, 7), ([1], [], 1, 1)],
)
def test_a_next_number_already_given_out_is_refused(store, interviews, closed, next_id, highest):
    _open_json(store, interviews, closed, next_id)
    with pytest.raises(FollowupError) as info:
        store.read_open()
    assert (
        f"has a bad value at next_id: {next_id}, but interview #{highest} exists, so numbers "
        f"would be given out twice (next_id should be at least {highest + 1})"
    ) in str(info.value)


@pytest.mark.parametrize(("interviews", "closed"), [([1, 5], []), ([2], [4, 9]), ([], [])])
def test_the_next_number_after_the_highest_is_accepted(store, interviews, closed):
    next_id = max([*interviews, *closed], default=0) + 1
    _open_json(store, interviews, closed, next_id)
    assert [iv.id for iv in store.read_open().interviews] == interviews
    assert add(store, "New").id == next_id


def test_one_number_for_two_interviews_is_refused_naming_both(store):
    _open_json(store, [3, 1, 3], [], 4)
    with pytest.raises(FollowupError, match=r"lists interview #3 twice \(interviews\[0\] and "):
        store.read_open()
    _open_json(store, [1, 2], [2], 3)
    with pytest.raises(FollowupError, match=r"#2 as open \(interviews\[1\]\) and as closed"):
        store.read_open()


def test_a_change_syncs_the_data_folder_after_replacing_open_json(store, monkeypatch):
    """Durability can't be seen without a power cut: check what is synced, in order."""
    import followup.storage.store as store_module

    add(store, "Acme")
    synced: list[str] = []
    real = store_module.fsync_dir
    monkeypatch.setattr(store_module, "fsync_dir", lambda f: (synced.append(str(f)), real(f)))
    add(store, "Globex")
    assert synced[-1] == str(store.root)


@pytest.mark.parametrize("code", ["EINVAL", "ENOTSUP", "EBADF"])
def test_a_folder_sync_the_file_system_does_not_support_still_saves(store, monkeypatch, code):
    import stat

    real = os.fsync

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    add(store, "Acme")
    assert [iv.company for iv in store.read_open().interviews] == ["Acme"]


def test_a_folder_sync_that_fails_says_the_save_may_not_last(store, monkeypatch):
    import stat

    add(store, "Acme")
    real = os.fsync

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "Input/output error")
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(FollowupError) as info:
        add(store, "Globex")
    assert str(info.value) == (
        f"the disk did not confirm the save in {store.undo_dir}: the disk reported an "
        "input/output error (it may be failing) (Input/output error)"
    )
    monkeypatch.undo()
    assert [iv.company for iv in store.read_open().interviews] == ["Acme"]


def test_a_lock_held_elsewhere_gives_up_after_the_timeout_naming_the_setting(store):
    add(store, "Acme")
    waiting = Store(store.root, lock_timeout=0.2)
    with store.lock(), pytest.raises(FollowupError) as info:
        add(waiting, "Globex")
    assert str(info.value) == (
        "another followup command is changing your data and did not finish within 0.2 s "
        f"(lock {store.lock_path}); try again when it has finished (FOLLOWUP_LOCK_TIMEOUT "
        "sets how long to wait)"
    )
    assert [iv.company for iv in store.read_open().interviews] == ["Acme"]


def test_leftovers_of_interrupted_saves_go_and_other_files_stay(store):
    add(store, "Acme")
    strays = [
        store.root / ".open.json.999.tmp",
        store.backup_dir / ".open.json.999.tmp",
        store.undo_dir / "000777.json",
        store.undo_dir / ".000777.json.1.tmp",
    ]
    kept = [store.root / "my notes.txt", store.root / ".config.toml.1.tmp"]
    for path in strays + kept:
        path.write_text("x")
    assert sorted(store.stray_files(store.read_open())) == sorted(strays)
    add(store, "Globex")
    assert [p for p in strays + kept if p.exists()] == kept


def test_a_stray_history_file_is_found_when_the_undo_folder_is_gone(store):
    add(store, "Acme")
    shutil.rmtree(store.undo_dir)
    stray = store.history_dir / "closed-000777.json"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("x")
    assert store.stray_files(store.read_open()) == [stray]


def test_a_backup_that_cannot_be_written_does_not_fail_the_save(store):
    add(store, "Acme")
    store.backup_path.unlink()
    store.backup_dir.rmdir()
    store.backup_dir.write_text("in the way")
    add(store, "Globex")
    assert [iv.company for iv in store.read_open().interviews] == ["Acme", "Globex"]
    assert store.refresh_backup(b"{}") is False


def test_undo_never_gives_a_number_out_again(store):
    add(store, "Acme")
    add(store, "Globex")
    assert store.undo(NOW_DT).summary == "added #2 Globex"
    assert store.read_open().next_id == 3
    assert add(store, "Initech").id == 3


def test_without_hard_links_the_undo_snapshot_is_a_copy(store, monkeypatch):

    add(store, "Acme")
    before = store.open_path.read_bytes()

    def no_link(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    add(store, "Globex")
    snapshot = store.undo_dir / store.read_open().undo[-1].file
    assert snapshot.read_bytes() == before
    assert snapshot.stat().st_nlink == 1 and snapshot.stat().st_mode & 0o777 == 0o600
    assert store.undo(NOW_DT).summary == "added #2 Globex"


def test_reading_everything_while_a_change_replaces_the_history_reads_the_new_one(
    store, monkeypatch
):
    """`list --all` takes no lock: the history file it was about to read may have gone."""
    for name in ("A", "B", "C"):
        add(store, name)
    with store.change(NOW_DT) as change:
        actions.close_interview(change, "1", NOW_DT)
    real = Store.read_history
    raced = []

    def read_history(self, doc):
        if not raced:
            raced.append(1)
            with store.change(NOW_DT) as change:  # another command closes #2 meanwhile
                actions.close_interview(change, "2", NOW_DT)
            # and the history file read before is gone (as after 20 more changes)
            (store.history_dir / doc.history).unlink()
        return real(self, doc)

    monkeypatch.setattr(Store, "read_history", read_history)
    assert [(iv.id, iv.closed) for iv in store.read_all()] == [(1, True), (2, True), (3, False)]


# ----------------------------------------------------------------------------
# The store's file numbers: a new undo snapshot or history file always gets a new number,
# also after older ones were pruned, so that no snapshot `undo` relies on is ever replaced.
#
# Undo keeps the last UNDO_LEVELS changes; older snapshots and history files are removed.
# A rule that numbered files by counting them (instead of taking the highest number) would
# agree with the right one until the first file is pruned, then hand out a number still in
# use: the tests below make more changes than undo keeps, closing interviews now and then
# (each close without an answer pending writes a new history file), and undo them one by one.


CHANGES = 30


assert CHANGES > UNDO_LEVELS + 5  # enough changes for pruning to happen several times


def change_number(store: Store, n: int) -> None:
    """The n-th change (from 0): add an interview; every third change closes the last one
    added instead (its number: the adds so far)."""
    at = NOW_DT + timedelta(minutes=n)
    with store.change(at) as change:
        if n % 3 == 2:
            actions.close_interview(change, str(n - n // 3), at, outcome="withdrawn")
        else:
            actions.add_interview(change, company=f"C{n}", at=at, now=at)


def state(store: Store) -> list[dict]:
    """Every interview, open and closed, as the user sees them."""
    return [iv.model_dump(mode="json") for iv in store.read_all()]


def test_each_undo_restores_the_state_before_its_change(tmp_path):
    store = Store(tmp_path / "data", lock_timeout=2)
    before: list[list[dict]] = []
    for n in range(CHANGES):
        before.append(state(store))
        change_number(store, n)
    for n in reversed(range(CHANGES - UNDO_LEVELS, CHANGES)):
        store.undo(NOW_DT + timedelta(hours=1))
        assert state(store) == before[n], f"undo of change {n} restored another state"


def test_a_new_snapshot_or_history_file_never_takes_a_number_given_before(tmp_path):
    store = Store(tmp_path / "data", lock_timeout=2)
    snapshots: list[str] = []
    histories: list[str] = []
    for n in range(CHANGES):
        change_number(store, n)
        doc = store.read_open()
        snapshot = doc.undo[-1].file
        assert snapshot not in snapshots, f"change {n}: snapshot {snapshot} given out again"
        snapshots.append(snapshot)
        if doc.history not in (None, *histories):
            histories.append(doc.history)
    # one snapshot per change, one history file per close, numbered 1, 2, 3...
    assert snapshots == [f"{i:06d}.json" for i in range(1, CHANGES + 1)]
    assert histories == [f"closed-{i:06d}.json" for i in range(1, CHANGES // 3 + 1)]


def test_through_the_cli_every_undo_brings_back_what_was_there(cli, home):
    def seen() -> list[dict]:
        run = cli("list", "--all", "--json")
        assert run.code == 0, run.stderr
        return run.json()

    before = []
    for n in range(CHANGES):
        before.append(seen())
        args = ("close", str(n - n // 3)) if n % 3 == 2 else ("add", f"C{n}", "--at", "2026-11-25")
        assert cli(*args).code == 0
    for n in reversed(range(CHANGES - UNDO_LEVELS, CHANGES)):
        run = cli("undo")
        assert run.code == 0, run.stderr
        assert seen() == before[n], f"undo of change {n}: {run.stderr}"


# ----------------------------------------------------------------------------
# Undo of a change that replaced the settings file too (`import --settings`).

OLD_SETTINGS = b'name = "Sam Lee"\n'
NEW_SETTINGS = b'name = "Sam Lee"\n"due.email" = "2d"\n'


class Settings:
    """A settings update that makes the file `data` (a `SettingsUpdate`)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def new_bytes(self, current: bytes | None) -> bytes | None:
        return self.data


def add_with_settings(store: Store, data: bytes) -> None:
    with store.change(NOW_DT) as change:
        actions.add_interview(change, company="Acme", at=NOW_DT, now=NOW_DT)
        change.settings = Settings(data)


def files_of(store: Store) -> dict[str, bytes]:
    return {str(p.relative_to(store.root)): p.read_bytes() for p in store.root.rglob("*.*")}


def test_undo_of_settings_made_from_none_goes_on_when_they_were_removed_since(store):
    add(store, "Globex")
    add_with_settings(store, NEW_SETTINGS)  # there was no settings file before it
    store.settings_path.unlink()  # the user removed it by hand since
    assert store.undo(NOW_DT).summary == "added #2 Acme"
    assert [iv.company for iv in store.read_open().interviews] == ["Globex"]
    assert not store.settings_path.exists()


def test_undo_whose_copy_of_the_settings_before_is_gone_names_it_and_the_doctor(store):
    store.root.mkdir(parents=True)
    store.settings_path.write_bytes(OLD_SETTINGS)
    add_with_settings(store, NEW_SETTINGS)
    [kept] = store.undo_dir.glob("*.config.toml")
    kept.unlink()
    before = files_of(store)
    with pytest.raises(StoreError) as info:
        store.undo(NOW_DT)
    assert str(info.value) == (
        f"cannot undo 'added #1 Acme': {kept} (the settings before it) is missing"
    )
    assert info.value.advice == ("doctor", "")  # the CLI adds "; run `followup doctor`"
    assert files_of(store) == before


@pytest.mark.parametrize("old", [OLD_SETTINGS, None])
def test_an_undo_that_fails_writing_open_json_leaves_the_settings_as_they_are(
    store, monkeypatch, old
):
    """The settings go back first; when open.json then cannot be written, they are
    made what they were before the undo again (the change's), not removed."""
    store.root.mkdir(parents=True)
    if old is not None:
        store.settings_path.write_bytes(old)
    add_with_settings(store, NEW_SETTINGS)
    before = files_of(store)

    def full(doc):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "write_open", full)
    with pytest.raises(OSError, match="No space left"):
        store.undo(NOW_DT)
    assert store.settings_path.read_bytes() == NEW_SETTINGS
    assert files_of(store) == before


def test_a_change_closing_an_interview_with_new_settings_is_undone_whole(store):
    # a history file, the snapshot and the settings copy: each kept under its own name
    store.root.mkdir(parents=True)
    store.settings_path.write_bytes(OLD_SETTINGS)
    add(store, "Acme")
    before = store.read_open().interviews
    with store.change(NOW_DT) as change:
        actions.close_interview(change, "1", NOW_DT)
        change.settings = Settings(NEW_SETTINGS)
    assert store.read_open().closed_ids == [1]
    store.undo(NOW_DT)
    assert store.read_open().interviews == before
    assert store.settings_path.read_bytes() == OLD_SETTINGS


def test_an_empty_settings_file_is_empty_again_after_undo(store):
    store.root.mkdir(parents=True)
    store.settings_path.write_bytes(b"")
    add_with_settings(store, NEW_SETTINGS)
    store.undo(NOW_DT)
    assert store.settings_path.read_bytes() == b""


@pytest.mark.parametrize("old", [OLD_SETTINGS, None])
def test_a_change_that_fails_after_writing_the_settings_puts_them_back(store, monkeypatch, old):
    store.root.mkdir(parents=True)
    if old is not None:
        store.settings_path.write_bytes(old)
    add(store, "Globex")
    before = files_of(store)

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("followup.storage.store.replace_file", full)
    with pytest.raises(OSError, match="No space left"):
        add_with_settings(store, NEW_SETTINGS)
    assert files_of(store) == before  # the settings as they were, or none


# ----------------------------------------------------------------------------
# What open.json is written as: text as typed, one value a line.


def test_text_that_cannot_be_saved_is_refused_saying_so_and_nothing_is_written(store):
    """A lone surrogate (a byte the terminal could not decode) cannot be UTF-8."""
    add(store, "Acme")
    before = files_of(store)
    with pytest.raises(StoreError) as info:
        add(store, "caf\udce9")
    assert str(info.value) == (
        "some text you gave is not valid Unicode (a byte your terminal could not decode?): "
        "type it again; nothing was changed"
    )
    assert files_of(store) == before


def test_a_hand_edit_that_breaks_open_json_is_named_by_its_line_and_column(store):
    """One value a line, one space a level: the company of an interview is at column 4
    of its own line, where the error points (docs/storage.md shows it)."""
    add(store, "Acme")
    lines = store.open_path.read_text().splitlines()
    [n] = [i for i, line in enumerate(lines, 1) if '"company": "Acme"' in line]
    store.open_path.write_text(store.open_path.read_text().replace('"company":', "company:"))
    with pytest.raises(StoreError) as info:
        store.read_open()
    assert f"(line {n}, column 4: Expecting property name enclosed in double quotes)" in str(
        info.value
    )
    assert n > 1


# ----------------------------------------------------------------------------
# backup/open.json: a copy of each state saved, best effort and not synced.


def test_a_backup_that_cannot_be_written_is_said_until_one_is(store):
    add(store, "Acme")
    store.backup_path.unlink()
    store.backup_dir.rmdir()
    store.backup_dir.write_text("in the way")
    add(store, "Globex")
    assert store.backup_problem == f"{store.backup_dir} is a file, not a folder: move it away"
    store.backup_dir.unlink()
    add(store, "Initech")
    assert not store.backup_problem
    assert store.backup_path.read_bytes() == store.open_path.read_bytes()
    assert store.refresh_backup(store.open_path.read_bytes()) is True


def test_a_save_syncs_open_json_but_not_its_backup_copy(store, monkeypatch):
    """The backup is a spare (doctor checks it before trusting it): a save does not wait
    for the disk twice."""
    add(store, "Acme")
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    add(store, "Globex")
    assert f"{store.root}/.open.json." in "\n".join(synced)  # open.json's temp file
    assert not [path for path in synced if path.startswith(str(store.backup_dir))], synced


class Given:
    """A settings update that keeps what it was given and makes `result` of it."""

    def __init__(self, result) -> None:
        self.result = result
        self.given: list[bytes | None] = []

    def new_bytes(self, current: bytes | None) -> bytes | None:
        self.given.append(current)
        return self.result(current)


@pytest.mark.parametrize(
    "result", [lambda current: None, lambda current: current], ids=["none", "same"]
)
def test_a_settings_update_that_changes_nothing_keeps_no_copy_for_undo(store, result):
    """The update is given the current file; when it gives nothing new (None, or the same
    bytes), the change is an ordinary one: the settings file is not written again."""
    store.root.mkdir(parents=True)
    store.settings_path.write_bytes(OLD_SETTINGS)
    update = Given(result)
    with store.change(NOW_DT) as change:
        actions.add_interview(change, company="Acme", at=NOW_DT, now=NOW_DT)
        change.settings = update
    assert update.given == [OLD_SETTINGS]
    assert store.read_open().undo[-1].settings is None
    assert not list(store.undo_dir.glob("*.config.*"))
    assert store.settings_path.read_bytes() == OLD_SETTINGS


def test_the_closed_numbers_include_one_closed_in_this_very_change(store: Store):
    """Once the closed interviews are read, one closed a moment ago is among them; its
    number is closed too, before anything is written (the next `add` must not take it)."""
    for company in ("Acme", "Globex"):
        add(store, company)
    with store.change(NOW_DT) as change:
        assert change.closed_ids() == []
        actions.close_interview(change, "1", NOW_DT, "offer")
        assert change.history_loaded()
        assert change.closed_ids() == [1]
        assert [iv.id for iv in change.open] == [2]


def test_a_change_works_on_the_file_parsed_again_never_a_deep_copy(store: Store, monkeypatch):
    """Speed: parsing the bytes again is several times faster than a deep copy."""
    from followup.core.models import OpenDoc

    add(store, "Acme")

    def deep_copy(*_args, **_kwargs):
        raise AssertionError("the working copy was deep-copied")

    monkeypatch.setattr(OpenDoc, "model_copy", deep_copy)
    with store.change(NOW_DT) as change:
        change.open[0].company = "Acme Corp"
        assert change.original.interviews[0].company == "Acme"  # two documents
    assert store.read_open().interviews[0].company == "Acme Corp"


def test_the_first_snapshot_and_history_file_are_number_one_in_empty_folders(store):
    # folders left empty (a user cleared them): numbering starts again at 1, as in none
    store.undo_dir.mkdir(parents=True)
    store.history_dir.mkdir(parents=True)
    with store.change(NOW_DT) as ch:
        actions.add_interview(ch, company="Acme", at=NOW_DT, now=NOW_DT)
    assert store.read_open().undo[-1].file == "000001.json"
    with store.change(NOW_DT) as ch:
        actions.close_interview(ch, "1", NOW_DT)
    assert store.read_open().history == "closed-000001.json"


def test_a_change_saved_without_a_summary_is_undone_as_a_change(store):
    with store.change(NOW_DT) as ch:
        ch.doc.next_id = 5  # no summary given
    assert store.read_open().undo[-1].summary == "a change"
