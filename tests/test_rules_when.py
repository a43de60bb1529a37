"""When they said they would decide (`--decision`): the phrases, read forward, as users
say them, on each day of the week, in the local zone, with the public holidays set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from followup.core.when import parse_decision


def on(day: int, hour: int = 9) -> datetime:
    """Day `day` counted from 1 November 2026 (31 is 1 December), at `hour` UTC."""
    return datetime(2026, 11, 1, hour, tzinfo=UTC) + timedelta(days=day - 1)


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
