"""Times that are probably typos: more than a year ago (asked about, not taken silently),
and local times that do not exist or happen twice (a daylight-saving change)."""

from __future__ import annotations

import pytest

from terminal import list_all, run_in_terminal

NEW_YORK = {"TZ": "America/New_York"}


@pytest.mark.parametrize("at", ["1999-01-01", "2025-11-20 10:00", "2 years ago"])
def test_a_time_more_than_a_year_ago_is_refused_without_a_terminal(cli, files, at):
    before = files()
    result = cli("add", "Acme", "--at", at)
    assert result.code == 1, result.stdout
    message = result.stderr
    assert message.startswith("error:") and message.count("\n") == 1
    assert repr(at) in message and "ago" in message
    assert "--yes" in message  # how to confirm it
    assert files() == before


def test_yes_confirms_a_time_long_ago(cli):
    result = cli("add", "Acme", "--at", "1999-01-01", "--yes", "--json")
    assert result.code == 0, result.stderr
    assert result.json()["at"] == "1999-01-01T09:00:00+00:00"


def test_a_time_just_under_a_year_ago_is_taken_without_asking(cli):
    result = cli("add", "Acme", "--at", "2025-12-01 10:00", "--json")
    assert result.code == 0, result.stderr


def test_edit_at_long_ago_is_refused_too_and_yes_confirms(cli, files):
    cli("add", "Acme")
    before = files()
    refused = cli("edit", "acme", "--at", "2020-03-01")
    assert refused.code == 1 and "--yes" in refused.stderr
    assert files() == before
    assert cli("edit", "acme", "--at", "2020-03-01", "--yes").code == 0


def test_before_1970_is_refused_even_with_yes(cli, files):
    before = files()
    result = cli("add", "Acme", "--at", "1969-07-20 20:17", "--yes")
    assert result.code == 1
    assert "1969" in result.stderr
    assert files() == before


def test_in_a_terminal_a_time_long_ago_is_asked_about(home):
    code, screen = run_in_terminal(home, ["add", "Acme", "--at", "1999-01-01"], [("?", "n")])
    assert code == 1, screen
    assert "1999" in screen and "ago" in screen
    assert "Nothing was recorded" in screen
    assert list_all(home) == []
    code, screen = run_in_terminal(home, ["add", "Acme", "--at", "1999-01-01"], [("?", "y")])
    assert code == 0, screen
    [iv] = list_all(home)
    assert iv["at"].startswith("1999-01-01")


# ----- daylight-saving changes ------------------------------------------------------


def test_a_time_in_the_spring_gap_is_said_and_moved_forward(cli):
    # 2026-03-08 02:00 in New York: clocks jump to 03:00; 02:30 never happens.
    result = cli("add", "Acme", "--at", "2026-03-08 02:30", "--json", env=NEW_YORK)
    assert result.code == 0, result.stderr
    assert result.json()["at"] == "2026-03-08T07:30:00+00:00"  # 03:30 EDT
    assert "02:30" in result.stderr and "03:30" in result.stderr
    assert "does not exist" in result.stderr


def test_a_time_that_happens_twice_says_which_one_was_taken(cli):
    # 2026-11-01 02:00 in New York: clocks go back to 01:00; 01:30 happens twice.
    result = cli("add", "Acme", "--at", "2026-11-01 01:30", "--json", env=NEW_YORK)
    assert result.code == 0, result.stderr
    assert result.json()["at"] == "2026-11-01T05:30:00+00:00"  # the first: 01:30 EDT
    assert "twice" in result.stderr and "01:30" in result.stderr


def test_an_ordinary_time_says_nothing_about_clocks(cli):
    result = cli("add", "Acme", "--at", "2026-11-20 10:00", "--json", env=NEW_YORK)
    assert result.code == 0
    assert result.stderr == ""
