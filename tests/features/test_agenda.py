"""The rules of `followup agenda`, on the engine: every overdue step under overdue (any
day), the days from today in order, and the steps after the last day counted, with the
date of the last of them (for the hint that shows them all)."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import NOW_DT
from followup.core.models import Interview, Step
from followup.features.agenda import agenda_json, days_ahead


def test_overdue_then_each_day_then_what_comes_later_counted():
    late = [
        Step(step="phone", due=NOW_DT - timedelta(days=3)),
        Step(step="email", who="Jane Doe", due=NOW_DT - timedelta(hours=1)),
    ]
    today = Step(step="email", who="Raj Patel", due=NOW_DT + timedelta(hours=2))
    tomorrow = Step(step="card", who="Jane Doe", due=NOW_DT + timedelta(days=1))
    later = [
        Step(step="linkedin", who="Jane Doe", due=NOW_DT + timedelta(days=9)),
        Step(step="checkin", due=NOW_DT + timedelta(days=20)),
        Step(step="card", who="Raj Patel", due=NOW_DT + timedelta(days=4)),
    ]
    iv = Interview(id=1, uid="u1", company="Acme", at=NOW_DT - timedelta(days=4),
                   steps=[*late, today, tomorrow, *later])  # fmt: skip
    result = days_ahead([iv], NOW_DT, 3)
    assert result.today == date(2026, 11, 26)
    assert result.overdue == [(iv, late[0]), (iv, late[1])]
    assert [(d.day, d.rows) for d in result.days] == [
        (date(2026, 11, 26), [(iv, today)]),
        (date(2026, 11, 27), [(iv, tomorrow)]),
        (date(2026, 11, 28), []),
    ]
    assert (result.later, result.last_later) == (3, date(2026, 12, 16))
    one_day = days_ahead([iv], NOW_DT, 1)
    assert (one_day.later, one_day.last_later) == (4, date(2026, 12, 16))
    doc = agenda_json(result, NOW_DT)
    assert list(doc) == ["overdue", "days"]
    assert [(s["step"], s["who"], s["overdue"]) for s in doc["overdue"]] == [
        ("phone", None, True),
        ("email", "Jane Doe", True),
    ]
    assert [
        (d["date"], [(s["interview"], s["step"]) for s in d["steps"]]) for d in doc["days"]
    ] == [
        ("2026-11-26", [(1, "email")]),
        ("2026-11-27", [(1, "card")]),
        ("2026-11-28", []),
    ]
    assert doc["days"][0]["steps"][0]["due"] == "2026-11-26T12:00:00+00:00"


def test_nothing_later_leaves_no_last_date():
    iv = Interview(id=1, uid="u1", company="Acme", at=NOW_DT,
                   steps=[Step(step="phone", due=NOW_DT + timedelta(hours=4))])  # fmt: skip
    result = days_ahead([iv], NOW_DT, 1)
    assert (result.later, result.last_later) == (0, None)
    assert days_ahead([], NOW_DT, 2).days[1].day == date(2026, 11, 27)
