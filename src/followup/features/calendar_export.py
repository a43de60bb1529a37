"""The calendar export: one iCalendar (RFC 5545) event per pending follow-up.

The `icalendar` library does the escaping, folding and line ends; it is imported
only here, inside the function, so other commands never pay for it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from followup import __version__
from followup.core.kinds import BY_NAME
from followup.core.models import Interview, Step

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
    which an import may change), the step's kind and its person, so a calendar that
    re-imports an updated export updates its events instead of adding copies.
    """
    key = f"{iv.uid}\n{step.step}\n{step.who or ''}"
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


def description(iv: Interview, step: Step) -> str:
    """What to do, for whom (with the email where known), and how to tick it off."""
    kind = BY_NAME[step.step]
    lines = [kind.summary[:1].upper() + kind.summary[1:] + "."]
    person = next((p for p in iv.interviewers if p.label == step.who), None)
    if person is not None:
        lines.append(f"For: {person}")
    lines.append(f"Interview #{iv.id}: {iv.company}" + (f", {iv.role}" if iv.role else ""))
    if iv.notes:
        lines.append(f"Notes: {iv.notes}")
    who = f" --who {step.who.split()[0]}" if step.who and len(iv.interviewers) > 1 else ""
    lines.append(f"When it is done: followup done {iv.id} {step.step}{who}")
    return _text("\n".join(lines))


def export_ics(interviews: Iterable[Interview], now: datetime) -> bytes:
    """An iCalendar file: an event with a reminder for each pending step of open interviews."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//followup//followup {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "followup")
    for iv in interviews:
        if iv.closed:
            continue
        for s in iv.steps:
            if s.status != "pending":
                continue
            event = Event()
            event.add("uid", step_uid(iv, s))
            event.add("dtstamp", now)
            event.add("dtstart", s.due)
            event.add("dtend", s.due + EVENT_LENGTH)
            event.add("summary", summary(iv, s))
            event.add("description", description(iv, s))
            event.add("categories", ["followup"])
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary(iv, s))
            alarm.add("trigger", -REMINDER_BEFORE)
            event.add_component(alarm)
            cal.add_component(event)
    return cal.to_ical()
