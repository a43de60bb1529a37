"""QA of the trust work: typed times that were read wrong without a word, edits, reminders.

Each test names the case that slipped through: a zone dropped, a date read as another,
a rule of docs/times.md not kept.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from followup.core.when import parse_when
from followup.errors import FollowupError

BERLIN = ZoneInfo("Europe/Berlin")
#: Thursday 26 November 2026, 10:00 in Berlin.
THURSDAY = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def refused(text: str, *, future: bool = False) -> str:
    with pytest.raises(FollowupError) as caught:
        parse_when(text, THURSDAY, BERLIN, [], future=future)
    return str(caught.value)


# A zone that is not alone at the end ("3pm EST.", "3pm (EST)", "3pm EST tomorrow") went
# to the phrase reader, which dropped it: 15:00 Berlin instead of 15:00 New York.
@pytest.mark.parametrize(
    ("text", "right"),
    [
        ("3pm EST.", datetime(2026, 11, 26, 20, 0, tzinfo=UTC)),
        ("3pm (EST)", datetime(2026, 11, 26, 20, 0, tzinfo=UTC)),
        ("3pm est!", datetime(2026, 11, 26, 20, 0, tzinfo=UTC)),
        ("3pm EST tomorrow", datetime(2026, 11, 27, 20, 0, tzinfo=UTC)),
        ("10am IST.", None),  # several meanings: refused without the dot, so with it
        ("3pm HKT.", None),  # a zone nobody reads here: refused without the dot
    ],
)
@pytest.mark.parametrize("future", [False, True])
def test_a_zone_inside_a_phrase_is_never_dropped(text, right, future):
    """Read in its zone, or refused saying why: never the same hour in the local zone."""
    try:
        moment = parse_when(text, THURSDAY, BERLIN, [], future=future)
    except FollowupError as exc:
        assert "zone" in str(exc)
        return
    assert moment == right, f"{text!r} read as {moment.astimezone(BERLIN)}"


def test_a_zone_inside_a_phrase_is_refused_through_the_cli(cli, files):
    before = files()
    run = cli("add", "Acme", "--at", "3pm (EST)")
    assert run.code == 1
    assert run.stderr.count("\n") == 1 and "zone" in run.stderr
    assert files() == before


# A day and month written the German way, with a final dot ("03.04.", "13.02."), missed
# the both-ways rule and went to the phrase reader: "03.04." was today (or tomorrow,
# read ahead), "3.4." March 4, "13.02." yesterday.
@pytest.mark.parametrize("text", ["03.04.", "3.4.", "01.02.", "03/04/", "3.4. 15:00"])
@pytest.mark.parametrize("future", [False, True])
def test_a_day_and_month_with_a_final_dot_that_read_both_ways_is_refused(text, future):
    said = refused(text, future=future)
    assert "day/month" in said and "month/day" in said


@pytest.mark.parametrize(
    ("text", "future", "right"),
    [
        ("13.02.", False, datetime(2026, 2, 13, 8, 0, tzinfo=UTC)),
        ("13.02.", True, datetime(2027, 2, 13, 8, 0, tzinfo=UTC)),
        ("25.12.", False, datetime(2025, 12, 25, 8, 0, tzinfo=UTC)),
        ("24.12. 15:00", True, datetime(2026, 12, 24, 14, 0, tzinfo=UTC)),
    ],
)
def test_a_day_and_month_with_a_final_dot_reads_as_without_it(text, future, right):
    assert parse_when(text, THURSDAY, BERLIN, [], future=future) == right


# A number alone went to the phrase reader, which took it for a month or a year: "9" was
# 1 September, "3rd" and "on the 3rd" 1 March, "the 1st" 1 January, "2026" 1 November.
@pytest.mark.parametrize("text", ["9", "3rd", "on the 3rd", "the 1st", "2026", "21st"])
@pytest.mark.parametrize("future", [False, True])
def test_a_number_alone_is_refused(text, future):
    said = refused(text, future=future)
    assert repr(text) in said


def test_a_number_alone_is_refused_for_a_decision_through_the_cli(cli, files):
    cli("add", "Acme", "--at", "2026-11-25 14:00")
    before = files()
    run = cli("edit", "1", "--decision", "9")
    assert run.code == 1 and "'9'" in run.stderr and run.stderr.count("\n") == 1
    assert files() == before


# "A date typed without a year that is today is today, in either direction": read back,
# "november 26 3pm" said on 26 November at 10:00 was 26 November of the year before
# (its 15:00 is still ahead, so the phrase reader went back a year).
@pytest.mark.parametrize("text", ["november 26 3pm", "26 nov 3pm", "26/11 3pm", "nov 26 11:00"])
@pytest.mark.parametrize("future", [False, True])
def test_a_date_without_a_year_that_is_today_is_today(text, future):
    moment = parse_when(text, THURSDAY, BERLIN, (notes := []), future=future)
    assert moment.astimezone(BERLIN).date() == THURSDAY.date(), text
    assert not notes  # no "took 26 November 2025" either


def test_an_interview_later_today_typed_with_its_date_is_today_through_the_cli(cli):
    run = cli("add", "Acme", "--at", "november 26 3pm", "--json")
    assert run.code == 0
    assert run.json()["at"].startswith("2026-11-26T15:00")
    assert "2025" not in run.stderr


@pytest.mark.parametrize(
    ("text", "future", "year"), [("nov 26 25", False, 2025), ("nov 26 27", True, 2027)]
)
def test_a_two_digit_year_typed_is_kept(text, future, year):
    """Only a year the reader chose is made this year's: 'nov 26 27' is 2027."""
    assert parse_when(text, THURSDAY, BERLIN, [], future=future).year == year


# Numbers that are no day and month either way went to the phrase reader, which made a
# year of one of them: "13/13" was 13 November 2013, "00/12" 1 December 2000 (or 2113
# and 2100 read ahead), refused only as "long ago" or "more than a year ahead".
@pytest.mark.parametrize("text", ["13/13", "00/12", "31/11", "13.13.", "12/00/2026", "32/12"])
@pytest.mark.parametrize("future", [False, True])
def test_numbers_that_are_no_date_either_way_are_refused_as_such(text, future):
    said = refused(text, future=future)
    assert "no date" in said and repr(text) in said


@pytest.mark.parametrize("text", ["21.30", "9.45", "13.15"])
def test_a_time_with_a_dot_is_still_a_time(text):
    moment = parse_when(text, THURSDAY, BERLIN, []).astimezone(BERLIN)
    assert (moment.date(), f"{moment:%H.%M}".lstrip("0")) == (THURSDAY.date(), text)


# A bus address that is no address (a paste gone wrong in the environment) was echoed
# whole on the one line `remind` prints about it: 100,000 characters, or two lines when
# it held a line break.
@pytest.mark.parametrize("address", ["x" * 100_000, "unix:path=/tmp/a\nb"])
def test_a_bad_bus_address_is_quoted_short_on_one_line(address, cli, home):
    cli("add", "Acme", "--at", "2026-11-25 14:00")
    run = cli("remind", env={"DBUS_SESSION_BUS_ADDRESS": address})
    assert run.code == 0
    said = [line for line in run.stderr.splitlines() if "no notification shown" in line]
    assert len(said) == 1 and len(said[0]) < 400, said
    assert run.stderr.count("\n") == 1
