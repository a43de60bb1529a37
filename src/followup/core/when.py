"""Reading the times users type (WHEN) and showing times relative to now.

Typed times without a zone are local; a zone typed after the time (`3pm EST`,
`14:00 +0500`, `9am Europe/Berlin`: core/zones.py) is read, never dropped; an English
phrase that the readers here do not cover goes to dateparser (core/phrases.py). `now` is
always passed in; `tz` (a tzinfo) overrides the system's local zone, which is
otherwise what `TZ` says. Every reading has a direction: an interview's time looks
back (a date without a year is the most recent one), a decision or a deadline looks
forward (the coming one; a weekday is the first such day and time after now).
"""

from __future__ import annotations

import re
from collections.abc import Container
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from followup.core.limits import AHEAD, out_of_range
from followup.core.phrases import DAY_PARTS, FORWARD_HINT, HINT, parse_phrase

# Re-exported: the command line reads these here, with the rest of reading times.
from followup.core.phrases import DEFAULT_TIME as DEFAULT_TIME
from followup.core.text import quoted
from followup.core.zones import localize as localize
from followup.core.zones import to_local as to_local
from followup.errors import FollowupError

#: The longest WHEN read: a longer one is no time, and refused before any reading
#: (the phrase reader's cost grows faster than the text).
MAX_WHEN = 200

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_SAME_DAY = {"tonight": "today night", "last night": "yesterday night"}
_TIME = re.compile(
    rf"^(?:at\s+|in the\s+)?(?:(?P<word>{'|'.join(DAY_PARTS)})|"
    r"(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2})|(?P<hours>h))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?)$"
)
_AGO = re.compile(
    r"^(?P<n>\d+|an?|one)\s*"
    r"(?P<unit>minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|months?|years?)\s+ago$"
)


def _parse_time(text: str) -> time | None:
    m = _TIME.match(text)
    if not m:
        return None
    if m["word"]:
        return DAY_PARTS[m["word"]]
    hour, minute = int(m["h"]), int(m["m"] or 0)
    ampm = (m["ampm"] or "").replace(".", "")
    if ampm:
        if not 1 <= hour <= 12 or m["hours"]:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif m["m"] is None and not m["hours"]:
        return None  # a bare number is not a time; "15h" is 15:00
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _day_and_time(text: str, today: date, future: bool) -> tuple[date, time | None, bool] | None:
    """'yesterday 3pm' -> (that day, 15:00, False); 'last friday' -> (that day, None, False).

    The third value is True for a weekday read forward that may be today: the caller
    moves it a week on when its time has passed.
    """
    words = text.split()
    # A day phrase is one or two words ("today", "last friday"): trying longer heads
    # would cost a join per word, per word (50,000 words took 40 s).
    for cut in range(min(len(words), 2), 0, -1):
        head = " ".join(words[:cut])
        day = _day(head, today, future)
        if day is None:
            continue
        tail = " ".join(words[cut:])
        roll = future and day == today and head.split()[-1] in _WEEKDAYS
        if not tail:
            return day, None, roll
        at = _parse_time(tail)
        if at is None:
            # "today 25:00": the day reads, the rest does not; dateparser would drop it
            raise FollowupError(
                f"can't read the time of day {quoted(tail)} in {quoted(text)}: {HINT}"
            )
        return day, at, roll
    return None


def _day(head: str, today: date, future: bool) -> date | None:
    if head in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[head])
    if head == "this":  # "this afternoon"
        return today
    words = head.split()  # one or two: _day_and_time tries no longer heads
    if words and words[-1] in _WEEKDAYS:
        target = _WEEKDAYS.index(words[-1])
        lead = words[0] if len(words) == 2 else ""
        if future and lead in ("", "this", "by", "on", "until", "before"):
            # "friday", said of a decision: the coming one; today if its time is still
            # ahead (the caller moves it a week on when it is not)
            return today + timedelta(days=(target - today.weekday()) % 7)
        if lead in ("", "last", "this", "past"):
            back = (today.weekday() - target) % 7
            if lead == "last" and back == 0:
                back = 7
            return today - timedelta(days=back)
        if lead == "next":
            ahead = (target - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
    return None


_FORWARD = re.compile(
    r"^(?:in|within) (?P<n>\d+|an?|one|two|three|four) "
    r"(?P<unit>days?|weeks?|business days?|working days?)$"
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}


def parse_decision(
    text: str,
    now: datetime,
    tz: tzinfo | None = None,
    holidays: Container[date] = frozenset(),
    notes: list[str] | None = None,
) -> datetime:
    """Read when they said they would decide: a WHEN, with forward phrases read forward.

    `friday` is the coming Friday; `next week` and `end of next week` the Friday of next
    week (they may answer on any day of it); `this week` this week's Friday; `in 2 weeks`,
    `within 10 days`; `in 3 business days` skips weekends and `holidays`; anything else
    as `parse_when` reads it, forward (`future=True`). A date with no time means
    09:00 local.
    """
    check_length(text)
    low = " ".join(text.strip().lower().split())
    low = re.sub(r"^(?:by|before|on|until|around) (?=\S)", "", low)
    today = to_local(now, tz).date()
    friday = today + timedelta(days=(4 - today.weekday()) % 7)
    weeks_ahead = {
        "next week": 1, "end of next week": 1, "the end of next week": 1,
        "this week": 0, "end of the week": 0, "the end of the week": 0, "end of this week": 0,
        "the end of this week": 0, "end of week": 0,
    }  # fmt: skip
    if low in weeks_ahead:
        # At the weekend the week is over: "this week" and "next week" are the coming one.
        ahead = weeks_ahead[low] if today.weekday() <= 4 else 0
        day = friday + timedelta(weeks=ahead)
        return localize(datetime.combine(day, DEFAULT_TIME), tz).astimezone(UTC)
    m = _FORWARD.match(low)
    if m:
        n = _NUMBER_WORDS.get(m["n"]) or int(m["n"])
        unit = m["unit"]
        if unit.startswith(("business", "working")):
            from followup.core.business_days import add_business_days

            start = localize(datetime.combine(today, DEFAULT_TIME), tz)
            return add_business_days(start, n, holidays, tz).astimezone(UTC)
        day = today + timedelta(days=n * (7 if unit.startswith("week") else 1))
        return localize(datetime.combine(day, DEFAULT_TIME), tz).astimezone(UTC)
    return parse_when(text, now, tz, notes, future=True)


def parse_when(
    text: str,
    now: datetime,
    tz: tzinfo | None = None,
    notes: list[str] | None = None,
    *,
    future: bool = False,
) -> datetime:
    """Read a WHEN the way docs/times.md describes it; return an aware datetime in UTC.

    ISO 8601, `now`, `today`, `yesterday`, `tomorrow`, weekdays (`last friday`),
    each with an optional time (`14:00`, `3pm`, `15h`, `noon`), `N hours ago`, a bare
    time (today), then any other English phrase through dateparser; any of them may
    end with a zone (`EST`, `+05:00`, `Europe/Berlin`), in which the whole phrase is
    read. A date with no time means 09:00 local. Before 1970 (or past
    EARLIEST..LATEST) is refused as a mistyped year.

    `future` is the direction: False (an interview's time) reads a date without a
    year as the most recent one and `friday` as the last; True (a decision, a
    deadline, a next round) as the coming one, and a weekday as the first such day
    and time after `now`. A year other than the current one taken for a date typed
    without one is said in `notes`.
    """
    check_length(text)
    try:
        moment = _parse_when(text, now, tz, notes, future)
    except (OverflowError, ValueError):  # a year the calendar cannot reach
        raise FollowupError(
            f"{quoted(text)} is out of the range of dates: check the year"
        ) from None
    problem = out_of_range(moment)
    if problem:
        raise FollowupError(f"{quoted(text)}: {problem}: check the year")
    return moment


def check_length(text: str) -> None:
    """Refuse a WHEN longer than MAX_WHEN characters, quoting only its start."""
    if len(text) > MAX_WHEN:
        raise FollowupError(
            f"{quoted(text)} is {len(text):,} characters long: a time is at most {MAX_WHEN}; {HINT}"
        )


def parse_interview_time(
    text: str,
    now: datetime,
    tz: tzinfo | None = None,
    notes: list[str] | None = None,
    *,
    future: bool = False,
) -> datetime:
    """`parse_when` for when an interview is: more than a year after `now` is refused too.

    `future` as for `parse_when`: True for a round still to come (`next --at`).
    """
    moment = parse_when(text, now, tz, notes, future=future)
    if moment - now > AHEAD:
        raise FollowupError(
            f"{quoted(text)} is {to_local(moment, tz).date().isoformat()}, more than a year "
            "from now: check the year"
        )
    return moment


def _parse_when(
    text: str, now: datetime, tz: tzinfo | None, notes: list[str] | None, future: bool
) -> datetime:
    raw = text
    text = " ".join(text.strip().split())
    if not text:
        raise FollowupError(f"empty time {quoted(raw)}: {FORWARD_HINT if future else HINT}")
    body, zone, word = _zone(raw, text, now, tz, future)
    if zone is None:
        return _read(raw, body, now, tz, notes, future)
    said: list[str] = []  # a daylight-saving note is about the zone typed, not the user's
    moment = _read(raw, body, now, zone, said, future)
    if notes is not None:
        notes.extend(note.replace("in your time zone", f"in {word}") for note in said)
    return moment


def _read(
    raw: str, text: str, now: datetime, tz: tzinfo | None, notes: list[str] | None, future: bool
) -> datetime:
    """`_parse_when` of `text`, whitespace-normalized and without a zone, in `tz`."""
    text = text.lower()
    text = _SAME_DAY.get(text, text)
    # "24.12." (German): a day and a month, read as "24/12" (not as 24:12); with the
    # final dot, it hid from the both-ways rule and dateparser read it as another day
    text = re.sub(r"^(\d{1,2})[/.-](\d{1,2})[/.-](?=\s|$)", r"\1/\2", text)
    if re.search(r"(?:^|\s)[-\u2212]\s*\d", text):
        raise FollowupError(
            f"{quoted(raw)} has a negative amount: an amount of time counts up, as in "
            "'5 days ago' for the past or 'in 5 days' for the future"
        )
    local_now = to_local(now, tz)
    _refuse_either_way(raw, text, local_now.year)
    if text == "now":
        return now.astimezone(UTC)
    iso = _parse_iso(text, tz, notes)
    if iso is not None:
        return iso.astimezone(UTC)
    m = _AGO.match(text)
    if m:
        n = 1 if m["n"] in ("a", "an", "one") else int(m["n"])
        if m["unit"].startswith(("mo", "y")):  # the same day, months or years back
            back = n * (12 if m["unit"].startswith("y") else 1)
            day = _months_before(local_now.date(), back)
            return localize(datetime.combine(day, DEFAULT_TIME), tz, notes).astimezone(UTC)
        unit = m["unit"][0]
        delta = {"m": timedelta(minutes=n), "h": timedelta(hours=n)}.get(unit)
        if delta is not None:
            return (now - delta).astimezone(UTC)
        days = n * (7 if unit == "w" else 1)
        day = local_now.date() - timedelta(days=days)
        return localize(datetime.combine(day, DEFAULT_TIME), tz, notes).astimezone(UTC)
    bare = _parse_time(text)
    if bare is not None:
        day = local_now.date()
        if future and localize(datetime.combine(day, bare), tz) <= now:
            day += timedelta(days=1)  # read ahead, "3pm" said at 16:00 is tomorrow's
        return localize(datetime.combine(day, bare), tz, notes).astimezone(UTC)
    if re.fullmatch(r"(?:on )?(?:the )?\d+(?:st|nd|rd|th)?", text):
        # dateparser takes "9" for September, "3rd" for 1 March, "2026" for 1 November
        raise FollowupError(
            f"{quoted(raw)} is a number alone: write a time (9am, 09:00) or a day with its "
            "month (december 9)"
        )
    found = _day_and_time(text, local_now.date(), future)
    if found is not None:
        day, at, roll = found
        moment = localize(datetime.combine(day, at or DEFAULT_TIME), tz)
        if roll and moment <= now:  # "wednesday 10am" said on a Wednesday at 11:00
            day += timedelta(weeks=1)
        return localize(datetime.combine(day, at or DEFAULT_TIME), tz, notes).astimezone(UTC)
    return parse_phrase(raw, text, local_now, tz, future, notes)


def _zone(
    raw: str, text: str, now: datetime, tz: tzinfo | None, future: bool
) -> tuple[str, tzinfo | None, str | None]:
    """`text` without the zone typed at its end, that zone and the zone as typed (or
    `text, None, None`).

    A zone word that is none known ("3pm XYZ") is refused when the rest reads as a
    time: it was meant as a zone, and dropping it would give the wrong hour.
    """
    from followup.core.zones import ZONE_HINT, split_zone

    body, zone, word = split_zone(text)
    if zone is None:
        if word is not None and _reads(text[: -len(word)].strip(), now, tz, future):
            raise FollowupError(f"unknown time zone {quoted(word)} in {quoted(raw)}: {ZONE_HINT}")
        return body, None, None
    if not body:
        raise FollowupError(f"{quoted(raw)} gives a time zone but no time: e.g. 3pm {word}")
    if split_zone(body)[1] is not None:
        raise FollowupError(f"{quoted(raw)} gives two time zones: keep one")
    return body, zone, word


def _reads(text: str, now: datetime, tz: tzinfo | None, future: bool) -> bool:
    """Whether `text` reads as a time (for telling a zone word from a word that is no time)."""
    try:
        _parse_when(text, now, tz, None, future)
    except (FollowupError, OverflowError, ValueError):
        return False
    return True


_EITHER_WAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?(?:\s.*)?")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _refuse_either_way(raw: str, text: str, this_year: int) -> None:
    """Refuse `03/04/2026`, naming both readings; `25/12` and `5/5` read one way only."""
    m = _EITHER_WAY.fullmatch(text)
    maybe_time = m and not m[3] and text[len(m[1])] == "."  # "21.30" is 21:30
    pairs = ((m[1], m[2]), (m[2], m[1])) if m else ()
    if m and not maybe_time and not any(_is_date(d, mo, m[3]) for d, mo in pairs):
        # "13/13", "00/12", "31/11": dateparser would make a year of a number
        raise FollowupError(
            f"{quoted(raw)} is no date read either way (day/month or month/day): "
            "write it as year-month-day, e.g. 2026-12-04"
        )
    if not m or m[1] == m[2] or int(m[1]) > 12 or int(m[2]) > 12:
        return
    first, second = int(m[1]), int(m[2])
    if first == 0 or second == 0:
        return
    year = int(m[3]) + (2000 if len(m[3]) == 2 else 0) if m[3] else this_year
    said = f" {year}" if m[3] else ""
    raise FollowupError(
        f"{quoted(raw)} could be {first} {_MONTHS[second - 1]}{said} (day/month) or "
        f"{_MONTHS[first - 1]} {second}{said and ',' + said} (month/day): "
        "write the date as year-month-day, "
        f"{year}-{second:02}-{first:02} or {year}-{first:02}-{second:02}"
    )


def _is_date(day: str, month: str, year: str | None) -> bool:
    """Whether `day` of `month` exists (in a leap year when no year is given)."""
    full = int(year) + (2000 if len(year) == 2 else 0) if year else 2028
    try:
        date(full, int(month), int(day))
    except ValueError:
        return False
    return True


def _months_before(day: date, months: int) -> date:
    """The same day of the month `months` before `day` (31 March, a month back: 28 or
    29 February, the last day there is). Before the year 1: ValueError, from `date`."""
    import calendar

    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _parse_iso(text: str, tz: tzinfo | None, notes: list[str] | None = None) -> datetime | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return localize(datetime.combine(_iso_date(text), DEFAULT_TIME), tz, notes)
    dated = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[t ](.+)", text)
    if not dated:
        return None
    at = _parse_time(dated[2])
    if at is not None:  # "2026-11-25 2pm"
        return localize(datetime.combine(_iso_date(dated[1]), at), tz, notes)
    try:
        moment = datetime.fromisoformat(text.upper())  # 3.11 reads a final Z as UTC
    except ValueError as exc:
        why = "" if "isoformat" in str(exc) else f" ({exc})"
        raise FollowupError(f"can't read the date and time {quoted(text)}{why}: {HINT}") from None
    return moment if moment.tzinfo else localize(moment, tz, notes)


def _iso_date(text: str) -> date:
    """`2026-11-25` as a date, or an error saying what is wrong with it."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise FollowupError(f"bad date {quoted(text)}: {exc}") from None
