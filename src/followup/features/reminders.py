"""What `followup remind` says, and its memory of what it said.

A timer runs `remind` every hour; it must not repeat itself. It announces a step
(pending, of an open interview, overdue or due within the window) when it has never
announced it, when the step has become overdue since, or a day after it last did.

The memory is `remind.json` in the data folder, written atomically under the store's
lock. It is never a reason to fail: a memory that cannot be read is an empty one
(everything is announced again), and one that cannot be written is reported and
the reminder still goes out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from followup.core.checklist import agenda, is_overdue
from followup.core.kinds import BY_NAME
from followup.core.models import Interview, Step
from followup.core.text import clean
from followup.core.when import overdue_by, relative
from followup.errors import FollowupError
from followup.storage.files import write_atomic
from followup.storage.store import Store

STATE_FILE = "remind.json"
STATE_FORMAT = "followup-remind"
STATE_VERSION = 1
#: A step already announced is announced again after this long, if still due.
AGAIN_AFTER = timedelta(days=1)
#: Lines of steps in one notification; the rest are counted.
MAX_LINES = 8

Row = tuple[Interview, Step]


@dataclass(frozen=True)
class Said:
    """When a step was last announced, and whether it was overdue then."""

    at: datetime
    overdue: bool


def step_key(iv: Interview, step: Step) -> str:
    """What identifies an announced step: a new due time makes it a new one."""
    return f"{iv.id}/{step.step}/{step.who or ''}/{step.due.isoformat()}"


def due_soon(interviews: Iterable[Interview], now: datetime, within: timedelta) -> list[Row]:
    """Pending steps of open interviews that are overdue or due within `within`."""
    horizon = now + within
    return [(iv, s) for iv, s in agenda(interviews, now) if s.due <= horizon]


def to_announce(rows: Sequence[Row], memory: dict[str, Said], now: datetime) -> list[Row]:
    """The rows to announce now, given what was said before."""
    chosen = []
    for iv, s in rows:
        said = memory.get(step_key(iv, s))
        if (
            said is None
            or (is_overdue(s, now) and not said.overdue)
            or now - said.at >= AGAIN_AFTER
        ):
            chosen.append((iv, s))
    return chosen


def remember(
    memory: dict[str, Said], rows: Sequence[Row], announced: Sequence[Row], now: datetime
) -> dict[str, Said]:
    """The memory after announcing `announced`: only steps still due are kept."""
    keep = {step_key(iv, s) for iv, s in rows}
    updated = {key: said for key, said in memory.items() if key in keep}
    for iv, s in announced:
        updated[step_key(iv, s)] = Said(now, is_overdue(s, now))
    return updated


# ----- the memory on disk --------------------------------------------------------------


def parse_memory(data: bytes | None) -> dict[str, Said]:
    """The memory in `data`; whatever cannot be read is forgotten (announced again)."""
    if not data:
        return {}
    try:
        doc = json.loads(data)
        if doc.get("format") != STATE_FORMAT or doc.get("version") != STATE_VERSION:
            return {}
        said = doc["said"]
        memory = {}
        for key, entry in said.items():
            at = datetime.fromisoformat(entry["at"])
            if at.tzinfo is not None and isinstance(entry["overdue"], bool):
                memory[str(key)] = Said(at, entry["overdue"])
        return memory
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return {}


def memory_bytes(memory: dict[str, Said]) -> bytes:
    doc = {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "said": {
            key: {"at": said.at.isoformat(), "overdue": said.overdue}
            for key, said in sorted(memory.items())
        },
    }
    return (json.dumps(doc, indent=1) + "\n").encode("utf-8")


def read_memory(store: Store) -> dict[str, Said]:
    """What remind said before; empty when the file is missing or cannot be read."""
    try:
        data = store.read_bytes(store.root / STATE_FILE)
    except (FollowupError, OSError):
        return {}
    return parse_memory(data)


@dataclass(frozen=True)
class Plan:
    """What `remind` will say: `rows` due soon, `announce` the new ones among them.

    `problem` says why the memory could not be kept (the reminder goes out anyway).
    """

    rows: list[Row]
    announce: list[Row]
    problem: str | None = None


def plan(
    store: Store, interviews: Sequence[Interview], now: datetime, within: timedelta, *, keep: bool
) -> Plan:
    """Choose what to announce and, with `keep`, remember it (atomically, locked)."""
    rows = due_soon(interviews, now, within)
    if not keep:
        return Plan(rows, to_announce(rows, read_memory(store), now))
    memory = read_memory(store)
    announce = to_announce(rows, memory, now)
    if not announce and remember(memory, rows, [], now) == memory:
        return Plan(rows, announce)  # nothing to say or forget: no lock, no write
    try:
        with store.lock():
            memory = read_memory(store)  # again, under the lock: another run may have said it
            announce = to_announce(rows, memory, now)
            updated = remember(memory, rows, announce, now)
            if updated != memory:
                write_atomic(store.root / STATE_FILE, memory_bytes(updated))
    except FollowupError as exc:
        return Plan(rows, announce, f"{exc} (it will be said again next time)")
    return Plan(rows, announce)


# ----- the words ---------------------------------------------------------------------


def title(announce: Sequence[Row], now: datetime) -> str:
    """`followup: 2 overdue, 1 due soon`."""
    late = sum(1 for _, s in announce if is_overdue(s, now))
    parts = [f"{late} overdue"] if late else []
    if len(announce) > late:
        parts.append(f"{len(announce) - late} due soon")
    return "followup: " + ", ".join(parts)


def line(iv: Interview, step: Step, now: datetime) -> str:
    """`Thank-you email to Jane Doe, #1 Acme Corp: 20 h overdue`, safe to show."""
    whom = f" to {clean(step.who)}" if step.who and BY_NAME[step.step].per_interviewer else ""
    when = overdue_by(step.due, now) if is_overdue(step, now) else "due " + relative(step.due, now)
    return f"{BY_NAME[step.step].label}{whom}, #{iv.id} {clean(iv.company)}: {when}"


def lines(announce: Sequence[Row], now: datetime) -> tuple[list[str], int]:
    """The body's lines (at most MAX_LINES) and how many steps were left out."""
    shown = [line(iv, s, now) for iv, s in announce[:MAX_LINES]]
    return shown, max(len(announce) - MAX_LINES, 0)


def announced_json(announce: Sequence[Row], now: datetime) -> list[dict[str, Any]]:
    from followup.core.shapes import step_json

    return [step_json(iv, s, now) for iv, s in announce]
