"""Where a step falls at the edges: overdue or not, today or not, on which day of the agenda.

The property tests beside `status` (tests/commands/test_prompt.py: the prompt line agrees with
`status --json`; tests/commands/test_agenda.py: the agenda places every pending step) draw times
at random, and only some draws land on an edge. Each edge gets a fixed example here,
checked three ways: the shell-prompt line (`followup prompt`, a real process), the
agenda (`agenda --json`), and the numbers `status --json` gives:

- a step due exactly now is not overdue (overdue means due *before* now), and a second
  later it is;
- "today" and the agenda's days are local dates: a step due today in local time but
  tomorrow in UTC is today, and one due today in UTC but tomorrow in local time is not;
- the last minute of a day belongs to it, and midnight starts the next one.

Each interview gets its steps from its time: phone +4 h, email +24 h, linkedin and
card +48 h, check-in a week later.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime

import pytest

from conftest import env_for_subprocess
from followup import prompt
from followup.core.checklist import is_overdue
from followup.features.agenda import days_ahead
from followup.storage.store import Store


@pytest.fixture
def situation(cli, home, monkeypatch):
    """situation(zone, now, *interview_times): a store holding one interview per time
    (#1, #2, ...), with TZ and FOLLOWUP_NOW set for what follows."""

    def make(zone: str, now: str, *ats: str) -> None:
        monkeypatch.setenv("TZ", zone)
        monkeypatch.setenv("FOLLOWUP_NOW", now)
        time.tzset()
        for n, at in enumerate(ats, 1):
            assert cli("add", f"C{n}", "--at", at).code == 0

    return make


def prompt_line(home, zone: str, now: str) -> str:
    """What `followup prompt` prints, run as a shell runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "followup", "prompt"],
        env=env_for_subprocess(home, TZ=zone, FOLLOWUP_NOW=now),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout.removesuffix("\n")


def status_counts(cli) -> tuple[int, int]:
    """(overdue, due today) as `status --json` has them, today being the local date."""
    steps = cli("status", "--json").json()
    today = datetime.fromisoformat(os.environ["FOLLOWUP_NOW"]).astimezone().date()
    overdue = sum(s["overdue"] for s in steps)
    due_today = sum(
        not s["overdue"] and datetime.fromisoformat(s["due"]).astimezone().date() == today
        for s in steps
    )
    return overdue, due_today


def placed(cli, days: int) -> dict[tuple[int, str], str]:
    """Each step of `agenda --days N --json`: "overdue" or its date; steps after the last
    day are absent."""
    doc = cli("agenda", "--days", str(days), "--json").json()
    where = {(s["interview"], s["step"]): "overdue" for s in doc["overdue"]}
    for day in doc["days"]:
        for s in day["steps"]:
            assert (s["interview"], s["step"]) not in where, "a step placed twice"
            where[(s["interview"], s["step"])] = day["date"]
    return where


def check_prompt(cli, home, zone: str, now: str, expected: str) -> None:
    assert prompt_line(home, zone, now) == expected
    assert prompt.line(*status_counts(cli)) == expected  # and status says the same


# ----- a step due exactly now ------------------------------------------------------------


def test_a_step_due_exactly_now_is_due_today_not_overdue(cli, home, situation):
    now = "2026-11-26T10:00:00+00:00"
    situation("UTC", now, "2026-11-26 06:00")  # the phone: due 10:00, now
    check_prompt(cli, home, "UTC", now, "1 today")
    [phone] = [s for s in cli("status", "--json").json() if s["step"] == "phone"]
    assert (phone["due"], phone["overdue"]) == (now, False)
    assert placed(cli, 1) == {(1, "phone"): "2026-11-26"}


def test_a_second_later_it_is_overdue(cli, home, situation):
    now = "2026-11-26T10:00:01+00:00"
    situation("UTC", now, "2026-11-26 06:00")
    check_prompt(cli, home, "UTC", now, "1 overdue")
    assert placed(cli, 1) == {(1, "phone"): "overdue"}


def test_the_rule_itself_at_the_second(home, situation):
    now = datetime.fromisoformat("2026-11-26T10:00:00+00:00")
    situation("UTC", now.isoformat(), "2026-11-26 06:00")
    [iv] = Store(home).read_all()
    phone = next(s for s in iv.steps if s.step == "phone")
    assert phone.due == now
    assert not is_overdue(phone, now)
    assert is_overdue(phone, now.replace(second=1))
    doc = {"format": "followup-store", "interviews": [iv.model_dump(mode="json")]}
    assert prompt.counts(doc, now.timestamp()) == (0, 1)
    assert prompt.counts(doc, now.timestamp() + 1) == (1, 0)


# ----- local dates, not UTC's ------------------------------------------------------------


def test_due_today_in_local_time_but_tomorrow_in_utc_is_today(cli, home, situation):
    # Honolulu is UTC-10: the email is due 22:00 local on the 26th, 08:00 UTC on the 27th
    now = "2026-11-26T10:00:00-10:00"
    situation("Pacific/Honolulu", now, "2026-11-25 22:00")
    email = next(s for s in cli("status", "--json").json() if s["step"] == "email")
    assert email["due"] == "2026-11-27T08:00:00+00:00"
    check_prompt(cli, home, "Pacific/Honolulu", now, "1 overdue, 1 today")  # + the phone
    assert placed(cli, 2) == {
        (1, "phone"): "overdue",  # 02:00 local on the 26th
        (1, "email"): "2026-11-26",
        (1, "linkedin"): "2026-11-27",
        (1, "card"): "2026-11-27",
    }


def test_due_today_in_utc_but_tomorrow_in_local_time_is_not_today(cli, home, situation):
    # Tokyo is UTC+9: the email is due 05:00 local on the 27th, 20:00 UTC on the 26th
    now = "2026-11-26T10:00:00+09:00"
    situation("Asia/Tokyo", now, "2026-11-26 05:00")
    email = next(s for s in cli("status", "--json").json() if s["step"] == "email")
    assert email["due"] == "2026-11-26T20:00:00+00:00"
    check_prompt(cli, home, "Asia/Tokyo", now, "1 overdue")  # the phone, due 09:00
    assert placed(cli, 2) == {(1, "phone"): "overdue", (1, "email"): "2026-11-27"}


@pytest.mark.parametrize(
    ("zone", "now", "at", "today", "tomorrow"),
    [
        # 20:00 in Honolulu is 06:00 UTC the next day: today is still the 26th
        ("Pacific/Honolulu", "2026-11-26T20:00:00-10:00", "2026-11-26 18:00", "26", "27"),
        # 08:00 in Tokyo is 23:00 UTC the day before: today is already the 27th
        ("Asia/Tokyo", "2026-11-27T08:00:00+09:00", "2026-11-27 06:00", "27", "28"),
    ],
)
def test_today_is_the_local_date_of_now(cli, home, situation, zone, now, at, today, tomorrow):
    situation(zone, now, at)  # the phone: due 4 h later, later today
    check_prompt(cli, home, zone, now, "1 today")
    where = placed(cli, 2)
    assert where == {(1, "phone"): f"2026-11-{today}", (1, "email"): f"2026-11-{tomorrow}"}


def test_the_local_date_in_the_store_api(home, situation):
    situation("Asia/Tokyo", "2026-11-26T10:00:00+09:00", "2026-11-26 05:00")
    now = datetime.fromisoformat("2026-11-26T10:00:00+09:00")
    result = days_ahead(Store(home).read_all(), now, 2)
    assert [(d.day.isoformat(), [s.step for _, s in d.rows]) for d in result.days] == [
        ("2026-11-26", []),
        ("2026-11-27", ["email"]),
    ]
    assert [s.step for _, s in result.overdue] == ["phone"]


# ----- the last minute of a day ----------------------------------------------------------


def test_the_last_minute_of_today_is_today_and_midnight_is_tomorrow(cli, home, situation):
    # Paris is UTC+1 in November; now is 23:59 local, the last minute of the 26th
    now = "2026-11-26T23:59:00+01:00"
    situation("Europe/Paris", now, "2026-11-26 19:59", "2026-11-26 20:00")
    # #1's phone is due at 23:59 (now: not overdue, today); #2's at 00:00 on the 27th
    check_prompt(cli, home, "Europe/Paris", now, "1 today")
    assert placed(cli, 1) == {(1, "phone"): "2026-11-26"}
    assert placed(cli, 2) == {
        (1, "phone"): "2026-11-26",
        (2, "phone"): "2026-11-27",
        (1, "email"): "2026-11-27",  # 19:59
        (2, "email"): "2026-11-27",  # 20:00
    }


def test_the_last_minute_of_the_agenda_s_last_day_is_on_it(cli, home, situation):
    now = "2026-11-26T10:00:00+01:00"
    situation("Europe/Paris", now, "2026-11-26 23:59", "2026-11-27 00:00")
    # emails: #1's at 23:59 on the 27th, the last of two days; #2's at 00:00 on the 28th
    where = placed(cli, 2)
    assert where[(1, "email")] == "2026-11-27"
    assert (2, "email") not in where
    assert where == {
        (1, "phone"): "2026-11-27",  # 03:59
        (1, "email"): "2026-11-27",
        (2, "phone"): "2026-11-27",  # 04:00
    }
    later = cli("agenda", "--days", "2")
    assert "7 more due later" in later.stderr  # #2's email among them
    check_prompt(cli, home, "Europe/Paris", now, "")  # nothing today, nothing overdue
