"""`followup agenda` (the days ahead) and `followup status INTERVIEW`."""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ACME, NOW


@pytest.fixture
def two(cli):
    """Acme (yesterday 14:00, two people) and Globex (today 09:00, nobody named)."""
    assert cli(*ACME).code == 0
    assert cli("add", "Globex", "--at", "2026-11-26 09:00").code == 0


def test_json_has_overdue_then_one_entry_per_day(cli, two):
    run = cli("agenda", "--json")
    assert run.code == 0
    doc = run.json()
    assert list(doc) == ["overdue", "days"]
    # Acme's phone was due 4 h after its interview; Globex's is due at 13:00 today
    assert [(s["interview"], s["step"]) for s in doc["overdue"]] == [(1, "phone")]
    assert all(s["overdue"] for s in doc["overdue"])
    assert [d["date"] for d in doc["days"]] == [f"2026-11-{n}" for n in range(26, 31)] + [
        "2026-12-01",
        "2026-12-02",
    ]
    steps = {d["date"]: [(s["interview"], s["step"], s["who"]) for s in d["steps"]]
             for d in doc["days"]}  # fmt: skip
    assert steps["2026-11-26"] == [
        (2, "phone", None),
        (1, "email", "Jane Doe"),
        (1, "email", "Raj Patel"),
    ]
    assert steps["2026-11-27"][0] == (2, "email", None)
    assert len(steps["2026-11-27"]) == 5
    assert steps["2026-11-28"] == [(2, "linkedin", None), (2, "card", None)]
    assert all(steps[d] == [] for d in ("2026-11-29", "2026-11-30", "2026-12-01"))
    assert steps["2026-12-02"] == [(1, "checkin", None)]  # 5 business days after Acme
    assert set(doc["days"][0]["steps"][0]) >= {"interview", "company", "step", "who", "due",
                                                "status", "done_at", "overdue"}  # fmt: skip


def test_days_counts_from_today(cli, two):
    assert [d["date"] for d in cli("agenda", "--days", "1", "--json").json()["days"]] == [
        "2026-11-26"
    ]
    assert len(cli("agenda", "-d", "30", "--json").json()["days"]) == 30


@pytest.mark.parametrize("days", ["0", "-1", "367", "soon"])
def test_bad_days_is_a_usage_error(cli, days):
    run = cli("agenda", "--days", days)
    assert run.code == 2
    assert run.stderr.startswith(f"error: bad --days: {days!r} ")
    assert run.stderr.endswith(": see `followup agenda --help`\n")


def test_days_are_local_dates(cli, two, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    # 10:00 UTC is 19:00 in Tokyo; linkedin and card, due 14:00 UTC tomorrow, fall on
    # the 27th there at 23:00, and Globex's email (09:00 UTC on the 27th) at 18:00.
    doc = cli("agenda", "--json").json()
    assert doc["days"][0]["date"] == "2026-11-26"
    day = {d["date"]: len(d["steps"]) for d in doc["days"]}
    assert (day["2026-11-26"], day["2026-11-27"], day["2026-11-28"]) == (3, 5, 2)
    monkeypatch.setenv("TZ", "Pacific/Honolulu")
    time.tzset()
    # In Honolulu it is 00:00 on the 26th: the emails (04:00 there) and Globex's email
    # (09:00 UTC on the 27th, 23:00 on the 26th there) are today; Globex's linkedin and
    # card (09:00 UTC on the 28th) fall on the 27th with Acme's.
    doc = cli("agenda", "--json").json()
    day = {d["date"]: len(d["steps"]) for d in doc["days"]}
    assert doc["days"][0]["date"] == "2026-11-26"
    assert (day["2026-11-26"], day["2026-11-27"], day["2026-11-28"]) == (4, 6, 0)


def test_human_listing_without_a_terminal_has_no_picture(cli, two):
    run = cli("agenda", env={"COLUMNS": "80"})
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert lines[0] == "Overdue (1)"
    assert lines[1].split() == ["1", "Acme", "Corp", "Phone", "ready", "-", "16", "h", "overdue"]
    assert "Today, Thu 26 Nov (3)" in lines
    assert "Tomorrow, Fri 27 Nov (5)" in lines
    assert "Sat 28 Nov (2)" in lines
    assert "Sun 29 Nov to Tue 01 Dec: nothing due" in lines
    assert lines[-2:] == ["Wed 02 Dec (1)", lines[-1]] and "Check-in" in lines[-1]
    assert "Mo  Tu" not in run.stdout
    assert all(len(line) <= 80 for line in lines)


def test_in_a_terminal_a_calendar_comes_first(cli, two):
    run = cli("agenda", env={"FORCE_COLOR": "1", "COLUMNS": "200", "NO_COLOR": "1"})
    lines = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout).splitlines()
    assert lines[0].strip() == "November - December 2026"
    assert lines[1] == " Mo  Tu  We  Th  Fr  Sa  Su"
    assert lines[2] == "             26! 27* 28* 29"
    assert lines[3] == " 30   1   2*"
    assert lines[4] == " ! 1 overdue   * 11 due   today Thu 26 Nov"
    assert lines[6] == "Overdue (1)"
    assert all(len(line) <= 80 for line in lines)  # even on a wide terminal


def test_user_text_is_shown_as_typed(cli):
    assert cli("add", "[b]Tom[/b] & Jerry", "--with", "[i]Ann[/i]").code == 0
    run = cli("agenda", env={"FORCE_COLOR": "1"})
    plain = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout)
    assert "[b]Tom[/b] & Jerry" in plain and "[i]Ann[/i]" in plain


def test_long_names_fit_80_columns(cli):
    company = "Very Long Company Name Incorporated International Holdings of Everything"
    assert cli("add", company, "--with", "Maximilian Alexander von Humboldt-Rosenberg").code == 0
    for env in ({"COLUMNS": "80"}, {"COLUMNS": "200", "FORCE_COLOR": "1"}):
        run = cli("agenda", env=env)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout)
        assert "Very Long" in plain and "Maximilian" in plain
        assert all(len(line) <= 80 for line in plain.splitlines())


def test_steps_after_the_last_day_are_counted(cli, two):
    run = cli("agenda", "--days", "2")
    assert run.code == 0
    assert "4 more due later: `followup agenda --days 8` shows them." in run.stderr


def test_nothing_at_all(cli):
    run = cli("agenda")
    assert run.code == 0
    assert run.stdout.splitlines() == ["Thu 26 Nov to Wed 02 Dec: nothing due"]
    assert "Nothing due" in run.stderr
    assert cli("agenda", "--json").json()["overdue"] == []


ZONES = ["UTC", "Asia/Tokyo", "America/St_Johns", "Pacific/Honolulu"]


# ----- the agenda holds every pending step once, in its place -----------------------


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hours=st.integers(-48, 120), days=st.integers(1, 10), zone=st.sampled_from(ZONES))
def test_every_pending_step_in_its_place(cli, home, monkeypatch, hours, days, zone):
    if not (home / "open.json").exists():
        for args in (ACME, ("add", "Globex", "--at", "2026-11-26 09:00"), ("add", "Initech")):
            assert cli(*args).code == 0
        assert cli("done", "globex", "email").code == 0
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    now = datetime.fromisoformat(NOW) + timedelta(hours=hours)
    env = {"FOLLOWUP_NOW": now.isoformat()}
    doc = cli("agenda", "--days", str(days), "--json", env=env).json()
    pending = cli("status", "--json", env=env).json()
    today = now.astimezone().date()
    assert [d["date"] for d in doc["days"]] == [
        (today + timedelta(days=i)).isoformat() for i in range(days)
    ]
    assert doc["overdue"] == [s for s in pending if s["overdue"]]
    last = today + timedelta(days=days - 1)
    for step in pending:
        local = datetime.fromisoformat(step["due"]).astimezone().date()
        placed = [d["date"] for d in doc["days"] if step in d["steps"]]
        if step["overdue"]:
            assert placed == []
        elif local <= last:
            assert placed == [local.isoformat()]
        else:
            assert placed == []
    assert all(date.fromisoformat(d["date"]) >= today for d in doc["days"])
