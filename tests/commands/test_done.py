"""`followup done`, driven through the real command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import ACME, NOW, NOW_DT, add, make_store, unchanged
from followup.core.checklist import checkins
from followup.features import marking
from followup.features.wording import (
    sentence,
)
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


#: The second check-in, added by ticking the first now: 5bd after now.
SECOND = "2026-12-03T10:00:00+00:00"


def test_an_earlier_decision_never_brings_the_next_checkin_before_checkin_again(cli, acme):
    ok(cli("done", "1", "checkin"))
    ok(cli("edit", "1", "--decision", "2026-11-27"))  # its check-in: Tue 1 Dec
    assert chain(cli)[1] == ("pending", SECOND)


def test_a_finished_checkin_before_a_pending_one_stays_where_it_was(cli, acme):
    ok(cli("done", "1", "checkin"))
    ok(cli("skip", "1", "checkin"))
    before = chain(cli)
    ok(cli("edit", "1", "--decision", "2026-12-18", "--at", "2026-11-25 09:00"))
    assert chain(cli) == before


@pytest.fixture
def store(home: Path) -> Store:
    return make_store(home, {"company": "Acme Corp"})


def mark(store: Store, status: str, now: datetime = NOW_DT) -> marking.StepChanges:
    with store.change(now) as ch:
        return marking.set_steps(ch, "1", ["checkin"], status, now)


def test_set_steps_reopens_the_last_finished_checkin_and_reports_what_it_took_back(store):
    mark(store, "done")
    second = checkins(store.read_open().interviews[0])[1]
    mark(store, "skipped")
    reopened = mark(store, "pending")
    assert [(s.due, s.status) for s in reopened.changed] == [(second.due, "pending")]
    assert reopened.removed == []
    reopened = mark(store, "pending")
    assert [s.status for s in reopened.changed] == ["pending"]
    assert [s.due for s in reopened.removed] == [second.due]
    assert [s.status for s in checkins(store.read_open().interviews[0])] == ["pending"]


# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


def steps_of(interview: dict) -> dict[tuple[str, str | None], dict]:
    return {(s["step"], s["who"]): s for s in interview["steps"]}


def test_done_without_who_marks_every_interviewer(cli):
    add_acme(cli)
    changed = cli("done", "acme", "thank-you", "--json").json()
    assert sorted(s["who"] for s in changed) == ["Jane Doe", "Raj Patel"]
    assert all(
        s["status"] == "done" and s["done_at"] == "2026-11-26T10:00:00+00:00" for s in changed
    )


def test_done_with_who_marks_one_and_reports_already_done(cli):
    add_acme(cli)
    first = cli("done", "1", "email", "LinkedIn", "--who", "jan", "--json").json()
    assert {(s["step"], s["who"]) for s in first} == {
        ("email", "Jane Doe"),
        ("linkedin", "Jane Doe"),
    }
    again = cli("done", "1", "email", "--who", "jane")
    assert again.code == 0
    assert "already done" in again.stderr
    assert cli("done", "1", "email", "--who", "jane", "--json").json() == []
    iv = cli("show", "1", "--json").json()
    assert steps_of(iv)[("email", "Raj Patel")]["status"] == "pending"


def test_done_phone_with_who_still_marks_the_one_phone_step(cli):
    add_acme(cli)
    changed = cli("done", "1", "voicemail", "--who", "raj", "--json").json()
    assert [(s["step"], s["who"]) for s in changed] == [("phone", None)]


def test_done_steps_do_not_show_in_status(cli):
    add_acme(cli)
    cli("done", "1", "email", "linkedin", "card", "phone")
    cli("skip", "1", "checkin")
    assert cli("status", "--json").json() == []
    assert "Nothing pending" in cli("status").stderr


def test_done_with_several_who_marks_each_of_them(cli):
    cli("add", "Acme", "--with", "Jane", "--with", "Raj", "--with", "Mia")
    changed = cli("done", "1", "email", "--who", "jane", "--who", "raj", "--json").json()
    assert sorted(s["who"] for s in changed) == ["Jane", "Raj"]
    steps = steps_of(cli("show", "1", "--json").json())
    assert steps[("email", "Mia")]["status"] == "pending"
    bad = cli("done", "1", "email", "--who", "jane", "--who", "zed")
    assert bad.code == 1 and "'zed'" in bad.stderr


def test_finishing_every_step_suggests_closing(cli):
    cli("add", "Acme")
    cli("done", "1", "email", "linkedin", "card")
    cli("skip", "1", "checkin", "--reason", "they called")
    last = cli("done", "1", "phone")
    assert "followup close 1 --outcome" in last.stderr
    assert "followup close" not in cli("reopen", "1", "phone").stderr


# ----------------------------------------------------------------------------
# Closed interviews: found by company when no open one matches, reopened with `reopen`;
# and `show` lists drafts only for what is still to do.


def close_umbrella(cli):
    assert cli("add", "Umbrella", "--with", "Happy Hogan", "--with", "Pepper Potts").code == 0
    assert cli("close", "umbrella", "--outcome", "rejected").code == 0


def test_ticking_steps_of_a_closed_interview_by_company_is_still_refused(cli, files):
    close_umbrella(cli)
    before = files()
    result = cli("done", "umbrella", "email")
    assert result.code == 1
    assert "closed" in result.stderr and "followup reopen 1" in result.stderr
    assert files() == before


# ----------------------------------------------------------------------------
# A step, command or option mistyped by a letter or two gets "did you mean ...?".


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("linkdin", "linkedin"),
        ("lnkdin", "linkedin"),
        ("emial", "email"),
        ("emal", "email"),
        ("crd", "card"),
        ("CARDS", "card"),
        ("phon", "phone"),
        ("chekin", "checkin"),
        ("thankyou", "thank-you"),
    ],
)
def test_a_step_a_letter_or_two_off_is_guessed(cli, files, typed, meant):
    assert cli(*ACME).code == 0
    before = files()
    run = cli("done", "1", typed)
    assert run.code == 1
    assert f"unknown step {typed!r} (did you mean {meant}?)" in run.stderr
    assert "Traceback" not in run.stderr and files() == before


def test_a_word_far_from_every_step_gets_no_guess(cli):
    assert cli(*ACME).code == 0
    run = cli("done", "1", "lunch")
    assert run.code == 1 and "did you mean" not in run.stderr
    assert "use one of email, linkedin" in run.stderr


# ----------------------------------------------------------------------------
# `followup draft`: the words for each follow-up, from the interview and the profile.


NOTES = "their move from spreadsheets to dbt; the Q3 dashboard rebuild"


@pytest.fixture
def acme_drafts(cli):
    """One interview with two interviewers and notes, as a new user records it."""
    run = cli(*ACME, "--topic", NOTES)
    assert run.code == 0, run.stderr
    return run


def test_card_reminder_for_a_card_already_sent(cli, acme_drafts):
    cli("done", "acme", "card", "--who", "raj")
    run = cli("draft", "acme", "card", "--who", "raj")
    assert "marked done already" in run.stderr


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


DONE = ("done", NOW, None)


PENDING = ("pending", None, None)


def test_removing_the_last_person_leaves_their_progress_to_no_one(cli):
    cli("add", "Acme Corp", "--at", "2026-11-25 14:00", "--with", "Jane", "--with", "Raj")
    cli("done", "1", "email", "--who", "raj")
    cli("skip", "1", "card", "--who", "jane", "--reason", "no address")
    cli("done", "1", "card", "--who", "raj")
    run = cli("edit", "1", "--remove-with", "jane", "--remove-with", "raj")
    assert run.code == 0, run.stderr
    after = show(cli)
    # Done wins over skipped and pending, whoever it was.
    assert after[("email", None)] == DONE
    assert after[("card", None)] == DONE
    assert after[("linkedin", None)] == PENDING
    assert {who for _, who in after} == {None}


# ----------------------------------------------------------------------------
# Moving data between machines and tools: imports merge by `uid`, CSV times are local,
# and a calendar learns when a step is ticked off or overdue.


def at(moment: str) -> dict[str, str]:
    """Run a command at another 'now'."""
    return {"FOLLOWUP_NOW": moment}


def test_csv_times_are_local_with_their_offset(cli):
    ny = {"TZ": "America/New_York"}
    cli("add", "Acme", "--at", "2026-11-25 10:00", "--with", "Jane Doe", env=ny)
    cli("done", "acme", "email", env={**ny, **at("2026-11-26T09:30:00")})
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv", env=ny).stdout)))
    email = next(r for r in rows if r["step"] == "email")
    assert email["at"] == "2026-11-25T10:00:00-05:00"
    assert email["due"] == "2026-11-26T10:00:00-05:00"
    assert email["done_at"] == "2026-11-26T09:30:00-05:00"


def events(data: str) -> dict[str, dict]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_a_ticked_step_stays_in_the_calendar_cancelled_with_a_higher_sequence(cli):
    cli(*ACME)
    before = events(cli("export", "--format", "ics").stdout)
    later = at("2026-11-26T11:00:00+00:00")
    cli("done", "acme", "email", "--who", "jane", env=later)
    cli("skip", "acme", "card", "--who", "raj", env=later)
    after = events(cli("export", "--format", "ics", env=later).stdout)
    assert set(after) == set(before)
    cancelled = {uid for uid, e in after.items() if str(e.get("STATUS")) == "CANCELLED"}
    assert len(cancelled) == 2
    for uid in cancelled:
        assert int(after[uid]["SEQUENCE"]) > int(before[uid].get("SEQUENCE", 0))
        assert str(before[uid]["STATUS"]) == "CONFIRMED"
    assert {str(e["STATUS"]) for uid, e in after.items() if uid not in cancelled} == {"CONFIRMED"}


@pytest.mark.parametrize("fmt", ["ics"])
def test_the_calendar_still_names_no_uid_twice(cli, fmt):
    cli(*ACME)
    cli("done", "acme", "email")
    data = cli("export", "-f", fmt).stdout
    uids = [str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert len(uids) == len(set(uids))


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def steps_followthrough(iv: dict, kind: str) -> list[dict]:
    return [s for s in iv["steps"] if s["step"] == kind]


def show_followthrough(cli, ref: str) -> dict:
    run = cli("show", ref, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def test_ticking_phone_ticks_it_on_every_open_interview_with_one_undo(cli):
    add(cli, *ACME)
    add(cli, "add", "Globex")
    add(cli, "add", "Initech")
    assert cli("close", "initech").code == 0
    run = cli("done", "globex", "phone")
    assert run.code == 0, run.stderr
    assert "#1" in run.stderr and "Acme Corp" in run.stderr  # says which others
    for ref in ("1", "2"):
        assert steps_followthrough(show_followthrough(cli, ref), "phone")[0]["status"] == "done"
    assert (
        steps_followthrough(show_followthrough(cli, "3"), "phone")[0]["status"] == "pending"
    )  # closed: left alone
    assert cli("undo").code == 0
    for ref in ("1", "2"):
        assert steps_followthrough(show_followthrough(cli, ref), "phone")[0]["status"] == "pending"


def test_done_phone_json_lists_every_step_it_ticked(cli):
    add(cli, *ACME)
    add(cli, "add", "Globex")
    changed = cli("done", "1", "phone", "--json").json()
    assert sorted((s["interview"], s["step"], s["status"]) for s in changed) == [
        (1, "phone", "done"),
        (2, "phone", "done"),
    ]


def test_done_checkin_adds_the_next_until_checkin_max_then_suggests_closing(cli):
    add(cli, *ACME)
    first = cli("done", "acme", "checkin", "--json").json()
    # the one ticked, and the one it added
    assert [(s["step"], s["status"]) for s in first] == [
        ("checkin", "done"),
        ("checkin", "pending"),
    ]
    iv = show_followthrough(cli, "acme")
    done, pending = steps_followthrough(iv, "checkin")
    assert done["status"] == "done" and pending["status"] == "pending"
    assert pending["due"] == "2026-12-03T10:00:00+00:00"  # 5bd after now
    later = {"FOLLOWUP_NOW": "2026-12-03T11:00:00+00:00"}  # the second is due
    second = cli("done", "acme", "checkin", env=later)
    assert second.code == 0
    assert "already done" not in second.stderr  # the first check-in is history, not news
    iv = show_followthrough(cli, "acme")
    assert [s["status"] for s in steps_followthrough(iv, "checkin")] == ["done", "done"]
    assert "already done: Check-in" in cli("done", "acme", "checkin", env=later).stderr
    for command in (("show", "acme"), ("list",), ("status",)):
        run = cli(*command)
        text = run.stdout + run.stderr
        assert "no reply after 2 check-ins" in text, command
    assert "followup close 1 --outcome no-response" in cli("status").stderr


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("checkin.max", "6", "0 to 5"),
        ("checkin.max", "two", "whole number"),
        ("due.checkin", "2bdx", "duration"),
        ("holidays.country", "Narnia", "ISO 3166"),
        ("holidays.country", "XX", "ISO 3166"),
    ],
)
def test_bad_new_settings_are_refused(cli, files, key, value, words):
    assert words in unchanged(cli, files, "config", key, value)


def test_a_prefix_matching_several_rounds_never_ticks_the_wrong_one(cli, files):
    add(cli, *ACME)
    add(cli, "next", "acme", "--with", "Kim Lee")
    # the card is pending on both rounds: refused, naming both
    err = unchanged(cli, files, "done", "acme", "card")
    assert "#1" in err and "#2" in err and "round" in err
    # the thank-you email to Kim exists on round 2 only: that one
    run = cli("done", "acme", "email", "--who", "kim")
    assert run.code == 0, run.stderr
    assert steps_followthrough(show_followthrough(cli, "2"), "email")[0]["status"] == "done"
    # once round 1's cards are done, "acme card" can only mean round 2's
    assert cli("done", "1", "card").code == 0
    assert cli("done", "acme", "card").code == 0
    assert steps_followthrough(show_followthrough(cli, "2"), "card")[0]["status"] == "done"
    # reading commands take the latest round, and say so
    run = cli("show", "acme")
    assert run.code == 0 and "#2" in run.stdout and "round" in run.stderr


def test_upgraded_notes_longer_than_a_topic_are_cut_at_a_word_notes_kept():
    from followup.core.text import LIMITS
    from followup.storage.migrations import notes_as_topics

    long = "word " * 100 + "\n  second   line  \n\n"
    topics = notes_as_topics(long)
    assert [t["text"] for t in topics][1] == "second line"
    first = topics[0]["text"]
    assert len(first) <= LIMITS["topic"] and first.endswith("word…")


# ----------------------------------------------------------------------------
# Naming people and companies as a user types them: empty entries, accents, any part of
# a name, and correcting an interviewer without losing their progress.


def steps_by(iv: dict) -> dict[tuple[str, str | None], dict]:
    return {(s["step"], s["who"]): s for s in iv["steps"]}


@pytest.fixture
def societe(cli):
    result = cli(
        "add", "Société Générale", "--at", "2026-11-25 14:00",
        "--with", "José Núñez <jose@sg.fr>", "--with", "Siobhan O'Brien",
    )  # fmt: skip
    assert result.code == 0, result.stderr


@pytest.mark.parametrize("ref", ["societe", "SOCIÉTÉ", "société gén", "Societe Generale"])
def test_a_company_prefix_ignores_accents_and_case(cli, societe, ref):
    result = cli("done", ref, "phone", "--json")
    assert result.code == 0, result.stderr
    assert [s["step"] for s in result.json()] == ["phone"]


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("jose", "José Núñez"),
        ("JOSÉ", "José Núñez"),
        ("nunez", "José Núñez"),
        ("Núñ", "José Núñez"),
        ("o'brien", "Siobhan O'Brien"),
        ("o’brien", "Siobhan O'Brien"),  # a typographic apostrophe, as phones type it
        ("obrien", "Siobhan O'Brien"),
        ("siob", "Siobhan O'Brien"),
    ],
)
def test_who_matches_the_start_of_any_part_of_a_name(cli, societe, who, name):
    result = cli("done", "societe", "email", "--who", who, "--json")
    assert result.code == 0, result.stderr
    assert [(s["step"], s["who"]) for s in result.json()] == [("email", name)]


def test_who_that_starts_two_names_is_ambiguous_and_changes_nothing(cli, files):
    cli("add", "Acme", "--with", "Ana Lima", "--with", "Bo Lindqvist")
    before = files()
    result = cli("done", "acme", "email", "--who", "li")
    assert result.code == 1
    assert "Ana Lima" in result.stderr and "Bo Lindqvist" in result.stderr
    assert files() == before


def test_the_start_of_a_whole_name_wins_over_a_later_part(cli):
    cli("add", "Acme", "--with", "Mary Smith", "--with", "Tom Mason")
    result = cli("done", "acme", "email", "--who", "ma", "--json")
    assert result.code == 0, result.stderr
    assert [s["who"] for s in result.json()] == ["Mary Smith"]


def test_rename_with_keeps_the_persons_steps_and_their_states(cli):
    cli(*ACME)
    cli("done", "acme", "email", "--who", "jane")
    cli("skip", "acme", "card", "--who", "jane", "--reason", "remote")
    before = steps_by(cli("show", "1", "--json").json())
    result = cli("edit", "acme", "--rename-with", "jane", "Janet Doe <janet@acme.com>", "--json")
    assert result.code == 0, result.stderr
    iv = result.json()
    assert iv["interviewers"] == [
        {"name": "Janet Doe", "email": "janet@acme.com", "key": "Jane Doe"},  # her calendar UIDs
        {"name": "Raj Patel", "email": None},
    ]
    after = steps_by(iv)
    assert ("email", "Jane Doe") not in after
    for kind in ("email", "linkedin", "card"):
        old, new = before[(kind, "Jane Doe")], after[(kind, "Janet Doe")]
        assert {**old, "who": "Janet Doe"} == new  # status, done_at, due, reason: all kept
        assert before[(kind, "Raj Patel")] == after[(kind, "Raj Patel")]
    assert len(after) == len(before)


def test_rename_with_an_email_alone_adds_it_and_keeps_the_name(cli):
    cli(*ACME)
    cli("done", "acme", "linkedin", "--who", "raj")
    iv = cli("edit", "acme", "--rename-with", "raj", "<raj@acme.com>", "--json").json()
    assert iv["interviewers"][1] == {"name": "Raj Patel", "email": "raj@acme.com"}
    assert steps_by(iv)[("linkedin", "Raj Patel")]["status"] == "done"


# ----------------------------------------------------------------------------
# Fixes from a fresh-eyes QA run of the follow-up arc, each driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC; Acme's interview was Wednesday 25 Nov 14:00.


def show_qa(cli, ref: str) -> dict:
    run = cli("show", ref, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def statuses(iv: dict, kind: str) -> list[str]:
    return [s["status"] for s in iv["steps"] if s["step"] == kind]


def test_done_checkin_twice_in_a_row_leaves_the_next_one_pending(cli):
    add(cli, *ACME)
    assert cli("done", "acme", "checkin").code == 0
    again = cli("done", "acme", "checkin")
    assert again.code == 0
    assert statuses(show_qa(cli, "acme"), "checkin") == ["done", "pending"]
    assert "already done: Check-in" in again.stderr
    assert "The next check-in is due Thu 03 Dec" in again.stderr, again.stderr


def test_a_checkin_sent_early_a_day_later_is_ticked_with_a_warning(cli):
    add(cli, *ACME)
    assert cli("done", "acme", "checkin").code == 0
    later = cli("done", "acme", "checkin", env={"FOLLOWUP_NOW": "2026-11-27T12:00:00+00:00"})
    assert later.code == 0, later.stderr
    assert statuses(show_qa(cli, "acme"), "checkin") == ["done", "done"]
    assert "not due until Thu 03 Dec" in later.stderr and "ticked anyway" in later.stderr


def test_ticking_a_step_of_a_round_still_to_come_warns(cli):
    add(cli, *ACME)
    assert cli("next", "acme", "--at", "2026-12-15 10:00", "--with", "Kim Lee").code == 0
    run = cli("done", "2", "email")
    assert run.code == 0
    assert "The interview of #2 is on Tue 15 Dec" in run.stderr and "ticked anyway" in run.stderr
    assert "ticked anyway" not in cli("done", "1", "email").stderr


def test_a_bare_done_leaves_a_step_skipped_on_purpose_alone(cli):
    add(cli, *ACME)
    assert cli("skip", "acme", "card", "--who", "jane", "--reason", "remote").code == 0
    run = cli("done", "acme", "card", "linkedin")
    assert run.code == 0
    cards = {s["who"]: s["status"] for s in show_qa(cli, "acme")["steps"] if s["step"] == "card"}
    assert cards == {"Jane Doe": "skipped", "Raj Patel": "done"}
    assert "skipped (remote), left as it is" in run.stderr
    assert '--who "Jane Doe"' in run.stderr
    # named with --who, it changes
    assert cli("done", "acme", "card", "--who", "jane").code == 0
    assert statuses(show_qa(cli, "acme"), "card") == ["done", "done"]


# ----------------------------------------------------------------------------
# Replies are steps: closing with an offer or a rejection adds a `reply` step, an offer's
# deadline a `decide` step; a closed interview with one pending stays in open.json (so
# `status` lists it without reading history); `followup replied` records their reply.


def steps_replies(cli, ref: str = "1") -> dict[str, dict]:
    """The steps of an interview by kind (the last of each kind)."""
    return {s["step"]: s for s in cli("show", ref, "--json").json()["steps"]}


def open_json(home: Path) -> dict:
    return json.loads((home / "open.json").read_text())


def test_done_reply_by_number_or_company_and_undo_restores(cli, home, files):
    assert cli(*ACME).code == 0
    assert cli("close", "acme", "--outcome", "offer").code == 0
    before = files()
    run = cli("done", "acme", "reply")
    assert run.code == 0, run.stderr
    assert "stays closed and out of" not in run.stderr  # the reply is what status shows
    assert steps_replies(cli)["reply"]["status"] == "done"
    assert open_json(home)["awaiting"] == [] and open_json(home)["closed_ids"] == [1]
    assert cli("status", "--json").json() == []
    assert cli("undo").code == 0
    assert steps_replies(cli)["reply"]["status"] == "pending"
    assert [iv["id"] for iv in open_json(home)["awaiting"]] == [1]
    assert files()["open.json"] == before["open.json"]


def test_done_decide_and_a_new_deadline_moves_the_pending_decide(cli):
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", "2026-12-04").code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", "2026-12-08 12:00").code == 0
    assert steps_replies(cli)["decide"]["due"] == "2026-12-08T12:00:00+00:00"
    assert cli("done", "1", "decide").code == 0
    assert steps_replies(cli)["decide"]["status"] == "done"
    assert cli("undo").code == 0
    assert steps_replies(cli)["decide"]["status"] == "pending"


# ----------------------------------------------------------------------------
# Naming an interview (INTERVIEW) and an interviewer (--who): the rules users rely on.
#
# Through the CLI where a command shows the effect, and the engine for the exact messages.


def test_options_and_dashes_still_work_next_to_a_negative_number(cli):
    cli("add", "Acme", "--with", "Jane Doe")
    run = cli("done", "-1", "--zzzz")  # a real unknown option is still one
    assert run.code == 2 and "no such option '--zzzz'" in run.stderr
    assert cli("done", "1", "-1").stderr.startswith("error: unknown step '-1'")
    assert cli("agenda", "-d", "-1").stderr.startswith("error: bad --days: '-1' is less than 1")
    assert cli("done", "1", "email", "--json").code == 0  # options around it untouched


def test_an_empty_who_through_the_cli_changes_nothing(cli, files):
    cli("add", "Acme", "--with", "Jane Doe")
    before = files()
    run = cli("done", "Acme", "email", "--who", "")
    assert run.code == 1
    assert "no interviewer on #1 Acme matches ''" in run.stderr
    assert files() == before


def three_rounds(cli) -> None:
    """Acme Corp round 1 (Jane, Raj), round 2 (Kim), round 3 (Lu)."""
    from conftest import ACME

    assert cli(*ACME).code == 0
    assert cli("next", "acme", "--with", "Kim Lee", "--at", "2026-11-26 09:00").code == 0
    assert cli("next", "acme", "--with", "Lu Chen", "--at", "2026-11-26 09:30").code == 0


def test_ticking_by_company_acts_on_the_one_round_it_changes_even_an_earlier_one(cli):
    three_rounds(cli)
    # Kim is on round 2 only: the middle round is the one meant
    run = cli("done", "acme", "email", "--who", "kim")
    assert run.code == 0, run.stderr
    assert cli("show", "2", "--json").json()["steps"][0]["status"] == "done"
    assert "'acme' is #2 Acme Corp (Data Analyst, round 2), the only one it applies to; " \
        "other rounds go by number: #1 (round 1), #3 (round 3)" in run.stderr  # fmt: skip
    for number in ("1", "3"):
        shown = cli("show", number, "--json").json()["steps"]
        assert all(s["status"] == "pending" for s in shown if s["step"] == "email")


def test_ticking_by_company_where_several_rounds_would_change_names_them_all(cli, files):
    three_rounds(cli)
    before = files()
    run = cli("done", "acme", "card")
    assert run.code == 1 and files() == before
    assert run.stderr.strip() == (
        "error: 'acme' names 3 rounds of Acme Corp, and card is pending on #1 Acme Corp "
        "(Data Analyst) and #2 Acme Corp (Data Analyst, round 2) and #3 Acme Corp (Data "
        "Analyst, round 3): use the number, as in `1`"
    )


def test_a_prefix_of_no_name_and_no_email_finds_no_one_without_an_email(cli, files):
    from conftest import ACME

    assert cli(*ACME).code == 0  # Jane Doe <jane@acme.com>, Raj Patel (no email)
    before = files()
    run = cli("done", "1", "email", "--who", "x")
    assert run.code == 1 and files() == before
    assert "no interviewer on #1 Acme Corp (Data Analyst) matches 'x': they are " in run.stderr


def test_rounds_renamed_apart_are_named_by_the_first_round_s_company(cli, files):
    from conftest import ACME

    assert cli(*ACME).code == 0
    assert cli("next", "acme", "--with", "Kim Lee").code == 0
    assert cli("edit", "2", "--company", "Acme Corporation").code == 0
    before = files()
    run = cli("done", "acme", "card")  # both rounds, one application
    assert run.code == 1 and files() == before
    assert "'acme' names 2 rounds of Acme Corp, and card is pending on #1 Acme Corp" in run.stderr


def test_digits_that_are_not_0_to_9_are_a_company_prefix_not_a_number(cli, files):
    """'²' and '١' are digits to Python, and int('²') fails: an error, not a traceback."""
    assert cli("add", "Acme").code == 0
    before = files()
    for ref in ("²", "#²", "١", "3²"):
        run = cli("done", ref, "email")
        assert run.code == 1 and files() == before, (ref, run.stderr)
        assert run.stderr.strip() == (
            f"error: no open interview's company starts with {ref!r}: open interviews are "
            "#1 Acme (`followup list --all` shows closed ones)"
        )
    assert cli("add", "١٢ Labs").code == 0  # a company named in Arabic-Indic digits
    assert cli("show", "١٢", "--json").json()["company"] == "١٢ Labs"


# ----------------------------------------------------------------------------
# Rules of the commands that change interviews and their steps (features.actions and
# features.marking), through the store as the CLI uses it, and through the CLI itself.
#
# Each test is a rule a user relies on: which names in a topic are taken for a person,
# what a rename keeps, what the next round takes over, where a reopened interview goes,
# and which check-in `done` and `reopen` mean.


def test_a_step_the_interview_does_not_have_is_named_in_the_error(cli, files):
    assert cli("config", "checkin.max", "0").code == 0  # no check-ins at all
    assert cli("add", "Acme Corp", "--at", "2026-11-25 14:00").code == 0
    before = files()
    run = cli("done", "acme", "checkin")
    assert (run.code, run.stderr) == (1, "error: #1 Acme Corp has no checkin step\n")
    assert files() == before


@pytest.fixture
def two_rounds(cli):
    assert cli("add", "Acme Corp", "--at", "2026-11-20 14:00", "--with", "Jane Doe").code == 0
    assert cli("next", "acme", "--at", "2026-11-25 14:00", "--with", "Raj Patel").code == 0


def test_a_company_names_the_round_where_the_step_is_still_to_do(cli, two_rounds):
    assert cli("done", "2", "email").code == 0
    run = cli("done", "acme", "email")
    assert run.stdout == "#1 Acme Corp: 2/5 follow-ups finished.\n"
    assert run.stderr.splitlines() == [
        "'acme' is #1 Acme Corp, the only one it applies to; other rounds go by number: "
        "#2 (round 2)",
        "done: Thank-you email · Jane Doe",
    ]


def test_a_company_and_a_person_name_the_round_that_person_was_in(cli, two_rounds):
    run = cli("done", "acme", "email", "--who", "jane")
    assert run.code == 0 and run.stdout == "#1 Acme Corp: 2/5 follow-ups finished.\n"


def test_the_phone_by_company_ticks_every_round_and_two_kinds_are_named_together(cli, files):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    assert cli("next", "acme").code == 0
    # the voicemail check is one for every open interview: no round to choose
    run = cli("done", "acme", "phone")
    assert run.code == 0, run.stderr
    for number in ("1", "2"):
        steps = cli("show", number, "--json").json()["steps"]
        assert [s["status"] for s in steps if s["step"] == "phone"] == ["done"]
    before = files()
    run = cli("done", "acme", "email", "card")
    assert run.code == 1 and files() == before
    assert "and email and card is pending on #1 Acme and #2 Acme (round 2)" in run.stderr


# ----------------------------------------------------------------------------
# How an interview's words read in a draft: topics, names and dates, rule by rule.


def test_a_sentence_ends_with_one_full_stop():
    assert sentence("why?! ") == "why."
    assert sentence("done") == "done."


# ----------------------------------------------------------------------------
# What followup says: words that read right, hints only where they help, Ctrl-C and a
# bare `followup` handled as a user expects.


def test_ticking_one_step_does_not_repeat_the_undo_hint(cli):
    cli(*ACME)
    result = cli("done", "acme", "email", "--who", "jane")
    assert result.code == 0
    assert "undo" not in result.stderr


def test_ticking_several_at_once_mentions_undo(cli):
    cli(*ACME)
    result = cli("done", "acme", "email")  # both interviewers' emails
    assert result.code == 0
    assert "followup undo" in result.stderr
