"""features.marking: tested directly, and through the commands that use it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import AT, NOW_DT
from followup.core.business_days import Delay, add_business_days, is_business_day
from followup.core.checklist import (
    DEFAULT_SCHEDULE,
    Schedule,
    checkins,
    derive_steps,
    follow_up_checkin,
    keep_snoozed,
)
from followup.core.durations import parse_delay
from followup.core.models import Interview, Interviewer, Step, Topic
from followup.errors import FollowupError
from followup.features import actions, marking, replies
from followup.storage.store import Store

# ----------------------------------------------------------------------------
# Check-ins that move right: with the decision date while pending, never once finished;
# the next one after `due.checkin_again`; `1bd4h` counted business days first; and
# `reopen N checkin` reopening the last one finished. Through the CLI and directly.
#
# "Now" is Thursday 26 November 2026, 10:00 UTC; the interview Wednesday 25 November, 14:00.


def test_the_rules_keep_the_two_delays_apart():
    rules = Schedule(checkin_no_date=Delay(1), checkin_again=Delay(8))
    iv = Interview(id=1, uid="uid-1", company="Acme", at=AT)
    iv.steps = derive_steps(iv, rules)
    first = checkins(iv)[0]
    first.status, first.done_at = "done", NOW_DT
    second = follow_up_checkin(iv, rules, NOW_DT)
    assert second is not None and second.due == datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


@given(
    sent=st.datetimes(
        min_value=datetime(2026, 11, 25, 15), max_value=datetime(2027, 3, 1), timezones=st.just(UTC)
    ),
    again=st.integers(0, 10),
    decision=st.none() | st.integers(0, 30),
)
def test_re_timing_with_nothing_changed_leaves_the_next_checkin_where_ticking_put_it(
    sent, again, decision
):
    rules = Schedule(checkin_again=Delay(again))
    iv = Interview(id=1, uid="uid-1", company="Acme", at=AT)
    if decision is not None:
        iv.decision = AT + timedelta(days=decision)
    iv.steps = derive_steps(iv, rules)
    first = checkins(iv)[0]
    first.status, first.done_at = "done", sent
    second = follow_up_checkin(iv, rules, sent)
    assert second is not None
    iv.steps.append(second)
    assert second.due >= rules.next_checkin(sent) and second.due >= rules.first_checkin(iv)
    assert derive_steps(iv, rules, retime=True) == iv.steps


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 20, 22, 0), datetime(2026, 11, 24, 2, 0)),  # Friday
        (datetime(2026, 11, 22, 10, 0), datetime(2026, 11, 23, 14, 0)),  # Sunday
        (datetime(2026, 11, 25, 22, 0), datetime(2026, 11, 28, 2, 0)),  # eve of a holiday
    ],
)
def test_delay_1bd4h_at_the_edges_of_the_week(moment, expected):
    _, delay = parse_delay("1bd4h")
    holidays = frozenset({date(2026, 11, 26)})
    assert delay.after(moment.replace(tzinfo=UTC), holidays, UTC) == expected.replace(tzinfo=UTC)


@given(
    moment=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    days=st.integers(1, 5),
    hours=st.integers(1, 23),
    zone=st.sampled_from(["UTC", "Europe/Berlin", "America/New_York"]),
)
def test_the_hours_of_a_mixed_delay_come_after_the_business_days(moment, days, hours, zone):
    tz = ZoneInfo(zone)
    start = moment.replace(tzinfo=tz)
    span = timedelta(hours=hours)
    due = Delay(days, span).after(start, tz=tz)
    counted = add_business_days(start, days, tz=tz)
    assert due - span == counted  # the hours are real hours, added last
    assert is_business_day(counted.astimezone(tz).date())


# ----------------------------------------------------------------------------
# Rules of the commands that change interviews and their steps (features.actions and
# features.marking), through the store as the CLI uses it, and through the CLI itself.
#
# Each test is a rule a user relies on: which names in a topic are taken for a person,
# what a rename keeps, what the next round takes over, where a reopened interview goes,
# and which check-in `done` and `reopen` mean.


#: The first check-in: five business days after the interview.
CHECKIN_DUE = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)


def people(*names: str) -> list[Interviewer]:
    return [Interviewer(name=n) for n in names]


@pytest.fixture
def store(home: Path) -> Store:
    s = Store(home)
    with s.change(NOW_DT) as ch:
        actions.add_interview(
            ch, company="Acme Corp", role="Analyst", at=AT, now=NOW_DT,
            interviewers=[Interviewer(name="Jane Doe", email="jane@acme.com"),
                          Interviewer(name="Raj Patel")],
        )  # fmt: skip
    return s


def mark(store: Store, words, status, now, **kwargs) -> marking.StepChanges:
    with store.change(now) as ch:
        return marking.set_steps(ch, "1", words, status, now, **kwargs)


def chain(store: Store) -> list[Step]:
    return checkins(store.read_open().interviews[0])


PANEL = people("Raj Patel", "Sam Wu")


# ----- who a topic is about --------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["J", "Dr. Lee", "Mary-Jane", "O'Brien", "Mary Jane Watson", "Jnae", "J. Smith", "J.R. Lee"],
)
def test_a_topic_for_a_name_that_is_not_on_the_panel_is_refused(name):
    # An initial, a title, a hyphen or an apostrophe, up to three words: a name, so
    # a typo is refused rather than quoted to everyone.
    raw = f"{name}: their move to dbt"
    with pytest.raises(FollowupError) as caught:
        actions.parse_topics([raw], PANEL)
    assert str(caught.value) == (
        f"topic {raw!r}: {name!r} names no interviewer (they are Raj Patel, Sam Wu): fix "
        f'the name, as in "Raj Patel: their move to dbt", or, for a topic for everyone, put '
        f"no colon after {name!r}"
    )


@pytest.mark.parametrize("raw", ["QA: the test plan", "SQL: window functions", "A B C D: x y"])
def test_a_topic_whose_head_is_no_name_stays_whole_for_everyone(raw):
    assert actions.parse_topics([raw], PANEL) == [Topic(text=raw, who=None)]


def test_renames_in_one_edit_apply_one_after_the_other(store: Store):
    with store.change(NOW_DT) as ch:
        _, what = actions.edit_interview(
            ch,
            "1",
            rename_with=[
                ("jane", Interviewer(name="Janet Doe")),
                ("janet", Interviewer(name="Janet Doe", email="janet@acme.com")),
            ],
        )
    assert what == [
        "Jane Doe <jane@acme.com> is now Janet Doe <jane@acme.com>",
        "Janet Doe <jane@acme.com> is now Janet Doe <janet@acme.com>",
    ]
    iv = store.read_open().interviews[0]
    assert [str(p) for p in iv.interviewers] == ["Janet Doe <janet@acme.com>", "Raj Patel"]
    assert {s.who for s in iv.steps} == {"Janet Doe", "Raj Patel", None}


ROUND_2 = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # a Thursday


LATER = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


# ----- the next round --------------------------------------------------------------------


def test_the_next_round_starts_with_no_notes_or_topics_of_its_own(store: Store):
    with store.change(LATER) as ch:
        iv, _, _ = actions.next_round(ch, "acme", at=ROUND_2, now=LATER)
    assert (iv.notes, iv.topics, iv.created_at) == ("", [], LATER)
    assert ch.summary == "added #2 Acme Corp (Analyst, round 2), after #1 Acme Corp (Analyst)"
    assert store.read_open().undo[-1].summary == ch.summary


def test_the_next_round_keeps_its_notes_topics_and_the_rules_given(store: Store):
    slow = Schedule(checkin_no_date=Delay(10))
    with store.change(LATER) as ch:
        iv, _, _ = actions.next_round(
            ch, "acme", at=ROUND_2, now=LATER, interviewers=people("Sam Wu"),
            notes="on site", topics=["Sam: the on-call rota"], rules=slow,
        )  # fmt: skip
    stored = store.read_open().interviews[-1]
    assert (stored.notes, stored.topics) == (
        "on site",
        [Topic(text="the on-call rota", who="Sam Wu")],
    )
    # ten business days after Thursday 3 December
    assert [s.due for s in checkins(stored)] == [datetime(2026, 12, 17, 9, 0, tzinfo=UTC)]
    assert stored.created_at == LATER and iv.id == stored.id == 2


# ----- which check-in `done` ticks -------------------------------------------------------


@pytest.mark.parametrize("late", [timedelta(0), timedelta(days=3)])
def test_a_checkin_ticked_on_or_after_its_day_is_not_early(store: Store, late):
    marked = mark(store, ["checkin"], "done", CHECKIN_DUE + late)
    assert [s.due for s in marked.changed] == [CHECKIN_DUE]
    assert marked.early == [] and marked.waiting is None and marked.added is not None


def test_a_checkin_ticked_before_its_day_is_early(store: Store):
    marked = mark(store, ["checkin"], "done", CHECKIN_DUE - timedelta(seconds=1))
    assert [s.due for s in marked.early] == [CHECKIN_DUE]


def test_the_last_checkin_ticked_again_is_already_done_and_not_early(store: Store):
    once = Schedule(checkin_max=1)
    first = mark(store, ["checkin"], "done", NOW_DT, rules=once)
    assert first.added is None and len(first.early) == 1
    again = mark(store, ["checkin"], "done", NOW_DT + timedelta(hours=2), rules=once)
    assert [s.due for s in again.unchanged] == [CHECKIN_DUE]
    assert again.changed == [] and again.early == [] and again.waiting is None
    assert chain(store)[0].done_at == NOW_DT


def test_a_checkin_ticked_again_within_a_day_is_a_repeat(store: Store):
    mark(store, ["checkin"], "done", CHECKIN_DUE)
    again = mark(store, ["checkin"], "done", CHECKIN_DUE + timedelta(days=1, seconds=-1))
    assert again.changed == [] and [s.done_at for s in again.unchanged] == [CHECKIN_DUE]
    assert again.waiting is not None and again.waiting.status == "pending"
    assert [s.status for s in chain(store)] == ["done", "pending"]


def test_a_checkin_ticked_again_a_day_later_ticks_the_next_one_early(store: Store):
    mark(store, ["checkin"], "done", CHECKIN_DUE)
    day_later = CHECKIN_DUE + timedelta(days=1)
    again = mark(store, ["checkin"], "done", day_later)
    assert again.waiting is None and len(again.changed) == 1 and again.early == again.changed
    assert [(s.status, s.done_at) for s in chain(store)] == [
        ("done", CHECKIN_DUE),
        ("done", day_later),
    ]


def test_reopening_a_checkin_takes_back_only_the_one_its_completion_added(store: Store):
    mark(store, ["checkin"], "done", CHECKIN_DUE)
    before = store.read_open().interviews[0].steps
    reopened = mark(store, ["checkin"], "pending", CHECKIN_DUE + timedelta(hours=1))
    assert [s.due for s in reopened.changed] == [CHECKIN_DUE]
    assert [s.due for s in reopened.removed] == [before[-1].due]
    steps = store.read_open().interviews[0].steps
    assert steps == [
        *before[:-2],
        before[-2].model_copy(update={"status": "pending", "done_at": None}),
    ]


def test_a_pending_checkin_before_the_last_one_finished_is_kept_on_reopen(store: Store):
    # A hand-edited store: an earlier check-in left pending, a later one done.
    early = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    with store.change(NOW_DT) as ch:
        iv = ch.open[0]
        iv.steps = [s for s in iv.steps if s.step != "checkin"] + [
            Step(step="checkin", due=early),
            Step(step="checkin", due=CHECKIN_DUE, status="done", done_at=NOW_DT),
            Step(step="checkin", due=CHECKIN_DUE + timedelta(days=7)),
        ]
    others = [s for s in store.read_open().interviews[0].steps if s.step != "checkin"]
    reopened = mark(store, ["checkin"], "pending", NOW_DT + timedelta(hours=1))
    assert [s.due for s in reopened.removed] == [CHECKIN_DUE + timedelta(days=7)]
    steps = store.read_open().interviews[0].steps
    assert steps[: len(others)] == others
    assert [(s.due, s.status) for s in checkins(store.read_open().interviews[0])] == [
        (early, "pending"),
        (CHECKIN_DUE, "pending"),
    ]


def test_when_every_checkin_is_sent_done_again_names_only_the_last(store: Store):
    mark(store, ["checkin"], "done", CHECKIN_DUE)
    day_later = CHECKIN_DUE + timedelta(days=1)
    mark(store, ["checkin"], "done", day_later)  # the second and last (the default max)
    again = mark(store, ["checkin"], "done", day_later + timedelta(days=2))
    assert [s.done_at for s in again.unchanged] == [day_later] and again.changed == []


def statuses(store: Store, *kinds: str) -> dict[tuple[str, str | None], str]:
    iv = store.read_open().interviews[0]
    return {(s.step, s.who): s.status for s in iv.steps if s.step in kinds}


# ----- steps skipped on purpose ----------------------------------------------------------


def test_a_bare_done_leaves_steps_skipped_on_purpose_and_says_which(store: Store):
    mark(store, ["card", "linkedin"], "skipped", NOW_DT, who="raj", reason="no address")
    marked = mark(store, ["card", "linkedin"], "done", NOW_DT)
    assert [(s.step, s.who) for s in marked.kept_skipped] == [
        ("card", "Raj Patel"),
        ("linkedin", "Raj Patel"),
    ]
    assert [(s.step, s.who) for s in marked.changed] == [
        ("card", "Jane Doe"),
        ("linkedin", "Jane Doe"),
    ]
    assert statuses(store, "card", "linkedin") == {
        ("card", "Jane Doe"): "done",
        ("card", "Raj Patel"): "skipped",
        ("linkedin", "Jane Doe"): "done",
        ("linkedin", "Raj Patel"): "skipped",
    }
    named = mark(store, ["card"], "done", NOW_DT, who="raj")
    assert [(s.step, s.who) for s in named.changed] == [("card", "Raj Patel")]


def test_a_bare_reopen_or_skip_takes_steps_skipped_on_purpose_too(store: Store):
    mark(store, ["card"], "skipped", NOW_DT, who="raj")
    mark(store, ["card"], "done", NOW_DT, who="jane")
    reopened = mark(store, ["card"], "pending", NOW_DT)
    assert [s.who for s in reopened.changed] == ["Jane Doe", "Raj Patel"]
    mark(store, ["card"], "skipped", NOW_DT, who="raj")
    skipped = mark(store, ["card"], "skipped", NOW_DT)
    assert [s.who for s in skipped.changed] == ["Jane Doe"]
    assert [s.who for s in skipped.unchanged] == ["Raj Patel"]


def test_a_step_done_already_for_one_person_is_still_done_for_the_others(store: Store):
    mark(store, ["email"], "done", NOW_DT, who="jane")
    marked = mark(store, ["email"], "done", NOW_DT + timedelta(hours=1))
    assert [s.who for s in marked.unchanged] == ["Jane Doe"]
    assert [s.who for s in marked.changed] == ["Raj Patel"]


def test_done_ticks_the_pending_checkin_wherever_it_is_listed(store: Store):
    # A hand-edited store lists the pending check-in before the one sent.
    sent = Step(step="checkin", due=AT, status="done", done_at=NOW_DT)
    with store.change(NOW_DT) as ch:
        iv = ch.open[0]
        pending = next(s for s in iv.steps if s.step == "checkin")
        iv.steps = [s for s in iv.steps if s.step != "checkin"] + [pending, sent]
    marked = mark(store, ["checkin"], "done", CHECKIN_DUE)
    assert [(s.due, s.status) for s in marked.changed] == [(CHECKIN_DUE, "done")]
    assert [s.status for s in chain(store)][:2] == ["done", "done"]


def test_a_topic_for_a_name_that_fits_several_people_is_refused():
    panel = people("Jane Doe", "Jane Roe")
    with pytest.raises(FollowupError) as caught:
        actions.parse_topics(["Jane: their dbt move"], panel)
    assert str(caught.value) == (
        "topic 'Jane: their dbt move': 'Jane' could be Jane Doe, Jane Roe: type more of the "
        "name, or leave it out for a topic for everyone"
    )
    assert actions.parse_topics(["jane r:  their   dbt move "], panel) == [
        Topic(text="their dbt move", who="Jane Roe")
    ]


@pytest.mark.parametrize("raw", ["", "   ", "\t"])
def test_an_empty_topic_is_refused(raw):
    with pytest.raises(FollowupError) as caught:
        actions.parse_topics([raw], PANEL)
    assert str(caught.value) == f"empty topic {raw!r}: say what you talked about"


@pytest.mark.parametrize("raw", ["Raj:", "Raj:   ", ": the roadmap", "Sam Wu the lead: x"])
def test_a_colon_with_nothing_on_one_side_or_a_long_head_is_a_topic_for_everyone(raw):
    assert actions.parse_topics([raw], PANEL) == [Topic(text=" ".join(raw.split()), who=None)]


def utc(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "at", "decision"),
    [
        ("Asia/Tokyo", utc(24, 16), utc(24, 20)),  # both on the 25th in Tokyo
        ("America/New_York", utc(25, 2), utc(24, 12)),  # both on the 24th in New York
    ],
)
def test_the_decision_and_the_interview_are_compared_as_days_of_the_local_zone(
    home, zone, at, decision
):
    from zoneinfo import ZoneInfo

    with Store(home).change(NOW_DT) as ch:
        iv = actions.add_interview(
            ch,
            company="Acme",
            at=at,
            now=NOW_DT,
            decision=decision,
            rules=Schedule(tz=ZoneInfo(zone)),
        )
    assert iv.decision == decision


def test_a_topic_for_someone_may_hold_a_colon_itself():
    assert actions.parse_topics(["Raj: SQL: window functions"], PANEL) == [
        Topic(text="SQL: window functions", who="Raj Patel")
    ]


def test_a_head_of_four_words_is_never_a_name_even_a_panel_members():
    panel = people("Mary Jane Van Dyke", "Sam Wu")
    assert actions.parse_topics(["Mary Jane Van Dyke: x"], panel) == [
        Topic(text="Mary Jane Van Dyke: x", who=None)
    ]


@pytest.fixture
def three(store: Store) -> Store:
    """`store` with #2 Globex and #3 Initech added, each a change of its own."""
    for company in ("Globex", "Initech"):
        with store.change(NOW_DT) as ch:
            actions.add_interview(ch, company=company, at=AT, now=NOW_DT)
    return store


def test_the_undo_line_names_every_other_interview_whose_phone_was_ticked(three: Store):
    store = three
    with store.change(LATER) as ch:
        marking.set_steps(ch, "3", ["phone"], "done", LATER)
    assert ch.summary == "marked done phone on #3 Initech (and phone on #1, #2)"


def test_phone_done_on_one_interview_is_done_on_every_open_one(three: Store):
    store = three
    with store.change(NOW_DT) as ch:
        marking.set_steps(ch, "3", ["phone"], "skipped", NOW_DT)
    with store.change(LATER) as ch:
        mark_2 = marking.set_steps(ch, "2", ["phone"], "done", LATER)
    assert [(other.id, s.step) for other, s in mark_2.elsewhere] == [(1, "phone")]
    assert ch.summary == "marked done phone on #2 Globex (and phone on #1)"
    phones = {
        iv.id: next(s for s in iv.steps if s.step == "phone") for iv in store.read_open().interviews
    }
    assert {n: (s.status, s.done_at) for n, s in phones.items()} == {
        1: ("done", LATER),
        2: ("done", LATER),
        3: ("skipped", NOW_DT),  # skipped on purpose: left alone
    }
    again = mark(store, ["email"], "done", LATER)
    assert again.elsewhere == []


def test_a_step_ticked_before_the_interview_is_noticed(store: Store):
    before = AT - timedelta(hours=1)
    assert mark(store, ["phone"], "done", before).before_interview is True
    assert mark(store, ["phone"], "done", before).before_interview is False  # nothing changed
    assert mark(store, ["phone"], "pending", before).before_interview is False
    assert mark(store, ["email"], "done", AT).before_interview is False


def test_a_topic_that_is_only_a_name_without_a_colon_is_for_everyone():
    assert actions.parse_topics(["Raj Patel"], PANEL) == [Topic(text="Raj Patel", who=None)]


def test_a_topic_head_that_could_be_two_people_names_them_both():
    panel = people("Raj Patel", "Raj Kumar")
    with pytest.raises(FollowupError) as info:
        actions.parse_topics(["Raj: the rota"], panel)
    assert str(info.value) == (
        "topic 'Raj: the rota': 'Raj' could be Raj Patel, Raj Kumar: type more of the "
        "name, or leave it out for a topic for everyone"
    )


def test_someone_added_under_names_renamed_people_held_gets_the_next_free_key():
    from followup.features.actions import _with_own_key

    janet = Interviewer(name="Janet Doe", key="Jane Doe")  # renamed from Jane Doe
    jan = Interviewer(name="Jan Doe", key="Jane Doe (2)")  # a second Jane Doe, renamed too
    newcomer = Interviewer(name="Jane Doe")
    assert _with_own_key(newcomer, [janet]).identity == "Jane Doe (2)"
    assert _with_own_key(newcomer, [janet, jan]).identity == "Jane Doe (3)"
    assert _with_own_key(newcomer, [jan]) is newcomer  # the plain name is free


# ----------------------------------------------------------------------------
# `followup snooze INTERVIEW STEP [--who NAME] --until WHEN`: a pending step is put off to a
# later time; `snoozed_from` keeps the time it had; re-timing the interview leaves it be.


# ----- directly ---------------------------------------------------------------------------


def test_snooze_step_refuses_a_time_not_later_than_now(home):
    store = Store(home)
    with store.change(NOW_DT) as change:
        actions.add_interview(change, company="Acme", at=AT, now=NOW_DT)
    for until in (NOW_DT, NOW_DT - timedelta(seconds=1)):
        with pytest.raises(FollowupError, match="later than now"), store.change(NOW_DT) as change:
            replies.snooze_step(change, "1", "email", until, NOW_DT)


@given(
    shift=st.integers(-48, 48).filter(bool),
    ahead=st.integers(1, 24 * 30),
    kinds=st.sets(st.sampled_from(["email", "linkedin", "card", "phone", "checkin"]), min_size=1),
)
def test_re_timing_moves_every_pending_step_but_the_snoozed_ones(shift, ahead, kinds):
    iv = Interview(
        id=1, uid="u", company="Acme", at=AT, interviewers=[Interviewer(name="Jane Doe")]
    )
    iv.steps = derive_steps(iv, DEFAULT_SCHEDULE)
    until = NOW_DT + timedelta(hours=ahead)
    for s in iv.steps:
        if s.step in kinds:
            s.snoozed_from, s.due = s.due, until
    before = list(iv.steps)
    iv.at = AT + timedelta(hours=shift)
    after = keep_snoozed(before, derive_steps(iv, DEFAULT_SCHEDULE, retime=True))
    fresh = derive_steps(iv.model_copy(update={"steps": []}), DEFAULT_SCHEDULE)
    assert [(s.step, s.who) for s in after] == [(s.step, s.who) for s in before]
    for old, new, plain in zip(before, after, fresh, strict=True):
        if old.step in kinds:
            assert (new.due, new.snoozed_from) == (until, old.snoozed_from)
        else:
            assert new.due == plain.due  # where an unsnoozed step of the new time falls


def test_keep_snoozed_matches_checkins_in_order_and_leaves_finished_ones():
    iv = Interview(id=1, uid="u", company="Acme", at=AT)
    iv.steps = derive_steps(iv, DEFAULT_SCHEDULE)
    first = iv.steps[-1]
    first.status, first.done_at = "done", NOW_DT
    second = first.model_copy(update={"status": "pending", "done_at": None})
    second.snoozed_from, second.due = second.due, NOW_DT + timedelta(days=9)
    iv.steps.append(second)
    moved = [s.model_copy(update={"due": s.due + timedelta(hours=1)}) for s in iv.steps]
    kept = keep_snoozed(iv.steps, moved)
    assert kept[-1].due == NOW_DT + timedelta(days=9)  # the second check-in: snoozed, kept
    assert kept[-2].due == moved[-2].due  # the first: done, not touched here


def test_the_store_path_has_no_snooze_without_a_pending_step(tmp_path: Path):
    store = Store(tmp_path)
    with store.change(NOW_DT) as change:
        actions.add_interview(change, company="Acme", at=AT, now=NOW_DT)
    with pytest.raises(FollowupError, match="no reply step"), store.change(NOW_DT) as change:
        replies.snooze_step(change, "1", "reply", NOW_DT + timedelta(days=1), NOW_DT)
