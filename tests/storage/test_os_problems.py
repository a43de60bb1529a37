"""storage.os_problems: an operating-system error in the user's words, with the system's."""

from __future__ import annotations

import errno

import pytest

from followup.storage.os_problems import os_problem


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full: free some space and try again"),
        (errno.EPERM, "the operation is not permitted: check the folder's owner and permissions"),
        (errno.EIO, "the disk reported an input/output error (it may be failing)"),
    ],
)
def test_a_known_problem_is_said_in_words_then_in_the_systems(code, words):
    assert os_problem(OSError(code, "System words")) == f"{words} (System words)"


def test_an_unknown_problem_is_said_in_the_systems_words_alone():
    assert os_problem(OSError(errno.ENOTEMPTY, "Directory not empty")) == "Directory not empty"


def test_an_error_with_no_number_is_its_own_text_and_no_known_problem():
    # errno None must not be read as any number of the table (EPERM is 1)
    assert os_problem(OSError("the device went away")) == "the device went away"
    assert os_problem(OSError(None, "said without a number")) == "said without a number"
