"""features.actions: tested directly, and through the commands that use it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import AT, NOW_DT, make_store, snapshot
from followup import prompt
from followup.core.checklist import DEFAULT_SCHEDULE, Schedule
from followup.core.kinds import AFTER_CLOSE
from followup.core.models import Interviewer, Step
from followup.errors import Ambiguous, FollowupError, NotFound
from followup.features import actions, marking, replies
from followup.storage.store import Store

# ----------------------------------------------------------------------------
# Replies are steps: closing with an offer or a rejection adds a `reply` step, an offer's
# deadline a `decide` step; a closed interview with one pending stays in open.json (so
# `status` lists it without reading history); `followup replied` records their reply.


def test_the_prompt_knows_the_kinds_a_closed_interview_keeps():
    assert prompt.AFTER_CLOSE == AFTER_CLOSE


@given(states=st.lists(st.sampled_from(["pending", "done", "skipped"]), min_size=3, max_size=3))
def test_the_store_keeps_a_closed_interview_in_open_json_exactly_while_it_awaits(
    tmp_path_factory, states
):
    store = Store(tmp_path_factory.mktemp("store"))
    with store.change(NOW_DT) as change:
        actions.add_interview(change, company="Acme", at=NOW_DT - timedelta(days=1), now=NOW_DT)
    with store.change(NOW_DT) as change:
        actions.close_interview(change, "1", NOW_DT, "offer")
        closed = next(c for c in change.closed() if c.id == 1)
        closed.steps += [Step(step="decide", due=NOW_DT + timedelta(days=n)) for n in range(1, 3)]
        for s, state in zip(
            [s for s in closed.steps if s.step in AFTER_CLOSE], states, strict=True
        ):
            s.status = state  # type: ignore[assignment]
    doc = store.read_open()
    awaiting = [iv.id for iv in doc.awaiting]
    assert (awaiting == [1]) == ("pending" in states)
    assert (doc.closed_ids == [1]) == ("pending" not in states)
    assert [iv.id for iv in store.read_all()] == [1]


def test_a_reply_cannot_come_in_the_future_or_before_the_interview(home):
    store = Store(home)
    with store.change(NOW_DT) as change:
        actions.add_interview(change, company="Acme", at=NOW_DT - timedelta(hours=2), now=NOW_DT)
    for on in (NOW_DT + timedelta(minutes=1), NOW_DT - timedelta(hours=3)):
        with pytest.raises(FollowupError), store.change(NOW_DT) as change:
            replies.record_reply(change, "1", on, NOW_DT)


# ----------------------------------------------------------------------------
# What the commands do to the data (features.actions), through the store as the CLI uses it.
#
# Each test is a rule a user relies on: what changes, what stays, and the line `undo` shows.


LATER = NOW_DT + timedelta(hours=1)


def people(*names: str) -> list[Interviewer]:
    return [Interviewer(name=n) for n in names]


@pytest.fixture
def store(home: Path) -> Store:
    jane_and_raj = people("Jane Doe", "Raj Patel")
    return make_store(
        home, {"company": "Acme Corp", "role": "Analyst", "interviewers": jane_and_raj}
    )


def step(store: Store, kind: str, who: str | None = None):
    iv = store.read_open().interviews[0]
    return next(s for s in iv.steps if s.step == kind and s.who == who)


def change(store: Store, func, *args, **kwargs):
    """Run one action in a change: (its result, the undo line or None if nothing changed)."""
    with store.change(LATER) as ch:
        result = func(ch, *args, **kwargs)
    return result, (ch.summary if ch.changed else None)


def test_add_records_the_interview_and_says_so(home: Path):
    s = Store(home)
    with s.change(NOW_DT) as ch:
        iv = actions.add_interview(
            ch, company="  Acme Corp ", role=" Analyst ", at=AT, now=NOW_DT,
            notes="line one\n\tline two",
        )  # fmt: skip
    assert ch.summary == "added #1 Acme Corp (Analyst)"
    stored = s.read_open().interviews[0]
    assert (stored.company, stored.role, stored.notes) == (
        "Acme Corp", "Analyst", "line one\n\tline two",
    )  # fmt: skip
    assert stored.created_at == NOW_DT and stored == iv
    assert [(x.step, x.who) for x in stored.steps] == [
        ("email", None), ("linkedin", None), ("card", None), ("phone", None), ("checkin", None),
    ]  # fmt: skip


@pytest.mark.parametrize("company", ["", "   "])
def test_an_empty_company_is_refused_and_nothing_is_written(home: Path, company):
    s = Store(home)
    empty = r'^the company name is empty: give one, e.g. "Acme Corp"$'
    with pytest.raises(FollowupError, match=empty), s.change(NOW_DT) as ch:
        actions.add_interview(ch, company=company, at=AT, now=NOW_DT)
    assert snapshot(home) == {}


def test_one_name_twice_is_refused_whatever_its_case(store: Store, home: Path):
    before = snapshot(home)
    with pytest.raises(FollowupError) as info:
        change(store, actions.edit_interview, "1", add_with=people("jane doe"))
    assert str(info.value) == (
        "interviewer 'jane doe' is named twice: steps go by name, so give each person a "
        "different one (e.g. add a surname or initial)"
    )
    assert snapshot(home) == before


@pytest.mark.parametrize("name", ["Jane Doe", "JANE DOE", "Jáne Döe"])
def test_a_name_that_who_cannot_tell_from_one_on_the_interview_is_refused(
    store: Store, home: Path, name: str
):
    """Case and accents: `--who` ignores them, so two such names would be one."""
    before = snapshot(home)
    with pytest.raises(FollowupError, match="is named twice: steps go by name"):
        change(store, actions.edit_interview, "1", add_with=people(name))
    assert snapshot(home) == before


def test_done_stamps_the_time_and_undo_names_each_step(store: Store):
    result, summary = change(store, marking.set_steps, "acme", ["email", "phone"], "done", LATER)
    assert summary == (
        "marked done email (Jane Doe), email (Raj Patel), phone on #1 Acme Corp (Analyst)"
    )
    assert [(s.step, s.who) for s in result.changed] == [
        ("email", "Jane Doe"), ("email", "Raj Patel"), ("phone", None),
    ]  # fmt: skip
    assert result.unchanged == []
    assert step(store, "email", "Raj Patel").done_at == LATER


def test_one_step_named_twice_is_done_once(store: Store):
    result, _ = change(
        store, marking.set_steps, "1", ["email", "thank-you"], "done", LATER, who="raj"
    )
    assert [(s.step, s.who) for s in result.changed] == [("email", "Raj Patel")]


def test_no_step_given_is_refused(store: Store):
    with pytest.raises(FollowupError, match=r"^no step given: name one or more of email, "):
        change(store, marking.set_steps, "1", [], "done", LATER)


def test_skipping_again_with_another_reason_changes_the_reason(store: Store):
    change(store, marking.set_steps, "1", ["card"], "skipped", LATER, who="jane", reason="away")
    result, summary = change(
        store, marking.set_steps, "1", ["card"], "skipped", LATER, who="jane", reason="moved"
    )
    assert summary == "skipped card (Jane Doe) on #1 Acme Corp (Analyst)"
    assert len(result.changed) == 1 and step(store, "card", "Jane Doe").reason == "moved"
    # the same reason, or none, leaves it as it is
    for reason in ("moved", None):
        result, summary = change(
            store, marking.set_steps, "1", ["card"], "skipped", LATER, who="jane", reason=reason
        )
        assert (summary, len(result.unchanged)) == (None, 1)
    assert step(store, "card", "Jane Doe").reason == "moved"


def test_a_skipped_step_marked_done_loses_its_reason(store: Store):
    change(store, marking.set_steps, "1", ["card"], "skipped", LATER, who="raj", reason="away")
    change(store, marking.set_steps, "1", ["card"], "done", LATER, who="raj", reason="ignored")
    card = step(store, "card", "Raj Patel")
    assert (card.status, card.reason, card.done_at) == ("done", None, LATER)


def test_reopen_clears_the_time_and_the_reason(store: Store):
    change(store, marking.set_steps, "1", ["card"], "skipped", LATER, who="raj", reason="away")
    _, summary = change(store, marking.set_steps, "1", ["card"], "pending", LATER, who="raj")
    assert summary == "reopened card (Raj Patel) on #1 Acme Corp (Analyst)"
    card = step(store, "card", "Raj Patel")
    assert (card.status, card.reason, card.done_at) == ("pending", None, None)


def test_who_narrows_per_person_steps_only(store: Store):
    result, _ = change(
        store, marking.set_steps, "1", ["linkedin", "phone"], "done", LATER, who=["raj", "jane d"]
    )
    assert [(s.step, s.who) for s in result.changed] == [
        ("linkedin", "Jane Doe"), ("linkedin", "Raj Patel"), ("phone", None),
    ]  # fmt: skip
    result, _ = change(store, marking.set_steps, "1", ["card"], "done", LATER, who="raj")
    assert [s.who for s in result.changed] == ["Raj Patel"]
    assert step(store, "card", "Jane Doe").status == "pending"


def test_edit_with_the_values_it_has_changes_nothing(store: Store, home: Path):
    before = snapshot(home)
    (_, what), summary = change(
        store, actions.edit_interview, "1", company=" Acme Corp ", role="Analyst ", at=AT,
        notes="", rules=Schedule({"email": timedelta(hours=1)}),
    )  # fmt: skip
    assert (what, summary) == ([], None)
    assert snapshot(home) == before


def test_edit_says_what_changed_and_moves_only_pending_due_times(store: Store):
    change(store, marking.set_steps, "1", ["email"], "done", LATER, who="jane")
    (iv, what), summary = change(
        store, actions.edit_interview, "1", company="Acme Inc", role="Lead", notes="hi\nthere",
        at=AT + timedelta(days=1), remove_with=["raj"], add_with=people("Mia"),
    )  # fmt: skip
    assert what == ["company", "role", "notes", "time", "removed Raj Patel", "added Mia"]
    assert summary == (
        "edited #1 Acme Inc (Lead) (company, role, notes, time, removed Raj Patel, added Mia)"
    )
    assert step(store, "email", "Jane Doe").due == AT + timedelta(hours=24)  # done: stays
    assert step(store, "email", "Mia").due == AT + timedelta(days=1, hours=24)
    assert step(store, "phone").due == AT + timedelta(days=1, hours=4)
    assert {s.who for s in iv.steps} == {"Jane Doe", "Mia", None}


def test_close_sets_the_outcome_and_closing_again_the_same_way_changes_nothing(store: Store):
    (iv, changed, _), summary = change(store, actions.close_interview, "acme", LATER, "offer")
    assert (changed, summary) == (True, "closed #1 Acme Corp (Analyst) (offer)")
    assert (iv.closed, iv.closed_at, iv.outcome) == (True, LATER, "offer")
    for outcome in ("offer", None):
        (iv, changed, before), summary = change(store, actions.close_interview, "1", LATER, outcome)
        assert (changed, summary, before) == (False, None, "offer")
    (iv, changed, before), summary = change(store, actions.close_interview, "1", LATER, "rejected")
    assert (changed, before) == (True, "offer")
    assert summary == "changed the outcome of #1 Acme Corp (Analyst) from offer to rejected"
    # a reply is still due (an offer, then a rejection): it stays in open.json's awaiting
    assert store.read_closed(store.read_open())[0].outcome == "rejected"


def test_close_without_an_outcome_says_closed(store: Store):
    (_, changed, _), summary = change(store, actions.close_interview, "1", LATER)
    assert (changed, summary) == (True, "closed #1 Acme Corp (Analyst)")
    assert store.read_open().interviews == []


def test_an_unknown_outcome_is_refused_by_the_core_too(store: Store, home: Path):
    before = snapshot(home)
    with pytest.raises(FollowupError) as info:
        change(store, actions.close_interview, "1", LATER, "ghosted")
    assert str(info.value) == (
        "unknown outcome 'ghosted': use one of offer, rejected, withdrawn, no-response"
    )
    assert snapshot(home) == before


def test_remove_takes_an_open_or_a_closed_interview(store: Store):
    with store.change(LATER) as ch:
        actions.add_interview(ch, company="Globex", at=AT, now=LATER)
    change(store, actions.close_interview, "2", LATER)
    with store.change(LATER) as ch:
        actions.remove_interview(ch, actions.interview_named(ch, "2"))
    assert ch.summary == "removed #2 Globex"
    with store.change(LATER) as ch:
        actions.remove_interview(ch, actions.interview_named(ch, "acme"))
    assert ch.summary == "removed #1 Acme Corp (Analyst)"
    doc = store.read_open()
    assert doc.interviews == [] and store.read_history(doc) == []


def test_removing_one_person_twice_is_a_clear_error(store: Store, home: Path):
    before = snapshot(home)
    with pytest.raises(FollowupError) as info:
        change(store, actions.edit_interview, "1", remove_with=["raj", "raj"])
    assert str(info.value) == (
        "no interviewer on #1 Acme Corp (Analyst) matches 'raj': they are Jane Doe"
    )
    assert snapshot(home) == before


def test_the_core_refuses_a_deadline_without_an_offer_naming_the_interview(
    store: Store, home: Path
):
    # The command line asks for --outcome offer itself; the core holds the same rule for
    # any other caller, also for an interview closed already with another outcome.
    deadline = LATER + timedelta(days=7)
    said = (
        "a deadline is for an offer: close #1 Acme Corp (Analyst) with --outcome offer to give one"
    )
    for outcome in ("rejected", None):
        before = snapshot(home)
        with pytest.raises(FollowupError) as info:
            change(store, actions.close_interview, "1", LATER, outcome, deadline=deadline)
        assert str(info.value) == said
        assert snapshot(home) == before
    change(store, actions.close_interview, "1", LATER, "withdrawn")
    before = snapshot(home)
    with pytest.raises(FollowupError) as info:
        change(store, actions.close_interview, "1", LATER, deadline=deadline)
    assert str(info.value) == said
    assert snapshot(home) == before


def test_an_edit_leaves_the_topics_and_decision_date_it_is_not_given(home: Path):
    decision = AT + timedelta(days=7)
    store = make_store(
        home, {"company": "Acme Corp", "topics": ["their move to dbt"], "decision": decision}
    )
    (iv, what), summary = change(store, actions.edit_interview, "1", role="Lead")
    assert (what, summary) == (["role"], "edited #1 Acme Corp (Lead) (role)")
    assert [t.text for t in iv.topics] == ["their move to dbt"] and iv.decision == decision
    stored = store.read_open().interviews[0]
    assert ([t.text for t in stored.topics], stored.decision) == (["their move to dbt"], decision)
    # clearing them is said as such
    (iv, what), summary = change(store, actions.edit_interview, "1", clear_topics=True)
    assert (what, summary) == (["topics cleared"], "edited #1 Acme Corp (Lead) (topics cleared)")
    assert iv.topics == []


def test_a_decision_date_is_checked_against_the_interview_in_the_users_zone(home: Path):
    # Kiritimati is UTC+14, the system's zone UTC: the day of each moment differs.
    from zoneinfo import ZoneInfo

    kiritimati = ZoneInfo("Pacific/Kiritimati")
    rules = Schedule(tz=kiritimati)
    at = datetime(2026, 11, 25, 23, 0, tzinfo=kiritimati)  # 09:00 UTC
    store = make_store(home, {"company": "Acme Corp", "at": at, "rules": rules})
    # 00:00 that day there: the same day as the interview (the day before in UTC)
    same_day = datetime(2026, 11, 25, 0, 0, tzinfo=kiritimati)
    (iv, what), _ = change(store, actions.edit_interview, "1", decision=same_day, rules=rules)
    assert (what, iv.decision) == (["decision date"], same_day)
    # 23:00 the day before there: refused (the same day as the interview in UTC)
    store = make_store(home / "second", {"company": "Acme Corp", "at": at, "rules": rules})
    day_before = datetime(2026, 11, 24, 23, 0, tzinfo=kiritimati)
    with pytest.raises(FollowupError) as info:
        change(store, actions.edit_interview, "1", decision=day_before, rules=rules)
    assert str(info.value).startswith(
        "the decision date 2026-11-24 is before the interview (2026-11-25): "
    )


def test_the_next_round_has_the_people_given_and_only_them_unless_the_same_panel(home: Path):
    store = make_store(home, {"company": "Acme Corp", "interviewers": people("Jane", "Raj")})
    (iv, earlier, _), _ = change(
        store, actions.next_round, "1", at=LATER, now=LATER, interviewers=people("Mia")
    )
    assert [p.name for p in iv.interviewers] == ["Mia"]
    assert [p.name for p in earlier.interviewers] == ["Jane", "Raj"]
    (iv, _, _), _ = change(
        store, actions.next_round, "2", at=LATER, now=LATER, interviewers=people("Kim"),
        same_panel=True,
    )  # fmt: skip
    assert sorted(p.name for p in iv.interviewers) == ["Kim", "Mia"]


def test_an_offers_deadline_times_its_decide_step_and_nothing_else(store: Store):
    deadline, later_deadline = LATER + timedelta(days=7), LATER + timedelta(days=9)
    due_before = {(s.step, s.who): s.due for s in store.read_open().interviews[0].steps}
    (iv, _, _), _ = change(store, actions.close_interview, "1", LATER, "offer", deadline=deadline)
    assert {(s.step, s.who): s.due for s in iv.steps} == {
        **due_before,
        ("reply", None): DEFAULT_SCHEDULE.reply_due(LATER),
        ("decide", None): deadline,
    }
    # a decision made stays as it was when the deadline moves
    change(store, marking.set_steps, "1", ["decide"], "done", LATER)
    (iv, changed, _), _ = change(
        store, actions.close_interview, "1", LATER, deadline=later_deadline
    )
    decide = next(s for s in iv.steps if s.step == "decide")
    assert (changed, iv.deadline, decide.status, decide.due) == (
        True, later_deadline, "done", deadline,
    )  # fmt: skip
    # withdrawn: the reply still to write goes; the decision made stays, as history
    (iv, _, _), _ = change(store, actions.close_interview, "1", LATER, "withdrawn")
    after_close = [(s.step, s.status) for s in iv.steps if s.step in AFTER_CLOSE]
    assert after_close == [("decide", "done")]
    assert len(iv.steps) == len(due_before) + 1


def test_a_command_finds_a_closed_interview_by_company_only_when_it_says_so(store: Store):
    change(store, actions.close_interview, "1", LATER)
    with store.change(LATER) as ch:
        with pytest.raises(NotFound) as info:
            actions.interview_named(ch, "acme")
        assert info.value.advice == ("reopen-closed", 1)
        assert actions.interview_named(ch, "acme", closed_too=True).id == 1


def test_a_round_wanted_without_a_reason_is_said_to_be_where_it_applies(home: Path):
    store = make_store(home, {"company": "Acme Corp"})
    change(store, actions.next_round, "1", at=LATER, now=LATER)
    with store.change(LATER) as ch, pytest.raises(Ambiguous) as info:
        actions.interview_named(ch, "acme", wants=lambda _: True)
    assert str(info.value) == (
        "'acme' names 2 rounds of Acme Corp, and it applies on #1 Acme Corp and "
        "#2 Acme Corp (round 2): use the number, as in `1`"
    )
