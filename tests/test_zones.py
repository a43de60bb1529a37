"""Times read right, or refused: zones typed after a time, 15h, negative amounts, dates
that read two ways, dates without a year, weekdays said of the future, and long WHENs.

Each rule is pinned on core/when.py (and core/zones.py) directly and through the CLI.
"""

from __future__ import annotations

import time

import pytest


def test_add_at_a_zone_stores_that_moment(cli):
    run = cli("add", "Acme", "--at", "2026-11-25 10am PST", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["at"] == "2026-11-25T18:00:00+00:00"


def test_3pm_est_moves_the_day_under_berlin(cli):
    # 00:30 on Friday 27 November in Berlin; "6pm EST" was half an hour ago, shown
    # as Friday 00:00 there; the JSON keeps the moment in UTC
    env = {"TZ": "Europe/Berlin", "FOLLOWUP_NOW": "2026-11-26T23:30:00+00:00"}
    run = cli("add", "Acme", "--at", "6pm EST", env=env)
    assert run.code == 0, run.stderr
    assert "Fri 27 Nov 00:00 (30 min ago)" in run.stdout
    at = cli("show", "1", "--json", env=env).json()["at"]
    assert at == "2026-11-26T23:00:00+00:00"


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


def test_next_at_reads_forward(cli):
    # Wednesday 25 November at 11:00: "wednesday 10am" is next week's, not this
    # morning's (which would make every step of the new round 7 days overdue at once)
    env = {"FOLLOWUP_NOW": "2026-11-25T11:00:00+00:00"}
    assert cli("add", "Acme", "--at", "2026-11-20 10:00", env=env).code == 0
    run = cli("next", "acme", "--at", "wednesday 10am", "--json", env=env)
    assert run.code == 0, run.stderr
    doc = run.json()
    assert doc["at"] == "2026-12-02T10:00:00+00:00"
    assert not any(step["overdue"] for step in doc["steps"])
    # a date without a year is the coming one there too
    run = cli("next", "acme", "--at", "december 1", "--json", env=env)
    assert run.json()["at"] == "2026-12-01T09:00:00+00:00"


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


def test_a_40_kb_csv_cell_is_refused_at_once_naming_its_row_and_column(cli, files, tmp_path):
    sheet = tmp_path / "in.csv"
    sheet.write_text("company,at\nAcme," + "x" * 40_000 + "\n", encoding="utf-8")
    before = files()
    started = time.perf_counter()
    run = cli("import", str(sheet))
    assert time.perf_counter() - started < 1  # 8 s before the cap
    assert run.code == 1
    assert "row 2, column B (at): '" + "x" * 59 + "…' is 40,000 characters long" in run.stderr
    assert len(run.stderr) < 400 and files() == before


def test_csv_cells_read_zones_and_refuse_ambiguous_dates(cli, tmp_path):
    sheet = tmp_path / "in.csv"
    sheet.write_text('company,at\nAcme,"2026-11-12 15:00 EST"\n', encoding="utf-8")
    run = cli("import", str(sheet))
    assert run.code == 0, run.stderr
    assert cli("show", "1", "--json").json()["at"] == "2026-11-12T20:00:00+00:00"
    sheet.write_text("company,at\nBeta,03/04/2026\n", encoding="utf-8")
    run = cli("import", str(sheet))
    assert run.code == 1 and "row 2, column B (at): '03/04/2026' could be" in run.stderr
