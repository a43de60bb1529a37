"""The template language, exactly: what a user's template becomes, and what its errors say.

A template (templates/KIND.txt in the settings folder) is the user's own wording: it is
printed as typed, bar the placeholders, and a mistake in it is named at its line and
column with the fix, in full.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.features import templates

LITERAL_OPEN = "close it as in {first_name}, or write {{ for a literal brace"
KNOWN = (
    "{company}, {role}, {interviewer}, {first_name}, {notes}, {my_name}, {my_email}, "
    "{my_phone}, {topics}, {decision}"
)


def template(home: Path, text: str | bytes, kind: str = "card") -> Path:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}.txt"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


@pytest.fixture
def jane(cli):
    assert cli("add", "Acme", "--with", "Jane Doe").code == 0


def card(cli) -> str:
    run = cli("draft", "1", "card")
    assert run.code == 0, run.stderr
    return run.stdout


def refused(cli, files) -> str:
    """The one error line of a draft whose template is wrong; nothing written."""
    before = files()
    run = cli("draft", "1", "card")
    assert (run.code, run.stdout) == (1, "")
    assert files() == before
    return run.stderr


# ----- what a template prints -----------------------------------------------------------


def test_a_template_prints_as_typed_tabs_capitals_and_literal_braces_included(cli, home, jane):
    template(home, "XYZ {{x}} }}{{ XX\t{company}\tX\nTAX\n")
    assert card(cli) == "XYZ {x} }{ XX\tAcme\tX\nTAX\n"


def test_a_template_keeps_its_last_line_as_typed_and_ends_with_one_line_break(cli, home, jane):
    template(home, "Dear {first_name},\n\nBest,  \nSam X  \n\n\n")
    assert card(cli) == "Dear Jane,\n\nBest,  \nSam X  \n"
    template(home, "Dear {first_name}, from ACME TAX")  # no final line break: one is added
    assert card(cli) == "Dear Jane, from ACME TAX\n"


def test_a_template_saved_with_windows_line_ends_prints_plain_line_breaks(cli, home, jane):
    template(home, "\ufeffDear {first_name},\r\n\r\nThanks, X\r\n")
    assert card(cli) == "Dear Jane,\n\nThanks, X\n"


def test_control_characters_in_a_template_print_as_escapes(cli, home, jane):
    template(home, "Hi\x1b[31m {first_name}\x07\n")
    assert card(cli) == "Hi\\x1b[31m Jane\\x07\n"


def test_a_template_is_literal_text_and_placeholder_names_with_nothing_empty():
    parsed = templates.parse_template("{{{company}}}{ role }\n", "t.txt")
    assert parsed.parts == ("{", ("company",), "}", ("role",), "\n")
    assert parsed.fill(templates.Fill({"company": "Acme", "role": None})) == "{Acme}[the role]\n"


# ----- what its errors say ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "shown"),
    [
        ("\n\n{oops", "line 3, column 1", "{oops"),
        ("\nHi {oops", "line 2, column 4", "{oops"),
        ("Hi,\nyou\nand {first_name} {oops", "line 3, column 18", "{oops"),
        ("Hi { first name \nbye", "line 1, column 4", "{ first name"),
        ("Hi {" + "a" * 29 + "\n", "line 1, column 4", "{" + "a" * 29),
        ("Hi {" + "a" * 30 + "\n", "line 1, column 4", "{" + "a" * 28 + "…"),
    ],
)
def test_a_brace_never_closed_is_named_at_its_line_and_column_with_the_fix(
    cli, home, files, jane, text, place, shown
):
    path = template(home, text)
    assert refused(cli, files) == (
        f"error: {path} {place}: {shown} has no closing brace: {LITERAL_OPEN}\n"
    )


def test_a_closing_brace_never_opened_is_named_with_the_fix(cli, home, files, jane):
    path = template(home, "\nHi,\n\tthere }")
    assert refused(cli, files) == (
        f"error: {path} line 3, column 8: a }} with no opening brace: "
        "write }} for a literal brace\n"
    )


@pytest.mark.parametrize(
    ("text", "line"), [("{my_nmae}\n\nBest\n", 1), ("\n\nBest, {my_nmae}\n", 3)]
)
def test_an_unknown_placeholder_is_named_at_its_line_with_every_one_there_is(
    cli, home, files, jane, text, line
):
    path = template(home, text)
    assert refused(cli, files) == (
        f"error: {path} line {line}: unknown placeholder {{my_nmae}}: use one of {KNOWN} "
        "(write {{ and }} for a literal brace)\n"
    )
