"""cli.completion: the command line's own machinery."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import env_for_subprocess
from followup.cli import completion

# ----------------------------------------------------------------------------
# Shell completion, as bash gets it: a real `followup` process with Typer's env vars.


# Runs the console script's entry point, then reports which of our modules got imported.
PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: sys.stderr.write(' '.join(sorted(m for m in sys.modules "
    "if m.startswith('followup.')))))\n"
    "from followup.__main__ import main\n"
    "main()\n"
)


def complete(home: Path, line: str) -> list[str]:
    """What bash would offer for `line` (the cursor at its end)."""
    return [value for value in _run(home, line).stdout.splitlines() if value]


def _run(home: Path, line: str) -> subprocess.CompletedProcess:
    words = line.split(" ")
    env = env_for_subprocess(
        home,
        _FOLLOWUP_COMPLETE="complete_bash",
        COMP_WORDS=line,
        COMP_CWORD=str(len(words) - 1),
    )
    run = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60
    )
    assert run.returncode == 0, run.stderr
    return run


@pytest.fixture
def interviews(cli):
    cli(
        "add",
        "Acme Corp",
        "--with",
        "Jane Doe <jane@acme.com>",
        "--with",
        "Jane Roe",
        "--with",
        "Raj Patel",
    )
    cli("add", "Globex", "--with", "<hr@globex.com>")
    cli("add", "Initech")
    cli("close", "3")


def test_commands_and_options(home):
    assert complete(home, "followup ex") == ["export"]
    assert complete(home, "followup im") == ["import"]
    assert complete(home, "followup export --") == ["--format", "--output", "--force", "--help"]
    assert set(complete(home, "followup import x.csv --")) >= {"--format", "--dry-run", "--json"}


def test_option_values(home):
    assert complete(home, "followup export --format ") == ["json", "csv", "ics"]
    assert complete(home, "followup import x --format ") == ["json", "csv"]
    assert complete(home, "followup close 1 --outcome ") == [
        "offer",
        "rejected",
        "withdrawn",
        "no-response",
    ]


def test_reminder_options_and_periods(home, interviews):
    assert complete(home, "followup ag") == ["agenda"]
    assert complete(home, "followup pr") == ["prompt"]
    assert set(complete(home, "followup remind --")) >= {
        "--within", "--dry-run", "--json", "--install", "--every", "--uninstall",
    }  # fmt: skip
    assert complete(home, "followup remind --install --every 1") == [
        "10m",
        "15m",
        "1h",
        "12h",
        "1d",
    ]
    assert complete(home, "followup remind --within 1") == ["1h", "12h", "1d"]
    assert complete(home, "followup status ") == complete(home, "followup show ")
    assert "1" in complete(home, "followup status ")


def test_step_names_and_aliases(home, interviews):
    assert complete(home, "followup done 1 ") == [
        "email",
        "linkedin",
        "card",
        "phone",
        "checkin",
        "reply",
        "decide",
        "thank-you",
        "note",
        "handwritten",
        "voicemail",
        "check-in",
    ]
    assert complete(home, "followup skip 1 email h") == ["handwritten"]
    assert complete(home, "followup draft 1 r") == ["reply"]
    assert complete(home, "followup edit 1 --decision ne") == ["next week"]


def test_numbers_and_companies_of_open_interviews_only(home, interviews):
    assert complete(home, "followup done ") == ["1", "2"]  # 3 is closed
    # a one-word value that names the company alone, in the case typed
    assert complete(home, "followup show ac") == ["acme"]
    assert complete(home, "followup show G") == ["Globex"]
    assert complete(home, "followup show I") == []


def test_who_offers_the_interviewers_of_the_interview_named(home, interviews):
    # "Jane" would name both Janes: they get their full names; Raj his first name
    assert complete(home, "followup done 1 email --who ") == ["Jane Doe", "Jane Roe", "Raj"]
    assert complete(home, "followup done acme email --who r") == ["raj"]
    assert complete(home, "followup done 2 email --who ") == ["hr@globex.com"]
    # before the interview is named: everyone on open interviews
    assert len(complete(home, "followup done --who ")) == 4


def test_completion_reads_no_models_and_survives_a_broken_store(home, interviews):
    run = _run(home, "followup done 1 email --who ")
    loaded = run.stderr.split()
    assert "followup.cli.completion" in loaded
    assert not {"followup.core.models", "followup.storage.store"} & set(
        loaded
    )  # no pydantic models
    (home / "open.json").write_text("{not json")
    assert complete(home, "followup done ") == []
    assert complete(home, "followup done 1 email --who ") == []


@pytest.mark.parametrize(
    ("label", "others", "typed", "value"),
    [
        ("Jane Doe", ["Jane Doe", "Raj Patel"], "", "Jane"),
        ("Jane Doe", ["Jane Doe", "Janet Roe"], "", "Jane Doe"),
        ("Jane Doe", ["Jane Doe"], "ja", "jane"),
        ("Jane Doe", ["Jane Doe"], "jane d", "jane doe"),
        ("Acme", ["Acme", "Acme Corp"], "", "Acme"),
        ("Acme Corp", ["Acme", "Acme Corp"], "", "Acme Corp"),
    ],
)
def test_one_word(label, others, typed, value):
    assert completion.one_word(label, others, typed) == value


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("add", ("--decision", "--topic", "Example:")),
        ("edit", ("--decision", "--topic", "--clear-topics", "Example:")),
        ("next", ("--decision", "--topic", "--with", "--json", "Example:")),
        ("draft", ("checkin", "reply", "Example:")),
    ],
)
def test_help_names_the_new_options_with_an_example(cli, command, options):
    run = cli(command, "--help")
    assert run.code == 0
    for option in options:
        assert option in run.stdout, (command, option)


def test_completion_offers_the_new_words(home):
    env = env_for_subprocess(
        home, _FOLLOWUP_COMPLETE="complete_bash", COMP_WORDS="followup done 1 ch", COMP_CWORD="3"
    )
    run = subprocess.run(
        [sys.executable, "-m", "followup"], env=env, capture_output=True, text=True
    )
    assert "checkin" in run.stdout.split()
    env.update(COMP_WORDS="followup ne", COMP_CWORD="1")
    run = subprocess.run(
        [sys.executable, "-m", "followup"], env=env, capture_output=True, text=True
    )
    assert "next" in run.stdout.split()
