"""`followup stats`: the season at a glance. Its numbers are checked against a season
built through the real CLI (counted by hand below) and against generated seasons, whose
numbers this file computes from what it generated, not with the code under test."""

from __future__ import annotations

import json
import statistics
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import NOW_DT
from followup.core.models import OUTCOMES, Interview, Step
from followup.features.stats import OUTCOME_KEYS, days_to_reply, on_time, season


def test_a_snoozed_step_is_on_time_only_by_the_time_it_had_before():
    due, later = NOW_DT - timedelta(days=5), NOW_DT + timedelta(days=2)
    snoozed = Step(step="card", due=later, snoozed_from=due)
    done_between = snoozed.model_copy(update={"status": "done", "done_at": due + timedelta(1)})
    done_before = snoozed.model_copy(update={"status": "done", "done_at": due})
    assert on_time(done_between, NOW_DT) is False
    assert on_time(done_before, NOW_DT) is True
    assert on_time(snoozed, NOW_DT) is False  # pending, past the time it had: late
    assert on_time(Step(step="card", due=later), NOW_DT) is None  # pending, not yet due
    assert on_time(Step(step="card", due=due, status="skipped", done_at=due), NOW_DT) is None


def test_a_step_done_at_a_time_not_recorded_is_neither_on_time_nor_late():
    # version-1 exports recorded no done_at
    done = Step(step="card", due=NOW_DT - timedelta(days=3), status="done")
    assert done.done_at is None and on_time(done, NOW_DT) is None


def test_an_open_interview_s_reply_time_runs_to_its_reply_never_to_an_old_closing():
    at = NOW_DT - timedelta(days=10)
    # closed_at left on an open interview (a hand-edited or imported file): not its end
    stale = Interview(id=1, uid="a", company="A", at=at, closed_at=at + timedelta(days=1))
    assert days_to_reply(stale) is None
    closed = stale.model_copy(update={"closed": True})
    assert days_to_reply(closed) == 1.0
    replied = stale.model_copy(update={"replied_at": at + timedelta(days=4)})
    assert days_to_reply(replied) == 4.0


def test_every_application_closed_without_an_outcome_is_counted():
    at = NOW_DT - timedelta(days=10)
    ivs = [
        Interview(id=n, uid=str(n), company=c, at=at, closed=True, closed_at=at)
        for n, c in ((1, "A"), (2, "B"), (3, "C"))
    ]
    ivs[2].outcome = "offer"
    counted = season(ivs, NOW_DT)
    assert counted.unknown_outcome == 2 and counted.outcomes["offer"] == 1


KINDS = ("email", "linkedin", "card", "phone", "checkin")


step_specs = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.sampled_from(["pending", "done", "skipped"]),
        st.integers(-20 * 24, 5 * 24),  # due, hours from now
        st.integers(-10 * 24, 10 * 24),  # done, hours from the due time
        st.one_of(st.none(), st.integers(1, 10 * 24)),  # snoozed: hours later than the due
    ),
    max_size=6,
)


round_specs = st.tuples(
    st.integers(1, 40 * 24),  # the interview, hours before now
    st.one_of(st.none(), st.integers(-24, 30 * 24)),  # a reply, hours after the interview
    st.integers(0, 30 * 24),  # closed, hours after the interview
    step_specs,
)


applications = st.lists(
    st.tuples(
        st.lists(round_specs, min_size=1, max_size=3),
        st.sampled_from([None, "open", *OUTCOMES]),  # how the last round ended (None: closed)
        st.booleans(),  # the earlier rounds closed with it
    ),
    max_size=8,
)


@settings(max_examples=150)
@given(applications)
def test_generated_seasons_give_the_numbers_counted_here(apps):
    interviews: list[Interview] = []
    expected_outcomes = dict.fromkeys(OUTCOME_KEYS, 0)
    counted = on_time_count = replied = 0
    days: list[float] = []
    reached: list[int] = []
    for rounds, ending, earlier_closed in apps:
        if ending is not None:
            expected_outcomes[ending] += 1
        for n in range(len(rounds)):
            if len(reached) <= n:
                reached.append(0)
            reached[n] += 1
        previous = None
        for index, (hours_ago, reply, closed_after, steps) in enumerate(rounds):
            last = index == len(rounds) - 1
            when = NOW_DT - timedelta(hours=hours_ago)
            closed = (ending != "open") if last else earlier_closed and ending != "open"
            outcome = ending if closed and ending in OUTCOMES else None
            replied_at = None if reply is None else when + timedelta(hours=reply)
            closed_at = when + timedelta(hours=closed_after) if closed else None
            made: list[Step] = []
            for kind, status, due_hours, done_hours, snooze in steps:
                due = NOW_DT + timedelta(hours=due_hours)
                done_at = due + timedelta(hours=done_hours) if status != "pending" else None
                moved = due + timedelta(hours=snooze) if snooze else due
                made.append(
                    Step(step=kind, due=moved, status=status, done_at=done_at,
                         snoozed_from=due if snooze else None)
                )  # fmt: skip
                if status == "done":
                    counted += 1
                    on_time_count += done_hours <= 0
                elif status == "pending" and due_hours < 0:
                    counted += 1
            number = len(interviews) + 1
            interviews.append(
                Interview(
                    id=number, uid=f"u{number}", company=f"Company {len(reached)}", at=when,
                    round=index + 1, previous=previous, closed=closed, outcome=outcome,
                    replied_at=replied_at, closed_at=closed_at, steps=made,
                )
            )  # fmt: skip
            previous = number
            if replied_at is not None or outcome in ("offer", "rejected"):
                replied += 1
                end = replied_at if replied_at is not None else closed_at
                days.append(max(0.0, (end - when).total_seconds() / 86400))  # type: ignore[operator]
    got = season(interviews, NOW_DT).as_json()
    assert got["applications"] == len(apps)
    assert got["interviews"] == sum(len(rounds) for rounds, _, _ in apps)
    assert got["outcomes"] == expected_outcomes
    assert got["on_time"] == (round(on_time_count / counted, 3) if counted else None)
    assert got["replied"] == replied
    assert got["median_days_to_reply"] == (round(statistics.median(days), 1) if days else None)
    assert got["rounds"] == reached
    json.dumps(got)  # plain JSON values only
