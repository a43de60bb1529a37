"""What a command reads from the outside world: FOLLOWUP_HOME (the store), FOLLOWUP_NOW
(the clock), TZ, FOLLOWUP_LOCK_TIMEOUT, and whether a person is at a terminal.

Read here, once per command, and passed down: nothing below the command line reads
the environment or the clock.
"""

from __future__ import annotations

import os
import re
import sys
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from followup.errors import FollowupError
from followup.storage.locations import config_dir, data_dir

# Imported where used (env()): completion and --help need no pydantic models.
if TYPE_CHECKING:
    from followup.core.models import Interview
    from followup.storage.migrations import Notice
    from followup.storage.store import Store

#: The stores this command opened (through env()), for the boundary to report what
#: they could not do (a backup copy not made).
opened: list[Store] = []
#: What reading the command's times had to say (a year taken, a clock change), said
#: by the boundary once the command succeeded: a failed command says one line only.
notes: list[str] = []


class Env(NamedTuple):
    """What every command needs from the outside world, read once."""

    store: Store
    now: datetime

    def find(self, ref: str) -> tuple[Interview, list[str]]:
        """The interview `ref` names, for a command that reads it: an open one first, else
        a closed one (`draft acme reply` after `close acme`); and what to tell the user
        about the choice (which of several rounds was taken, say)."""
        from followup.core.lookup import find_interview

        doc = self.store.read_open()
        notices: list[str] = []
        iv = find_interview(
            ref,
            doc.interviews,
            self.store.closed_ids(doc),
            lambda: self.store.read_closed(doc),
            closed_too=True,
            notes=notices,
        )
        return iv, notices


def read_now(raw: str | None) -> datetime:
    """'Now': FOLLOWUP_NOW when set (naive means local), else the clock."""
    if not raw:
        return datetime.now(UTC)
    text = raw.strip().replace("Z", "+00:00")
    try:
        if len(text) > 10 and text[4] == "-" and text[10] not in "Tt ":
            # datetime takes any character between the date and the time: "2026-11-26Z"
            # would be local midnight, "2026-11-26-05:00" 05:00 local
            raise ValueError(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        from followup.core.text import quoted

        raise FollowupError(
            f"FOLLOWUP_NOW={quoted(raw)} is not an ISO 8601 datetime: set it like "
            "2026-11-26T14:00 or 2026-11-26T14:00+01:00, or unset it"
        ) from None
    from followup.core.limits import EARLIEST, LATEST

    if not EARLIEST.year <= moment.year < LATEST.year - 1 or (
        moment.year == EARLIEST.year and moment.month == 1 and moment.day == 1
    ):  # 1970-01-01 itself is out of reach of zones west of Greenwich
        raise FollowupError(
            f"FOLLOWUP_NOW={raw.strip()!r} is out of range: set a time from 1970-01-02 to "
            f"{LATEST.year - 2}, or unset it"
        )
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def lock_timeout() -> float:
    """How long to wait for another followup's lock: FOLLOWUP_LOCK_TIMEOUT, else 10 s."""
    timeout_raw = os.environ.get("FOLLOWUP_LOCK_TIMEOUT") or "10"  # empty: unset, as for the rest
    try:
        timeout = float(timeout_raw)
    except ValueError:
        timeout = -1.0
    if not 0 <= timeout < 3600:  # a negative, infinite or NaN wait would hang forever
        raise FollowupError(
            f"FOLLOWUP_LOCK_TIMEOUT={timeout_raw!r} is not a number of seconds from 0 to 3600: "
            "set it like FOLLOWUP_LOCK_TIMEOUT=10, or unset it"
        )
    return timeout


#: A TZ the C library reads by itself: a name of three letters or more (or one in <>),
#: then an offset from UTC ("EST5EDT", "CET-1CEST", "<+05>-5").
_POSIX_TZ = re.compile(r"(?:[A-Za-z]{3,}|<[^>]+>)[+-]?\d")


def check_tz(value: str | None) -> None:
    """Refuse a TZ that names no zone: the C library reads `Nowhere/Zone` (or a typo,
    `Europe/Pari`) as UTC without a word, and every time shown would be off."""
    if not value:
        return  # unset or empty: the system's zone
    name = value.removeprefix(":")
    if _POSIX_TZ.match(name):
        return
    import zoneinfo

    places = [name] if os.path.isabs(name) else [os.path.join(d, name) for d in zoneinfo.TZPATH]
    if not any(os.path.isfile(place) for place in places):
        raise FollowupError(
            f"TZ={value!r} is no time zone this system knows (it would be read as UTC): set "
            "it like TZ=Europe/Paris or TZ=UTC, or unset it"
        )


def env() -> Env:
    """Read FOLLOWUP_HOME, FOLLOWUP_NOW and TZ for this command."""
    from followup.storage.store import SETTINGS_FILE, Store

    if hasattr(time, "tzset"):
        time.tzset()  # TZ may differ from the one this process started with (tests)
    check_tz(os.environ.get("TZ"))
    try:
        datetime.now().astimezone()
    except (ValueError, OverflowError):
        raise FollowupError(
            f"TZ={os.environ.get('TZ', '')!r} gives a time zone offset no clock has (more "
            "than a day): set it like TZ=Europe/Paris or TZ=UTC, or unset it"
        ) from None
    store = Store(
        data_dir(),
        lock_timeout=lock_timeout(),
        notify=_store_notice,
        settings_path=config_dir() / SETTINGS_FILE,
    )
    opened.append(store)
    return Env(store, read_now(os.environ.get("FOLLOWUP_NOW")))


def _store_notice(notice: Notice) -> None:
    """What the store tells once, as it happens (an upgrade of its files), with the
    advice it names worded: on stderr, with --json too, as a script should know."""
    from followup.cli.advice import advised
    from followup.core.text import clean

    sys.stderr.write(clean(advised(notice.text, notice.advice)) + "\n")


def is_terminal() -> bool:
    """A person at a terminal, who can be asked (stdin and stdout both a terminal)."""
    return sys.stdin.isatty() and sys.stdout.isatty()
