"""`followup draft`: the words for each follow-up, from the interview and the profile."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import ACME
from followup.features import drafts

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


def test_email_with_only_part_of_the_profile_names_only_what_is_missing(cli, acme):
    cli("config", "name", "Sam Lee")
    run = cli("draft", "1", "email", "--who", "jane")
    assert run.stdout.splitlines()[-3:] == ["Sam Lee", "[your email]", "[your phone]"]
    assert "followup config name" not in run.stderr
    assert "no email or phone" in run.stderr


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


def test_email_says_conversation_once_and_it_never_means_the_conversation(cli, acme, profile):
    for topics in ((NOTES,), ()):
        cli("edit", "1", "--clear-topics", *(f"--topic={t}" for t in topics))
        body = " ".join(body_of(cli("draft", "1", "email", "--who", "jane").stdout).split())
        assert body.count("conversation") <= 1
        assert "contributing to it" not in body
    assert "I came away even more interested in joining Acme Corp" in body  # no topics


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


def test_a_higher_limit_keeps_the_sign_off(cli, acme, profile):
    cli("config", "linkedin.limit", "300")
    run = cli("draft", "acme", "linkedin", "--who", "jane")
    note = run.stdout.rstrip("\n")
    assert note.endswith("I'd be glad to stay in touch. Best, Sam Lee")
    assert f"{len(note)}/300 characters." in run.stderr
    assert "left out" not in run.stderr


@pytest.mark.parametrize("limit", [50, 80, 120, 200, 300])
def test_long_notes_are_shortened_at_a_clause_to_fit(cli, profile, limit):
    notes = (
        "the migration of twelve legacy reports to dbt, the hiring plan for the analytics "
        "guild; how the Q3 dashboard rebuild went, and the on-call rota"
    )
    cli("add", "Acme", "--role", "Data Analyst", "--with", "Jane Doe", "--topic", notes)
    cli("config", "linkedin.limit", str(limit))
    run = cli("draft", "acme", "linkedin")
    note = run.stdout.rstrip("\n")
    assert len(note) <= limit
    assert note.startswith("Hi Jane, thank you")
    assert note.endswith(".") or note.endswith("Sam Lee")
    assert f"{len(note)}/{limit} characters" in run.stderr
    if limit < 200:
        assert "left out" in run.stderr
    if "about the migration" in note:  # a shortened note ends where a clause ends
        kept = note.split("conversation about ", 1)[1].split(".")[0]
        assert notes.startswith(kept)
        assert kept == notes or notes[len(kept)] in ",;"


def test_the_notes_go_before_the_role_when_space_runs_out(cli, profile):
    cli("add", "Acme", "--role", "Principal Data Platform Engineer", "--with", "Jane")
    cli("edit", "1", "--topic", "a very long story about everything " * 4)
    cli("config", "linkedin.limit", "100")
    run = cli("draft", "1", "linkedin")
    note = run.stdout.rstrip("\n")
    assert len(note) <= 100
    assert "Principal Data Platform Engineer" in note
    assert "story" not in note
    assert "left out the sign-off, the closing line and your topics" in run.stderr


def test_names_too_long_for_any_wording_are_cut_at_a_word_and_say_so(cli, profile):
    company = "The International Consolidated Holdings and Subsidiaries Group of Companies"
    cli("add", company, "--with", "Bartholomew-Maximilian Featherstonehaugh")
    cli("config", "linkedin.limit", "50")
    run = cli("draft", "1", "linkedin")
    note = run.stdout.rstrip("\n")
    assert len(note) <= 50
    assert note.endswith("…")
    assert note[:-1] == note[:-1].rstrip()  # no dangling space: cut between words
    assert company.startswith(note.split("interview at ", 1)[-1][:-1]) or "at" not in note
    assert "cut short" in run.stderr


@pytest.mark.parametrize(
    ("company", "role", "left"),
    [("Globex", "", "the sign-off, the closing line and your topics"),
     ("Acme", "Data Analyst", "the sign-off, the closing line, your topics and the role")],
)  # fmt: skip
def test_a_short_note_that_fits_whole_is_not_called_cut(cli, company, role, left):
    cli("add", company, "--role", role, "--with", "Jane Doe", "--topic", "dbt")
    cli("config", "linkedin.limit", "50")
    run = cli("draft", "1", "linkedin")
    assert run.stdout == f"Hi Jane, thank you for the interview at {company}.\n"
    assert "cut" not in run.stderr
    assert f"left out {left} to fit." in run.stderr


def test_a_note_cut_mid_way_says_what_was_left_out_in_plain_words(cli):
    cli("add", "Acme Corporation International", "--with", "Jane Doe", "--topic", "dbt")
    cli("config", "linkedin.limit", "50")
    run = cli("draft", "1", "linkedin")
    assert run.stdout.rstrip("\n").endswith("…")
    assert "left out the sign-off, the closing line and your topics to fit; cut short" in (
        run.stderr
    )
    assert "most of the note" not in run.stderr


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


def test_card_reminder_for_a_card_already_sent(cli, acme):
    cli("done", "acme", "card", "--who", "raj")
    run = cli("draft", "acme", "card", "--who", "raj")
    assert "marked done already" in run.stderr


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


def test_a_template_replaces_the_built_in_text(cli, home, acme, profile):
    _template(
        home,
        "email",
        "Subject: Thanks, {first_name}!\n\nHi {interviewer}, re {role} at {company}: {notes}.\n"
        "-- {my_name} / {my_email} / {my_phone}\n",
    )
    run = cli("draft", "acme", "email", "--who", "jane")
    assert run.code == 0
    assert run.stdout == (
        "Subject: Thanks, Jane!\n\n"
        f"Hi Jane Doe, re Data Analyst at Acme Corp: {NOTES}.\n"
        "-- Sam Lee / sam@example.com / +1 555 0100\n"
    )
    assert "config" in cli("config").stderr and "email.txt" in cli("config").stderr


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


def test_a_long_linkedin_template_loses_its_last_sentences_to_fit(cli, home, profile):
    cli("add", "Acme", "--with", "Jane")
    cli("config", "linkedin.limit", "60")
    _template(home, "linkedin", "Hi {first_name}, great to meet you. " + "More words here. " * 5)
    run = cli("draft", "1", "linkedin")
    assert run.stdout == "Hi Jane, great to meet you. More words here.\n"
    assert "left out the last 4 sentences of your template" in run.stderr


def test_a_template_that_is_not_utf8_is_named(cli, home, acme):
    path = _template(home, "phone", b"Hello \xff\n")
    run = cli("draft", "1", "phone")
    assert run.code == 1 and str(path) in run.stderr and "UTF-8" in run.stderr


def test_status_points_at_the_draft_of_the_first_written_step(cli, acme):
    run = cli("status")
    assert "to Jane Doe (#1)? `followup draft 1 email --who Jane` writes a draft" in run.stderr


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
