"""Cutting a text to a limit at a word: what a LinkedIn note too long for any wording becomes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.features.fitting import cut_words


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [
        ("Hi Jane", 7, "Hi Jane"),  # exactly the limit: kept whole
        ("Hi Jane", 6, "Hi…"),
        ("one two three four", 12, "one two…"),  # at the last space that fits, not the first
        ("one two three", 8, "one two…"),  # a word ending just before the mark is kept
        ("Hi Jane, thanks", 10, "Hi Jane…"),  # no comma left dangling before the mark
        ("Hi; TAX: TAX TAX", 12, "Hi; TAX…"),  # words ending in X keep it
        ("a bcdefgh", 5, "a…"),  # a one-letter first word is a word
        ("abcdefgh", 5, "abcd…"),  # no space at all: cut mid-word, to the limit
        (" abcdefgh", 5, " abc…"),  # a space only at the start is no place to cut
        ("Hello", 2, "H…"),
        ("Hello", 1, "…"),
        ("Hello", 0, ""),
    ],
)
def test_a_text_too_long_is_cut_at_the_last_word_that_fits_and_marked(text, limit, cut):
    assert cut_words(text, limit) == cut


@given(text=st.text(alphabet=" ,;:abX", max_size=40), limit=st.integers(0, 45))
def test_a_cut_text_is_never_longer_than_the_limit_and_starts_as_the_text(text, limit):
    cut = cut_words(text, limit)
    assert len(cut) <= limit
    if len(text) <= limit:
        assert cut == text
    elif limit:
        assert cut.endswith("…") and text.startswith(cut[:-1])


def test_each_on_a_panel_gets_the_next_linkedin_wording_and_the_tenth_the_firsts():
    """Three openings times three closings: the tenth person on a panel of ten gets the
    first person's words again (with their own name), not a wording that is not there."""
    from conftest import make_interview
    from followup.features import drafts
    from followup.features.config import Profile

    names = [f"Person{n} Lee" for n in range(10)]
    iv = make_interview(*names, role="Data Analyst", topics=("the Q3 plan",))
    notes = [drafts.draft("linkedin", iv, p, Profile()).text for p in iv.interviewers]
    assert notes[1] == (
        "Hi Person1, thanks for meeting with me about the Data Analyst role at Acme Corp. "
        "I especially enjoyed our conversation about the Q3 plan. I'd be glad to stay in "
        "touch. Best, [your name]\n"
    )
    assert "I'd like to keep in touch." in notes[3]  # the second closing from the fourth on
    assert notes[9] == notes[0].replace("Person0", "Person9")
