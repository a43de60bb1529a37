"""The store used directly: round trip, numbers, undo, and history kept apart."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest

from followup.core.models import Interviewer
from followup.errors import FollowupError
from followup.features import actions, marking
from followup.storage.store import UNDO_LEVELS, Store

NOW = datetime(2026, 11, 26, 10, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data", lock_timeout=2)


def add(store: Store, company: str, **kw):
    with store.change(NOW) as change:
        return actions.add_interview(change, company=company, at=NOW, now=NOW, **kw)


def test_round_trip_keeps_every_field(store):
    iv = add(
        store,
        "Acme",
        role="Analyst",
        notes="SQL\nand {braces}",
        interviewers=[Interviewer(name="Jane", email="j@a.io"), Interviewer(email="x@y.io")],
    )
    with store.change(NOW + timedelta(hours=1)) as change:
        marking.set_steps(change, "1", ["email"], "done", NOW + timedelta(hours=1), who="jane")
    [loaded] = store.read_open().interviews
    kept = {"steps", "updated_at"}
    assert loaded.model_dump(exclude=kept) == iv.model_dump(exclude=kept)
    assert iv.updated_at == NOW and loaded.updated_at == NOW + timedelta(hours=1)  # stamped
    email = next(s for s in loaded.steps if s.step == "email" and s.who == "Jane")
    assert email.status == "done" and email.done_at == NOW + timedelta(hours=1)


def test_numbers_count_up_and_are_never_reused(store):
    assert [add(store, f"C{n}").id for n in range(3)] == [1, 2, 3]
    with store.change(NOW) as change:
        actions.remove_interview(change, actions.find(change, "3"))
    assert add(store, "D").id == 4
    store.undo(NOW)
    store.undo(NOW)  # back before the remove of #3
    assert [iv.id for iv in store.read_open().interviews] == [1, 2, 3]
    assert add(store, "E").id == 5


def test_undo_has_at_least_ten_levels_and_says_what(store):
    for n in range(UNDO_LEVELS + 5):
        add(store, f"C{n}")
    summaries = [store.undo(NOW).summary for _ in range(UNDO_LEVELS)]
    assert summaries[0] == f"added #{UNDO_LEVELS + 5} C{UNDO_LEVELS + 4}"
    assert len(store.read_open().interviews) == 5
    with pytest.raises(FollowupError, match="nothing to undo"):
        store.undo(NOW)


def test_no_change_writes_nothing(store):
    add(store, "Acme")
    before = (store.open_path.read_bytes(), sorted(os.listdir(store.undo_dir)))
    with store.change(NOW) as change:
        marking.set_steps(change, "1", ["phone"], "pending", NOW)  # already pending
    assert (store.open_path.read_bytes(), sorted(os.listdir(store.undo_dir))) == before


def test_failed_change_writes_nothing(store):
    add(store, "Acme")
    before = {p.name: p.read_bytes() for p in store.root.rglob("*") if p.is_file()}
    with pytest.raises(FollowupError), store.change(NOW) as change:
        actions.add_interview(change, company="Globex", at=NOW, now=NOW)
        actions.find(change, "nope")
    after = {p.name: p.read_bytes() for p in store.root.rglob("*") if p.is_file()}
    assert after == before


def test_status_path_never_reads_history(store):
    add(store, "Open one")
    add(store, "Closed one")
    with store.change(NOW) as change:
        actions.close_interview(change, "2", NOW, "offer")
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
        with store.change(NOW) as change:
            actions.close_interview(change, str(n), NOW)
    doc = store.read_open()
    assert len(store.read_all()) == 3 and doc.interviews == []
    referenced = {doc.history} | {e.history for e in doc.undo}
    assert set(os.listdir(store.history_dir)) == referenced - {None}
    assert set(os.listdir(store.undo_dir)) == {e.file for e in doc.undo}


def test_data_files_are_private(store):
    add(store, "Acme")
    assert store.open_path.stat().st_mode & 0o777 == 0o600
    assert store.root.stat().st_mode & 0o777 == 0o700
