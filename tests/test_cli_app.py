"""The program as a whole: help, version, the entry point, what each command line loads."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ACME, env_for_subprocess
from followup.cli.app import COMMANDS

# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


def steps_of(interview: dict) -> dict[tuple[str, str | None], dict]:
    return {(s["step"], s["who"]): s for s in interview["steps"]}


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


PROBE = """
import sys
sys.argv = ["followup", *sys.argv[1:]]
from followup.__main__ import main
try:
    main()
except SystemExit:
    pass
loaded = sorted(
    m for m in sys.modules if m.startswith(("followup", "rich.console", "rich.text", "dateparser"))
)
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


def test_a_command_line_loads_only_what_its_command_needs(cli, home):
    add_acme(cli)
    out, modules = run_probe(home, "status")
    assert "Thank-you email" in out  # the table, laid out
    commands = {m for m in modules if m.startswith("followup.cli.commands.")}
    assert commands == {"followup.cli.commands.status"}
    # piped output: no Rich console, no styled text; no date parsing library for a read
    assert not modules & {"rich.console", "rich.text", "dateparser"}
    assert "followup.features.config" not in modules and "followup.features.drafts" not in modules
    _, modules = run_probe(home, "list")
    assert {m for m in modules if m.startswith("followup.cli.commands.")} == {
        "followup.cli.commands.list"
    }


def test_styled_output_is_what_loads_richs_console_and_text(cli, home):
    add_acme(cli)
    out, modules = run_probe(home, "status", FORCE_COLOR="1")
    assert "\x1b[" in out and "Thank-you email" in out
    assert {"rich.console", "rich.text"} <= modules


SCAN_PROBE = """
import importlib.metadata, sys
calls = []
real = importlib.metadata.entry_points
importlib.metadata.entry_points = lambda *a, **k: calls.append(k) or real(*a, **k)
sys.argv = ["followup", *sys.argv[1:]]
from followup.__main__ import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write(f"SCANS {calls}\\n")
"""


@pytest.mark.parametrize(("given", "scans"), [(None, "[]"), ("", "[{'group': 'pydantic'}]")])
def test_a_start_does_not_look_for_pydantic_plugins_unless_asked(home, given, scans):
    """Looking reads every installed package's metadata, at every start; a value of
    PYDANTIC_DISABLE_PLUGINS that the user set (here: none disabled) is kept."""
    env = env_for_subprocess(home)
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    run = subprocess.run(
        [sys.executable, "-c", SCAN_PROBE, "status"], capture_output=True, text=True, env=env
    )
    assert f"SCANS {scans}\n" in run.stderr, run.stderr


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


def test_help_lists_the_everyday_commands_first(cli):
    listed = [
        line.split()[0] for line in cli("--help").stdout.splitlines() if line.startswith("  ")
    ]
    commands = [name for name in listed if name in COMMANDS]
    assert commands[:3] == ["add", "status", "done"]


# ----------------------------------------------------------------------------
# What followup says: words that read right, hints only where they help, Ctrl-C and a
# bare `followup` handled as a user expects.


def test_a_bare_followup_prints_help_and_exits_2_as_a_usage_error(home):
    bare = subprocess.run(
        [sys.executable, "-m", "followup"],
        capture_output=True,
        text=True,
        env=env_for_subprocess(home),
    )
    assert bare.returncode == 2
    assert bare.stdout == ""  # a script's stdout stays clean
    assert "Usage:" in bare.stderr and "status" in bare.stderr
    assert "followup status" in bare.stderr.splitlines()[-1]  # says what to run


def test_help_asked_for_exits_0_on_stdout(home):
    for flag in ("--help", "-h"):
        run = subprocess.run(
            [sys.executable, "-m", "followup", flag],
            capture_output=True,
            text=True,
            env=env_for_subprocess(home),
        )
        assert run.returncode == 0 and "Usage:" in run.stdout and run.stderr == ""
