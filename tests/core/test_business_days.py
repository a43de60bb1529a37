"""Business-day arithmetic: weekends and public holidays never count."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from followup.cli.advice import error_text
from followup.core.business_days import (
    Delay,
    Holidays,
    add_business_days,
    check_region,
    is_business_day,
    next_business_day,
    roll_to_business_day,
)
from followup.errors import FollowupError


def business_days_between(start: date, end: date, holidays=frozenset()) -> int:
    """How many business days fall after `start`, up to and including `end`: counted one
    day at a time, the slow way, to check the arithmetic against."""
    return sum(
        is_business_day(start + timedelta(days=n), holidays)
        for n in range(1, (end - start).days + 1)
    )


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


def test_the_roll_to_a_business_day_goes_by_the_date_in_the_zone_given():
    berlin = ZoneInfo("Europe/Berlin")
    friday_night = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)  # Saturday 00:30 in Berlin
    monday = datetime(2026, 11, 30, 0, 30, tzinfo=berlin)  # the same clock time, Monday
    assert roll_to_business_day(friday_night, tz=berlin) == monday
    assert roll_to_business_day(friday_night) == friday_night  # TZ=UTC: still Friday
    sunday_night = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # Monday 00:30 in Berlin
    assert roll_to_business_day(sunday_night, tz=berlin) == sunday_night


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


@given(moments, st.integers(1, 20), st.frozensets(st.integers(0, 50), max_size=15), zones)
def test_holidays_among_the_days_counted_are_passed_over(moment, n, offsets, tz):
    start = moment.astimezone(tz).date()
    holidays = frozenset(start + timedelta(days=k) for k in offsets)
    end = add_business_days(moment, n, holidays, tz).astimezone(tz).date()
    assert end not in holidays and end.weekday() < 5
    assert business_days_between(start, end, holidays) == n
    assert business_days_between(start, end - timedelta(days=1), holidays) == n - 1
    # each holiday on a weekday in between made it a day later than without holidays
    plain = add_business_days(moment, n, tz=tz).astimezone(tz).date()
    assert end >= plain
    if not any(start < day <= end and day.weekday() < 5 for day in holidays):
        assert end == plain


def test_only_dates_are_holidays():
    us = Holidays("US")
    assert date(2026, 12, 25) in us
    assert datetime(2026, 12, 25, 9, 0, tzinfo=UTC) in us  # a datetime is a date too
    # the holidays package would read a string as a date: followup never asks that way
    assert "2026-12-25" not in us
    assert None not in us


# ----- what a due delay may be (`config due.email 2bd`), and how it reads back ----------

delays = st.builds(
    Delay,
    st.integers(0, 20),
    st.integers(0, 30 * 24 * 60).map(lambda m: timedelta(minutes=m)),
)


@given(delays)
def test_a_delay_reads_back_as_itself(delay):
    from followup.core.durations import parse_delay

    text = str(delay)
    assert parse_delay(text) == (text, delay)
    assert parse_delay(text.upper()) == (text, delay)


def test_delays_print_the_way_users_write_them():
    assert str(Delay()) == "0h"
    assert str(Delay(3)) == "3bd"
    assert str(Delay(0, timedelta(hours=48))) == "48h"  # two days read as hours
    assert str(Delay(0, timedelta(hours=72))) == "3d"
    assert str(Delay(0, timedelta(hours=73))) == "73h"
    assert str(Delay(1, timedelta(minutes=30))) == "1bd30m"
    assert str(Delay(0, timedelta(days=30))) == "30d"


def test_the_longest_delays_are_twenty_business_days_and_thirty_days():
    from followup.core.durations import parse_delay

    assert parse_delay("20bd") == ("20bd", Delay(20))
    assert parse_delay("30d") == ("30d", Delay(0, timedelta(days=30)))
    assert parse_delay("20bd 30d") == ("20bd30d", Delay(20, timedelta(days=30)))
    assert parse_delay("24h") == ("24h", Delay(0, timedelta(hours=24)))
    with pytest.raises(ValueError) as info:
        parse_delay("21bd")
    assert str(info.value) == "'21bd' is more than 20 business days: use at most 20bd"
    with pytest.raises(ValueError) as info:
        parse_delay("31d")
    assert str(info.value) == (
        "'31d' is longer than 30 days: use at most 30d, or business days such as 2bd"
    )
    with pytest.raises(ValueError) as info:
        parse_delay("1bd4x")
    assert str(info.value) == (
        "'1bd4x' is not a duration: write business days such as 2bd, optionally "
        "followed by hours (1bd4h), or a duration such as 24h"
    )
    with pytest.raises(ValueError) as info:
        parse_delay("soon")
    assert str(info.value) == (
        "'soon' is not a duration: write a whole number and a unit, such as 90m, 24h, 2d "
        "or 1d12h, or business days such as 2bd"
    )


# ----- a region the holidays package does not know -------------------------------------


def test_an_unknown_country_says_how_to_write_one_and_how_to_clear_it():
    with pytest.raises(FollowupError) as info:
        check_region("XX")
    assert error_text(info.value) == (
        "holidays.country 'XX' is not a country the holidays package knows: use an ISO "
        "3166 code such as US, GB or DE (followup config holidays.country US), or clear it "
        "with followup config holidays.country --unset"
    )


def test_an_unknown_subdivision_lists_the_known_ones_up_to_seventy():
    import holidays

    us = holidays.list_supported_countries()["US"]
    assert len(us) <= 70  # all of them shown
    with pytest.raises(FollowupError) as info:
        check_region("US", "ZZ")
    assert error_text(info.value) == (
        f"holidays.subdivision 'ZZ' is not a subdivision of US: use one of {', '.join(us)}, "
        "or clear it with followup config holidays.subdivision --unset"
    )
    italy = holidays.list_supported_countries()["IT"]
    assert len(italy) > 70  # the first 60, and how many more
    with pytest.raises(FollowupError) as info:
        check_region("IT", "ZZ")
    assert f"use one of {', '.join(italy[:60])} … and {len(italy) - 60} more, or clear" in (
        error_text(info.value)
    )


def test_the_cut_of_the_subdivision_list_falls_after_seventy():
    from followup.core.business_days import _unknown

    class Package:  # the holidays package's listing, with a made-up country
        def __init__(self, count):
            self.codes = [f"S{n}" for n in range(count)]

        def list_supported_countries(self):
            return {"QQ": self.codes}

    assert str(_unknown(Package(70), "QQ", "ZZ")).count(", S") == 69
    cut = error_text(_unknown(Package(71), "QQ", "ZZ"))
    assert cut.count(", S") == 59 and "S59 … and 11 more, or clear" in cut


def test_a_subdivision_of_a_country_without_any_says_so():
    with pytest.raises(FollowupError) as info:
        check_region("AL", "ZZ")
    assert error_text(info.value) == (
        "holidays.subdivision 'ZZ' does not apply: the holidays package knows no "
        "subdivisions of AL; clear it with followup config holidays.subdivision --unset"
    )


def test_a_country_s_calendar_is_loaded_once_per_process(monkeypatch):
    from followup.core import business_days
    from followup.core.business_days import calendar

    monkeypatch.setattr(business_days, "_CALENDARS", {})  # as in a new process

    assert calendar("US") is calendar("US")
    assert calendar("DE", "BY") is calendar("DE", "BY")
    assert calendar("DE", "BY") is not calendar("DE", "BE")


def test_a_time_without_a_zone_is_refused_by_name():
    """A naive datetime has no local day to count business days from: a programming
    error, named as such."""
    from followup.core.business_days import add_business_days

    with pytest.raises(ValueError, match=r"^add_business_days needs an aware datetime$"):
        add_business_days(datetime(2026, 11, 27, 9), 1, frozenset())


def test_a_count_back_is_refused_by_name():
    from followup.core.business_days import add_business_days

    with pytest.raises(ValueError, match=r"^add_business_days counts forward only$"):
        add_business_days(datetime(2026, 11, 27, 9, tzinfo=UTC), -1, frozenset())


def test_the_result_keeps_the_zone_of_the_moment_given():
    """Counted in the system's zone (UTC here), the result is still said in Berlin's."""
    from followup.core.business_days import add_business_days

    berlin = ZoneInfo("Europe/Berlin")
    result = add_business_days(datetime(2026, 11, 27, 9, tzinfo=berlin), 1, frozenset())
    assert result.tzinfo is berlin
    assert result == datetime(2026, 11, 30, 9, tzinfo=berlin)


def test_holidays_that_leave_no_business_day_are_named_with_the_settings_to_check():
    from followup.core.business_days import next_business_day

    class Always:
        def __contains__(self, day: object) -> bool:
            return True

    with pytest.raises(FollowupError) as caught:
        next_business_day(date(2026, 11, 27), Always())
    said = error_text(caught.value)
    assert said.startswith("no business day in the ")
    assert said.endswith(": check holidays.country and holidays.subdivision (followup config)")
