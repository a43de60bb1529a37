"""A step, command or option mistyped by a letter or two gets "did you mean ...?"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import ACME

from followup.core.guess import close_words, did_you_mean, distance
from followup.core.kinds import STEP_WORDS


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("linkdin", "linkedin"),
        ("lnkdin", "linkedin"),
        ("emial", "email"),
        ("emal", "email"),
        ("crd", "card"),
        ("CARDS", "card"),
        ("phon", "phone"),
        ("chekin", "checkin"),
        ("thankyou", "thank-you"),
    ],
)
def test_a_step_a_letter_or_two_off_is_guessed(cli, files, typed, meant):
    assert cli(*ACME).code == 0
    before = files()
    run = cli("done", "1", typed)
    assert run.code == 1
    assert f"unknown step {typed!r} (did you mean {meant}?)" in run.stderr
    assert "Traceback" not in run.stderr and files() == before


@pytest.mark.parametrize("command", ["skip", "reopen", "draft"])
def test_every_command_that_reads_a_step_guesses(cli, command):
    assert cli(*ACME).code == 0
    run = cli(command, "1", "linkdin", "--who", "jane")
    assert run.code == 1 and "(did you mean linkedin?)" in run.stderr


def test_a_word_far_from_every_step_gets_no_guess(cli):
    assert cli(*ACME).code == 0
    run = cli("done", "1", "lunch")
    assert run.code == 1 and "did you mean" not in run.stderr
    assert "use one of email, linkedin" in run.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("lst",), "no such command 'lst' (did you mean list?)"),
        (("stauts",), "no such command 'stauts' (did you mean stats or status?)"),
        (("done", "1", "email", "--whoo", "jane"), "no such option '--whoo'"),
        (("list", "--al"), "(did you mean --all?)"),
        (("close", "1", "--outcome", "offr"), "(did you mean offer?)"),
        (("close", "1", "--outcome", "rejectd"), "(did you mean rejected?)"),
        (("export", "--format", "jsn"), "(did you mean json?)"),
    ],
)
def test_commands_options_and_choices_mistyped_are_guessed(cli, files, args, said):
    assert cli(*ACME).code == 0
    before = files()
    run = cli(*args)
    assert run.code == 2, run.stderr
    assert said in run.stderr and "did you mean" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and files() == before


def test_a_choice_far_from_every_one_gets_no_guess(cli):
    run = cli("export", "--format", "xml")
    assert run.code == 2 and "did you mean" not in run.stderr


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
