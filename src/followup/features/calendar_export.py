"""The calendar export: one iCalendar (RFC 5545) event per follow-up.

Events hold the interview's topics, never its private notes. Pending steps are events
at their due time; an overdue one is placed soon, today, since an event in the past
never reminds anyone. Steps done or skipped, and those of
recently closed interviews, stay in the file as cancelled events (a calendar drops
an event only when told so), each export with a higher SEQUENCE.

The `icalendar` library does the escaping, folding and line ends; it is imported
only here, inside the function, so other commands never pay for it.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import NamedTuple

from followup import __version__
from followup.core.checklist import awaits_answer, shows_in_status
from followup.core.kinds import BY_NAME
from followup.core.lookup import who_word
from followup.core.models import Interview, Step
from followup.core.zones import to_local

#: How long each event lasts in the calendar.
EVENT_LENGTH = timedelta(minutes=15)
#: The reminder fires this long before the step is due.
REMINDER_BEFORE = timedelta(minutes=30)
# RFC 5545 TEXT allows no control characters (line breaks are escaped by icalendar),
# and UTF-8 has no lone surrogates (which a mis-encoded command line can produce).
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _text(value: str) -> str:
    return _NOT_TEXT.sub("", value)


def step_uid(iv: Interview, step: Step) -> str:
    """A UID that names this step of this interview, the same in every export.

    Built from what never changes for a step: the interview's `uid` (not its number,
    which an import may change), the step's kind and its person's identity (their
    label, or the one they had before `edit --rename-with`), so a calendar that
    re-imports an updated export updates its events instead of adding copies.
    """
    person = next((p for p in iv.interviewers if step.who and p.label == step.who), None)
    key = f"{iv.uid}\n{step.step}\n{person.identity if person else step.who or ''}"
    chain = [s for s in iv.steps if s.step == "checkin"]
    place = next((n for n, s in enumerate(chain) if s is step), 0)
    if place:  # the second check-in is another event than the first
        key += f"\n{place + 1}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass"))
    return f"followup-{step.step}-{digest.hexdigest()[:24]}@followup"


def summary(iv: Interview, step: Step) -> str:
    """'Thank-you email · Jane Doe · Acme Corp': the step, the person and the company."""
    parts = [BY_NAME[step.step].label, step.who, iv.company]
    return _text(" · ".join(p for p in parts if p))


def topics(iv: Interview, step: Step) -> list[str]:
    """The topics that go with `step`: everyone's and its person's (all of them for a step
    of no one's)."""
    return [t.text for t in iv.topics if t.who is None or step.who is None or t.who == step.who]


def description(iv: Interview, step: Step) -> str:
    """What to do, for whom (with the email where known), the topics to mention, and how
    to tick it off. Never the notes: they are private, and a calendar is often shared or
    synced to a server."""
    kind = BY_NAME[step.step]
    lines = [kind.summary[:1].upper() + kind.summary[1:] + "."]
    person = next((p for p in iv.interviewers if p.label == step.who), None)
    if person is not None:
        lines.append(f"For: {person}")
    lines.append(f"Interview #{iv.id}: {iv.company}" + (f", {iv.role}" if iv.role else ""))
    if shown := topics(iv, step):
        lines.append("Topics: " + "; ".join(shown))
    who = ""
    if person is not None and len(iv.interviewers) > 1:
        who = f" --who {shlex.quote(who_word(person, iv.interviewers))}"
    lines.append(f"When it is done: followup done {iv.id} {step.step}{who}")
    return _text("\n".join(lines))


#: Closed interviews stay in the calendar file (their events cancelled) this long, so that
#: a calendar that imported them drops them; after that they are left out.
KEEP_CLOSED = timedelta(days=30)
#: An overdue step's event is placed at least this long after the export, so that its
#: reminder (REMINDER_BEFORE earlier) still fires.
OVERDUE_LEAD = REMINDER_BEFORE
QUARTER_HOUR = timedelta(minutes=15)
#: Every event's SEQUENCE counts seconds from here to the export: each export outranks
#: the ones before it, whatever happened in between (even an `undo`).
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


class Entry(NamedTuple):
    """One event of the calendar: a step, and how it goes in."""

    interview: Interview
    step: Step
    #: "due" (at its due time), "overdue" (placed soon, today) or "cancelled".
    kind: str
    start: datetime


def soon(now: datetime) -> datetime:
    """Where an overdue step goes: the first quarter hour at least OVERDUE_LEAD after now
    (rounded up, seconds too: its reminder must not fall before the export)."""
    earliest = now + OVERDUE_LEAD
    hour = earliest.replace(minute=0, second=0, microsecond=0)
    quarters = -(-(earliest - hour) // QUARTER_HOUR)  # rounded up
    return hour + quarters * QUARTER_HOUR


def entries(interviews: Iterable[Interview], now: datetime) -> list[Entry]:
    """The calendar's events: pending steps of open interviews, and the pending reply
    and decide steps of closed ones, at their due time (an
    overdue one soon, today, so that its reminder fires), and, cancelled, the steps
    that were done or skipped and those of interviews closed in the last KEEP_CLOSED,
    so that a calendar that imported them drops them."""
    found: list[Entry] = []
    for iv in interviews:
        recent = iv.closed_at is not None and now - iv.closed_at <= KEEP_CLOSED
        if iv.closed and not recent and not awaits_answer(iv):
            continue
        for s in iv.steps:
            if s.status != "pending" or not shows_in_status(iv, s):
                found.append(Entry(iv, s, "cancelled", s.due))
            elif s.due < now:
                found.append(Entry(iv, s, "overdue", soon(now)))
            else:
                found.append(Entry(iv, s, "due", s.due))
    return found


def _why_cancelled(iv: Interview, step: Step, tz: tzinfo | None) -> str:
    if step.status == "pending":
        return "Cancelled: the interview was closed" + (f" ({iv.outcome})." if iv.outcome else ".")
    when = f" on {_day(step.done_at, tz)}" if step.done_at else ""
    return f"Cancelled: {step.status}{when}." + (f" ({step.reason})" if step.reason else "")


def _day(moment: datetime, tz: tzinfo | None) -> str:
    return to_local(moment, tz).strftime("%a %d %b %H:%M")


def export_ics(interviews: Iterable[Interview], now: datetime, tz: tzinfo | None = None) -> bytes:
    """An iCalendar file of `entries`: each event with a reminder, cancelled ones marked
    `STATUS:CANCELLED`, and every SEQUENCE higher than in any earlier export."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//followup//followup {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "followup")
    sequence = max(0, int((now - SEQUENCE_EPOCH).total_seconds()))
    for iv, s, kind, start in entries(interviews, now):
        title = summary(iv, s)
        text = description(iv, s)
        if kind == "overdue":
            title = f"Overdue: {title}"
            text = f"Overdue: it was due {_day(s.due, tz)}.\n{text}"
        elif kind == "cancelled":
            text = f"{_why_cancelled(iv, s, tz)}\n{text}"
        event = Event()
        event.add("uid", step_uid(iv, s))
        event.add("dtstamp", now)
        event.add("sequence", sequence)
        event.add("status", "CANCELLED" if kind == "cancelled" else "CONFIRMED")
        event.add("dtstart", start)
        event.add("dtend", start + EVENT_LENGTH)
        event.add("summary", title)
        event.add("description", _text(text))
        event.add("categories", ["followup"])
        if kind != "cancelled":
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", title)
            alarm.add("trigger", -REMINDER_BEFORE)
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
