"""The core commands, driven through the real CLI as a user would."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ACME, env_for_subprocess
from followup.cli.app import COMMANDS

JANE = "Jane Doe <jane@acme.com>"


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


def steps_of(interview: dict) -> dict[tuple[str, str | None], dict]:
    return {(s["step"], s["who"]): s for s in interview["steps"]}


# ----- add ---------------------------------------------------------------------------


def test_add_json_has_the_contract_shape(cli):
    iv = add_acme(cli)
    assert iv["id"] == 1
    assert iv["company"] == "Acme Corp"
    assert iv["role"] == "Data Analyst"
    assert iv["at"] == "2026-11-25T14:00:00+00:00"
    assert iv["interviewers"] == [
        {"name": "Jane Doe", "email": "jane@acme.com"},
        {"name": "Raj Patel", "email": None},
    ]
    assert iv["notes"] == "" and iv["closed"] is False and iv["outcome"] is None
    assert iv["topics"] == [] and iv["decision"] is None and iv["round"] == 1
    assert len(iv["steps"]) == 8
    email = steps_of(iv)[("email", "Jane Doe")]
    assert email == {
        "interview": 1,
        "company": "Acme Corp",
        "step": "email",
        "who": "Jane Doe",
        "due": "2026-11-26T14:00:00+00:00",
        "status": "pending",
        "done_at": None,
        "overdue": False,
        "reason": None,
        "snoozed_from": None,
    }
    assert steps_of(iv)[("phone", None)]["overdue"] is True  # due 4 h after, now is later
    assert steps_of(iv)[("card", "Raj Patel")]["due"] == "2026-11-27T14:00:00+00:00"


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


# ----- status ------------------------------------------------------------------------


def test_status_when_nothing_is_pending_says_so(cli):
    result = cli("status")
    assert result.code == 0
    assert result.stdout == ""
    assert "Nothing pending" in result.stderr
    assert cli("status", "--json").json() == []


def test_status_orders_overdue_first_then_by_due(cli):
    add_acme(cli)
    cli("add", "Globex", "--at", "2026-11-26 09:00")
    steps = cli("status", "--json").json()
    assert [s["overdue"] for s in steps][:1] == [True]  # Acme's phone; Globex's is due 13:00
    assert not any(s["overdue"] for s in steps[1:])
    dues = [s["due"] for s in steps[1:]]
    assert dues == sorted(dues)
    assert (steps[0]["interview"], steps[0]["step"]) == (1, "phone")
    assert len(steps) == 8 + 5


def test_status_human_marks_overdue_and_shows_relative_due(cli):
    add_acme(cli)
    result = cli("status")
    lines = result.stdout.splitlines()
    assert "Company" in lines[0] and "Due" in lines[0]
    assert lines[1].lstrip().startswith("!") and "16 h overdue" in lines[1]
    assert "in 4 h" in result.stdout  # email due 14:00 on the 26th, now is 10:00
    assert "8 pending across 1 interview(s), 1 overdue." in result.stdout
    assert "followup done 1 email --who Jane" in result.stderr  # the most valuable first


def test_status_all_includes_done_and_skipped(cli):
    add_acme(cli)
    cli("done", "1", "phone")
    cli("skip", "1", "card", "--reason", "remote")
    pending = cli("status", "--json").json()
    everything = cli("status", "--all", "--json").json()
    assert len(pending) == 5 and len(everything) == 8
    assert {s["status"] for s in everything} == {"pending", "done", "skipped"}
    assert "done" in cli("status", "--all").stdout


def test_status_respects_followup_now(cli):
    add_acme(cli)
    later = cli("status", "--json", env={"FOLLOWUP_NOW": "2026-12-03T00:00:00+00:00"}).json()
    assert all(s["overdue"] for s in later)


# ----- done, skip, reopen ------------------------------------------------------------


def test_done_without_who_marks_every_interviewer(cli):
    add_acme(cli)
    changed = cli("done", "acme", "thank-you", "--json").json()
    assert sorted(s["who"] for s in changed) == ["Jane Doe", "Raj Patel"]
    assert all(
        s["status"] == "done" and s["done_at"] == "2026-11-26T10:00:00+00:00" for s in changed
    )


def test_done_with_who_marks_one_and_reports_already_done(cli):
    add_acme(cli)
    first = cli("done", "1", "email", "LinkedIn", "--who", "jan", "--json").json()
    assert {(s["step"], s["who"]) for s in first} == {
        ("email", "Jane Doe"),
        ("linkedin", "Jane Doe"),
    }
    again = cli("done", "1", "email", "--who", "jane")
    assert again.code == 0
    assert "already done" in again.stderr
    assert cli("done", "1", "email", "--who", "jane", "--json").json() == []
    iv = cli("show", "1", "--json").json()
    assert steps_of(iv)[("email", "Raj Patel")]["status"] == "pending"


def test_done_phone_with_who_still_marks_the_one_phone_step(cli):
    add_acme(cli)
    changed = cli("done", "1", "voicemail", "--who", "raj", "--json").json()
    assert [(s["step"], s["who"]) for s in changed] == [("phone", None)]


def test_skip_records_reason_and_reopen_restores_pending(cli):
    add_acme(cli)
    assert cli("skip", "1", "note", "--who", "raj", "--reason", "no address").code == 0
    card = steps_of(cli("show", "1", "--json").json())[("card", "Raj Patel")]
    assert card["status"] == "skipped" and card["reason"] == "no address" and card["done_at"]
    result = cli("reopen", "1", "handwritten", "--who", "raj")
    assert result.code == 0
    card = steps_of(cli("show", "1", "--json").json())[("card", "Raj Patel")]
    assert card["status"] == "pending" and card["done_at"] is None and card["reason"] is None
    again = cli("reopen", "1", "card", "--who", "raj").stderr
    assert "already pending: Handwritten card" in again and "pending again" not in again


def test_done_steps_do_not_show_in_status(cli):
    add_acme(cli)
    cli("done", "1", "email", "linkedin", "card", "phone")
    cli("skip", "1", "checkin")
    assert cli("status", "--json").json() == []
    assert "Nothing pending" in cli("status").stderr


# ----- show and list -----------------------------------------------------------------


def test_show_by_number_and_prefix(cli):
    add_acme(cli)
    cli("add", "Globex")
    by_number = cli("show", "1", "--json").json()
    by_prefix = cli("show", "ACME", "--json").json()
    assert by_number == by_prefix
    human = cli("show", "globex").stdout
    assert "#2 Globex" in human and "Progress  0/5 done" in human


def test_list_shows_progress_and_next_due(cli):
    add_acme(cli)
    cli("done", "1", "phone")
    result = cli("list")
    assert "1/8" in result.stdout
    assert "Thank-you email" in result.stdout
    listed = cli("list", "--json").json()
    assert [iv["id"] for iv in listed] == [1]
    assert listed[0]["steps"][0]["step"] == "email"


# ----- edit --------------------------------------------------------------------------


def test_edit_at_moves_pending_due_times_and_keeps_done(cli):
    add_acme(cli)
    cli("done", "1", "email", "--who", "jane")
    iv = cli("edit", "1", "--at", "2026-11-26 09:00", "--json").json()
    steps = steps_of(iv)
    assert iv["at"] == "2026-11-26T09:00:00+00:00"
    assert steps[("email", "Jane Doe")]["status"] == "done"
    assert steps[("email", "Jane Doe")]["due"] == "2026-11-26T14:00:00+00:00"
    assert steps[("email", "Raj Patel")]["due"] == "2026-11-27T09:00:00+00:00"
    assert steps[("phone", None)]["due"] == "2026-11-26T13:00:00+00:00"
    assert steps[("checkin", None)]["due"] == "2026-12-03T09:00:00+00:00"


def test_edit_adds_and_removes_interviewers(cli):
    add_acme(cli)
    iv = cli(
        "edit", "acme", "--add-with", "Mia Wong <mia@acme.com>", "--remove-with", "raj", "--json"
    ).json()
    assert [p["name"] for p in iv["interviewers"]] == ["Jane Doe", "Mia Wong"]
    whos = {s["who"] for s in iv["steps"]}
    assert whos == {"Jane Doe", "Mia Wong", None}
    assert len(iv["steps"]) == 8


def test_edit_company_role_notes(cli):
    add_acme(cli)
    result = cli("edit", "1", "--company", "Acme Inc", "--role", "Analyst", "--notes", "SQL test")
    assert result.code == 0
    iv = cli("show", "1", "--json").json()
    assert (iv["company"], iv["role"], iv["notes"]) == ("Acme Inc", "Analyst", "SQL test")
    assert all(s["company"] == "Acme Inc" for s in iv["steps"])


def test_edit_with_nothing_to_change_is_a_usage_error(cli, files):
    add_acme(cli)
    before = files()
    result = cli("edit", "1")
    assert result.code == 2 and "nothing to change" in result.stderr
    assert files() == before


# ----- close, remove, undo -----------------------------------------------------------


def test_close_leaves_status_and_list_but_stays_in_show_and_list_all(cli):
    add_acme(cli)
    cli("add", "Globex")
    result = cli("close", "acme", "--outcome", "offer")
    assert result.code == 0 and "Closed #1 Acme Corp (offer)" in result.stdout
    rows = cli("status", "--json").json()
    # of the closed one, status lists only the reply that the offer calls for
    assert {s["interview"] for s in rows if s["step"] != "reply"} == {2}
    assert [s["step"] for s in rows if s["interview"] == 1] == ["reply"]
    assert [iv["id"] for iv in cli("list", "--json").json()] == [2]
    assert [iv["id"] for iv in cli("list", "--all", "--json").json()] == [1, 2]
    closed = cli("show", "1", "--json").json()
    assert closed["closed"] is True and closed["outcome"] == "offer"
    assert "closed (offer)" in cli("show", "1").stdout
    # a prefix names open interviews only, but show finds the one closed when none is open
    assert cli("done", "acme", "email").code == 1
    assert cli("show", "acme", "--json").json()["id"] == 1


def test_close_outcome_is_checked(cli, files):
    add_acme(cli)
    before = files()
    result = cli("close", "1", "--outcome", "hired")
    assert result.code == 2 and "hired" in result.stderr
    assert files() == before
    assert cli("close", "1", "--outcome", "NO-RESPONSE").code == 0
    assert cli("show", "1", "--json").json()["outcome"] == "no-response"


def test_remove_needs_yes_without_a_terminal(cli, files):
    add_acme(cli)
    before = files()
    refused = cli("remove", "1")
    assert refused.code == 1 and "--yes" in refused.stderr
    assert files() == before
    assert cli("remove", "1", "--yes").code == 0
    assert cli("list", "--all", "--json").json() == []


def test_numbers_are_never_reused_after_remove_or_undo(cli):
    add_acme(cli)
    cli("add", "Globex")
    cli("remove", "2", "--yes")
    assert cli("add", "Initech", "--json").json()["id"] == 3
    cli("undo")
    assert cli("add", "Umbrella", "--json").json()["id"] == 4


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


# ----- help, version, entry points ---------------------------------------------------


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(cli, name):
    for flag in ("--help", "-h"):
        result = cli(name, flag)
        assert result.code == 0
        assert "Example: followup " + name in " ".join(result.stdout.split())


@pytest.mark.parametrize("name", COMMANDS)
def test_every_help_fits_80_columns(cli, name):
    result = cli(name, "--help", env={"COLUMNS": "80"})
    assert [line for line in result.stdout.splitlines() if len(line) > 80] == []


def test_top_level_help_lists_every_command(cli):
    result = cli("--help")
    for name in COMMANDS:
        assert name in result.stdout
    assert cli().code in (0, 2)  # no_args_is_help


def test_version(cli):
    from followup import __version__

    assert cli("--version").stdout.strip() == f"followup {__version__}"


def test_python_dash_m_runs_the_cli(home):
    result = subprocess.run(
        [sys.executable, "-m", "followup", "status", "--json"],
        capture_output=True,
        text=True,
        env=env_for_subprocess(home),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("columns", [30, 50, 60, 200])
def test_status_fits_the_width_and_in_a_pipe_keeps_the_absolute_due_time(cli, columns):
    cli(
        "add",
        "A Company With A Really Long Name Incorporated",
        "--at",
        "yesterday",
        "--with",
        "Bartholomew Longname-Smythe",
    )
    result = cli("status", env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert all(len(line) <= columns for line in lines), lines
    if columns >= 50:  # a file read tomorrow needs the time, not "25 h overdue"
        assert "When" in lines[0]
        assert re.search(r"Wed 25 Nov \d\d:\d\d", lines[1]), lines
    if columns >= 200:
        assert "A Company With A Really Long Name Incorporated" in result.stdout
        assert "Due" in lines[0] and "overdue" in lines[1]


PROBE = """
import sys
sys.argv = ["followup", *sys.argv[1:]]
from followup.__main__ import main
try:
    main()
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.startswith(("followup", "rich.console", "dateparser")))
sys.stderr.write("MODULES " + " ".join(loaded) + "\\n")
"""


def run_probe(home, *args: str, **env: str) -> tuple[str, set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env_for_subprocess(home, **env),
        check=False,
    )
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES "))
    return result.stdout, set(line.split()[1:])


def test_a_command_line_loads_only_what_its_command_needs(home):
    _, modules = run_probe(home, "status")
    commands = {m for m in modules if m.startswith("followup.cli.commands.")}
    assert commands == {"followup.cli.commands.status"}
    # piped output: no Rich console; no date parsing library for a read
    assert "rich.console" not in modules and "dateparser" not in modules
    assert "followup.features.config" not in modules and "followup.features.drafts" not in modules
    _, modules = run_probe(home, "list")
    assert {m for m in modules if m.startswith("followup.cli.commands.")} == {
        "followup.cli.commands.list"
    }


def test_each_command_is_reachable_from_the_entry_point(home):
    for name in ("status", "list", "config", "export", "import", "doctor"):
        out, modules = run_probe(home, name, "--help")
        assert f"Usage: followup {name}" in out, name
        module = "import_" if name == "import" else name
        assert {m for m in modules if m.startswith("followup.cli.commands.")} == {
            f"followup.cli.commands.{module}"
        }
    out, modules = run_probe(home, "--help")
    for name in ("add", "draft", "import", "doctor", "undo"):
        assert name in out
    # Help lists every command from the table of names and summaries: it imports none
    # of them, and none of the models (pydantic).
    assert not {m for m in modules if m.startswith("followup.cli.commands.")}
    assert "followup.core.models" not in modules


def test_unknown_command_through_the_entry_point(home):
    result = subprocess.run(
        [sys.executable, "-m", "followup", "stauts"],
        capture_output=True,
        text=True,
        env=env_for_subprocess(home),
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "error: no such command 'stauts' (did you mean stats or status?): see `followup --help`\n"
    )


def test_completion_after_a_command_loads_only_that_command(home, cli):
    cli("add", "Acme", "--with", "Jane Doe")
    bash = {"_FOLLOWUP_COMPLETE": "complete_bash"}
    out, modules = run_probe(home, **bash, COMP_WORDS="followup done ", COMP_CWORD="2")
    assert "1" in out.split()
    assert {m for m in modules if m.startswith("followup.cli.commands.")} == {
        "followup.cli.commands.done"
    }
    assert "followup.core.models" not in modules
    zsh = {
        "_FOLLOWUP_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "followup export --format ",
    }
    out, modules = run_probe(home, **zsh)
    assert "json" in out and "ics" in out
    assert {m for m in modules if m.startswith("followup.cli.commands.")} == {
        "followup.cli.commands.export"
    }
    # completing the command's name needs only the table of names
    out, modules = run_probe(home, **bash, COMP_WORDS="followup d", COMP_CWORD="1")
    assert {"done", "draft", "doctor"} <= set(out.split())
    assert not {m for m in modules if m.startswith("followup.cli.commands.")}


def test_done_with_several_who_marks_each_of_them(cli):
    cli("add", "Acme", "--with", "Jane", "--with", "Raj", "--with", "Mia")
    changed = cli("done", "1", "email", "--who", "jane", "--who", "raj", "--json").json()
    assert sorted(s["who"] for s in changed) == ["Jane", "Raj"]
    steps = steps_of(cli("show", "1", "--json").json())
    assert steps[("email", "Mia")]["status"] == "pending"
    bad = cli("done", "1", "email", "--who", "jane", "--who", "zed")
    assert bad.code == 1 and "'zed'" in bad.stderr


def test_finishing_every_step_suggests_closing(cli):
    cli("add", "Acme")
    cli("done", "1", "email", "linkedin", "card")
    cli("skip", "1", "checkin", "--reason", "they called")
    last = cli("done", "1", "phone")
    assert "followup close 1 --outcome" in last.stderr
    assert "followup close" not in cli("reopen", "1", "phone").stderr


def test_help_lists_the_everyday_commands_first(cli):
    listed = [
        line.split()[0] for line in cli("--help").stdout.splitlines() if line.startswith("  ")
    ]
    commands = [name for name in listed if name in COMMANDS]
    assert commands[:3] == ["add", "status", "done"]
