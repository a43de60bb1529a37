"""The user's settings: every key, its default and how its value is checked; and the
settings in force (a profile for drafts, when steps fall due, check-ins, holidays).

Every value is checked the same way whether it comes from `followup config KEY VALUE`
or from a hand-edited file (read and written by `config_file`), so a bad value is
refused with its key, what is wrong and how to fix it. Nothing here reads the
environment or the disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from followup.core.business_days import Delay
from followup.core.durations import parse_delay, parse_duration
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
# Same shape that interviewers' emails must have (models.py).
_PHONE = re.compile(r"\+?[0-9 ().\-/]+(?:\s*(?:ext\.?|x)\s*[0-9]+)?", re.IGNORECASE)
_COUNTRY = re.compile(r"[A-Za-z]{2,3}")
_SUBDIVISION = re.compile(r"[A-Za-z0-9][A-Za-z0-9 \-]{0,39}")


# ----- values ------------------------------------------------------------------------


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


def _whole_number(raw: str, span: tuple[int, int], instead: str, in_range: str) -> int:
    """A whole number within `span`; `instead` and `in_range` say what to write."""
    try:
        value = int(raw.strip())
    except ValueError:
        raise ValueError(f"{raw!r} is not a whole number: use {instead}") from None
    if not span[0] <= value <= span[1]:
        raise ValueError(f"{value} is out of range: use {in_range}")
    return value


def _limit(raw: str) -> int:
    low, high = LIMIT_RANGE
    free_or_premium = "200 (a free LinkedIn account) or 300 (premium)"
    return _whole_number(raw, LIMIT_RANGE, free_or_premium, f"a number from {low} to {high}")


def _duration(raw: str) -> str:
    return parse_delay(raw)[0]


def _clock_duration(raw: str) -> str:
    """A span of clock time (remind.within): business days make no sense there."""
    return parse_duration(raw)[0]


def _checkin_max(raw: str) -> int:
    low, high = CHECKIN_MAX_RANGE
    return _whole_number(
        raw,
        CHECKIN_MAX_RANGE,
        f"a number of check-ins from {low} to {high}",
        f"{low} to {high} check-ins",
    )


def _port(raw: str) -> int:
    return _whole_number(raw, (1, 65535), "a port number such as 993", "a port from 1 to 65535")


def _security(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("tls", "starttls", "none"):
        raise ValueError(
            f"{raw!r} is not a way to connect: use tls (port 993), starttls (port 143), or "
            "none (only for a server on this machine)"
        )
    return value


def _host(raw: str) -> str:
    value = _text("the host", "imap.gmail.com", 253)(raw)
    if any(c.isspace() or c in "/@" for c in value):
        raise ValueError(f"{value!r} is not a host name: write it like imap.gmail.com")
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
            "holidays.subdivision needs a country first",
            advice=("config-first", "holidays.country", "DE"),
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
    Setting("email", "your email, in drafts", _email,
            example="sam@example.com"),
    Setting("phone", "your phone, in drafts", _phone,
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
    _due("reply", "reply to a decision after", BY_NAME["reply"].default_delay),
    Setting("checkin.max", "most check-ins (0 to 5)",
            _checkin_max, CHECKIN_MAX, "3", number=True),
    Setting("holidays.country", "its holidays: US, GB, DE",
            _country, example="US", verify=_verify_region),
    Setting("holidays.subdivision", "its region: CA, BY",
            _subdivision, example="CA", verify=_verify_region),
    Setting("remind.within", "remind of steps due in",
            _clock_duration, "12h", "6h"),
    Setting("mail.imap.host", "IMAP server to read mail",
            _host, example="imap.gmail.com"),
    Setting("mail.imap.port", "IMAP port", _port, 993, "993", number=True),
    Setting("mail.imap.user", "IMAP login (your email)",
            _text("the IMAP user", "sam@example.com", 254), example="sam@example.com"),
    Setting("mail.imap.security", "tls, starttls or none",
            _security, "tls", "starttls"),
    Setting("mail.imap.sent", "sent folder (else \\Sent)",
            _text("the folder", '"Sent Items"', 200), example='"Sent Items"'),
    Setting("mail.imap.inbox", "folder of received mail",
            _text("the folder", "INBOX", 200), "INBOX", "INBOX"),
    Setting("mail.imap.token_command", "prints an OAuth2 token",
            _text("the command", '"oama access sam@example.com"', 1000),
            example='"oama access sam@example.com"'),
    Setting("mail.maildir", "a Maildir to read instead",
            _text("the folder", "~/Mail/work", 1000), example="~/Mail/work"),
    Setting("mail.maildir_sent", "its sent folder",
            _text("the folder", ".Sent", 200), ".Sent", ".Sent"),
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
        return {
            k.name: self.delay(k.name) if f"due.{k.name}" in BY_KEY else k.default_delay
            for k in KINDS  # `decide` has no setting: it is due at the offer's deadline
        }

    def schedule(self):
        """When steps fall due under these settings (`core.checklist.Schedule`)."""
        from followup.core.business_days import NO_HOLIDAYS, Holidays
        from followup.core.checklist import Schedule

        country = self.get("holidays.country")
        region = Holidays(country, self.get("holidays.subdivision")) if country else None
        return Schedule(
            delays=self.delays(),
            checkin_no_date=self.delay("checkin_no_date"),
            checkin_again=self.delay("checkin_again"),
            checkin_max=int(self.get("checkin.max")),
            holidays=region or NO_HOLIDAYS,
        )

    #: The old name, which the command line still calls.
    rules = schedule
