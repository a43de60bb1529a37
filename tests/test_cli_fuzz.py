"""Argument fuzzing: whatever the arguments, a clean exit (0, 1 or 2), never a traceback,
and a command that fails leaves the data byte for byte as it was."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from populate import fill

COMMANDS = ["add", "status", "done", "skip", "reopen", "show", "list", "edit", "close", "remove"]
COMMANDS += ["undo", "doctor"]
OPTIONS = ["--json", "--all", "-a", "--who", "--reason", "--role", "-r", "--at", "--with", "-w"]
OPTIONS += ["--notes", "-n", "--company", "--add-with", "--remove-with", "--outcome", "-o"]
OPTIONS += ["--yes", "-y", "--help", "-h", "--version", "--nope"]
VALUES = ["1", "2", "3", "0", "-1", "#2", "99999999999999999999", "acme", "ACME", "glob", "in"]
VALUES += ["email", "linkedin", "card", "phone", "thank-you", "note", "voicemail", "fax"]
VALUES += ["jane", "Raj", "Jane Doe <jane@acme.com>", "<x@y.z>", "<bad>", "a <b> <c>", "<>"]
VALUES += ["now", "today 14:00", "yesterday 3pm", "last friday 10am", "2026-13-45", "tomorrow"]
VALUES += ["2026-11-25T14:00+01:00", "offer", "rejected", "no-response", "maybe", "", " "]
VALUES += ["[bold]x[/]", "\x1b[31mred", "--", "-", "é" * 3, "\u202eevil", "caf\udce9"]

tokens = st.one_of(
    st.sampled_from(OPTIONS),
    st.sampled_from(VALUES),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=10),
)
random_argvs = st.tuples(st.sampled_from(COMMANDS), st.lists(tokens, max_size=6)).map(
    lambda t: [t[0], *t[1]]
)
# Nearer to real use: the arguments a command takes, then options with values.
values = st.sampled_from(VALUES) | st.text(max_size=8)
refs = st.sampled_from(["1", "2", "3", "4", "acme", "glob", "init", "x", "#1"])
steps = st.sampled_from(["email", "linkedin", "card", "phone", "note", "fax"])
POSITIONAL = {
    "add": [values],
    "done": [refs, steps],
    "skip": [refs, steps],
    "reopen": [refs, steps],
    "show": [refs],
    "edit": [refs],
    "close": [refs],
    "remove": [refs],
}
# The options each command takes: (name, takes a value).
OPTIONS_OF = {
    "add": ["--role=", "--at=", "--with=", "--notes=", "--json"],
    "status": ["--all", "--json"],
    "done": ["--who=", "--json"],
    "skip": ["--who=", "--reason=", "--json"],
    "reopen": ["--who=", "--json"],
    "show": ["--json"],
    "list": ["--all", "--json"],
    "edit": ["--company=", "--role=", "--at=", "--notes=", "--add-with=", "--remove-with="],
    "close": ["--outcome="],
    "remove": ["--yes"],
    "undo": [],
    "doctor": ["--yes", "--json"],
}


@st.composite
def shaped_argvs(draw):
    command = draw(st.sampled_from(COMMANDS))
    argv = [command, *(draw(s) for s in POSITIONAL.get(command, []))]
    for _ in range(draw(st.integers(0, 3)) if OPTIONS_OF[command] else 0):
        option = draw(st.sampled_from(OPTIONS_OF[command]))
        argv += [option[:-1], draw(values)] if option.endswith("=") else [option]
    return argv


argvs = random_argvs | shaped_argvs()

CALLS = {"total": 0, 0: 0, 1: 0, 2: 0}


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=argvs)
def test_any_arguments_exit_cleanly_and_failures_change_nothing(cli, files, home, argv):
    if not home.exists():
        fill(cli)
    before = files()
    run = cli(*argv)
    CALLS["total"] += 1
    CALLS[run.code] = CALLS.get(run.code, 0) + 1
    assert run.code in (0, 1, 2), (argv, run)
    said = run.stdout + run.stderr
    assert "Traceback" not in said, (argv, said)
    assert "error: unexpected" not in run.stderr, (argv, run.stderr)  # a bug the boundary caught
    if run.code != 0:
        assert files() == before, (argv, run.stderr)
    if run.code == 1:
        assert run.stderr.strip(), argv  # a message saying what went wrong


def test_report_fuzz_figures():
    # Runs after the fuzz test in file order: shows how the calls ended (pytest -s).
    if CALLS["total"]:
        print(f"fuzzed CLI calls: {CALLS}")
        assert CALLS[0] and CALLS[1] and CALLS[2], CALLS
