"""What reading a time has to say (the year taken, a clock change) is said once the
command succeeds: a command that fails says one line, its error, and nothing else."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv("FOLLOWUP_NOW", "2026-11-26T10:00+01:00")


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
