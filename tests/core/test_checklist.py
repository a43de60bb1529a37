"""core.checklist: tested directly (time passed in), and through the commands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import AT, make_interview
from followup.core.business_days import Delay
from followup.core.checklist import (
    DEFAULT_SCHEDULE,
    Schedule,
    agenda,
    derive_steps,
    follow_up_checkin,
    hand_over,
    is_overdue,
    most_valuable,
    next_due,
    progress,
    unanswered_checkins,
)
from followup.core.kinds import BY_NAME, KINDS, STEP_WORDS, parse_kind
from followup.core.models import Interview, Interviewer, Step

# ----------------------------------------------------------------------------
# The checklist engine, used directly: due times per step and per interviewer, edits.


def interview(*names: str, at: datetime = AT, id: int = 1) -> Interview:
    return make_interview(*names, id=id, company="Acme", at=at, derive=True)


def keyed(iv: Interview) -> dict[tuple[str, str | None], datetime]:
    return {(s.step, s.who): s.due for s in iv.steps}


def test_one_interviewer_gets_five_steps_with_default_delays():
    iv = interview("Jane Doe")
    assert keyed(iv) == {
        ("email", "Jane Doe"): AT + timedelta(hours=24),
        ("linkedin", "Jane Doe"): AT + timedelta(hours=48),
        ("card", "Jane Doe"): AT + timedelta(hours=48),
        ("phone", None): AT + timedelta(hours=4),
        ("checkin", None): AT + timedelta(days=7),  # 5 business days: Wed to Wed
    }
    assert all(s.status == "pending" for s in iv.steps)


def test_no_interviewer_gets_one_step_of_each_kind_with_no_one():
    iv = interview()
    assert sorted((s.step, s.who) for s in iv.steps) == sorted(
        [("email", None), ("linkedin", None), ("card", None), ("phone", None), ("checkin", None)]
    )


def test_per_interviewer_steps_keep_the_order_given():
    iv = interview("Zoe", "Adam", "Mia")
    emails = [s.who for s in iv.steps if s.step == "email"]
    assert emails == ["Zoe", "Adam", "Mia"]
    assert [s.step for s in iv.steps].count("phone") == 1
    assert [s.step for s in iv.steps].count("checkin") == 1
    assert iv.steps[-1].step == "checkin"
    assert len(iv.steps) == 3 * 3 + 2


@given(
    names=st.lists(
        st.text(min_size=1, max_size=12).filter(str.strip), max_size=6, unique_by=str.casefold
    ),
    hours=st.integers(min_value=-10_000, max_value=10_000),
)
def test_step_count_and_due_times_for_any_people(names, hours):
    at = AT + timedelta(hours=hours)
    iv = interview(*names, at=at)
    per_person = max(len(names), 1)
    assert len(iv.steps) == 3 * per_person + 2
    for s in iv.steps:
        if s.step == "checkin":
            assert s.due == DEFAULT_SCHEDULE.checkin_no_date.after(at)
            assert s.due.astimezone().weekday() < 5
        else:
            assert s.due == BY_NAME[s.step].default_delay.after(at)


def test_custom_rules_change_due_times():
    rules = Schedule(
        {
            "email": Delay(0, timedelta(minutes=90)),
            "linkedin": Delay(0, timedelta(days=3)),
            "card": Delay(1),
            "phone": Delay(),
            "checkin": Delay(2),
        },
        checkin_no_date=Delay(0, timedelta(hours=72)),  # Saturday: moved to Monday
    )
    people = [Interviewer(name="Jane")]
    iv = Interview(id=1, uid="uid-1", company="Acme", at=AT, interviewers=people)
    iv.steps = derive_steps(iv, rules)
    assert keyed(iv)[("email", "Jane")] == AT + timedelta(minutes=90)
    assert keyed(iv)[("linkedin", "Jane")] == AT + timedelta(days=3)
    assert keyed(iv)[("card", "Jane")] == AT + timedelta(days=1)
    assert keyed(iv)[("phone", None)] == AT
    assert keyed(iv)[("checkin", None)] == AT + timedelta(days=5)  # a check-in needs a workday


def test_a_decision_date_times_the_first_checkin_and_retime_moves_it():
    iv = interview("Jane")
    iv.decision = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # a Friday
    iv.steps = derive_steps(iv, retime=True)
    assert keyed(iv)[("checkin", None)] == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    iv.decision = None
    iv.steps = derive_steps(iv, retime=True)
    assert keyed(iv)[("checkin", None)] == AT + timedelta(days=7)


def test_holidays_in_the_rules_are_skipped():
    rules = Schedule(holidays=frozenset({datetime(2026, 12, 2).date()}))
    iv = interview()
    iv.steps = []
    iv.steps = derive_steps(iv, rules)
    assert keyed(iv)[("checkin", None)] == AT + timedelta(days=8)


def test_checkin_chain_up_to_the_max_then_no_reply():
    iv = interview("Jane")
    rules = Schedule(checkin_max=2)
    sent = AT + timedelta(days=8)  # Thursday 3 Dec
    (first,) = [s for s in iv.steps if s.step == "checkin"]
    first.status, first.done_at = "done", sent
    second = follow_up_checkin(iv, rules, sent)
    assert second is not None and second.due == sent + timedelta(days=7)
    iv.steps.append(second)
    assert follow_up_checkin(iv, rules, sent) is None  # one is pending already
    assert unanswered_checkins(iv) == 0
    second.status, second.done_at = "done", sent + timedelta(days=7)
    assert follow_up_checkin(iv, rules, sent) is None  # two sent: that is the most
    assert unanswered_checkins(iv) == 2
    iv.closed = True
    assert unanswered_checkins(iv) == 0


def test_a_skipped_last_checkin_is_no_unanswered_one():
    iv = interview("Jane")
    iv.steps[-1].status = "skipped"
    assert unanswered_checkins(iv) == 0
    assert follow_up_checkin(iv, Schedule(checkin_max=0), AT) is None


def test_checkin_max_zero_gives_no_checkin():
    iv = interview("Jane")
    iv.steps = []
    iv.steps = derive_steps(iv, Schedule(checkin_max=0))
    assert "checkin" not in {s.step for s in iv.steps}


def test_most_valuable_prefers_the_email_to_the_voicemail_among_what_is_due_soon():
    iv = interview("Jane")
    now = AT + timedelta(hours=5)  # phone overdue, email due in 19 h
    rows = agenda([iv], now)
    assert rows[0][1].step == "phone"  # the table still goes by time
    assert most_valuable(rows, now)[1].step == "email"
    later = agenda([iv], AT - timedelta(days=3))  # nothing within a day: the soonest
    assert most_valuable(later, AT - timedelta(days=3))[1].step == "phone"
    assert most_valuable([], now) is None


def test_retime_moves_pending_steps_and_keeps_done_ones():
    iv = interview("Jane", "Raj")
    done = next(s for s in iv.steps if s.step == "email" and s.who == "Jane")
    done.status, done.done_at = "done", AT + timedelta(hours=2)
    old_due = done.due
    iv.at = AT + timedelta(days=1)
    iv.steps = derive_steps(iv, retime=True)
    steps = {(s.step, s.who): s for s in iv.steps}
    assert steps[("email", "Jane")].status == "done"
    assert steps[("email", "Jane")].due == old_due
    assert steps[("email", "Raj")].due == AT + timedelta(days=1, hours=24)
    assert steps[("phone", None)].due == AT + timedelta(days=1, hours=4)
    assert steps[("checkin", None)].due == AT + timedelta(days=8)


def test_without_retime_existing_due_times_stay_even_if_rules_change():
    iv = interview("Jane")
    hour = Delay(0, timedelta(hours=1))
    rules = Schedule(
        {"email": hour, "linkedin": hour, "card": hour, "phone": hour, "checkin": hour}
    )
    iv.steps = derive_steps(iv, rules)
    assert keyed(iv)[("email", "Jane")] == AT + timedelta(hours=24)


def test_adding_and_removing_interviewers():
    iv = interview("Jane")
    jane_email = next(s for s in iv.steps if s.who == "Jane" and s.step == "email")
    jane_email.status = "done"
    iv.interviewers.append(Interviewer(name="Raj"))
    iv.steps = derive_steps(iv)
    assert {s.who for s in iv.steps if s.step == "card"} == {"Jane", "Raj"}
    assert next(s for s in iv.steps if s.who == "Jane" and s.step == "email").status == "done"
    iv.interviewers = [p for p in iv.interviewers if p.name != "Jane"]
    iv.steps = derive_steps(iv)
    assert {s.who for s in iv.steps} == {"Raj", None}
    assert len(iv.steps) == 5


def test_overdue_only_when_pending_and_past_due():
    iv = interview("Jane")
    email = next(s for s in iv.steps if s.step == "email")
    assert not is_overdue(email, email.due)
    assert is_overdue(email, email.due + timedelta(seconds=1))
    email.status = "done"
    assert not is_overdue(email, email.due + timedelta(days=9))
    email.status = "skipped"
    assert not is_overdue(email, email.due + timedelta(days=9))


def test_agenda_puts_overdue_first_then_by_due_time():
    early = interview("Jane", id=1)
    late = interview("Raj", at=AT + timedelta(hours=30), id=2)
    closed = interview("Old", id=3)
    closed.closed = True
    now = AT + timedelta(hours=31)
    rows = agenda([late, early, closed], now)
    assert 3 not in {iv.id for iv, _ in rows}
    flags = [is_overdue(s, now) for _, s in rows]
    assert flags == sorted(flags, reverse=True)
    overdue = [s.due for _, s in rows if is_overdue(s, now)]
    upcoming = [s.due for _, s in rows if not is_overdue(s, now)]
    assert overdue == sorted(overdue) and upcoming == sorted(upcoming)
    assert len(rows) == 10


def test_agenda_include_finished_lists_done_after_pending():
    iv = interview("Jane")
    iv.steps[0].status = "done"
    assert len(agenda([iv], AT)) == 4
    rows = agenda([iv], AT, include_finished=True)
    assert len(rows) == 5 and rows[-1][1].status == "done"


def test_progress_and_next_due():
    iv = interview("Jane")
    assert progress(iv) == (0, 5)
    assert next_due(iv).step == "phone"
    for s in iv.steps:
        s.status = "skipped" if s.step == "card" else "done"
    assert progress(iv) == (5, 5)
    assert next_due(iv) is None


def test_step_words_and_aliases():
    assert parse_kind("Thank-You") == "email"
    assert parse_kind("NOTE") == "card"
    assert parse_kind("handwritten") == "card"
    assert parse_kind("voicemail") == "phone"
    assert parse_kind("Check-In") == "checkin"
    assert parse_kind(" LinkedIn ") == "linkedin"
    assert set(STEP_WORDS) >= {k.name for k in KINDS}
    assert DEFAULT_SCHEDULE.delays["email"] == Delay(0, timedelta(hours=24))
    assert DEFAULT_SCHEDULE.delays["checkin"] == Delay(2)


def test_an_unknown_step_word_is_refused_with_every_accepted_word():
    import pytest

    from followup.errors import FollowupError

    with pytest.raises(FollowupError) as info:
        parse_kind("fax")
    assert str(info.value) == (
        "unknown step 'fax': use one of email, linkedin, card, phone, checkin, reply, "
        "decide, thank-you, note, handwritten, voicemail, check-in"
    )


def test_a_kind_the_rules_do_not_name_is_due_at_the_interview():
    rules = Schedule({"email": Delay(0, timedelta(hours=3))})
    iv = Interview(
        id=1, uid="uid-1", company="Acme", at=AT, interviewers=[Interviewer(name="Jane")]
    )
    iv.steps = derive_steps(iv, rules)
    assert {k: v for k, v in keyed(iv).items() if k[0] != "checkin"} == {
        ("email", "Jane"): AT + timedelta(hours=3),
        ("linkedin", "Jane"): AT,
        ("card", "Jane"): AT,
        ("phone", None): AT,
    }


def test_retime_leaves_skipped_steps_where_they_were():
    iv = interview("Jane")
    card = next(s for s in iv.steps if s.step == "card")
    card.status, card.reason = "skipped", "no address"
    iv.at = AT + timedelta(days=2)
    iv.steps = derive_steps(iv, retime=True)
    card = next(s for s in iv.steps if s.step == "card")
    assert (card.status, card.due, card.reason) == (
        "skipped",
        AT + timedelta(hours=48),
        "no address",
    )
    assert next(s for s in iv.steps if s.step == "linkedin").due == AT + timedelta(days=4)


def test_steps_due_together_list_in_kind_order_and_by_interview_number():
    # LinkedIn and card fall due at the same time: LinkedIn first (the order of KINDS);
    # two interviews at the same time: the lower number first, whatever the input order
    first, second = interview("Jane", id=1), interview("Raj", id=2)
    rows = agenda([second, first], AT + timedelta(hours=60))
    assert [(iv.id, s.step) for iv, s in rows if s.step != "checkin"] == [
        (1, "phone"), (2, "phone"), (1, "email"), (2, "email"),
        (1, "linkedin"), (1, "card"), (2, "linkedin"), (2, "card"),
    ]  # fmt: skip


def test_overdue_steps_come_before_upcoming_ones_due_at_the_same_moment():
    # Interview 1's steps are overdue at `now`; interview 2's, due at `now`, are not yet.
    early, on_time = interview("Jane", id=2), interview("Raj", id=1, at=AT + timedelta(hours=1))
    now = on_time.at + BY_NAME["phone"].default_delay.span
    rows = agenda([on_time, early], now)
    assert [(iv.id, s.step) for iv, s in rows][:2] == [(2, "phone"), (1, "phone")]
    assert is_overdue(rows[0][1], now) and not is_overdue(rows[1][1], now)


def test_finished_steps_list_after_every_pending_one_even_when_due_earlier():
    iv = interview("Jane", id=1)
    for s in iv.steps:
        if s.step in ("phone", "card"):
            s.status = "done" if s.step == "phone" else "skipped"
    later = interview("Raj", id=2, at=AT + timedelta(days=30))
    now = AT + timedelta(hours=30)  # Jane's email is overdue
    rows = agenda([later, iv], now, include_finished=True)
    assert [(iv.id, s.step, s.status) for iv, s in rows if s.step != "checkin"] == [
        (1, "email", "pending"), (1, "linkedin", "pending"),
        (2, "phone", "pending"), (2, "email", "pending"),
        (2, "linkedin", "pending"), (2, "card", "pending"),
        (1, "phone", "done"), (1, "card", "skipped"),
    ]  # fmt: skip


def test_next_due_skips_finished_steps_and_breaks_ties_by_kind():
    iv = interview("Jane")
    for s in iv.steps:
        if s.step in ("phone", "email"):
            s.status = "done"
    assert (next_due(iv).step, next_due(iv).due) == ("linkedin", AT + timedelta(hours=48))
    assert progress(iv) == (2, 5)


def test_a_step_due_within_a_day_counts_as_urgent_to_the_day():
    iv = interview("Jane")  # email due AT + 24 h, voicemail check AT + 4 h
    # at AT the email is due in exactly a day: urgent, and worth more than the phone
    assert most_valuable(agenda([iv], AT), AT)[1].step == "email"
    # twelve hours earlier it is due in 36 h: not yet urgent, the phone (due sooner) first
    earlier = AT - timedelta(hours=12)
    assert most_valuable(agenda([iv], earlier), earlier)[1].step == "phone"
    # a minute too early for the email to count as due within the day
    edge = AT - timedelta(minutes=1)
    assert most_valuable(agenda([iv], edge), edge)[1].step == "phone"


def test_no_reply_is_counted_only_when_no_check_in_is_pending():
    iv = interview("Jane")
    first = next(s for s in iv.steps if s.step == "checkin")
    later = first.model_copy(update={"status": "done", "done_at": AT + timedelta(days=9)})
    iv.steps.append(later)
    # a hand-edited store: an earlier check-in pending, the last one done
    assert unanswered_checkins(iv) == 0
    first.status, first.done_at = "done", AT + timedelta(days=7)
    assert unanswered_checkins(iv) == 2
    first.status, first.done_at, first.reason = "skipped", AT + timedelta(days=7), "wrong"
    assert unanswered_checkins(iv) == 1  # a skipped one was not sent


# ----------------------------------------------------------------------------
# Edits keep progress: no edit turns a done or skipped step back into a pending one.
#
# Adding the first named interviewer to an interview recorded without any gives that
# person the steps done so far; removing the last one gives them back to no one; every
# other edit (names, times, decision date, topics, the next round) leaves finished steps
# as they were. Through the CLI, and through the checklist engine directly.


@pytest.fixture
def unnamed(cli):
    """#1 Acme Corp, no one named: its email done, its LinkedIn note skipped (2/5)."""
    assert cli("add", "Acme Corp", "--at", "2026-11-25 14:00").code == 0
    assert cli("done", "1", "email").code == 0
    assert cli("skip", "1", "linkedin", "--reason", "no account").code == 0


KINDS_edits = ("email", "linkedin", "card")


STATUSES = st.sampled_from(["pending", "done", "skipped"])


def unnamed_interview(statuses: dict[str, str]) -> Interview:
    iv = Interview(id=1, uid="uid-1", company="Acme", at=AT)
    iv.steps = derive_steps(iv)
    for s in iv.steps:
        if s.step in statuses and statuses[s.step] != "pending":
            s.status = statuses[s.step]  # type: ignore[assignment]
            s.done_at = AT + timedelta(hours=KINDS_edits.index(s.step) + 1)
    return iv


# ----- the engine, directly --------------------------------------------------------------


@given(
    statuses=st.fixed_dictionaries({k: STATUSES for k in KINDS_edits}),
    names=st.lists(st.sampled_from(["Jane", "Raj", "Mia"]), min_size=1, max_size=3, unique=True),
)
def test_adding_people_to_an_unnamed_interview_keeps_every_finished_step(statuses, names):
    iv = unnamed_interview(statuses)
    done_before = progress(iv)[0]
    finished = {(s.step, s.status, s.done_at) for s in iv.steps if s.status != "pending"}
    iv.steps = hand_over(iv.steps, [], names)
    iv.interviewers = [Interviewer(name=n) for n in names]
    iv.steps = derive_steps(iv)
    assert progress(iv)[0] == done_before
    first = {(s.step, s.status, s.done_at) for s in iv.steps if s.who in (names[0], None)}
    assert finished <= first  # all of it went to the first person named
    assert all(s.status == "pending" for s in iv.steps if s.who in names[1:])


@given(st.lists(st.fixed_dictionaries({k: STATUSES for k in KINDS_edits}), min_size=1, max_size=3))
def test_removing_everyone_keeps_the_most_advanced_state_of_each_kind(panel):
    names = ["Jane", "Raj", "Mia"][: len(panel)]
    iv = Interview(
        id=1, uid="uid-1", company="Acme", at=AT, interviewers=[Interviewer(name=n) for n in names]
    )
    iv.steps = derive_steps(iv)
    for s in iv.steps:
        if s.who in names:
            s.status = panel[names.index(s.who)][s.step]
            s.done_at = None if s.status == "pending" else AT + timedelta(hours=1)
    iv.steps = hand_over(iv.steps, names, [])
    iv.interviewers = []
    iv.steps = derive_steps(iv)
    got = {s.step: s.status for s in iv.steps if s.step in KINDS_edits}
    for kind in KINDS_edits:
        states = {person[kind] for person in panel}
        best = next(x for x in ("done", "skipped", "pending") if x in states)
        assert got[kind] == best


def test_a_panel_that_stays_named_is_left_as_it_is():
    ours = [Step(step="email", who="Jane", due=AT, status="done", done_at=AT)]
    assert hand_over(ours, ["Jane"], ["Jane", "Raj"]) == ours
    assert hand_over(ours, ["Jane"], ["Raj"]) == ours  # Jane's steps leave with her
    unnamed = [Step(step="email", due=AT, status="done", done_at=AT)]
    assert hand_over(unnamed, [], []) == unnamed


def test_retiming_counts_the_next_checkin_from_the_last_one_sent_not_one_skipped():
    # Check-in 1 sent on Thursday 3 Dec, check-in 2 skipped much later (a store imported
    # or edited by hand), check-in 3 pending: re-timed, the third counts from the last
    # check-in sent. A skipped one was never sent, though it has a time of its own.
    iv = interview("Jane")
    sent, skipped_at = AT + timedelta(days=8), AT + timedelta(days=25)
    first = next(s for s in iv.steps if s.step == "checkin")
    first.status, first.done_at = "done", sent
    iv.steps += [
        Step(step="checkin", due=sent, status="skipped", done_at=skipped_at),
        Step(step="checkin", due=skipped_at),
    ]
    iv.steps = derive_steps(iv, Schedule(checkin_max=3), retime=True)
    chain = [s for s in iv.steps if s.step == "checkin"]
    assert [s.status for s in chain] == ["done", "skipped", "pending"]
    assert chain[2].due == DEFAULT_SCHEDULE.later_checkin(iv, sent) == sent + timedelta(days=7)
    assert chain[1].due == sent and chain[1].done_at == skipped_at  # as it was


def test_naming_the_first_person_leaves_the_interview_wide_steps_no_ones():
    # The first person named takes over the unnamed email, LinkedIn note and card; the
    # phone message and the check-ins are the interview's, so they stay no one's and
    # keep their progress.
    iv = unnamed_interview({"email": "done"})
    for s in iv.steps:
        if s.step in ("phone", "checkin"):
            s.status, s.done_at = "done", AT + timedelta(hours=5)
    iv.steps = hand_over(iv.steps, [], ["Jane", "Raj"])
    assert {s.step: s.who for s in iv.steps} == {
        "email": "Jane",
        "linkedin": "Jane",
        "card": "Jane",
        "phone": None,
        "checkin": None,
    }
    iv.interviewers = [Interviewer(name="Jane"), Interviewer(name="Raj")]
    iv.steps = derive_steps(iv)
    finished = {(s.step, s.who) for s in iv.steps if s.status == "done"}
    assert finished == {("email", "Jane"), ("phone", None), ("checkin", None)}


def test_a_schedule_counts_business_days_in_its_own_zone():
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    friday_night = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)  # Saturday 00:30 in Berlin
    # one business day after a Berlin Saturday is Monday 00:30 there (in UTC: Tuesday's)
    monday = datetime(2026, 11, 30, 0, 30, tzinfo=berlin)
    assert Schedule(tz=berlin).after(Delay(1), friday_night, "email") == monday
    assert Schedule().after(Delay(1), friday_night, "email") == friday_night + timedelta(days=3)
    # a check-in falling due on a Berlin Saturday (a UTC Friday) moves to Monday there
    assert Schedule(tz=berlin).after(Delay(), friday_night, "checkin") == monday
    assert Schedule().after(Delay(), friday_night, "checkin") == friday_night


def test_a_schedule_without_a_checkin_delay_has_the_first_due_at_the_decision():
    decision = AT + timedelta(days=7)
    iv = make_interview("Jane", decision=decision)
    assert Schedule(delays={}).first_checkin(iv) == decision
