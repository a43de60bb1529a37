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
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("NOW", NOW),
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
    assert parse_when(text, NOW, tz=UTC) == expected


def test_local_zone_applies_to_typed_times():
    paris = ZoneInfo("Europe/Paris")  # UTC+1 in November
    assert parse_when("2026-11-25 14:00", NOW, tz=paris) == utc(2026, 11, 25, 13)
    assert parse_when("today", NOW, tz=paris) == utc(2026, 11, 26, 8)
    # an explicit offset wins over the local zone
    assert parse_when("2026-11-25T14:00-05:00", NOW, tz=paris) == utc(2026, 11, 25, 19)


def test_today_is_the_local_day_not_the_utc_day():
    # 23:30 UTC on the 26th is already the 27th in Tokyo
    late = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert parse_when("today 10:00", late, tz=tokyo) == utc(2026, 11, 27, 1)
    assert parse_when("yesterday", late, tz=tokyo) == utc(2026, 11, 26, 0)


def test_dst_is_respected_for_dates_in_summer():
    ny = ZoneInfo("America/New_York")
    assert parse_when("2026-07-01 09:00", NOW, tz=ny) == utc(2026, 7, 1, 13)  # EDT, UTC-4
    assert parse_when("2026-12-01 09:00", NOW, tz=ny) == utc(2026, 12, 1, 14)  # EST, UTC-5


@pytest.mark.parametrize(
    "text", ["", "   ", "blorp", "2026-13-01", "2026-02-30", "25:00", "today 25:00"]
)
def test_unreadable_times_are_clear_errors(text):
    with pytest.raises(FollowupError) as info:
        parse_when(text, NOW, tz=UTC)
    assert repr(text.strip()) in str(info.value) or repr(text) in str(info.value)


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1)))
def test_iso_round_trip(moment):
    aware = moment.replace(tzinfo=timezone(timedelta(hours=5)))
    assert parse_when(aware.isoformat(), NOW, tz=UTC) == aware


@given(st.text(max_size=30))
def test_any_text_parses_or_raises_a_followup_error(text):
    try:
        result = parse_when(text, NOW, tz=UTC)
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
    assert relative(NOW + delta, NOW) == text


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
    assert parse_when(text, NOW, tz=UTC) == expected


@pytest.mark.parametrize("text", ["05/11/2026", "5/11", "01.02.2026 10:00"])
def test_day_month_order_that_could_go_either_way_is_refused(text):
    with pytest.raises(FollowupError, match="year-month-day"):
        parse_when(text, NOW, tz=UTC)


def test_iso_errors_do_not_leak_python_wording():
    with pytest.raises(FollowupError) as info:
        parse_when("2026-11-25 teatime", NOW, tz=UTC)
    assert "isoformat" not in str(info.value) and "'2026-11-25 teatime'" in str(info.value)
