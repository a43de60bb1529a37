"""The data: interviews, interviewers, steps, and the store's documents (pydantic v2).

Unknown keys are an error everywhere (`extra="forbid"`): a hand-edited file with a
typo is refused, never silently "fixed" by dropping data.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    StrictInt,
    model_serializer,
)

from followup.core.kinds import KIND_NAMES
from followup.core.limits import AHEAD, out_of_range
from followup.core.text import EMAIL, check_text
from followup.errors import FollowupError

#: The highest interview number: short enough to type, and exact in every JSON reader
#: (jq and JavaScript lose digits past 2**53). An import that brings a larger one is
#: refused before anything is written.
MAX_ID = 999_999_999

#: Version 2 added uid, decision, topics, round and previous; version 3 the steps
#: `reply` and `decide`, deadline, replied_at, snoozed_from and open.json's `awaiting`
#: (see storage/migrations.py).
SCHEMA_VERSION = 3


_PERSON = re.compile(r"(?P<name>[^<>]*)<(?P<email>[^<>]*)>")

Status = Literal["pending", "done", "skipped"]
Outcome = Literal["offer", "rejected", "withdrawn", "no-response"]
OUTCOMES: tuple[str, ...] = ("offer", "rejected", "withdrawn", "no-response")
StepName = Literal["email", "linkedin", "card", "phone", "checkin", "reply", "decide"]
assert tuple(StepName.__args__) == KIND_NAMES  # one source of truth: kinds.py


def _to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("datetime needs a UTC offset")
    try:
        value = value.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{value.isoformat()} is out of the range of dates") from None
    problem = out_of_range(value)
    if problem:
        raise ValueError(f"{problem}: check the year")
    return value


#: An aware datetime, kept in UTC, written as ISO 8601 with "+00:00".
Timestamp = Annotated[
    datetime,
    AfterValidator(_to_utc),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
]


# List fields default to `[]`, which pydantic copies for each instance, rather than
# `Field(default_factory=list)`: pydantic inspects a factory's signature, and for the
# builtin `list` that costs a few milliseconds of start-up on every command.
class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Interviewer(_Model):
    """Someone who interviewed the user. At least one of name and email is set.

    `key` names the person for good within their interview (their calendar events'
    UIDs), when their label no longer does: set when they are renamed (to the label
    they had), or when they join under a label another person's key holds. None (not
    written) for everyone else: their label is their key.

    `met_in` is the number of the earlier round of the same application where the
    user first met this person (`next` carries people across rounds): they are
    connected on LinkedIn from then, so this round gives them no `linkedin` step.
    None (not written) for someone new to the application.
    """

    name: str = ""
    email: str | None = None
    key: str | None = Field(default=None, min_length=1, max_length=300)
    met_in: int | None = Field(default=None, ge=1)

    @model_serializer(mode="wrap")
    def _key_when_set(self, handler: SerializerFunctionWrapHandler) -> dict:
        data = handler(self)
        if self.key is None:
            data.pop("key", None)  # stores and exports stay as they were for most people
        if self.met_in is None:
            data.pop("met_in", None)
        return data

    @property
    def label(self) -> str:
        """What steps call this person: the name, else the email."""
        return self.name or self.email or ""

    @property
    def identity(self) -> str:
        """What names this person for good within their interview: `key`, else the label."""
        return self.key or self.label

    def __str__(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or f"<{self.email}>"

    @classmethod
    def parse_many(cls, text: str, option: str = "--with") -> list[Interviewer]:
        """Read one `--with` value: one person, or several separated by `;`.

        Empty entries between separators are passed over; a value that names no one
        at all (`""`, `" ; "`) is an error naming `option`.
        """
        parts = [part for part in text.split(";") if part.strip()]
        if not parts:
            raise FollowupError(
                f'{option} {text!r} names no one: give "Name", "Name <email>" or "<email>" '
                '(several separated by ";")'
            )
        return [cls.parse(part) for part in parts]

    @classmethod
    def parse(cls, text: str) -> Interviewer:
        """Read `Name`, `Name <email>` or `<email>` (a bare `a@b.c` is an email too)."""
        raw = text.strip()
        name, email = raw, None
        match = _PERSON.fullmatch(raw)
        if match:
            name, email = match["name"].strip(), match["email"].strip()
        elif "@" in raw and " " not in raw:
            name, email = "", raw
        elif "@" in raw:
            _refuse_email_in_name(text, raw)
        if email is not None and not EMAIL.fullmatch(email):
            raise FollowupError(
                f'bad email {email!r} in {text!r}: write it as "Name <name@example.com>"'
            )
        if not name and not email:
            raise FollowupError(
                f'empty interviewer {text!r}: give "Name", "Name <email>" or "<email>"'
            )
        check_text("name", name)
        if email is not None:
            check_text("email", email)
        if "<" in name or ">" in name:
            raise FollowupError(
                f'can\'t read interviewer {text!r}: write "Name <email>" with one pair of <>'
            )
        return cls(name=name, email=email)


def _refuse_email_in_name(text: str, raw: str) -> None:
    """`Jane jane@x.com` (or `Jane Doe, jane@x.com`) would be a name with no email, and
    drafts would greet "Jane jane@x.com": refused, with the way to write it."""
    words = [word.strip(",;()") for word in raw.split()]
    emails = [word for word in words if EMAIL.fullmatch(word)]
    if len(emails) == 1:
        rest = " ".join(word for word in words if word and word != emails[0])
        raise FollowupError(
            f'{text!r} reads as a name with an email in it: write it as "{rest} <{emails[0]}>"'
        )
    if emails:
        raise FollowupError(
            f'{text!r} holds {len(emails)} emails: give each person as "Name <email>", '
            'separated by ";" or in a --with each'
        )


def numbered(name: str, taken: Iterable[str], longest: int | None = None) -> str:
    """`name`, or `name (2)`, `name (3)`, ...: the first that `taken` does not hold
    (ignoring case), so that two people of one interview never go by the same name.
    With `longest`, `name` is cut short where the number would make it longer."""
    used = {t.casefold() for t in taken}
    found, n = name, 2
    while found.casefold() in used:
        suffix = f" ({n})"
        base = name if longest is None else name[: longest - len(suffix)]
        found, n = base + suffix, n + 1
    return found


class Step(_Model):
    """One follow-up to do. `who` is None for steps that belong to no one person."""

    step: StepName
    who: str | None = None
    due: Timestamp
    status: Status = "pending"
    done_at: Timestamp | None = None
    reason: str | None = None
    #: The due time before the first `snooze` (None: never snoozed).
    snoozed_from: Timestamp | None = None


def new_uid() -> str:
    """A new interview's uid: 128 random bits as 32 hex digits, unique across machines."""
    return os.urandom(16).hex()


class Topic(_Model):
    """Something talked about, for the drafts to mention: for one interviewer (`who`,
    their full name) or for everyone (None)."""

    text: str
    who: str | None = None


class Interview(_Model):
    """One interview (one round of an application) and its checklist.

    `notes` are private: no draft quotes them. `topics` are what drafts mention.
    `uid` is given at creation and never changes, so that copies of the same
    interview on two machines can be recognised; `id` is this store's number.
    """

    id: int = Field(ge=1, le=MAX_ID, strict=True)
    uid: str = Field(min_length=1, max_length=100)
    company: str
    role: str = ""
    at: Timestamp
    interviewers: list[Interviewer] = []
    notes: str = ""
    topics: list[Topic] = []
    #: When they said they would decide or get back to you.
    decision: Timestamp | None = None
    round: int = Field(default=1, ge=1, strict=True)
    #: The number of the round before this one, or None for a first round.
    previous: int | None = Field(default=None, ge=1, le=MAX_ID, strict=True)
    closed: bool = Field(default=False, strict=True)
    outcome: Outcome | None = None
    #: When an offer must be answered by (`close --outcome offer --deadline WHEN`).
    deadline: Timestamp | None = None
    #: When the company replied (`replied`).
    replied_at: Timestamp | None = None
    steps: list[Step] = []
    created_at: Timestamp | None = None
    closed_at: Timestamp | None = None
    #: When any of it last changed (set by the store on every change): what an import
    #: compares to keep the newer of two copies.
    updated_at: Timestamp | None = None


class UndoEntry(_Model):
    """One change that `undo` can revert: what it did, and the state before it."""

    summary: str
    at: Timestamp
    file: str
    history: str | None = None
    #: The undo folder's copy of the settings file as it was before the change, for a
    #: change that replaced the settings too (`import --settings`); `.none`: there was none.
    settings: str | None = None

    @model_serializer(mode="wrap")
    def _settings_when_set(self, handler: SerializerFunctionWrapHandler) -> dict:
        data = handler(self)
        if self.settings is None:
            data.pop("settings", None)  # open.json stays as it was for every other change
        return data


class OpenDoc(_Model):
    """`open.json`: everything the everyday commands need, and nothing more.

    Closed interviews live in a separate, immutable history file named by
    `history`, so `status` never reads or validates them; except those closed with a
    `reply` or `decide` step still pending (`awaiting`), which `status` still lists:
    they move to history once nothing of theirs is pending.
    """

    format: Literal["followup-store"] = "followup-store"
    version: int = Field(default=SCHEMA_VERSION, strict=True)
    next_id: int = Field(default=1, ge=1, le=MAX_ID + 1, strict=True)
    history: str | None = None
    closed_ids: list[StrictInt] = []
    undo: list[UndoEntry] = []
    interviews: list[Interview] = []
    #: Closed interviews with a `reply` or `decide` step pending.
    awaiting: list[Interview] = []


class HistoryDoc(_Model):
    """A history file: the closed interviews, written once and never changed."""

    # Built on first use: the everyday commands never read history.
    model_config = ConfigDict(extra="forbid", defer_build=True)

    format: Literal["followup-history"] = "followup-history"
    version: int = Field(default=SCHEMA_VERSION, strict=True)
    interviews: list[Interview] = []


#: How far past an interview's latest acceptable time its other times (steps falling
#: due, done) may be: the longest due delay and a day's slack.
_STEP_SLACK = timedelta(days=31)


def problems(iv: Interview, now: datetime) -> Iterator[tuple[str, str]]:
    """What `add` would have refused in an interview from elsewhere (an import, a hand-edited
    store): (its field, as in `steps[0].due`; what is wrong). Empty when it is acceptable.

    The text checks of `check_text` (control and direction characters, lengths), and
    times: the interview at most a year after `now`, its other times at most a month
    later still (the range EARLIEST..LATEST is the models' own check).
    """
    texts = [("company", "company", iv.company, False), ("role", "role", iv.role, False)]
    texts.append(("notes", "notes", iv.notes, True))
    for i, person in enumerate(iv.interviewers):
        texts.append((f"interviewers[{i}].name", "name", person.name, False))
        if person.email is not None:
            texts.append((f"interviewers[{i}].email", "email", person.email, False))
    for n, topic in enumerate(iv.topics):
        texts.append((f"topics[{n}].text", "topic", topic.text, False))
    for n, step in enumerate(iv.steps):
        if step.reason is not None:
            texts.append((f"steps[{n}].reason", "reason", step.reason, False))
    for where, kind, text, multiline in texts:
        try:
            check_text(kind, text, multiline=multiline)
        except FollowupError as exc:
            yield where, str(exc)
    latest = now + AHEAD
    if iv.at > latest:
        yield "at", f"{iv.at.date().isoformat()} is more than a year from now: check the year"
    times = [("created_at", iv.created_at), ("closed_at", iv.closed_at), ("decision", iv.decision)]
    times += [("deadline", iv.deadline), ("replied_at", iv.replied_at)]
    for n, step in enumerate(iv.steps):
        times += [(f"steps[{n}].due", step.due), (f"steps[{n}].done_at", step.done_at)]
        times.append((f"steps[{n}].snoozed_from", step.snoozed_from))
    for where, moment in times:
        if moment is not None and moment > latest + _STEP_SLACK:
            yield where, f"{moment.date().isoformat()} is more than a year from now"
