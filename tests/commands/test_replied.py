"""Replies are steps: closing with an offer or a rejection adds a `reply` step, an offer's
deadline a `decide` step; a closed interview with one pending stays in open.json (so
`status` lists it without reading history); `followup replied` records their reply."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ACME, NOW_DT
from followup.core.checklist import DEFAULT_SCHEDULE, awaits_answer
from followup.core.models import Interview
from followup.features import actions


def steps(cli, ref: str = "1") -> dict[str, dict]:
    """The steps of an interview by kind (the last of each kind)."""
    return {s["step"]: s for s in cli("show", ref, "--json").json()["steps"]}


def test_changing_the_outcome_keeps_one_reply_and_drops_it_when_no_longer_called_for(cli):
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer").code == 0
    assert cli("close", "1", "--outcome", "rejected").code == 0
    assert [s["step"] for s in cli("show", "1", "--json").json()["steps"]].count("reply") == 1
    assert cli("close", "1", "--outcome", "withdrawn").code == 0
    assert "reply" not in steps(cli)
    assert cli("status", "--json").json() == []


OUTCOMES = st.sampled_from([None, "offer", "rejected", "withdrawn", "no-response"])


@given(
    outcomes=st.lists(OUTCOMES, min_size=1, max_size=4),
    deadline=st.one_of(st.none(), st.integers(1, 60)),
    reply_done=st.booleans(),
)
def test_answer_steps_give_what_the_last_outcome_calls_for(outcomes, deadline, reply_done):
    iv = Interview(id=1, uid="u", company="Acme", at=NOW_DT - timedelta(days=1), closed=True)
    when = NOW_DT + timedelta(days=deadline) if deadline else None
    for n, outcome in enumerate(outcomes):
        iv.outcome = outcome
        answer_steps_given = when if outcome == "offer" else None
        actions.answer_steps(iv, NOW_DT, DEFAULT_SCHEDULE, answer_steps_given)
        if reply_done and n == 0:
            for s in iv.steps:
                s.status = "done"
    kinds = [s.step for s in iv.steps]
    assert kinds.count("reply") <= 1 and kinds.count("decide") <= 1
    pending = {s.step for s in iv.steps if s.status == "pending"}
    assert ("reply" in pending) == (
        iv.outcome in ("offer", "rejected")
        and "reply" not in {s.step for s in iv.steps if s.status == "done"}
    )
    assert ("decide" in pending) <= (iv.outcome == "offer" and iv.deadline is not None)
    if iv.outcome == "offer" and when is not None and outcomes[-1] == "offer":
        assert iv.deadline == when
    if iv.outcome != "offer":
        assert iv.deadline is None
    assert awaits_answer(iv) == bool(pending & {"reply", "decide"})


# ----- followup replied -------------------------------------------------------------------


def test_replied_records_it_and_skips_pending_checkins_and_undo_brings_them_back(cli, files):
    assert cli(*ACME).code == 0
    run = cli("replied", "acme", "--on", "today 9:00", "--note", "second round next week")
    assert run.code == 0, run.stderr
    assert "#1 Acme Corp: replied Thu 26 Nov 09:00." in run.stdout
    shown = cli("show", "1", "--json").json()
    assert shown["replied_at"] == "2026-11-26T09:00:00+00:00"
    checkin = steps(cli)["checkin"]
    assert (checkin["status"], checkin["reason"]) == ("skipped", "they replied")
    assert shown["notes"] == "Reply 2026-11-26: second round next week"
    assert "replied Thu 26 Nov 09:00" in cli("show", "1").stdout
    assert "#1 Acme Corp: replied Thu 26 Nov 09:00." in cli("status").stdout
    assert cli("undo").code == 0
    assert steps(cli)["checkin"]["status"] == "pending"
    assert cli("show", "1", "--json").json()["replied_at"] is None


def test_replied_defaults_to_now_and_clears_the_no_reply_advice(cli):
    assert cli("add", "Acme", "--at", "2026-11-10 10:00").code == 0
    for _ in range(2):  # both check-ins sent, no reply: time to move on
        assert cli("done", "1", "checkin", env={"FOLLOWUP_NOW": "2026-11-20T10:00:00"}).code == 0
        assert cli("done", "1", "checkin").code == 0
    assert cli("show", "1", "--json").json()["unanswered_checkins"] == 2
    assert cli("replied", "1").code == 0
    shown = cli("show", "1", "--json").json()
    assert shown["replied_at"] == "2026-11-26T10:00:00+00:00"
    assert shown["unanswered_checkins"] == 0


@pytest.mark.parametrize(
    ("on", "said"),
    [("tomorrow", "in the future"), ("2026-11-24", "before"), ("blursday", "blursday")],
)
def test_a_bad_replied_on_is_refused_and_changes_nothing(cli, files, on, said):
    assert cli(*ACME).code == 0
    before = files()
    run = cli("replied", "1", "--on", on)
    assert run.code == 1 and said in run.stderr and "Traceback" not in run.stderr
    assert files() == before


def test_replied_on_a_closed_interview_by_company(cli):
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer").code == 0
    assert cli("replied", "acme").code == 0
    assert cli("show", "1", "--json").json()["replied_at"] == "2026-11-26T10:00:00+00:00"
