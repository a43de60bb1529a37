"""Times read right, or refused: zones typed after a time, 15h, negative amounts, dates
that read two ways, dates without a year, weekdays said of the future, and long WHENs.

Each rule is pinned on core/when.py (and core/zones.py) directly and through the CLI.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import NOW_DT
from followup.core.when import MAX_WHEN, parse_decision, parse_when
from followup.core.zones import ABBREVIATIONS, AMBIGUOUS, split_zone
from followup.errors import FollowupError

# Thursday 26 November 2026, 10:00 UTC (the suite's FOLLOWUP_NOW)
BERLIN = ZoneInfo("Europe/Berlin")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def refused(text: str, now: datetime = NOW_DT, **kwargs) -> str:
    with pytest.raises(FollowupError) as info:
        parse_when(text, now, **kwargs)
    return str(info.value)


# ----- zones: abbreviations, each its one fixed offset ---------------------------------


@pytest.mark.parametrize("name", sorted(ABBREVIATIONS))
@pytest.mark.parametrize("day", ["2026-01-12", "2026-07-12"])
def test_each_abbreviation_is_its_fixed_offset_in_winter_and_summer(name, day):
    # EST is -05:00 in July too: that is what it says (EDT is the summer one)
    wall = datetime.fromisoformat(f"{day} 15:00")
    expected = (wall - timedelta(minutes=ABBREVIATIONS[name])).replace(tzinfo=UTC)
    for typed in (name, name.lower()):
        # the local zone plays no part once a zone is typed
        assert parse_when(f"{day} 15:00 {typed}", NOW_DT, tz=BERLIN) == expected
        assert parse_when(f"{day} 15:00 {typed}", NOW_DT, tz=UTC) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10am PST", utc(2026, 11, 26, 18)),
        ("3pm EST", utc(2026, 11, 26, 20)),
        ("9am UTC", utc(2026, 11, 26, 9)),
        ("14:00 +0500", utc(2026, 11, 26, 9)),
        ("9am Europe/Berlin", utc(2026, 11, 26, 8)),
        ("15:00 CET", utc(2026, 11, 26, 14)),
        ("2026-11-12 15:00 EST", utc(2026, 11, 12, 20)),
        ("today 3pm EST", utc(2026, 11, 26, 20)),
        ("yesterday 9:30 JST", utc(2026, 11, 25, 0, 30)),
        ("november 20 2pm PST", utc(2026, 11, 20, 22)),
    ],
)
def test_the_contract_examples_mean_that_time_in_that_zone(text, expected):
    assert parse_when(text, NOW_DT, tz=UTC) == expected
    assert parse_when(text, NOW_DT, tz=ZoneInfo("Asia/Tokyo")) == expected


def test_a_zone_name_follows_daylight_saving():
    assert parse_when("2026-07-12 15:00 America/New_York", NOW_DT, tz=UTC) == utc(2026, 7, 12, 19)
    assert parse_when("2026-12-12 15:00 America/New_York", NOW_DT, tz=UTC) == utc(2026, 12, 12, 20)
    assert parse_when("2026-07-12 9am Europe/Berlin", NOW_DT, tz=UTC) == utc(2026, 7, 12, 7)
    # any case, as people type it
    assert parse_when("2026-07-12 9am europe/berlin", NOW_DT, tz=UTC) == utc(2026, 7, 12, 7)


def test_a_skipped_hour_in_a_zone_typed_is_said_naming_that_zone():
    notes: list[str] = []
    moment = parse_when("2027-03-28 02:30 Europe/Berlin", NOW_DT, tz=UTC, notes=notes)
    assert moment == utc(2027, 3, 28, 1, 30)
    assert notes == [
        "02:30 on Sun 28 Mar 2027 does not exist in Europe/Berlin (the clocks go forward "
        "that night): took 03:30 CEST instead"
    ]


def test_the_day_of_a_time_with_a_zone_is_that_zones_day():
    # 00:30 on Friday the 27th in Berlin is 18:30 on Thursday the 26th in New York:
    # "3pm EST" is that Thursday afternoon, 21:00 in Berlin, not Friday's
    late = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    assert parse_when("3pm EST", late, tz=BERLIN) == utc(2026, 11, 26, 20)
    assert parse_when("today 3pm EST", late, tz=BERLIN) == utc(2026, 11, 26, 20)
    # without the zone, "3pm" is Berlin's own Friday
    assert parse_when("3pm", late, tz=BERLIN) == utc(2026, 11, 27, 14)


# ----- zones: offsets ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00 +05:00", utc(2026, 11, 26, 9)),
        ("14:00 +05", utc(2026, 11, 26, 9)),
        ("14:00+0530", utc(2026, 11, 26, 8, 30)),
        ("3pm -05:00", utc(2026, 11, 26, 20)),
        ("3pm-0500", utc(2026, 11, 26, 20)),
        ("3pm \u221205:00", utc(2026, 11, 26, 20)),  # a typographic minus
        ("14:00 UTC-3", utc(2026, 11, 26, 17)),
        ("14:00 GMT+5:30", utc(2026, 11, 26, 8, 30)),
        ("14:00 UTC +1", utc(2026, 11, 26, 13)),
        ("14:00 Z", utc(2026, 11, 26, 14)),
        ("14:00Z", utc(2026, 11, 26, 14)),
        ("2026-11-25 14:00 -0800", utc(2026, 11, 25, 22)),
        ("2026-11-25T14:00+01:00", utc(2026, 11, 25, 13)),
    ],
)
def test_offsets_in_every_unambiguous_form(text, expected):
    assert parse_when(text, NOW_DT, tz=BERLIN) == expected


@given(
    minutes=st.integers(min_value=-12 * 4, max_value=14 * 4).map(lambda q: q * 15),
    compact=st.booleans(),
)
def test_any_offset_on_the_clock_is_read_as_written(minutes, compact):
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    offset = f"{sign}{hours:02}{'' if compact else ':'}{rest:02}"
    wall = datetime(2026, 11, 20, 14, 0)
    expected = (wall - timedelta(minutes=minutes)).replace(tzinfo=UTC)
    assert parse_when(f"2026-11-20 14:00 {offset}", NOW_DT, tz=BERLIN) == expected


def test_a_one_digit_offset_alone_is_refused_as_it_could_be_an_amount():
    message = refused("14:00 -3", tz=UTC)
    assert message == "'-3' could be an offset or an amount: write the offset as -03:00 or UTC-3"


@pytest.mark.parametrize(
    ("offset", "minutes"), [("+14:00", 14 * 60), ("-12:00", -12 * 60), ("+01:59", 119)]
)
def test_the_clocks_furthest_from_utc_and_the_last_minute_of_an_hour_are_read(offset, minutes):
    expected = utc(2026, 11, 25, 14) - timedelta(minutes=minutes)
    assert parse_when(f"2026-11-25T14:00{offset}", NOW_DT, tz=UTC) == expected


@pytest.mark.parametrize(
    "offset", ["+15:00", "-14:30", "+05:75", "+99:00", "+14:01", "-12:01", "-13:00", "+01:60"]
)
def test_an_offset_off_every_clock_is_refused(offset):
    message = refused(f"2026-11-25T14:00{offset}", tz=UTC)
    assert message.startswith(f"{offset!r} is no UTC offset: they run from -12:00 to +14:00")


# ----- zones: refused, naming the choices ---------------------------------------------


@pytest.mark.parametrize("name", sorted(AMBIGUOUS))
def test_an_abbreviation_with_several_meanings_is_refused_naming_each(name):
    message = refused(f"10am {name}", tz=UTC)
    assert message.startswith(f"{name!r} has several meanings: ")
    for place, offset, zone in AMBIGUOUS[name]:
        assert f"{place} ({offset}, {zone})" in message
    assert "write the offset or the zone name" in message


def test_ist_names_india_ireland_and_israel():
    assert refused("10am IST", tz=UTC) == (
        "'IST' has several meanings: India (+05:30, Asia/Kolkata), Ireland (+01:00, "
        "Europe/Dublin) or Israel (+02:00, Asia/Jerusalem): write the offset or the zone "
        "name instead, e.g. 3pm +05:30 or 3pm Asia/Kolkata"
    )


@pytest.mark.parametrize(
    "text", ["3pm XYZ", "3pm HKT", "3pm hkt", "2026-11-25 14:00 CDT", "9am Mars/Base"]
)
def test_an_unknown_zone_word_is_refused_naming_an_offset_and_a_zone_name(text):
    word = text.split()[-1]
    message = refused(text, tz=UTC)
    assert message.startswith(f"unknown time zone {word!r}")
    assert message.endswith(
        "write an offset (3pm -05:00, 14:00 +0530) or a zone name (3pm America/New_York)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "next week friday", "some friday", "5 days ago", "in 2 weeks time", "3pm sharp",
        "2 days ago ish", "december first", "3pm Xyz", "NEXT WEEK",
    ],
)  # fmt: skip
def test_a_last_word_that_is_no_zone_is_not_called_one(text):
    try:
        parse_when(text, NOW_DT, tz=UTC, future=True)
    except FollowupError as exc:
        assert "zone" not in str(exc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 14:00+05:00", ("tomorrow 14:00", timezone(timedelta(hours=5)), "+05:00")),
        ("tomorrow 14:00Z", ("tomorrow 14:00", UTC, "Z")),
        ("14:00z", ("14:00", UTC, "Z")),  # as typed, but for the letter's case
        ("tomorrow 14:00X", ("tomorrow 14:00X", None, None)),
        ("3pm UTC X", ("3pm UTC X", None, None)),  # "UTC" then no offset: no zone
    ],
)
def test_the_zone_is_split_off_the_end_and_the_rest_kept_word_for_word(text, expected):
    assert split_zone(text) == expected


def test_a_weekday_with_a_zone_is_read_ahead_for_a_time_ahead():
    # Thursday 26 November: "friday" of a decision is tomorrow, of an interview last week's
    assert parse_when("friday 3pm EST", NOW_DT, tz=BERLIN, future=True) == utc(2026, 11, 27, 20)
    assert parse_when("friday 3pm EST", NOW_DT, tz=BERLIN) == utc(2026, 11, 20, 20)


def test_local_after_a_time_is_the_local_zone():
    assert parse_when("yesterday 3pm local", NOW_DT, tz=BERLIN) == utc(2026, 11, 25, 14)


def test_two_zones_and_a_zone_without_a_time_are_refused():
    assert refused("2026-11-25T14:00+01:00 EST", tz=UTC) == (
        "'2026-11-25T14:00+01:00 EST' gives two time zones: keep one"
    )
    assert refused("today EST EST", tz=UTC) == "'today EST EST' gives two time zones: keep one"
    assert refused("UTC +5", tz=UTC) == "'UTC +5' gives a time zone but no time: e.g. 3pm UTC+5"
    assert refused("+05:00", tz=UTC) == "'+05:00' gives a time zone but no time: e.g. 3pm +05:00"
    assert refused("\u221205:00", tz=UTC) == (
        "'\u221205:00' gives a time zone but no time: e.g. 3pm \u221205:00"
    )


# ----- 15h, negative amounts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15h", utc(2026, 11, 26, 15)),
        ("today 9h", utc(2026, 11, 26, 9)),
        ("yesterday 15h", utc(2026, 11, 25, 15)),
        ("november 20 15h", utc(2026, 11, 20, 15)),
        ("november 20 15h30", utc(2026, 11, 20, 15, 30)),
        ("3h ago", utc(2026, 11, 26, 7)),  # an amount stays an amount
    ],
)
def test_15h_is_fifteen_hundred(text, expected):
    assert parse_when(text, NOW_DT, tz=UTC) == expected


@pytest.mark.parametrize(
    "text", ["-5 days ago", "- 5 days ago", "\u22125 days ago", "-2 hours ago"]
)
def test_a_negative_amount_is_refused(text):
    assert refused(text, tz=UTC).startswith(f"{text!r} has a negative amount: ")


def test_a_negative_amount_is_refused_for_a_decision_too():
    with pytest.raises(FollowupError, match="negative amount"):
        parse_decision("in -3 days", NOW_DT, UTC)


# ----- a day and month that read both ways --------------------------------------------


def test_a_date_that_reads_both_ways_names_both_dates():
    assert refused("03/04/2026", tz=UTC) == (
        "'03/04/2026' could be 3 April 2026 (day/month) or March 4, 2026 (month/day): "
        "write the date as year-month-day, 2026-04-03 or 2026-03-04"
    )
    assert "could be 3 April" in refused("03-04-2026", tz=UTC)  # dashes too


@given(st.integers(1, 12), st.integers(1, 12), st.sampled_from(["/", ".", "-"]))
def test_every_day_and_month_up_to_12_that_differ_is_refused(first, second, sep):
    if first == second:
        return
    with pytest.raises(FollowupError, match="could be"):
        parse_when(f"{first:02}{sep}{second:02}{sep}2026", NOW_DT, tz=UTC)


@given(st.integers(13, 31), st.integers(1, 12))
def test_a_day_past_12_reads_one_way(day, month):
    try:
        expected = utc(2026, month, day, 9)
    except ValueError:  # 31/04
        return
    assert parse_when(f"{day}/{month}/2026", NOW_DT, tz=UTC) == expected


def test_25_12_is_christmas_without_asking():
    assert parse_when("25/12", NOW_DT, tz=UTC) == utc(2025, 12, 25, 9)  # the most recent
    assert parse_decision("25/12", NOW_DT, UTC) == utc(2026, 12, 25, 9)  # the coming one


# ----- a date without a year: the most recent, or the coming one ----------------------


def test_a_date_without_a_year_is_the_most_recent_for_an_interview():
    notes: list[str] = []
    assert parse_when("december 1", NOW_DT, tz=UTC, notes=notes) == utc(2025, 12, 1, 9)
    assert notes == ["'december 1' has no year: took 1 December 2025, the most recent one"]
    notes.clear()
    # today itself is the most recent one, and this year's is said nothing about
    assert parse_when("november 26", NOW_DT, tz=UTC, notes=notes) == utc(2026, 11, 26, 9)
    assert parse_when("november 27", NOW_DT, tz=UTC, notes=notes) == utc(2025, 11, 27, 9)
    assert notes == ["'november 27' has no year: took 27 November 2025, the most recent one"]


def test_a_date_without_a_year_is_the_coming_one_when_read_forward():
    notes: list[str] = []
    assert parse_when("march 3", NOW_DT, tz=UTC, notes=notes, future=True) == utc(2027, 3, 3, 9)
    assert notes == ["'march 3' has no year: took 3 March 2027, the coming one"]
    notes.clear()
    assert parse_decision("november 26", NOW_DT, UTC, notes=notes) == utc(2026, 11, 26, 9)
    assert parse_decision("november 25", NOW_DT, UTC, notes=notes) == utc(2027, 11, 25, 9)
    assert parse_decision("december 4", NOW_DT, UTC, notes=notes) == utc(2026, 12, 4, 9)
    assert notes == ["'november 25' has no year: took 25 November 2027, the coming one"]


def test_a_date_with_its_year_says_nothing_about_it():
    notes: list[str] = []
    assert parse_when("december 1 2025", NOW_DT, tz=UTC, notes=notes) == utc(2025, 12, 1, 9)
    assert parse_decision("march 3 2027", NOW_DT, UTC, notes=notes) == utc(2027, 3, 3, 9)
    assert notes == []


WEDNESDAY = date(2026, 11, 25)


# ----- a weekday said of the future: the first such day and time after now ------------


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        (9, utc(2026, 11, 25, 10)),  # 10:00 is still ahead: today
        (10, utc(2026, 12, 2, 10)),  # 10:00 is now: not after now, so next week
        (11, utc(2026, 12, 2, 10)),  # passed: next week
    ],
)
def test_a_weekday_read_forward_is_the_first_such_day_and_time_after_now(clock, expected):
    now = datetime.combine(WEDNESDAY, datetime.min.time(), UTC).replace(hour=clock)
    assert parse_when("wednesday 10am", now, tz=UTC, future=True) == expected
    assert parse_decision("wednesday 10am", now, UTC) == expected
    # read back (an interview's time), it is this Wednesday whatever the hour
    assert parse_when("wednesday 10am", now, tz=UTC) == utc(2026, 11, 25, 10)


def test_a_bare_weekday_read_forward_is_nine_that_day_if_still_ahead():
    early = datetime(2026, 11, 25, 8, tzinfo=UTC)
    assert parse_decision("wednesday", early, UTC) == utc(2026, 11, 25, 9)
    assert parse_decision("wednesday", early.replace(hour=9), UTC) == utc(2026, 12, 2, 9)
    assert parse_decision("next wednesday", early, UTC) == utc(2026, 12, 2, 9)


@given(
    now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    weekday=st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday"]),
    hour=st.integers(0, 23),
)
def test_a_weekday_read_forward_is_within_the_week_after_now(now, weekday, hour):
    now = now.replace(tzinfo=UTC)
    moment = parse_when(f"{weekday} {hour}:00", now, tz=UTC, future=True)
    assert now < moment <= now + timedelta(weeks=1)
    assert moment.strftime("%A").lower() == weekday and moment.hour == hour


# ----- long WHENs: refused at once, quoted short ---------------------------------------


def test_a_when_of_200_characters_is_read_and_201_refused():
    assert parse_when(" " * (MAX_WHEN - 5) + "today", NOW_DT, tz=UTC) == utc(2026, 11, 26, 9)
    message = refused(" " * (MAX_WHEN - 4) + "today", tz=UTC)
    assert "is 201 characters long: a time is at most 200" in message


def test_a_long_when_is_quoted_by_its_first_60_characters():
    text = "1 " * 50_000
    started = time.perf_counter()
    message = refused(text, tz=UTC)
    assert time.perf_counter() - started < 0.05
    quote = "'" + text[:59] + "…'"
    assert message.startswith(f"{quote} is 100,000 characters long")


@given(st.text(min_size=61, max_size=MAX_WHEN))
def test_no_time_error_quotes_more_than_60_characters_of_what_was_typed(text):
    try:
        parse_when(text, NOW_DT, tz=UTC, future=True)
    except FollowupError as exc:
        message = str(exc)
        # no 61 characters typed in a row appear in the message
        assert not any(text[i : i + 61] in message for i in range(len(text) - 60))


@pytest.mark.parametrize("zone", ["UTC", "GMT", "utc", "gmt"])
def test_an_offset_after_utc_or_gmt_and_a_space_is_read(zone):
    assert parse_when(f"2026-11-25 3pm {zone} +5", NOW_DT, tz=BERLIN) == utc(2026, 11, 25, 10)
