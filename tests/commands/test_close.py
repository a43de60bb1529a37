"""`followup close`, driven through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import ACME, add, unchanged

# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


def test_close_leaves_status_and_list_but_stays_in_show_and_list_all(cli):
    add_acme(cli)
    cli("add", "Globex")
    result = cli("close", "acme", "--outcome", "offer")
    assert result.code == 0 and "Closed #1 Acme Corp (offer)" in result.stdout
    rows = cli("status", "--json").json()
    # of the closed one, status lists only the reply that the offer calls for
    assert {s["interview"] for s in rows if s["step"] != "reply"} == {2}
    assert [s["step"] for s in rows if s["interview"] == 1] == ["reply"]
    assert [iv["id"] for iv in cli("list", "--json").json()] == [2]
    assert [iv["id"] for iv in cli("list", "--all", "--json").json()] == [1, 2]
    closed = cli("show", "1", "--json").json()
    assert closed["closed"] is True and closed["outcome"] == "offer"
    assert "closed (offer)" in cli("show", "1").stdout
    # a prefix names open interviews only, but show finds the one closed when none is open
    assert cli("done", "acme", "email").code == 1
    assert cli("show", "acme", "--json").json()["id"] == 1


def test_close_outcome_is_checked(cli, files):
    add_acme(cli)
    before = files()
    result = cli("close", "1", "--outcome", "hired")
    assert result.code == 2 and "hired" in result.stderr
    assert files() == before
    assert cli("close", "1", "--outcome", "NO-RESPONSE").code == 0
    assert cli("show", "1", "--json").json()["outcome"] == "no-response"


# ----------------------------------------------------------------------------
# Closed interviews: found by company when no open one matches, reopened with `reopen`;
# and `show` lists drafts only for what is still to do.


def close_umbrella(cli):
    assert cli("add", "Umbrella", "--with", "Happy Hogan", "--with", "Pepper Potts").code == 0
    assert cli("close", "umbrella", "--outcome", "rejected").code == 0


def test_two_closed_matches_are_ambiguous_and_listed(cli):
    close_umbrella(cli)
    cli("add", "Umbrella Health")
    cli("close", "2")
    result = cli("show", "umb")
    assert result.code == 1
    assert "#1 Umbrella" in result.stderr and "#2 Umbrella Health" in result.stderr


# ----------------------------------------------------------------------------
# Drafts speak to the person they go to: a check-in or a reply without --who greets the
# company's team and never says "You mentioned"; a topic for one person reaches no one
# else; topics are joined as sentences; a panel's LinkedIn notes and cards differ by more
# than the name, never by a detail the user did not give.


PANEL = (
    "add", "Acme Corp", "--role", "Data Analyst", "--at", "2026-11-25 14:00",
    "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel <raj@acme.com>",
    "--with", "Kim Lee", "--decision", "2026-12-02",
)  # fmt: skip


def text_of(cli, *args: str) -> str:
    run = cli("draft", *args)
    assert run.code == 0, run.stderr
    return run.stdout


def test_a_reply_without_who_greets_the_team_and_with_who_the_person(cli):
    assert cli(*PANEL).code == 0
    assert cli("close", "1", "--outcome", "offer").code == 0
    team = text_of(cli, "1", "reply")
    assert "Dear Acme Corp team," in team and "the time you all gave me" in team
    jane = text_of(cli, "1", "reply", "--who", "jane")
    assert "Dear Jane," in jane and "the time you and the team gave me" in jane
    assert cli("close", "1", "--outcome", "rejected").code == 0
    assert "enjoyed meeting you all" in text_of(cli, "1", "reply")


# ----------------------------------------------------------------------------
# Moving data between machines and tools: imports merge by `uid`, CSV times are local,
# and a calendar learns when a step is ticked off or overdue.


def at(moment: str) -> dict[str, str]:
    """Run a command at another 'now'."""
    return {"FOLLOWUP_NOW": moment}


def events(data: str) -> dict[str, dict]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_closing_an_interview_cancels_its_events(cli):
    cli(*ACME)
    cli("close", "acme", env=at("2026-11-26T11:00:00+00:00"))
    after = events(cli("export", "-f", "ics", env=at("2026-11-26T11:00:00+00:00")).stdout)
    assert after and {str(e["STATUS"]) for e in after.values()} == {"CANCELLED"}


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def test_reply_needs_an_offer_or_a_rejection(cli, files):
    add(cli, *ACME)
    err = unchanged(cli, files, "draft", "acme", "reply", "--who", "jane")
    assert "offer" in err and "rejected" in err and "close" in err
    assert cli("close", "acme", "--outcome", "withdrawn").code == 0
    assert "withdrawn" in unchanged(cli, files, "draft", "1", "reply", "--who", "jane")


# ----------------------------------------------------------------------------
# Fixes from a fresh-eyes QA run of the follow-up arc, each driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC; Acme's interview was Wednesday 25 Nov 14:00.


def show(cli, ref: str) -> dict:
    run = cli("show", ref, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def test_closing_a_closed_interview_again_says_the_outcome_changed(cli):
    add(cli, *ACME)
    assert cli("close", "1", "--outcome", "offer").code == 0
    run = cli("close", "1", "--outcome", "rejected")
    assert run.code == 0
    assert "Changed the outcome of #1 Acme Corp from offer to rejected." in run.stdout
    assert show(cli, "1")["outcome"] == "rejected"
    assert "was already closed (rejected)" in cli("close", "1", "--outcome", "rejected").stderr
    assert "from offer to rejected (made" in cli("undo").stdout
    assert show(cli, "1")["outcome"] == "offer"


# ----------------------------------------------------------------------------
# Replies are steps: closing with an offer or a rejection adds a `reply` step, an offer's
# deadline a `decide` step; a closed interview with one pending stays in open.json (so
# `status` lists it without reading history); `followup replied` records their reply.


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


def test_earlier_rounds_closed_with_it_get_no_reply(cli):
    assert cli("add", "Acme", "--at", "2026-11-20 10:00").code == 0
    assert cli("next", "acme", "--at", "2026-11-25 10:00").code == 0
    assert cli("close", "acme", "--outcome", "offer").code == 0
    assert "reply" in steps(cli, "2") and "reply" not in steps(cli, "1")
    rows = cli("status", "--json").json()
    assert [(s["interview"], s["step"]) for s in rows] == [(2, "reply")]


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


# ----------------------------------------------------------------------------
# An outcome ends the application: closing its latest round with one closes the earlier
# rounds still open, and the reply draft finds the round that was closed.


LATER = {"FOLLOWUP_NOW": "2026-11-30T10:00:00+00:00"}


def two_rounds(cli) -> None:
    assert cli("add", "Acme", "--at", "yesterday 2pm", "--with", "Jane <jane@acme.com>").code == 0
    assert cli("next", "acme", "--at", "tomorrow 10am", "--with", "Kim").code == 0


def test_closing_without_an_outcome_closes_that_round_only(cli):
    two_rounds(cli)
    assert cli("close", "2", env=LATER).code == 0
    assert [iv["id"] for iv in cli("list", "--json").json()] == [1]


def test_closing_an_earlier_round_leaves_the_later_one_open(cli):
    two_rounds(cli)
    assert cli("close", "1", "--outcome", "rejected", env=LATER).code == 0
    assert [iv["id"] for iv in cli("list", "--json").json()] == [2]


# ----------------------------------------------------------------------------
# Rules of the calendar export (`followup export --format ics`) a calendar user relies on:
# what each event says, when it starts and reminds, which events are cancelled, and that
# every export outranks the earlier ones.


def events_calendar(data: bytes) -> dict[str, object]:
    """The events by summary (every summary below is unique)."""
    found = list(Calendar.from_ical(data).walk("VEVENT"))
    by_summary = {str(e["SUMMARY"]): e for e in found}
    assert len(by_summary) == len(found)
    return by_summary


def test_the_cli_cancels_the_steps_of_a_closed_interview_until_30_days_on(cli):
    assert cli(*ACME).code == 0
    # withdrawn: no reply step (an offer's reply stays an event while it is pending)
    assert cli("close", "acme", "--outcome", "withdrawn").code == 0
    at_30 = {"FOLLOWUP_NOW": "2026-12-26T10:00:00+00:00"}
    found = events_calendar(cli("export", "-f", "ics", env=at_30).stdout.encode())
    first = str(found["LinkedIn · Jane Doe · Acme Corp"]["DESCRIPTION"]).splitlines()[0]
    assert first == "Cancelled: the interview was closed (withdrawn)."
    later = {"FOLLOWUP_NOW": "2026-12-26T10:00:01+00:00"}
    assert events_calendar(cli("export", "-f", "ics", env=later).stdout.encode()) == {}


# ----------------------------------------------------------------------------
# Naming an interview (INTERVIEW) and an interviewer (--who): the rules users rely on.
#
# Through the CLI where a command shows the effect, and the engine for the exact messages.


def three_rounds(cli) -> None:
    """Acme Corp round 1 (Jane, Raj), round 2 (Kim), round 3 (Lu)."""
    from conftest import ACME

    assert cli(*ACME).code == 0
    assert cli("next", "acme", "--with", "Kim Lee", "--at", "2026-11-26 09:00").code == 0
    assert cli("next", "acme", "--with", "Lu Chen", "--at", "2026-11-26 09:30").code == 0


def test_a_company_whose_rounds_are_all_closed_shows_the_latest_and_says_so(cli):
    three_rounds(cli)
    for number in ("1", "2", "3"):
        assert cli("close", number, "--outcome", "rejected").code == 0
    run = cli("show", "acme")
    assert run.code == 0 and run.stdout.startswith("#3 Acme Corp"), run.stdout
    assert run.stderr.strip() == (
        "'acme' is #3 Acme Corp (Data Analyst, round 3), the latest round; other rounds "
        "go by number: #1 (round 1), #2 (round 2)\n#3 is closed; `followup reopen 3` reopens it."
    )


# ----------------------------------------------------------------------------
# Rules of the commands that change interviews and their steps (features.actions and
# features.marking), through the store as the CLI uses it, and through the CLI itself.
#
# Each test is a rule a user relies on: which names in a topic are taken for a person,
# what a rename keeps, what the next round takes over, where a reopened interview goes,
# and which check-in `done` and `reopen` mean.


def test_closing_the_last_round_closes_earlier_open_rounds_through_a_closed_one(cli):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    assert cli("next", "acme").code == 0
    assert cli("next", "acme").code == 0
    assert cli("close", "2", "--outcome", "rejected").code == 0  # closes #1 too
    assert cli("reopen", "1").code == 0  # round 1 open, round 2 closed, round 3 open
    run = cli("close", "3", "--outcome", "offer")
    assert run.code == 0
    assert "Also closed #1 Acme: an earlier round of the same application (offer)." in (run.stderr)
    shown = {i["id"]: (i["closed"], i["outcome"]) for i in cli("list", "--all", "--json").json()}
    assert shown == {1: (True, "offer"), 2: (True, "rejected"), 3: (True, "offer")}


def test_closing_the_last_of_three_open_rounds_names_the_earlier_ones_in_order(cli):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    assert cli("next", "acme").code == 0
    assert cli("next", "acme").code == 0
    run = cli("close", "3", "--outcome", "offer")
    assert run.code == 0
    assert (
        "Also closed #1 Acme, #2 Acme (round 2): an earlier round of the same application "
        "(offer)." in " ".join(run.stderr.split())
    )


def test_an_outcome_given_to_an_interview_closed_without_one_is_said_plainly(cli):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    assert cli("close", "1").code == 0
    run = cli("close", "1", "--outcome", "offer")
    assert run.code == 0
    assert run.stdout.strip() == "Changed the outcome of #1 Acme to offer."
    undone = " ".join(cli("undo").stdout.split())
    assert undone.startswith("Reverted: changed the outcome of #1 Acme to offer (made "), undone


# ----------------------------------------------------------------------------
# Rules of the store (storage.store, change, files, validation) that a user relies on:
# what is said and kept when a save fails halfway, and how each damaged file is named.


def test_closing_a_closed_interview_the_same_way_writes_nothing(cli, files):
    assert cli("add", "Acme").code == 0 and cli("close", "1", "--outcome", "offer").code == 0
    before = files()
    assert cli("close", "1", "--outcome", "offer").code == 0
    assert cli("close", "1").code == 0
    assert files() == before
    assert "closed #1 Acme (offer)" in cli("undo").stdout


# ----------------------------------------------------------------------------
# `followup snooze INTERVIEW STEP [--who NAME] --until WHEN`: a pending step is put off to a
# later time; `snoozed_from` keeps the time it had; re-timing the interview leaves it be.


def test_a_reply_of_a_closed_interview_can_be_snoozed(cli):
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "rejected").code == 0
    assert cli("snooze", "acme", "reply", "--until", "monday 9am").code == 0
    rows = cli("status", "--json").json()
    assert [(r["step"], r["due"], r["snoozed_from"]) for r in rows] == [
        ("reply", "2026-11-30T09:00:00+00:00", "2026-11-27T10:00:00+00:00")
    ]


# ----------------------------------------------------------------------------
# QA of the mail loop: what a mailbox may hold that must not break or fool it, and
# the draft files `send` writes, read back as a mail program reads them.


def maildir(root: Path, sent: list[bytes] = (), inbox: list[bytes] = ()) -> Path:
    """A Maildir (its inbox and its .Sent folder) holding these raw messages."""
    for folder, raws in ((root / ".Sent", sent), (root, inbox)):
        for sub in ("cur", "new", "tmp"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        for n, raw in enumerate(raws):
            (folder / "cur" / f"{n}.qa:2,S").write_bytes(raw)
    return root


def raw(msgid: str, date: str, sender: str, to: str, subject: str) -> bytes:
    return (
        f"Message-ID: <{msgid}>\r\nDate: {date}\r\nFrom: {sender}\r\nTo: {to}\r\n"
        f"Subject: {subject}\r\n\r\nHello.\r\n"
    ).encode()


def use(cli, root: Path) -> None:
    assert cli("config", "mail.maildir", str(root)).code == 0


def test_a_recruiter_for_two_applications_stays_ambiguous_once_one_is_closed(
    cli, tmp_path: Path
) -> None:
    """Rita recruits for Acme and Globex. Closing Acme does not make her address
    Globex's: her mail may be about Acme still, so no reply is proposed for Globex."""
    rita = "Rita Rec <rita@talentco.com>"
    assert cli("add", "Acme Corp", "--at", "2026-11-20 14:00", "--with", rita).code == 0
    assert cli("add", "Globex", "--at", "2026-11-24 10:00", "--with", rita).code == 0
    assert cli("close", "1", "--outcome", "withdrawn").code == 0
    use(
        cli,
        maildir(
            tmp_path / "md",
            inbox=[raw("r1@talentco.com", "Wed, 25 Nov 2026 12:00:00 +0000",
                       "rita@talentco.com", "sam@example.com", "About your application")],
        ),
    )  # fmt: skip
    run = cli("mail", "--dry-run", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["proposals"] == []


def test_the_reply_to_an_offer_is_ticked_by_the_message_sent_after_closing(
    cli, tmp_path: Path
) -> None:
    """A closed interview with its reply pending lives in open.json's `awaiting`: `mail`
    read only the open interviews and the history, so it never saw one."""
    assert cli(*ACME).code == 0
    closing = {"FOLLOWUP_NOW": "2026-11-25T16:00:00+00:00"}
    assert cli("close", "1", "--outcome", "offer", env=closing).code == 0
    use(
        cli,
        maildir(
            tmp_path / "md",
            sent=[raw("s1@example.com", "Thu, 26 Nov 2026 08:00:00 +0000", "sam@example.com",
                      "jane@acme.com", "Re: your offer")],
        ),
    )  # fmt: skip
    run = cli("mail", "--yes", "--json")
    assert run.code == 0, run.stderr
    assert [(p["interview"], p["step"]) for p in run.json()["applied"]] == [(1, "reply")]
    steps = cli("show", "1", "--json").json()["steps"]
    assert next(s for s in steps if s["step"] == "reply")["status"] == "done"


# ----------------------------------------------------------------------------
# `close --deadline`: a date alone means 23:59 that day, and the year's limit holds for
# that time too, not only for the 09:00 a date is first read as.


def test_a_deadline_date_whose_2359_is_more_than_a_year_ahead_is_refused(cli, files):
    assert cli(*ACME).code == 0
    before = files()
    # now is 2026-11-26 10:00 UTC: 09:00 on 2027-11-27 is within 366 days, 23:59 is not
    run = cli("close", "1", "--outcome", "offer", "--deadline", "2027-11-27")
    assert run.code == 1
    assert "more than a year from now" in run.stderr
    assert "2027-11-27" in run.stderr
    assert files() == before


def test_a_deadline_date_a_year_ahead_is_taken_at_2359(cli):
    assert cli(*ACME).code == 0
    run = cli("close", "1", "--outcome", "offer", "--deadline", "2027-11-26")
    assert run.code == 0, run.stderr
    assert cli("show", "1", "--json").json()["deadline"] == "2027-11-26T23:59:00+00:00"
