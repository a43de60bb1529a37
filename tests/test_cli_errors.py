"""Every error path of the command line: one clear line, the right exit code, nothing changed.

Also: user text is data (markup, control characters) and --json is pure JSON.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import env_for_subprocess


@pytest.fixture
def store(cli):
    """Two open interviews at Acme (two rounds), one at Globex, one closed at Initech."""
    cli(
        "add",
        "Acme Corp",
        "--role",
        "Analyst",
        "--with",
        "Jane Doe <jane@acme.com>",
        "--with",
        "Jan Berg",
    )
    cli("add", "Acme Corp", "--role", "Lead", "--at", "yesterday")
    cli("add", "Globex", "--with", "Hank")
    cli("add", "Initech")
    cli("close", "4")


def check_error(result, code: int, *needles: str) -> None:
    assert result.code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr  # usage errors (2) too: no Click usage block
    assert lines[0].startswith("error: ")
    for needle in needles:
        assert needle in result.stderr, result.stderr


ERRORS = [
    (("show", "99"), 1, ["no interview #99", "#1 Acme Corp"]),
    (("done", "99", "email"), 1, ["no interview #99"]),
    (("show", "umbrella"), 1, ["'umbrella'", "Globex"]),
    (("done", "acme", "email"), 1, ["matches 2 open interviews", "#1 Acme Corp (Analyst)", "#2"]),
    (("done", "initech", "email"), 1, ["'initech'"]),  # closed: prefixes name open ones only
    (("done", "glob", "mail"), 1, ["unknown step 'mail'", "email", "thank-you"]),
    (("done", "1", "email", "--who", "zed"), 1, ["no interviewer", "'zed'", "Jane Doe, Jan Berg"]),
    (("done", "1", "email", "--who", "ja"), 1, ["'ja' matches Jane Doe, Jan Berg"]),
    (("done", "2", "email", "--who", "jane"), 1, ["no named interviewers"]),
    (("add", "Umbrella", "--at", "someday soonish"), 1, ["'someday soonish'", "yesterday 3pm"]),
    (("add", "Umbrella", "--at", "2026-02-30"), 1, ["'2026-02-30'"]),
    (("add", "Umbrella", "--with", "Jane <not-an-email>"), 1, ["'not-an-email'", "Name <"]),
    (("add", "Umbrella", "--with", "Jane", "--with", "jane"), 1, ["named twice"]),
    (("add", "   "), 1, ["company name is empty"]),
    (("edit", "3", "--company", ""), 1, ["company name is empty"]),
    (("edit", "3", "--remove-with", "nobody"), 1, ["'nobody'", "Hank"]),
    (("edit", "3", "--at", "blorp"), 1, ["'blorp'"]),
    (("remove", "3"), 1, ["--yes"]),
    (("done", "3"), 2, ["missing STEP for `followup done`", "`followup done --help`"]),
    (("done",), 2, ["missing INTERVIEW"]),
    (("status", "--bogus"), 2, ["no such option '--bogus'", "`followup status --help`"]),
    (("close", "3", "--outcome", "hired"), 2, ["'hired' is not one of 'offer'"]),
    (("frobnicate",), 2, ["no such command 'frobnicate'", "`followup --help`"]),
    (("edit", "3"), 2, ["nothing to change"]),
]


@pytest.mark.parametrize(
    ("args", "code", "needles"), ERRORS, ids=[" ".join(a) for a, _, _ in ERRORS]
)
def test_error_paths_change_nothing(store, cli, files, args, code, needles):
    before = files()
    result = cli(*args)
    check_error(result, code, *needles)
    assert result.stdout == ""
    assert files() == before


#: Click's own usage errors, each worded as one line that names the value and the help.
USAGE_ERRORS = [
    (("status", "--foo"), "no such option '--foo' for `followup status`: see `followup status"),
    (("status", "--al"), "no such option '--al' for `followup status` (did you mean --all?)"),
    (("--versio",), "no such option '--versio' for `followup` (did you mean --version?)"),
    (("stauts",),
     "no such command 'stauts' (did you mean stats or status?): see `followup --help`"),
    (("show",), "missing INTERVIEW for `followup show`: see `followup show --help`"),
    (("draft", "1"), "missing STEP for `followup draft`"),
    (("export", "--format", "xlsx"), "bad --format: 'xlsx' is not one of 'json', 'csv', 'ics': "),
    (("agenda", "--days", "soon"), "bad --days: 'soon' is not a whole number: see `followup"),
    (("agenda", "-d", "0"), "bad --days: '0' is less than 1"),
    (("agenda", "-d", "400"), "bad --days: '400' is more than 366"),
    (("done", "1", "email", "--who"), "--who in `followup done` needs a value: see `followup done"),
    (("edit", "1", "--rename-with", "jane"), "--rename-with in `followup edit` needs 2 values"),
    (("status", "--json=yes"), "--json in `followup status` takes no value"),
    (("status", "1", "2"), "'2' is one argument too many for `followup status`: see `followup"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "line"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_one_line_naming_the_value(store, cli, files, args, line):
    before = files()
    result = cli(*args)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"error: {line}") and result.stderr.count("\n") == 1
    assert "Usage:" not in result.stderr and "Try " not in result.stderr
    assert files() == before


def test_every_command_words_an_unknown_option_in_one_line(cli):
    from followup.cli.app import COMMANDS

    for name in COMMANDS:
        result = cli(name, "--zzzz")
        assert result.code == 2, name
        assert result.stderr == (
            f"error: no such option '--zzzz' for `followup {name}`: see `followup {name} --help`\n"
        )


def test_bad_followup_now_is_named(cli, files):
    result = cli("status", env={"FOLLOWUP_NOW": "next tuesday"})
    check_error(result, 1, "FOLLOWUP_NOW='next tuesday'")


@pytest.mark.parametrize("typed", ["2026-11-26Z", "2026-11-26-05:00", "2026-11-26x10:00"])
def test_followup_now_with_no_t_or_space_before_the_time_is_refused(cli, files, typed):
    """datetime reads any character between date and time: "2026-11-26Z" would be
    midnight local, "2026-11-26-05:00" 05:00 local, each silently."""
    before = files()
    result = cli("status", env={"FOLLOWUP_NOW": typed})
    check_error(result, 1, f"FOLLOWUP_NOW='{typed}' is not an ISO 8601 datetime")
    assert files() == before


@pytest.mark.parametrize(
    ("typed", "at"),
    [
        ("2026-11-26T10:00Z", "2026-11-26T10:00:00+00:00"),
        ("2026-11-26 10:00-05:00", "2026-11-26T15:00:00+00:00"),
        ("2026-11-26", "2026-11-26T05:00:00+00:00"),  # a date alone: local midnight
    ],
)
def test_followup_now_reads_a_zone_and_a_date_alone(cli, typed, at):
    run = cli("add", "Acme", "--json", env={"FOLLOWUP_NOW": typed, "TZ": "America/New_York"})
    assert run.code == 0, run.stderr
    assert run.json()["at"] == at


@pytest.mark.parametrize("typed", ["1969-12-31T12:00", "1970-01-01T12:00", "8999-01-01T00:00"])
def test_followup_now_out_of_range_is_refused_before_any_command_runs(cli, files, typed):
    """8999 was taken, then `add` failed deep in the models on a due time past 8999."""
    before = files()
    result = cli("add", "Acme", "--with", "Jane", env={"FOLLOWUP_NOW": typed})
    check_error(
        result,
        1,
        f"FOLLOWUP_NOW='{typed}' is out of range: set a time from 1970-01-02 to 8998, or unset it",
    )
    assert files() == before


@pytest.mark.parametrize("typed", ["1970-01-02T12:00", "8998-12-31T12:00"])
def test_followup_now_at_the_ends_of_its_range_serves_every_command(cli, typed):
    run = cli("add", "Acme", "--with", "Jane", "--json", env={"FOLLOWUP_NOW": typed})
    assert run.code == 0, run.stderr
    assert cli("status", env={"FOLLOWUP_NOW": typed}).code == 0


@pytest.mark.parametrize("typed", ["Nowhere/Zone", "Europe/Pari", "Foo", ":Mars/Base", "/no/such"])
def test_a_tz_that_names_no_zone_is_refused_not_read_as_utc(cli, files, typed):
    before = files()
    result = cli("add", "Acme", env={"TZ": typed})
    check_error(result, 1, f"TZ={typed!r} is no time zone this system knows")
    assert files() == before


@pytest.mark.parametrize(
    ("typed", "at"),
    [
        ("Europe/Paris", "2026-11-26T09:00:00+00:00"),
        (":Asia/Tokyo", "2026-11-26T01:00:00+00:00"),
        ("/usr/share/zoneinfo/Asia/Tokyo", "2026-11-26T01:00:00+00:00"),
        ("EST5EDT", "2026-11-26T15:00:00+00:00"),
        ("<+05>-5", "2026-11-26T05:00:00+00:00"),
        ("", "2026-11-26T10:00:00+00:00"),  # empty: the system's zone (UTC here)
    ],
)
def test_a_tz_the_system_reads_is_taken(cli, typed, at):
    if typed.startswith("/") and not Path(typed).is_file():
        pytest.skip(f"{typed} is not on this system (the tzdata package installs it)")
    now = {"FOLLOWUP_NOW": "2026-11-26T10:00"}  # naive: 10:00 in that zone
    run = cli("add", "Acme", "--json", env={"TZ": typed, **now})
    assert run.code == 0, run.stderr
    assert run.json()["at"] == at


@pytest.mark.parametrize("typed", ["abc", "-1", "nan", "inf", "3600", "1e9"])
def test_a_lock_timeout_that_is_no_wait_is_refused(cli, files, typed):
    """A negative, infinite or NaN wait would hang forever or never wait at all."""
    before = files()
    result = cli("add", "Acme", env={"FOLLOWUP_LOCK_TIMEOUT": typed})
    check_error(
        result,
        1,
        f"FOLLOWUP_LOCK_TIMEOUT={typed!r} is not a number of seconds from 0 to 3600: set it "
        "like FOLLOWUP_LOCK_TIMEOUT=10, or unset it",
    )
    assert files() == before


@pytest.mark.parametrize("typed", ["", "0", "0.5", "3599.9"])
def test_a_lock_timeout_from_0_to_an_hour_or_empty_is_taken(cli, typed):
    assert cli("add", "Acme", env={"FOLLOWUP_LOCK_TIMEOUT": typed}).code == 0


def test_followup_home_that_is_a_file(cli, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = cli("add", "Acme", env={"FOLLOWUP_HOME": str(blocker)})
    check_error(result, 1, "not a folder")
    assert blocker.read_text() == "x"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"not json at all",
        b'{"format": "followup-store", "version": 1, "interviews": 5}',
        b'{"format": "followup-store", "version": 1, "surprise": true}',
        b"[]",
    ],
)
def test_unreadable_store_is_refused_and_kept(cli, home, content):
    home.mkdir()
    (home / "open.json").write_bytes(content)
    for args in (("status",), ("add", "Acme"), ("list",), ("undo",)):
        result = cli(*args)
        check_error(result, 1, str(home / "open.json"))
    assert (home / "open.json").read_bytes() == content


def test_store_from_a_newer_version_is_refused(cli, home):
    home.mkdir()
    content = b'{"format": "followup-store", "version": 99, "interviews": [], "whatever": 1}'
    (home / "open.json").write_bytes(content)
    result = cli("status")
    check_error(result, 1, "version 99", "up to store version 3")
    assert (home / "open.json").read_bytes() == content


def test_lock_held_too_long_is_a_clear_error(cli, home, files):
    cli("add", "Acme")
    before = files()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            f"l = FileLock({str(home / '.lock')!r}); l.acquire(); "
            "print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = cli("done", "1", "email", env={"FOLLOWUP_LOCK_TIMEOUT": "0.3"})
        check_error(result, 1, "another followup", "try again")
        assert files() == before
        # reads need no lock
        assert cli("status", "--json").code == 0
    finally:
        holder.kill()
        holder.wait()
    assert cli("done", "1", "email").code == 0  # a killed holder does not block


# ----- user text is data ------------------------------------------------------------

MARKUP = "[bold red]Evil[/] Corp [link=http://x]y[/link]"


ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("styled", [False, True], ids=["piped", "styled"])
def test_markup_in_user_text_prints_as_typed(cli, styled, monkeypatch):
    if styled:  # the Rich console path, as in a terminal
        monkeypatch.setenv("FORCE_COLOR", "1")
    args = ["add", MARKUP, "--role", "[i]Role[/i]", "--with", "[b]Jane[/b] <j@x.io>"]
    cli(*args, "--notes", "[red]n[/]")
    for command in (("status",), ("show", "1"), ("list",), ("status", "--all")):
        raw = cli(*command).stdout
        assert ("\x1b[" in raw) is styled
        assert MARKUP in " ".join(ANSI.sub("", raw).split()), command
    shown = ANSI.sub("", cli("show", "1").stdout)
    assert "[i]Role[/i]" in shown and "[b]Jane[/b]" in shown and "[red]n[/]" in shown
    assert MARKUP in ANSI.sub("", cli("done", "1", "email").stdout)
    assert cli("show", "1", "--json").json()["company"] == MARKUP


@pytest.mark.parametrize(
    "args",
    [
        ("add", "Acme\x1b[2J"),
        ("add", "Acme", "--role", "Lead\x07"),
        ("add", "Acme", "--with", "Jane\x1b]0;pwned\x07"),
        ("add", "Acme", "--with", "Jane <j\x9b@x.io>"),
        ("add", "Acme", "--notes", "fine\nbut\x1b[31m"),
        ("add", "Acme\u202eevil"),
        ("add", "A" * 201),
        ("add", "Acme", "--notes", "n" * 5001),
        ("edit", "1", "--company", "Glo\rbex"),
        ("edit", "1", "--notes", "x\x00y"),
    ],
)
def test_control_characters_and_huge_text_are_refused(cli, files, args):
    cli("add", "Initech")
    before = files()
    result = cli(*args)
    check_error(result, 1)
    assert "control character" in result.stderr or "too long" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert files() == before


def test_notes_keep_line_breaks_and_with_takes_a_list(cli):
    iv = cli(
        "add",
        "Acme",
        "--notes",
        "SQL test\nmeet the team",
        "--with",
        "Jane; Raj <r@x.io>",
        "--json",
    ).json()
    assert iv["notes"] == "SQL test\nmeet the team"
    assert iv["interviewers"] == [
        {"name": "Jane", "email": None},
        {"name": "Raj", "email": "r@x.io"},
    ]
    shown = cli("show", "1").stdout.splitlines()
    assert shown[shown.index("Notes     SQL test") + 1] == "          meet the team"


def test_control_characters_already_in_the_data_are_never_echoed_raw(cli, home):
    """Text that reached the store some other way (a hand edit, an old version) is shown safely."""
    from datetime import UTC, datetime

    from followup.core.models import Interviewer
    from followup.features import actions
    from followup.storage.store import Store

    evil = "Acme\x1b[2J\x07\rCorp\u202e"
    now = datetime(2026, 11, 26, 10, tzinfo=UTC)
    with Store(home).change(now) as change:
        iv = actions.add_interview(change, company="placeholder", at=now, now=now)
        iv.company, iv.notes = evil, "line1\x9b"
        iv.interviewers = [Interviewer(name="Bo\x1bb")]
        iv.steps = []
    outputs = [
        cli(*a) for a in (("status", "--all"), ("show", "1"), ("list",), ("done", "1", "phone"))
    ]
    for result in outputs:
        text = result.stdout + result.stderr
        assert "\x1b" not in text and "\x07" not in text and "\r" not in text and "\x9b" not in text
        assert "\u202e" not in text
    assert "\\x1b[2J" in outputs[1].stdout
    assert cli("show", "1", "--json").json()["company"] == evil  # data kept as it is
    bad = cli("show", "nope\x1b[31m")
    assert "\x1b" not in bad.stderr and "\\x1b" in bad.stderr


# ----- JSON purity ------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["20", "300"])
def test_json_is_pure_at_any_width(home, columns):
    env = env_for_subprocess(home, COLUMNS=columns)
    env.pop("NO_COLOR")
    env["FORCE_COLOR"] = "1"

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "followup", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    long_name = "A very long company name that would never fit in twenty columns [x]"
    added = run("add", long_name, "--with", "Jane Doe <jane@acme.com>", "--json")
    assert added.returncode == 0 and added.stderr == ""
    for args in (
        ("status", "--json"),
        ("status", "--all", "--json"),
        ("show", "1", "--json"),
        ("list", "--json"),
        ("list", "--all", "--json"),
        ("done", "1", "email", "--json"),
    ):
        result = run(*args)
        assert result.returncode == 0, result.stderr
        value = json.loads(result.stdout)
        assert "\x1b" not in result.stdout
        assert long_name in json.dumps(value, ensure_ascii=False)


def test_no_traceback_even_on_an_unexpected_error(cli, home, monkeypatch):
    import followup.core.checklist

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(followup.core.checklist, "agenda", broken)
    result = cli("status")
    check_error(result, 1, "unexpected RuntimeError: boom")
    assert os.environ.get("FOLLOWUP_DEBUG") is None


def test_a_reader_that_stops_early_is_not_an_error(home):
    """`followup status | head -1`: no "unexpected" error, exit 0, however much is left."""
    from datetime import UTC, datetime

    from followup.features import actions
    from followup.storage.store import Store

    now = datetime(2026, 11, 26, 10, tzinfo=UTC)
    with Store(home).change(now) as change:
        for n in range(300):
            actions.add_interview(change, company=f"Company {n}", at=now, now=now)
    for args in (["status"], ["status", "--all", "--json"], ["export"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "followup", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env_for_subprocess(home, COLUMNS="80"),
        )
        assert proc.stdout.readline()
        proc.stdout.close()  # the reader leaves, as `head -1` does
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=30) == 0, err
        assert "unexpected" not in err and "Traceback" not in err


def test_numbers_and_closed_companies_get_a_pointed_hint(cli):
    cli("add", "1234")
    cli("add", "Acme Corp", "--at", "yesterday")
    cli("close", "2")
    digits = cli("done", "1234", "email")
    check_error(digits, 1, "no interview #1234", "company of #1")
    closed = cli("done", "acme", "email")
    check_error(closed, 1, "only closed ones", "#2 Acme Corp", "followup reopen 2")
    shown = cli("show", "2").stdout
    assert "overdue" not in shown and "not done" in shown


def test_an_interview_years_ahead_is_a_typo(cli, files):
    result = cli("add", "Acme", "--at", "3026-01-01")
    check_error(result, 1, "3026-01-01", "more than a year from now")
    assert files() == {}
    assert cli("add", "Acme", "--at", "2027-06-01").code == 0  # next summer is fine
