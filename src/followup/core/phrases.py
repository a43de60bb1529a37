"""Reading a time written as an English phrase (`November 20 2pm`, `last friday
10am`) through dateparser, the reader of last resort, imported only when a phrase
needs it; and the words every reading of a time shares (the default time of day, the
parts of a day, the hints of an error).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, tzinfo

from followup.core.text import quoted
from followup.core.zones import localize
from followup.errors import FollowupError

#: A date typed with no time of day means this time, local.
DEFAULT_TIME = time(9, 0)

#: Parts of the day, as times: "yesterday afternoon", "this evening", "tonight".
DAY_PARTS = {
    "noon": time(12, 0), "midnight": time(0, 0), "morning": time(9, 0),
    "afternoon": time(14, 0), "evening": time(18, 0), "night": time(19, 0),
}  # fmt: skip
#: Whether a phrase says a time of day (else it means DEFAULT_TIME).
HAS_TIME = re.compile(
    rf"\d\s*(?:am|pm|a\.m|p\.m)|\d:\d\d|\b(?:{'|'.join(DAY_PARTS)})\b"
    r"|\bnow\b|(?:hour|minute|min|hr)s?\b|\d\s*h\b"
)
HINT = "try 2026-11-25 14:00, today 14:00, yesterday 3pm or 'last friday 10am'"
#: The hint for a date said of the future (a decision date).
FORWARD_HINT = "try friday, next week, 'in 3 business days', 'december 4' or 2026-12-04"


def parse_phrase(
    raw: str,
    text: str,
    local_now: datetime,
    tz: tzinfo | None,
    future: bool,
    notes: list[str] | None,
) -> datetime:
    """`text` (`raw` as typed, tidied) read by dateparser around `local_now`, looking
    ahead when `future`, else back; a note goes to `notes` when a year was taken."""
    # "november 20 15h": dateparser would take 15 for a year; an amount ("in 3h",
    # "3h ago") stays as it is
    text = re.sub(
        r"(?<!in )(?<!within )\b([01]?\d|2[0-3])h(\d{2})?\b(?!\s*ago)",
        lambda m: f"{m[1]}:{m[2] or '00'}",
        text,
    )

    # "within 2 months" is "in 2 months" (dateparser reads the one only)
    text = re.sub(r"^within\b", "in", text)
    settings = {
        "RELATIVE_BASE": local_now.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future" if future else "past",
        # "december" alone is 1 December; "in a month", "2 years from now" keep the day
        # of the month (the last one when that month is shorter), not the 1st
        "PREFER_DAY_OF_MONTH": "current" if _MONTHS_AMOUNT.search(text) else "first",
    }
    parsed = _dateparse(text, settings)
    if parsed is None:
        raise FollowupError(
            f"can't read the time {quoted(raw)}: {FORWARD_HINT if future else HINT}"
        )
    if parsed.tzinfo is not None:
        # a zone the readers of when.py did not take ("3pm EST.", "3pm (EST)", "3pm EST
        # tomorrow"): dateparser's own reading of it may be another zone (IST), and
        # dropping it would give the right hour in the wrong place
        raise FollowupError(
            f"{quoted(raw)} has a time zone that is not the last word on its own: write "
            "it last, as in 'tomorrow 3pm EST' or '3pm -05:00'"
        )
    today = local_now.date()
    two_digit_year = False
    if parsed.year != today.year and _YEARLESS.search(text) and not re.search(r"\d{4}", text):
        # dateparser puts a two-digit year ("jan 5 27") in the century the direction
        # prefers: 1927 read back, "nov 3 25" 2125 read ahead. The other direction's
        # reading a century away shows the year was typed: take the nearer of the two,
        # and let the caller refuse it if it lies the wrong way (an interview to come is
        # one; a decision before the interview is not).
        other = _dateparse(text, {**settings, "PREFER_DATES_FROM": "past" if future else "future"})
        if other is not None and abs(other.year - parsed.year) == 100:
            two_digit_year = True
            parsed = min(parsed, other, key=lambda d: abs(d - settings["RELATIVE_BASE"]))
    if parsed.date() != today and not re.search(r"\b\d{4}\b", text):
        # A phrase that leaves the day open is today where when.py's readers say so:
        # read back, "about 3pm" at 13:00 is today's 3pm as "3pm" is, not yesterday's,
        # and "about 3pm friday" on a Friday this one; read ahead, a time still to come
        # today is today ("about 3pm friday" at 15:00 exactly is next week's, as
        # "friday 3pm" is). A date is today in either direction: "december 4" said on
        # 4 December is not next year's, nor "november 26 3pm" at 16:00 last year's.
        again = _dateparse(text, {**settings, "PREFER_DATES_FROM": "current_period"})
        if (
            again is not None
            and again.date() == today
            and (not future or again > settings["RELATIVE_BASE"] or _YEARLESS.search(text))
        ):
            parsed = again
    if not HAS_TIME.search(text):
        parsed = datetime.combine(parsed.date(), DEFAULT_TIME)
    if (
        parsed.year != today.year
        and not two_digit_year
        and _YEARLESS.search(text)
        and not re.search(r"\d{4}", text)
    ):
        notes = notes if notes is not None else []
        which = "coming" if future else "most recent"
        notes.append(f"{quoted(raw)} has no year: took {parsed:%-d %B %Y}, the {which} one")
    return localize(parsed, tz, notes).astimezone(UTC)


def _dateparse(text: str, settings: dict) -> datetime | None:
    """`text` read by dateparser as English (only: "demain 15h" read as French would be
    taken for a time it does not mean), or None. With PREFER_DATES_FROM
    "current_period", a phrase that names no day is today ("3pm"; "nov 26 3pm" but not
    "nov 26 25", nor "nov 26 27")."""
    import dateparser  # heavy: only for phrases that when.py's own readers do not cover

    try:
        return dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None


#: An amount of months or years ("a month", "2 years"): counted from today's date.
_MONTHS_AMOUNT = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+(?:months?|years?)\b"
)

#: A date said with a month (by name, or as day/month) but perhaps no year.
_YEARLESS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,2}[/.-]\d{1,2}"
)
