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
