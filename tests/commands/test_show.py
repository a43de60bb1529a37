"""`followup show`, driven through the real command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from conftest import ACME, NOW
from followup.core.when import parse_decision
from populate import copy_fixture

# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


def test_show_by_number_and_prefix(cli):
    add_acme(cli)
    cli("add", "Globex")
    by_number = cli("show", "1", "--json").json()
    by_prefix = cli("show", "ACME", "--json").json()
    assert by_number == by_prefix
    human = cli("show", "globex").stdout
    assert "#2 Globex" in human and "Progress  0/5 done" in human


# ----------------------------------------------------------------------------
# Closed interviews: found by company when no open one matches, reopened with `reopen`;
# and `show` lists drafts only for what is still to do.


def close_umbrella(cli):
    assert cli("add", "Umbrella", "--with", "Happy Hogan", "--with", "Pepper Potts").code == 0
    assert cli("close", "umbrella", "--outcome", "rejected").code == 0


def test_show_finds_a_closed_interview_by_company(cli):
    close_umbrella(cli)
    result = cli("show", "umbrella")
    assert result.code == 0, result.stderr
    assert "#1 Umbrella" in result.stdout and "closed (rejected)" in result.stdout
    assert cli("show", "umb", "--json").json()["closed"] is True


def test_an_open_interview_wins_over_a_closed_one(cli):
    close_umbrella(cli)
    cli("add", "Umbrella Health")
    result = cli("show", "umbrella", "--json")
    assert result.code == 0, result.stderr
    assert result.json()["id"] == 2


def test_show_lists_drafts_only_for_pending_steps(cli):
    cli(*ACME)
    cli("done", "acme", "email", "--who", "jane")
    cli("skip", "acme", "card")
    cli("done", "acme", "phone")
    shown = cli("show", "acme").stdout
    drafts = shown[shown.index("Drafts") :]
    assert "followup draft 1 email --who Raj" in drafts
    assert "--who Jane" not in drafts.split("linkedin")[0]  # Jane's email is done
    assert "followup draft 1 linkedin" in drafts
    assert "draft 1 card" not in drafts and "draft 1 phone" not in drafts


def test_show_lists_no_drafts_when_nothing_is_pending(cli):
    cli("add", "Globex")
    cli("done", "globex", "email", "linkedin", "card", "phone")
    cli("skip", "globex", "checkin")
    assert "Drafts" not in cli("show", "globex").stdout


# ----------------------------------------------------------------------------
# `followup draft`: the words for each follow-up, from the interview and the profile.


NOTES = "their move from spreadsheets to dbt; the Q3 dashboard rebuild"


@pytest.fixture
def acme(cli):
    """One interview with two interviewers and notes, as a new user records it."""
    run = cli(*ACME, "--topic", NOTES)
    assert run.code == 0, run.stderr
    return run


def test_show_lists_the_drafts_available(cli, acme):
    run = cli("show", "acme")
    lines = run.stdout.split("Drafts\n", 1)[1].splitlines()
    assert [line.strip() for line in lines] == [
        "followup draft 1 email --who Jane   (or --who Raj)",
        "followup draft 1 linkedin --who Jane   (or --who Raj)",
        "followup draft 1 card --who Jane   (or --who Raj)",
        "followup draft 1 phone",
        "followup draft 1 checkin",
    ]


def test_show_picks_a_who_word_that_tells_two_janes_apart(cli):
    cli("add", "Acme", "--with", "Jane Doe", "--with", "Jane Roe")
    out = cli("show", "1").stdout
    assert "followup draft 1 email --who 'Jane Doe'   (or --who 'Jane Roe')" in out
    assert cli("draft", "1", "email", "--who", "Jane Roe").stdout.startswith("Subject:")


# ----------------------------------------------------------------------------
# Edits keep progress: no edit turns a done or skipped step back into a pending one.
#
# Adding the first named interviewer to an interview recorded without any gives that
# person the steps done so far; removing the last one gives them back to no one; every
# other edit (names, times, decision date, topics, the next round) leaves finished steps
# as they were. Through the CLI, and through the checklist engine directly.


def steps(run) -> dict[tuple[str, str | None], tuple[str, str | None, str | None]]:
    """(kind, who) -> (status, done_at, reason) of `show --json` output."""
    return {
        (s["step"], s["who"]): (s["status"], s["done_at"], s["reason"]) for s in run.json()["steps"]
    }


def show(cli):
    run = cli("show", "1", "--json")
    assert run.code == 0, run.stderr
    return steps(run)


@pytest.fixture
def unnamed(cli):
    """#1 Acme Corp, no one named: its email done, its LinkedIn note skipped (2/5)."""
    assert cli("add", "Acme Corp", "--at", "2026-11-25 14:00").code == 0
    assert cli("done", "1", "email").code == 0
    assert cli("skip", "1", "linkedin", "--reason", "no account").code == 0


DONE = ("done", NOW, None)


SKIPPED = ("skipped", NOW, "no account")


PENDING = ("pending", None, None)


def test_the_first_person_added_takes_over_the_steps_done_so_far(cli, unnamed):
    run = cli("edit", "1", "--add-with", "Jane <jane@x.com>")
    assert run.code == 0, run.stderr
    after = show(cli)
    assert after[("email", "Jane")] == DONE
    assert after[("linkedin", "Jane")] == SKIPPED
    assert after[("card", "Jane")] == PENDING
    assert ("email", None) not in after  # taken over, not kept beside
    assert "Progress  2/5 done" in cli("show", "1").stdout


def test_of_several_added_at_once_the_first_given_takes_them_the_others_start_fresh(cli, unnamed):
    run = cli("edit", "1", "--add-with", "Jane <jane@x.com>", "--add-with", "Raj Patel")
    assert run.code == 0, run.stderr
    after = show(cli)
    assert (after[("email", "Jane")], after[("linkedin", "Jane")]) == (DONE, SKIPPED)
    assert {after[(k, "Raj Patel")] for k in ("email", "linkedin", "card")} == {PENDING}
    assert "Progress  2/8 done" in cli("show", "1").stdout


def test_a_pending_step_taken_over_keeps_its_due_time(cli, unnamed):
    before = {s["step"]: s["due"] for s in cli("show", "1", "--json").json()["steps"]}
    cli("config", "due.card", "3h")  # a new step would be due 3 h after the interview
    cli("edit", "1", "--add-with", "Jane")
    after = {(s["step"], s["who"]): s["due"] for s in cli("show", "1", "--json").json()["steps"]}
    assert after[("card", "Jane")] == before["card"]


# ----------------------------------------------------------------------------
# Naming an interview (INTERVIEW) and an interviewer (--who): the rules users rely on.
#
# Through the CLI where a command shows the effect, and the engine for the exact messages.


def test_an_exact_company_name_beats_a_longer_name_it_begins(cli):
    assert cli("add", "Acme Labs", "--at", "2026-11-25 10:00").code == 0
    assert cli("add", "Acme", "--at", "2026-11-25 11:00").code == 0
    assert cli("show", "acme", "--json").json()["company"] == "Acme"
    assert cli("show", "Acme L", "--json").json()["company"] == "Acme Labs"
    shown = cli("show", "Ac")
    assert shown.code == 1
    assert shown.stderr.strip().endswith(
        "'Ac' matches 2 open interviews: #1 Acme Labs, #2 Acme; use the number"
    )


def test_a_hash_number_is_the_interview_number(cli):
    cli("add", "Acme")
    cli("add", "Globex")
    assert cli("show", "#2", "--json").json()["company"] == "Globex"
    assert cli("show", " 2 ", "--json").json()["company"] == "Globex"


def test_the_cli_words_the_advice_after_the_message(cli):
    cli("add", "Acme")
    run = cli("show", "zzz")
    assert run.code == 1
    assert "open interviews are #1 Acme" in run.stderr and "list --all" in run.stderr


def three_rounds(cli) -> None:
    """Acme Corp round 1 (Jane, Raj), round 2 (Kim), round 3 (Lu)."""
    from conftest import ACME

    assert cli(*ACME).code == 0
    assert cli("next", "acme", "--with", "Kim Lee", "--at", "2026-11-26 09:00").code == 0
    assert cli("next", "acme", "--with", "Lu Chen", "--at", "2026-11-26 09:30").code == 0


def test_reading_a_company_with_three_rounds_shows_the_latest_and_names_the_others(cli):
    three_rounds(cli)
    run = cli("show", "acme")
    assert run.code == 0 and run.stdout.startswith("#3 Acme Corp"), run.stdout
    assert run.stderr.strip() == (
        "'acme' is #3 Acme Corp (Data Analyst, round 3), the latest round; other rounds "
        "go by number: #1 (round 1), #2 (round 2)"
    )


# ----------------------------------------------------------------------------
# Rules of the store (storage.store, change, files, validation) that a user relies on:
# what is said and kept when a save fails halfway, and how each damaged file is named.


def test_a_broken_history_file_does_not_stop_work_on_open_interviews(cli, home, files):
    assert cli("add", "Acme").code == 0 and cli("close", "1").code == 0
    assert cli("add", "Globex").code == 0
    (history,) = (home / "history").iterdir()
    history.write_text("{")
    assert cli("done", "globex", "email").code == 0
    assert history.read_text() == "{"
    refused = cli("show", "1")  # the closed one is refused, naming its file
    assert refused.code == 1
    assert refused.stderr.startswith(f"error: {history} is not valid JSON (line 1, column 2: ")


def test_an_open_interview_in_a_history_file_is_refused_naming_it(cli, home, files):
    assert cli("add", "Acme").code == 0 and cli("close", "1").code == 0
    (history,) = (home / "history").iterdir()
    doc = json.loads(history.read_text())
    doc["interviews"][0]["closed"] = False
    history.write_text(json.dumps(doc))
    before = files()
    run = cli("show", "1")
    assert run.code == 1 and files() == before
    assert run.stderr.startswith(
        f"error: {history} has a bad value at interviews[0].closed (interview #1): a history "
        "file holds closed interviews, so closed must be true; the file was left as it is"
    )


# ----------------------------------------------------------------------------
# When they said they would decide (`--decision`): the phrases, read forward, as users
# say them, on each day of the week, in the local zone, with the public holidays set.


def on(day: int, hour: int = 9) -> datetime:
    """Day `day` counted from 1 November 2026 (31 is 1 December), at `hour` UTC."""
    return datetime(2026, 11, 1, hour, tzinfo=UTC) + timedelta(days=day - 1)


def test_business_days_in_a_decision_skip_the_public_holidays_set(cli):
    wednesday = {"FOLLOWUP_NOW": "2026-11-25T10:00:00+00:00"}
    args = ("add", "Acme", "--at", "2026-11-25 09:00", "--decision", "in 3 business days")
    assert cli(*args, env=wednesday).code == 0
    # Thursday 26 is Thanksgiving in the US: not skipped without a country set
    assert cli("show", "1", "--json").json()["decision"] == "2026-11-30T09:00:00+00:00"
    assert cli("config", "holidays.country", "US").code == 0
    assert cli(*args, env=wednesday).code == 0
    assert cli("show", "2", "--json").json()["decision"] == "2026-12-01T09:00:00+00:00"
    # and the engine, given the holidays, the same
    from followup.core.business_days import Holidays

    assert parse_decision("in 3 business days", on(25, 10), holidays=Holidays("US")) == on(31)


# ----------------------------------------------------------------------------
# `followup snooze INTERVIEW STEP [--who NAME] --until WHEN`: a pending step is put off to a
# later time; `snoozed_from` keeps the time it had; re-timing the interview leaves it be.


def test_a_store_written_before_reads_as_if_the_new_keys_were_null(cli, home):

    copy_fixture(2, home)
    shown = cli("show", "1", "--json").json()
    assert (shown["deadline"], shown["replied_at"]) == (None, None)
    assert {s["snoozed_from"] for s in shown["steps"]} == {None}
    assert cli("snooze", "1", "checkin", "--until", "2026-12-20").code == 0
    assert (home / "backup" / "v2" / "open.json").is_file()  # the originals are kept


# ----------------------------------------------------------------------------
# Times read right, or refused: zones typed after a time, 15h, negative amounts, dates
# that read two ways, dates without a year, weekdays said of the future, and long WHENs.
#
# Each rule is pinned on core/when.py (and core/zones.py) directly and through the CLI.


def test_3pm_est_moves_the_day_under_berlin(cli):
    # 00:30 on Friday 27 November in Berlin; "6pm EST" was half an hour ago, shown
    # as Friday 00:00 there; the JSON keeps the moment in UTC
    env = {"TZ": "Europe/Berlin", "FOLLOWUP_NOW": "2026-11-26T23:30:00+00:00"}
    run = cli("add", "Acme", "--at", "6pm EST", env=env)
    assert run.code == 0, run.stderr
    assert "Fri 27 Nov 00:00 (30 min ago)" in run.stdout
    at = cli("show", "1", "--json", env=env).json()["at"]
    assert at == "2026-11-26T23:00:00+00:00"
