"""A step, command or option mistyped by a letter or two gets "did you mean ...?"."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("aaa", "a", 2),  # two letters dropped, not one: no swap at the word's start
        ("linkdin", "linkedin", 1),
        ("lniked", "linked", 1),  # two side by side swapped count once
        ("ca", "abc", 3),  # the optimal string alignment distance, not Damerau's 2
        ("", "card", 4),
        ("card", "", 4),
    ],
)
def test_distance_counts_the_edits_between_two_words(a, b, expected):
    assert distance(a, b) == expected


def test_a_word_typed_right_is_no_guess_of_itself():
    assert close_words("card", ["card", "cart"]) == ["cart"]
    assert did_you_mean("card", ["card"]) == ""


def test_at_most_three_guesses_nearest_first_then_in_the_order_given():
    assert close_words("cat", ["rat", "bat", "hat", "mat"]) == ["rat", "bat", "hat"]
    assert close_words("cat", ["rat", "bat", "hat", "mat"], most=4) == ["rat", "bat", "hat", "mat"]


def test_a_long_word_allows_two_letters_and_no_more():
    assert close_words("abcdef", ["abcdxy"]) == ["abcdxy"]
    assert close_words("abcdef", ["abcxyz"]) == []
    assert close_words("abcde", ["abcxy"]) == []  # five letters: one only


def test_several_guesses_are_joined_with_or():
    assert did_you_mean("crd", ["card", "cord"]) == " (did you mean card or cord?)"
