"""Rules of the calendar export (`followup export --format ics`) a calendar user relies on:
what each event says, when it starts and reminds, which events are cancelled, and that
every export outranks the earlier ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.features.calendar_export import soon


@pytest.mark.parametrize(
    ("now", "start"),
    [
        ("10:00:00", "10:30"),
        ("10:00:30", "10:45"),  # 10:30 would remind 30 s before the export
        ("10:01:00", "10:45"),
        ("10:14:59", "10:45"),
        ("10:15:00", "10:45"),
        ("10:15:00.000001", "11:00"),
        ("23:45:00", "00:15"),
    ],
)
def test_an_overdue_step_goes_to_the_next_quarter_hour_at_least_30_minutes_on(now, start):
    moment = datetime.fromisoformat(f"2026-11-26T{now}+00:00")
    placed = soon(moment)
    assert placed.strftime("%H:%M:%S.%f") == f"{start}:00.000000"
    assert timedelta(minutes=30) <= placed - moment < timedelta(minutes=45)


@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(9000, 1, 1)))
def test_an_overdue_steps_reminder_never_fires_before_the_export(moment):
    moment = moment.replace(tzinfo=UTC)
    placed = soon(moment)
    assert placed - timedelta(minutes=30) >= moment  # the reminder is still to come
    assert placed - moment < timedelta(minutes=45)  # and it is the first quarter that fits
    assert (placed.minute % 15, placed.second, placed.microsecond) == (0, 0, 0)
