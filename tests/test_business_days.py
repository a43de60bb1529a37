"""Business-day arithmetic: weekends and public holidays never count."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from followup.core.business_days import (
    Delay,
    Holidays,
    add_business_days,
    business_days_between,
    check_region,
    is_business_day,
    next_business_day,
    roll_to_business_day,
)
from followup.errors import FollowupError

FRI = datetime(2026, 11, 27, 10, 30, tzinfo=UTC)
SAT = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")

moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2060, 12, 31), timezones=st.just(UTC)
)
zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9, minutes=30))]
)
holiday_sets = st.frozensets(
    st.dates(min_value=date(1999, 12, 1), max_value=date(2061, 3, 1)), max_size=40
)


def test_examples_from_a_week():
    assert add_business_days(FRI, 1, tz=UTC) == datetime(2026, 11, 30, 10, 30, tzinfo=UTC)
    assert add_business_days(FRI, 5, tz=UTC) == datetime(2026, 12, 4, 10, 30, tzinfo=UTC)
    thu = FRI - timedelta(days=1)
    assert add_business_days(thu, 1, tz=UTC) == FRI
    assert add_business_days(thu, 2, tz=UTC) == datetime(2026, 11, 30, 10, 30, tzinfo=UTC)


def test_a_weekend_moment_counts_from_the_next_day():
    """1bd after Saturday is Monday, the same as 1bd after Friday: no extra day."""
    monday = datetime(2026, 11, 30, 10, 30, tzinfo=UTC)
    assert add_business_days(SAT, 1, tz=UTC) == monday
    assert add_business_days(SAT + timedelta(days=1), 1, tz=UTC) == monday
    assert add_business_days(SAT, 0, tz=UTC) == SAT


def test_local_time_decides_the_day_and_the_clock():
    # Friday 23:30 in New York is Saturday 04:30 UTC: the local Friday counts.
    ny = ZoneInfo("America/New_York")
    friday_night = datetime(2026, 11, 27, 23, 30, tzinfo=ny)
    result = add_business_days(friday_night.astimezone(UTC), 1, tz=ny)
    assert result.astimezone(ny) == datetime(2026, 11, 30, 23, 30, tzinfo=ny)
    assert result.tzinfo == UTC


def test_clock_time_survives_daylight_saving():
    # Berlin leaves summer time on Sunday 25 Oct 2026: 09:00 stays 09:00.
    friday = datetime(2026, 10, 23, 9, 0, tzinfo=BERLIN)
    result = add_business_days(friday.astimezone(UTC), 1, tz=BERLIN).astimezone(BERLIN)
    assert (result.date(), result.time()) == (date(2026, 10, 26), time(9, 0))
    # an hour more than three days passed: the clock went back
    assert result.astimezone(UTC) - friday.astimezone(UTC) == timedelta(days=3, hours=1)


def test_public_holidays_of_a_country_are_skipped():
    # Thanksgiving (Thu 26 Nov 2026) is a US federal holiday; the Friday after is not.
    wed = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
    us = Holidays("US")
    assert add_business_days(wed, 1, us, tz=UTC) == datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    assert add_business_days(wed, 1, tz=UTC) == datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    # Epiphany (6 Jan) is a holiday in Bavaria, not in Berlin.
    jan5 = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    assert add_business_days(jan5, 1, Holidays("DE", "BY"), tz=UTC).date() == date(2027, 1, 7)
    assert add_business_days(jan5, 1, Holidays("DE", "BE"), tz=UTC).date() == date(2027, 1, 6)


def test_unknown_regions_are_clear_errors():
    with pytest.raises(FollowupError, match=r"holidays.country 'XX' .*ISO 3166"):
        check_region("XX")
    with pytest.raises(FollowupError, match=r"holidays.subdivision 'ZZ' .*DE: use one of .*BY"):
        check_region("DE", "ZZ")
    with pytest.raises(FollowupError, match=r"holidays.country 'QQ'"):
        add_business_days(FRI, 1, Holidays("QQ"), tz=UTC)
    assert check_region("GB", "SCT") == Holidays("GB", "SCT")


def test_a_calendar_of_only_holidays_is_an_error_not_a_hang():
    class Everything:
        def __contains__(self, day):
            return True

    with pytest.raises(FollowupError, match="no business day"):
        add_business_days(FRI, 1, Everything(), tz=UTC)


def test_roll_to_business_day():
    assert roll_to_business_day(FRI, tz=UTC) == FRI
    assert roll_to_business_day(SAT, tz=UTC) == datetime(2026, 11, 30, 10, 30, tzinfo=UTC)
    assert roll_to_business_day(FRI, frozenset({FRI.date()}), tz=UTC) == datetime(
        2026, 11, 30, 10, 30, tzinfo=UTC
    )


def test_delay_adds_business_days_then_the_clock_span():
    assert Delay(2).after(FRI, tz=UTC) == datetime(2026, 12, 1, 10, 30, tzinfo=UTC)
    assert Delay(0, timedelta(hours=24)).after(FRI, tz=UTC) == SAT
    assert Delay(1, timedelta(hours=4)).after(FRI, tz=UTC) == datetime(
        2026, 11, 30, 14, 30, tzinfo=UTC
    )
    assert str(Delay(2)) == "2bd"
    assert str(Delay(0, timedelta(hours=24))) == "24h"
    assert str(Delay(1, timedelta(minutes=90))) == "1bd90m"
    assert str(Delay(0, timedelta(days=3))) == "3d"


def test_a_delay_without_business_days_never_asks_about_holidays():
    class Refuses:
        def __contains__(self, day):
            raise AssertionError("asked about a holiday")

    assert Delay(0, timedelta(hours=4)).after(FRI, Refuses(), tz=UTC) == FRI + timedelta(hours=4)


@given(moments, st.integers(1, 40), holiday_sets, zones)
def test_lands_on_the_nth_business_day_at_the_same_clock_time(moment, n, holidays, tz):
    result = add_business_days(moment, n, holidays, tz)
    start, end = moment.astimezone(tz), result.astimezone(tz)
    assert end.time() == start.time()
    assert is_business_day(end.date(), holidays)
    assert business_days_between(start.date(), end.date(), holidays) == n
    # and no business day was passed over: the day before the result has n - 1
    assert business_days_between(start.date(), end.date() - timedelta(days=1), holidays) == n - 1


@given(moments, st.integers(0, 20), st.integers(0, 20), holiday_sets, zones)
def test_sums_add_up(moment, a, b, holidays, tz):
    once = add_business_days(moment, a + b, holidays, tz)
    twice = add_business_days(add_business_days(moment, a, holidays, tz), b, holidays, tz)
    assert once == twice


@given(moments, st.integers(0, 30), zones)
def test_more_business_days_is_later_and_weekends_only_ever_add(moment, n, tz):
    later = add_business_days(moment, n + 1, tz=tz)
    assert later > add_business_days(moment, n, tz=tz)
    # n business days take at least n and at most n + 2 * (n // 5 + 1) calendar days
    days = (add_business_days(moment, n, tz=tz) - moment).days
    assert n <= days <= n + 2 * (n // 5 + 1)


@given(
    st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
    ),
    st.integers(1, 15),
)
def test_clock_time_is_local_across_daylight_saving(moment, n):
    local = moment.astimezone(BERLIN)
    # Berlin's clocks jump from 02:00 to 03:00: a 02:xx wall time may not exist that day.
    assume(local.hour != 2)
    result = add_business_days(moment, n, tz=BERLIN).astimezone(BERLIN)
    assert result.time() == local.time()
    assert result.weekday() < 5


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 1, 1)), holiday_sets)
def test_next_business_day_is_the_first_one(day, holidays):
    found = next_business_day(day, holidays)
    assert found > day and is_business_day(found, holidays)
    gap = (found - day).days
    assert all(not is_business_day(day + timedelta(days=k), holidays) for k in range(1, gap))


def test_importing_the_module_does_not_import_holidays():
    code = (
        "import sys\n"
        "from datetime import datetime, timedelta, UTC\n"
        "from followup.core.business_days import Delay, Holidays, add_business_days\n"
        "m = datetime(2026, 11, 27, 10, tzinfo=UTC)\n"
        "Delay(0, timedelta(hours=4)).after(m, Holidays('US'))\n"
        "add_business_days(m, 3)\n"
        "assert 'holidays' not in sys.modules, 'imported early'\n"
        "add_business_days(m, 1, Holidays('US'))\n"
        "assert 'holidays' in sys.modules\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
