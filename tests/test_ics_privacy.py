"""`export --format ics` never writes private notes: event descriptions hold topics only."""

from __future__ import annotations


def descriptions(ics: str) -> list[str]:
    from icalendar import Calendar

    return [str(e["DESCRIPTION"]) for e in Calendar.from_ical(ics).walk("VEVENT")]


def test_the_notes_are_nowhere_in_the_calendar_and_the_topics_are(cli):
    add = cli("add", "Acme Corp", "--at", "2026-11-25 14:00",
              "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel",
              "--topic", "Jane: their move to dbt", "--topic", "the Q3 dashboard rebuild",
              "--notes", "salary band 80-90k, recruiter Zed")  # fmt: skip
    assert add.code == 0, add.stderr
    run = cli("export", "--format", "ics")
    assert run.code == 0
    assert "salary" not in run.stdout and "Zed" not in run.stdout
    found = descriptions(run.stdout)
    assert not any("Notes" in d or "salary" in d for d in found)
    jane = [d for d in found if "For: Jane Doe" in d]
    raj = [d for d in found if "For: Raj Patel" in d]
    assert jane and raj, found
    assert all("\nTopics: their move to dbt; the Q3 dashboard rebuild\n" in d for d in jane)
    assert all("\nTopics: the Q3 dashboard rebuild\n" in d for d in raj)
