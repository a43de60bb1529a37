"""`followup prompt`'s time reader (`prompt.epoch`): the store's own UTC shape read by
hand, on every prompt, without importing `datetime`; anything else through `datetime`."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup import prompt


@pytest.fixture
def fast_only(monkeypatch):
    """`prompt.epoch` with its `datetime` fallback forbidden: a time it would hand to
    it fails the test instead of being read (the store's own shape must not need it)."""

    def slow(text: str) -> float:
        raise AssertionError(f"{text!r} took the slow path")

    monkeypatch.setattr(prompt, "_epoch_slow", slow)
    return prompt.epoch


def stored(moment: datetime) -> str:
    """`moment` as the store writes it: UTC, seconds, microseconds when there are some."""
    return moment.astimezone(UTC).isoformat()


def assert_reads(read, text: str) -> None:
    assert read(text) == pytest.approx(datetime.fromisoformat(text).timestamp(), abs=1e-6)


MOMENTS = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59, 999999)
)


@given(MOMENTS, st.booleans())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # a patch, no state
def test_the_stores_shape_is_read_without_datetime_and_agrees_with_it(fast_only, moment, whole):
    if whole:
        moment = moment.replace(microsecond=0)
    text = stored(moment.replace(tzinfo=UTC))
    assert len(text) == (25 if moment.microsecond == 0 else 32)
    assert_reads(fast_only, text)


@pytest.mark.parametrize("year", [1, 4, 100, 400, 1900, 2000, 2024, 2026, 2027, 9999])
@pytest.mark.parametrize("month", range(1, 13))
def test_the_first_and_last_moment_of_every_month_are_read_without_datetime(fast_only, year, month):
    last = calendar.monthrange(year, month)[1]  # 29 February in 4, 400, 2000 and 2024
    for text in (
        f"{year:04d}-{month:02d}-01T00:00:00+00:00",
        f"{year:04d}-{month:02d}-{last:02d}T23:59:59+00:00",
        f"{year:04d}-{month:02d}-{last:02d}T23:59:59.999999+00:00",
    ):
        assert_reads(fast_only, text)


def test_every_year_s_day_count_is_datetime_s(fast_only):
    # the 400-year cycles of the calendar: a wrong cycle is one day off, in some years only
    for year in range(1, 10000):
        for text in (f"{year:04d}-02-28T12:00:00+00:00", f"{year:04d}-03-01T12:00:00+00:00"):
            assert_reads(fast_only, text)


@pytest.mark.parametrize(
    "text",
    [
        "1900-02-29T10:00:00+00:00",  # a century, not a leap year
        "2027-02-29T10:00:00+00:00",
        "2100-02-29T10:00:00.500000+00:00",
        "2024-02-30T10:00:00+00:00",  # a leap year's February has 29 days, not 30
        "2000-02-30T10:00:00+00:00",
        "2026-04-31T10:00:00+00:00",
        "2026-06-31T10:00:00+00:00",
        "2026-09-31T10:00:00+00:00",
        "2026-11-31T10:00:00.000001+00:00",
        "2026-13-01T10:00:00+00:00",
        "2026-00-10T10:00:00+00:00",
        "2026-11-00T10:00:00+00:00",
        "0000-12-31T10:00:00+00:00",
        "2026-11-26T24:00:00+00:00",
        "2026-11-26T10:60:00+00:00",
        "2026-11-26T10:00:60+00:00",
        "2026-11-26T10:00:60.000000+00:00",
        "2026-11-26T10:00:00x123456+00:00",
    ],
)
def test_a_date_or_time_that_does_not_exist_is_unreadable(text):
    with pytest.raises(ValueError):
        datetime.fromisoformat(text)
    with pytest.raises(prompt.Unreadable):
        prompt.epoch(text)
