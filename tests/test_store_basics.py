"""The store used directly: round trip, numbers, undo, and history kept apart."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from conftest import NOW_DT, make_store
from followup.core.models import Interviewer
from followup.errors import FollowupError
from followup.features import actions, marking
from followup.storage.store import UNDO_LEVELS, Store


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
        actions.remove_interview(change, actions.find(change, "3"))
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
        actions.find(change, "nope")
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
    import errno
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
    import errno
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
    import errno

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
