"""core.when: tested directly (time passed in), and through the commands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.when import parse_decision, parse_when
from followup.errors import FollowupError

# ----------------------------------------------------------------------------
# When they said they would decide (`--decision`): the phrases, read forward, as users
# say them, on each day of the week, in the local zone, with the public holidays set.


THURSDAY = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def on(day: int, hour: int = 9) -> datetime:
    """Day `day` counted from 1 November 2026 (31 is 1 December), at `hour` UTC."""
    return datetime(2026, 11, 1, hour, tzinfo=UTC) + timedelta(days=day - 1)


#: Said on Thursday 26 November 2026: the day each phrase names, at 09:00.
THURSDAY_PHRASES = {
    "next week": on(34), "end of next week": on(34), "the end of next week": on(34),
    "this week": on(27), "end of the week": on(27), "the end of the week": on(27),
    "end of this week": on(27), "the end of this week": on(27), "end of week": on(27),
    "by next week": on(34), "Before  Friday": on(27), "until the end of the week": on(27),
    "around next week": on(34), "on friday": on(27), "friday": on(27),
    "until friday": on(27), "by friday": on(27), "this friday": on(27),
    "in 3 days": on(29), "within 3 days": on(29), "in a week": on(33), "in an week": on(33),
    "in one day": on(27), "in two weeks": on(40), "in three days": on(29),
    "in four days": on(30), "in 10 days": on(36), "within a week": on(33),
    "in 3 business days": on(31), "in 2 working days": on(30), "in 1 business day": on(27),
    "within 4 working days": on(32),
}  # fmt: skip


@pytest.mark.parametrize("phrase", THURSDAY_PHRASES)
def test_a_decision_phrase_names_a_day_ahead_at_nine(phrase):
    assert parse_decision(phrase, THURSDAY) == THURSDAY_PHRASES[phrase]


@pytest.mark.parametrize(
    ("now", "phrase", "expected"),
    [
        # on the Friday itself, "this week" is today and "friday" a week on
        (on(27, 10), "this week", on(27)),
        (on(27, 10), "next week", on(34)),
        (on(27, 10), "friday", on(34)),
        # at the weekend the week is over: this week and next week are the coming one
        (on(28, 10), "this week", on(34)),
        (on(28, 10), "next week", on(34)),
        (on(29, 10), "end of next week", on(34)),
        (on(29, 10), "the end of the week", on(34)),
        # on Monday, this week is its own Friday
        (on(30, 10), "this week", on(34)),
        (on(30, 10), "next week", on(41)),
        # business days from a Friday skip the weekend
        (on(27, 10), "in 1 business day", on(30)),
    ],
)
def test_week_phrases_depend_on_the_day_they_are_said(now, phrase, expected):
    assert parse_decision(phrase, now) == expected


def test_the_day_and_nine_o_clock_are_local():
    new_york = ZoneInfo("America/New_York")
    late_thursday = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)  # Thursday 22:00 in New York
    nine_in_new_york = {27: 14, 29: 14, 34: 14}  # 09:00 EST is 14:00 UTC
    for phrase, day in (("this week", 27), ("in 3 days", 29), ("next week", 34),
                        ("in 1 business day", 27)):  # fmt: skip
        assert parse_decision(phrase, late_thursday, new_york) == on(day, nine_in_new_york[day])
    # in UTC it is already Friday: the same phrases name other days
    assert parse_decision("in 3 days", late_thursday) == on(30)


# ----- phrases read by dateparser ------------------------------------------------------


def test_a_date_said_of_the_future_keeps_the_year_typed():
    fourth = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    # on its own day, "december 4" is today; with a year, that year
    assert parse_decision("december 4", fourth) == datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    assert parse_decision("december 4 2027", fourth) == datetime(2027, 12, 4, 9, 0, tzinfo=UTC)
    # 29 February said in a year without one: the next year that has it
    june = datetime(2027, 6, 1, 10, 0, tzinfo=UTC)
    assert parse_decision("february 29", june) == datetime(2028, 2, 29, 9, 0, tzinfo=UTC)


def test_a_phrase_of_the_past_is_not_moved_to_this_year():
    from followup.core.when import parse_when

    assert parse_when("nov 26 25", THURSDAY) == datetime(2025, 11, 26, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        # dateparser alone: 1927 read back, 2125 and 2126 read ahead
        ("jan 5 27", False, datetime(2027, 1, 5, 9, 0, tzinfo=UTC)),
        ("5 jan 27 3pm", False, datetime(2027, 1, 5, 15, 0, tzinfo=UTC)),
        ("jan 5 27", True, datetime(2027, 1, 5, 9, 0, tzinfo=UTC)),
        ("nov 3 25", True, datetime(2025, 11, 3, 9, 0, tzinfo=UTC)),
        ("jan 5 26", True, datetime(2026, 1, 5, 9, 0, tzinfo=UTC)),
        # the nearer century: 1999 is 27 years back, 2099 73 ahead; 2070 is the nearer
        # of 1970 and 2070
        ("jan 5 99", True, datetime(1999, 1, 5, 9, 0, tzinfo=UTC)),
        ("jan 5 70", False, datetime(2070, 1, 5, 9, 0, tzinfo=UTC)),
    ],
)
def test_a_two_digit_year_is_the_nearer_century_whichever_way_it_is_read(text, future, expected):
    """A year typed with two digits is a year given: read in the century nearer now (the
    caller refuses it if it lies the wrong way), with no note that it has no year."""
    notes: list[str] = []
    assert parse_when(text, THURSDAY, UTC, notes, future=future) == expected
    assert notes == []


#: Friday 27 November 2026, 08:00 UTC.
FRIDAY_EARLY = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (FRIDAY_EARLY, "in a month", datetime(2026, 12, 27, 9, 0, tzinfo=UTC)),
        (FRIDAY_EARLY, "in 2 months", datetime(2027, 1, 27, 9, 0, tzinfo=UTC)),
        (FRIDAY_EARLY, "within 2 months", datetime(2027, 1, 27, 9, 0, tzinfo=UTC)),
        (FRIDAY_EARLY, "in six months", datetime(2027, 5, 27, 9, 0, tzinfo=UTC)),
        (FRIDAY_EARLY, "in a year", datetime(2027, 11, 27, 9, 0, tzinfo=UTC)),
        (FRIDAY_EARLY, "in a month at 3pm", datetime(2026, 12, 27, 15, 0, tzinfo=UTC)),
        # a shorter month: its last day
        (datetime(2027, 1, 31, 8, tzinfo=UTC), "in a month", datetime(2027, 2, 28, 9, tzinfo=UTC)),
        # a month with no day named is still its first day
        (FRIDAY_EARLY, "next month", datetime(2026, 12, 1, 9, 0, tzinfo=UTC)),
        (FRIDAY_EARLY, "in 3 weeks", datetime(2026, 12, 18, 9, 0, tzinfo=UTC)),
    ],
)
def test_an_amount_of_months_ahead_keeps_the_day_of_the_month(now, text, expected):
    """dateparser, told to take the first of a month a date leaves open ("december"),
    took it for "in a month" too: said on 27 November, 1 December, four days on."""
    assert parse_decision(text, now) == expected


@pytest.mark.parametrize(
    ("text", "tz", "future", "expected"),
    [
        # THURSDAY is 10:00 UTC: read ahead, a time gone today is tomorrow's
        ("9am", UTC, True, datetime(2026, 11, 27, 9, 0, tzinfo=UTC)),
        ("10am", UTC, True, datetime(2026, 11, 27, 10, 0, tzinfo=UTC)),  # now exactly
        ("10:01", UTC, True, datetime(2026, 11, 26, 10, 1, tzinfo=UTC)),
        ("9am", UTC, False, datetime(2026, 11, 26, 9, 0, tzinfo=UTC)),
        ("11am", UTC, False, datetime(2026, 11, 26, 11, 0, tzinfo=UTC)),
        # in Berlin it is 11:00: its 10am has gone, its noon has not
        ("10am", ZoneInfo("Europe/Berlin"), True, datetime(2026, 11, 27, 9, 0, tzinfo=UTC)),
        ("noon", ZoneInfo("Europe/Berlin"), True, datetime(2026, 11, 26, 11, 0, tzinfo=UTC)),
        # 10:30 has gone in Berlin (09:30 UTC), not yet in UTC: Berlin's clock decides
        ("10:30", ZoneInfo("Europe/Berlin"), True, datetime(2026, 11, 27, 9, 30, tzinfo=UTC)),
    ],
)
def test_a_bare_time_read_ahead_is_tomorrow_s_once_it_has_passed(text, tz, future, expected):
    assert parse_when(text, THURSDAY, tz, future=future) == expected


@pytest.mark.parametrize(
    ("future", "year", "said"),
    [
        (False, 2026, []),
        (True, 2027, ["'jan 27' has no year: took 27 January 2027, the coming one"]),
    ],
)
def test_a_day_of_the_month_that_could_be_a_year_is_still_a_day(future, year, said):
    """'jan 27' is 27 January with no year (a note says so when it is not this year's),
    not January 1927 or 2027."""
    notes: list[str] = []
    assert parse_when("jan 27", THURSDAY, UTC, notes, future=future) == datetime(
        year, 1, 27, 9, 0, tzinfo=UTC
    )
    assert notes == said


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (THURSDAY, "a year ago", datetime(2025, 11, 26, 9, 0, tzinfo=UTC)),
        (THURSDAY, "12 months ago", datetime(2025, 11, 26, 9, 0, tzinfo=UTC)),
        (THURSDAY, "one month ago", datetime(2026, 10, 26, 9, 0, tzinfo=UTC)),
        (THURSDAY, "3 months ago", datetime(2026, 8, 26, 9, 0, tzinfo=UTC)),
        (THURSDAY, "2 years ago", datetime(2024, 11, 26, 9, 0, tzinfo=UTC)),
        (THURSDAY, "11 months ago", datetime(2025, 12, 26, 9, 0, tzinfo=UTC)),
        # no 31 February: the last day there is
        (
            datetime(2026, 3, 31, 12, tzinfo=UTC),
            "a month ago",
            datetime(2026, 2, 28, 9, tzinfo=UTC),
        ),
        (
            datetime(2028, 3, 31, 12, tzinfo=UTC),
            "1 month ago",
            datetime(2028, 2, 29, 9, tzinfo=UTC),
        ),
        (datetime(2028, 2, 29, 12, tzinfo=UTC), "a year ago", datetime(2027, 2, 28, 9, tzinfo=UTC)),
        (
            datetime(2026, 12, 31, 12, tzinfo=UTC),
            "a month ago",
            datetime(2026, 11, 30, 9, tzinfo=UTC),
        ),
        # and minutes stay minutes
        (THURSDAY, "5 m ago", datetime(2026, 11, 26, 9, 55, tzinfo=UTC)),
    ],
)
def test_months_and_years_ago_are_the_same_day_back(now, text, expected):
    """dateparser read 'a year ago' as the 1st of that month."""
    from followup.core.when import parse_when

    assert parse_when(text, now) == expected


def test_whatever_dateparser_raises_the_user_gets_the_hint(monkeypatch):
    import dateparser

    from followup.core.when import parse_when
    from followup.errors import FollowupError

    def breaks(*args, **kwargs):
        raise RecursionError("deep")

    monkeypatch.setattr(dateparser, "parse", breaks)
    with pytest.raises(FollowupError) as info:
        parse_when("the day after the fair", THURSDAY)
    assert str(info.value) == (
        "can't read the time 'the day after the fair': try 2026-11-25 14:00, today 14:00, "
        "yesterday 3pm or 'last friday 10am'"
    )


def test_a_phrase_comes_back_in_utc_and_says_when_the_clock_skips_it(monkeypatch):
    import time

    from followup.core.when import parse_when

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    notes: list[str] = []
    # 28 March 2027: Berlin's clocks go from 02:00 to 03:00
    moment = parse_when("march 28 2027 2:30am", THURSDAY, notes=notes)
    assert moment.utcoffset() == timedelta(0)
    assert moment == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)  # 03:30 CEST
    assert notes == [
        "02:30 on Sun 28 Mar 2027 does not exist in your time zone (the clocks go forward "
        "that night): took 03:30 CEST instead"
    ]


def test_weekday_and_week_phrases_are_read_without_dateparser(monkeypatch):
    """followup's own rules read these; dateparser (slow to load, and less sure of what
    `this friday` means in a decision) is only for the other phrases."""
    import dateparser

    from followup.core.when import parse_when

    def refuses(*args, **kwargs):
        raise AssertionError("dateparser was asked")

    monkeypatch.setattr(dateparser, "parse", refuses)
    monday = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    for phrase, expected in [
        ("last friday", on(20)), ("last monday 10am", on(16, 10)), ("friday", on(20)),
        ("this friday", on(20)), ("past tuesday", on(17)), ("next monday", on(30)),
        ("next friday 3pm", on(27, 15)), ("monday", on(23)),
    ]:  # fmt: skip
        assert parse_when(phrase, monday) == expected, phrase
    for phrase in THURSDAY_PHRASES:
        assert parse_decision(phrase, THURSDAY) == THURSDAY_PHRASES[phrase], phrase
    # said of a decision, "this friday" and "friday" are the coming one, not the last
    assert parse_decision("this friday", monday) == on(27)
    assert parse_decision("by friday", monday) == on(27)


BERLIN = ZoneInfo("Europe/Berlin")


# ----- ISO times and the local zone ---------------------------------------------------


def test_iso_dates_and_times_are_read_in_the_zone_given():
    from followup.core.when import parse_when

    assert parse_when("2026-11-25", THURSDAY, BERLIN) == datetime(2026, 11, 25, 8, tzinfo=UTC)
    assert parse_when("2026-11-25 2pm", THURSDAY, BERLIN) == datetime(2026, 11, 25, 13, tzinfo=UTC)
    assert parse_when("2026-11-25T14:00", THURSDAY, BERLIN) == datetime(
        2026, 11, 25, 13, tzinfo=UTC
    )
    # an offset or Z says the zone itself
    assert parse_when("2026-11-25T14:00Z", THURSDAY, BERLIN) == datetime(
        2026, 11, 25, 14, tzinfo=UTC
    )
    assert parse_when("2026-11-25t14:00+01:00", THURSDAY) == datetime(2026, 11, 25, 13, tzinfo=UTC)


def test_a_time_on_the_day_the_clocks_change_keeps_the_offset_of_that_time():
    from followup.core.when import parse_when

    # 28 March 2027, Berlin: 02:00 CET becomes 03:00 CEST; 10:00 is summer time
    assert parse_when("2027-03-28 10:00", THURSDAY, BERLIN) == datetime(2027, 3, 28, 8, tzinfo=UTC)
    assert parse_when("2027-03-28 01:00", THURSDAY, BERLIN) == datetime(2027, 3, 28, 0, tzinfo=UTC)
    # 31 October 2027: 03:00 CEST becomes 02:00 CET; 10:00 is winter time
    assert parse_when("2027-10-31 10:00", THURSDAY, BERLIN) == datetime(2027, 10, 31, 9, tzinfo=UTC)


@pytest.mark.parametrize("typed", ["2027-03-28 02:30", "2027-03-28T02:30:00", "2027-03-28 2:30am"])
def test_an_iso_time_the_clocks_skip_is_said_in_the_zone_given(typed):
    from followup.core.when import parse_when

    notes: list[str] = []
    assert parse_when(typed, THURSDAY, BERLIN, notes) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert notes == [
        "02:30 on Sun 28 Mar 2027 does not exist in your time zone (the clocks go forward "
        "that night): took 03:30 CEST instead"
    ]


def test_an_iso_time_that_happens_twice_is_the_first_and_said():
    from followup.core.when import parse_when

    notes: list[str] = []
    moment = parse_when("2027-10-31 02:30", THURSDAY, BERLIN, notes)
    assert moment == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # 02:30 CEST
    assert notes == [
        "02:30 on Sun 31 Oct 2027 happens twice (the clocks go back that night): took the "
        "first, 02:30 CEST"
    ]


def test_a_decision_comes_back_in_utc_whatever_the_local_zone(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    for phrase in ("next week", "in 3 days", "in 2 business days", "friday"):
        moment = parse_decision(phrase, THURSDAY)
        assert moment.utcoffset() == timedelta(0) and moment.hour == 8, (phrase, moment)


def test_an_interview_up_to_366_days_ahead_is_taken_and_no_later():
    from followup.core.when import parse_interview_time
    from followup.errors import FollowupError

    assert parse_interview_time("2027-11-27T10:00:00+00:00", THURSDAY) == datetime(
        2027, 11, 27, 10, tzinfo=UTC
    )
    with pytest.raises(FollowupError) as info:
        parse_interview_time("2027-11-27T10:01:00+00:00", THURSDAY)
    assert str(info.value) == (
        "'2027-11-27T10:01:00+00:00' is 2027-11-27, more than a year from now: check the year"
    )


def test_decisions_in_a_zone_given_count_its_days_and_its_business_days():
    auckland = ZoneInfo("Pacific/Auckland")
    friday_there = datetime(2026, 11, 26, 22, 0, tzinfo=UTC)  # Friday 27, 11:00 NZDT
    monday_nine = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)  # Monday 30, 09:00 NZDT
    assert parse_decision("in 1 business day", friday_there, auckland) == monday_nine
    new_york = ZoneInfo("America/New_York")
    assert parse_decision("december 4", THURSDAY, new_york) == datetime(2026, 12, 4, 14, tzinfo=UTC)


def test_a_date_that_does_not_exist_is_named():
    from followup.core.when import parse_when
    from followup.errors import FollowupError

    with pytest.raises(FollowupError) as info:
        parse_when("2026-02-30", THURSDAY)
    assert str(info.value) == "bad date '2026-02-30': day is out of range for month"
    with pytest.raises(FollowupError) as info:
        parse_when("2030 years ago", THURSDAY)
    assert str(info.value) == "'2030 years ago' is out of the range of dates: check the year"
    with pytest.raises(FollowupError) as info:
        parse_when("2025 years ago", THURSDAY)
    assert str(info.value) == "'2025 years ago': 0001-11-26 is before 1970: check the year"


def test_a_month_ago_from_the_end_of_january_is_the_end_of_december():
    from followup.core.when import parse_when

    assert parse_when("a month ago", datetime(2027, 1, 31, 12, tzinfo=UTC)) == datetime(
        2026, 12, 31, 9, tzinfo=UTC
    )


# ----------------------------------------------------------------------------
# Reading WHEN: ISO 8601, words, phrases, time zones; and relative times.


# Thursday 26 November 2026, 12:00 UTC
NOON = datetime(2026, 11, 26, 12, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOON),
        ("NOW", NOON),
        ("today", utc(2026, 11, 26, 9)),
        ("yesterday", utc(2026, 11, 25, 9)),
        ("tomorrow", utc(2026, 11, 27, 9)),
        ("today 14:00", utc(2026, 11, 26, 14)),
        ("yesterday 3pm", utc(2026, 11, 25, 15)),
        ("yesterday at 3:30 pm", utc(2026, 11, 25, 15, 30)),
        ("today 12am", utc(2026, 11, 26, 0)),
        ("today noon", utc(2026, 11, 26, 12)),
        ("last friday 10am", utc(2026, 11, 20, 10)),
        ("friday", utc(2026, 11, 20, 9)),
        ("last thursday", utc(2026, 11, 19, 9)),
        ("thursday", utc(2026, 11, 26, 9)),
        ("next monday 9am", utc(2026, 11, 30, 9)),
        ("14:00", utc(2026, 11, 26, 14)),
        ("3 hours ago", utc(2026, 11, 26, 9)),
        ("an hour ago", utc(2026, 11, 26, 11)),
        ("2 days ago", utc(2026, 11, 24, 9)),
        ("2026-11-25", utc(2026, 11, 25, 9)),
        ("2026-11-25 14:00", utc(2026, 11, 25, 14)),
        ("2026-11-25T14:00", utc(2026, 11, 25, 14)),
        ("2026-11-25T14:00+01:00", utc(2026, 11, 25, 13)),
        ("2026-11-25T14:00Z", utc(2026, 11, 25, 14)),
        ("November 20 2pm", utc(2026, 11, 20, 14)),
        ("20 Nov 2026", utc(2026, 11, 20, 9)),
    ],
)
def test_phrases_in_utc(text, expected):
    assert parse_when(text, NOON, tz=UTC) == expected


def test_local_zone_applies_to_typed_times():
    paris = ZoneInfo("Europe/Paris")  # UTC+1 in November
    assert parse_when("2026-11-25 14:00", NOON, tz=paris) == utc(2026, 11, 25, 13)
    assert parse_when("today", NOON, tz=paris) == utc(2026, 11, 26, 8)
    # an explicit offset wins over the local zone
    assert parse_when("2026-11-25T14:00-05:00", NOON, tz=paris) == utc(2026, 11, 25, 19)


def test_today_is_the_local_day_not_the_utc_day():
    # 23:30 UTC on the 26th is already the 27th in Tokyo
    late = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert parse_when("today 10:00", late, tz=tokyo) == utc(2026, 11, 27, 1)
    assert parse_when("yesterday", late, tz=tokyo) == utc(2026, 11, 26, 0)


def test_dst_is_respected_for_dates_in_summer():
    ny = ZoneInfo("America/New_York")
    assert parse_when("2026-07-01 09:00", NOON, tz=ny) == utc(2026, 7, 1, 13)  # EDT, UTC-4
    assert parse_when("2026-12-01 09:00", NOON, tz=ny) == utc(2026, 12, 1, 14)  # EST, UTC-5


@pytest.mark.parametrize(
    "text", ["", "   ", "blorp", "2026-13-01", "2026-02-30", "25:00", "today 25:00"]
)
def test_unreadable_times_are_clear_errors(text):
    with pytest.raises(FollowupError) as info:
        parse_when(text, NOON, tz=UTC)
    assert repr(text.strip()) in str(info.value) or repr(text) in str(info.value)


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1)))
def test_iso_round_trip(moment):
    aware = moment.replace(tzinfo=timezone(timedelta(hours=5)))
    assert parse_when(aware.isoformat(), NOON, tz=UTC) == aware


@given(st.text(max_size=30))
def test_any_text_parses_or_raises_a_followup_error(text):
    try:
        result = parse_when(text, NOON, tz=UTC)
    except FollowupError as exc:
        assert str(exc)
    else:
        assert result.tzinfo is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-25 2pm", utc(2026, 11, 25, 14)),
        ("2026-11-25 at noon", utc(2026, 11, 25, 12)),
        ("tonight", utc(2026, 11, 26, 19)),
        ("last night", utc(2026, 11, 25, 19)),
        ("this afternoon", utc(2026, 11, 26, 14)),
        ("yesterday afternoon", utc(2026, 11, 25, 14)),
        ("yesterday evening", utc(2026, 11, 25, 18)),
        ("friday morning", utc(2026, 11, 20, 9)),
        ("13/05/2026", utc(2026, 5, 13, 9)),
        ("11/11/2026", utc(2026, 11, 11, 9)),
    ],
)
def test_parts_of_the_day_and_unambiguous_dates(text, expected):
    assert parse_when(text, NOON, tz=UTC) == expected


@pytest.mark.parametrize("text", ["05/11/2026", "5/11", "01.02.2026 10:00"])
def test_day_month_order_that_could_go_either_way_is_refused(text):
    with pytest.raises(FollowupError, match="year-month-day"):
        parse_when(text, NOON, tz=UTC)


def test_iso_errors_do_not_leak_python_wording():
    with pytest.raises(FollowupError) as info:
        parse_when("2026-11-25 teatime", NOON, tz=UTC)
    assert "isoformat" not in str(info.value) and "'2026-11-25 teatime'" in str(info.value)


# ----- rules a user relies on, each pinned at its boundary (docs/mutation.md) ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today 12pm", utc(2026, 11, 26, 12)),
        ("today 12am", utc(2026, 11, 26, 0)),
        ("today 1am", utc(2026, 11, 26, 1)),
        ("today 11pm", utc(2026, 11, 26, 23)),
        ("today 11.45pm", utc(2026, 11, 26, 23, 45)),
        ("today 9h30", utc(2026, 11, 26, 9, 30)),
        ("today 23:59", utc(2026, 11, 26, 23, 59)),
        ("today 0:00", utc(2026, 11, 26, 0)),
        ("today 7 p.m.", utc(2026, 11, 26, 19)),
        ("today at midnight", utc(2026, 11, 26, 0)),
        ("yesterday in the morning", utc(2026, 11, 25, 9)),
        ("6pm", utc(2026, 11, 26, 18)),
    ],
)
def test_times_of_day_within_the_clock(text, expected):
    assert parse_when(text, NOON, tz=UTC) == expected


@pytest.mark.parametrize(
    "text", ["today 0pm", "today 0am", "today 13pm", "today 24:00", "today 12:60", "today 14"]
)
def test_times_of_day_off_the_clock_are_refused_naming_them(text):
    with pytest.raises(FollowupError, match=r"can't read the time of day '.+' in 'today"):
        parse_when(text, NOON, tz=UTC)


def test_the_longest_day_phrase_is_read_before_its_first_word():
    # "this" alone is today; "this friday" is the day
    assert parse_when("this friday", NOON, tz=UTC) == utc(2026, 11, 20, 9)
    assert parse_when("this friday 3pm", NOON, tz=UTC) == utc(2026, 11, 20, 15)
    assert parse_when("past monday", NOON, tz=UTC) == utc(2026, 11, 23, 9)


def test_weekdays_count_from_today():
    # NOW is a Thursday: "thursday" is today, "last thursday" a week ago,
    # "next thursday" a week ahead, never today
    assert parse_when("next thursday", NOON, tz=UTC) == utc(2026, 12, 3, 9)
    assert parse_when("next friday", NOON, tz=UTC) == utc(2026, 11, 27, 9)
    assert parse_when("next wednesday", NOON, tz=UTC) == utc(2026, 12, 2, 9)
    assert parse_when("this thursday", NOON, tz=UTC) == utc(2026, 11, 26, 9)
    assert parse_when("wednesday", NOON, tz=UTC) == utc(2026, 11, 25, 9)
    assert parse_when("last wednesday", NOON, tz=UTC) == utc(2026, 11, 25, 9)


@pytest.mark.parametrize("text", ["next week friday", "some friday", "next", "last"])
def test_weekday_phrases_outside_the_rules_are_refused_not_misread(text):
    # three words, or a lead word other than last/this/past/next, is not a weekday
    with pytest.raises(FollowupError, match=rf"^can't read the time {text!r}: try "):
        parse_when(text, NOON, tz=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a minute ago", NOON - timedelta(minutes=1)),
        ("one hour ago", NOON - timedelta(hours=1)),
        ("90 m ago", NOON - timedelta(minutes=90)),
        ("5 mins ago", NOON - timedelta(minutes=5)),
        ("2 hrs ago", NOON - timedelta(hours=2)),
        ("1 day ago", utc(2026, 11, 25, 9)),
        ("a week ago", utc(2026, 11, 19, 9)),
        ("2 weeks ago", utc(2026, 11, 12, 9)),
        ("3d ago", utc(2026, 11, 23, 9)),
    ],
)
def test_amounts_ago(text, expected):
    assert parse_when(text, NOON, tz=UTC) == expected


def test_days_ago_is_nine_in_the_morning_of_the_local_day():
    tokyo = ZoneInfo("Asia/Tokyo")  # 21:00 on the 26th there
    assert parse_when("1 day ago", NOON, tz=tokyo) == utc(2026, 11, 25, 0)
    assert parse_when("1 week ago", NOON, tz=tokyo) == utc(2026, 11, 19, 0)


def test_a_bare_time_is_today_in_the_local_zone():
    tokyo = ZoneInfo("Asia/Tokyo")
    assert parse_when("10:00", NOON, tz=tokyo) == utc(2026, 11, 26, 1)
    assert parse_when("noon", NOON, tz=tokyo) == utc(2026, 11, 26, 3)


def test_without_a_zone_the_system_zone_is_local(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    assert parse_when("today 10:00", NOON) == utc(2026, 11, 26, 1)
    assert parse_when("2026-11-25", NOON) == utc(2026, 11, 25, 0)
    assert parse_when("2026-11-25 2pm", NOON) == utc(2026, 11, 25, 5)
    assert parse_when("November 20 2pm", NOON) == utc(2026, 11, 20, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5/5/2026", utc(2026, 5, 5, 9)),  # day and month the same: no ambiguity
        ("13.05.2026", utc(2026, 5, 13, 9)),
        ("2026-11-25t14:00", utc(2026, 11, 25, 14)),
        ("2026-11-25 at 3:30pm", utc(2026, 11, 25, 15, 30)),
    ],
)
def test_dates_that_read_one_way_only(text, expected):
    assert parse_when(text, NOON, tz=UTC) == expected


def test_the_ambiguous_date_error_names_both_readings():
    with pytest.raises(FollowupError) as info:
        parse_when("05/11/2026", NOON, tz=UTC)
    assert str(info.value) == (
        "'05/11/2026' could be 5 November 2026 (day/month) or May 11, 2026 (month/day): "
        "write the date as year-month-day, 2026-11-05 or 2026-05-11"
    )


def test_a_date_that_does_not_exist_is_refused_naming_it():
    with pytest.raises(FollowupError, match=r"^bad date '2026-02-30': "):
        parse_when("2026-02-30", NOON, tz=UTC)
    with pytest.raises(FollowupError, match=r"^bad date '2026-13-01': "):
        parse_when("2026-13-01 10:00", NOON, tz=UTC)


def test_a_bad_iso_time_says_what_is_wrong_and_how_to_write_it():
    with pytest.raises(FollowupError) as info:
        parse_when("2026-11-25T25:00", NOON, tz=UTC)  # (an offset off the clock: test_zones.py)
    message = str(info.value)
    assert message.startswith("can't read the date and time '2026-11-25t25:00' (")
    assert message.endswith(
        "): try 2026-11-25 14:00, today 14:00, yesterday 3pm or 'last friday 10am'"
    )


def test_empty_and_unreadable_times_show_how_to_write_one():
    hint = "try 2026-11-25 14:00, today 14:00, yesterday 3pm or 'last friday 10am'"
    with pytest.raises(FollowupError) as info:
        parse_when("  ", NOON, tz=UTC)
    assert str(info.value) == f"empty time '  ': {hint}"
    with pytest.raises(FollowupError) as info:
        parse_when("Blorp", NOON, tz=UTC)
    assert str(info.value) == f"can't read the time 'Blorp': {hint}"
    # a time ahead (a decision, a deadline) is shown with examples ahead
    with pytest.raises(FollowupError) as info:
        parse_when("", NOON, tz=UTC, future=True)
    assert str(info.value) == (
        "empty time '': try friday, next week, 'in 3 business days', 'december 4' or 2026-12-04"
    )


def test_phrases_without_a_time_of_day_mean_nine_in_the_morning():
    assert parse_when("November 20", NOON, tz=UTC) == utc(2026, 11, 20, 9)
    assert parse_when("November 20 14:30", NOON, tz=UTC) == utc(2026, 11, 20, 14, 30)
    assert parse_when("November 20 2 p.m", NOON, tz=UTC) == utc(2026, 11, 20, 14)
    assert parse_when("November 20 at noon", NOON, tz=UTC) == utc(2026, 11, 20, 12)
    # phrases are read from the past and with the local day and zone
    assert parse_when("December 1", NOON, tz=UTC) == utc(2025, 12, 1, 9)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert parse_when("November 20", NOON, tz=tokyo) == utc(2026, 11, 20, 0)


def test_a_date_with_an_unreadable_time_names_it_and_shows_how_to_write_one():
    with pytest.raises(FollowupError) as info:
        parse_when("2026-11-25 teatime", NOON, tz=UTC)
    assert str(info.value) == (
        "can't read the date and time '2026-11-25 teatime': try 2026-11-25 14:00, "
        "today 14:00, yesterday 3pm or 'last friday 10am'"
    )


def test_an_iso_time_with_seconds_and_no_offset_is_local():
    paris = ZoneInfo("Europe/Paris")
    assert parse_when("2026-11-25T14:00:30", NOON, tz=paris) == utc(2026, 11, 25, 13, 0, 30)


# ----------------------------------------------------------------------------
# QA of the trust work: typed times that were read wrong without a word, edits, reminders.
#
# Each test names the case that slipped through: a zone dropped, a date read as another,
# a rule of docs/times.md not kept.


#: Thursday 26 November 2026, 10:00 in Berlin.
THURSDAY_BERLIN = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def refused(text: str, *, future: bool = False) -> str:
    with pytest.raises(FollowupError) as caught:
        parse_when(text, THURSDAY_BERLIN, BERLIN, [], future=future)
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
        moment = parse_when(text, THURSDAY_BERLIN, BERLIN, [], future=future)
    except FollowupError as exc:
        assert "zone" in str(exc)
        return
    assert moment == right, f"{text!r} read as {moment.astimezone(BERLIN)}"


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
    assert parse_when(text, THURSDAY_BERLIN, BERLIN, [], future=future) == right


# A number alone went to the phrase reader, which took it for a month or a year: "9" was
# 1 September, "3rd" and "on the 3rd" 1 March, "the 1st" 1 January, "2026" 1 November.
@pytest.mark.parametrize("text", ["9", "3rd", "on the 3rd", "the 1st", "2026", "21st"])
@pytest.mark.parametrize("future", [False, True])
def test_a_number_alone_is_refused(text, future):
    said = refused(text, future=future)
    assert repr(text) in said


# "A date typed without a year that is today is today, in either direction": read back,
# "november 26 3pm" said on 26 November at 10:00 was 26 November of the year before
# (its 15:00 is still ahead, so the phrase reader went back a year).
@pytest.mark.parametrize("text", ["november 26 3pm", "26 nov 3pm", "26/11 3pm", "nov 26 11:00"])
@pytest.mark.parametrize("future", [False, True])
def test_a_date_without_a_year_that_is_today_is_today(text, future):
    moment = parse_when(text, THURSDAY_BERLIN, BERLIN, (notes := []), future=future)
    assert moment.astimezone(BERLIN).date() == THURSDAY_BERLIN.date(), text
    assert not notes  # no "took 26 November 2025" either


@pytest.mark.parametrize(
    ("text", "future", "year"), [("nov 26 25", False, 2025), ("nov 26 27", True, 2027)]
)
def test_a_two_digit_year_typed_is_kept(text, future, year):
    """Only a year the reader chose is made this year's: 'nov 26 27' is 2027."""
    assert parse_when(text, THURSDAY_BERLIN, BERLIN, [], future=future).year == year


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
    moment = parse_when(text, THURSDAY_BERLIN, BERLIN, []).astimezone(BERLIN)
    assert (moment.date(), f"{moment:%H.%M}".lstrip("0")) == (THURSDAY_BERLIN.date(), text)


# ----------------------------------------------------------------------------
# Dates typed with slashes or dots are checked in the year typed (29 February), and a
# word after a time that looks like a zone is called one only when the rest reads.


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("29/02/2028", True, utc(2028, 2, 29, 9)),
        ("29/02/2024", False, utc(2024, 2, 29, 9)),
        ("29/02/28", True, utc(2028, 2, 29, 9)),  # a two-digit year is this century's
        ("29.02.00", False, utc(2000, 2, 29, 9)),  # 2000 was a leap year
        ("29/02", False, utc(2024, 2, 29, 9)),  # no year: the most recent 29 February
        ("29/02", True, utc(2028, 2, 29, 9)),  # or the coming one
    ],
)
def test_the_29th_of_february_of_a_leap_year_is_read(text, future, expected):
    assert parse_when(text, NOON, tz=UTC, future=future) == expected


@pytest.mark.parametrize("text", ["29/02/2027", "29/02/27", "29.02.2100"])
def test_the_29th_of_february_of_another_year_is_no_date(text):
    with pytest.raises(FollowupError) as info:
        parse_when(text, NOON, tz=UTC)
    assert str(info.value).startswith(f"{text!r} is no date read either way (day/month or ")


def test_a_date_typed_with_a_year_past_the_last_taken_says_to_check_the_year():
    with pytest.raises(FollowupError) as info:
        parse_when("25/12/9999", NOON, tz=UTC, future=True)
    assert str(info.value) == "'25/12/9999': 9999-12-25 is after the year 8999: check the year"


@pytest.mark.parametrize("text", ["sometime TBD", "after lunch ASAP"])
def test_a_word_like_a_zone_after_words_that_are_no_time_is_not_called_a_zone(text):
    """'TBD' is refused with the rest, as unreadable, not as an unknown zone."""
    with pytest.raises(FollowupError) as info:
        parse_when(text, NOON, tz=UTC)
    assert str(info.value).startswith(f"can't read the time {text!r}: try ")


@pytest.mark.parametrize("text", ["before friday XYZ", "until friday 3pm XYZ"])
def test_an_unknown_zone_after_a_decision_day_read_forward_is_named(text):
    """'before friday' reads only forward (as a decision): the zone word is the problem."""
    with pytest.raises(FollowupError) as info:
        parse_decision(text, NOON, tz=UTC)
    assert str(info.value).startswith(f"unknown time zone 'XYZ' in {text!r}: write an offset")


def test_whether_the_time_before_an_unknown_zone_reads_is_asked_in_the_zone_given(monkeypatch):
    """Read in New York, 9999-12-30 23:00 is a time; read in the system's zone (Tokyo),
    it runs past the last date there is. The zone given is the one that counts."""
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    with pytest.raises(FollowupError) as info:
        parse_when("9999-12-30 23:00 XYZ", NOON, tz=ZoneInfo("America/New_York"))
    assert str(info.value).startswith("unknown time zone 'XYZ' in '9999-12-30 23:00 XYZ': ")


def test_an_interview_time_is_read_in_the_zone_given_with_its_notes_and_direction():
    """`parse_interview_time` reads as `parse_when` does (then holds it to a year ahead)."""
    from followup.core.when import parse_interview_time

    assert parse_interview_time("2026-11-25 14:00", NOON, BERLIN) == utc(2026, 11, 25, 13)
    notes: list[str] = []
    assert parse_interview_time("november 30", NOON, UTC, notes) == utc(2025, 11, 30, 9)
    assert notes == ["'november 30' has no year: took 30 November 2025, the most recent one"]
    # NOON is a Thursday: an interview's "friday" is last week's, a round to come's the next
    assert parse_interview_time("friday", NOON, UTC) == utc(2026, 11, 20, 9)
    assert parse_interview_time("friday", NOON, UTC, future=True) == utc(2026, 11, 27, 9)


def test_a_word_that_is_no_zone_before_a_zone_is_not_counted_as_a_second_zone():
    """Only a zone that reads counts: '3pm XYZ EST' is no time, not two zones."""
    with pytest.raises(FollowupError) as info:
        parse_when("3pm XYZ EST", NOON, tz=UTC)
    assert str(info.value).startswith("can't read the time '3pm XYZ EST': try ")


def test_a_date_alone_on_a_day_the_clocks_skip_whole_is_said():
    """Samoa skipped 30 December 2011 (it moved across the date line): its 09:00, the
    time a date alone means, does not exist, and the user hears so."""
    notes: list[str] = []
    apia = ZoneInfo("Pacific/Apia")
    assert parse_when("2011-12-30", NOON, apia, notes) == utc(2011, 12, 30, 19)
    assert notes == [
        "09:00 on Fri 30 Dec 2011 does not exist in your time zone (the clocks go forward "
        "that night): took 09:00 +14 on Sat 31 Dec 2011 instead"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-25T14Z", utc(2026, 11, 25, 14)),
        ("2026-11-25t1400z", utc(2026, 11, 25, 14)),
        ("2026-11-25T1400+0100", utc(2026, 11, 25, 13)),
    ],
)
def test_an_iso_time_in_the_basic_format_keeps_its_own_zone(text, expected):
    """Without a colon in the time, the zone stays for the ISO reader: Z or +0100 counts,
    not the zone given (Berlin)."""
    assert parse_when(text, NOON, BERLIN) == expected


def test_numbers_that_are_no_date_either_way_are_told_how_to_write_a_date():
    with pytest.raises(FollowupError) as info:
        parse_when("31/11", NOON, tz=UTC)
    assert str(info.value) == (
        "'31/11' is no date read either way (day/month or month/day): "
        "write it as year-month-day, e.g. 2026-12-04"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.00", utc(2026, 11, 26, 12)),  # noon, not 12 of a month 0
        ("0.05", utc(2026, 11, 26, 0, 5)),
        ("05/13/2026", utc(2026, 5, 13, 9)),  # 13 is no month: May 13
        ("5/13", utc(2026, 5, 13, 9)),
    ],
)
def test_numbers_with_a_zero_or_a_13_read_one_way_only(text, expected):
    assert parse_when(text, NOON, tz=UTC) == expected


def test_the_ambiguous_date_error_names_the_two_digit_year_typed():
    with pytest.raises(FollowupError) as info:
        parse_when("3.4.27", NOON, tz=UTC)
    assert str(info.value) == (
        "'3.4.27' could be 3 April 2027 (day/month) or March 4, 2027 (month/day): "
        "write the date as year-month-day, 2027-04-03 or 2027-03-04"
    )


def test_the_ambiguous_date_error_without_a_year_names_none_but_this_year_s_dates():
    with pytest.raises(FollowupError) as info:
        parse_when("05/11", NOON, tz=UTC)
    assert str(info.value) == (
        "'05/11' could be 5 November (day/month) or May 11 (month/day): "
        "write the date as year-month-day, 2026-11-05 or 2026-05-11"
    )


def test_a_negative_amount_is_refused_with_how_to_write_the_past_and_the_future():
    with pytest.raises(FollowupError) as info:
        parse_when("-5 days", NOON, tz=UTC)
    assert str(info.value) == (
        "'-5 days' has a negative amount: an amount of time counts up, as in "
        "'5 days ago' for the past or 'in 5 days' for the future"
    )


def test_now_is_the_very_moment_read_at_once(monkeypatch):
    """'now' is the moment given, to the microsecond, in any case, without the phrase
    reader (dateparser) being asked: it is what `add` takes most often."""
    import dateparser

    moment = datetime(2026, 11, 26, 12, 0, 7, 123456, tzinfo=UTC)

    def asked(*args, **kwargs):
        raise AssertionError("dateparser was asked to read 'now'")

    monkeypatch.setattr(dateparser, "parse", asked)
    monkeypatch.setattr(dateparser, "DateDataParser", asked)
    assert parse_when("now", moment, BERLIN) == moment
    assert parse_when("  NOW ", moment, BERLIN) == moment


@pytest.mark.parametrize(
    "text",
    [
        "now",
        "2026-11-25 14:00",
        "2026-11-25",
        "2 months ago",
        "3 days ago",
        "3 hours ago",
        "14:00",
        "yesterday 3pm",
        "last friday",
        "november 3 10am",
    ],
)
def test_every_form_comes_back_in_utc_whatever_the_systems_zone(monkeypatch, text):
    """The answer is in UTC, not in the system's zone (Tokyo here) nor in the zone given
    (Berlin): the same instant either way, but not the same date near midnight."""
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    moment = parse_when(text, NOON, BERLIN)
    assert moment.utcoffset() == timedelta(0)
    assert moment.tzname() == "UTC"


def test_months_ago_is_0900_in_the_zone_given():
    tokyo = ZoneInfo("Asia/Tokyo")
    assert parse_when("2 months ago", NOON, tokyo) == utc(2026, 9, 26, 0)
    assert parse_when("a year ago", NOON, BERLIN) == utc(2025, 11, 26, 8)


def test_months_ago_on_a_day_the_clocks_skip_whole_is_said():
    """Samoa skipped 30 December 2011: a month before 30 January 2012 is that day, and
    its 09:00 does not exist."""
    apia = ZoneInfo("Pacific/Apia")
    now = datetime(2012, 1, 30, 0, tzinfo=UTC)  # 14:00 on 30 January in Apia
    notes: list[str] = []
    assert parse_when("a month ago", now, apia, notes) == utc(2011, 12, 30, 19)
    assert notes == [
        "09:00 on Fri 30 Dec 2011 does not exist in your time zone (the clocks go forward "
        "that night): took 09:00 +14 on Sat 31 Dec 2011 instead"
    ]


@pytest.mark.parametrize(
    ("text", "now", "zone", "moment", "note"),
    [
        ("3 days ago", datetime(2012, 1, 2, 0, tzinfo=UTC), "Pacific/Apia", utc(2011, 12, 30, 19),
         "09:00 on Fri 30 Dec 2011 does not exist in your time zone (the clocks go forward "
         "that night): took 09:00 +14 on Sat 31 Dec 2011 instead"),
        ("2:30am", datetime(2026, 3, 29, 10, tzinfo=UTC), "Europe/Berlin", utc(2026, 3, 29, 1, 30),
         "02:30 on Sun 29 Mar 2026 does not exist in your time zone (the clocks go forward "
         "that night): took 03:30 CEST instead"),
        ("sunday 2:30am", datetime(2026, 3, 28, 12, tzinfo=UTC), "Europe/Berlin",
         utc(2026, 3, 29, 1, 30), "02:30 on Sun 29 Mar 2026 does not exist in your time "
         "zone (the clocks go forward that night): took 03:30 CEST instead"),
        ("2:30am", datetime(2026, 10, 25, 10, tzinfo=UTC), "Europe/Berlin",
         utc(2026, 10, 25, 0, 30), "02:30 on Sun 25 Oct 2026 happens twice (the clocks go "
         "back that night): took the first, 02:30 CEST"),
    ],
)  # fmt: skip
def test_days_ago_a_weekday_or_a_bare_time_say_when_the_clocks_moved_that_night(
    text, now, zone, moment, note
):
    notes: list[str] = []
    assert parse_when(text, now, ZoneInfo(zone), notes, future=text.startswith("sunday")) == moment
    assert notes == [note]


@pytest.mark.parametrize("future", [False, True])
@pytest.mark.parametrize("text", ["about 3pm", "3:30 in the afternoon", "just 3pm", "3pm just"])
def test_a_phrase_that_names_no_day_is_today_while_its_time_is_to_come(text, future):
    """Said at 13:00 Berlin, before 3pm: a bare '3pm' is today in either direction, and
    so is a phrase around it that names no day (dateparser, looking back, took
    yesterday's)."""
    bare = parse_when("3pm", NOON, BERLIN, future=future)
    moment = parse_when(text, NOON, BERLIN, future=future)
    assert moment.astimezone(BERLIN).date() == bare.astimezone(BERLIN).date() == NOON.date()


@pytest.mark.parametrize("text", ["about 3pm", "3:30 in the afternoon", "just 3pm", "3pm just"])
def test_once_its_time_has_passed_a_phrase_without_a_day_is_today_back_and_tomorrow_ahead(
    text,
):
    late = NOON + timedelta(hours=4)  # 17:00 Berlin
    back = parse_when(text, late, BERLIN).astimezone(BERLIN)
    ahead = parse_when(text, late, BERLIN, future=True).astimezone(BERLIN)
    assert back.date() == NOON.date()
    assert ahead.date() == NOON.date() + timedelta(days=1)
    assert back.hour == ahead.hour == 15


@pytest.mark.parametrize("future", [False, True])
def test_a_phrase_with_a_zone_that_names_no_day_is_today_in_that_zone(future):
    # 07:00 in New York: 3pm EST is later today there
    assert parse_when("3pm just EST", NOON, BERLIN, future=future) == utc(2026, 11, 26, 20)
    assert parse_when("3pm EST", NOON, BERLIN, future=future) == utc(2026, 11, 26, 20)


@pytest.mark.parametrize(
    ("hour", "future", "expected"),
    [
        (12, False, utc(2026, 11, 27, 15)),
        (12, True, utc(2026, 11, 27, 15)),
        (16, False, utc(2026, 11, 27, 15)),
        (15, True, utc(2026, 12, 4, 15)),  # at 3pm exactly: next week's, read ahead
        (16, True, utc(2026, 12, 4, 15)),
    ],
)
def test_a_weekday_phrase_said_on_that_weekday_reads_as_the_weekday_reader_does(
    hour, future, expected
):
    friday = utc(2026, 11, 27, hour)
    assert parse_when("friday 3pm", friday, UTC, future=future) == expected
    assert parse_when("about 3pm friday", friday, UTC, future=future) == expected


def test_when_the_second_reading_of_a_phrase_fails_the_first_one_stands(monkeypatch):
    """The phrase is read again with no direction to see whether it names today; if
    dateparser raises on that reading, the directed reading is kept, without an error."""
    import dateparser

    real = dateparser.parse

    def fails_undirected(text, *args, settings=None, **kwargs):
        if (settings or {}).get("PREFER_DATES_FROM") == "current_period":
            raise RecursionError("deep")
        return real(text, *args, settings=settings, **kwargs)

    monkeypatch.setattr(dateparser, "parse", fails_undirected)
    # at 13:00 Berlin, read back, dateparser alone takes yesterday's 3pm
    assert parse_when("about 3pm", NOON, BERLIN) == utc(2026, 11, 25, 14)


@pytest.mark.parametrize("future", [False, True])
@pytest.mark.parametrize("text", ["demain 15h", "morgen 15 Uhr", "mañana 3pm", "3pm gestern"])
def test_a_phrase_in_another_language_is_refused_not_guessed(text, future):
    """Only English is read: dateparser guessing the language took "demain 15h" (French:
    tomorrow 3pm) for 04:00 the day after, and "morgen 15 Uhr" for 13:00."""
    with pytest.raises(FollowupError) as caught:
        parse_when(text, NOON, BERLIN, future=future)
    assert str(caught.value).startswith(f"can't read the time '{text}': try ")


@pytest.mark.parametrize("text", ["3pm (EST)", "3pm EST.", "3pm EST tomorrow"])
def test_a_zone_that_is_not_the_last_word_is_refused_with_where_to_write_it(text):
    with pytest.raises(FollowupError) as info:
        parse_when(text, NOON, tz=UTC)
    assert str(info.value) == (
        f"{text!r} has a time zone that is not the last word on its own: write it last, "
        "as in 'tomorrow 3pm EST' or '3pm -05:00'"
    )


def test_a_weekday_said_that_day_after_its_time_rolls_a_week_by_the_zone_given():
    """10:30 on a Wednesday in Tokyo (01:30 UTC): its 10:00 is past there, though 10:00
    UTC is still to come, so 'wednesday 10am' ahead is next week's."""
    now = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert parse_when("wednesday 10am", now, tokyo, future=True) == utc(2026, 12, 2, 1)


@pytest.mark.parametrize("text", ["9", "the 3rd", "on 2026"])
def test_a_number_alone_is_refused_saying_what_to_write(text):
    with pytest.raises(FollowupError) as caught:
        parse_when(text, NOON, UTC)
    assert str(caught.value) == (
        f"'{text}' is a number alone: write a time (9am, 09:00) or a day with its month "
        "(december 9)"
    )


def test_more_than_a_year_ahead_names_the_day_typed_in_its_zone():
    """At 20:00 in New York, 2027-11-27 21:00 there is 2027-11-28 in UTC: the refusal
    named the UTC day, not the one typed."""
    from followup.core.when import parse_interview_time

    new_york = ZoneInfo("America/New_York")
    evening = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 26 November, 20:00 in New York
    with pytest.raises(FollowupError) as info:
        parse_interview_time("2027-11-27 21:00", evening, new_york)
    assert str(info.value) == (
        "'2027-11-27 21:00' is 2027-11-27, more than a year from now: check the year"
    )
