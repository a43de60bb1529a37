"""`followup undo`, driven through the real command line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import ACME, add

# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


def test_undo_reverts_each_kind_of_change_and_says_what(cli):
    add_acme(cli)
    cli("done", "1", "email")
    cli("edit", "1", "--role", "Lead")
    cli("close", "1")
    result = cli("undo")
    assert result.code == 0 and "closed #1 Acme Corp" in result.stdout
    assert cli("show", "1", "--json").json()["closed"] is False
    assert "edited" in cli("undo").stdout
    assert cli("show", "1", "--json").json()["role"] == "Data Analyst"
    assert "marked done" in cli("undo").stdout
    assert all(s["status"] == "pending" for s in cli("show", "1", "--json").json()["steps"])
    assert "added #1" in cli("undo").stdout
    assert cli("list", "--all", "--json").json() == []
    nothing = cli("undo")
    assert nothing.code == 1 and "nothing to undo" in nothing.stderr


def test_undo_goes_back_at_least_ten_changes(cli):
    for n in range(12):
        assert cli("add", f"Company {n}").code == 0
    for n in reversed(range(12)):
        result = cli("undo")
        assert result.code == 0, result.stderr
        assert f"Company {n}" in result.stdout
    assert cli("list", "--json").json() == []


def test_undo_of_remove_of_a_closed_interview(cli):
    add_acme(cli)
    cli("close", "1", "--outcome", "rejected")
    cli("remove", "1", "--yes")
    assert cli("list", "--all", "--json").json() == []
    cli("undo")
    restored = cli("list", "--all", "--json").json()
    assert [(iv["id"], iv["closed"], iv["outcome"]) for iv in restored] == [(1, True, "rejected")]


def test_a_command_that_changes_nothing_adds_no_undo_step(cli):
    add_acme(cli)
    cli("done", "1", "email")
    cli("done", "1", "email")  # already done
    assert "marked done" in cli("undo").stdout
    assert "added" in cli("undo").stdout


# ----------------------------------------------------------------------------
# The files around the store get the store's care (issue 13): export targets, symlinked
# files, settings written at once, imports held to add's checks, odd clocks and zones.
#
# Each test drives the real CLI (in-process or as a process) and failed before the fix.


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_a_symlinked_open_json_stays_a_link(cli, home, tmp_path, relative):
    assert cli("add", "Acme Corp").code == 0
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "followup-open.json"
    os.replace(home / "open.json", real)
    (home / "open.json").symlink_to(os.path.relpath(real, home) if relative else real)
    assert cli("add", "Globex").code == 0
    assert cli("done", "acme", "email").code == 0
    assert (home / "open.json").is_symlink()
    companies = [iv["company"] for iv in json.loads(real.read_text())["interviews"]]
    assert companies == ["Acme Corp", "Globex"]
    for name in (home / "undo").iterdir():
        assert not name.is_symlink(), name
    assert cli("undo").code == 0
    assert cli("undo").code == 0
    assert (home / "open.json").is_symlink()
    assert [iv["company"] for iv in cli("list", "--json").json()] == ["Acme Corp"]
    run = cli("doctor")
    assert run.code == 0 and "healthy" in run.stdout, run.stdout + run.stderr


# ----- 10. undo says what and when, and that it is any process's change ---------------------


def test_undo_names_the_change_and_when_it_was_made(cli, home):
    assert cli("add", "Acme Corp").code == 0
    run = cli("add", "Globex", env={"FOLLOWUP_NOW": "2026-11-26T11:30:00+00:00"})
    assert run.code == 0
    run = cli("undo")
    assert run.code == 0
    said = run.stdout + run.stderr
    assert "Globex" in said and "11:30" in said, said


def test_undo_help_says_it_reverts_any_terminals_change(cli):
    text = " ".join(cli("undo", "--help").stdout.split())
    assert "another terminal" in text or "any process" in text or "any terminal" in text, text
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    assert "another terminal" in readme or "any terminal" in readme


# ----------------------------------------------------------------------------
# `followup import`: JSON exports and CSV files in, all or nothing, one undo.


#: `followup add` arguments for an interview with two interviewers.
ACME_import = ("Acme Corp", "--role", "Analyst", "--at", "2026-11-25 14:00")


ACME_PEOPLE = ("--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel")


@pytest.fixture
def history(cli):
    """A store with open, closed, done and skipped follow-ups, and a removed number."""
    cli("add", *ACME_import, *ACME_PEOPLE, "--notes", "SQL; [b]x[/b]")
    cli("add", "Gone", "--at", "2026-11-20 10:00")
    cli("add", "Globex", "--at", "2026-11-24 09:30")
    cli("add", "Initech", "--at", "2026-11-01 10:00")
    cli("remove", "2", "--yes")
    cli("done", "acme", "email", "--who", "jane")
    cli("skip", "globex", "card", "--reason", "remote")
    cli("close", "4", "--outcome", "offer")


def export_to(cli, path: Path) -> Path:
    run = cli("export", "--output", str(path))
    assert run.code == 0, run.stderr
    return path


def other_home(tmp_path: Path) -> dict[str, str]:
    return {"FOLLOWUP_HOME": str(tmp_path / "other")}


def test_one_undo_takes_the_whole_import_back(cli, history, tmp_path):
    backup = export_to(cli, tmp_path / "b.json")
    other = other_home(tmp_path)
    cli("add", "Mine", env=other)
    listed = cli("list", "--all", "--json", env=other).stdout
    assert cli("import", str(backup), env=other).code == 0
    assert len(cli("list", "--all", "--json", env=other).json()) == 4
    run = cli("undo", env=other)
    assert run.code == 0
    assert "imported 3 interviews from" in run.stdout
    assert cli("list", "--all", "--json", env=other).stdout == listed
    assert cli("add", "X", "--json", env=other).json()["id"] == 6  # numbers stay given out


# ----------------------------------------------------------------------------
# Naming people and companies as a user types them: empty entries, accents, any part of
# a name, and correcting an interviewer without losing their progress.


def test_rename_with_says_what_it_did_and_undo_reverts_it(cli):
    cli(*ACME)
    result = cli("edit", "acme", "--rename-with", "raj", "Rajesh Patel")
    assert result.code == 0, result.stderr
    assert "Raj Patel" in result.stderr and "Rajesh Patel" in result.stderr
    assert "Rajesh Patel" in result.stdout
    assert cli("undo").code == 0
    names = [p["name"] for p in cli("show", "1", "--json").json()["interviewers"]]
    assert names == ["Jane Doe", "Raj Patel"]


# ----------------------------------------------------------------------------
# Fixes from a fresh-eyes QA run of the follow-up arc, each driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC; Acme's interview was Wednesday 25 Nov 14:00.


def test_undo_of_a_change_stamped_after_now_gives_its_date_only(cli):
    add(cli, *ACME)  # made at 26 Nov 10:00
    run = cli("undo", env={"FOLLOWUP_NOW": "2026-11-23T10:00:00+00:00"})
    assert run.code == 0
    assert "(made Thu 26 Nov 10:00)." in run.stdout, run.stdout
    assert " in 3 d" not in run.stdout


# ----------------------------------------------------------------------------
# An outcome ends the application: closing its latest round with one closes the earlier
# rounds still open, and the reply draft finds the round that was closed.


LATER = {"FOLLOWUP_NOW": "2026-11-30T10:00:00+00:00"}


def two_rounds(cli) -> None:
    assert cli("add", "Acme", "--at", "yesterday 2pm", "--with", "Jane <jane@acme.com>").code == 0
    assert cli("next", "acme", "--at", "tomorrow 10am", "--with", "Kim").code == 0


def test_one_undo_reopens_every_round_the_close_ended(cli):
    two_rounds(cli)
    cli("close", "acme", "--outcome", "offer", env=LATER)
    run = cli("undo", env=LATER)
    assert run.code == 0 and "earlier round" in run.stdout
    assert [iv["id"] for iv in cli("list", "--json").json()] == [1, 2]


# ----------------------------------------------------------------------------
# Rules of the commands that change interviews and their steps (features.actions and
# features.marking), through the store as the CLI uses it, and through the CLI itself.
#
# Each test is a rule a user relies on: which names in a topic are taken for a person,
# what a rename keeps, what the next round takes over, where a reopened interview goes,
# and which check-in `done` and `reopen` mean.


def test_undo_of_closing_the_last_round_names_the_earlier_rounds_it_closed(cli):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    assert cli("next", "acme").code == 0
    assert cli("close", "acme", "--outcome", "offer").code == 0
    run = cli("undo")
    assert run.code == 0
    assert " ".join((run.stdout + run.stderr).split()).startswith(
        "Reverted: closed #2 Acme (round 2) (offer) and its earlier round(s) #1 Acme (made "
    )
