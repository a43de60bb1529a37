"""`followup reopen`, driven through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import ACME, add
from followup.storage.store import Store

# ----------------------------------------------------------------------------
# Check-ins that move right: with the decision date while pending, never once finished;
# the next one after `due.checkin_again`; `1bd4h` counted business days first; and
# `reopen N checkin` reopening the last one finished. Through the CLI and directly.
#
# "Now" is Thursday 26 November 2026, 10:00 UTC; the interview Wednesday 25 November, 14:00.


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


# ----------------------------------------------------------------------------
# Closed interviews: found by company when no open one matches, reopened with `reopen`;
# and `show` lists drafts only for what is still to do.


def close_umbrella(cli):
    assert cli("add", "Umbrella", "--with", "Happy Hogan", "--with", "Pepper Potts").code == 0
    assert cli("close", "umbrella", "--outcome", "rejected").code == 0


def test_reopen_with_no_step_reopens_a_closed_interview(cli):
    close_umbrella(cli)
    result = cli("reopen", "umbrella")
    assert result.code == 0, result.stderr
    assert "Reopened #1 Umbrella" in result.stdout
    iv = cli("show", "1", "--json").json()
    assert iv["closed"] is False and iv["outcome"] is None
    assert [row["company"] for row in cli("list", "--json").json()] == ["Umbrella"]
    assert any(s["interview"] == 1 for s in cli("status", "--json").json())


def test_reopen_by_number_and_undo_closes_it_again(cli):
    close_umbrella(cli)
    assert cli("reopen", "1").code == 0
    undone = cli("undo")
    assert undone.code == 0 and "reopened #1 Umbrella" in undone.stdout
    assert cli("show", "1", "--json").json()["closed"] is True


def test_reopen_with_no_step_on_an_open_interview_says_what_to_do(cli, files):
    cli(*ACME)
    before = files()
    result = cli("reopen", "acme")
    assert result.code == 1
    assert "open" in result.stderr and "followup reopen 1 email" in result.stderr
    assert files() == before


def test_reopen_keeps_the_steps_as_they_were(cli):
    close_umbrella(cli)
    cli("reopen", "1")
    cli("done", "1", "email", "--who", "happy")
    cli("close", "1")
    cli("reopen", "1")
    steps = cli("show", "1", "--json").json()["steps"]
    done = [(s["step"], s["who"]) for s in steps if s["status"] == "done"]
    assert done == [("email", "Happy Hogan")]


# ----------------------------------------------------------------------------
# Moving data between machines and tools: imports merge by `uid`, CSV times are local,
# and a calendar learns when a step is ticked off or overdue.


def at(moment: str) -> dict[str, str]:
    """Run a command at another 'now'."""
    return {"FOLLOWUP_NOW": moment}


def events(data: str) -> dict[str, dict]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_a_reopened_step_comes_back_with_a_still_higher_sequence(cli):
    cli(*ACME)
    cli("done", "acme", "linkedin", env=at("2026-11-26T11:00:00+00:00"))
    cancelled = events(cli("export", "-f", "ics", env=at("2026-11-26T11:00:00+00:00")).stdout)
    cli("reopen", "acme", "linkedin", env=at("2026-11-26T12:00:00+00:00"))
    back = events(cli("export", "-f", "ics", env=at("2026-11-26T12:00:00+00:00")).stdout)
    for uid, e in back.items():
        if "LinkedIn" in str(e["SUMMARY"]):
            assert str(e["STATUS"]) == "CONFIRMED"
            assert int(e["SEQUENCE"]) > int(cancelled[uid]["SEQUENCE"])


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def steps(iv: dict, kind: str) -> list[dict]:
    return [s for s in iv["steps"] if s["step"] == kind]


def show(cli, ref: str) -> dict:
    run = cli("show", ref, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def test_reopening_a_checkin_takes_back_the_one_it_added(cli):
    add(cli, *ACME)
    assert cli("done", "acme", "checkin").code == 0
    assert cli("reopen", "acme", "checkin").code == 0
    assert [s["status"] for s in steps(show(cli, "acme"), "checkin")] == ["pending"]


# ----------------------------------------------------------------------------
# Fixes from a fresh-eyes QA run of the follow-up arc, each driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC; Acme's interview was Wednesday 25 Nov 14:00.


def test_reopening_a_step_of_a_closed_interview_says_it_is_closed(cli):
    add(cli, *ACME)
    assert cli("done", "1", "card").code == 0
    assert cli("close", "1", "--outcome", "offer").code == 0
    run = cli("reopen", "1", "card")
    assert run.code == 0
    assert "#1 Acme Corp is closed (offer)" in run.stderr


# ----------------------------------------------------------------------------
# Replies are steps: closing with an offer or a rejection adds a `reply` step, an offer's
# deadline a `decide` step; a closed interview with one pending stays in open.json (so
# `status` lists it without reading history); `followup replied` records their reply.


def open_json(home: Path) -> dict:
    return json.loads((home / "open.json").read_text())


def test_reopen_takes_back_the_pending_reply_and_decision(cli, home):
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", "2026-12-04").code == 0
    assert cli("reopen", "acme").code == 0
    shown = cli("show", "1", "--json").json()
    assert {"reply", "decide"}.isdisjoint(s["step"] for s in shown["steps"])
    assert shown["deadline"] is None and open_json(home)["awaiting"] == []


# ----------------------------------------------------------------------------
# Rules of the commands that change interviews and their steps (features.actions and
# features.marking), through the store as the CLI uses it, and through the CLI itself.
#
# Each test is a rule a user relies on: which names in a topic are taken for a person,
# what a rename keeps, what the next round takes over, where a reopened interview goes,
# and which check-in `done` and `reopen` mean.


# ----- reopening an interview ------------------------------------------------------------


@pytest.mark.parametrize("closed", ["2", "3"])
def test_a_reopened_interview_goes_back_in_its_place_by_number(cli, home, closed):
    for company in ("Acme", "Globex", "Initech"):
        assert cli("add", company, "--at", "2026-11-25 14:00").code == 0
    assert cli("close", closed).code == 0
    assert cli("reopen", closed).code == 0
    assert [iv.id for iv in Store(home).read_open().interviews] == [1, 2, 3]


@pytest.fixture
def two_rounds(cli):
    assert cli("add", "Acme Corp", "--at", "2026-11-20 14:00", "--with", "Jane Doe").code == 0
    assert cli("next", "acme", "--at", "2026-11-25 14:00", "--with", "Raj Patel").code == 0


def test_reopen_by_company_looks_for_the_round_where_the_step_is_finished(cli, two_rounds):
    assert cli("done", "1", "email").code == 0
    run = cli("reopen", "acme", "email")
    assert run.code == 0 and run.stdout == "#1 Acme Corp: 1/5 follow-ups finished.\n"
    assert cli("done", "2", "email").code == 0 and cli("done", "1", "email").code == 0
    run = cli("reopen", "acme", "email")
    assert (run.code, run.stderr) == (
        1,
        "error: 'acme' names 2 rounds of Acme Corp, and email is finished on #1 Acme Corp "
        "and #2 Acme Corp (round 2): use the number, as in `1`\n",
    )
