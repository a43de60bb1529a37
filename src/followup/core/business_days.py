"""Business days: Monday to Friday, less the public holidays of one country.

`Nbd` after a moment is the same local clock time on the N-th business day after the
moment's local date. Counting starts the day after, so a moment on a weekend or a
holiday needs no special rule: 1bd after Saturday 10:00 is Monday 10:00, just as 1bd
after Friday 10:00 is, and the result of 1bd or more always falls on a business day.
`0bd` is no wait at all: the moment itself.

Public holidays come from the `holidays` package, which takes a fifth of a second to
import: it is imported on the first question about a holiday, never before, so a
command that sums no business days (or a user with no `holidays.country`) never pays
for it. Pure otherwise: time and the time zone are passed in, nothing is printed.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from followup.errors import FollowupError

#: Saturday and Sunday (`date.weekday()` numbers).
WEEKEND = frozenset({5, 6})
#: No public holidays: weekends alone are not business days.
NO_HOLIDAYS: frozenset[date] = frozenset()
#: Longest run of days without a business day that is believable (a calendar that
#: marks everything a holiday would otherwise loop for ever).
_LONGEST_BREAK = 60

_CALENDARS: dict[tuple[str, str | None], Any] = {}


class Holidays(NamedTuple):
    """The public holidays of `country` (ISO 3166 alpha-2, as `US`, `GB`, `DE`),
    optionally of one `subdivision` (`CA`, `BY`). Used as a container of dates:
    `day in Holidays("US")`. The calendar is loaded on the first such question."""

    country: str
    subdivision: str | None = None

    def __contains__(self, day: object) -> bool:  # type: ignore[override]
        if not isinstance(day, date):
            return False
        return day in calendar(self.country, self.subdivision)


def calendar(country: str, subdivision: str | None = None) -> Any:
    """The `holidays` calendar of `country` (and `subdivision`), loaded once per process.

    An unknown country or subdivision is a FollowupError naming it and the setting
    that fixes it.
    """
    key = (country, subdivision)
    found = _CALENDARS.get(key)
    if found is None:
        import holidays  # a fifth of a second: only when a holiday is asked about

        try:
            found = holidays.country_holidays(country, subdiv=subdivision)
        except NotImplementedError:
            raise _unknown(holidays, country, subdivision) from None
        _CALENDARS[key] = found
    return found


#: How many subdivision codes an error lists before saying how many more there are.
_CODES_SHOWN = 60


def _unknown(module: Any, country: str, subdivision: str | None) -> FollowupError:
    """Why `country`/`subdivision` are refused, with what would be accepted instead (the
    command line adds how to set or clear the setting: the error's advice)."""
    supported: dict[str, list[str]] = module.list_supported_countries()
    if country not in supported:
        return FollowupError(
            f"holidays.country {country!r} is not a country the holidays package knows: "
            "use an ISO 3166 code such as US, GB or DE",
            advice=("config-country", "holidays.country", "US"),
        )
    known = supported[country]
    if not known:
        return FollowupError(
            f"holidays.subdivision {subdivision!r} does not apply: the holidays package "
            f"knows no subdivisions of {country}",
            advice=("config-unset", "holidays.subdivision"),
        )
    shown = known if len(known) <= _CODES_SHOWN + 10 else known[:_CODES_SHOWN]
    codes = ", ".join(shown)
    if len(shown) < len(known):
        codes += f" … and {len(known) - len(shown)} more"
    return FollowupError(
        f"holidays.subdivision {subdivision!r} is not a subdivision of {country}: "
        f"use one of {codes}",
        advice=("config-or-unset", "holidays.subdivision"),
    )


def check_region(country: str, subdivision: str | None = None) -> Holidays:
    """`Holidays(country, subdivision)` if the `holidays` package knows them, else a
    FollowupError that says what would be accepted. Imports the package: for
    `followup config`, not for everyday commands."""
    calendar(country, subdivision)
    return Holidays(country, subdivision)


def is_business_day(day: date, holidays: Container[date] = NO_HOLIDAYS) -> bool:
    """Monday to Friday, and not in `holidays`."""
    return day.weekday() not in WEEKEND and day not in holidays


def next_business_day(day: date, holidays: Container[date] = NO_HOLIDAYS) -> date:
    """The first business day strictly after `day`."""
    for _ in range(_LONGEST_BREAK):
        day += timedelta(days=1)
        # The weekend test first: holidays are only looked up for weekdays.
        if is_business_day(day, holidays):
            return day
    raise FollowupError(
        f"no business day in the {_LONGEST_BREAK} days after {day.isoformat()}: check "
        "holidays.country and holidays.subdivision",
        advice=("config-list",),
    )


def add_business_days(
    moment: datetime,
    count: int,
    holidays: Container[date] = NO_HOLIDAYS,
    tz: tzinfo | None = None,
) -> datetime:
    """The same local clock time on the `count`-th business day after `moment`'s local date.

    `moment` must be aware; the result is aware, in the same zone as `moment`. Local
    means `tz`, or the system's zone (what `TZ` says) when `tz` is None. A clock time
    that does not exist on the result's day (skipped by a daylight-saving change) comes
    out as the zone puts it, an hour later. `count` 0 returns `moment`.
    """
    if moment.tzinfo is None:
        raise ValueError("add_business_days needs an aware datetime")
    if count < 0:
        raise ValueError("add_business_days counts forward only")
    if count == 0:
        return moment
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    day = local.date()
    for _ in range(count):
        day = next_business_day(day, holidays)
    wall = datetime.combine(day, local.time())
    # Without `tz`, the C library's local zone (what TZ says), DST-aware.
    result = wall.replace(tzinfo=tz) if tz is not None else wall.astimezone()
    return result.astimezone(moment.tzinfo)


def roll_to_business_day(
    moment: datetime, holidays: Container[date] = NO_HOLIDAYS, tz: tzinfo | None = None
) -> datetime:
    """`moment` if its local date is a business day, else the same clock time on the next one.

    For steps that reach people at work: a check-in falling due on a Saturday is due on
    Monday at the same time.
    """
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    if is_business_day(local.date(), holidays):
        return moment
    return add_business_days(moment, 1, holidays, tz)


class Delay(NamedTuple):
    """How long after a moment a step is due: `business_days` first, then `span`.

    `2bd` is Delay(2), `24h` is Delay(0, 24 hours), `1bd4h` is Delay(1, 4 hours).
    """

    business_days: int = 0
    span: timedelta = timedelta(0)

    def after(
        self,
        moment: datetime,
        holidays: Container[date] = NO_HOLIDAYS,
        tz: tzinfo | None = None,
    ) -> datetime:
        """The moment this delay after `moment`. Holidays are consulted only when
        `business_days` is not 0."""
        if self.business_days:
            moment = add_business_days(moment, self.business_days, holidays, tz)
        return moment + self.span

    def __str__(self) -> str:
        from_days = f"{self.business_days}bd" if self.business_days else ""
        if not self.span:
            return from_days or "0h"
        minutes = int(self.span.total_seconds() // 60)
        if minutes % (24 * 60) == 0 and minutes >= 72 * 60:
            clock = f"{minutes // (24 * 60)}d"
        elif minutes % 60 == 0:
            clock = f"{minutes // 60}h"
        else:
            clock = f"{minutes}m"
        return from_days + clock
