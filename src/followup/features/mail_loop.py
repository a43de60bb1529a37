"""What `followup mail` remembers and applies: declined proposals, ticks, replies.

The memory is a small state file in the data folder (`mail.json`): the Message-IDs of
proposals the user declined (never proposed again). A reply needs no memory: once
recorded, the interview's `replied_at` says so (and `undo` of it brings the proposal
back, as it does a tick). It is
written atomically under the store's lock, like every file of the store. It holds no
password, no token and no message text: Message-IDs only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from followup.core.checklist import DEFAULT_SCHEDULE, Schedule
from followup.errors import FollowupError
from followup.features.mail_match import DONE, REPLIED, Proposal
from followup.storage.change import Change
from followup.storage.files import write_atomic
from followup.storage.store import Store

STATE_FILE = "mail.json"
STATE_FORMAT = "followup-mail"
STATE_VERSION = 1


@dataclass
class Memory:
    declined: set[str] = field(default_factory=set)

    def skip(self) -> set[str]:
        return self.declined


def parse_memory(data: bytes | None) -> Memory:
    """The memory in `data`; empty for a missing or unreadable file (it is only a
    convenience: at worst a declined proposal is proposed again)."""
    if not data:
        return Memory()
    try:
        doc = json.loads(data)
        if doc.get("format") != STATE_FORMAT:
            return Memory()
        return Memory({str(i) for i in doc.get("declined", [])})
    except (ValueError, AttributeError, TypeError):
        return Memory()


def memory_bytes(memory: Memory) -> bytes:
    doc = {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "declined": sorted(memory.declined),
    }
    return (json.dumps(doc, indent=1) + "\n").encode("utf-8")


def read_memory(store: Store) -> Memory:
    try:
        return parse_memory(store.read_bytes(store.root / STATE_FILE))
    except (FollowupError, OSError):
        return Memory()


def remember(store: Store, *, declined: Iterable[str] = ()) -> None:
    """Add the Message-IDs of declined proposals to the memory: read again and written
    under the store's lock."""
    declined = set(declined)
    if not declined:
        return
    with store.lock():
        memory = read_memory(store)
        updated = Memory(memory.declined | declined)
        if updated != memory:
            write_atomic(store.root / STATE_FILE, memory_bytes(updated))


# ----- applying ----------------------------------------------------------------------


def record_reply(change: Change, interview: int, when: datetime, now: datetime, note: str) -> None:
    """Record that the company of `interview` replied at `when`: the same code as
    `followup replied INTERVIEW --on WHEN --note NOTE` (`replied_at` set, pending
    check-ins skipped with the reason "they replied"; `undo` brings them back)."""
    from followup.features.replies import record_reply as replied

    replied(change, str(interview), min(when, now), now, note=note)


#: The most of a message's subject a reply's note quotes.
NOTE_SUBJECT = 120


def _note(change: Change, p: Proposal) -> str:
    """The note a reply adds: the message's subject and sender as the notes may hold
    them (what someone else wrote: control characters become spaces, a long subject is
    cut), or nothing when the notes are too full for it. A message is never refused
    for what its sender put in it."""
    from followup.core.text import CONTROL, LIMITS
    from followup.features.actions import interview_named

    def plain(text: str, most: int) -> str:
        text = " ".join(CONTROL.sub(" ", text).split())
        return text if len(text) <= most else text[: most - 1] + "\u2026"

    note = f"{plain(p.message.subject, NOTE_SUBJECT)} (from {plain(p.message.sender, 254)})"
    notes = interview_named(change, str(p.interview), closed_too=True).notes or ""
    line = f"Reply YYYY-MM-DD: {note}"  # as record_reply dates it
    if len(notes) + 1 + len(line) > LIMITS["notes"]:
        return ""
    return note


def apply(
    change: Change,
    proposals: Sequence[Proposal],
    now: datetime,
    *,
    rules: Schedule = DEFAULT_SCHEDULE,
) -> list[Proposal]:
    """Apply `proposals` inside one change (one `undo` reverts them all): a `done`
    ticks its step with the marking code, at the message's time (now at the
    latest); a `replied` goes
    through `record_reply`. Returns those applied."""
    from followup.features.marking import set_steps

    applied: list[Proposal] = []
    for p in proposals:
        if p.action == DONE and p.step is not None:
            marked = set_steps(
                change,
                str(p.interview),
                [p.step],
                "done",
                min(p.message.date, now),  # a Date header ahead of the clock: now
                who=p.who,
                rules=rules,
            )
            if marked.changed:
                applied.append(p)
        elif p.action == REPLIED:
            record_reply(change, p.interview, p.message.date, now, _note(change, p))
            applied.append(p)
    ticks = sum(1 for p in applied if p.action == DONE)
    replies = len(applied) - ticks
    parts = [f"ticked {ticks} step(s)"] if ticks else []
    parts += [f"recorded {replies} reply(ies)"] if replies else []
    change.summary = "mail: " + (" and ".join(parts) or "nothing")
    return applied
