"""`export --format ics` never writes private notes: event descriptions hold topics only."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import NOW_DT
from followup.core.checklist import derive_steps
from followup.core.models import Interview, Interviewer, Topic
from followup.features.calendar_export import export_ics


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


@settings(max_examples=20, deadline=None)
@given(
    notes=st.text(min_size=1),
    topics=st.lists(st.text(min_size=1, max_size=30), max_size=3),
)
def test_the_notes_change_nothing_in_the_calendar(notes, topics):
    """Whatever the notes say, the calendar is the same byte for byte as with none."""

    def calendar(with_notes: str) -> bytes:
        iv = Interview(
            id=3, uid="uid-3", company="Acme", at=datetime(2026, 11, 25, 14, tzinfo=UTC),
            interviewers=[Interviewer(name="Jane Doe")], notes=with_notes,
            topics=[Topic(text=t) for t in topics],
        )  # fmt: skip
        iv.steps = derive_steps(iv)
        return export_ics([iv], NOW_DT)

    assert calendar(notes) == calendar("")
