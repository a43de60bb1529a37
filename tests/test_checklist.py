"""The checklist engine, used directly: due times per step and per interviewer, edits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup.core.checklist import (
    DEFAULT_RULES,
    Rules,
    agenda,
    derive_steps,
    is_overdue,
    next_due,
    progress,
)
from followup.core.kinds import BY_NAME, KINDS, STEP_WORDS, parse_kind
from followup.core.models import Interview, Interviewer

AT = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def interview(*names: str, at: datetime = AT, id: int = 1) -> Interview:
    iv = Interview(id=id, company="Acme", at=at, interviewers=[Interviewer(name=n) for n in names])
    iv.steps = derive_steps(iv)
    return iv


def keyed(iv: Interview) -> dict[tuple[str, str | None], datetime]:
    return {(s.step, s.who): s.due for s in iv.steps}


def test_one_interviewer_gets_four_steps_with_default_delays():
    iv = interview("Jane Doe")
    assert keyed(iv) == {
        ("email", "Jane Doe"): AT + timedelta(hours=24),
        ("linkedin", "Jane Doe"): AT + timedelta(hours=48),
        ("card", "Jane Doe"): AT + timedelta(hours=48),
        ("phone", None): AT,
    }
    assert all(s.status == "pending" for s in iv.steps)


def test_no_interviewer_gets_one_step_of_each_kind_with_no_one():
    iv = interview()
    assert sorted((s.step, s.who) for s in iv.steps) == sorted(
        [("email", None), ("linkedin", None), ("card", None), ("phone", None)]
    )


def test_per_interviewer_steps_keep_the_order_given():
    iv = interview("Zoe", "Adam", "Mia")
    emails = [s.who for s in iv.steps if s.step == "email"]
    assert emails == ["Zoe", "Adam", "Mia"]
    assert [s.step for s in iv.steps].count("phone") == 1
    assert len(iv.steps) == 3 * 3 + 1


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
    assert len(iv.steps) == 3 * per_person + 1
    for s in iv.steps:
        assert s.due == at + BY_NAME[s.step].default_delay


def test_custom_rules_change_due_times():
    rules = Rules(
        {"email": timedelta(minutes=90), "linkedin": timedelta(days=3), "card": timedelta(0)}
    )
    iv = Interview(id=1, company="Acme", at=AT, interviewers=[Interviewer(name="Jane")])
    iv.steps = derive_steps(iv, rules)
    assert keyed(iv)[("email", "Jane")] == AT + timedelta(minutes=90)
    assert keyed(iv)[("linkedin", "Jane")] == AT + timedelta(days=3)
    assert keyed(iv)[("card", "Jane")] == AT


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
    assert steps[("phone", None)].due == AT + timedelta(days=1)


def test_without_retime_existing_due_times_stay_even_if_rules_change():
    iv = interview("Jane")
    rules = Rules(
        {"email": timedelta(hours=1), "linkedin": timedelta(hours=1), "card": timedelta(hours=1)}
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
    assert len(iv.steps) == 4


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
    assert len(rows) == 8


def test_agenda_include_finished_lists_done_after_pending():
    iv = interview("Jane")
    iv.steps[0].status = "done"
    assert len(agenda([iv], AT)) == 3
    rows = agenda([iv], AT, include_finished=True)
    assert len(rows) == 4 and rows[-1][1].status == "done"


def test_progress_and_next_due():
    iv = interview("Jane")
    assert progress(iv) == (0, 4)
    assert next_due(iv).step == "phone"
    for s in iv.steps:
        s.status = "skipped" if s.step == "card" else "done"
    assert progress(iv) == (4, 4)
    assert next_due(iv) is None


def test_step_words_and_aliases():
    assert parse_kind("Thank-You") == "email"
    assert parse_kind("NOTE") == "card"
    assert parse_kind("handwritten") == "card"
    assert parse_kind("voicemail") == "phone"
    assert parse_kind(" LinkedIn ") == "linkedin"
    assert set(STEP_WORDS) >= {k.name for k in KINDS}
    assert DEFAULT_RULES.delays["email"] == timedelta(hours=24)
