"""After the thank-yous: recording that the company replied, and snoozing a step.

Plain functions on a `Change`, like `actions` and `marking`: no printing, no clock
(`now` is passed in); each sets the change's summary (the line `undo` shows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from followup.core.checklist import CHECKIN
from followup.core.kinds import AFTER_CLOSE, BY_NAME, parse_kind
from followup.core.lookup import describe, find_interviewer, who_word
from followup.core.models import Interview, Interviewer, Step
from followup.core.text import check_text
from followup.core.zones import to_local
from followup.errors import FollowupError
from followup.features.actions import interview_named
from followup.storage.store import Change

#: The reason given to the pending check-ins of an interview when the company replied.
THEY_REPLIED = "they replied"


@dataclass
class Reply:
    """What `record_reply` did."""

    interview: Interview
    #: The check-ins it skipped (they replied: no need to ask where things stand).
    skipped: list[Step] = field(default_factory=list)
    #: When a reply was recorded before this one (None: this is the first).
    before: datetime | None = None


def record_reply(
    change: Change,
    ref: str,
    on: datetime,
    now: datetime,
    *,
    note: str | None = None,
    tz: tzinfo | None = None,
) -> Reply:
    """The company of `ref` replied `on` (not in the future, not before the interview):
    set `replied_at`, skip its pending check-ins with the reason "they replied", and
    add `note` to its private notes, dated."""
    if on > now:
        raise FollowupError(
            f"--on {to_local(on, tz):%Y-%m-%d %H:%M} is in the future: a reply is recorded "
            "once it came (leave --on out for now)"
        )
    iv = interview_named(change, ref, closed_too=True)
    if on < iv.at:
        raise FollowupError(
            f"--on {to_local(on, tz):%Y-%m-%d %H:%M} is before {describe(iv)} took place "
            f"({to_local(iv.at, tz):%Y-%m-%d %H:%M}): give the day their reply came"
        )
    if iv.closed:
        change.closed()  # its file is rewritten with the reply
    result = Reply(iv, before=iv.replied_at)
    iv.replied_at = on
    for s in iv.steps:
        if s.step == CHECKIN and s.status == "pending":
            s.status, s.done_at, s.reason = "skipped", now, THEY_REPLIED
            result.skipped.append(s)
    if note is not None and note.strip():
        text = check_text("notes", note.strip(), multiline=True)
        line = f"Reply {to_local(on, tz):%Y-%m-%d}: {text}"
        iv.notes = check_text("notes", f"{iv.notes}\n{line}" if iv.notes else line, multiline=True)
    change.summary = f"recorded a reply from {describe(iv)}"
    return result


def snooze_step(
    change: Change,
    ref: str,
    word: str,
    until: datetime,
    now: datetime,
    *,
    who: str | None = None,
) -> tuple[Interview, list[Step]]:
    """Move the due time of the pending `word` steps of `ref` (one person's with `who`)
    to `until`, which must be later than `now`. `snoozed_from` keeps the due time they
    had before their first snooze. Returns the interview and the steps moved."""
    if until <= now:
        raise FollowupError(
            "--until must be later than now: a snooze puts a step off to a time to come "
            '(e.g. --until "monday 9am" or --until "in 3 days")'
        )
    kind = parse_kind(word)
    iv = interview_named(change, ref, closed_too=kind in AFTER_CLOSE)
    deadline = iv.deadline
    if kind == "decide" and deadline is not None and until > deadline:
        raise FollowupError(
            f"--until {to_local(until):%Y-%m-%d %H:%M} is after the offer's deadline "
            f"({to_local(deadline):%Y-%m-%d %H:%M}): the decision cannot wait past it (if they "
            "gave you longer, close it again as an offer with the new --deadline)"
        )
    person = find_interviewer(who, iv) if who else None
    people = {person.label} if person else set()
    named = [
        s
        for s in iv.steps
        if s.step == kind and (not people or not BY_NAME[kind].per_interviewer or s.who in people)
    ]
    if not named:
        raise FollowupError(f"{describe(iv)} has no {kind} step")
    pending = [s for s in named if s.status == "pending"]
    if not pending:
        states = "/".join(sorted({s.status for s in named}))
        raise FollowupError(
            f"the {kind} step of {describe(iv)} is {states}, not pending: only a step still "
            "to do can be snoozed",
            advice=("reopen-step", iv.id, kind + _who_option(iv, kind, person)),
        )
    if iv.closed:
        change.closed()  # its file is rewritten with the new time
    for s in pending:
        if s.snoozed_from is None:
            s.snoozed_from = s.due
        s.due = until
    whom = "".join(f" ({s.who})" for s in pending if s.who)
    change.summary = f"snoozed {kind}{whom} on {describe(iv)}"
    return iv, pending


def _who_option(iv: Interview, kind: str, person: Interviewer | None) -> str:
    """` --who WORD` (quoted for a shell) when `person`'s step of `kind` is one of several
    people's, else nothing: what a command about that one step needs."""
    if person is None or not BY_NAME[kind].per_interviewer or len(iv.interviewers) < 2:
        return ""
    import shlex

    return f" --who {shlex.quote(who_word(person, iv.interviewers))}"
