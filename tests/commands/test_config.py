"""`followup config`, driven through the real command line."""

from __future__ import annotations

import email
import email.policy
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ACME, add, env_for_subprocess, unchanged
from followup.features import config
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


def test_the_second_checkin_counts_from_checkin_again_not_checkin_no_date(cli, acme):
    ok(cli("config", "due.checkin_no_date", "1bd"))
    ok(cli("config", "due.checkin_again", "8bd"))
    ok(cli("add", "Globex", "--at", "2026-11-25 14:00"))  # 1bd: Thu 26 Nov 14:00
    assert chain(cli, "2") == [("pending", "2026-11-26T14:00:00+00:00")]
    ok(cli("done", "2", "checkin"))  # now: Thu 26 Nov 10:00; 8bd later is Tue 8 Dec
    assert chain(cli, "2")[1] == ("pending", "2026-12-08T10:00:00+00:00")
    ok(cli("edit", "2", "--at", "2026-11-25 15:00"))  # re-timed: the same rule
    assert chain(cli, "2")[1] == ("pending", "2026-12-08T10:00:00+00:00")


@pytest.mark.parametrize(
    ("at", "due"),
    [
        ("2026-11-20 22:00", "2026-11-24T02:00:00+00:00"),  # Friday: Monday 22:00, + 4 h
        ("2026-11-22 10:00", "2026-11-23T14:00:00+00:00"),  # Sunday: Monday 10:00, + 4 h
        ("2026-11-19 22:00", "2026-11-21T02:00:00+00:00"),  # Thursday: into Saturday night
    ],
)
def test_a_due_delay_of_1bd4h_counts_the_business_day_then_the_hours(cli, at, due):
    ok(cli("config", "due.email", "1bd4h"))
    ok(cli("add", "Acme Corp", "--at", at))
    email = [s["due"] for s in cli("show", "1", "--json").json()["steps"] if s["step"] == "email"]
    assert email == [due]


def test_1bd4h_on_the_eve_of_a_holiday_skips_it_then_adds_the_hours(cli):
    ok(cli("config", "holidays.country", "US"))  # Thursday 26 November: Thanksgiving
    ok(cli("config", "due.email", "1bd4h"))
    ok(cli("config", "due.checkin_no_date", "1bd4h"))
    ok(cli("add", "Acme Corp", "--at", "2026-11-25 22:00"))
    due = {s["step"]: s["due"] for s in cli("show", "1", "--json").json()["steps"]}
    assert due["email"] == "2026-11-28T02:00:00+00:00"  # Friday 22:00, + 4 h
    # A check-in needs a working day: Saturday 02:00 moves to Monday 02:00.
    assert due["checkin"] == "2026-11-30T02:00:00+00:00"


# ----------------------------------------------------------------------------
# `followup config`: the profile and the user's due-time rules in config.toml.


def test_a_new_user_sees_every_setting_with_its_default(cli):
    run = cli("config", "--json")
    assert run.code == 0
    shown = run.json()
    assert list(shown) == [
        "name",
        "email",
        "phone",
        "linkedin.limit",
        "due.email",
        "due.linkedin",
        "due.card",
        "due.phone",
        "due.checkin",
        "due.checkin_no_date",
        "due.checkin_again",
        "due.reply",
        "checkin.max",
        "holidays.country",
        "holidays.subdivision",
        "remind.within",
        "mail.imap.host",
        "mail.imap.port",
        "mail.imap.user",
        "mail.imap.security",
        "mail.imap.sent",
        "mail.imap.inbox",
        "mail.imap.token_command",
        "mail.maildir",
        "mail.maildir_sent",
    ]
    assert all(v["source"] == "default" for v in shown.values())
    assert shown["remind.within"]["value"] == "12h"
    assert shown["checkin.max"]["value"] == 2 and shown["holidays.country"]["value"] is None
    assert [shown[f"due.{k}"]["value"] for k in ("phone", "checkin", "checkin_again")] == [
        "4h",
        "2bd",
        "5bd",
    ]
    assert shown["name"]["value"] is None
    assert shown["linkedin.limit"]["value"] == 200
    assert [shown[f"due.{k}"]["value"] for k in ("email", "linkedin", "card")] == [
        "24h",
        "48h",
        "48h",
    ]


def test_the_table_says_default_or_set_for_each_key(cli):
    assert cli("config", "name", "Sam Lee").code == 0
    run = cli("config")
    assert run.code == 0
    rows = {line.split()[0]: line for line in run.stdout.splitlines()[1:] if line.strip()}
    assert "Sam Lee" in rows["name"] and " set " in rows["name"]
    assert "(not set)" in rows["email"] and "default" in rows["email"]
    assert "200" in rows["linkedin.limit"] and "default" in rows["linkedin.limit"]
    assert "config.toml" in run.stderr


def test_the_table_fits_80_columns_one_line_a_setting(cli):
    for key, value in (("name", "Samantha Lee-Ward"), ("email", "sam.lee@example.com"),
                       ("phone", "+44 20 7946 0958"), ("linkedin.limit", "300")):  # fmt: skip
        cli("config", key, value)
    lines = cli("config", env={"COLUMNS": "80"}).stdout.splitlines()
    assert len(lines) == 1 + len(config.SETTINGS)  # nothing wrapped onto a second line
    assert lines[0].split() == ["Key", "Value", "Source", "What", "it", "is"]
    assert max(map(len, lines)) <= 80
    for line, entry in zip(lines[1:], config.SETTINGS, strict=True):
        assert line.startswith(entry.key + " ") and line.endswith(entry.help)


def test_values_too_wide_for_the_help_column_leave_it_out_rather_than_wrap(cli):
    name = "Bartholomew-Maximilian Featherstonehaugh III"
    cli("config", "name", name)
    lines = cli("config", env={"COLUMNS": "80"}).stdout.splitlines()
    assert len(lines) == 1 + len(config.SETTINGS)
    assert lines[0].split() == ["Key", "Value", "Source"]
    assert name in lines[1] and max(map(len, lines)) <= 80
    assert "What it is" in cli("config", env={"COLUMNS": "120"}).stdout


def test_set_get_and_unset_a_value(cli, home):
    assert cli("config", "phone", "+1 555 0100").code == 0
    assert cli("config", "phone").stdout == "+1 555 0100\n"
    assert tomllib.loads((home / "config.toml").read_text())["phone"] == "+1 555 0100"
    run = cli("config", "phone", "--unset")
    assert run.code == 0 and "Cleared phone" in run.stderr
    assert cli("config", "phone").stdout == ""
    assert "phone" not in tomllib.loads((home / "config.toml").read_text())


def test_reading_an_unset_key_says_how_to_set_it(cli):
    run = cli("config", "name")
    assert run.code == 0
    assert run.stdout == ""
    assert 'followup config name "Sam Lee"' in run.stderr


def test_nested_keys_are_written_as_toml_tables(cli, home):
    assert cli("config", "linkedin.limit", "300").code == 0
    assert cli("config", "due.card", "2d").code == 0
    doc = tomllib.loads((home / "config.toml").read_text())
    assert doc["linkedin"] == {"limit": 300}
    assert doc["due"] == {"card": "2d"}
    assert cli("config", "linkedin.limit", "--json").json() == {
        "key": "linkedin.limit",
        "value": 300,
        "source": "set",
    }


def test_the_file_is_private_and_keeps_the_other_values(cli, home):
    cli("config", "name", "Sam Lee")
    cli("config", "email", "sam@example.com")
    cli("config", "name", "Samantha Lee")
    path = home / "config.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    doc = tomllib.loads(path.read_text())
    assert doc == {"name": "Samantha Lee", "email": "sam@example.com"}
    assert [p.name for p in home.iterdir() if p.name != ".lock"] == ["config.toml"]  # no temp


def test_quotes_and_backslashes_in_a_name_survive_the_round_trip(cli):
    name = 'Sam "S.J." Lee \\ [bold]x[/]'
    assert cli("config", "name", name).code == 0
    assert cli("config", "name").stdout == name + "\n"


def test_setting_the_same_value_again_changes_nothing(cli, files):
    cli("config", "name", "Sam Lee")
    before = files()
    run = cli("config", "name", "  Sam Lee ")
    assert run.code == 0 and "already" in run.stderr
    assert files() == before


def test_unsetting_what_is_not_set_is_fine_and_writes_nothing(cli, files):
    run = cli("config", "email", "--unset")
    assert run.code == 0 and "was not set" in run.stderr
    assert files() == {}


@pytest.mark.parametrize(
    ("args", "named", "fix"),
    [
        (("nmae", "Sam"), "'nmae'", "did you mean name"),
        (("colour", "red"), "'colour'", "linkedin.limit"),
        (("linkedin.limit", "abc"), "'abc'", "whole number"),
        (("linkedin.limit", "12"), "12", "from 50 to 2000"),
        (("linkedin.limit", "2.5"), "'2.5'", "whole number"),
        (("due.email", "soon"), "'soon'", "90m, 24h, 2d"),
        (("due.email", "--", "-1h"), "'-1h'", "90m, 24h, 2d"),
        (("due.card", "45d"), "'45d'", "at most 30d"),
        (("email", "sam.example.com"), "'sam.example.com'", "sam@example.com"),
        (("phone", "call me"), "'call me'", "+1 555 0100"),
        (("name", "   "), "the name is empty", "--unset"),
        (("name", "Sam\x1b[31mLee"), "control characters", "one line"),
    ],
)
def test_a_bad_key_or_value_is_refused_and_changes_nothing(cli, files, args, named, fix):
    cli("config", "name", "Sam Lee")
    before = files()
    run = cli("config", *args)
    assert run.code == 1
    assert run.stdout == ""
    assert named in run.stderr and fix in run.stderr
    assert run.stderr.startswith("error: ") and run.stderr.count("\n") == 1
    assert "\x1b" not in run.stderr
    assert files() == before


def test_unset_with_a_value_or_without_a_key_is_a_usage_error(cli, files):
    assert cli("config", "phone", "123", "--unset").code == 2
    assert cli("config", "--unset").code == 2
    assert files() == {}


def test_unknown_key_read_is_an_error_too(cli):
    run = cli("config", "due.fax")
    assert run.code == 1 and "unknown setting 'due.fax'" in run.stderr


def test_a_hand_written_quoted_limit_and_dotted_keys_are_read(cli, home):
    home.mkdir()
    (home / "config.toml").write_text('linkedin.limit = "250"\ndue.email = "3h"\n')
    shown = cli("config", "--json").json()
    assert shown["linkedin.limit"] == {"key": "linkedin.limit", "value": 250, "source": "set"}
    assert shown["due.email"]["value"] == "3h"


def test_the_command_a_bad_value_suggests_repairs_it_and_keeps_the_rest(cli, home):
    home.mkdir()
    path = home / "config.toml"
    path.write_text('name = "Sam Lee"\nemail = 3\n[due]\ncard = "3d"\n')
    refused = cli("config")
    assert refused.code == 1
    assert f"{path} (line 2): email = 3 should be text" in refused.stderr
    suggested = refused.stderr.split("set it with followup ", 1)[1].split()
    assert suggested == ["config", "email", "sam@example.com"]
    run = cli(*suggested)
    assert run.code == 0, run.stderr
    assert "Set email to sam@example.com." in run.stderr
    assert tomllib.loads(path.read_text()) == {
        "name": "Sam Lee", "email": "sam@example.com", "due": {"card": "3d"}
    }  # fmt: skip
    assert cli("config").code == 0


@pytest.mark.parametrize(
    "text",
    ["[linkedin]\nlimit = 9\n", '[linkedin]\nlimit = "x"\n', "linkedin.limit = true\n"],
)
def test_unset_clears_a_bad_value(cli, home, text):
    home.mkdir()
    path = home / "config.toml"
    path.write_text('name = "Sam Lee"\n' + text)
    run = cli("config", "linkedin.limit", "--unset")
    assert run.code == 0, run.stderr
    assert "Cleared linkedin.limit: back to its default (200)." in run.stderr
    assert tomllib.loads(path.read_text()) == {"name": "Sam Lee"}
    assert cli("config", "linkedin.limit").stdout == "200\n"


def test_a_toml_syntax_error_still_refuses_a_change_with_its_line_and_column(cli, home, files):
    home.mkdir()
    (home / "config.toml").write_text('name = "Sam Lee"\nemail = sam@example.com\n')
    before = files()
    run = cli("config", "email", "sam@example.com")
    assert run.code == 1
    assert "is not valid TOML" in run.stderr and "line 2, column 9" in run.stderr
    assert "fix that line by hand" in run.stderr
    assert files() == before


def _due(run, step: str) -> str:
    return next(s["due"] for s in run.json()["steps"] if s["step"] == step)


def test_due_settings_apply_to_new_interviews_not_to_existing_ones(cli):
    old = cli("add", "Oldco", "--at", "2026-11-25 09:00", "--json")
    assert _due(old, "email") == "2026-11-26T09:00:00+00:00"
    assert cli("config", "due.email", "90m").code == 0
    assert cli("config", "due.card", "1d12h").code == 0
    new = cli("add", "Newco", "--at", "2026-11-25 09:00", "--json")
    assert _due(new, "email") == "2026-11-25T10:30:00+00:00"
    assert _due(new, "card") == "2026-11-26T21:00:00+00:00"
    assert _due(new, "linkedin") == "2026-11-27T09:00:00+00:00"  # still the default
    assert _due(new, "phone") == "2026-11-25T13:00:00+00:00"
    still = cli("show", "1", "--json")
    assert _due(still, "email") == "2026-11-26T09:00:00+00:00"
    assert _due(still, "card") == "2026-11-27T09:00:00+00:00"


def test_an_interviewer_added_later_gets_the_rules_in_force(cli):
    cli("add", "Oldco", "--at", "2026-11-25 09:00", "--with", "Jane Doe")
    cli("config", "due.linkedin", "3h")
    steps = cli("edit", "1", "--add-with", "Raj Patel", "--json").json()["steps"]
    due = {(s["step"], s["who"]): s["due"] for s in steps}
    assert due["linkedin", "Jane Doe"] == "2026-11-27T09:00:00+00:00"
    assert due["linkedin", "Raj Patel"] == "2026-11-25T12:00:00+00:00"


def test_setting_a_due_delay_says_when_it_applies(cli):
    run = cli("config", "due.email", "12h")
    assert "added or re-timed from now on" in run.stderr


def test_unsetting_a_due_delay_brings_back_the_default(cli):
    cli("config", "due.email", "1h")
    cli("config", "due.email", "--unset")
    new = cli("add", "Newco", "--at", "2026-11-25 09:00", "--json")
    assert _due(new, "email") == "2026-11-26T09:00:00+00:00"


# ----------------------------------------------------------------------------
# `followup draft`: the words for each follow-up, from the interview and the profile.


NOTES = "their move from spreadsheets to dbt; the Q3 dashboard rebuild"


PROFILE = ("Sam Lee", "sam@example.com", "+1 555 0100")


@pytest.fixture
def acme_drafts(cli):
    """One interview with two interviewers and notes, as a new user records it."""
    run = cli(*ACME, "--topic", NOTES)
    assert run.code == 0, run.stderr
    return run


@pytest.fixture
def profile(cli):
    for key, value in zip(("name", "email", "phone"), PROFILE, strict=True):
        assert cli("config", key, value).code == 0


def test_email_with_only_part_of_the_profile_names_only_what_is_missing(cli, acme_drafts):
    cli("config", "name", "Sam Lee")
    run = cli("draft", "1", "email", "--who", "jane")
    assert run.stdout.splitlines()[-3:] == ["Sam Lee", "[your email]", "[your phone]"]
    assert "followup config name" not in run.stderr
    assert "no email or phone" in run.stderr


def test_a_higher_limit_keeps_the_sign_off(cli, acme_drafts, profile):
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


def _template(home: Path, kind: str, text: str | bytes) -> Path:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}.txt"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_a_template_replaces_the_built_in_text(cli, home, acme_drafts, profile):
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


def test_a_long_linkedin_template_loses_its_last_sentences_to_fit(cli, home, profile):
    cli("add", "Acme", "--with", "Jane")
    cli("config", "linkedin.limit", "60")
    _template(home, "linkedin", "Hi {first_name}, great to meet you. " + "More words here. " * 5)
    run = cli("draft", "1", "linkedin")
    assert run.stdout == "Hi Jane, great to meet you. More words here.\n"
    assert "left out the last 4 sentences of your template" in run.stderr


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


def test_checkin_max_setting(cli):
    assert cli("config", "checkin.max", "1").code == 0
    add(cli, *ACME)
    assert cli("done", "acme", "checkin").code == 0
    assert len(steps(show(cli, "acme"), "checkin")) == 1
    assert "no reply after 1 check-in" in cli("show", "acme").stdout
    assert cli("config", "checkin.max", "0").code == 0
    assert steps(add(cli, "add", "Globex"), "checkin") == []


def test_holidays_country_skips_public_holidays(cli):
    assert cli("config", "holidays.country", "US").code == 0
    iv = add(cli, *ACME)
    # Thanksgiving (Thu 26 Nov) does not count: Fri, Mon, Tue, Wed, Thu
    assert steps(iv, "checkin")[0]["due"] == "2026-12-03T14:00:00+00:00"


def test_every_due_setting_takes_business_days(cli):
    for key, value in (
        ("due.email", "1bd"),
        ("due.card", "2bd"),
        ("due.linkedin", "1bd4h"),
        ("due.phone", "2h"),
        ("due.checkin", "3bd"),
        ("due.checkin_no_date", "4bd"),
        ("due.checkin_again", "1bd"),
    ):
        run = cli("config", key, value)
        assert run.code == 0, (key, run.stderr)
    iv = add(cli, "add", "Acme", "--at", "2026-11-27 14:00")  # a Friday
    due = {s["step"]: s["due"] for s in iv["steps"]}
    assert due["email"] == "2026-11-30T14:00:00+00:00"
    assert due["card"] == "2026-12-01T14:00:00+00:00"
    assert due["linkedin"] == "2026-11-30T18:00:00+00:00"
    assert due["phone"] == "2026-11-27T16:00:00+00:00"
    assert due["checkin"] == "2026-12-03T14:00:00+00:00"


def test_a_subdivision_needs_a_known_country(cli, files):
    assert cli("config", "holidays.country", "DE").code == 0
    assert "BY" in unchanged(cli, files, "config", "holidays.subdivision", "ZZ")
    assert cli("config", "holidays.subdivision", "BY").code == 0


#: Runs followup's entry point in a fresh interpreter, then says whether `holidays` was
#: imported (sys.modules, checked at exit, whatever the command did).
_PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('HOLIDAYS', 'holidays' in sys.modules, file=sys.stderr))\n"
    "sys.argv = ['followup', *sys.argv[1:]]\n"
    "from followup.__main__ import main\n"
    "main()\n"
)


def test_holidays_is_not_imported_without_a_business_day_sum(home):
    """Speed: `status` and clock-only sums never load the holidays package."""
    env = env_for_subprocess(home)

    def imported(*args: str) -> bool:
        run = subprocess.run(
            [sys.executable, "-c", _PROBE, *args], env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        (said,) = [line for line in run.stderr.splitlines() if line.startswith("HOLIDAYS ")]
        return said == "HOLIDAYS True"

    assert not imported("add", "Acme", "--with", "Jane")  # no holidays.country set
    assert not imported("config", "due.phone", "2h")
    assert imported("config", "holidays.country", "US")  # checked against the package
    for command in (("status",), ("list",), ("status", "--json"), ("show", "1")):
        assert not imported(*command), command
    assert not imported("done", "1", "email")  # no business-day sum
    assert imported("add", "Globex")  # its check-in is a business-day sum with holidays


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


def test_a_symlinked_config_toml_stays_a_link(cli, home, tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "followup.toml"
    real.write_text('name = "Sam Lee"\n')
    home.mkdir()
    (home / "config.toml").symlink_to(os.path.relpath(real, home))
    assert cli("config", "email", "sam@example.com").code == 0
    assert (home / "config.toml").is_symlink()
    text = real.read_text()
    assert "Sam Lee" in text and "sam@example.com" in text


def test_settings_wait_for_the_stores_lock(cli, home):

    assert cli("add", "Acme Corp").code == 0
    with Store(home).lock():
        done = followup(home, "config", "name", "Sam Lee", FOLLOWUP_LOCK_TIMEOUT="0.5")
    assert done.returncode == 1 and "another followup command" in done.stderr, done.stderr
    assert not (home / "config.toml").exists()
    assert cli("config", "name", "Sam Lee").code == 0


# ----------------------------------------------------------------------------
# Fixes from a fresh-eyes QA run of the follow-up arc, each driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC; Acme's interview was Wednesday 25 Nov 14:00.


def unchanged_qa(cli, files, *args: str, code: int = 1) -> str:
    before = files()
    run = cli(*args)
    assert run.code == code, (run.code, run.stdout, run.stderr)
    assert files() == before
    assert "Traceback" not in run.stderr
    return run.stderr


def test_no_checkin_is_due_before_the_interview_is_over(cli):
    assert cli("config", "due.checkin", "0bd").code == 0
    friday = {"FOLLOWUP_NOW": "2026-12-04T08:00:00+00:00"}
    run = cli("add", "Globex", "--at", "2026-12-04 10:00", "--decision", "this week", "--json",
              env=friday)  # fmt: skip
    assert run.code == 0, run.stderr
    (checkin,) = [s for s in run.json()["steps"] if s["step"] == "checkin"]
    assert checkin["due"] >= "2026-12-04T11:00:00+00:00"


def test_config_help_names_every_setting_and_business_days(cli):
    from followup.features.config import KEYS

    text = " ".join(cli("config", "--help").stdout.split())
    missing = [key for key in KEYS if key not in text]
    assert not missing, missing
    assert "2bd" in text


def test_an_unknown_subdivision_lists_every_code_or_says_how_many_more(cli, files):
    assert cli("config", "holidays.country", "US").code == 0
    said = unchanged_qa(cli, files, "config", "holidays.subdivision", "ZZ")
    assert "WY" in said and "more" not in said  # all of them: the list is short enough
    assert cli("config", "holidays.country", "IT").code == 0
    said = unchanged_qa(cli, files, "config", "holidays.subdivision", "ZZ")
    import holidays

    codes = holidays.list_supported_countries()["IT"]
    assert f"… and {len(codes) - 60} more" in said, said


# ----------------------------------------------------------------------------
# Replies are steps: closing with an offer or a rejection adds a `reply` step, an offer's
# deadline a `decide` step; a closed interview with one pending stays in open.json (so
# `status` lists it without reading history); `followup replied` records their reply.


def steps_replies(cli, ref: str = "1") -> dict[str, dict]:
    """The steps of an interview by kind (the last of each kind)."""
    return {s["step"]: s for s in cli("show", ref, "--json").json()["steps"]}


def test_the_reply_follows_the_due_reply_setting_and_counts_business_days(cli):
    assert cli("config", "due.reply", "4h").code == 0
    assert cli(*ACME).code == 0
    friday = {"FOLLOWUP_NOW": "2026-11-27T22:00:00+00:00"}
    assert cli("close", "acme", "--outcome", "rejected", env=friday).code == 0
    assert steps_replies(cli)["reply"]["due"] == "2026-11-28T02:00:00+00:00"
    assert cli("config", "due.reply", "1bd").code == 0
    assert cli("add", "Globex", "--at", "2026-11-25 10:00").code == 0
    assert cli("close", "globex", "--outcome", "offer", env=friday).code == 0
    assert steps_replies(cli, "2")["reply"]["due"] == "2026-11-30T22:00:00+00:00"  # Monday


# ----------------------------------------------------------------------------
# The rules of `followup config` a user relies on: what each key accepts, up to which
# bound, the whole error that a refused value gets, how keys are spelled, the holiday
# region checks, and the rules that the settings in force make.


KEYS = (
    "name, email, phone, linkedin.limit, due.email, due.linkedin, due.card, due.phone, "
    "due.checkin, due.checkin_no_date, due.checkin_again, due.reply, checkin.max, "
    "holidays.country, "
    "holidays.subdivision, remind.within, mail.imap.host, mail.imap.port, mail.imap.user, "
    "mail.imap.security, mail.imap.sent, mail.imap.inbox, mail.imap.token_command, "
    "mail.maildir, mail.maildir_sent"
)


EMAIL_254 = "s" * 64 + "@" + "e" * 185 + ".com"  # 254 characters


PHONE_40 = "+1 " + "5" * 37


def refused(key: str, message: str, example: str) -> str:
    return f"error: bad value for {key}: {message} (example: followup config {key} {example})\n"


@pytest.mark.parametrize(
    ("key", "value", "error"),
    [
        ("name", "  ", refused(
            "name", 'the name is empty: give one, as in "Sam Lee", or use --unset', '"Sam Lee"')),
        ("name", "Sam\tLee", refused(
            "name", "the name 'Sam\\tLee' has control characters: type it on one line",
            '"Sam Lee"')),
        ("name", "S" * 101, refused(
            "name", "the name is 101 characters long: at most 100", '"Sam Lee"')),
        ("email", " ", refused(
            "email", "the email is empty: give one, as in sam@example.com, or use --unset",
            "sam@example.com")),
        ("email", "x" + EMAIL_254, refused(
            "email", "the email is 255 characters long: at most 254", "sam@example.com")),
        ("email", "sam.example.com", refused(
            "email", "'sam.example.com' is not an email address: write it like sam@example.com",
            "sam@example.com")),
        ("phone", "", refused(
            "phone", 'the phone number is empty: give one, as in "+1 555 0100", or use --unset',
            '"+1 555 0100"')),
        ("phone", "555\r0100", refused(
            "phone", "the phone number '555\\r0100' has control characters: type it on one line",
            '"+1 555 0100"')),
        ("phone", PHONE_40 + "5", refused(
            "phone", "the phone number is 41 characters long: at most 40", '"+1 555 0100"')),
        ("phone", "1234", refused(
            "phone", "'1234' is not a phone number: use digits, spaces and + ( ) - ., such as "
            '"+1 555 0100"', '"+1 555 0100"')),
        ("phone", "call 555 0100", refused(
            "phone", "'call 555 0100' is not a phone number: use digits, spaces and + ( ) - ., "
            'such as "+1 555 0100"', '"+1 555 0100"')),
        ("linkedin.limit", "lots", refused(
            "linkedin.limit", "'lots' is not a whole number: use 200 (a free LinkedIn account) "
            "or 300 (premium)", "300")),
        ("linkedin.limit", "49", refused(
            "linkedin.limit", "49 is out of range: use a number from 50 to 2000", "300")),
        ("linkedin.limit", "2001", refused(
            "linkedin.limit", "2001 is out of range: use a number from 50 to 2000", "300")),
        ("checkin.max", "two", refused(
            "checkin.max", "'two' is not a whole number: use a number of check-ins from 0 to 5",
            "3")),
        ("checkin.max", "6", refused(
            "checkin.max", "6 is out of range: use 0 to 5 check-ins", "3")),
        ("holidays.country", "U5", refused(
            "holidays.country", "'U5' is not a country code: use an ISO 3166 code such as US, "
            "GB or DE", "US")),
        ("holidays.subdivision", "-CA", refused(
            "holidays.subdivision", "'-CA' is not a subdivision code: use one such as CA, BY or "
            "SCT", "CA")),
    ],
)  # fmt: skip
def test_a_refused_value_gets_one_whole_line_naming_the_fix(cli, files, key, value, error):
    cli("config", "name", "Sam Lee")
    before = files()
    run = cli("config", key, "--", value)
    assert (run.code, run.stdout, run.stderr) == (1, "", error)
    assert files() == before


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("nmae", f"unknown setting 'nmae': did you mean name? the settings are {KEYS}"),
        ("DUE.CRAD", f"unknown setting 'DUE.CRAD': did you mean due.card? the settings are {KEYS}"),
        ("colour", f"unknown setting 'colour': the settings are {KEYS}"),
    ],
)
def test_an_unknown_key_names_the_likely_one_and_lists_them_all(cli, files, typed, error):
    run = cli("config", typed, "x")
    assert (run.code, run.stderr) == (1, f"error: {error}\n")
    assert files() == {}


def test_keys_are_read_in_any_case_and_with_spaces_around(cli):
    assert cli("config", " Name ", "Sam Lee").code == 0
    assert cli("config", "NAME").stdout == "Sam Lee\n"
    assert cli("config", "name", "--json").json() == {
        "key": "name",
        "value": "Sam Lee",
        "source": "set",
    }


# ----- the holiday region ------------------------------------------------------------


def test_a_subdivision_needs_a_country_first(cli, files):
    run = cli("config", "holidays.subdivision", "BY")
    assert (run.code, run.stderr) == (
        1,
        "error: holidays.subdivision needs a country first: followup config holidays.country DE\n",
    )
    assert files() == {}


def test_a_country_is_checked_with_the_subdivision_already_set(cli, home):
    assert cli("config", "holidays.country", "DE").code == 0
    assert cli("config", "holidays.subdivision", "by").code == 0
    before = (home / "config.toml").read_bytes()
    # BY is a German state, not a US one: the pair would be wrong, so US is refused.
    run = cli("config", "holidays.country", "US")
    assert run.code == 1
    assert run.stderr.startswith(
        "error: holidays.subdivision 'BY' is not a subdivision of US: use one of AK, AL, "
    )
    assert (home / "config.toml").read_bytes() == before
    # Without the subdivision, US alone is fine.
    assert cli("config", "holidays.subdivision", "--unset").code == 0
    assert cli("config", "holidays.country", "US").code == 0


def test_a_subdivision_is_checked_against_the_country_set(cli):
    assert cli("config", "holidays.country", "US").code == 0
    run = cli("config", "holidays.subdivision", "BY")
    assert run.code == 1
    assert run.stderr.startswith("error: holidays.subdivision 'BY' is not a subdivision of US")
    assert cli("config", "holidays.subdivision", "ca").code == 0
    assert cli("config", "holidays.subdivision").stdout == "CA\n"


# ----------------------------------------------------------------------------
# The rules of the drafts, word for word: what a user reads before they send it.
#
# Each built-in draft is pinned in full for the cases a user meets (a role or none, a
# decision date or none, a topic that completes "our conversation about" or one that
# does not), so that a changed word, a lost sentence or a wrong branch shows.


def run_ok(cli, *args: str) -> None:
    run = cli(*args)
    assert run.code == 0, run.stderr


HI = "Hi Jane, thank you for talking with me about the Data Analyst role at Acme Corp."


BOTH = " I enjoyed our conversation about the Q3 dashboards. We also talked about dbt."


FIRST = " I enjoyed our conversation about the Q3 dashboards."


CLOSER, SIGN = " I'd be glad to stay in touch.", " Best, Sam Lee"


SOME = "; left out the sign-off, the closing line and some of your topics to fit"


@pytest.mark.parametrize(
    ("limit", "note", "left"),
    [
        (202, HI + BOTH + CLOSER + SIGN, ""),
        (201, HI + BOTH + CLOSER, "; left out the sign-off to fit"),
        (188, HI + BOTH + CLOSER, "; left out the sign-off to fit"),
        (187, HI + BOTH, "; left out the sign-off and the closing line to fit"),
        (158, HI + BOTH, "; left out the sign-off and the closing line to fit"),
        (157, HI + FIRST, SOME),
        (132, HI + FIRST, SOME),
        (131, HI + CLOSER + SIGN, "; left out your topics to fit"),
    ],
)  # fmt: skip
def test_a_linkedin_note_gives_up_sign_off_closing_line_then_topics_to_fit(cli, limit, note, left):
    """A note of exactly the limit fits; one character over, the next part goes."""
    assert cli("config", "name", "Sam Lee").code == 0
    run_ok(
        cli, "add", "Acme Corp", "--role", "Data Analyst", "--with", "Jane Doe",
        "--topic", "the Q3 dashboards", "--topic", "dbt",
    )  # fmt: skip
    assert cli("config", "linkedin.limit", str(limit)).code == 0
    run = cli("draft", "acme", "linkedin")
    assert run.stdout == note + "\n"
    assert run.stderr.splitlines()[0] == f"LinkedIn note: {len(note)}/{limit} characters{left}."


# ----------------------------------------------------------------------------
# QA of the mail loop: what a mailbox may hold that must not break or fool it, and
# the draft files `send` writes, read back as a mail program reads them.


def eml_headers(cli, tmp_path: Path, *args: str):
    out = tmp_path / "draft.eml"
    run = cli("send", *args, "--via", "eml", "--output", str(out))
    assert run.code == 0, run.stderr
    return email.message_from_bytes(out.read_bytes(), policy=email.policy.default)


def test_a_name_with_a_comma_is_one_sender_in_the_draft(cli, tmp_path: Path) -> None:
    """`Lee, Sam` unquoted in From would read as two addresses, `Lee` and `Sam <...>`."""
    assert cli(*ACME).code == 0
    assert cli("config", "name", "Lee, Sam").code == 0
    assert cli("config", "email", "sam@example.com").code == 0
    msg = eml_headers(cli, tmp_path, "1", "email", "--who", "jane")
    senders = msg["From"].addresses
    assert [(a.display_name, a.addr_spec) for a in senders] == [("Lee, Sam", "sam@example.com")]
