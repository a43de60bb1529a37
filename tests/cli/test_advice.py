"""Only the command line spells `followup ...`: the core raises errors with an advice key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
