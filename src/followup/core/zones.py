"""Time zones typed after a time: abbreviations, UTC offsets and zone names.

`10am PST`, `14:00 +0500`, `9am Europe/Berlin`: `split_zone` takes the zone off the
end of a typed time and says which it is. An abbreviation is its one fixed offset all
year round (`EST` is -05:00 in July too: that is what it says); a zone name follows
daylight saving, through the standard library's `zoneinfo`. An abbreviation with
several meanings, or a zone word nobody reads, is refused naming what to write instead.
`localize` attaches the local zone to a wall-clock time, through daylight-saving
changes; `to_local` shows a moment in it.
Pure: no clock, no environment.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from followup.core.text import quoted
from followup.errors import FollowupError

#: The abbreviations read, each its fixed offset from UTC in minutes. The one source of
#: truth: the docs and the error messages list them from here.
ABBREVIATIONS: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0,
    "EST": -300, "EDT": -240, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "AKST": -540, "AKDT": -480, "HST": -600,
    "WET": 0, "WEST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
}  # fmt: skip

#: Abbreviations that mean several zones: refused, naming each reading.
AMBIGUOUS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "IST": (
        ("India", "+05:30", "Asia/Kolkata"),
        ("Ireland", "+01:00", "Europe/Dublin"),
        ("Israel", "+02:00", "Asia/Jerusalem"),
    ),
    "CST": (
        ("US Central", "-06:00", "America/Chicago"),
        ("China", "+08:00", "Asia/Shanghai"),
        ("Cuba", "-05:00", "America/Havana"),
    ),
    "BST": (("British Summer", "+01:00", "Europe/London"), ("Bangladesh", "+06:00", "Asia/Dhaka")),
    "AST": (("Atlantic", "-04:00", "America/Halifax"), ("Arabia", "+03:00", "Asia/Riyadh")),
}

#: How far any place's clock is from UTC, in minutes: Kiribati is 14 hours east (+14:00),
#: Baker Island 12 hours west (-12:00).
EAST, WEST = 14 * 60, 12 * 60

#: What to write instead of a zone that cannot be read.
ZONE_HINT = "write an offset (3pm -05:00, 14:00 +0530) or a zone name (3pm America/New_York)"

# The time an offset may be stuck to: "14:00+05:00", "3pm-5"; else it stands alone.
_STUCK_TO = re.compile(r"(?:\d:\d\d(?::\d\d(?:\.\d+)?)?|\d\s?(?:[ap]\.?m\.?))$", re.IGNORECASE)
_OFFSET = re.compile(
    r"(?P<prefix>utc|gmt)?(?P<sign>[+\-\u2212])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?", re.IGNORECASE
)
_NAME = re.compile(r"[A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+")
#: A word that may be meant as a zone: letters in capitals (`HKT`, `WIB`), or a short
#: word ending in t (`hkt`, `cdt`), as most abbreviations do; "3pm sharp" is no zone.
_LOOKS_LIKE_ZONE = re.compile(r"[A-Z]{2,5}|[a-z]{1,4}t")
#: Short words a time may end with that are no zone (so "3pm XYZ" is a zone problem,
#: "next week" and "NEXT WEEK" are not).
_WORDS = frozenset({
    "am", "pm", "ago", "now", "noon", "today", "night", "week", "weeks", "month", "year",
    "years", "day", "days", "hour", "hours", "hr", "hrs", "min", "mins", "later", "from", "at",
    "on", "in", "the", "of", "this", "last", "next", "past", "a", "an", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "jan", "feb", "mar", "march",
    "apr", "april", "may", "jun", "june", "jul", "july", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "eve",
    "end", "by", "until", "first", "about", "just",
})  # fmt: skip


def fixed(minutes: int) -> tzinfo:
    """A zone `minutes` east of UTC, all year round. It needs no name: a fixed zone
    neither skips nor repeats a time, so no note ever names it."""
    return timezone(timedelta(minutes=minutes))


def split_zone(text: str) -> tuple[str, tzinfo | None, str | None]:
    """`text` without the zone at its end, that zone, and the zone as typed.

    `text` is whitespace-normalized, as typed (a zone name keeps its case). No zone:
    `(text, None, None)`. A word that looks like a zone but is none that can be read
    gives `(text, None, word)`: the caller decides (the rest may read as a time).
    An offset off any clock, a one-digit offset with no `UTC` before it, or an
    abbreviation with several meanings raise `FollowupError`.
    """
    words = text.split(" ")
    last = words[-1]
    head = " ".join(words[:-1])
    if len(words) >= 2 and words[-2].lower() in ("utc", "gmt") and last[:1] in "+-\u2212":
        last, head = words[-2] + last, " ".join(words[:-2])  # "UTC +5"
    offset = _offset_at_end(last)
    if offset is not None:
        stuck, zone = offset
        body = " ".join(w for w in (head, stuck) if w)
        return body, zone, last[len(stuck) :]
    if last[-1:] in "zZ" and _STUCK_TO.search(last[:-1]):  # "14:00Z"
        body = " ".join(w for w in (head, last[:-1]) if w)
        return body, fixed(0), "Z"
    if len(words) < 2:
        return text, None, None
    upper = last.upper()
    if upper in ABBREVIATIONS:
        return head, fixed(ABBREVIATIONS[upper]), last
    if upper in AMBIGUOUS:
        readings = AMBIGUOUS[upper]
        said = ", ".join(f"{place} ({off}, {name})" for place, off, name in readings[:-1])
        place, off, name = readings[-1]
        raise FollowupError(
            f"{last!r} has several meanings: {said} or {place} ({off}, {name}): write the "
            f"offset or the zone name instead, e.g. 3pm {readings[0][1]} or "
            f"3pm {readings[0][2]}"
        )
    if _NAME.fullmatch(last):
        zone = zone_named(last)
        if zone is None:
            raise FollowupError(f"unknown time zone {quoted(last)}: {ZONE_HINT}")
        return head, zone, last
    if upper == "LOCAL":  # "3pm local": the local zone, as without a zone
        return head, None, None
    if _LOOKS_LIKE_ZONE.fullmatch(last) and last.lower() not in _WORDS:
        return text, None, last
    return text, None, None


def _offset_at_end(word: str) -> tuple[str, tzinfo] | None:
    """('14:00', +05:00) for '14:00+05:00'; ('', -03:00) for 'UTC-3'; None for no offset."""
    for m in _OFFSET.finditer(word):
        if m.end() != len(word):
            continue
        stuck = word[: m.start()]
        if stuck and not _STUCK_TO.search(stuck):
            continue  # "2026-11-25": the day's "-25" is no offset
        hours, minutes = int(m["h"]), int(m["m"] or 0)
        typed = word[m.start() :]
        if len(m["h"]) == 1 and not m["prefix"] and m["m"] is None:
            raise FollowupError(
                f"{typed!r} could be an offset or an amount: write the offset as "
                f"{m['sign']}0{hours}:00 or UTC{m['sign']}{hours}"
            )
        sign = -1 if m["sign"] in "-\u2212" else 1
        total = sign * (hours * 60 + minutes)
        if minutes > 59 or not -WEST <= total <= EAST:
            raise FollowupError(
                f"{typed!r} is no UTC offset: they run from -12:00 to +14:00; {ZONE_HINT}"
            )
        return stuck, fixed(total)
    return None


def zone_named(name: str) -> tzinfo | None:
    """The IANA zone `name` (`Europe/Berlin`, any case), or None if there is none."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    folded = name.casefold()  # "europe/berlin": look the spelling up (only then: it is slow)
    for known in available_timezones():
        if known.casefold() == folded:
            return ZoneInfo(known)
    return None


def localize(naive: datetime, tz: tzinfo | None = None, notes: list[str] | None = None) -> datetime:
    """Attach the local zone (or `tz`) to a naive wall-clock time, DST-aware.

    A time that happens twice (the clocks go back) is the first of the two; one that
    does not exist (the clocks go forward) is read with the offset before the change,
    which lands as far past the change as it was typed past it (02:30 -> 03:30).
    Either case adds a sentence to `notes`, for the user to hear of it.
    """

    def offset(wall: datetime) -> timedelta:  # the zone's offset at a UTC wall time
        return to_local(wall.replace(tzinfo=UTC), tz).utcoffset() or timedelta(0)

    naive = naive.replace(tzinfo=None)
    before, after = offset(naive - timedelta(days=1)), offset(naive + timedelta(days=1))
    valid = sorted({naive - o for o in (before, after) if offset(naive - o) == o})
    instant = (valid[0] if valid else naive - before).replace(tzinfo=UTC)
    local = to_local(instant, tz)
    if notes is not None and len(valid) != 1:
        typed = f"{naive:%H:%M} on {naive:%a %d %b %Y}"
        took = f"{local:%H:%M %Z}"
        if local.date() != naive.date():  # a day skipped whole (Samoa, 30 December 2011)
            took += f" on {local:%a %d %b %Y}"
        notes.append(
            f"{typed} happens twice (the clocks go back that night): took the first, "
            f"{local:%H:%M %Z}"
            if valid
            else f"{typed} does not exist in your time zone (the clocks go forward that "
            f"night): took {took} instead"
        )
    return local


def to_local(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """`moment` in the local zone (or `tz`: None is the local zone, as for astimezone)."""
    return moment.astimezone(tz)
