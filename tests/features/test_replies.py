"""Recording that the company replied and snoozing a step (features/replies.py), called
directly: what they change, what they return, and their messages word for word."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import AT, NOW_DT, make_store
from followup.core.models import Interviewer
from followup.errors import FollowupError
from followup.features import actions, marking
from followup.features.replies import THEY_REPLIED, record_reply, snooze_step
from followup.storage.store import Store

PEOPLE = [Interviewer(name="Jane Doe", email="jane@acme.com"), Interviewer(name="Raj Patel")]
TOKYO = ZoneInfo("Asia/Tokyo")  # UTC+9, no daylight saving


def acme(home: Path) -> Store:
    return make_store(home, {"company": "Acme Corp", "interviewers": PEOPLE})


def refused(store: Store, do) -> FollowupError:
    """The error `do(change)` raises (the change is thrown away)."""
    with pytest.raises(FollowupError) as caught, store.change(NOW_DT) as change:
        do(change)
    return caught.value


# ----- record_reply -----------------------------------------------------------------------


def test_a_reply_recorded_returns_the_checkins_it_skipped_and_the_reply_before(home):
    store = acme(home)
    first_on = NOW_DT - timedelta(hours=3)
    with store.change(NOW_DT) as change:
        done = record_reply(change, "1", first_on, NOW_DT)
    checkin = next(s for s in done.interview.steps if s.step == "checkin")
    assert done.skipped == [checkin]
    assert (checkin.status, checkin.reason, checkin.done_at) == ("skipped", THEY_REPLIED, NOW_DT)
    assert done.before is None
    with store.change(NOW_DT) as change:
        again = record_reply(change, "1", NOW_DT, NOW_DT)
    assert again.before == first_on
    assert again.skipped == []
    assert change.summary == "recorded a reply from #1 Acme Corp"


def test_a_replys_note_is_added_under_the_notes_dated_in_the_zone_given(home):
    """The note keeps its line breaks and follows the notes already there, dated the day
    the reply came where the user is (16:00 UTC on the 25th is the 26th in Tokyo)."""
    store = make_store(home, {"company": "Acme Corp", "notes": "Met Jane\nand Raj"})
    on = AT + timedelta(hours=2)
    with store.change(NOW_DT) as change:
        record_reply(change, "1", on, NOW_DT, note="  second round\nnext week ", tz=TOKYO)
    assert store.read_open().interviews[0].notes == (
        "Met Jane\nand Raj\nReply 2026-11-26: second round\nnext week"
    )


def test_a_reply_at_the_very_time_of_the_interview_is_recorded(home):
    store = acme(home)
    with store.change(NOW_DT) as change:
        record_reply(change, "1", AT, NOW_DT)
    assert store.read_open().interviews[0].replied_at == AT


def test_a_reply_in_the_future_is_refused_in_the_zone_given(home):
    store = acme(home)
    on = NOW_DT + timedelta(hours=1)  # 11:00 UTC, 20:00 in Tokyo
    error = refused(store, lambda change: record_reply(change, "1", on, NOW_DT, tz=TOKYO))
    assert str(error) == (
        "--on 2026-11-26 20:00 is in the future: a reply is recorded once it came "
        "(leave --on out for now)"
    )


def test_a_reply_before_the_interview_is_refused_in_the_zone_given(home):
    store = acme(home)
    on = AT - timedelta(minutes=1)  # 13:59 UTC, 22:59 in Tokyo; the interview at 23:00
    error = refused(store, lambda change: record_reply(change, "1", on, NOW_DT, tz=TOKYO))
    assert str(error) == (
        "--on 2026-11-25 22:59 is before #1 Acme Corp took place (2026-11-25 23:00): "
        "give the day their reply came"
    )


# ----- snooze_step ------------------------------------------------------------------------


def test_a_snooze_names_whose_steps_it_moved_in_the_undo_line(home):
    store = acme(home)
    until = NOW_DT + timedelta(days=3)
    with store.change(NOW_DT) as change:
        _, moved = snooze_step(change, "1", "card", until, NOW_DT)
    assert [(s.who, s.due) for s in moved] == [("Jane Doe", until), ("Raj Patel", until)]
    assert change.summary == "snoozed card (Jane Doe) (Raj Patel) on #1 Acme Corp"
    with store.change(NOW_DT) as change:
        snooze_step(change, "1", "checkin", until, NOW_DT)
    assert change.summary == "snoozed checkin on #1 Acme Corp"


def test_a_snooze_to_a_time_not_later_than_now_is_refused_with_an_example(home):
    store = acme(home)
    error = refused(store, lambda change: snooze_step(change, "1", "card", NOW_DT, NOW_DT))
    assert str(error) == (
        "--until must be later than now: a snooze puts a step off to a time to come "
        '(e.g. --until "monday 9am" or --until "in 3 days")'
    )


def test_a_step_no_longer_pending_is_not_snoozed_and_its_states_are_named(home):
    store = acme(home)
    with store.change(NOW_DT) as change:
        marking.set_steps(change, "1", ["email"], "done", NOW_DT, who="jane")
    with store.change(NOW_DT) as change:
        marking.set_steps(change, "1", ["email"], "skipped", NOW_DT, who="raj")
    later = NOW_DT + timedelta(days=1)
    error = refused(store, lambda change: snooze_step(change, "1", "email", later, NOW_DT))
    assert str(error) == (
        "the email step of #1 Acme Corp is done/skipped, not pending: only a step still "
        "to do can be snoozed"
    )
    assert error.advice == ("reopen-step", 1, "email")


def test_a_decision_may_be_snoozed_to_the_offers_deadline_and_not_past_it(home):
    store = acme(home)
    deadline = NOW_DT + timedelta(days=3)  # 2026-11-29 10:00
    with store.change(NOW_DT) as change:
        actions.close_interview(change, "1", NOW_DT, "offer", deadline=deadline)
    past = deadline + timedelta(minutes=1)
    error = refused(store, lambda change: snooze_step(change, "1", "decide", past, NOW_DT))
    assert str(error) == (
        "--until 2026-11-29 10:01 is after the offer's deadline (2026-11-29 10:00): the "
        "decision cannot wait past it (if they gave you longer, close it again as an offer "
        "with the new --deadline)"
    )
    with store.change(NOW_DT) as change:
        _, moved = snooze_step(change, "1", "decide", deadline, NOW_DT)
    assert [(s.step, s.due) for s in moved] == [("decide", deadline)]
