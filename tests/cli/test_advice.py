"""Only the command line spells `followup ...`: the core raises errors with an advice key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from conftest import make_interview
from followup.cli.advice import ERROR_ADVICE, error_text
from followup.core.lookup import find_interview
from followup.core.models import Interview
from followup.errors import NotFound

SRC = Path(__file__).parents[2] / "src" / "followup"


def interview(number: int, company: str, closed: bool = False) -> Interview:
    return make_interview(id=number, company=company, closed=closed)


@pytest.mark.parametrize(
    ("ref", "open_", "closed", "advice", "words"),
    [
        ("9", [], [], ("add-first",), " (add one with `followup add COMPANY`)"),
        ("9", [interview(1, "Acme")], [], ("list-all",), " (`followup list --all` shows"),
        ("zeta", [interview(1, "Acme")], [], ("list-all",), " (`followup list --all` shows"),
        (
            "glob",
            [],
            [interview(2, "Globex", True)],
            ("reopen-closed", 2),
            "`followup reopen 2` reopens it",
        ),
    ],
)
def test_lookup_errors_name_their_advice_and_the_cli_words_it(ref, open_, closed, advice, words):
    with pytest.raises(NotFound) as caught:
        find_interview(ref, open_, [iv.id for iv in closed], lambda: closed)
    assert "followup" not in str(caught.value)
    assert caught.value.advice == advice
    assert error_text(caught.value).startswith(str(caught.value))
    assert words in error_text(caught.value)


def test_every_advice_key_is_raised_below_the_cli_and_every_one_raised_is_worded() -> None:
    below = "".join(
        p.read_text() for p in SRC.rglob("*.py") if "cli" not in p.relative_to(SRC).parts
    )
    raised = set(re.findall(r'advice=\("([\w-]+)"', below))
    assert raised <= set(ERROR_ADVICE)
    assert all(f'("{key}",' in below for key in ERROR_ADVICE)


def test_drafts_and_lookup_spell_no_command_line() -> None:
    for name in (
        "core/lookup.py",
        "features/drafts.py",
        "features/fitting.py",
        "features/templates.py",
    ):
        text = (SRC / name).read_text()
        assert "followup " not in text.replace("followup settings", ""), name


# The commands suggested for one person's step go to a shell as they are pasted: a name
# that holds a quote or a `$(...)` broke the line or ran the command in it.
NAMES = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="<>"),
    min_size=1,
    max_size=20,
).filter(lambda name: name.strip() and len(name.split()) == len(name.split(" ")))


@given(st.lists(NAMES, min_size=2, max_size=4, unique_by=lambda n: n.casefold()))
def test_a_suggested_who_picks_that_person_out_when_a_shell_reads_it(names):
    import shlex

    from followup.cli.advice import next_hint
    from followup.core.lookup import find_interviewer, named_twice, who_matches

    iv = make_interview(*[name.strip() for name in names], derive=True)
    assume(named_twice(iv.interviewers) is None)  # add refuses two people --who cannot tell
    # a name of apostrophes only ("`") is no --who at all: its full name picks no one
    assume(all(who_matches(p.label, iv.interviewers) == [p] for p in iv.interviewers))
    for person in iv.interviewers:
        words = shlex.split(next_hint(iv, "email", person.label, verb="draft"))
        assert words[:4] == ["followup", "draft", "1", "email"]
        assert words[4] == "--who"
        assert find_interviewer(words[5], iv) == person


def test_a_name_with_a_quote_or_a_command_is_quoted_for_the_shell():
    from followup.cli.advice import next_hint

    iv = make_interview("D'Angelo Russell", "`id` Smith", "$(touch x) Jones", derive=True)
    hints = [next_hint(iv, "card", p.label) for p in iv.interviewers]
    assert hints == [
        "followup done 1 card --who 'D'\"'\"'Angelo'",
        "followup done 1 card --who '`id`'",
        "followup done 1 card --who '$(touch'",
    ]
    # a step that is not one person's gets no --who
    assert next_hint(iv, "phone", None) == "followup done 1 phone"
