"""Durations as users write them: `90m`, `24h`, `2d`, `1d12h`, and business days `2bd`.

Pure: text in, a span (or a business-day `Delay`) out; errors are ValueErrors whose
message says what was wrong and how to write it, for the caller to word further.
"""

from __future__ import annotations

import re
from datetime import timedelta

from followup.core.business_days import Delay
from followup.core.text import quoted

#: Longest due delay accepted: past this a follow-up is no longer a follow-up.
MAX_DELAY = timedelta(days=30)
#: The same in business days (four working weeks).
MAX_BUSINESS_DAYS = 20

_UNITS = {
    "m": "m",
    "min": "m",
    "mins": "m",
    "minute": "m",
    "minutes": "m",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "week": "w",
    "weeks": "w",
}
_UNIT_SPAN = {
    "m": timedelta(minutes=1),
    "h": timedelta(hours=1),
    "d": timedelta(days=1),
    "w": timedelta(weeks=1),
}
_DURATION_PART = re.compile(r"\s*(\d{1,6})\s*([a-z]+)\s*")
_BUSINESS_DAY_UNITS = frozenset({"bd", "bds", "businessday", "businessdays", "workday", "workdays"})


def parse_duration(text: str) -> tuple[str, timedelta]:
    """Read `90m`, `24h`, `2d`, `1d12h`, `36 hours`: returns (tidy text, the span).

    The tidy text keeps the units the user chose (`2d` stays `2d`), without spaces.
    """
    raw = text.strip().lower()
    parts: list[tuple[int, str]] = []
    pos = 0
    while pos < len(raw):
        match = _DURATION_PART.match(raw, pos)
        if match is None or match[2] not in _UNITS:
            parts = []
            break
        parts.append((int(match[1]), _UNITS[match[2]]))
        pos = match.end()
    if not parts:
        raise ValueError(
            f"{quoted(text)} is not a duration: write a whole number and a unit, such as 90m, "
            "24h, 2d or 1d12h"
        )
    span = sum((n * _UNIT_SPAN[unit] for n, unit in parts), timedelta(0))
    if span > MAX_DELAY:
        raise ValueError(f"{quoted(text)} is longer than {MAX_DELAY.days} days: use at most 30d")
    return "".join(f"{n}{unit}" for n, unit in parts), span


def parse_delay(text: str) -> tuple[str, Delay]:
    """Read a due delay: a duration as `parse_duration` reads it, or business days
    (`2bd`), or business days then a duration (`1bd4h`). Returns (tidy text, delay)."""
    raw = text.strip().lower()
    match = re.match(r"\s*(\d{1,6})\s*([a-z]+)", raw)
    if match is None or match[2] not in _BUSINESS_DAY_UNITS:
        try:
            tidy, span = parse_duration(text)
        except ValueError as exc:
            raise ValueError(f"{exc}, or business days such as 2bd") from None
        return tidy, Delay(0, span)
    days = int(match[1])
    if days > MAX_BUSINESS_DAYS:
        raise ValueError(
            f"{quoted(text)} is more than {MAX_BUSINESS_DAYS} business days: use at most "
            f"{MAX_BUSINESS_DAYS}bd"
        )
    rest = raw[match.end() :].strip()
    if not rest:
        return f"{days}bd", Delay(days)
    try:
        tidy, span = parse_duration(rest)
    except ValueError:
        raise ValueError(
            f"{quoted(text)} is not a duration: write business days such as 2bd, optionally "
            "followed by hours (1bd4h), or a duration such as 24h"
        ) from None
    return f"{days}bd{tidy}", Delay(days, span)
