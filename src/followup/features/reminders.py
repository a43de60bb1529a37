"""What `followup remind` says, and its memory of what it said.

A timer runs `remind` every hour; it must not repeat itself. It announces a step
(pending, of an open interview, overdue or due within the window) when it has never
announced it, when the step has become overdue since, or a day after it last did.

The memory is `remind.json` in the data folder, written atomically under the store's
lock. It is never a reason to fail: a memory that cannot be read is an empty one
(everything is announced again), and one that cannot be written is reported and
the reminder still goes out.

A step counts as said only once the notification service accepted it (`settle`):
killed before that, or refused, it is said on the next run. Before sending, a run
writes down the steps it is about to send, with its process id (`claim`), so that a
second run at the same moment (the timer, and the user by hand) does not send them
too; the claim of a process that is gone, or older than CLAIM_LIFE, counts for
nothing. The lock is never held while the notification is sent: a slow notification
service never makes another command wait.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from followup.core.checklist import agenda, is_overdue
from followup.core.distance import overdue_by, relative
from followup.core.kinds import BY_NAME
from followup.core.models import Interview, Step
from followup.core.text import clean
from followup.errors import FollowupError
from followup.storage.files import write_atomic
from followup.storage.store import Store
from followup.storage.temps import process_gone

STATE_FILE = "remind.json"
STATE_FORMAT = "followup-remind"
STATE_VERSION = 1
#: A step already announced is announced again after this long, if still due.
AGAIN_AFTER = timedelta(days=1)
#: Lines of steps in one notification; the rest are counted.
MAX_LINES = 8
#: A claim (steps a run is sending) older than this counts for nothing: sending takes
#: seconds at the most, and a process id can come round again.
CLAIM_LIFE = timedelta(minutes=2)

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


@dataclass(frozen=True)
class Claim:
    """Steps a run is sending: its process id, and when it began."""

    pid: int
    at: datetime


def claimed(claims: dict[str, Claim], now: datetime, pid: int) -> set[str]:
    """The keys another run, still alive and recent, is sending right now."""
    return {
        key
        for key, c in claims.items()
        if c.pid != pid and abs(now - c.at) < CLAIM_LIFE and not process_gone(c.pid)
    }


# ----- the memory on disk --------------------------------------------------------------


@dataclass
class Memory:
    """`remind.json`: what was said, and what runs are sending now."""

    said: dict[str, Said] = field(default_factory=dict)
    sending: dict[str, Claim] = field(default_factory=dict)


def _entries(doc: dict[str, Any], name: str) -> dict[str, Any]:
    entries = doc.get(name, {})
    return entries if isinstance(entries, dict) else {}


def parse_state(data: bytes | None) -> Memory:
    """The memory in `data`; whatever cannot be read is forgotten (announced again)."""
    if not data:
        return Memory()
    try:
        doc = json.loads(data)
        if doc.get("format") != STATE_FORMAT or doc.get("version") != STATE_VERSION:
            return Memory()
        memory = Memory()
        for key, entry in doc["said"].items():
            at = datetime.fromisoformat(entry["at"])
            if at.tzinfo is not None and isinstance(entry["overdue"], bool):
                memory.said[str(key)] = Said(at, entry["overdue"])
        for key, entry in _entries(doc, "sending").items():
            at = datetime.fromisoformat(entry["at"])
            pid = entry["pid"]
            if at.tzinfo is not None and type(pid) is int and pid > 0:
                memory.sending[str(key)] = Claim(pid, at)
        return memory
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return Memory()


def parse_memory(data: bytes | None) -> dict[str, Said]:
    """What was said, in `data` (see `parse_state`)."""
    return parse_state(data).said


def memory_bytes(memory: dict[str, Said], sending: dict[str, Claim] | None = None) -> bytes:
    doc: dict[str, Any] = {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "said": {
            key: {"at": said.at.isoformat(), "overdue": said.overdue}
            for key, said in sorted(memory.items())
        },
    }
    if sending:
        doc["sending"] = {
            key: {"pid": c.pid, "at": c.at.isoformat()} for key, c in sorted(sending.items())
        }
    return (json.dumps(doc, indent=1) + "\n").encode("utf-8")


def read_state(store: Store) -> Memory:
    """What remind said before, and is sending; empty when the file is missing or
    cannot be read."""
    try:
        data = store.read_bytes(store.root / STATE_FILE)
    except (FollowupError, OSError):
        return Memory()
    return parse_state(data)


def read_memory(store: Store) -> dict[str, Said]:
    """What remind said before; empty when the file is missing or cannot be read."""
    return read_state(store).said


def _write(store: Store, before: Memory, after: Memory) -> None:
    if after != before:
        write_atomic(store.root / STATE_FILE, memory_bytes(after.said, after.sending))


@dataclass(frozen=True)
class Plan:
    """What `remind` will say: `rows` due soon, `announce` the new ones among them.

    `problem` says why the memory could not be kept (the reminder goes out anyway);
    `claimed`: whether this run wrote down that it is sending `announce` (then
    `settle` must follow the sending).
    """

    rows: list[Row]
    announce: list[Row]
    problem: str | None = None
    claimed: bool = False


def _forget_gone(memory: Memory, rows: Sequence[Row], now: datetime, pid: int) -> Memory:
    """`memory` without the steps no longer due and the claims that count for nothing."""
    live = claimed(memory.sending, now, pid)
    keep = {step_key(iv, s) for iv, s in rows}
    return Memory(
        remember(memory.said, rows, [], now),
        {k: c for k, c in memory.sending.items() if k in live and k in keep},
    )


def plan(
    store: Store,
    interviews: Sequence[Interview],
    now: datetime,
    within: timedelta,
    *,
    keep: bool,
    pid: int | None = None,
) -> Plan:
    """Choose what to announce and, with `keep`, claim it for this process (`pid`,
    default this one), atomically and under the lock. Nothing counts as said until
    `settle` is told that the notification service accepted it."""
    rows = due_soon(interviews, now, within)
    if not keep:
        return Plan(rows, to_announce(rows, read_memory(store), now))
    pid = os.getpid() if pid is None else pid
    state = read_state(store)
    busy = claimed(state.sending, now, pid)
    announce = [r for r in to_announce(rows, state.said, now) if step_key(*r) not in busy]
    if not announce and _forget_gone(state, rows, now, pid) == state:
        return Plan(rows, announce)  # nothing to say or forget: no lock, no write
    try:
        with store.lock():
            state = read_state(store)  # again, under the lock: another run may have said it
            updated = _forget_gone(state, rows, now, pid)
            busy = set(updated.sending)
            announce = [r for r in to_announce(rows, state.said, now) if step_key(*r) not in busy]
            for iv, s in announce:
                updated.sending[step_key(iv, s)] = Claim(pid, now)
            _write(store, state, updated)
    except FollowupError as exc:
        return Plan(rows, announce, f"{exc} (it will be said again next time)")
    return Plan(rows, announce, claimed=bool(announce))


def settle(
    store: Store, chosen: Plan, now: datetime, *, delivered: bool, pid: int | None = None
) -> str | None:
    """After sending `chosen.announce`: remember it as said if it was `delivered`, and
    drop this run's claim either way (refused: the next run tries again). Returns why
    the memory could not be written, or None."""
    if not chosen.claimed:
        return None
    pid = os.getpid() if pid is None else pid
    try:
        with store.lock():
            state = read_state(store)
            mine = {step_key(iv, s) for iv, s in chosen.announce}
            sending = {k: c for k, c in state.sending.items() if not (k in mine and c.pid == pid)}
            said = dict(state.said)
            if delivered:
                for iv, s in chosen.announce:
                    said[step_key(iv, s)] = Said(now, is_overdue(s, now))
            _write(store, state, Memory(said, sending))
    except FollowupError as exc:
        return f"{exc} (it will be said again next time)"
    return None


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
