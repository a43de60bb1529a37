"""A 60-column terminal: status, list, show, agenda and stats keep every company name,
person and due time whole (a long one wraps onto more lines of its row); only free text
may be cut. A pipe with COLUMNS unset: one row per line, however long."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from conftest import env_for_subprocess
from followup.cli.grid import Column, Grid, wrap_spans

COMPANY = "Société Générale Corporate & Investment Banking"
THOMAS = "Thomas Beckenbauer-Łukasiewicz"
ANNE = "Anne-Sophie de La Rochefoucauld"
NARROW = {"COLUMNS": "60"}
TERMINAL = {"COLUMNS": "60", "TTY_COMPATIBLE": "1"}
ABSOLUTE = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d [A-Z][a-z]{2}( \d{4})? \d\d:\d\d\b")
RELATIVE = re.compile(r"\d+ (h|d|min) overdue|in \d+ (h|d|min)|now|today|\d+ days? left")
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def season(cli):
    """Long real names, overdue steps, a skipped one with a long reason, a closed one."""
    for args in (
        ("add", COMPANY, "--role", "Senior Quantitative Analyst, Risk and Pricing",
         "--at", "2026-11-20 10:00", "--with", f"{THOMAS} <thomas@socgen.example>",
         "--with", ANNE, "--notes", "a long private note about the salary band " * 3),
        ("add", "Globex", "--at", "today 9:00", "--with", "Hank Scorpio"),
        ("skip", "1", "card", "--who", "anne", "--reason",
         "no postal address given by the recruiter at all"),
        ("add", "Umbrella Corporation Worldwide Holdings", "--at", "2026-11-24 10:00",
         "--with", THOMAS),
        ("close", "umbrella", "--outcome", "offer"),
    ):  # fmt: skip
        run = cli(*args)
        assert run.code == 0, run.stderr


def plain(text: str) -> str:
    return ESCAPE.sub("", text)


def too_wide(text: str, width: int = 60) -> list[str]:
    return [line for line in text.splitlines() if cell_len(line) > width]


def table(text: str, first: str, key: str) -> tuple[list[str], list[list[str]]]:
    """The header line starting with `first` (after spaces), and the table's rows, each
    as its lines: a row starts where the text before column `key` is not blank."""
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith(first))
    header = lines[start]
    edge = header.index(key)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if not line.strip() or re.match(r"\d+ pending across|#\d", line):
            break  # the table ended (a blank or a summary line)
        if line[:edge].strip():
            rows.append([line])
        elif rows:
            rows[-1].append(line)
    return [header], rows


def column(header: str, row: list[str], name: str, following: str | None) -> str:
    """The text of column `name` in a row of lines, its wrapped parts joined again (with
    a space, or with nothing after a hyphen that ended a line)."""
    start = header.index(name)
    end = header.index(following) if following else None
    parts = [line[start:end].strip() for line in row]
    text = ""
    for part in filter(None, parts):
        text += part if not text or text.endswith("-") else " " + part
    return text


@pytest.mark.parametrize("env", [NARROW, TERMINAL], ids=["pipe-60", "terminal-60"])
def test_status_at_60_keeps_companies_people_and_due_times_whole(cli, season, env):
    run = cli("status", env=env)
    out = plain(run.stdout)
    assert run.code == 0 and too_wide(out) == [] and "…" not in out
    (header,), rows = table(out, "#", "Company")
    steps = cli("status", "--json").json()
    assert len(rows) == len(steps)
    time_column = "When" if env is NARROW else "Due"
    for row, step in zip(rows, steps, strict=True):
        assert column(header, row, "Company", "Step") == step["company"]
        assert column(header, row, "Who", time_column) == (step["who"] or "-")
        pattern = ABSOLUTE if env is NARROW else RELATIVE  # a file keeps the date
        assert pattern.search(row[0]), row


@pytest.mark.parametrize("env", [NARROW, TERMINAL], ids=["pipe-60", "terminal-60"])
def test_list_at_60_keeps_the_company_and_the_next_person_whole(cli, season, env):
    run = cli("list", "--all", env=env)
    out = plain(run.stdout)
    assert run.code == 0 and too_wide(out) == []
    (header,), rows = table(out, "#", "Company")
    assert len(rows) == 3
    following = header.split()[header.split().index("Next") + 1]
    companies = [column(header, row, "Company", "Progress") for row in rows]
    assert companies == [COMPANY, "Globex", "Umbrella Corporation Worldwide Holdings"]
    assert column(header, rows[0], "Next", following) == "phone"
    assert column(header, rows[1], "Next", following) == "phone"
    assert column(header, rows[2], "Next", None).startswith("closed (offer)")
    assert ABSOLUTE.search(rows[0][0]) or RELATIVE.search(rows[0][0])


@pytest.mark.parametrize("env", [NARROW, TERMINAL], ids=["pipe-60", "terminal-60"])
def test_show_at_60_keeps_each_person_and_state_whole(cli, season, env):
    run = cli("show", "1", env=env)
    out = plain(run.stdout)
    assert run.code == 0 and too_wide(out) == []
    (header,), rows = table(out, "Step", "Who")
    steps = cli("show", "1", "--json").json()["steps"]
    assert len(rows) == len(steps)
    due = "Due" if env is NARROW else "State"  # the terminal leaves the date out first
    for row, step in zip(rows, steps, strict=True):
        assert column(header, row, "Who", due) == (step["who"] or "-")
        assert RELATIVE.search(row[0]) or "skipped" in row[0], row
        if env is NARROW:
            assert ABSOLUTE.search(row[0]), row
    skipped = next(r for r, s in zip(rows, steps, strict=True) if s["status"] == "skipped")
    state = column(header, skipped, "State", None)
    assert state.endswith("(no postal address given by the recruiter at all)")


@pytest.mark.parametrize("env", [NARROW, TERMINAL], ids=["pipe-60", "terminal-60"])
def test_agenda_at_60_keeps_the_company_and_the_person_whole(cli, season, env):
    run = cli("agenda", env=env)
    out = plain(run.stdout)
    assert run.code == 0 and too_wide(out) == [] and "…" not in out
    # No header: a row starts with its number; its parts are read by the first row's
    # columns (the company starts where the first row's company does).
    lines = out.splitlines()
    lines = lines[lines.index("Overdue (6)") :]  # after the calendar of a terminal
    first = next(ln for ln in lines if ln.startswith("  1  "))
    company_at = first.index("Société")
    blocks: list[list[str]] = []
    for line in lines:
        if re.match(r"\s+\d+  ", line):
            blocks.append([line])
        elif blocks and line.startswith(" " * company_at) and line.strip():
            blocks[-1].append(line)
        elif not line.startswith(" "):
            blocks and blocks.append([])  # a heading ends the block
    blocks = [b for b in blocks if b]
    steps = cli("agenda", "--json").json()
    listed = steps["overdue"] + [s for day in steps["days"] for s in day["steps"]]
    assert len(blocks) == len(listed)
    for block, step in zip(blocks, listed, strict=True):
        words = " ".join(block)
        # Each part of a name (up to a space, or a hyphen where a line may break) is
        # there whole: after a space or a hyphen, and before a space unless it ends in one.
        for part in re.findall(r"\S+?(?:-(?=\S)|(?=\s)|$)", f"{step['company']} {step['who']}"):
            if part != "None":
                end = "" if part.endswith("-") else r"(?!\S)"
                assert re.search(rf"(?<![^\s-]){re.escape(part)}{end}", words), (part, block)
        assert re.search(r"\d+ d overdue|\d\d:\d\d", block[0]), block


def test_stats_fits_60_columns_in_a_terminal_and_a_pipe(cli, season):
    for env in (NARROW, TERMINAL):
        run = cli("stats", env=env)
        assert run.code == 0 and too_wide(plain(run.stdout)) == []


def run_piped(home, *args: str) -> str:
    """followup in a real pipe, COLUMNS unset."""
    env = env_for_subprocess(home)
    env.pop("COLUMNS", None)
    done = subprocess.run(
        [sys.executable, "-m", "followup", *args], capture_output=True, text=True, env=env,
        check=True,
    )  # fmt: skip
    return done.stdout


def test_a_pipe_without_columns_gets_one_row_per_line_never_cut(cli, season, home):
    status = run_piped(home, "status").splitlines()
    steps = cli("status", "--json").json()
    assert len(status) == 1 + len(steps) + 1  # header, rows, the summary line
    for line, step in zip(status[1:-1], steps, strict=True):
        assert step["company"] in line and (step["who"] or "-") in line
        assert ABSOLUTE.search(line) and RELATIVE.search(line)
    assert max(cell_len(line) for line in status) > 80  # long: the case this is about
    listed = run_piped(home, "list").splitlines()
    assert len(listed) == 3 and COMPANY in listed[1] and "Globex" in listed[2]
    agenda = run_piped(home, "agenda")
    assert "…" not in agenda
    rows = [ln for ln in agenda.splitlines() if re.match(r"\s+\d+  ", ln)]
    days = cli("agenda", "--json").json()
    listed = days["overdue"] + [s for day in days["days"] for s in day["steps"]]
    assert len(rows) == len(listed)
    for row, step in zip(rows, listed, strict=True):
        assert step["company"] in row and (step["who"] or "-") in row
    show = run_piped(home, "show", "1")
    assert sum(ln.startswith(("!", "·", "-", "✓")) for ln in show.splitlines()) == 8


# ----- the layout itself ------------------------------------------------------------


words = st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=14)
#: Names of one-cell letters (Latin, accented ones too), so that a column is a slice.
latin = st.text(
    st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F), min_size=1, max_size=14
)
names = st.lists(latin, min_size=1, max_size=5).map(" ".join)


@given(text=st.lists(st.one_of(words, st.just("-"), st.just(" ")), max_size=12).map("".join),
       width=st.integers(1, 30))  # fmt: skip
def test_wrapping_keeps_every_character_and_breaks_only_between_words(text, width):
    spans = wrap_spans(text, width)
    # (a character wider than the whole line has a line of its own)
    assert all(cell_len(text[a:b]) <= width or b - a == 1 for a, b in spans)
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")
    for a, _ in spans[1:]:
        left = re.search(r"\S*$", text[:a]).group()  # type: ignore[union-attr]
        right = re.match(r"\S*", text[a:]).group()  # type: ignore[union-attr]
        # a break falls after a space or a hyphen, unless a word is wider than the line
        assert text[a - 1] in " -" or cell_len(left + right) > width, (text, spans)


@given(rows=st.lists(st.tuples(names, names), min_size=1, max_size=6),
       width=st.integers(40, 90))  # fmt: skip
def test_a_wrap_column_keeps_each_name_whole_within_the_width(rows, width):
    grid = Grid(Column("#", "right"), Column("Company", wrap=True), Column("Who", wrap=True),
                Column("Due"))  # fmt: skip
    for n, (company, who) in enumerate(rows, 1):
        grid.add_row(str(n), company, who, "Thu 26 Nov 14:00")
    lines = list(grid.plain_lines(width))
    assert all(cell_len(line) <= width for line in lines)
    longest = max(len(w) for c, p in rows for w in f"{c} {p}".split())
    if 1 + 2 + longest + 2 + longest + 2 + 16 <= width:  # room for the widest words
        (header,), found = table("\n".join(lines), "#", "Company")
        assert len(found) == len(rows)
        for row, (company, who) in zip(found, rows, strict=True):
            assert column(header, row, "Company", "Who") == company
            assert column(header, row, "Who", "Due") == who
            assert "Thu 26 Nov 14:00" in row[0]


def test_without_a_width_a_grid_is_one_line_per_row():
    grid = Grid(Column("Company", wrap=True), Column("Role", shrink=True))
    grid.add_row(COMPANY * 3, "x" * 200)
    lines = list(grid.plain_lines(None))
    assert lines[1] == f"{COMPANY * 3}  {'x' * 200}"
