"""A step, command or option mistyped by a letter or two gets "did you mean ...?"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followup.core.guess import close_words, did_you_mean, distance
from followup.core.kinds import STEP_WORDS

WORD = st.text(alphabet="abcdefghik-", min_size=0, max_size=9)


@given(WORD, WORD)
def test_distance_is_a_distance(a, b):
    assert distance(a, a) == 0
    assert distance(a, b) == distance(b, a)
    assert (distance(a, b) == 0) == (a == b)
    assert distance(a, b) <= max(len(a), len(b))


@given(st.sampled_from(STEP_WORDS), st.data())
def test_one_slip_in_a_step_word_is_guessed(word, data):
    at = data.draw(st.integers(0, len(word) - 1))
    slip = data.draw(st.sampled_from(["drop", "double", "swap", "change"]))
    if slip == "drop":
        typed = word[:at] + word[at + 1 :]
    elif slip == "double":
        typed = word[:at] + word[at] + word[at:]
    elif slip == "swap" and at + 1 < len(word):
        typed = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    else:
        typed = word[:at] + ("z" if word[at] != "z" else "y") + word[at + 1 :]
    if typed in STEP_WORDS or typed == word:
        return
    assert word in close_words(typed, STEP_WORDS)
    assert f"did you mean {word}" in did_you_mean(typed, STEP_WORDS) or " or " in did_you_mean(
        typed, STEP_WORDS
    )
