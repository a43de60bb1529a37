"""When they said they would decide (`--decision`): the phrases, read forward, as users
say them, on each day of the week, in the local zone, with the public holidays set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.core.when import parse_decision

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


def test_business_days_in_a_decision_skip_the_public_holidays_set(cli):
    wednesday = {"FOLLOWUP_NOW": "2026-11-25T10:00:00+00:00"}
    args = ("add", "Acme", "--at", "2026-11-25 09:00", "--decision", "in 3 business days")
    assert cli(*args, env=wednesday).code == 0
    # Thursday 26 is Thanksgiving in the US: not skipped without a country set
    assert cli("show", "1", "--json").json()["decision"] == "2026-11-30T09:00:00+00:00"
    assert cli("config", "holidays.country", "US").code == 0
    assert cli(*args, env=wednesday).code == 0
    assert cli("show", "2", "--json").json()["decision"] == "2026-12-01T09:00:00+00:00"
    # and the engine, given the holidays, the same
    from followup.core.business_days import Holidays

    assert parse_decision("in 3 business days", on(25, 10), holidays=Holidays("US")) == on(31)


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


# ----- ISO times and the local zone ---------------------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")


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
