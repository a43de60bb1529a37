"""`followup add`, driven through the real command line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ACME, add, env_for_subprocess, unchanged
from populate import fill
from terminal import list_all, run_in_terminal

# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


JANE = "Jane Doe <jane@acme.com>"


def steps_of(interview: dict) -> dict[tuple[str, str | None], dict]:
    return {(s["step"], s["who"]): s for s in interview["steps"]}


def test_add_defaults_to_now_and_no_interviewer(cli):
    result = cli("add", "Globex", "--json")
    iv = result.json()
    assert iv["at"] == "2026-11-26T10:00:00+00:00"
    assert sorted((s["step"], s["who"]) for s in iv["steps"]) == [
        ("card", None),
        ("checkin", None),
        ("email", None),
        ("linkedin", None),
        ("phone", None),
    ]


def test_add_human_output_lists_the_checklist_and_says_what_changed(cli):
    result = cli("add", "Acme Corp", "--with", JANE, "--at", "yesterday 3pm")
    assert result.code == 0
    assert "#1 Acme Corp" in result.stdout
    assert "Thank-you email" in result.stdout and "Jane Doe" in result.stdout
    assert "Wed 25 Nov 15:00" in result.stdout
    assert "Added interview #1" in result.stderr
    assert "followup done 1 email" in result.stderr


def test_add_email_only_interviewer(cli):
    iv = cli("add", "Initech", "--with", "<bill@initech.com>", "--json").json()
    assert iv["interviewers"] == [{"name": "", "email": "bill@initech.com"}]
    assert steps_of(iv)[("email", "bill@initech.com")]["status"] == "pending"


def test_add_without_company_and_no_terminal_is_a_usage_error(cli, files):
    result = cli("add")
    assert result.code == 2
    assert "COMPANY" in result.stderr
    assert files() == {}


# ----------------------------------------------------------------------------
# `followup config`: the profile and the user's due-time rules in config.toml.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "Sam\n', "line 1"),
        ('email = "sam@example.com"\n[due\ncard = "2d"\n', "line 2"),
        ('email = "sam@example.com"\nnmae = "Sam"\n', "(line 2): unknown setting 'nmae'"),
        ('[due]\nemail = "24h"\nfax = "1h"\n', "(line 3): unknown setting 'due.fax'"),
        ("[linkedin]\nlimit = 9\n", "(line 2): bad value for linkedin.limit"),
        ("name = 12\n", "(line 1): name = 12 should be text"),
        ("[due]\ncard = true\n", "due.card = True should be text"),
        ('[linkedin]\nlimit = "x"\n', "bad value for linkedin.limit"),
        (b"name = '\xff'\n", "not UTF-8"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ("config",),
        ("config", "name"),
        ("config", "email", "new@example.com"),
        ("config", "email", "--unset"),
        ("add", "Beta"),
        ("edit", "1", "--at", "today 9:00"),
        ("draft", "1", "email"),
    ],
)
def test_a_broken_config_file_is_named_with_its_line_and_left_alone(
    cli, home, files, text, expected, command
):
    assert cli("add", "Acme").code == 0
    path = home / "config.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    before = files()
    run = cli(*command)
    assert run.code == 1, run.stderr
    assert str(path) in run.stderr
    assert expected in run.stderr
    assert "Traceback" not in run.stderr
    assert files() == before


# ----------------------------------------------------------------------------
# A step, command or option mistyped by a letter or two gets "did you mean ...?".


@pytest.mark.parametrize("command", ["skip", "reopen", "draft"])
def test_every_command_that_reads_a_step_guesses(cli, command):
    assert cli(*ACME).code == 0
    run = cli(command, "1", "linkdin", "--who", "jane")
    assert run.code == 1 and "(did you mean linkedin?)" in run.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("lst",), "no such command 'lst' (did you mean list?)"),
        (("stauts",), "no such command 'stauts' (did you mean stats or status?)"),
        (("done", "1", "email", "--whoo", "jane"), "no such option '--whoo'"),
        (("list", "--al"), "(did you mean --all?)"),
        (("close", "1", "--outcome", "offr"), "(did you mean offer?)"),
        (("close", "1", "--outcome", "rejectd"), "(did you mean rejected?)"),
        (("export", "--format", "jsn"), "(did you mean json?)"),
    ],
)
def test_commands_options_and_choices_mistyped_are_guessed(cli, files, args, said):
    assert cli(*ACME).code == 0
    before = files()
    run = cli(*args)
    assert run.code == 2, run.stderr
    assert said in run.stderr and "did you mean" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and files() == before


# ----------------------------------------------------------------------------
# Drafts speak to the person they go to: a check-in or a reply without --who greets the
# company's team and never says "You mentioned"; a topic for one person reaches no one
# else; topics are joined as sentences; a panel's LinkedIn notes and cards differ by more
# than the name, never by a detail the user did not give.


def text_of(cli, *args: str) -> str:
    run = cli("draft", *args)
    assert run.code == 0, run.stderr
    return run.stdout


def test_two_topics_are_two_sentences_never_glued(cli):
    assert cli(*ACME, "--topic", "Jane: their move to dbt", "--topic", "Snowflake stack").code == 0
    for kind in ("email", "card", "linkedin"):
        text = " ".join(text_of(cli, "1", kind, "--who", "jane").split())
        assert "dbt and Snowflake" not in text, kind
        assert "your move to dbt. We also talked about Snowflake stack." in text, kind


# ----------------------------------------------------------------------------
# Times that are probably typos: more than a year ago (asked about, not taken silently),
# and local times that do not exist or happen twice (a daylight-saving change).


NEW_YORK = {"TZ": "America/New_York"}


@pytest.mark.parametrize("at", ["1999-01-01", "2025-11-20 10:00", "2 years ago"])
def test_a_time_more_than_a_year_ago_is_refused_without_a_terminal(cli, files, at):
    before = files()
    result = cli("add", "Acme", "--at", at)
    assert result.code == 1, result.stdout
    message = result.stderr
    assert message.startswith("error:") and message.count("\n") == 1
    assert repr(at) in message and "ago" in message
    assert "--yes" in message  # how to confirm it
    assert files() == before


def test_yes_confirms_a_time_long_ago(cli):
    result = cli("add", "Acme", "--at", "1999-01-01", "--yes", "--json")
    assert result.code == 0, result.stderr
    assert result.json()["at"] == "1999-01-01T09:00:00+00:00"


def test_a_time_just_under_a_year_ago_is_taken_without_asking(cli):
    result = cli("add", "Acme", "--at", "2025-12-01 10:00", "--json")
    assert result.code == 0, result.stderr


def test_before_1970_is_refused_even_with_yes(cli, files):
    before = files()
    result = cli("add", "Acme", "--at", "1969-07-20 20:17", "--yes")
    assert result.code == 1
    assert "1969" in result.stderr
    assert files() == before


def test_in_a_terminal_a_time_long_ago_is_asked_about(home):
    code, screen = run_in_terminal(home, ["add", "Acme", "--at", "1999-01-01"], [("?", "n")])
    assert code == 1, screen
    assert "1999" in screen and "ago" in screen
    assert "Nothing was recorded" in screen
    assert list_all(home) == []
    code, screen = run_in_terminal(home, ["add", "Acme", "--at", "1999-01-01"], [("?", "y")])
    assert code == 0, screen
    [iv] = list_all(home)
    assert iv["at"].startswith("1999-01-01")


# ----- daylight-saving changes ------------------------------------------------------


def test_a_time_in_the_spring_gap_is_said_and_moved_forward(cli):
    # 2026-03-08 02:00 in New York: clocks jump to 03:00; 02:30 never happens.
    result = cli("add", "Acme", "--at", "2026-03-08 02:30", "--json", env=NEW_YORK)
    assert result.code == 0, result.stderr
    assert result.json()["at"] == "2026-03-08T07:30:00+00:00"  # 03:30 EDT
    assert "02:30" in result.stderr and "03:30" in result.stderr
    assert "does not exist" in result.stderr


def test_a_time_that_happens_twice_says_which_one_was_taken(cli):
    # 2026-11-01 02:00 in New York: clocks go back to 01:00; 01:30 happens twice.
    result = cli("add", "Acme", "--at", "2026-11-01 01:30", "--json", env=NEW_YORK)
    assert result.code == 0, result.stderr
    assert result.json()["at"] == "2026-11-01T05:30:00+00:00"  # the first: 01:30 EDT
    assert "twice" in result.stderr and "01:30" in result.stderr


def test_an_ordinary_time_says_nothing_about_clocks(cli):
    result = cli("add", "Acme", "--at", "2026-11-20 10:00", "--json", env=NEW_YORK)
    assert result.code == 0
    assert result.stderr == ""


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def steps(iv: dict, kind: str) -> list[dict]:
    return [s for s in iv["steps"] if s["step"] == kind]


def test_phone_is_due_four_hours_after_the_interview(cli):
    iv = add(cli, *ACME)
    (phone,) = steps(iv, "phone")
    assert phone["due"] == "2026-11-25T18:00:00+00:00"
    fresh = add(cli, "add", "Globex")  # right now: nothing overdue
    assert not any(s["overdue"] for s in fresh["steps"])
    assert steps(fresh, "phone")[0]["due"] == "2026-11-26T14:00:00+00:00"


def test_a_checkin_without_a_decision_date_is_due_five_business_days_after(cli):
    iv = add(cli, *ACME)
    (checkin,) = steps(iv, "checkin")
    assert checkin["who"] is None and checkin["status"] == "pending"
    # Wed 25 14:00 + 5bd: Thu, Fri, Mon, Tue, Wed
    assert checkin["due"] == "2026-12-02T14:00:00+00:00"


@pytest.mark.parametrize(
    ("phrase", "decision", "checkin"),
    [
        ("friday", "2026-11-27T09:00:00+00:00", "2026-12-01T09:00:00+00:00"),
        ("next week", "2026-12-04T09:00:00+00:00", "2026-12-08T09:00:00+00:00"),
        ("in 2 weeks", "2026-12-10T09:00:00+00:00", "2026-12-14T09:00:00+00:00"),
        ("2026-12-04", "2026-12-04T09:00:00+00:00", "2026-12-08T09:00:00+00:00"),
        ("tomorrow", "2026-11-27T09:00:00+00:00", "2026-12-01T09:00:00+00:00"),
    ],
)
def test_decision_phrases_look_forward(cli, phrase, decision, checkin):
    iv = add(cli, *ACME, "--decision", phrase)
    assert iv["decision"] == decision
    assert steps(iv, "checkin")[0]["due"] == checkin


def test_a_decision_before_the_interview_or_unreadable_is_refused(cli, files):
    add(cli, *ACME)
    assert "2026-11-20" in unchanged(cli, files, "edit", "acme", "--decision", "2026-11-20")
    assert "someday soon" in unchanged(cli, files, "edit", "acme", "--decision", "someday soon")
    assert "next decade" in unchanged(cli, files, "add", "Globex", "--decision", "next decade")


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


def clear_error(run, *words: str) -> None:
    """Exit 1 with one line that is not a crash report, naming `words`."""
    err = run.stderr
    assert run.code == 1 if hasattr(run, "code") else run.returncode == 1, err
    assert "unexpected" not in err and "Traceback" not in err, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, (word, err)


def test_a_terminal_asks_before_replacing(home, tmp_path):
    from terminal import run_in_terminal

    followup(home, "add", "Acme Corp")
    target = tmp_path / "mine.json"
    target.write_text("keep me\n")
    code, screen = run_in_terminal(home, ["export", "-o", str(target)], [("Replace it?", "n")])
    assert code == 0 and "Nothing was written" in screen, screen
    assert target.read_text() == "keep me\n"
    code, screen = run_in_terminal(home, ["export", "-o", str(target)], [("Replace it?", "y")])
    assert code == 0, screen
    assert json.loads(target.read_text())["interviews"][0]["company"] == "Acme Corp"


def test_a_zone_offset_no_clock_can_have(cli, home):
    assert cli("add", "Acme Corp").code == 0
    for args in (("status",), ("add", "Globex"), ("list",)):
        clear_error(cli(*args, env={"TZ": "UTC+99"}), "TZ")


def test_typed_years_out_of_range_are_refused(cli, files):
    for when in ("1969-07-20 20:17", "0001-01-01 09:00"):
        clear_error(cli("add", "Acme", "--at", when), when)
    assert files() == {}


def test_a_backup_that_cannot_be_written_is_said(cli, home):
    fill(cli)
    backup = home / "backup" / "open.json"
    backup.unlink()
    backup.mkdir()  # anything in the way: the copy fails, the change is made
    run = cli("add", "Newco")
    assert run.code == 0, run.stderr
    assert "backup" in run.stderr and "followup doctor" in run.stderr, run.stderr
    assert "Newco" in (home / "open.json").read_text()


@pytest.mark.parametrize("char", ["\u200f", "\u061c", "\u2028", "\u2029", "\u0085", "\u200e"])
def test_direction_and_line_characters_are_refused_when_typed(cli, files, char):
    clear_error(cli("add", f"Acme{char}Corp"), "control character")
    clear_error(cli("add", "Acme", "--with", f"Jane{char} Doe"), "control character")
    assert files() == {}


# ----------------------------------------------------------------------------
# The terminal paths: `add` asks for the fields, `remove` asks before deleting.
#
# A real pseudo-terminal, so `isatty()` is true as it is for a user.


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_add_with_no_company_asks_for_each_field(home):
    code, screen = run_in_terminal(
        home,
        ["add"],
        [
            ("Company", "Acme Corp"),
            ("Role", "Data Analyst"),
            ("When", "tomorrow 25:00"),  # unreadable: asked again
            ("When", "yesterday 3pm"),
            ("Interviewer", "Jane Doe <jane@acme.com>"),
            ("Interviewer", "Raj <oops>"),  # bad email: asked again
            ("Interviewer", "Raj Patel"),
            ("Interviewer", ""),
            ("decide", "whenever"),  # unreadable: asked again
            ("decide", "friday"),
            ("Topic", "Jane: their move to dbt"),
            ("Topic", "dashboards"),
            ("Topic", ""),
            ("Private notes", "salary 90k"),
        ],
    )
    assert code == 0, screen
    assert "tomorrow 25:00" in screen and "'oops'" in screen and "'whenever'" in screen
    [iv] = list_all(home)
    assert iv["company"] == "Acme Corp" and iv["role"] == "Data Analyst"
    assert iv["at"] == "2026-11-25T15:00:00+00:00"
    assert [p["name"] for p in iv["interviewers"]] == ["Jane Doe", "Raj Patel"]
    assert iv["decision"] == "2026-11-27T09:00:00+00:00"
    assert iv["topics"] == [
        {"text": "their move to dbt", "who": "Jane Doe"},
        {"text": "dashboards", "who": None},
    ]
    assert iv["notes"] == "salary 90k"
    assert len(iv["steps"]) == 8


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_add_asked_with_a_blank_decision_records_none(home):
    code, screen = run_in_terminal(
        home,
        ["add"],
        [("Company", "Globex"), ("Role", ""), ("When", "now"), ("Interviewer", ""),
         ("decide", ""), ("Topic", ""), ("Private notes", "")],
    )  # fmt: skip
    assert code == 0, screen
    [iv] = list_all(home)
    assert iv["decision"] is None and iv["topics"] == [] and iv["notes"] == ""


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_remove_asks_and_no_keeps_the_interview(home):
    subprocess.run(
        [sys.executable, "-m", "followup", "add", "Acme"],
        env=env_for_subprocess(home),
        check=True,
        capture_output=True,
    )
    code, screen = run_in_terminal(home, ["remove", "acme"], [("Remove #1 Acme", "n")])
    assert code == 0 and "Nothing removed" in screen
    assert len(list_all(home)) == 1
    code, screen = run_in_terminal(home, ["remove", "acme"], [("Remove #1 Acme", "y")])
    assert code == 0 and "Removed #1 Acme" in screen
    assert list_all(home) == []


# ----------------------------------------------------------------------------
# Naming people and companies as a user types them: empty entries, accents, any part of
# a name, and correcting an interviewer without losing their progress.


@pytest.mark.parametrize("value", ["  ;  ", ";;", ";", " ", ""])
def test_with_that_names_no_one_is_refused_and_records_nothing(cli, files, value):
    before = files()
    result = cli("add", "Acme", "--with", value)
    assert result.code == 1, result.stdout
    assert "error:" in result.stderr and "--with" in result.stderr
    assert repr(value) in result.stderr  # names the value
    assert "Name <email>" in result.stderr  # and how to write one
    assert files() == before


def test_separators_around_real_names_are_ignored(cli):
    iv = cli("add", "Acme", "--with", "; Jane Doe <jane@acme.com> ;; Raj Patel;", "--json").json()
    assert [p["name"] for p in iv["interviewers"]] == ["Jane Doe", "Raj Patel"]
    assert ";" not in {s["who"] for s in iv["steps"]}


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


def test_a_decision_on_a_day_before_the_interview_is_refused_and_says_why(cli, files):
    add(cli, *ACME)  # 25 Nov 14:00
    said = unchanged_qa(cli, files, "edit", "1", "--decision", "2026-11-24 18:00")
    assert "before the interview" in said and "after" in said
    said = unchanged_qa(cli, files, "next", "acme", "--at", "2026-12-15 10:00",
                     "--decision", "in 3 business days")  # fmt: skip
    assert "before the interview" in said and "2026-12-15" in said, said


def test_an_unreadable_decision_suggests_dates_ahead(cli, files):
    add(cli, *ACME)
    said = unchanged_qa(cli, files, "edit", "1", "--decision", "blorp")
    assert "yesterday" not in said and "next week" in said


def test_a_topic_for_a_name_that_is_nobody_is_refused_naming_the_panel(cli, files):
    add(cli, *ACME)
    said = unchanged_qa(cli, files, "edit", "acme", "--topic", "Jnae: the dbt migration")
    assert "'Jnae' names no interviewer" in said and "Jane Doe, Raj Patel" in said
    said = unchanged_qa(cli, files, "add", "Globex", "--with", "Kim Lee", "--topic", "Bob Smith: x")
    assert "Kim Lee" in said


def test_a_topic_names_a_person_by_any_part_of_the_name_title_or_not(cli):
    iv = add(cli, "add", "Globex", "--with", "Dr. Mary-Jane O'Brien", "--with", "Raj Patel",
             "--topic", "Mary: the dbt migration", "--topic", "obrien: on-call")  # fmt: skip
    assert iv["topics"] == [
        {"text": "the dbt migration", "who": "Dr. Mary-Jane O'Brien"},
        {"text": "on-call", "who": "Dr. Mary-Jane O'Brien"},
    ]


# ----------------------------------------------------------------------------
# Naming an interview (INTERVIEW) and an interviewer (--who): the rules users rely on.
#
# Through the CLI where a command shows the effect, and the engine for the exact messages.


@pytest.mark.parametrize(
    "args",
    [
        ("done", "-1", "email"),
        ("done", "-1", "email", "--who", "jane"),
        ("status", "-1"),
        ("show", "-12"),
        ("draft", "-3", "email"),
        ("done", "--", "-1", "email"),
    ],
)
def test_a_negative_interview_number_is_a_lookup_error_not_an_option(cli, files, args):
    cli("add", "Acme", "--with", "Jane Doe")
    before = files()
    run = cli(*args)
    number = next(a for a in args if a.startswith("-") and a[1:].isdigit())
    assert (run.code, run.stdout) == (1, "")
    assert run.stderr.startswith(f"error: no interview {number}: interview numbers start at 1")
    assert run.stderr.count("\n") == 1 and files() == before


# ----------------------------------------------------------------------------
# Rules of the commands that change interviews and their steps (features.actions and
# features.marking), through the store as the CLI uses it, and through the CLI itself.
#
# Each test is a rule a user relies on: which names in a topic are taken for a person,
# what a rename keeps, what the next round takes over, where a reopened interview goes,
# and which check-in `done` and `reopen` mean.


def test_a_decision_before_the_interview_day_is_refused_and_on_the_day_accepted(cli, files):
    before = files()
    run = cli("add", "Acme", "--at", "2026-11-25 14:00", "--decision", "2026-11-24")
    assert (run.code, run.stderr) == (
        1,
        "error: the decision date 2026-11-24 is before the interview (2026-11-25): they "
        'decide after it, so give a day from 2026-11-25 on (e.g. --decision "2026-11-25" '
        "or later)\n",
    )
    assert files() == before
    assert cli("add", "Acme", "--at", "2026-11-25 14:00", "--decision", "2026-11-25").code == 0


# ----------------------------------------------------------------------------
# What followup says: words that read right, hints only where they help, Ctrl-C and a
# bare `followup` handled as a user expects.


def _own_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty on stdin, and
    Ctrl-C's signal handled as a shell leaves it for the job it runs (a test run started
    in the background by a script inherits SIGINT ignored, and Python then keeps it so)."""
    import fcntl
    import termios

    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


#: How long the terminal may stay silent: generous, for a machine busy with other work.
PATIENCE = 60.0


def _read_until(leader: int, screen: bytes, wanted: bytes | None) -> bytes:
    """`screen` and what the pty shows next, until `wanted` is on it (None: until the
    terminal closes, its last user gone). Fails, showing the screen, after PATIENCE
    seconds: no fixed wait, so a slow start is waited for and a quick one is not."""
    import select

    deadline = time.monotonic() + PATIENCE
    while wanted is None or wanted not in screen:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"waited {PATIENCE:.0f} s for {wanted!r}; the terminal showed {screen!r}")
        if not select.select([leader], [], [], left)[0]:
            continue
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: every process holding the terminal has closed it
            chunk = b""
        if not chunk:
            if wanted is None:
                return screen
            pytest.fail(f"the terminal closed before showing {wanted!r}: {screen!r}")
        screen += chunk
    return screen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_ctrl_c_in_the_interactive_add_says_nothing_was_recorded_and_exits_130(home):
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "followup", "add"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env_for_subprocess(home, COLUMNS="100"),
        preexec_fn=_own_terminal,  # so that Ctrl-C reaches it as SIGINT, as in a shell
    )
    os.close(follower)
    try:
        screen = _read_until(leader, b"", b"Company")
        os.write(leader, b"Acme\r")
        screen = _read_until(leader, screen, b"Role")  # asked, and waiting for the answer
        os.write(leader, b"\x03")  # Ctrl-C, as the terminal sends it
        screen = _read_until(leader, screen, None)
        code = proc.wait(timeout=PATIENCE)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        os.close(leader)
    text = screen.decode(errors="replace")
    assert code == 130, text
    assert "Nothing was recorded" in text and "Aborted" not in text
    assert list_all(home) == []


# ----------------------------------------------------------------------------
# Times read right, or refused: zones typed after a time, 15h, negative amounts, dates
# that read two ways, dates without a year, weekdays said of the future, and long WHENs.
#
# Each rule is pinned on core/when.py (and core/zones.py) directly and through the CLI.


def test_add_at_a_zone_stores_that_moment(cli):
    run = cli("add", "Acme", "--at", "2026-11-25 10am PST", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["at"] == "2026-11-25T18:00:00+00:00"


@pytest.mark.parametrize(
    ("at", "says"),
    [
        ("10am IST", "'IST' has several meanings"),
        ("3pm XYZ", "unknown time zone 'XYZ'"),
        ("-5 days ago", "has a negative amount"),
        ("03/04/2026", "could be 3 April 2026 (day/month) or March 4, 2026 (month/day)"),
        ("14:00 -3", "could be an offset or an amount"),
    ],
)
def test_refused_times_exit_1_with_one_line_and_change_nothing(cli, files, at, says):
    cli("add", "Acme", "--at", "2026-11-25 14:00")
    before = files()
    for args in (("add", "Beta", "--at", at), ("edit", "1", "--at", at)):
        run = cli(*args)
        assert run.code == 1, run.stdout
        assert says in run.stderr and run.stderr.count("\n") == 1
        assert "Traceback" not in run.stderr
        assert files() == before


def test_15h_through_the_cli(cli):
    assert cli("add", "Acme", "--at", "15h", "--json").json()["at"] == "2026-11-26T15:00:00+00:00"


def test_the_output_says_the_year_taken_when_not_this_one(cli):
    run = cli("add", "Acme", "--at", "december 1", "--decision", "march 3", "--json")
    assert run.code == 0, run.stderr
    doc = run.json()
    assert doc["at"] == "2025-12-01T09:00:00+00:00"
    assert doc["decision"] == "2027-03-03T09:00:00+00:00"
    assert "Note: 'december 1' has no year: took 1 December 2025, the most recent one." in (
        run.stderr
    )
    assert "Note: 'march 3' has no year: took 3 March 2027, the coming one." in run.stderr
    same_year = cli("add", "Beta", "--at", "november 20", "--decision", "december 4")
    assert same_year.code == 0 and "no year" not in same_year.stderr


def test_a_two_digit_year_is_taken_as_typed_in_the_nearer_century(cli):
    """'jan 5 27' is January 2027 (an interview to come), not 1927 refused as before 1970;
    'nov 3 25' read ahead is 2025, refused as before the interview, not 2125."""
    run = cli("add", "Acme", "--at", "jan 5 27", "--decision", "jan 8 27", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["at"] == "2027-01-05T09:00:00+00:00"
    assert run.json()["decision"] == "2027-01-08T09:00:00+00:00"
    assert "Note" not in run.stderr
    late = cli("edit", "1", "--decision", "nov 3 25")
    assert late.code == 1
    assert late.stderr.startswith("error: the decision date 2025-11-03 is before the interview")


def test_decision_weekday_on_that_day_is_today_while_its_time_is_ahead(cli):
    env = {"FOLLOWUP_NOW": "2026-11-26T08:00:00+00:00"}  # Thursday, 08:00
    run = cli("add", "Acme", "--at", "yesterday", "--decision", "thursday", "--json", env=env)
    assert run.json()["decision"] == "2026-11-26T09:00:00+00:00"


def test_a_50_kb_when_is_refused_at_once_quoting_60_characters(cli, files):
    before = files()
    started = time.perf_counter()
    run = cli("add", "Acme", "--at", "1 " * 25_000)
    assert time.perf_counter() - started < 1  # 43 s before the cap
    assert run.code == 1
    assert "'" + "1 " * 29 + "1…' is 50,000 characters long" in run.stderr
    assert len(run.stderr) < 300 and files() == before
    decision = cli("add", "Acme", "--decision", "x" * 50_000)
    assert decision.code == 1 and "'" + "x" * 59 + "…' is 50,000 characters long" in (
        decision.stderr
    )
    assert len(decision.stderr) < 300 and files() == before


# ----------------------------------------------------------------------------
# QA of the trust work: typed times that were read wrong without a word, edits, reminders.
#
# Each test names the case that slipped through: a zone dropped, a date read as another,
# a rule of docs/times.md not kept.


def test_a_zone_inside_a_phrase_is_refused_through_the_cli(cli, files):
    before = files()
    run = cli("add", "Acme", "--at", "3pm (EST)")
    assert run.code == 1
    assert run.stderr.count("\n") == 1 and "zone" in run.stderr
    assert files() == before


def test_an_interview_later_today_typed_with_its_date_is_today_through_the_cli(cli):
    run = cli("add", "Acme", "--at", "november 26 3pm", "--json")
    assert run.code == 0
    assert run.json()["at"].startswith("2026-11-26T15:00")
    assert "2025" not in run.stderr


# ----------------------------------------------------------------------------
# What reading a time has to say (the year taken, a clock change) is said once the
# command succeeds: a command that fails says one line, its error, and nothing else.


def test_a_failed_add_says_its_error_alone(cli, files):
    before = files()
    run = cli("add", "X", "--at", "december 1", "--decision", "03/04", "--yes")
    assert run.code == 1
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: ")
    assert "Note" not in run.stderr
    assert files() == before


def test_a_failed_add_after_a_clock_change_says_its_error_alone(cli, files):
    before = files()
    run = cli("add", "X", "--at", "2026-03-29 02:30", "--with", "a<b")
    assert run.code == 1
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: ")
    assert files() == before


def test_a_command_that_succeeds_still_says_the_year_it_took_before_its_result(cli):
    run = cli("add", "X", "--at", "december 1", "--yes")
    assert run.code == 0, run.stderr
    lines = run.stderr.splitlines()
    assert lines[0].startswith("Note: 'december 1' has no year: took 1 December 2025")
    assert lines[1].startswith("Added interview #1")


def test_the_next_commands_quote_a_name_for_the_shell(cli):
    """Pasted, `--who D'Angelo` left a quote open; the hint now reads back as the name."""
    run = cli("add", "Acme", "--with", "D'Angelo Russell", "--with", "Bob")
    assert run.code == 0, run.stderr
    assert (
        "Next: `followup draft 1 email --who 'D'\"'\"'Angelo'` writes the thank-you email"
        in " ".join(run.stderr.split())
    )


def test_a_decision_more_than_a_year_ahead_names_the_day_typed(cli, files):
    """22:00 in New York is the next day in UTC: the refusal names the day typed."""
    before = files()
    run = cli("add", "Acme", "--decision", "2027-11-30 22:00", env={"TZ": "America/New_York"})
    assert run.code == 1
    assert run.stderr == (
        "error: --decision '2027-11-30 22:00' is 2027-11-30, more than a year from now: "
        "check the date\n"
    )
    assert files() == before
