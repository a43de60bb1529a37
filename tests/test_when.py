"""Reading WHEN: ISO 8601, words, phrases, time zones; and relative times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.when import parse_when, relative
from followup.errors import FollowupError

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
    ("delta", "text"),
    [
        (timedelta(seconds=30), "now"),
        (timedelta(minutes=5), "in 5 min"),
        (timedelta(hours=5, minutes=59), "in 5 h"),
        (timedelta(hours=47), "in 47 h"),
        (timedelta(days=3, hours=1), "in 3 d"),
        (-timedelta(hours=2), "2 h ago"),
        (-timedelta(days=2), "2 d ago"),
    ],
)
def test_relative(delta, text):
    assert relative(NOON + delta, NOON) == text


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


def test_phrases_without_a_time_of_day_mean_nine_in_the_morning():
    assert parse_when("November 20", NOON, tz=UTC) == utc(2026, 11, 20, 9)
    assert parse_when("November 20 14:30", NOON, tz=UTC) == utc(2026, 11, 20, 14, 30)
    assert parse_when("November 20 2 p.m", NOON, tz=UTC) == utc(2026, 11, 20, 14)
    assert parse_when("November 20 at noon", NOON, tz=UTC) == utc(2026, 11, 20, 12)
    # phrases are read from the past and with the local day and zone
    assert parse_when("December 1", NOON, tz=UTC) == utc(2025, 12, 1, 9)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert parse_when("November 20", NOON, tz=tokyo) == utc(2026, 11, 20, 0)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(0), "now"),
        (timedelta(seconds=59), "now"),
        (-timedelta(seconds=59), "now"),
        (timedelta(seconds=60), "in 1 min"),
        (-timedelta(seconds=60), "1 min ago"),
        (timedelta(minutes=59, seconds=59), "in 59 min"),
        (timedelta(hours=1), "in 1 h"),
        (-timedelta(hours=1), "1 h ago"),
        (timedelta(hours=47, minutes=59), "in 47 h"),
        (timedelta(hours=48), "in 2 d"),
        (-timedelta(hours=48), "2 d ago"),
        (timedelta(days=9, hours=23), "in 9 d"),
    ],
)
def test_relative_times_round_down_at_each_unit(delta, text):
    assert relative(NOON + delta, NOON) == text


def test_overdue_by_says_how_long_ago_a_step_fell_due():
    from followup.core.when import overdue_by

    assert overdue_by(NOON - timedelta(days=2, hours=3), NOON) == "2 d overdue"
    assert overdue_by(NOON - timedelta(minutes=5), NOON) == "5 min overdue"
    assert overdue_by(NOON, NOON) == "now overdue"


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
