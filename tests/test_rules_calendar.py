"""Rules of the calendar export (`followup export --format ics`) a calendar user relies on:
what each event says, when it starts and reminds, which events are cancelled, and that
every export outranks the earlier ones."""

from __future__ import annotations

from icalendar import Calendar

from conftest import ACME


def events(data: bytes) -> dict[str, object]:
    """The events by summary (every summary below is unique)."""
    found = list(Calendar.from_ical(data).walk("VEVENT"))
    by_summary = {str(e["SUMMARY"]): e for e in found}
    assert len(by_summary) == len(found)
    return by_summary


def test_the_cli_cancels_the_steps_of_a_closed_interview_until_30_days_on(cli):
    assert cli(*ACME).code == 0
    # withdrawn: no reply step (an offer's reply stays an event while it is pending)
    assert cli("close", "acme", "--outcome", "withdrawn").code == 0
    at_30 = {"FOLLOWUP_NOW": "2026-12-26T10:00:00+00:00"}
    found = events(cli("export", "-f", "ics", env=at_30).stdout.encode())
    first = str(found["LinkedIn · Jane Doe · Acme Corp"]["DESCRIPTION"]).splitlines()[0]
    assert first == "Cancelled: the interview was closed (withdrawn)."
    later = {"FOLLOWUP_NOW": "2026-12-26T10:00:01+00:00"}
    assert events(cli("export", "-f", "ics", env=later).stdout.encode()) == {}


def test_the_export_counts_the_events_to_do_overdue_and_cancelled(cli, tmp_path):
    assert cli(*ACME).code == 0
    assert cli("done", "acme", "email", "--who", "jane").code == 0
    target = tmp_path / "f.ics"
    run = cli("export", "--output", str(target))
    assert run.code == 0, run.stderr
    assert run.stderr.strip() == (
        f"Wrote 7 event(s) to do (1 overdue, placed today) and 1 cancelled (done, skipped "
        f"or closed) to {target}."
    )
