"""Naming people and companies as a user types them: empty entries, accents, any part of
a name, and correcting an interviewer without losing their progress."""

from __future__ import annotations

import pytest

from conftest import ACME


def steps_by(iv: dict) -> dict[tuple[str, str | None], dict]:
    return {(s["step"], s["who"]): s for s in iv["steps"]}


# ----- empty entries in --with -----------------------------------------------------


@pytest.mark.parametrize("value", ["  ;  ", ";;", ";", " ", ""])
def test_with_that_names_no_one_is_refused_and_records_nothing(cli, files, value):
    before = files()
    result = cli("add", "Acme", "--with", value)
    assert result.code == 1, result.stdout
    assert "error:" in result.stderr and "--with" in result.stderr
    assert repr(value) in result.stderr  # names the value
    assert "Name <email>" in result.stderr  # and how to write one
    assert files() == before


def test_edit_add_with_that_names_no_one_changes_nothing(cli, files):
    cli(*ACME)
    before = files()
    result = cli("edit", "acme", "--add-with", " ; ")
    assert result.code == 1
    assert "--add-with" in result.stderr and "' ; '" in result.stderr
    assert files() == before


def test_separators_around_real_names_are_ignored(cli):
    iv = cli("add", "Acme", "--with", "; Jane Doe <jane@acme.com> ;; Raj Patel;", "--json").json()
    assert [p["name"] for p in iv["interviewers"]] == ["Jane Doe", "Raj Patel"]
    assert ";" not in {s["who"] for s in iv["steps"]}


# ----- accents, case and any part of a name ---------------------------------------


@pytest.fixture
def societe(cli):
    result = cli(
        "add", "Société Générale", "--at", "2026-11-25 14:00",
        "--with", "José Núñez <jose@sg.fr>", "--with", "Siobhan O'Brien",
    )  # fmt: skip
    assert result.code == 0, result.stderr


@pytest.mark.parametrize("ref", ["societe", "SOCIÉTÉ", "société gén", "Societe Generale"])
def test_a_company_prefix_ignores_accents_and_case(cli, societe, ref):
    result = cli("done", ref, "phone", "--json")
    assert result.code == 0, result.stderr
    assert [s["step"] for s in result.json()] == ["phone"]


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("jose", "José Núñez"),
        ("JOSÉ", "José Núñez"),
        ("nunez", "José Núñez"),
        ("Núñ", "José Núñez"),
        ("o'brien", "Siobhan O'Brien"),
        ("o’brien", "Siobhan O'Brien"),  # a typographic apostrophe, as phones type it
        ("obrien", "Siobhan O'Brien"),
        ("siob", "Siobhan O'Brien"),
    ],
)
def test_who_matches_the_start_of_any_part_of_a_name(cli, societe, who, name):
    result = cli("done", "societe", "email", "--who", who, "--json")
    assert result.code == 0, result.stderr
    assert [(s["step"], s["who"]) for s in result.json()] == [("email", name)]


def test_who_that_starts_two_names_is_ambiguous_and_changes_nothing(cli, files):
    cli("add", "Acme", "--with", "Ana Lima", "--with", "Bo Lindqvist")
    before = files()
    result = cli("done", "acme", "email", "--who", "li")
    assert result.code == 1
    assert "Ana Lima" in result.stderr and "Bo Lindqvist" in result.stderr
    assert files() == before


def test_the_start_of_a_whole_name_wins_over_a_later_part(cli):
    cli("add", "Acme", "--with", "Mary Smith", "--with", "Tom Mason")
    result = cli("done", "acme", "email", "--who", "ma", "--json")
    assert result.code == 0, result.stderr
    assert [s["who"] for s in result.json()] == ["Mary Smith"]


def test_draft_who_matches_parts_too(cli, societe):
    result = cli("draft", "societe", "email", "--who", "nunez")
    assert result.code == 0, result.stderr
    assert "José" in result.stdout


# ----- edit --rename-with --------------------------------------------------------------


def test_rename_with_keeps_the_persons_steps_and_their_states(cli):
    cli(*ACME)
    cli("done", "acme", "email", "--who", "jane")
    cli("skip", "acme", "card", "--who", "jane", "--reason", "remote")
    before = steps_by(cli("show", "1", "--json").json())
    result = cli("edit", "acme", "--rename-with", "jane", "Janet Doe <janet@acme.com>", "--json")
    assert result.code == 0, result.stderr
    iv = result.json()
    assert iv["interviewers"] == [
        {"name": "Janet Doe", "email": "janet@acme.com", "key": "Jane Doe"},  # her calendar UIDs
        {"name": "Raj Patel", "email": None},
    ]
    after = steps_by(iv)
    assert ("email", "Jane Doe") not in after
    for kind in ("email", "linkedin", "card"):
        old, new = before[(kind, "Jane Doe")], after[(kind, "Janet Doe")]
        assert {**old, "who": "Janet Doe"} == new  # status, done_at, due, reason: all kept
        assert before[(kind, "Raj Patel")] == after[(kind, "Raj Patel")]
    assert len(after) == len(before)


def test_rename_with_an_email_alone_adds_it_and_keeps_the_name(cli):
    cli(*ACME)
    cli("done", "acme", "linkedin", "--who", "raj")
    iv = cli("edit", "acme", "--rename-with", "raj", "<raj@acme.com>", "--json").json()
    assert iv["interviewers"][1] == {"name": "Raj Patel", "email": "raj@acme.com"}
    assert steps_by(iv)[("linkedin", "Raj Patel")]["status"] == "done"


def test_rename_with_says_what_it_did_and_undo_reverts_it(cli):
    cli(*ACME)
    result = cli("edit", "acme", "--rename-with", "raj", "Rajesh Patel")
    assert result.code == 0, result.stderr
    assert "Raj Patel" in result.stderr and "Rajesh Patel" in result.stderr
    assert "Rajesh Patel" in result.stdout
    assert cli("undo").code == 0
    names = [p["name"] for p in cli("show", "1", "--json").json()["interviewers"]]
    assert names == ["Jane Doe", "Raj Patel"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("raj", "Jane Doe"), "Jane Doe"),  # a name already on the interview
        (("raj", "JANE DOE"), "Jane Doe"),
        (("zed", "Zed Alvarez"), "Jane Doe, Raj Patel"),  # no such interviewer
        (("raj", "Raj <not-an-email>"), "not-an-email"),
        (("raj", " ; "), "' ; '"),
    ],
)
def test_rename_with_refuses_bad_values_and_changes_nothing(cli, files, args, words):
    cli(*ACME)
    before = files()
    result = cli("edit", "acme", "--rename-with", *args)
    assert result.code == 1, result.stdout
    assert result.stderr.startswith("error:") and words in result.stderr
    assert files() == before


def test_rename_with_needs_two_values(cli, files):
    cli(*ACME)
    before = files()
    result = cli("edit", "acme", "--rename-with", "raj")
    assert result.code == 2
    assert result.stderr.startswith("error: --rename-with in `followup edit` needs 2 values")
    assert files() == before
