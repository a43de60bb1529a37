"""Check-ins that move right: with the decision date while pending, never once finished;
the next one after `due.checkin_again`; `1bd4h` counted business days first; and
`reopen N checkin` reopening the last one finished. Through the CLI and directly.

"Now" is Thursday 26 November 2026, 10:00 UTC; the interview Wednesday 25 November, 14:00.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from conftest import NOW_DT, make_store
from followup.core.checklist import checkins
from followup.features import marking
from followup.storage.store import Store


def chain(cli, number: str = "1") -> list[tuple[str, str]]:
    """(status, due) of each check-in of interview `number`, in order."""
    run = cli("show", number, "--json")
    assert run.code == 0, run.stderr
    return [(s["status"], s["due"]) for s in run.json()["steps"] if s["step"] == "checkin"]


def ok(run):
    assert run.code == 0, run.stderr
    return run


@pytest.fixture
def acme(cli):
    ok(cli("add", "Acme Corp", "--at", "2026-11-25 14:00"))


#: The second check-in, added by ticking the first now: 5bd after now.
SECOND = "2026-12-03T10:00:00+00:00"


def test_edit_decision_moves_the_second_checkin_while_it_is_pending(cli, acme):
    ok(cli("done", "1", "checkin"))  # early: the first was due Wed 2 Dec
    assert chain(cli) == [("done", "2026-12-02T14:00:00+00:00"), ("pending", SECOND)]
    ok(cli("edit", "1", "--decision", "2026-12-18"))  # a Friday: +2bd is Tuesday 22nd
    assert chain(cli)[1] == ("pending", "2026-12-22T09:00:00+00:00")
    ok(cli("edit", "1", "--decision", "none"))  # back to 5bd after the last one sent
    assert chain(cli)[1] == ("pending", SECOND)


def test_an_earlier_decision_never_brings_the_next_checkin_before_checkin_again(cli, acme):
    ok(cli("done", "1", "checkin"))
    ok(cli("edit", "1", "--decision", "2026-11-27"))  # its check-in: Tue 1 Dec
    assert chain(cli)[1] == ("pending", SECOND)


def test_edit_decision_moves_the_only_checkin_while_pending(cli, acme):
    ok(cli("edit", "1", "--decision", "2026-12-04"))
    assert chain(cli) == [("pending", "2026-12-08T09:00:00+00:00")]


@pytest.mark.parametrize("finish", [("done",), ("skip",)])
@pytest.mark.parametrize(
    "edit", [("--decision", "2026-12-18"), ("--at", "2026-11-24 09:00"), ("--decision", "none")]
)
def test_a_finished_checkin_never_moves_even_the_only_one(cli, acme, finish, edit):
    ok(cli("config", "checkin.max", "1"))  # ticking it adds no other
    if edit == ("--decision", "none"):
        ok(cli("edit", "1", "--decision", "2026-12-01"))
    ok(cli(*finish, "1", "checkin"))
    (before,) = chain(cli)
    ok(cli("edit", "1", *edit))
    assert chain(cli) == [before]


def test_a_finished_checkin_before_a_pending_one_stays_where_it_was(cli, acme):
    ok(cli("done", "1", "checkin"))
    ok(cli("skip", "1", "checkin"))
    before = chain(cli)
    ok(cli("edit", "1", "--decision", "2026-12-18", "--at", "2026-11-25 09:00"))
    assert chain(cli) == before


def test_the_second_checkin_counts_from_checkin_again_not_checkin_no_date(cli, acme):
    ok(cli("config", "due.checkin_no_date", "1bd"))
    ok(cli("config", "due.checkin_again", "8bd"))
    ok(cli("add", "Globex", "--at", "2026-11-25 14:00"))  # 1bd: Thu 26 Nov 14:00
    assert chain(cli, "2") == [("pending", "2026-11-26T14:00:00+00:00")]
    ok(cli("done", "2", "checkin"))  # now: Thu 26 Nov 10:00; 8bd later is Tue 8 Dec
    assert chain(cli, "2")[1] == ("pending", "2026-12-08T10:00:00+00:00")
    ok(cli("edit", "2", "--at", "2026-11-25 15:00"))  # re-timed: the same rule
    assert chain(cli, "2")[1] == ("pending", "2026-12-08T10:00:00+00:00")


@pytest.mark.parametrize(
    ("at", "due"),
    [
        ("2026-11-20 22:00", "2026-11-24T02:00:00+00:00"),  # Friday: Monday 22:00, + 4 h
        ("2026-11-22 10:00", "2026-11-23T14:00:00+00:00"),  # Sunday: Monday 10:00, + 4 h
        ("2026-11-19 22:00", "2026-11-21T02:00:00+00:00"),  # Thursday: into Saturday night
    ],
)
def test_a_due_delay_of_1bd4h_counts_the_business_day_then_the_hours(cli, at, due):
    ok(cli("config", "due.email", "1bd4h"))
    ok(cli("add", "Acme Corp", "--at", at))
    email = [s["due"] for s in cli("show", "1", "--json").json()["steps"] if s["step"] == "email"]
    assert email == [due]


def test_1bd4h_on_the_eve_of_a_holiday_skips_it_then_adds_the_hours(cli):
    ok(cli("config", "holidays.country", "US"))  # Thursday 26 November: Thanksgiving
    ok(cli("config", "due.email", "1bd4h"))
    ok(cli("config", "due.checkin_no_date", "1bd4h"))
    ok(cli("add", "Acme Corp", "--at", "2026-11-25 22:00"))
    due = {s["step"]: s["due"] for s in cli("show", "1", "--json").json()["steps"]}
    assert due["email"] == "2026-11-28T02:00:00+00:00"  # Friday 22:00, + 4 h
    # A check-in needs a working day: Saturday 02:00 moves to Monday 02:00.
    assert due["checkin"] == "2026-11-30T02:00:00+00:00"


def test_reopen_checkin_after_a_done_and_a_skipped_one_reopens_the_skipped_one(cli, acme):
    ok(cli("done", "1", "checkin"))
    ok(cli("skip", "1", "checkin"))
    assert [s for s, _ in chain(cli)] == ["done", "skipped"]
    ok(cli("reopen", "1", "checkin"))
    assert [s for s, _ in chain(cli)] == ["done", "pending"]
    run = ok(cli("reopen", "1", "checkin"))  # now the done one, and the one it added goes
    assert chain(cli) == [("pending", "2026-12-02T14:00:00+00:00")]
    assert "taken back" in run.stderr


def test_reopen_checkin_takes_back_the_pending_one_added_after_the_last_done(cli, acme):
    ok(cli("config", "checkin.max", "3"))
    ok(cli("done", "1", "checkin"))
    ok(cli("done", "1", "checkin", env={"FOLLOWUP_NOW": "2026-12-04T10:00:00+00:00"}))
    assert [s for s, _ in chain(cli)] == ["done", "done", "pending"]
    ok(cli("reopen", "1", "checkin"))
    assert [s for s, _ in chain(cli)] == ["done", "pending"]


@pytest.fixture
def store(home: Path) -> Store:
    return make_store(home, {"company": "Acme Corp"})


def mark(store: Store, status: str, now: datetime = NOW_DT) -> marking.StepChanges:
    with store.change(now) as ch:
        return marking.set_steps(ch, "1", ["checkin"], status, now)


def test_set_steps_reopens_the_last_finished_checkin_and_reports_what_it_took_back(store):
    mark(store, "done")
    second = checkins(store.read_open().interviews[0])[1]
    mark(store, "skipped")
    reopened = mark(store, "pending")
    assert [(s.due, s.status) for s in reopened.changed] == [(second.due, "pending")]
    assert reopened.removed == []
    reopened = mark(store, "pending")
    assert [s.status for s in reopened.changed] == ["pending"]
    assert [s.due for s in reopened.removed] == [second.due]
    assert [s.status for s in checkins(store.read_open().interviews[0])] == ["pending"]
