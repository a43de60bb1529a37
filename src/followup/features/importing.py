"""Reading interviews in: a JSON export (CSV files are read by `csv_import`).

Two phases, so that a bad file changes nothing: `read_json` / `read_csv` check the
whole file and return what it holds, naming the place of the first problem (JSON
path, or spreadsheet row and column); `import_interviews` / `import_rows` then add
it all within one `Change` (one `undo` step). No printing, no clock, no Typer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from followup.core.lookup import named_twice
from followup.core.models import Interview, problems
from followup.core.text import short
from followup.errors import FollowupError
from followup.features.exporting import EXPORT_FORMAT, EXPORT_VERSION

# How a file's bytes become text, and which format it is, have a module of their own;
# csv_import, the command line and the tests reach them here too.
from followup.features.file_text import decode as decode
from followup.features.file_text import guess_format as guess_format
from followup.features.file_text import looks_utf16 as _looks_utf16  # noqa: F401
from followup.storage.store import Change

if TYPE_CHECKING:
    from followup.core.merge import Merged
    from followup.storage.migrations import Notice

#: Keys of an exported step that are derived from its interview (or from "now"):
#: written for readers of the export, ignored when it is read back.
DERIVED_STEP_KEYS = ("interview", "company", "overdue")
#: Keys of an exported interview derived from its steps: ignored when read back.
DERIVED_INTERVIEW_KEYS = ("unanswered_checkins",)
#: How far after now an interview's `updated_at` may be (clocks of two machines differ):
#: later is a wrong clock, whose copy would win every merge.
UPDATED_SLACK = timedelta(days=1)
Advance = Callable[[int], None]


# ----- JSON --------------------------------------------------------------------


def _path(loc: Sequence[int | str]) -> str:
    text = "interviews"
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


@dataclass
class ExportFile:
    """What a `followup export` file holds: its version, its interviews, and the
    settings it carries (None: it carries none; checked only when they are taken)."""

    version: int
    interviews: list[Interview]
    settings: dict[str, Any] | None = None


def read_json(
    data: bytes, source: str, now: datetime, notices: list[Notice] | None = None
) -> list[Interview]:
    """The interviews of a `followup export` file, checked throughout (`read_export`)."""
    return read_export(data, source, now, notices).interviews


def read_export(
    data: bytes, source: str, now: datetime, notices: list[Notice] | None = None
) -> ExportFile:
    """A `followup export` file, its interviews checked throughout.

    A problem raises `FollowupError` naming its JSON path, e.g.
    `interviews[3].steps[0].due`, and the value found there. A version-1 file is
    read as the store upgrades its own (`storage.migrations`): notes become topics
    too, and `notices` says so (a `Notice`, whose advice the command line words).
    """
    from pydantic import TypeAdapter

    text = decode(data, source, "json")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        from followup.storage.validation import json_break

        raise FollowupError(f"{source} is not valid JSON ({json_break(exc)})") from None
    except RecursionError:
        raise FollowupError(
            f"{source} is not a followup export: its JSON is nested too deeply"
        ) from None
    hint = 'an export file ({"format": "followup", ...})'
    if not isinstance(doc, dict):
        raise FollowupError(
            f"{source}: the top level is not an object: expected {hint}", advice=("export-file",)
        )
    if doc.get("format") != EXPORT_FORMAT:
        found = doc.get("format")
        if found == "followup-store":
            raise FollowupError(
                f"{source} is followup's own store file, not an export",
                advice=("export-where-it-lives",),
            )
        raise FollowupError(
            f"{source} is not a followup export (its format is {short(found, 60)}): "
            f"expected {hint}",
            advice=("export-file",),
        )
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FollowupError(f"{source}: version is {short(version, 60)}: expected a whole number")
    if version > EXPORT_VERSION:
        raise FollowupError(
            f"{source} was written by a newer followup (export version {version}; this "
            f"followup reads up to version {EXPORT_VERSION}): upgrade followup to import it"
        )
    unknown = sorted(set(doc) - {"format", "version", "interviews", "settings"})
    if unknown:
        raise FollowupError(f"{source}: unknown key {unknown[0]!r} at the top level")
    settings = doc.get("settings")
    if settings is not None and not isinstance(settings, dict):
        raise FollowupError(
            f'{source}: settings is {short(settings, 60)}: expected an object of "key": value pairs'
        )
    items = doc.get("interviews")
    if not isinstance(items, list):
        raise FollowupError(f"{source}: interviews is {short(items, 60)}: expected a list")
    if version == 1:
        items = _from_version_1(items, notices)
    for item in items:
        if isinstance(item, dict):
            for key in DERIVED_INTERVIEW_KEYS:
                item.pop(key, None)
        for step in item.get("steps", ()) if isinstance(item, dict) else ():
            if isinstance(step, dict):
                for key in DERIVED_STEP_KEYS:
                    step.pop(key, None)
    try:
        interviews = TypeAdapter(list[Interview]).validate_python(items)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = _path(first["loc"])
        if first["type"] == "extra_forbidden":
            raise FollowupError(
                f"{source}: unknown key at {place}: a followup export has no such key; "
                "rename or remove it"
            ) from None
        raise FollowupError(
            f"{source}: bad value at {place}: {first['msg']} (found {short(first['input'], 60)})"
        ) from None
    _check_interviews(interviews, source, now)
    return ExportFile(version, interviews, settings)


def _from_version_1(items: list, notices: list[Notice] | None) -> list:
    from followup.storage.migrations import (
        Notice,
        first_checkin,
        interview_1_to_2,
        notes_as_topics,
    )

    upgraded = []
    moved = 0
    for item in items:
        if isinstance(item, dict):
            moved += bool(notes_as_topics(item.get("notes")))
            item = interview_1_to_2(item)
            if not item.get("closed"):
                item = first_checkin(item)
        upgraded.append(item)
    if moved and notices is not None:
        notices.append(
            Notice(
                f"This is a version-1 export: the notes of {moved} interview(s) became their "
                "topics too (what drafts mention; notes are private now)",
                advice=("upgrade-topics",),  # as the store's own upgrade says
            )
        )
    return upgraded


def _check_interviews(interviews: Sequence[Interview], source: str, now: datetime) -> None:
    """What the models alone do not catch: what `add` refuses (control characters, long
    text, far times), repeated numbers or uids, steps of no one named."""
    seen: dict[int, int] = {}
    uids: dict[str, int] = {}
    for index, iv in enumerate(interviews):
        for where, problem in problems(iv, now):
            raise FollowupError(f"{source}: bad value at interviews[{index}].{where}: {problem}")
        if iv.updated_at is not None and iv.updated_at > now + UPDATED_SLACK:
            # such a copy would win every merge for as long as its clock was wrong
            raise FollowupError(
                f"{source}: bad value at interviews[{index}].updated_at: "
                f"{iv.updated_at.isoformat()} is more than a day after now: the clock of "
                "the machine that wrote it was wrong; fix that time in the file"
            )
        if iv.id in seen:
            raise FollowupError(
                f"{source}: bad value at interviews[{index}].id: number {iv.id} is used "
                f"twice (also at interviews[{seen[iv.id]}]); give each interview its own"
            )
        seen[iv.id] = index
        if iv.uid in uids:
            raise FollowupError(
                f"{source}: bad value at interviews[{index}].uid: {iv.uid!r} is used twice "
                f"(also at interviews[{uids[iv.uid]}]): two copies of one interview; "
                "keep one of them"
            )
        uids[iv.uid] = index
        if not iv.company.strip():
            raise FollowupError(f"{source}: bad value at interviews[{index}].company: it is empty")
        twice = named_twice(iv.interviewers)
        if twice is not None:
            n, person = twice
            raise FollowupError(
                f"{source}: bad value at interviews[{index}].interviewers[{n}]: "
                f"{person.label!r} is named twice on #{iv.id}: steps go by name, so rename "
                "one of them in the file (add a surname or initial)"
            )
        people = {p.label for p in iv.interviewers}
        keys: set[tuple[str, str | None]] = set()
        for n, s in enumerate(iv.steps):
            if s.who is not None and s.who not in people:
                named = ", ".join(sorted(people)) or "no one"
                raise FollowupError(
                    f"{source}: bad value at interviews[{index}].steps[{n}].who: {s.who!r} "
                    f"is not an interviewer of #{iv.id} (they are: {named})"
                )
            if (s.step, s.who) in keys and s.step != "checkin":  # check-ins form a chain
                raise FollowupError(
                    f"{source}: bad value at interviews[{index}].steps[{n}]: a second "
                    f"{s.step} step for {s.who or 'the interview'}"
                )
            keys.add((s.step, s.who))


@dataclass
class Imported:
    """What an import added, merged and renumbered (was, interview)."""

    interviews: list[Interview] = field(default_factory=list)
    renumbered: list[tuple[int, Interview]] = field(default_factory=list)
    #: How many have the company and time of an interview the store already had.
    lookalikes: int = 0
    #: Interviews already here that the merge changed (their merged copies).
    updated: list[Interview] = field(default_factory=list)
    #: How each of those changed: fields replaced, ticks and steps that came in.
    merges: list[Merged] = field(default_factory=list)
    #: Interviews already here, left as they are (the file had nothing new for them).
    unchanged: int = 0
    #: Of those, the ones changed here after the file's copy was made.
    newer_here: int = 0
    #: The settings the import replaced: (key, value here, value now), with --settings.
    settings: list[tuple[str, Any, Any]] = field(default_factory=list)


def last_change(iv: Interview) -> datetime:
    """When `iv` was last changed, as far as it says: what merging copies compares."""
    return iv.updated_at or iv.closed_at or iv.created_at or iv.at


def known_moments(change: Change) -> set[tuple[str, datetime]]:
    return {(iv.company.casefold(), iv.at) for iv in (*change.open, *change.closed())}


def _moment_key(iv: Interview) -> tuple[str, datetime]:
    return (iv.company.strip().casefold(), iv.at)


def _matches(
    here: Sequence[Interview], interviews: Sequence[Interview], version: int
) -> dict[int, Interview]:
    """For each interview of the file (by its index), the copy here, if any: by uid; for
    a version-1 file (whose uids are made up on reading), by company and time too."""
    by_uid = {iv.uid: iv for iv in here}
    found = {n: by_uid[iv.uid] for n, iv in enumerate(interviews) if iv.uid in by_uid}
    if version == 1:
        taken = {id(iv) for iv in found.values()}
        by_moment: dict[tuple[str, datetime], list[Interview]] = {}
        for iv in here:
            if id(iv) not in taken:
                by_moment.setdefault(_moment_key(iv), []).append(iv)
        for n, iv in enumerate(interviews):
            if n not in found and by_moment.get(_moment_key(iv)):
                found[n] = by_moment[_moment_key(iv)].pop(0)
    return found


def _refuse_conflicts(
    interviews: Sequence[Interview], found: dict[int, Interview], source: str
) -> None:
    """A uid shared by two interviews that have nothing else in common (another company
    and another time) is not one interview: refuse the whole file, naming both."""
    from followup.core.lookup import describe

    for n, theirs in enumerate(interviews):
        mine = found.get(n)
        if mine is None:
            continue
        if mine.company.strip().casefold() != theirs.company.strip().casefold() and (
            mine.at != theirs.at
        ):
            raise FollowupError(
                f"{source}: interviews[{n}] ({describe(theirs)}, {_utc(theirs.at)}) has the "
                f"uid of {describe(mine)} here ({_utc(mine.at)}), but another company and "
                "another time: they cannot be the same interview; nothing was imported. "
                "Remove that entry from the file, or give it another uid"
            )


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def import_interviews(
    change: Change,
    interviews: Sequence[Interview],
    source: str,
    advance: Advance | None = None,
    *,
    version: int = EXPORT_VERSION,
) -> Imported:
    """Merge exported interviews into the store, step by step (`core.merge`).

    An interview already here (the same uid; for a version-1 file, else the same
    company and time) is merged with the file's copy: its steps one by one, so no
    step done or skipped on either side is lost, and its other fields from the copy
    changed later (`last_change`; a version-1 file never wins them). It keeps its
    number here. So importing the same file twice changes nothing, and two machines
    can exchange exports in both directions. New interviews keep their numbers where
    this store has not given them out: a number below the store's next number
    clashes (numbers are never reused, not even after `remove`), so in a store that
    never had interviews every number is kept; clashing ones get new numbers after
    all others, in the order of the old. A round's `previous` follows its round's
    number here. A uid that matches an interview of another company and time is
    refused (`FollowupError`) before anything is changed.
    """
    closed = change.closed()
    here_all = [*change.open, *closed]
    order = sorted(range(len(interviews)), key=lambda n: interviews[n].id)
    found = _matches(here_all, interviews, version)
    _refuse_conflicts(interviews, found, source)
    fresh = [interviews[n] for n in order if n not in found]
    known = known_moments(change)
    result = Imported()
    result.lookalikes = sum((iv.company.casefold(), iv.at) in known for iv in fresh)
    given_out = change.doc.next_id
    top = max((iv.id for iv in fresh if iv.id >= given_out), default=0)
    change.doc.next_id = max(given_out, top + 1)
    numbers = {interviews[n].id: mine.id for n, mine in found.items()}
    added: list[Interview] = []
    for n in order:
        iv = interviews[n]
        if n not in found:
            was = iv.id
            if was < given_out:
                iv = iv.model_copy(update={"id": change.new_id()})
                result.renumbered.append((was, iv))
            numbers[was] = iv.id
            added.append(iv)
    for iv in added:
        if getattr(iv, "previous", None) in numbers:
            iv.previous = numbers[iv.previous]
        (closed if iv.closed else change.open).append(iv)
        result.interviews.append(iv)
    for n in order:
        mine = found.get(n)
        if mine is not None:
            _merge_one(change, mine, interviews[n], version, numbers, result)
        if advance:
            advance(1)
    change.open.sort(key=lambda iv: iv.id)
    parts = [f"imported {count(result.interviews)}"] if result.interviews else []
    if result.updated:
        parts.append(f"updated {count(result.updated)}")
    change.summary = f"{' and '.join(parts) or 'imported nothing'} from {source}"
    return result


def _merge_one(
    change: Change,
    mine: Interview,
    theirs: Interview,
    version: int,
    numbers: dict[int, int],
    result: Imported,
) -> None:
    from followup.core.merge import merge_interviews

    there_wins = version > 1 and last_change(theirs) > last_change(mine)

    def previous_here(number: int | None) -> int | None:
        # a round before that is not in the file keeps the number it has here
        return None if number is None else numbers.get(number, mine.previous)

    merged = merge_interviews(
        mine, theirs, fields_from_there=there_wins, previous_there=previous_here
    )
    if not merged.changed:
        result.unchanged += 1
        result.newer_here += last_change(mine) > last_change(theirs)
        return
    copy = merged.interview
    if version == 1:
        copy.updated_at = mine.updated_at  # stamped now by the store: the file has no time
    else:
        change.stamped.add(copy.id)  # the later of the two copies' own times
    closed = change.closed()
    (closed if mine.closed else change.open).remove(mine)
    (closed if copy.closed else change.open).append(copy)
    result.updated.append(copy)
    result.merges.append(merged)


def count(interviews: Sequence[Interview]) -> str:
    n = len(interviews)
    return f"{n} interview" + ("" if n == 1 else "s")
