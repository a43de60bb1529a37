"""The user's settings: a profile for drafts and their own due-time rules (`config.toml`).

Read with the standard library's `tomllib`, only when the file exists; written with
`tomli_w`, imported only when writing. Every value is checked the same way whether
it comes from `followup config KEY VALUE` or from a hand-edited file, so a bad value
is refused with its key, what is wrong and how to fix it. Nothing here reads the
environment: the caller says where the file is.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from followup.core.business_days import Delay
from followup.core.kinds import (
    BY_NAME,
    CHECKIN_AGAIN,
    CHECKIN_MAX,
    CHECKIN_MAX_RANGE,
    CHECKIN_NO_DATE,
    KINDS,
)
from followup.core.text import CONTROL, EMAIL
from followup.errors import FollowupError

CONFIG_FILE = "config.toml"
TEMPLATES_DIR = "templates"

#: LinkedIn's limit for a connection note on a free account (premium: 300).
DEFAULT_LINKEDIN_LIMIT = 200
LIMIT_RANGE = (50, 2000)
#: Longest due delay accepted: past this a follow-up is no longer a follow-up.
MAX_DELAY = timedelta(days=30)
#: The same in business days (four working weeks).
MAX_BUSINESS_DAYS = 20

# Same shape that interviewers' emails must have (models.py).
_PHONE = re.compile(r"\+?[0-9 ().\-/]+(?:\s*(?:ext\.?|x)\s*[0-9]+)?", re.IGNORECASE)
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
_COUNTRY = re.compile(r"[A-Za-z]{2,3}")
_SUBDIVISION = re.compile(r"[A-Za-z0-9][A-Za-z0-9 \-]{0,39}")


# ----- values ------------------------------------------------------------------------


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
            f"{text!r} is not a duration: write a whole number and a unit, such as 90m, "
            "24h, 2d or 1d12h"
        )
    span = sum((n * _UNIT_SPAN[unit] for n, unit in parts), timedelta(0))
    if span > MAX_DELAY:
        raise ValueError(f"{text!r} is longer than {MAX_DELAY.days} days: use at most 30d")
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
            f"{text!r} is more than {MAX_BUSINESS_DAYS} business days: use at most "
            f"{MAX_BUSINESS_DAYS}bd"
        )
    rest = raw[match.end() :].strip()
    if not rest:
        return f"{days}bd", Delay(days)
    try:
        tidy, span = parse_duration(rest)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a duration: write business days such as 2bd, optionally "
            "followed by hours (1bd4h), or a duration such as 24h"
        ) from None
    return f"{days}bd{tidy}", Delay(days, span)


def format_duration(span: timedelta) -> str:
    """A span as `followup config` shows a default: `24h`, `90m`, `3d`."""
    minutes = int(span.total_seconds() // 60)
    if minutes % (24 * 60) == 0 and minutes >= 72 * 60:
        return f"{minutes // (24 * 60)}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"


def _text(what: str, example: str, longest: int) -> Callable[[str], str]:
    def check(raw: str) -> str:
        value = raw.strip()
        if not value:
            raise ValueError(f"{what} is empty: give one, as in {example}, or use --unset")
        if CONTROL.search(value):
            raise ValueError(f"{what} {raw!r} has control characters: type it on one line")
        if len(value) > longest:
            raise ValueError(f"{what} is {len(value)} characters long: at most {longest}")
        return value

    return check


def _email(raw: str) -> str:
    value = _text("the email", "sam@example.com", 254)(raw)
    if not EMAIL.fullmatch(value):
        raise ValueError(f"{value!r} is not an email address: write it like sam@example.com")
    return value


def _phone(raw: str) -> str:
    value = _text("the phone number", '"+1 555 0100"', 40)(raw)
    if not _PHONE.fullmatch(value) or sum(c.isdigit() for c in value) < 5:
        raise ValueError(
            f"{value!r} is not a phone number: use digits, spaces and + ( ) - ., "
            'such as "+1 555 0100"'
        )
    return value


def _limit(raw: str) -> int:
    low, high = LIMIT_RANGE
    try:
        value = int(raw.strip())
    except ValueError:
        raise ValueError(
            f"{raw!r} is not a whole number: use 200 (a free LinkedIn account) or 300 (premium)"
        ) from None
    if not low <= value <= high:
        raise ValueError(f"{value} is out of range: use a number from {low} to {high}")
    return value


def _duration(raw: str) -> str:
    return parse_delay(raw)[0]


def _clock_duration(raw: str) -> str:
    """A span of clock time (remind.within): business days make no sense there."""
    return parse_duration(raw)[0]


def _checkin_max(raw: str) -> int:
    low, high = CHECKIN_MAX_RANGE
    try:
        value = int(raw.strip())
    except ValueError:
        raise ValueError(
            f"{raw!r} is not a whole number: use a number of check-ins from {low} to {high}"
        ) from None
    if not low <= value <= high:
        raise ValueError(f"{value} is out of range: use {low} to {high} check-ins")
    return value


def _country(raw: str) -> str:
    value = raw.strip()
    if not _COUNTRY.fullmatch(value):
        raise ValueError(
            f"{raw!r} is not a country code: use an ISO 3166 code such as US, GB or DE"
        )
    return value.upper()


def _subdivision(raw: str) -> str:
    value = raw.strip()
    if not _SUBDIVISION.fullmatch(value):
        raise ValueError(f"{raw!r} is not a subdivision code: use one such as CA, BY or SCT")
    # Codes are upper case (CA, BY); a few names are not (Augsburg): keep those as typed.
    return value.upper() if len(value) <= 3 else value


def _verify_region(key: str, value: str, values: Mapping[str, Any]) -> None:
    """Ask the holidays package whether it knows the region (only when setting it)."""
    from followup.core.business_days import check_region

    if key == "holidays.country":
        check_region(value, values.get("holidays.subdivision"))
        return
    country = values.get("holidays.country")
    if country is None:
        raise FollowupError(
            "holidays.subdivision needs a country first: followup config holidays.country DE"
        )
    check_region(country, value)


@dataclass(frozen=True)
class Setting:
    """One key of `config.toml`: its check, its default and what it is for."""

    key: str
    #: Short: `followup config` shows it in a column that should fit 80 columns.
    help: str
    check: Callable[[str], Any]
    default: Any = None
    example: str = ""
    number: bool = False
    #: A slower check, run only when the value is set (key, value, the other values).
    verify: Callable[[str, Any, Mapping[str, Any]], None] | None = None


def _due(name: str, label: str, default: Delay) -> Setting:
    return Setting(f"due.{name}", label, _duration, str(default), str(default))


SETTINGS: tuple[Setting, ...] = (
    Setting("name", "your name, to sign drafts",
            _text("the name", '"Sam Lee"', 100), example='"Sam Lee"'),
    Setting("email", "your email, for signatures", _email,
            example="sam@example.com"),
    Setting("phone", "your phone, for signatures", _phone,
            example='"+1 555 0100"'),
    Setting("linkedin.limit", "200 free, 300 paid",
            _limit, DEFAULT_LINKEDIN_LIMIT, "300", number=True),
    _due("email", "thank-you email due after", BY_NAME["email"].default_delay),
    _due("linkedin", "LinkedIn note due after", BY_NAME["linkedin"].default_delay),
    _due("card", "card due after", BY_NAME["card"].default_delay),
    _due("phone", "voicemail check due after", BY_NAME["phone"].default_delay),
    _due("checkin", "check-in, after decision", BY_NAME["checkin"].default_delay),
    _due("checkin_no_date", "check-in, if no decision", CHECKIN_NO_DATE),
    _due("checkin_again", "next check-in after one", CHECKIN_AGAIN),
    Setting("checkin.max", "most check-ins (0 to 5)",
            _checkin_max, CHECKIN_MAX, "3", number=True),
    Setting("holidays.country", "its holidays: US, GB, DE",
            _country, example="US", verify=_verify_region),
    Setting("holidays.subdivision", "its region: CA, BY",
            _subdivision, example="CA", verify=_verify_region),
    Setting("remind.within", "remind of steps due within",
            _clock_duration, "12h", "6h"),
)  # fmt: skip
BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
KEYS: tuple[str, ...] = tuple(BY_KEY)


def setting(key: str) -> Setting:
    """The setting called `key`, or an error listing the keys (and the likely one)."""
    found = BY_KEY.get(key.strip().lower())
    if found is not None:
        return found
    import difflib

    near = difflib.get_close_matches(key.strip().lower(), KEYS, n=1)
    guess = f"did you mean {near[0]}? " if near else ""
    raise FollowupError(f"unknown setting {key!r}: {guess}the settings are {', '.join(KEYS)}")


def check_value(key: str, raw: str) -> Any:
    """The value `raw` stands for under `key` (a str or an int), or a FollowupError."""
    entry = setting(key)
    try:
        return entry.check(raw)
    except ValueError as exc:
        raise FollowupError(
            f"bad value for {entry.key}: {exc}",
            advice=("config-example", entry.key, entry.example),
        ) from None


# ----- the settings in force ---------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """Who the user is, for drafts. None where not set."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Settings:
    """The values set in `config.toml` (checked), with defaults for the rest."""

    values: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        """The value in force: the one set, else the default (None: no default)."""
        entry = setting(key)
        return self.values.get(entry.key, entry.default)

    def is_set(self, key: str) -> bool:
        return setting(key).key in self.values

    @property
    def profile(self) -> Profile:
        return Profile(self.get("name"), self.get("email"), self.get("phone"))

    @property
    def linkedin_limit(self) -> int:
        return int(self.get("linkedin.limit"))

    def delay(self, name: str) -> Delay:
        """The delay `due.NAME` in force."""
        return parse_delay(str(self.get(f"due.{name}")))[1]

    def delays(self) -> dict[str, Delay]:
        """Due delays per step kind: the user's where set, the built-in ones otherwise."""
        return {k.name: self.delay(k.name) for k in KINDS}

    def rules(self):
        """The checklist rules these settings make (`core.checklist.Rules`)."""
        from followup.core.business_days import NO_HOLIDAYS, Holidays
        from followup.core.checklist import Rules

        country = self.get("holidays.country")
        region = Holidays(country, self.get("holidays.subdivision")) if country else None
        return Rules(
            delays=self.delays(),
            checkin_no_date=self.delay("checkin_no_date"),
            checkin_again=self.delay("checkin_again"),
            checkin_max=int(self.get("checkin.max")),
            holidays=region or NO_HOLIDAYS,
        )


def _flatten(doc: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in doc.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = value
    return flat


def _line_of(text: str, key: str) -> str:
    """' (line N)' where `key`'s last part is assigned in `text`, when it can be found."""
    leaf = re.escape(key.rsplit(".", 1)[-1])
    pattern = re.compile(rf"^\s*(?:[\w\-\"'.]+\.)?[\"']?{leaf}[\"']?\s*=", re.MULTILINE)
    match = pattern.search(text)
    return f" (line {text.count(chr(10), 0, match.start()) + 1})" if match else ""


@dataclass(frozen=True)
class _Problem:
    """A line of `config.toml` that cannot be used: its key, where it is, what is wrong."""

    key: str
    line: str  # " (line N)", or "" when it cannot be found
    what: str
    known: bool


def _check_file(data: bytes, path: Path) -> tuple[dict[str, Any], list[_Problem]]:
    """The good values of a `config.toml`, and the lines that are not.

    Text that is not UTF-8 or not TOML raises at once: only a person can fix that.
    """
    import tomllib

    try:
        text = data.decode("utf-8")
        doc = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise FollowupError(
            f"{path} is not UTF-8 text (byte {exc.start}): save it as UTF-8; it was left as it is"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise FollowupError(
            f"{path} is not valid TOML: {exc}; fix that line by hand (the file was left as it is)"
        ) from None
    values: dict[str, Any] = {}
    problems: list[_Problem] = []
    for key, value in _flatten(doc).items():
        line = _line_of(text, key)
        if key not in BY_KEY:
            try:
                setting(key)
            except FollowupError as exc:
                problems.append(_Problem(key, line, str(exc), known=False))
                continue
        entry = BY_KEY[key]
        # A number may be quoted by hand; text must be text (a bare 12 is no name).
        allowed = (str, int) if entry.number else (str,)
        if isinstance(value, bool) or not isinstance(value, allowed):
            wanted = "a whole number" if entry.number else 'text in quotes ("...")'
            problems.append(_Problem(key, line, f"{key} = {value!r} should be {wanted}", True))
            continue
        try:
            values[key] = entry.check(str(value))
        except ValueError as exc:
            problems.append(_Problem(key, line, f"bad value for {key}: {exc}", True))
    return values, problems


def _refusal(problems: list[_Problem], path: Path) -> FollowupError:
    """The error for a file with bad lines; it offers a command only where that command works."""
    if len(problems) > 1:
        listed = "; ".join(f"{p.line.strip(' ()') or p.key}: {p.what}" for p in problems)
        return FollowupError(
            f"{path} has {len(problems)} bad settings ({listed}): fix those lines by hand "
            "(the file was left as it is)"
        )
    (problem,) = problems
    where = f"{path}{problem.line}"
    if not problem.known:
        return FollowupError(f"{where}: {problem.what}; fix or remove that line")
    return FollowupError(
        f"{where}: {problem.what}; fix that line",
        advice=("config-set", problem.key, BY_KEY[problem.key].example),
    )


def parse_settings(data: bytes, path: Path) -> Settings:
    """Check the bytes of a `config.toml`; errors name the file, the line and the fix."""
    values, problems = _check_file(data, path)
    if problems:
        raise _refusal(problems, path)
    return Settings(values)


def config_path(folder: Path) -> Path:
    return folder / CONFIG_FILE


def _read_bytes(folder: Path) -> bytes | None:
    from followup.storage.files import read_bytes

    return read_bytes(config_path(folder))


def read_settings(folder: Path) -> Settings:
    """The settings in `folder`'s `config.toml`; all defaults when there is none."""
    data = _read_bytes(folder)
    return Settings() if data is None else parse_settings(data, config_path(folder))


def _values_to_change(folder: Path, key: str) -> tuple[dict[str, Any], bool]:
    """The values that setting or clearing `key` keeps, and whether `key`'s line is bad.

    A bad value of `key` itself is what the change repairs; a bad line for any other
    key still refuses, as does a file that is not TOML.
    """
    data = _read_bytes(folder)
    if data is None:
        return {}, False
    path = config_path(folder)
    values, problems = _check_file(data, path)
    if any(p.key != key for p in problems):
        raise _refusal(problems, path)
    return values, bool(problems)


_HEADER = (
    "# followup settings. Change them with `followup config KEY VALUE`;\n"
    "# `followup config` lists every key. This file is rewritten by followup.\n\n"
)


def dump_settings(values: Mapping[str, Any]) -> bytes:
    """`values` as the text of a `config.toml`, keys in the order of `SETTINGS`."""
    import tomli_w

    doc: dict[str, Any] = {}
    for key in KEYS:
        if key not in values:
            continue
        *tables, leaf = key.split(".")
        target = doc
        for table in tables:
            target = target.setdefault(table, {})
        target[leaf] = values[key]
    return (_HEADER + tomli_w.dumps(doc)).encode("utf-8")


#: The lock file of the settings folder: the store's own when they share a folder.
LOCK_FILE = ".lock"


def write_settings(folder: Path, values: Mapping[str, Any]) -> None:
    """Replace `folder`'s `config.toml` atomically (private, 0600); call under `_locked`."""
    from followup.storage.files import remove_temps, write_atomic

    remove_temps(config_path(folder))  # of a save that was killed: we hold the lock
    write_atomic(config_path(folder), dump_settings(values))


@contextlib.contextmanager
def _locked(folder: Path, timeout: float) -> Iterator[None]:
    """The settings folder made (private) if needed, and its lock held."""
    from followup.storage.files import locked, make_private_dir

    if folder.exists() and not folder.is_dir():
        raise FollowupError(f"{folder} is not a folder: point FOLLOWUP_HOME at a folder")
    make_private_dir(folder)
    with locked(folder / LOCK_FILE, timeout):
        yield


def set_value(
    folder: Path, key: str, raw: str, *, lock_timeout: float = 10.0
) -> tuple[Setting, Any, bool]:
    """Check and store one value. Returns the setting, the value, and whether it changed.

    The file is read and written under the lock, so settings changed at once by
    several commands are all kept.
    """
    entry = setting(key)
    value = check_value(entry.key, raw)
    with _locked(folder, lock_timeout):
        current, repairing = _values_to_change(folder, entry.key)
        if current.get(entry.key) == value and not repairing:
            return entry, value, False
        if entry.verify is not None:
            entry.verify(entry.key, value, current)
        write_settings(folder, {**current, entry.key: value})
    return entry, value, True


def unset_value(folder: Path, key: str, *, lock_timeout: float = 10.0) -> tuple[Setting, bool]:
    """Clear one value (back to its default). Returns the setting and whether it was set."""
    entry = setting(key)
    if not config_path(folder).exists():
        _values_to_change(folder, entry.key)  # a folder in the way still says so
        return entry, False
    with _locked(folder, lock_timeout):
        current, repairing = _values_to_change(folder, entry.key)
        if entry.key not in current and not repairing:
            return entry, False
        write_settings(folder, {k: v for k, v in current.items() if k != entry.key})
    return entry, True
