"""`followup status`, driven through the real command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ACME, add

# ----------------------------------------------------------------------------
# `followup agenda` (the days ahead) and `followup status INTERVIEW`.


@pytest.fixture
def two(cli):
    """Acme (yesterday 14:00, two people) and Globex (today 09:00, nobody named)."""
    assert cli(*ACME).code == 0
    assert cli("add", "Globex", "--at", "2026-11-26 09:00").code == 0


# ----- status INTERVIEW ------------------------------------------------------------


def test_status_of_one_interview(cli, two):
    run = cli("status", "globex", "--json")
    assert run.code == 0
    assert {s["interview"] for s in run.json()} == {2}
    assert [s["step"] for s in run.json()] == ["phone", "email", "linkedin", "card", "checkin"]
    human = cli("status", "1")
    assert human.code == 0
    assert "Globex" not in human.stdout and "Acme Corp" in human.stdout


def test_status_of_one_interview_with_all(cli, two):
    assert cli("done", "globex", "email").code == 0
    steps = cli("status", "globex", "--all", "--json").json()
    assert [(s["step"], s["status"]) for s in steps][-1] == ("email", "done")
    assert len(steps) == 5


def test_status_of_an_unknown_interview_is_exit_1(cli, two, files):
    before = files()
    run = cli("status", "initech")
    assert run.code == 1
    assert "initech" in run.stderr.lower() and run.stderr.count("\n") == 1
    assert files() == before


def test_status_of_a_finished_or_closed_interview(cli, two):
    for step in ("phone", "email", "linkedin", "card"):
        assert cli("done", "globex", step).code == 0
    assert cli("skip", "globex", "checkin").code == 0
    run = cli("status", "globex")
    assert run.code == 0 and run.stdout == ""
    assert "Nothing pending for #2 Globex" in run.stderr
    assert cli("close", "1").code == 0
    closed = cli("status", "1")
    assert closed.code == 0 and "#1 Acme Corp (Data Analyst) is closed" in closed.stderr
    assert cli("status", "1", "--json").json() == []


# ----------------------------------------------------------------------------
# The checklist engine, used directly: due times per step and per interviewer, edits.


def test_status_offers_a_draft_of_the_check_in_by_its_name(cli):
    from conftest import ACME

    assert cli(*ACME).code == 0
    assert cli("done", "1", "email", "linkedin", "card").code == 0
    run = cli("status")
    assert run.code == 0
    assert "Need the words for the check-in (#1)? `followup draft 1 checkin` writes a " \
        "draft." in " ".join(run.stderr.split())  # fmt: skip


# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


# ----- status ------------------------------------------------------------------------


def test_status_when_nothing_is_pending_says_so(cli):
    result = cli("status")
    assert result.code == 0
    assert result.stdout == ""
    assert "Nothing pending" in result.stderr
    assert cli("status", "--json").json() == []


def test_status_orders_overdue_first_then_by_due(cli):
    add_acme(cli)
    cli("add", "Globex", "--at", "2026-11-26 09:00")
    steps = cli("status", "--json").json()
    assert [s["overdue"] for s in steps][:1] == [True]  # Acme's phone; Globex's is due 13:00
    assert not any(s["overdue"] for s in steps[1:])
    dues = [s["due"] for s in steps[1:]]
    assert dues == sorted(dues)
    assert (steps[0]["interview"], steps[0]["step"]) == (1, "phone")
    assert len(steps) == 8 + 5


def test_status_human_marks_overdue_and_shows_relative_due(cli):
    add_acme(cli)
    result = cli("status")
    lines = result.stdout.splitlines()
    assert "Company" in lines[0] and "Due" in lines[0]
    assert lines[1].lstrip().startswith("!") and "16 h overdue" in lines[1]
    assert "in 4 h" in result.stdout  # email due 14:00 on the 26th, now is 10:00
    assert "8 pending across 1 interview(s), 1 overdue." in result.stdout
    assert "followup done 1 email --who Jane" in result.stderr  # the most valuable first


def test_status_all_includes_done_and_skipped(cli):
    add_acme(cli)
    cli("done", "1", "phone")
    cli("skip", "1", "card", "--reason", "remote")
    pending = cli("status", "--json").json()
    everything = cli("status", "--all", "--json").json()
    assert len(pending) == 5 and len(everything) == 8
    assert {s["status"] for s in everything} == {"pending", "done", "skipped"}
    assert "done" in cli("status", "--all").stdout


def test_status_respects_followup_now(cli):
    add_acme(cli)
    later = cli("status", "--json", env={"FOLLOWUP_NOW": "2026-12-03T00:00:00+00:00"}).json()
    assert all(s["overdue"] for s in later)


@pytest.mark.parametrize("columns", [30, 50, 60, 200])
def test_status_fits_the_width_and_in_a_pipe_keeps_the_absolute_due_time(cli, columns):
    cli(
        "add",
        "A Company With A Really Long Name Incorporated",
        "--at",
        "yesterday",
        "--with",
        "Bartholomew Longname-Smythe",
    )
    result = cli("status", env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert all(len(line) <= columns for line in lines), lines
    if columns >= 50:  # a file read tomorrow needs the time, not "25 h overdue"
        assert "When" in lines[0]
        assert re.search(r"Wed 25 Nov \d\d:\d\d", lines[1]), lines
    if columns >= 200:
        assert "A Company With A Really Long Name Incorporated" in result.stdout
        assert "Due" in lines[0] and "overdue" in lines[1]


# ----------------------------------------------------------------------------
# `followup draft`: the words for each follow-up, from the interview and the profile.


NOTES = "their move from spreadsheets to dbt; the Q3 dashboard rebuild"


@pytest.fixture
def acme(cli):
    """One interview with two interviewers and notes, as a new user records it."""
    run = cli(*ACME, "--topic", NOTES)
    assert run.code == 0, run.stderr
    return run


def test_status_points_at_the_draft_of_the_first_written_step(cli, acme):
    run = cli("status")
    assert "to Jane Doe (#1)? `followup draft 1 email --who Jane` writes a draft" in run.stderr


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def test_status_next_puts_the_email_before_the_voicemail_check(cli):
    add(cli, *ACME)
    run = cli("status")
    assert run.code == 0
    next_line = next(line for line in run.stderr.splitlines() if line.startswith("Next:"))
    assert "thank-you email" in next_line and "voicemail" not in next_line


# ----------------------------------------------------------------------------
# The files around the store get the store's care (issue 13): export targets, symlinked
# files, settings written at once, imports held to add's checks, odd clocks and zones.
#
# Each test drives the real CLI (in-process or as a process) and failed before the fix.


@pytest.mark.parametrize("char", ["\u200f", "\u061c", "\u2028", "\u0085"])
def test_direction_and_line_characters_are_shown_escaped(cli, home, char):
    assert cli("add", "Acme Corp").code == 0
    path = home / "open.json"
    text = path.read_text().replace("Acme Corp", f"Acme{char}Corp")
    path.unlink()
    path.write_text(text)
    run = cli("status")
    escaped = char.encode("unicode_escape").decode()
    assert char not in run.stdout and escaped in run.stdout, run.stdout
    # doctor holds the store to what add accepts, and says how to fix it
    run = cli("doctor")
    assert run.code == 1 and "control character" in run.stdout, run.stdout


# ----------------------------------------------------------------------------
# Fixes from a fresh-eyes QA run of the follow-up arc, each driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC; Acme's interview was Wednesday 25 Nov 14:00.


def test_status_of_one_interview_gives_advice_about_that_one_only(cli):
    assert cli("config", "checkin.max", "1").code == 0
    add(cli, *ACME)
    add(cli, "add", "Hooli", "--at", "2026-11-20 10:00")
    assert cli("done", "hooli", "checkin").code == 0
    assert "#2 Hooli: no reply" in cli("status").stderr
    one = cli("status", "acme")
    assert one.code == 0
    assert "Hooli" not in one.stdout + one.stderr
    assert "(#1)" in one.stderr  # its own Next: line


# ----------------------------------------------------------------------------
# Replies are steps: closing with an offer or a rejection adds a `reply` step, an offer's
# deadline a `decide` step; a closed interview with one pending stays in open.json (so
# `status` lists it without reading history); `followup replied` records their reply.


def open_json(home: Path) -> dict:
    return json.loads((home / "open.json").read_text())


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


# ----------------------------------------------------------------------------
# What followup says: words that read right, hints only where they help, Ctrl-C and a
# bare `followup` handled as a user expects.


def test_status_names_the_linkedin_note_properly(cli):
    cli("add", "Umbrella", "--at", "2026-11-24 10:00", "--with", "Happy Hogan")
    cli("done", "umbrella", "email", "phone", "card")  # the LinkedIn note is next
    result = cli("status")
    assert "the linkedin" not in result.stderr.lower().replace("the linkedin note", "")
    assert "LinkedIn note to Happy Hogan" in result.stderr
