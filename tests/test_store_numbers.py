"""The store's file numbers: a new undo snapshot or history file always gets a new number,
also after older ones were pruned, so that no snapshot `undo` relies on is ever replaced.

Undo keeps the last UNDO_LEVELS changes; older snapshots and history files are removed.
A rule that numbered files by counting them (instead of taking the highest number) would
agree with the right one until the first file is pruned, then hand out a number still in
use: the tests below make more changes than undo keeps, closing interviews now and then
(each close without an answer pending writes a new history file), and undo them one by one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from followup.features import actions
from followup.storage.store import UNDO_LEVELS, Store

NOW = datetime(2026, 11, 26, 10, tzinfo=UTC)
CHANGES = 30
assert CHANGES > UNDO_LEVELS + 5  # enough changes for pruning to happen several times


def change_number(store: Store, n: int) -> None:
    """The n-th change (from 0): add an interview; every third change closes the last one
    added instead (its number: the adds so far)."""
    at = NOW + timedelta(minutes=n)
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
        store.undo(NOW + timedelta(hours=1))
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
