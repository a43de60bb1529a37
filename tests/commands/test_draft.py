"""`followup draft`, driven through the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import ACME, add, env_for_subprocess
from followup.features import drafts

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


def test_a_checkin_without_who_greets_the_team_and_never_says_you_mentioned(cli):
    assert cli(*PANEL, "--topic", "Jane: their move to dbt").code == 0
    run = cli("draft", "1", "checkin")
    assert run.code == 0
    assert "Dear Acme Corp team," in run.stdout and "Dear Jane" not in run.stdout
    assert "You mentioned" not in run.stdout and "2 December" in run.stdout
    assert "dbt" not in run.stdout  # Jane's topic is hers
    assert "To: Jane Doe <jane@acme.com>, Raj Patel <raj@acme.com>" in run.stderr
    assert "Addressed to the Acme Corp team" in run.stderr


# ----------------------------------------------------------------------------
# `followup draft`: the words for each follow-up, from the interview and the profile.


NOTES = "their move from spreadsheets to dbt; the Q3 dashboard rebuild"


PROFILE = ("Sam Lee", "sam@example.com", "+1 555 0100")


@pytest.fixture
def acme(cli):
    """One interview with two interviewers and notes, as a new user records it."""
    run = cli(*ACME, "--topic", NOTES)
    assert run.code == 0, run.stderr
    return run


@pytest.fixture
def profile(cli):
    for key, value in zip(("name", "email", "phone"), PROFILE, strict=True):
        assert cli("config", key, value).code == 0


def body_of(email: str) -> str:
    return email.split("\n\n", 1)[1]


def test_email_with_a_profile_is_ready_to_send(cli, acme, profile, files):
    before = files()
    run = cli("draft", "acme", "email", "--who", "jane")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Subject: Thank you for the Data Analyst interview"
    assert lines[1] == ""
    assert lines[2] == "Dear Jane,"
    body = body_of(run.stdout)
    assert 40 <= len(body.split()) <= 110
    assert f"conversation about {NOTES}." in body
    assert "the Data Analyst role at Acme Corp" in body
    assert "make a real contribution from the start" not in body  # no boilerplate
    assert lines[-3:] == list(PROFILE)
    assert "[" not in run.stdout
    assert "To: Jane Doe <jane@acme.com>" in run.stderr
    assert "profile" not in run.stderr
    assert "followup done 1 email --who Jane" in run.stderr
    assert files() == before  # a draft changes nothing


def test_email_without_a_profile_shows_placeholders_and_how_to_fill_them(cli, acme):
    run = cli("draft", "1", "thank-you", "--who", "raj")
    assert run.code == 0
    assert run.stdout.splitlines()[-3:] == ["[your name]", "[your email]", "[your phone]"]
    assert "Dear Raj," in run.stdout
    assert 'followup config name "Your Name"' in run.stderr
    assert "followup config email" in run.stderr and "followup config phone" in run.stderr
    assert "To:" not in run.stderr  # Raj has no email address on record


def test_email_with_no_role_no_notes_and_no_interviewer_still_reads_well(cli, profile):
    cli("add", "Beta Ltd")
    run = cli("draft", "beta", "email")
    assert run.code == 0
    assert run.stdout.startswith("Subject: Thank you for the interview at Beta Ltd\n\n")
    assert "Dear Hiring Team," in run.stdout  # no one named: the team
    assert "the position at Beta Ltd" in run.stdout
    assert "more interested in joining Beta Ltd" in run.stdout
    assert 40 <= len(body_of(run.stdout).split()) <= 110
    assert "followup edit 1 --topic" in run.stderr


def test_an_interviewer_known_only_by_email_gets_a_placeholder_and_a_fix(cli, profile):
    cli("add", "Beta", "--with", "<hr@beta.io>")
    run = cli("draft", "beta", "email")
    assert "Dear [their name]," in run.stdout
    assert "To: <hr@beta.io>" in run.stderr
    assert '--remove-with hr@beta.io --add-with "Their Name <hr@beta.io>"' in run.stderr


def test_several_interviewers_and_no_who_is_an_error_naming_them(cli, acme):
    for step in ("email", "linkedin", "card"):
        run = cli("draft", "acme", step)
        assert run.code == 1
        assert run.stdout == ""
        assert "Jane Doe" in run.stderr and "Raj Patel" in run.stderr
        assert "--who Jane or --who Raj" in run.stderr


def test_who_must_match_an_interviewer(cli, acme):
    run = cli("draft", "acme", "email", "--who", "bob")
    assert run.code == 1 and "Jane Doe, Raj Patel" in run.stderr


def test_unknown_interview_and_step_are_errors(cli, acme):
    assert cli("draft", "zeta", "email").code == 1
    run = cli("draft", "1", "fax")
    assert run.code == 1 and "unknown step 'fax'" in run.stderr
    run = cli("draft", "1")
    assert run.code == 2
    assert run.stderr == "error: missing STEP for `followup draft`: see `followup draft --help`\n"


@pytest.mark.parametrize(
    ("notes", "email", "card", "linkedin"),
    [
        ("Walked through the churn dashboard.",
         "I especially enjoyed the part where we walked through the churn dashboard. It left",
         "I especially enjoyed the part where we walked through the churn dashboard. I am",
         "I enjoyed the part where we walked through the churn dashboard."),
        ("We talked about the on-call rota",
         "I especially enjoyed the part where we talked about the on-call rota. It left",
         "I especially enjoyed the part where we talked about the on-call rota. I am",
         "I enjoyed the part where we talked about the on-call rota."),
        ("Our chat about SQL.",
         "I especially enjoyed our chat about SQL. It left",
         "I especially enjoyed our chat about SQL. I am",
         "I enjoyed our chat about SQL."),
        ("I asked about the on-call rota.",
         "I enjoyed our discussion. I asked about the on-call rota.",
         "I especially enjoyed our conversation. I asked about the on-call rota. I am",
         "I enjoyed our conversation. I asked about the on-call rota."),
    ],
)  # fmt: skip
def test_notes_that_do_not_complete_the_sentence_are_reworded_with_a_hint(
    cli, profile, notes, email, card, linkedin
):
    cli("add", "Acme", "--role", "Data Analyst", "--with", "Jane Doe", "--topic", notes)
    for kind, wanted in (("email", email), ("card", card), ("linkedin", linkedin)):
        run = cli("draft", "1", kind)
        assert run.code == 0, run.stderr
        assert wanted in " ".join(run.stdout.split()), run.stdout
        assert "conversation about" not in run.stdout
        said = run.stderr.replace("\n  ", " ")  # hints wrap to the width, indented
        hint = [line for line in said.splitlines() if "write --topic as" in line]
        assert hint == [
            'The topics of #1 do not complete "our conversation about ...", so the draft '
            "words them another way; write --topic as what you talked about, e.g. "
            '"the churn dashboard rebuild": `followup edit 1 --clear-topics --topic "..."`'
        ]


@pytest.mark.parametrize(
    ("notes", "about"),
    [("The churn dashboard.", "the churn dashboard."),
     ("SQL window functions", "SQL window functions."),
     ("iOS release trains", "iOS release trains."),
     ("McKinsey's old model", "McKinsey's old model."),
     ("Their move to dbt. The Q3 rebuild", "their move to dbt; the Q3 rebuild."),
     ("how they test dbt models?", "how they test dbt models."),
     ("Python testing strategy", "Python testing strategy."),
     ("Kubernetes at scale", "Kubernetes at scale.")],
)  # fmt: skip
def test_topics_lose_an_ordinary_leading_capital_but_names_keep_theirs(cli, notes, about):
    cli("add", "Acme", "--with", "Jane Doe", "--topic", notes)
    run = cli("draft", "1", "email")
    assert f"our conversation about {about} It left" in " ".join(run.stdout.split())
    assert "write --topic as" not in run.stderr  # nothing reworded: no hint


def test_surname_first_names_greet_by_the_given_name_through_the_cli(cli, home):
    cli("add", "Acme", "--with", "van der Berg, Piet", "--with", "Dr. Ada Lovelace")
    assert cli("draft", "1", "email", "--who", "van").stdout.splitlines()[2] == "Dear Piet,"
    assert cli("draft", "1", "email", "--who", "dr").stdout.splitlines()[2] == "Dear Dr. Lovelace,"
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "phone.txt").write_text("Expect a call from {first_name}.\n")
    assert cli("draft", "1", "phone").stdout == "Expect a call from Piet and Dr. Lovelace.\n"


def test_phone_with_who_says_the_script_is_the_same_for_everyone(cli, acme):
    plain = cli("draft", "1", "phone")
    run = cli("draft", "1", "phone", "--who", "jane")
    assert run.code == 0
    assert run.stdout == plain.stdout
    assert "The voicemail script is the same for everyone" in run.stderr
    assert "same for everyone" not in plain.stderr


def test_linkedin_note_is_personal_and_reports_its_length(cli, acme, profile):
    run = cli("draft", "acme", "linkedin", "--who", "raj")
    assert run.code == 0
    note = run.stdout.rstrip("\n")
    assert note.startswith("Hi Raj, thanks for meeting with me about the Data Analyst role")
    assert NOTES in note
    assert drafts.GENERIC_REQUEST.lower() not in note.lower()
    assert "\n" not in note
    assert f"LinkedIn note: {len(note)}/200 characters" in run.stderr


def test_card_is_short_enough_to_write_by_hand_and_says_when_to_post_it(cli, acme, profile):
    run = cli("draft", "acme", "note", "--who", "jane")
    assert run.code == 0
    words = len(run.stdout.split())
    assert 40 <= words <= 70
    assert run.stdout.startswith("Dear Jane,\n\n")
    assert run.stdout.rstrip().endswith("With warm thanks,\nSam Lee")
    assert "Data Analyst role at Acme Corp" in run.stdout
    assert "Post the card by Fri 27 Nov (in 28 h)" in run.stderr


def test_card_without_a_profile_or_notes(cli):
    cli("add", "Beta", "--at", "2026-11-20 10:00", "--with", "Li Wei")
    run = cli("draft", "beta", "card")
    assert run.stdout.rstrip().endswith("[your name]")
    assert "I enjoyed our conversation" in run.stdout
    assert "The card was due Sun 22 Nov (4 d ago): post it today" in run.stderr
    assert 'followup config name "Your Name"' in run.stderr


# ----- phone ------------------------------------------------------------------------


def test_phone_script_states_the_full_name_and_the_checklist(cli, acme, profile):
    run = cli("draft", "acme", "voicemail")  # nobody's: no --who needed
    assert run.code == 0
    assert "Hello, you have reached Sam Lee." in run.stdout
    checklist = [line for line in run.stdout.splitlines() if line.startswith("  - ")]
    assert len(checklist) == 5
    text = run.stdout.lower()
    for advice in ("answer calls from numbers you don't know", "check your voicemail", "call back"):
        assert advice in text
    assert "profile" not in run.stderr


def test_phone_script_without_a_name_shows_the_placeholder(cli, acme):
    run = cli("draft", "1", "phone")
    assert "you have reached [your name]." in run.stdout
    assert 'followup config name "Your Name"' in run.stderr
    assert "email" not in run.stderr.split("followup config", 1)[1]  # only the name is used


# ----- user text is data ------------------------------------------------------------


def test_user_text_prints_as_typed_never_as_markup_or_template(cli, profile):
    cli(
        "add",
        "[bold]Acme[/]",
        "--with",
        "Jane {my_name} Doe",
        "--topic",
        "the {my_name} bug, [red]alerts[/red] and {{braces}}",
    )
    for step in ("email", "linkedin", "card", "phone"):
        run = cli("draft", "1", step)
        assert run.code == 0, run.stderr
        assert "[bold]Acme[/]" in run.stdout
    email = cli("draft", "1", "email").stdout
    assert "Dear Jane," in email
    assert "the {my_name} bug, [red]alerts[/red] and {{braces}}." in email


def test_control_characters_in_user_text_are_never_echoed_raw(cli, profile, home):
    # `add` refuses such text now; it can still come from a hand-edited or older store.
    from followup.features import actions
    from followup.storage.store import Store

    now = datetime(2026, 11, 26, 10, tzinfo=UTC)
    with Store(home).change(now) as change:
        iv = actions.add_interview(change, company="Acme", at=now, now=now)
        iv.company, iv.notes = "Acme\x1b[2J", "rm\x07 -rf\u202e"
    for step in ("email", "linkedin", "card", "phone"):
        run = cli("draft", "1", step)
        assert "\x1b" not in run.stdout and "\x07" not in run.stdout
        assert "\u202e" not in run.stdout
        assert "Acme\\x1b[2J" in run.stdout


def _template(home: Path, kind: str, text: str | bytes) -> Path:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}.txt"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_a_template_with_missing_values_shows_placeholders_and_hints(cli, home):
    cli("add", "Beta")
    _template(home, "card", "Dear {first_name}, about {role}: {notes}. {my_name}")
    run = cli("draft", "beta", "card")
    assert run.stdout == "Dear Hiring Team, about [the role]: [what you discussed]. [your name]\n"
    assert "--role" in run.stderr and "--topic" in run.stderr
    assert 'followup config name "Your Name"' in run.stderr


def test_an_unknown_placeholder_is_an_error_naming_it_and_the_file(cli, home, acme, files):
    path = _template(home, "card", "Dear {first_name},\nThanks from {my_nmae}\n")
    before = files()
    run = cli("draft", "acme", "card", "--who", "jane")
    assert run.code == 1
    assert run.stdout == ""
    assert "{my_nmae}" in run.stderr
    assert f"{path} line 2" in run.stderr
    assert "{my_name}" in run.stderr  # the list of what can be used
    assert files() == before


def test_template_braces_escape_and_user_text_is_not_expanded(cli, home, profile):
    cli("add", "Acme", "--with", "Jane", "--topic", "the {company} field and {{x}}")
    _template(home, "linkedin", "{{literal}} {first_name}: {notes} }} {{ not a placeholder")
    run = cli("draft", "1", "linkedin")
    assert run.code == 0, run.stderr
    assert run.stdout == "{literal} Jane: the {company} field and {{x}} } { not a placeholder\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [("Hi {first_name\n\nThanks", "line 1, column 4: {first_name has no closing brace"),
     ("Dear {first_name},\nsee {company then", "line 2, column 5: {company then has no closing"),
     ("Hi {first_name},\n{a{company}", "line 2, column 1: {a has no closing brace"),
     ("Hi {first_name},\nwink }", "line 2, column 6: a } with no opening brace"),
     ("}}} {company}", "line 1, column 3: a } with no opening brace")],
)  # fmt: skip
def test_a_single_brace_in_a_template_is_an_error_naming_the_place(
    cli, home, acme, files, text, message
):
    path = _template(home, "card", text)
    before = files()
    run = cli("draft", "1", "card", "--who", "jane")
    assert run.code == 1
    assert run.stdout == ""
    assert f"{path} {message}" in run.stderr
    assert ("{{" if "{" in message else "}}") + " for a literal brace" in run.stderr
    assert files() == before


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff\r\n\t\r\n"])
def test_an_empty_template_is_an_error_naming_the_file(cli, home, acme, text):
    path = _template(home, "email", text)
    run = cli("draft", "1", "email", "--who", "jane")
    assert run.code == 1 and run.stdout == ""
    assert f"{path} is empty" in run.stderr
    assert "delete it to use the built-in wording" in run.stderr


def test_a_template_that_is_not_utf8_is_named(cli, home, acme):
    path = _template(home, "phone", b"Hello \xff\n")
    run = cli("draft", "1", "phone")
    assert run.code == 1 and str(path) in run.stderr and "UTF-8" in run.stderr


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def test_checkin_draft_mentions_the_decision_date(cli):
    add(cli, *ACME, "--decision", "friday")
    assert cli("config", "name", "Sam Lee").code == 0
    run = cli("draft", "acme", "checkin", "--who", "raj")
    assert run.code == 0, run.stderr
    subject, blank, *body = run.stdout.splitlines()
    assert subject.startswith("Subject: ") and blank == ""
    text = "\n".join(body)
    assert "Dear Raj," in text
    assert "27 November" in text  # the decision date
    assert "Data Analyst" in text and "Sam Lee" in text
    assert len(text.split()) < 120
    # with no --who, it goes to the company's team and says how to write to one person
    run = cli("draft", "acme", "checkin")
    assert run.code == 0 and "Dear Acme Corp team," in run.stdout and "--who" in run.stderr


def test_notes_never_reach_a_draft(cli):
    add(cli, *ACME, "--notes", "salary 90k, red flags", "--topic", "their move to dbt")
    assert cli("config", "name", "Sam Lee").code == 0
    for kind in ("email", "linkedin", "card", "checkin"):
        run = cli("draft", "acme", kind, "--who", "jane")
        assert run.code == 0, (kind, run.stderr)
        assert "90k" not in run.stdout and "red flags" not in run.stdout, kind
    assert "dbt" in cli("draft", "acme", "email", "--who", "jane").stdout


def test_topics_for_one_person_make_each_panel_email_different(cli):
    iv = add(
        cli, *ACME,
        "--topic", "Python testing strategy",
        "--topic", "Jane: their move to dbt",
        "--topic", "Raj: the on-call rota",
    )  # fmt: skip
    assert iv["topics"] == [
        {"text": "Python testing strategy", "who": None},
        {"text": "their move to dbt", "who": "Jane Doe"},
        {"text": "the on-call rota", "who": "Raj Patel"},
    ]
    jane = cli("draft", "acme", "email", "--who", "jane").stdout
    raj = cli("draft", "acme", "email", "--who", "raj").stdout
    assert "dbt" in jane and "on-call" not in jane
    assert "on-call" in raj and "dbt" not in raj
    assert "Python testing strategy" in jane + raj  # a proper noun keeps its case

    def body(text: str) -> list[str]:
        return [line for line in text.splitlines()[2:] if line and not line.startswith("Dear")]

    assert body(jane) != body(raj)
    assert len(" ".join(body(jane)).split()) <= 110  # shorter than the old four paragraphs
    assert "make a real contribution from the start" not in jane


@pytest.mark.parametrize(
    ("outcome", "words"),
    [("offer", ("written offer", "by when")), ("rejected", ("keep me in mind", "in touch"))],
)
def test_reply_drafts_after_the_decision(cli, outcome, words):
    add(cli, *ACME)
    assert cli("config", "name", "Sam Lee").code == 0
    closing = cli("close", "acme", "--outcome", outcome)
    assert closing.code == 0
    assert "followup draft 1 reply" in closing.stderr
    run = cli("draft", "1", "reply", "--who", "jane")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("Subject: ")
    assert "Dear Jane," in run.stdout and "Sam Lee" in run.stdout
    for word in words:
        assert word in run.stdout.lower(), word


def test_a_reply_without_a_role_names_the_company_once(cli):
    add(cli, "add", "Initech", "--with", "Bill Lumbergh")
    assert cli("close", "initech", "--outcome", "offer").code == 0
    text = cli("draft", "1", "reply").stdout
    assert "Dear Initech team," in text and "the position at Initech." in text
    assert "Initech at Initech" not in text


# ----------------------------------------------------------------------------
# The files around the store get the store's care (issue 13): export targets, symlinked
# files, settings written at once, imports held to add's checks, odd clocks and zones.
#
# Each test drives the real CLI (in-process or as a process) and failed before the fix.


def followup(home: Path, *args: str, timeout: float = 60, **env: str):
    return subprocess.run(
        [sys.executable, "-m", "followup", *args],
        capture_output=True,
        text=True,
        env=env_for_subprocess(home, **env),
        timeout=timeout,
    )


def test_a_named_pipe_as_a_template_does_not_hang(home):
    followup(home, "add", "Acme Corp", "--with", "Jane Doe")
    (home / "templates").mkdir()
    os.mkfifo(home / "templates" / "phone.txt")
    done = followup(home, "draft", "1", "phone", timeout=30)
    assert done.returncode == 1, done.stderr
    assert "phone.txt" in done.stderr and "not a regular file" in done.stderr, done.stderr


# ----------------------------------------------------------------------------
# Naming people and companies as a user types them: empty entries, accents, any part of
# a name, and correcting an interviewer without losing their progress.


@pytest.fixture
def societe(cli):
    result = cli(
        "add", "Société Générale", "--at", "2026-11-25 14:00",
        "--with", "José Núñez <jose@sg.fr>", "--with", "Siobhan O'Brien",
    )  # fmt: skip
    assert result.code == 0, result.stderr


def test_draft_who_matches_parts_too(cli, societe):
    result = cli("draft", "societe", "email", "--who", "nunez")
    assert result.code == 0, result.stderr
    assert "José" in result.stdout


# ----------------------------------------------------------------------------
# Fixes from a fresh-eyes QA run of the follow-up arc, each driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC; Acme's interview was Wednesday 25 Nov 14:00.


def unchanged(cli, files, *args: str, code: int = 1) -> str:
    before = files()
    run = cli(*args)
    assert run.code == code, (run.code, run.stdout, run.stderr)
    assert files() == before
    assert "Traceback" not in run.stderr
    return run.stderr


def test_a_checkin_can_go_to_a_recruiter_who_is_not_an_interviewer(cli, files):
    add(cli, *ACME, "--topic", "the churn dashboard")
    run = cli("draft", "acme", "checkin", "--who", "Lisa Recruiter <lisa@acme.com>")
    assert run.code == 0, run.stderr
    assert "Dear Lisa," in run.stdout
    assert "churn dashboard" not in run.stdout  # she was not in the conversation
    assert "To: Lisa Recruiter <lisa@acme.com>" in run.stderr
    assert "not one of the interviewers" in run.stderr
    assert "Dear Lisa," in cli("draft", "acme", "checkin", "--who", "Lisa Recruiter").stdout
    # one word that names nobody is a typo, not a new person
    said = unchanged(cli, files, "draft", "acme", "checkin", "--who", "jnae")
    assert "Jane Doe, Raj Patel" in said and "full name" in said


def test_a_draft_to_someone_without_a_topic_says_no_topic_for_them(cli):
    add(cli, *ACME, "--topic", "Raj: the on-call rota")
    run = cli("draft", "acme", "email", "--who", "jane")
    assert "No topic for Jane Doe on #1" in run.stderr, run.stderr
    assert "No topics on" not in run.stderr


def test_the_linkedin_note_says_it_left_out_topics_not_notes(cli):
    assert cli("config", "linkedin.limit", "200").code == 0
    long = "the long and winding story of how the analytics platform moved to dbt " * 2
    add(cli, *ACME, "--topic", long.strip())
    run = cli("draft", "acme", "linkedin", "--who", "jane")
    assert run.code == 0
    assert "topics" in run.stderr.split("LinkedIn note:")[1].splitlines()[0]
    assert "your notes" not in run.stderr


def test_the_third_panel_email_says_conversation_once(cli):
    add(cli, *ACME, "--with", "Kim Lee", "--topic", "the Q3 dashboard rebuild")
    text = cli("draft", "acme", "email", "--who", "kim").stdout
    body = text.split("Dear Kim,", 1)[1]
    assert body.count("conversation") == 1, text


def test_topics_of_both_kinds_are_not_joined_with_and(cli):
    add(cli, *ACME, "--topic", "Walked through the churn dashboard",
        "--topic", "Python testing strategy")  # fmt: skip
    text = " ".join(cli("draft", "acme", "email", "--who", "jane").stdout.split())
    assert "churn dashboard and Python" not in text
    assert "walked through the churn dashboard. We also talked about Python" in text


def test_a_topic_noted_as_theirs_reads_as_yours_in_their_letter(cli):
    add(cli, *ACME, "--topic", "Jane: their move from spreadsheets to dbt")
    jane = " ".join(cli("draft", "acme", "email", "--who", "jane").stdout.split())
    assert "your move from spreadsheets to dbt" in jane and "their move" not in jane


def test_a_phone_screen_with_no_one_named_greets_the_hiring_team(cli):
    add(cli, "add", "Soc", "--at", "2026-11-25 10:00")
    for kind, greeting in (
        ("email", "Hiring Team"),
        ("checkin", "Soc team"),
        ("card", "Hiring Team"),
    ):
        text = cli("draft", "soc", kind).stdout
        assert f"Dear {greeting}," in text and "[their name]" not in text, kind
    run = cli("draft", "soc", "linkedin")
    assert "a LinkedIn request goes to a person" in run.stderr


def test_a_reply_draft_finds_a_closed_interview_by_company(cli):
    add(cli, *ACME)
    assert cli("close", "acme", "--outcome", "offer").code == 0
    run = cli("draft", "acme", "reply")
    assert run.code == 0, run.stderr
    assert "Thank you very much for the offer" in run.stdout
    assert cli("show", "acme").code == 0
    # an open interview of that name still wins
    add(cli, "add", "Acme Widgets")
    assert cli("draft", "acme w", "email").code == 0


# ----------------------------------------------------------------------------
# An outcome ends the application: closing its latest round with one closes the earlier
# rounds still open, and the reply draft finds the round that was closed.


LATER = {"FOLLOWUP_NOW": "2026-11-30T10:00:00+00:00"}


def two_rounds(cli) -> None:
    assert cli("add", "Acme", "--at", "yesterday 2pm", "--with", "Jane <jane@acme.com>").code == 0
    assert cli("next", "acme", "--at", "tomorrow 10am", "--with", "Kim").code == 0


def test_the_reply_draft_finds_the_latest_closed_round_by_company(cli):
    two_rounds(cli)
    cli("close", "acme", "--outcome", "offer", env=LATER)
    run = cli("draft", "acme", "reply", "--who", "kim", env=LATER)
    assert run.code == 0, run.stderr
    assert "Dear Kim" in run.stdout  # round 2's interviewer
    assert "#2 Acme (round 2), the latest round" in run.stderr


# ----------------------------------------------------------------------------
# The rules of the drafts, word for word: what a user reads before they send it.
#
# Each built-in draft is pinned in full for the cases a user meets (a role or none, a
# decision date or none, a topic that completes "our conversation about" or one that
# does not), so that a changed word, a lost sentence or a wrong branch shows.


SIGNED = "Sam Lee\nsam@example.com\n+1 555 0100\n"


def run_ok(cli, *args: str) -> None:
    run = cli(*args)
    assert run.code == 0, run.stderr


def draft(cli, *args: str) -> str:
    run = cli("draft", *args)
    assert run.code == 0, run.stderr
    return run.stdout


def template(home: Path, kind: str, text: str) -> None:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{kind}.txt").write_text(text, encoding="utf-8")


# ----- check-in ------------------------------------------------------------------------


def test_a_checkin_names_the_role_the_decision_date_and_the_persons_topic(cli, profile):
    run_ok(cli, *ACME, "--decision", "friday", "--topic", "Jane: their move to dbt")
    assert draft(cli, "acme", "checkin", "--who", "jane") == (
        "Subject: Following up on the Data Analyst role\n\n"
        "Dear Jane,\n\n"
        "I hope you are well. I am writing about the Data Analyst role at Acme Corp. I "
        "understand that you hoped to reach a decision by Friday 27 November, so I wanted to "
        "ask whether there is any news, or anything more I can send you.\n\n"
        "I enjoyed our conversation about your move to dbt. I am still very interested "
        "in joining Acme Corp.\n\n"
        "Thank you for your time,\n" + SIGNED
    )


def test_a_checkin_without_role_or_decision_asks_about_the_position_and_next_steps(cli, profile):
    run_ok(cli, "add", "Beta Ltd", "--with", "Bill Lumbergh")
    assert draft(cli, "beta", "checkin") == (
        "Subject: Following up on the position at Beta Ltd\n\n"
        "Dear Beta Ltd team,\n\n"
        "I hope you are well. I am writing about the position at Beta Ltd. I wanted to ask "
        "whether there is any news on the next steps, or anything more I can send you.\n\n"
        "I am still very interested in joining Beta Ltd.\n\n"
        "Thank you for your time,\n" + SIGNED
    )


def test_the_checkin_after_one_already_sent_writes_once_more(cli, profile):
    run_ok(cli, "add", "Beta Ltd", "--with", "Bill Lumbergh")
    assert cli("done", "beta", "checkin").code == 0
    second = draft(cli, "beta", "checkin")
    assert "I am writing once more about the position at Beta Ltd. I wanted" in second
    assert cli("done", "beta", "checkin").code == 0  # the third says it the same way
    assert draft(cli, "beta", "checkin") == second


def test_a_checkin_words_a_topic_that_says_what_happened(cli, profile):
    """'our conversation about walked through ...' would not read: "the part where"."""
    run_ok(cli, "add", "Gamma", "--role", "SRE", "--with", "Ann Lee", "--topic", "Walked through X")
    assert draft(cli, "gamma", "checkin") == (
        "Subject: Following up on the SRE role\n\n"
        "Dear Gamma team,\n\n"
        "I hope you are well. I am writing about the SRE role at Gamma. I wanted to ask "
        "whether there is any news on the next steps, or anything more I can send you.\n\n"
        "I enjoyed the part where we walked through X. I am still very interested in "
        "joining Gamma.\n\n"
        "Thank you for your time,\n" + SIGNED
    )


OFFER_ASK = (
    "Could you send me the written offer, with the details of the package, and let me know "
    "by when you would like my answer? I will come back to you as soon as I have read it, "
    "and I am happy to talk if anything needs discussing.\n\n"
)


KEEP_IN_MIND = (
    "If another role opens that fits my experience, please keep me in mind: I would be glad "
    "to hear from you. I hope we stay in touch.\n\n"
)


# ----- reply ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "subject", "position"),
    [
        (("--role", "Data Analyst"), "Data Analyst", "the Data Analyst role at Acme Corp"),
        ((), "Acme Corp", "the position at Acme Corp"),
    ],
)
def test_the_reply_to_an_offer_thanks_and_asks_for_it_in_writing(
    cli, profile, role, subject, position
):
    run_ok(cli, "add", "Acme Corp", *role, "--with", "Jane Doe")
    assert cli("close", "acme", "--outcome", "offer").code == 0
    assert draft(cli, "1", "reply", "--who", "jane") == (
        f"Subject: Thank you for the offer: {subject}\n\n"
        "Dear Jane,\n\n"
        f"Thank you very much for the offer for {position}. I am delighted to have received "
        "it, and grateful for the time you and the team gave me.\n\n"
        + OFFER_ASK
        + "With many thanks,\n"
        + SIGNED
    )


@pytest.mark.parametrize(
    ("role", "subject", "position"),
    [
        (("--role", "SRE"), "SRE at Acme Corp", "the SRE role at Acme Corp"),
        ((), "the interview at Acme Corp", "the position at Acme Corp"),
    ],
)
def test_the_reply_to_a_rejection_thanks_and_keeps_the_door_open(
    cli, profile, role, subject, position
):
    run_ok(cli, "add", "Acme Corp", *role, "--with", "Jane Doe")
    assert cli("close", "acme", "--outcome", "rejected").code == 0
    assert draft(cli, "1", "reply", "--who", "jane") == (
        f"Subject: Thank you: {subject}\n\n"
        "Dear Jane,\n\n"
        f"Thank you for letting me know your decision about {position}. I am sorry not to be "
        "going further, but I enjoyed meeting you and learning about the team at Acme Corp, "
        "and I am grateful for your time.\n\n" + KEEP_IN_MIND + "Best wishes,\n" + SIGNED
    )


@pytest.mark.parametrize(
    ("close", "state"),
    [((), "open"), (("close", "1"), "closed"), (("close", "1", "--outcome", "withdrawn"),
                                                 "closed as withdrawn")],
)  # fmt: skip
def test_a_reply_draft_without_a_decision_says_what_the_interview_is(cli, files, close, state):
    run_ok(cli, "add", "Delta", "--with", "Dan Ng")
    if close:
        assert cli(*close).code == 0
    before = files()
    run = cli("draft", "1", "reply")
    assert run.code == 1 and run.stdout == ""
    assert run.stderr == (
        f"error: #1 is {state}: a reply draft answers an offer or a rejection; when you hear "
        "back, `followup close 1 --outcome offer` (or rejected), then draft the reply\n"
    )
    assert files() == before


GREETING = (
    "Voicemail greeting (record it on your phone):\n\n"
    "  Hello, you have reached Sam Lee. I'm sorry I can't take your call right now. Please "
    "leave your name, your number and a short message, and I will call you back as soon as I "
    "can. Thank you.\n\n"
)


# ----- phone ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "about"),
    [(("--role", "Data Analyst"), "the Data Analyst role"), ((), "the interview")],
)
def test_the_phone_script_is_the_greeting_and_the_checklist_word_for_word(
    cli, profile, role, about
):
    run_ok(cli, "add", "Acme Corp", *role, "--with", "Jane Doe")
    assert draft(cli, "acme", "phone") == GREETING + (
        "Ready for the call from Acme Corp:\n"
        "  - Answer calls from numbers you don't know: it may be Acme Corp with an offer or "
        "another interview.\n"
        "  - Record the greeting above as your voicemail greeting, then call your own number "
        "to hear that it says your full name clearly.\n"
        "  - Make sure your voicemail is set up and its mailbox is not full.\n"
        "  - Check your voicemail every day, and call back the same day.\n"
        f"  - Keep your notes on {about} and Acme Corp within reach for when they call.\n"
    )


CARD_END = (
    " I am excited about the chance to join your team, and I am grateful for the time you "
    "gave me.\n\nWith warm thanks,\nSam Lee\n"
)


# ----- card ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "discussed"),
    [
        ((), "I enjoyed our conversation and learning how your team works."),
        (("--topic", "the Q3 dashboards"), "I especially enjoyed talking about the Q3 dashboards."),
        (
            ("--topic", "Walked through the rota"),
            "I especially enjoyed the part where we walked through the rota.",
        ),
        (("--topic", "Our chat about SQL"), "I especially enjoyed our chat about SQL."),
        (
            ("--topic", "I asked about on-call"),
            "I especially enjoyed our conversation. I asked about on-call.",
        ),
    ],
)
def test_the_card_words_the_topic_as_it_reads(cli, profile, topic, discussed):
    run_ok(cli, "add", "Acme Corp", "--role", "SRE", "--with", "Jane Doe", *topic)
    assert draft(cli, "acme", "card") == (
        "Dear Jane,\n\nThank you for meeting with me about the SRE role at Acme Corp. "
        + discussed
        + CARD_END
    )


# ----- topics addressed to their person ------------------------------------------------


def test_a_persons_own_topic_says_your_where_it_said_their(cli, home):
    """'Jane: Their move to dbt' is Jane's: a draft to her says "Your move"; a topic for
    everyone keeps "their" (it may be about anyone)."""
    run_ok(
        cli, "add", "Acme", "--with", "Jane Doe", "--with", "Raj Patel",
        "--topic", "Jane: Their move to dbt, and their rota",
        "--topic", "their hiring plans",
    )  # fmt: skip
    template(home, "email", "About: {topics}\n")
    assert draft(cli, "acme", "email", "--who", "jane") == (
        "About: Your move to dbt, and your rota and their hiring plans\n"
    )
    assert draft(cli, "acme", "email", "--who", "raj") == "About: their hiring plans\n"


CLOSE = "Best regards,\n" + SIGNED


# ----- email ---------------------------------------------------------------------------


def test_each_person_on_a_panel_gets_their_own_wording_and_a_fourth_the_first_again(cli, profile):
    run_ok(
        cli, "add", "Acme Corp", "--role", "Data Analyst", "--topic", "the Q3 dashboards",
        *("--with", "Jane Doe", "--with", "Raj Patel", "--with", "Li Wei", "--with", "Bo Chen"),
    )  # fmt: skip
    jane = draft(cli, "acme", "email", "--who", "jane")
    assert jane == (
        "Subject: Thank you for the Data Analyst interview\n\n"
        "Dear Jane,\n\n"
        "Thank you for taking the time to talk with me about the Data Analyst role at Acme "
        "Corp. I especially enjoyed our conversation about the Q3 dashboards. It left me keen "
        "to help with that work.\n\n"
        "If I can send anything else, please let me know. I look forward to hearing from "
        "you.\n\n" + CLOSE
    )
    assert draft(cli, "acme", "email", "--who", "raj") == (
        "Subject: Thank you: Data Analyst interview at Acme Corp\n\n"
        "Dear Raj,\n\n"
        "Thank you for meeting with me to discuss the Data Analyst role at Acme Corp. I "
        "particularly valued our conversation about the Q3 dashboards. It made me even more "
        "interested in joining Acme Corp.\n\n"
        "Please let me know if there is anything more I can provide. I look forward to "
        "hearing about the next steps.\n\n" + CLOSE
    )
    assert draft(cli, "acme", "email", "--who", "li") == (
        "Subject: Our conversation about the Data Analyst role\n\n"
        "Dear Li,\n\n"
        "Many thanks for your time, and for telling me more about the Data Analyst role at "
        "Acme Corp. I appreciated our conversation about the Q3 dashboards. It gave me a "
        "clear picture of where I could contribute.\n\n"
        "I would be glad to send anything that helps. I look forward to hearing from you.\n\n"
        + CLOSE
    )
    assert draft(cli, "acme", "email", "--who", "bo") == jane.replace("Jane,", "Bo,")


def test_without_role_or_topics_each_person_still_gets_their_own_wording(cli, profile):
    run_ok(cli, "add", "Beta Ltd", "--with", "Jane Doe", "--with", "Raj Patel", "--with", "Li Wei")
    subjects, middles = [], []
    for who in ("jane", "raj", "li"):
        subject, _, _, _, middle, *_ = draft(cli, "beta", "email", "--who", who).split("\n")
        subjects.append(subject)
        middles.append(middle.split(". ", 1)[1])
    assert subjects == [
        "Subject: Thank you for the interview at Beta Ltd",
        "Subject: Thank you: our interview at Beta Ltd",
        "Subject: Our conversation at Beta Ltd",
    ]
    assert middles == [
        "I enjoyed learning how your team works, and I came away even more interested in "
        "joining Beta Ltd.",
        "Hearing how the team works made me even keener to join Beta Ltd.",
        "I came away with a clear picture of the team's work, and even more interested in "
        "joining Beta Ltd.",
    ]


@pytest.mark.parametrize(
    ("kind", "limit", "topic_words", "counted"),
    [("email", 110, 51, "body"), ("checkin", 110, 48, "body"), ("card", 70, 25, "all")],
)
def test_a_draft_keeps_a_topic_up_to_its_word_limit_and_drops_it_beyond(
    cli, profile, kind, limit, topic_words, counted
):
    """An email's body (its subject aside) holds up to 110 words, a card 70 in all."""
    run_ok(cli, "add", "Gamma", "--role", "Data Analyst", "--with", "Jane Doe")
    for extra, kept in ((0, True), (1, False)):
        topic = " ".join(["the", *["very"] * (topic_words + extra - 3), "long", "rebuild"])
        assert cli("edit", "gamma", "--clear-topics", "--topic", topic).code == 0
        text = draft(cli, "gamma", kind)
        words = len((text.split("\n\n", 1)[1] if counted == "body" else text).split())
        assert (topic in text) is kept
        assert words == limit if kept else words < limit


def test_a_long_role_gives_way_to_the_topic_in_a_linkedin_note(cli):
    run_ok(cli, "add", "Beta", "--role", "Principal Data Platform Engineering Lead",
        "--with", "Jane Doe", "--topic", "dbt")  # fmt: skip
    assert cli("config", "linkedin.limit", "90").code == 0
    run = cli("draft", "beta", "linkedin")
    assert run.stdout == (
        "Hi Jane, thank you for the interview at Beta. I enjoyed our conversation about dbt.\n"
    )
    assert run.stderr.splitlines()[0] == (
        "LinkedIn note: 83/90 characters; left out the sign-off, the closing line and the "
        "role to fit."
    )


def test_a_linkedin_note_too_long_even_without_the_role_is_cut_and_says_the_role_went(cli):
    run_ok(cli, "add", "The International Consolidated Holdings Group", "--role", "Analyst",
        "--with", "Bartholomew Featherstonehaugh")  # fmt: skip
    assert cli("config", "linkedin.limit", "50").code == 0
    run = cli("draft", "1", "linkedin")
    assert run.stdout == "Hi Bartholomew, thank you for the interview at…\n"
    assert run.stderr.splitlines()[0] == (
        "LinkedIn note: 47/50 characters; left out the sign-off, the closing line and the "
        "role to fit; cut short: shorten it by hand, or raise linkedin.limit."
    )


def test_only_check_ins_already_sent_make_the_next_one_say_once_more(cli, profile):
    run_ok(cli, "add", "Beta Ltd", "--with", "Bill Lumbergh")
    for step in ("email", "card", "linkedin"):
        assert cli("done", "beta", step).code == 0
    assert "I am writing about" in draft(cli, "beta", "checkin")
    assert cli("skip", "beta", "checkin").code == 0
    assert "I am writing about" in draft(cli, "beta", "checkin")


# ----------------------------------------------------------------------------
# How an interview's words read in a draft: topics, names and dates, rule by rule.


def test_topics_joined_as_sentences_each_read_inside_its_own(cli):
    """'... and We toured the office' read as if a new sentence began mid-sentence."""
    assert cli(
        "add", "Acme", "--at", "2026-11-25 14:00", "--with", "Jane Doe <jane@acme.com>",
        "--topic", "We walked through the Q3 dashboard", "--topic", "We toured the office",
        "--topic", "Python at Acme",
    ).code == 0  # fmt: skip
    email = " ".join(cli("draft", "1", "email").stdout.split())
    assert (
        "I especially enjoyed the part where we walked through the Q3 dashboard. We also "
        "toured the office. I also enjoyed hearing about Python at Acme." in email
    ), email
