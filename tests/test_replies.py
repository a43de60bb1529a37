"""Replies are steps: closing with an offer or a rejection adds a `reply` step, an offer's
deadline a `decide` step; a closed interview with one pending stays in open.json (so
`status` lists it without reading history); `followup replied` records their reply."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ACME, NOW_DT
from followup.core.checklist import DEFAULT_RULES, awaits_answer
from followup.core.models import Interview
from followup.features import actions


def steps(cli, ref: str = "1") -> dict[str, dict]:
    """The steps of an interview by kind (the last of each kind)."""
    return {s["step"]: s for s in cli("show", ref, "--json").json()["steps"]}


def open_json(home: Path) -> dict:
    return json.loads((home / "open.json").read_text())


@pytest.mark.parametrize("outcome", ["offer", "rejected"])
def test_an_offer_or_a_rejection_adds_a_pending_reply_due_a_business_day_later(cli, outcome):
    assert cli(*ACME).code == 0
    run = cli("close", "acme", "--outcome", outcome)
    assert run.code == 0, run.stderr
    reply = steps(cli)["reply"]
    assert (reply["status"], reply["who"]) == ("pending", None)
    assert reply["due"] == "2026-11-27T10:00:00+00:00"  # Thursday 10:00 + 1bd
    assert "Reply due Fri 27 Nov 10:00" in run.stderr and "`followup done 1 reply`" in run.stderr
    assert "decide" not in steps(cli)
    assert cli("show", "1", "--json").json()["deadline"] is None


@pytest.mark.parametrize("outcome", ["withdrawn", "no-response", None])
def test_other_outcomes_add_no_reply(cli, home, outcome):
    assert cli(*ACME).code == 0
    assert cli("close", "acme", *(["--outcome", outcome] if outcome else [])).code == 0
    assert {"reply", "decide"}.isdisjoint(steps(cli))
    assert open_json(home)["awaiting"] == [] and open_json(home)["closed_ids"] == [1]


def test_the_reply_follows_the_due_reply_setting_and_counts_business_days(cli):
    assert cli("config", "due.reply", "4h").code == 0
    assert cli(*ACME).code == 0
    friday = {"FOLLOWUP_NOW": "2026-11-27T22:00:00+00:00"}
    assert cli("close", "acme", "--outcome", "rejected", env=friday).code == 0
    assert steps(cli)["reply"]["due"] == "2026-11-28T02:00:00+00:00"
    assert cli("config", "due.reply", "1bd").code == 0
    assert cli("add", "Globex", "--at", "2026-11-25 10:00").code == 0
    assert cli("close", "globex", "--outcome", "offer", env=friday).code == 0
    assert steps(cli, "2")["reply"]["due"] == "2026-11-30T22:00:00+00:00"  # Monday


def test_earlier_rounds_closed_with_it_get_no_reply(cli):
    assert cli("add", "Acme", "--at", "2026-11-20 10:00").code == 0
    assert cli("next", "acme", "--at", "2026-11-25 10:00").code == 0
    assert cli("close", "acme", "--outcome", "offer").code == 0
    assert "reply" in steps(cli, "2") and "reply" not in steps(cli, "1")
    rows = cli("status", "--json").json()
    assert [(s["interview"], s["step"]) for s in rows] == [(2, "reply")]


def test_changing_the_outcome_keeps_one_reply_and_drops_it_when_no_longer_called_for(cli):
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer").code == 0
    assert cli("close", "1", "--outcome", "rejected").code == 0
    assert [s["step"] for s in cli("show", "1", "--json").json()["steps"]].count("reply") == 1
    assert cli("close", "1", "--outcome", "withdrawn").code == 0
    assert "reply" not in steps(cli)
    assert cli("status", "--json").json() == []


def test_done_reply_by_number_or_company_and_undo_restores(cli, home, files):
    assert cli(*ACME).code == 0
    assert cli("close", "acme", "--outcome", "offer").code == 0
    before = files()
    run = cli("done", "acme", "reply")
    assert run.code == 0, run.stderr
    assert "stays closed and out of" not in run.stderr  # the reply is what status shows
    assert steps(cli)["reply"]["status"] == "done"
    assert open_json(home)["awaiting"] == [] and open_json(home)["closed_ids"] == [1]
    assert cli("status", "--json").json() == []
    assert cli("undo").code == 0
    assert steps(cli)["reply"]["status"] == "pending"
    assert [iv["id"] for iv in open_json(home)["awaiting"]] == [1]
    assert files()["open.json"] == before["open.json"]


def test_a_deadline_date_alone_is_2359_local_and_adds_a_decide_step(cli, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Paris")
    assert cli(*ACME).code == 0
    run = cli("close", "acme", "--outcome", "offer", "--deadline", "2026-12-04")
    assert run.code == 0, run.stderr
    shown = cli("show", "1", "--json").json()
    assert shown["deadline"] == "2026-12-04T22:59:00+00:00"  # 23:59 in Paris
    decide = steps(cli)["decide"]
    assert (decide["due"], decide["status"], decide["who"]) == (shown["deadline"], "pending", None)


@pytest.mark.parametrize(
    ("typed", "deadline"),
    [
        ("2026-12-04 17:00", "2026-12-04T17:00:00+00:00"),
        ("friday 9am", "2026-11-27T09:00:00+00:00"),
        ("friday", "2026-11-27T23:59:00+00:00"),
        ("january 8", "2027-01-08T23:59:00+00:00"),  # no year: the coming one
        ("in 3 days", "2026-11-29T23:59:00+00:00"),
    ],
)
def test_a_deadline_is_read_forward(cli, typed, deadline):
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", typed).code == 0
    assert cli("show", "1", "--json").json()["deadline"] == deadline


@pytest.mark.parametrize(
    "args",
    [
        ("--deadline", "friday"),
        ("--outcome", "rejected", "--deadline", "friday"),
        ("--outcome", "withdrawn", "--deadline", "friday"),
    ],
)
def test_a_deadline_without_an_offer_is_a_usage_error_and_changes_nothing(cli, files, args):
    assert cli(*ACME).code == 0
    before = files()
    run = cli("close", "1", *args)
    assert run.code == 2 and "--deadline" in run.stderr and "--outcome offer" in run.stderr
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
    assert files() == before


@pytest.mark.parametrize("typed", ["yesterday", "2026-11-26 09:00", "next blursday"])
def test_a_deadline_that_has_passed_or_does_not_read_is_refused(cli, files, typed):
    assert cli(*ACME).code == 0
    before = files()
    run = cli("close", "1", "--outcome", "offer", "--deadline", typed)
    assert run.code == 1 and typed in run.stderr
    assert files() == before


def test_decide_says_the_calendar_days_left_in_local_time(cli, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Paris")
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", "2026-11-29").code == 0
    assert "3 days left" in cli("status").stdout  # Thursday -> Sunday
    # 23:30 on Saturday in Paris: the deadline is the next calendar day, half a day on
    saturday_night = {"FOLLOWUP_NOW": "2026-11-28T22:30:00+00:00"}
    assert "1 day left" in cli("status", env=saturday_night).stdout
    sunday = {"FOLLOWUP_NOW": "2026-11-29T08:00:00+00:00"}
    row = next(line for line in cli("status", env=sunday).stdout.splitlines() if "Decide" in line)
    assert "today" in row


def test_done_decide_and_a_new_deadline_moves_the_pending_decide(cli):
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", "2026-12-04").code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", "2026-12-08 12:00").code == 0
    assert steps(cli)["decide"]["due"] == "2026-12-08T12:00:00+00:00"
    assert cli("done", "1", "decide").code == 0
    assert steps(cli)["decide"]["status"] == "done"
    assert cli("undo").code == 0
    assert steps(cli)["decide"]["status"] == "pending"


def test_a_closed_interview_stays_in_open_json_until_nothing_is_pending(cli, home):
    assert cli(*ACME).code == 0
    assert cli("add", "Globex").code == 0
    assert cli("close", "acme", "--outcome", "offer", "--deadline", "2026-12-04").code == 0
    doc = open_json(home)
    assert [iv["id"] for iv in doc["interviews"]] == [2]
    assert [iv["id"] for iv in doc["awaiting"]] == [1] and doc["closed_ids"] == []
    assert not (home / "history").exists()  # nothing written to history yet
    assert cli("done", "1", "reply").code == 0
    assert [iv["id"] for iv in open_json(home)["awaiting"]] == [1]  # the decision is pending
    assert cli("done", "1", "decide").code == 0
    doc = open_json(home)
    assert doc["awaiting"] == [] and doc["closed_ids"] == [1]
    history = json.loads((home / "history" / doc["history"]).read_text())
    assert [iv["id"] for iv in history["interviews"]] == [1]


def test_status_lists_only_the_reply_and_decide_of_a_closed_interview_without_history(cli, home):
    assert cli(*ACME).code == 0
    assert cli("add", "Initech", "--at", "2026-11-20 10:00").code == 0
    assert cli("close", "initech").code == 0  # to history
    assert cli("close", "acme", "--outcome", "offer", "--deadline", "2026-12-04").code == 0
    history = home / "history" / open_json(home)["history"]
    history.write_bytes(b"garbage")  # status must not read it
    for extra in ([], ["--all"]):
        rows = cli("status", "--json", *extra).json()
        assert [(s["interview"], s["step"]) for s in rows] == [(1, "reply"), (1, "decide")]
    assert "Reply" in cli("status").stdout
    assert [(s["step"]) for s in cli("status", "acme", "--json").json()] == ["reply", "decide"]
    assert cli("agenda", "--json").json()["days"][1]["steps"][0]["step"] == "reply"
    assert cli("prompt").stdout == ""  # nothing overdue or due today
    deadline_day = {"FOLLOWUP_NOW": "2026-12-04T10:00:00+00:00"}
    assert cli("prompt", env=deadline_day).stdout.strip() == "1 overdue, 1 today"
    late = cli("remind", "--within", "1d", "--dry-run", "--json", env=deadline_day).json()
    assert [(s["interview"], s["step"]) for s in late] == [(1, "reply"), (1, "decide")]


def test_list_show_export_import_and_doctor_know_such_interviews(cli, home, tmp_path):
    assert cli(*ACME).code == 0
    assert cli("add", "Globex").code == 0
    assert cli("close", "acme", "--outcome", "offer", "--deadline", "2026-12-04").code == 0
    assert [iv["id"] for iv in cli("list", "--json").json()] == [2]
    assert [iv["id"] for iv in cli("list", "--all", "--json").json()] == [1, 2]
    shown = cli("show", "acme")  # a company prefix finds the closed one
    assert shown.code == 0 and "Deadline  Fri 04 Dec 23:59 (8 days left)" in shown.stdout
    assert "closed (offer)" in shown.stdout
    doctor = cli("doctor")
    assert doctor.code == 0 and "1 with a reply or decision pending" in doctor.stdout
    exported = cli("export").json()
    acme = exported["interviews"][0]
    assert (acme["deadline"], acme["replied_at"]) == ("2026-12-04T23:59:00+00:00", None)
    ics = cli("export", "--format", "ics").stdout
    assert "SUMMARY:Decide · Acme Corp" in ics
    (tmp_path / "out.json").write_text(json.dumps(exported))
    other = {"FOLLOWUP_HOME": str(tmp_path / "other")}
    assert cli("import", str(tmp_path / "out.json"), env=other).code == 0
    rows = cli("status", "--json", env=other).json()
    assert [(s["interview"], s["step"]) for s in rows if s["interview"] == 1] == [
        (1, "reply"),
        (1, "decide"),
    ]


def test_reopen_takes_back_the_pending_reply_and_decision(cli, home):
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", "2026-12-04").code == 0
    assert cli("reopen", "acme").code == 0
    shown = cli("show", "1", "--json").json()
    assert {"reply", "decide"}.isdisjoint(s["step"] for s in shown["steps"])
    assert shown["deadline"] is None and open_json(home)["awaiting"] == []


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
        actions.answer_steps(iv, NOW_DT, DEFAULT_RULES, answer_steps_given)
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
