"""core.distance: how far a time is from now, as `status`, `show` and reminders say it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import NOW_DT
from followup.core.distance import overdue_by, relative


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
def test_a_distance_is_said_in_its_largest_whole_unit(delta, text):
    assert relative(NOW_DT + delta, NOW_DT) == text


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
    assert relative(NOW_DT + delta, NOW_DT) == text


def test_overdue_by_says_how_long_ago_a_step_fell_due():
    assert overdue_by(NOW_DT - timedelta(days=2, hours=3), NOW_DT) == "2 d overdue"
    assert overdue_by(NOW_DT - timedelta(minutes=5), NOW_DT) == "5 min overdue"
    assert overdue_by(NOW_DT, NOW_DT) == "now overdue"
