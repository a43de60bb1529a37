"""`followup prompt`: one short line for a shell prompt, on every prompt, so it must be fast.

It imports the standard library only (no Typer, pydantic or Rich: together they take
several times longer to import than Python takes to start), reads `open.json` as plain
JSON and counts the pending steps of open interviews that are overdue or due today (the
local date). It prints `2 overdue, 3 today`, or nothing at all when nothing is; and
`followup: ?` when the store cannot be read. It never prints a traceback: a shell
prompt is no place for one.

The everyday commands validate the store fully; this reader only needs, per open
interview, each step's `status` and `due`, and treats anything else as unreadable.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, date, datetime

OPEN_FILE = "open.json"
BACKUP_FILE = os.path.join("backup", OPEN_FILE)
UNREADABLE = "followup: ?"


class Unreadable(Exception):
    """The store, FOLLOWUP_NOW or the data folder cannot be read."""


def data_dir(env: dict[str, str] | os._Environ[str], platform: str = sys.platform) -> str:
    """The data folder, as `followup.storage.locations` finds it, without importing platformdirs.

    platformdirs imports pathlib, tempfile and more, which alone costs as much as
    starting Python; the Linux and macOS rules are short enough to follow here (a test
    checks that they agree with platformdirs). Anything unusual asks platformdirs.
    """
    home = env.get("FOLLOWUP_HOME", "").strip()
    if home:
        return os.path.expanduser(home)
    xdg = env.get("XDG_DATA_HOME", "")
    user_home = env.get("HOME", "")
    if platform.startswith("linux") and os.path.isabs(user_home):
        base = xdg if os.path.isabs(xdg) else os.path.join(user_home, ".local", "share")
        return os.path.join(base, "followup")
    if platform == "darwin" and os.path.isabs(user_home) and not xdg:
        return os.path.join(user_home, "Library", "Application Support", "followup")
    from platformdirs import user_data_dir  # other systems: rare, and correct first

    return user_data_dir("followup", appauthor=False)


def read_now(raw: str | None) -> datetime:
    """'Now': FOLLOWUP_NOW (naive means local), else the clock; aware, in UTC."""
    if not raw:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Unreadable from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def counts(doc: object, now: datetime) -> tuple[int, int]:
    """(overdue, due today) among the pending steps of the open interviews in `doc`.

    `doc` is the parsed `open.json`; a shape this reader does not know raises
    Unreadable. "Today" is `now`'s local date; a step due earlier today but still
    pending counts as overdue, not as today.
    """
    if not isinstance(doc, dict) or doc.get("format") != "followup-store":
        raise Unreadable
    interviews = doc.get("interviews")
    if not isinstance(interviews, list):
        raise Unreadable
    today: date = now.astimezone().date()
    overdue = due_today = 0
    try:
        for interview in interviews:
            if interview.get("closed"):
                continue
            for step in interview["steps"]:
                if step.get("status", "pending") != "pending":
                    continue
                due = datetime.fromisoformat(step["due"])
                if due.tzinfo is None:
                    raise Unreadable
                if due < now:
                    overdue += 1
                elif due.astimezone().date() == today:
                    due_today += 1
    except (AttributeError, KeyError, TypeError, ValueError):
        raise Unreadable from None
    return overdue, due_today


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
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            # No store yet, unless it was lost: the other commands then refuse to go on.
            if os.path.exists(os.path.join(folder, BACKUP_FILE)):
                return UNREADABLE
            return ""
        return line(*counts(json.loads(data), now))
    except (Unreadable, OSError, ValueError, RecursionError, RuntimeError):
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
