"""Sync when both machines renamed someone to the same name (issue 20).

On the laptop Raj Patel is renamed "Sam Park", with his email done; on the desktop, later,
Jane Doe is renamed "Sam Park" and Raj removed. Raj stays for his tick, and steps go by
name: he is kept as "Sam Park (2)", so no two people of one interview share a name, no
tick is lost, and a second exchange changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.merge import merge_interviews
from followup.core.models import Interview, Interviewer, Step, numbered, problems
from followup.core.text import LIMITS
from test_sync import Machine

AT = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


@pytest.fixture
def renamed(cli, tmp_path: Path) -> tuple[Machine, Machine]:
    """Laptop `a` and desktop `b` after one exchange, each renaming someone "Sam Park"."""
    a, b = Machine(cli, tmp_path, "a"), Machine(cli, tmp_path, "b")
    a.run("add", "Acme Corp", "--at", "2026-11-25 14:00", "--with", "Jane Doe <jane@acme.com>",
          "--with", "Raj Patel")  # fmt: skip
    b.run("import", str(a.export()))
    a.run("done", "acme", "email", "--who", "raj", when=1)
    a.run("edit", "acme", "--rename-with", "raj", "Sam Park", when=1)
    b.run("edit", "acme", "--rename-with", "jane", "Sam Park", when=2)
    b.run("edit", "acme", "--remove-with", "raj", when=2)  # b's copy is the later one
    return a, b


def people(machine: Machine) -> list[dict]:
    return machine.run("show", "1", "--json", when=9).json()["interviewers"]


def test_the_person_kept_for_a_tick_gets_a_name_of_their_own(renamed):
    a, b = renamed
    result = a.run("import", str(b.export(when=2)), when=3)
    assert (
        '#1 kept Sam Park as "Sam Park (2)" (another person on #1 has their name): dropped '
        "in the copy changed last, but with a step done or skipped in the other"
    ) in result.stdout
    # Jane, renamed last, keeps the name; Raj keeps his identity as key, for the next merge
    assert people(a) == [
        {"name": "Sam Park", "email": "jane@acme.com", "key": "Jane Doe"},
        {"name": "Sam Park (2)", "email": None, "key": "Raj Patel"},
    ]
    steps = a.steps()
    assert steps[("email", "Sam Park (2)")] == ["done"]  # Raj's tick: today's code lost it
    assert steps[("email", "Sam Park")] == ["pending"]  # Jane's, still to do
    assert len(a.run("show", "1", "--json", when=9).json()["steps"]) == 8


def test_both_directions_agree_and_a_second_exchange_changes_nothing(renamed):
    a, b = renamed
    b.run("import", str(a.export(when=2)), when=3)  # b is here and wins the fields
    a.run("import", str(b.export(when=2)), when=3)  # a is here and loses them
    assert a.run("list", "--json", when=5).json() == b.run("list", "--json", when=5).json()
    for here, there in ((a, b), (b, a)):
        before = here.files()
        again = here.run("import", str(there.export(when=5, name="again.json")), when=6)
        assert "Nothing to import" in again.stderr
        assert here.files() == before


def test_the_two_are_told_apart_by_name_afterwards(renamed):
    a, b = renamed
    a.run("import", str(b.export(when=2)), when=3)
    a.run("done", "1", "linkedin", "--who", "Sam Park (2)", when=4)
    steps = a.steps()
    assert steps[("linkedin", "Sam Park (2)")] == ["done"]
    assert steps[("linkedin", "Sam Park")] == ["pending"]


# ----- the rule itself, in core ----------------------------------------------------------


@given(st.text(min_size=1, max_size=8), st.lists(st.text(max_size=12), max_size=8))
def test_numbered_gives_the_name_or_the_first_number_no_one_has(name, taken):
    found = numbered(name, taken)
    used = {t.casefold() for t in taken}
    assert found.casefold() not in used
    if name.casefold() not in used:
        assert found == name
    else:
        n = int(found.removeprefix(f"{name} (").removesuffix(")"))
        assert found == f"{name} ({n})" and n >= 2
        assert all(f"{name} ({k})".casefold() in used for k in range(2, n))


def test_numbered_ignores_case():
    assert numbered("Sam Park", ["sam park", "SAM PARK (2)"]) == "Sam Park (3)"


def _copy(people: list[Interviewer], steps: list[Step]) -> Interview:
    return Interview(id=1, uid="u1", company="Acme", at=AT, interviewers=people, steps=steps)


def _done(kind: str, who: str) -> Step:
    return Step(step=kind, who=who, due=AT, status="done", done_at=AT)


def test_a_kept_person_whose_name_is_free_keeps_it_as_it_was():
    kim = Interviewer(name="Kim Lee")
    loser = _copy([kim], [_done("email", "Kim Lee")])
    merged = merge_interviews(
        loser, _copy([Interviewer(name="Jane Doe")], []), fields_from_there=True
    )
    assert merged.kept_people == [(kim, kim)]
    assert [p.label for p in merged.interview.interviewers] == ["Jane Doe", "Kim Lee"]


def test_a_kept_person_named_like_one_on_the_winner_gets_the_next_free_number():
    # Raj, renamed "Sam Park" here; there Jane is "Sam Park" and someone is "Sam Park (2)"
    raj = Interviewer(name="sam park", key="Raj Patel")  # a name differing only in case
    loser = _copy([raj], [_done("email", "sam park")])
    winner = _copy(
        [Interviewer(name="Sam Park", key="Jane Doe"), Interviewer(name="Sam Park (2)")], []
    )
    merged = merge_interviews(loser, winner, fields_from_there=True)
    kept = Interviewer(name="sam park (3)", key="Raj Patel")
    assert merged.kept_people == [(raj, kept)]
    assert merged.interview.steps == [_done("email", "sam park (3)")]
    again = merge_interviews(merged.interview, loser, fields_from_there=False)
    assert not again.changed


def test_a_name_kept_under_a_number_stays_within_the_longest_name_accepted():
    long = "A" * LIMITS["name"]  # the longest name `add` accepts, taken on the winner
    loser = _copy([Interviewer(name=long, key="Raj Patel")], [_done("email", long)])
    winner = _copy([Interviewer(name=long, key="Jane Doe")], [])
    merged = merge_interviews(loser, winner, fields_from_there=True).interview
    kept = merged.interviewers[1]
    assert kept.name == "A" * (LIMITS["name"] - 4) + " (2)"
    assert list(problems(merged, AT)) == []
