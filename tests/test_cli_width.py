"""An 80-column terminal, or a pipe: every line fits, nothing that matters is cut, and
command hints stay whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

NARROW = {"COLUMNS": "80"}
#: An absolute time as tables show it: 'Thu 26 Nov 14:00'.
ABSOLUTE = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d [A-Z][a-z]{2}( \d{4})? \d\d:\d\d\b")
COMMAND = re.compile(r"`(followup [^`]*)`")


@pytest.fixture
def busy(cli):
    """Long company, role and interviewer names, overdue steps and done ones."""
    for args in (
        ("International Business Machines", "--role", "Senior Data Platform Engineer",
         "--at", "2026-11-10 10:00",
         "--with", "Maximilian Alexander Featherstonehaugh <max@ibm.com>", "--with", "Bob"),
        ("Umbrella", "--at", "yesterday 9am", "--with", "Happy Hogan", "--with", "Pepper Potts"),
        ("Globex", "--at", "today 9:00", "--with", "Hank Scorpio"),
    ):  # fmt: skip
        assert cli("add", *args).code == 0
    cli("done", "umbrella", "email", "--who", "happy")


def fits(text: str, width: int = 80) -> list[str]:
    """The lines of `text` wider than `width` cells."""
    return [line for line in text.splitlines() if cell_len(line) > width]


@pytest.mark.parametrize(
    "args",
    [("status",), ("status", "--all"), ("list",), ("show", "1"), ("show", "umbrella"),
     ("done", "globex", "email"), ("add", "Initech", "--with", "Bill Lumbergh"),
     ("remind", "--dry-run"), ("done", "1", "email"), ("next", "international",
     "--with", "Alexandra Featherstonehaugh-Smythe <alexandra@ibm.com>", "--at", "tomorrow")],
)  # fmt: skip
def test_every_line_fits_80_columns(cli, busy, args):
    result = cli(*args, env=NARROW)
    assert result.code == 0, result.stderr
    assert fits(result.stdout) == [] and fits(result.stderr) == []


@pytest.mark.parametrize(
    "args",
    [("status",), ("show", "1"), ("add", "Initech"), ("list",), ("next", "ibm"),
     ("next", "international", "--with", "Alexandra Featherstonehaugh-Smythe")],
)  # fmt: skip
def test_command_hints_are_never_cut_or_broken_across_lines(cli, busy, args):
    result = cli(*args, env=NARROW)
    for line in (result.stdout + result.stderr).splitlines():
        assert line.count("`") % 2 == 0, f"a command broken across lines: {line!r}"
        for command in COMMAND.findall(line):
            assert "…" not in command, line
    hints = COMMAND.findall(result.stderr)
    if args[0] in ("status", "add", "next"):
        assert hints, result.stderr


def test_status_in_a_pipe_keeps_the_absolute_due_time_of_every_row(cli, busy):
    result = cli("status", env=NARROW)
    rows = [line for line in result.stdout.splitlines()[1:] if re.match(r"\s*!?\s+\d", line)]
    assert len(rows) == len(cli("status", "--json").json())
    for row in rows:
        assert ABSOLUTE.search(row), row


def test_status_shares_the_width_fairly(cli, busy):
    result = cli("status", env=NARROW)
    rows = [line for line in result.stdout.splitlines()[1:] if re.match(r"\s*!?\s+\d", line)]
    assert rows
    for row in rows:
        if "Internati" in row:
            assert "International" in row, row  # not 'Interna…' beside a whole long name
        assert re.search(r"\d+ (h|d|min) overdue|in \d+ (h|d|min)|now", row), row
        assert ABSOLUTE.search(row), row


def test_list_never_cuts_the_progress_or_how_overdue(cli, busy):
    result = cli("list", env=NARROW)
    ibm = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("1 "))
    assert "International" in ibm
    assert re.search(r"\b0/\d+\b", ibm), ibm
    assert re.search(r"\b1\d d overdue\b", ibm), ibm  # whole, never "1…"


def test_show_keeps_the_due_time_and_state_at_80_columns(cli, busy):
    result = cli("show", "1", env=NARROW)
    rows = [line for line in result.stdout.splitlines() if "overdue" in line]
    assert len(rows) == len(cli("show", "1", "--json").json()["steps"])
    for row in rows:
        assert ABSOLUTE.search(row) and re.search(r"\d+ d overdue", row), row


names = st.text(
    st.characters(whitelist_categories=("L", "Nd"), whitelist_characters=" -'"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() and ";" not in s)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(company=names, person=names)
def test_any_names_fit_80_columns(cli, home, company, person):
    import shutil

    shutil.rmtree(home, ignore_errors=True)
    assert cli("add", "--with", person, "--at", "2026-11-20 10:00", "--", company).code == 0
    for args in (("status",), ("list",), ("show", "1")):
        result = cli(*args, env=NARROW)
        assert fits(result.stdout) == [] and fits(result.stderr) == [], (args, result)


def test_in_a_terminal_status_keeps_the_relative_due_time_first(cli, busy):
    # A terminal is read now: "15 d overdue" stays, the absolute time goes first.
    result = cli("status", env={"COLUMNS": "60", "TTY_COMPATIBLE": "1"})
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    rows = [line for line in plain.splitlines()[1:] if re.match(r"\s*!?\s+\d", line)]
    assert rows and fits(plain, 60) == []
    for row in rows:
        assert re.search(r"\d+ (h|d|min) overdue|in \d+ (h|d|min)|now", row), row
        assert not ABSOLUTE.search(row), row


def test_show_in_a_pipe_wraps_long_details_like_a_terminal(cli):
    """The title, With and Notes lines of `show` wrap at 80 columns in a pipe too."""
    assert (
        cli(
            "add", "Société Générale Corporate and Investment Banking",
            "--role", "Senior Quantitative Analyst, Risk",
            "--with", "José Núñez <jose.nunez@socgen-cib.example.com>; Siobhan O'Brien-McAllister",
            "--notes", "a long private note about the salary band, the team, the office and more",
        ).code
        == 0
    )  # fmt: skip
    run = cli("show", "1", env=NARROW)
    assert run.code == 0 and fits(run.stdout) == []
    words = " ".join(run.stdout.split())
    assert "Senior Quantitative Analyst, Risk" in words and "O'Brien-McAllister" in words


def test_remind_dry_run_and_next_fit_80_columns_in_a_real_pipe(cli, busy, home):
    """No COLUMNS, no terminal: the reminder lines and the messages wrap at 80 columns
    between words, and say every word they say on a wide screen."""
    import subprocess
    import sys

    from conftest import env_for_subprocess

    pipe = env_for_subprocess(home)
    pipe.pop("COLUMNS", None)

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "followup", *args],
            capture_output=True, text=True, env={**pipe, **extra}, check=True,
        )  # fmt: skip

    wide = run("remind", "--dry-run", COLUMNS="400").stdout
    assert fits(wide) != []  # the long names make lines longer than 80: the case to fit
    narrow = run("remind", "--dry-run")
    assert fits(narrow.stdout) == [] and fits(narrow.stderr) == []
    assert narrow.stdout.split() == wide.split()  # wrapped between words, nothing lost
    assert all(line.startswith(("  ", "followup:")) or ", #" in line or "more" in line
               for line in narrow.stdout.splitlines())  # fmt: skip
    went = run("next", "international", "--at", "tomorrow 10am", "--with", "Alexandra Smythe")
    assert "is skipped (next round)" in " ".join(went.stderr.split())
    assert fits(went.stderr) == [] and fits(went.stdout) == []
    for line in went.stderr.splitlines():
        assert line.count("`") % 2 == 0, line


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    company=st.integers(min_value=10, max_value=60),
    who=st.integers(min_value=3, max_value=40),
    outcome=st.sampled_from(["offer", "rejected", "withdrawn", "no-response"]),
    columns=st.sampled_from([60, 72, 80, 90, 100]),
)
@example(company=10, who=3, outcome="no-response", columns=80)
@example(company=10, who=3, outcome="offer", columns=72)
def test_list_all_never_cuts_a_closed_outcome(cli, home, company, who, outcome, columns):
    """Long names and a long next step make the Next column shrink: never below the
    outcome of a closed interview (the company is cut instead)."""
    import shutil

    shutil.rmtree(home, ignore_errors=True)
    cli("add", "Umbrella Corporation Worldwide Holdings"[:company].strip() + " A" * 20,
        "--at", "2026-11-10", "--with", "Maximilian " + "x" * who)  # fmt: skip
    cli("done", "1", "phone")
    cli("add", "Globex " * 9, "--role", "Principal Engineer", "--at", "2026-11-12")
    cli("add", "Initech", "--at", "2026-11-12")
    cli("close", "2", "--outcome", outcome)
    cli("close", "3", "--outcome", "offer")
    result = cli("list", "--all", env={"COLUMNS": str(columns)})
    assert result.code == 0 and fits(result.stdout, columns) == []
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert rows["2"].rstrip().endswith(f"closed ({outcome})"), rows["2"]
    assert rows["3"].rstrip().endswith("closed (offer)"), rows["3"]


def test_a_whole_cell_sets_its_columns_narrowest_width():
    from followup.cli.grid import Column, Grid, Whole

    grid = Grid(Column("Name", shrink=True), Column("Next", shrink=True))
    grid.add_row("A" * 50, "Thank-you email · " + "B" * 40)
    grid.add_row("C" * 50, Whole("closed (no-response)"))
    lines = list(grid.plain_lines(50))
    assert all(len(line) <= 50 for line in lines)
    assert lines[2].endswith("closed (no-response)") and "…" in lines[1]
