"""`followup prompt`: one short line for a shell prompt, on every prompt, so it must be fast.

It imports the standard library only (no Typer, pydantic or Rich: together they take
several times longer to import than Python takes to start; not even `datetime` on
the everyday path), finds `open.json` through `storage.store_file` (the code every
command uses, itself the standard library only) and counts the pending steps of open
interviews that are overdue or due today (the local date). It reads their due times
from `open.dues`, which the store writes beside open.json on every save and which
names the open.json it was written for; when that file is missing or names another
open.json (written by an older followup, a crash between the two writes, a hand
edit, a sync tool), it parses open.json itself with `json`. It prints
`2 overdue, 3 today`, or nothing at all when nothing is; and `followup: ?` when the
store cannot be read. It never prints a traceback: a shell prompt is no place for one.

The everyday commands validate the store fully; this reader only needs, per open
interview, each step's `status` and `due`, and treats anything else as unreadable.
"""

from __future__ import annotations

import os
import sys
import time

from followup.storage.store_file import BACKUP_DIR, DUES_FILE, OPEN_FILE, read_dues, read_regular
from followup.storage.store_file import data_folder as data_dir

BACKUP_FILE = os.path.join(BACKUP_DIR, OPEN_FILE)
UNREADABLE = "followup: ?"
#: A store larger than this is not read on every prompt (a 228 MB one took 25 s and
#: 1.7 GB): the prompt says `followup: ?` at once, and `followup status` tells more.
MAX_BYTES = 32 * 1024 * 1024
#: The shape in which the store writes every time: UTC, seconds, maybe microseconds.
_UTC_SUFFIX = "+00:00"


class Unreadable(Exception):
    """The store, FOLLOWUP_NOW or the data folder cannot be read."""


# ----- reading without the datetime module -------------------------------------------
#
# On a loaded machine, importing `datetime` costs a good part of Python's own start-up.
# The store's one way of writing times makes it avoidable; anything unusual falls back
# to the standard module, so the result is always its.


def _refuse(name: str) -> float:
    raise Unreadable(name)  # NaN or Infinity: no store holds them


def parse_json(data: bytes) -> object:
    """The JSON document in `data`; NaN and Infinity are Unreadable."""
    import json

    return json.loads(data, parse_constant=_refuse)


def _days(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


def epoch(text: str) -> float:
    """Seconds since 1970 for an ISO 8601 time with an offset; Unreadable without one."""
    if (
        len(text) in (25, 32)
        and text.endswith(_UTC_SUFFIX)
        and text[4] + text[7] + text[10] + text[13] + text[16] == "--T::"
        and (len(text) == 25 or text[19] == ".")
    ):
        try:
            year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
            hour, minute, second = int(text[11:13]), int(text[14:16]), int(text[17:19])
            micro = int(text[20:26]) if len(text) == 32 else 0
        except ValueError:
            pass
        else:
            if (
                year >= 1
                and 1 <= month <= 12
                and 1 <= day <= _month_days(year, month)
                and hour < 24
                and minute < 60
                and second < 60
            ):
                seconds = _days(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
                return seconds + micro / 1e6
    return _epoch_slow(text)  # another offset or shape: datetime knows them all


def _epoch_slow(text: str) -> float:
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise Unreadable from None
    if moment.tzinfo is None:
        raise Unreadable
    return moment.timestamp()


def read_now(raw: str | None) -> float:
    """'Now' in seconds since 1970: FOLLOWUP_NOW (naive means local), else the clock."""
    if not raw:
        return time.time()
    from datetime import datetime  # pinned times are for demos and tests

    text = raw.strip().replace("Z", "+00:00")
    if len(text) > 10 and text[4] == "-" and text[10] not in "Tt ":
        raise Unreadable  # "2026-11-26Z": no time, as the commands refuse it
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Unreadable from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.timestamp()


#: The steps a closed interview keeps pending (core.kinds.AFTER_CLOSE, spelt out here:
#: the prompt imports nothing of followup's).
AFTER_CLOSE = ("reply", "decide")


def pending_dues(doc: object) -> list[float]:
    """The due times, in seconds since 1970, of the pending steps of the open interviews
    in `doc` (the parsed `open.json`), and of the pending reply and decide steps of the
    closed ones it keeps (`awaiting`); a shape this reader does not know raises
    Unreadable. The store writes the same list to `open.dues` (storage/dues.py).
    """
    if not isinstance(doc, dict) or doc.get("format") != "followup-store":
        raise Unreadable
    interviews = doc.get("interviews")
    awaiting = doc.get("awaiting", [])
    if not isinstance(interviews, list) or not isinstance(awaiting, list):
        raise Unreadable
    dues = []
    seconds: dict[str, float] = {}  # the steps of one person, or one round, share a due time
    try:
        for interview in [*interviews, *awaiting]:
            closed = interview.get("closed")
            for step in interview["steps"]:
                if step.get("status", "pending") != "pending":
                    continue
                if closed and step.get("step") not in AFTER_CLOSE:
                    continue  # of a closed interview, only its reply and decision count
                text = step["due"]
                due = seconds.get(text)
                if due is None:
                    due = seconds[text] = epoch(text)
                dues.append(due)
    except (AttributeError, KeyError, TypeError, ValueError, OverflowError):
        raise Unreadable from None
    return dues


def tally(dues: list[float], now: float) -> tuple[int, int]:
    """(overdue, due today) among `dues` at `now` (seconds since 1970). "Today" is the
    local date (TZ); a step due earlier today but still pending counts as overdue."""
    today = time.localtime(now)[:3]
    overdue = due_today = 0
    try:
        for due in dues:
            if due < now:
                overdue += 1
            elif time.localtime(due)[:3] == today:
                due_today += 1
    except (ValueError, OverflowError, OSError):  # a year time.localtime cannot hold
        raise Unreadable from None
    return overdue, due_today


def counts(doc: object, now: float) -> tuple[int, int]:
    """(overdue, due today) among the steps of `pending_dues(doc)` (see `tally`)."""
    return tally(pending_dues(doc), now)


def line(overdue: int, due_today: int) -> str:
    """`2 overdue, 3 today`, `2 overdue`, `3 today`, or "" when both are zero."""
    parts = []
    if overdue:
        parts.append(f"{overdue} overdue")
    if due_today:
        parts.append(f"{due_today} today")
    return ", ".join(parts)


def read_line(env: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """The prompt line for the store that `env` names (see the module docstring)."""
    try:
        now = read_now(env.get("FOLLOWUP_NOW"))
        folder = data_dir(env)
        path = os.path.join(folder, OPEN_FILE)
        try:
            info = os.stat(path)
            if info.st_size > MAX_BYTES:  # not read: its size alone is looked at
                return UNREADABLE
            # The due times the store wrote beside this very open.json: no parsing.
            dues = read_dues(os.path.join(folder, DUES_FILE), info)
            if dues is not None:
                return line(*tally(dues, now))
            # a named pipe in its place would hang every prompt: refused, not waited on
            data = read_regular(path, limit=MAX_BYTES)
        except FileNotFoundError:
            # No store yet, unless it was lost: the other commands then refuse to go on.
            if os.path.exists(os.path.join(folder, BACKUP_FILE)):
                return UNREADABLE
            return ""
        return line(*counts(parse_json(data), now))
    except (Unreadable, OSError, ValueError, RecursionError, RuntimeError):  # OSError: TooLarge too
        return UNREADABLE


def main() -> None:
    """Print the prompt line (nothing when nothing is due) and exit 0, whatever happens."""
    try:
        text = read_line()
        if text:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
    except BrokenPipeError:
        pass
    except Exception:  # a prompt must never show a traceback
        try:
            sys.stdout.write(UNREADABLE + "\n")
            sys.stdout.flush()
        except Exception:
            pass
    finally:
        # A closed stdout would fail again when Python flushes it at exit.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    raise SystemExit(0)
