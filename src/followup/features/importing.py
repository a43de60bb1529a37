"""Reading interviews in: a JSON export, or a CSV of interviews from a spreadsheet.

Two phases, so that a bad file changes nothing: `read_json` / `read_csv` check the
whole file and return what it holds, naming the place of the first problem (JSON
path, or spreadsheet row and column); `import_interviews` / `import_rows` then add
it all within one `Change` (one `undo` step). No printing, no clock, no Typer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from pydantic import ValidationError

from followup.core.checklist import DEFAULT_RULES, Rules
from followup.core.models import OUTCOMES, Interview, Interviewer, problems
from followup.core.text import short
from followup.errors import FollowupError
from followup.features import actions
from followup.features.exporting import EXPORT_FORMAT, EXPORT_VERSION
from followup.storage.store import Change

#: Keys of an exported step that are derived from its interview (or from "now"):
#: written for readers of the export, ignored when it is read back.
DERIVED_STEP_KEYS = ("interview", "company", "overdue")
#: Keys of an exported interview derived from its steps: ignored when read back.
DERIVED_INTERVIEW_KEYS = ("unanswered_checkins",)
#: CSV columns `import` reads; `company` and `at` are required.
CSV_COLUMNS = ("company", "role", "at", "interviewers", "notes", "outcome", "closed", "topics")
CSV_REQUIRED = ("company", "at")
#: The longest csv cell read; longer ones are surely a quote left open.
CELL_LIMIT = 1_000_000
_YES = {"yes", "y", "true", "1", "x", "closed"}
_NO = {"", "no", "n", "false", "0", "open"}

Advance = Callable[[int], None]


#: Byte-order marks of the encodings read besides UTF-8 (Windows PowerShell's `>` writes
#: UTF-16 with one; Excel's "Unicode Text" too), longest first.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _looks_utf16(data: bytes) -> bool:
    """Whether `data` looks like UTF-16 text with no byte-order mark: in mostly-ASCII
    text, every other byte (the odd ones, or the even ones) is zero."""
    head = data[:200]
    return len(head) >= 8 and any(
        head[start::2].count(0) >= 0.8 * len(head[start::2]) for start in (0, 1)
    )


def _decode(data: bytes, source: str, kind: str = "csv") -> str:
    """The text of a `kind` ("json" or "csv") file: UTF-8, with or without the byte-order
    mark that Excel writes, or UTF-16/32 with a byte-order mark."""
    how = "save it as UTF-8" + (" (in Excel: 'CSV UTF-8')" if kind == "csv" else "")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise FollowupError(
                    f"{source} starts as {encoding.upper()} but is not: {how}"
                ) from None
    if _looks_utf16(data):
        raise FollowupError(
            f"{source} looks like UTF-16 without a byte-order mark, not UTF-8: {how}"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FollowupError(
            f"{source}: line {line} is not UTF-8 (byte 0x{data[exc.start]:02x}): {how}"
        ) from None


def guess_format(name: str, data: bytes) -> str:
    """'json' or 'csv': from the file's ending, else from its first character."""
    low = name.lower()
    for ending in ("json", "csv"):
        if low.endswith("." + ending):
            return ending
    if low.endswith((".ics", ".ical", ".ifb", ".icalendar")):
        raise FollowupError(
            f"{name} is a calendar file: followup exports calendars but imports only "
            "json (from `followup export`) and csv"
        )
    head = data.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:1]
    return "json" if head in (b"{", b"[") else "csv"


# ----- JSON --------------------------------------------------------------------


def _path(loc: Sequence[int | str]) -> str:
    text = "interviews"
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def read_json(
    data: bytes, source: str, now: datetime, notices: list[str] | None = None
) -> list[Interview]:
    """The interviews of a `followup export` file, checked throughout.

    A problem raises `FollowupError` naming its JSON path, e.g.
    `interviews[3].steps[0].due`, and the value found there. A version-1 file is
    read as the store upgrades its own (`storage.migrations`): notes become topics
    too, and `notices` says so.
    """
    from pydantic import TypeAdapter

    text = _decode(data, source, "json")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FollowupError(
            f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise FollowupError(
            f"{source} is not a followup export: its JSON is nested too deeply"
        ) from None
    hint = 'a file written by `followup export` ({"format": "followup", ...})'
    if not isinstance(doc, dict):
        raise FollowupError(f"{source}: the top level is not an object: expected {hint}")
    if doc.get("format") != EXPORT_FORMAT:
        found = doc.get("format")
        what = (
            "followup's own store file, not an export: run `followup export` where it lives"
            if found == "followup-store"
            else f"its format is {short(found, 60)}"
        )
        raise FollowupError(f"{source} is not a followup export ({what}): expected {hint}")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FollowupError(f"{source}: version is {short(version, 60)}: expected a whole number")
    if version > EXPORT_VERSION:
        raise FollowupError(
            f"{source} was written by a newer followup (export version {version}; this "
            f"followup reads up to version {EXPORT_VERSION}): upgrade followup to import it"
        )
    unknown = sorted(set(doc) - {"format", "version", "interviews"})
    if unknown:
        raise FollowupError(f"{source}: unknown key {unknown[0]!r} at the top level")
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
    except RecursionError:
        raise FollowupError(f"{source}: its interviews are nested too deeply") from None
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
    return interviews


def _from_version_1(items: list, notices: list[str] | None) -> list:
    from followup.storage.migrations import first_checkin, interview_1_to_2, notes_as_topics

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
            f"This is a version-1 export: the notes of {moved} interview(s) became their "
            "topics too (what drafts mention; notes are private now): check them with show"
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
        if iv.id in seen:
            raise FollowupError(
                f"{source}: bad value at interviews[{index}].id: number {iv.id} is used "
                f"twice (also at interviews[{seen[iv.id]}]); give each interview its own"
            )
        seen[iv.id] = index
        if _uid(iv) in uids:
            raise FollowupError(
                f"{source}: bad value at interviews[{index}].uid: {_uid(iv)!r} is used twice "
                f"(also at interviews[{uids[_uid(iv)]}]): two copies of one interview; "
                "keep one of them"
            )
        uids[_uid(iv)] = index
        if not iv.company.strip():
            raise FollowupError(f"{source}: bad value at interviews[{index}].company: it is empty")
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
    """What an import added, and which numbers it had to change (was, interview)."""

    interviews: list[Interview] = field(default_factory=list)
    renumbered: list[tuple[int, Interview]] = field(default_factory=list)
    #: How many have the company and time of an interview the store already had.
    lookalikes: int = 0
    #: Interviews already here (same uid) that the file's newer copy replaced.
    updated: list[Interview] = field(default_factory=list)
    #: Interviews already here, left as they are: as new as the file's copy, or newer.
    unchanged: int = 0
    #: Of those, the ones changed here after the file's copy was made.
    newer_here: int = 0


def _uid(iv: Interview) -> object:
    return getattr(iv, "uid", None) or object()  # no uid yet: never the same as another


def last_change(iv: Interview) -> datetime:
    """When `iv` was last changed, as far as it says: what merging copies compares."""
    return iv.updated_at or iv.closed_at or iv.created_at or iv.at


def _known(change: Change) -> set[tuple[str, datetime]]:
    return {(iv.company.casefold(), iv.at) for iv in (*change.open, *change.closed())}


def import_interviews(
    change: Change, interviews: Sequence[Interview], source: str, advance: Advance | None = None
) -> Imported:
    """Merge exported interviews into the store, by `uid`.

    An interview already here (the same uid) is replaced by the file's copy when that
    copy was changed later (`last_change`), keeping its number here; else it is left
    as it is. So importing the same file twice changes nothing, and two machines can
    exchange exports. New interviews keep their numbers where this store has not
    given them out: a number below the store's next number clashes (numbers are never
    reused, not even after `remove`), so in a store that never had interviews every
    number is kept; clashing ones get new numbers after all others, in the order of
    the old. A round's `previous` follows its round's number here.
    """
    closed = change.closed()
    here = {_uid(iv): iv for iv in (*change.open, *closed)}
    ordered = sorted(interviews, key=lambda iv: iv.id)
    fresh = [iv for iv in ordered if _uid(iv) not in here]
    known = _known(change)
    result = Imported()
    result.lookalikes = sum((iv.company.casefold(), iv.at) in known for iv in fresh)
    given_out = change.doc.next_id
    top = max((iv.id for iv in fresh if iv.id >= given_out), default=0)
    change.doc.next_id = max(given_out, top + 1)
    numbers: dict[int, int] = {}  # the file's number -> this store's
    for iv in ordered:
        mine = here.get(_uid(iv))
        if mine is None:
            was = iv.id
            if was < given_out:
                iv = iv.model_copy(update={"id": change.new_id()})
                result.renumbered.append((was, iv))
            numbers[was] = iv.id
            (closed if iv.closed else change.open).append(iv)
            result.interviews.append(iv)
        else:
            numbers[iv.id] = mine.id
            if last_change(iv) > last_change(mine):
                copy = iv.model_copy(update={"id": mine.id})
                (closed if mine.closed else change.open).remove(mine)
                (closed if copy.closed else change.open).append(copy)
                result.updated.append(copy)
            else:
                result.unchanged += 1
                result.newer_here += last_change(mine) > last_change(iv)
        if advance:
            advance(1)
    for iv in (*result.interviews, *result.updated):
        if getattr(iv, "previous", None) in numbers:
            iv.previous = numbers[iv.previous]
    change.open.sort(key=lambda iv: iv.id)
    parts = [f"imported {_count(result.interviews)}"] if result.interviews else []
    if result.updated:
        parts.append(f"updated {_count(result.updated)}")
    change.summary = f"{' and '.join(parts) or 'imported nothing'} from {source}"
    return result


# ----- CSV ---------------------------------------------------------------------


@dataclass
class Row:
    """One interview read from a CSV row (`row` is its number as a spreadsheet shows it)."""

    row: int
    company: str
    at: datetime
    role: str = ""
    interviewers: list[Interviewer] = field(default_factory=list)
    notes: str = ""
    closed: bool = False
    outcome: str | None = None
    #: `--topic` values, as typed (`Name: text` for one interviewer), `;`-separated.
    topics: list[str] = field(default_factory=list)


def _letter(index: int) -> str:
    """Spreadsheet column letters: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_csv(
    data: bytes,
    source: str,
    now: datetime,
    tz: tzinfo | None = None,
    advance: Advance | None = None,
) -> list[Row]:
    """The interviews of a CSV file, one a row, checked throughout.

    The header names the columns (any order, any case): `company` and `at` are
    required; `role`, `interviewers` (`Name <email>` entries separated by `;`),
    `notes` (private), `topics` (for drafts: `;`-separated, `Name: text` for one person),
    `outcome` and `closed` may follow. Times without an offset are local
    (`tz`, else the system's zone). A problem raises `FollowupError` naming the row
    and column, e.g. `row 4, column C (at)`. Empty rows are passed over.
    """
    import csv
    import io

    from followup.core.when import parse_interview_time

    text = _decode(data, source)
    delimiter = _delimiter(text)
    if csv.field_size_limit() < CELL_LIMIT:  # 131,072 by default: a long note is no error
        csv.field_size_limit(CELL_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise FollowupError(f"{source}: row 1: {exc}") from None
    wanted = ", ".join(CSV_COLUMNS[:5])
    if header is None or not any(cell.strip() for cell in header):
        raise FollowupError(f"{source} is empty: its first row must name the columns: {wanted}")
    columns = [cell.strip().lower() for cell in header]
    if {"interview", "step"} <= set(columns):
        raise FollowupError(
            f"{source} is a csv from `followup export --format csv`, with one row per step: "
            "it is for spreadsheets and cannot be imported. For a backup that imports "
            "back, use `followup export --output backup.json` (json), then "
            "`followup import backup.json`"
        )
    for index, name in enumerate(columns):
        where = f"{source}: row 1, column {_letter(index)}"
        if name not in CSV_COLUMNS:
            raise FollowupError(
                f"{where}: unknown column {header[index]!r}: the columns are {wanted} "
                "(and optionally outcome, closed); rename or delete it"
            )
        if columns.index(name) != index:
            raise FollowupError(f"{where}: column {name!r} appears twice")
    missing = [c for c in CSV_REQUIRED if c not in columns]
    if missing:
        raise FollowupError(
            f"{source}: row 1 has no {missing[0]!r} column: the columns are {wanted}"
        )
    rows: list[Row] = []
    number = 1
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            raise FollowupError(_csv_problem(source, number + 1, exc)) from None
        if cells is None:
            break
        number += 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            raise FollowupError(
                f"{source}: row {number}, column {_letter(len(columns))}: a value beyond the "
                f"{len(columns)} columns the header names; quote cells that hold "
                f"{_DELIMITER_NAMES[delimiter]}"
            )
        rows.append(_read_row(number, columns, cells, source, now, tz, parse_interview_time))
        if advance:
            advance(1)
    return rows


def _csv_problem(source: str, row: int, exc: Exception) -> str:
    """What a csv module error means, in the words of the row it happened on."""
    if "field larger than field limit" in str(exc):
        return (
            f"{source}: row {row} has a cell longer than {CELL_LIMIT:,} characters: no "
            "field is that long (notes hold up to 5,000); shorten it, or check for a "
            "quote left open earlier that swallowed the rows after it"
        )
    return f"{source}: row {row}: {exc} (a quote left open, or a stray one?)"


#: What separates the cells of a csv: a comma, a semicolon (Excel where the decimal
#: mark is a comma) or a tab; as an error message names it.
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def _delimiter(text: str) -> str:
    """The delimiter that splits the header into the most known column names.

    Column names hold no comma, semicolon or tab, so the header tells them apart
    better than a guess from the data rows would; a tie goes to the comma.
    """
    import csv

    first = text.split("\n", 1)[0].rstrip("\r")

    def score(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            return (0, 0)
        known = sum(cell.strip().lower() in CSV_COLUMNS for cell in cells)
        return (known, len(cells))

    return max(_DELIMITER_NAMES, key=score)  # max keeps the first of equals: the comma


def _read_row(number, columns, cells, source, now, tz, parse_when) -> Row:
    values = dict(zip(columns, cells, strict=False))
    at_column = _letter(columns.index("at"))

    def place(name: str) -> str:
        return f"{source}: row {number}, column {_letter(columns.index(name))} ({name})"

    company = values.get("company", "").strip()
    if not company:
        raise FollowupError(f"{place('company')}: the company is empty: fill it in")
    when = values.get("at", "").strip()
    if not when:
        raise FollowupError(
            f"{place('at')}: no time: give when the interview was, e.g. 2026-11-25 14:00"
        )
    try:
        at = parse_when(when, now, tz)
    except FollowupError as exc:
        raise FollowupError(f"{source}: row {number}, column {at_column} (at): {exc}") from None
    people: list[Interviewer] = []
    for entry in values.get("interviewers", "").split(";"):
        if entry.strip():
            try:
                people.append(Interviewer.parse(entry))
            except FollowupError as exc:
                raise FollowupError(f"{place('interviewers')}: {exc}") from None
    seen: set[str] = set()
    for person in people:
        if person.label.casefold() in seen:
            raise FollowupError(
                f"{place('interviewers')}: {person.label!r} is named twice: name each person "
                "once (add a surname or email to tell two people apart)"
            )
        seen.add(person.label.casefold())
    outcome = values.get("outcome", "").strip().lower() or None
    if outcome is not None and outcome not in OUTCOMES:
        raise FollowupError(
            f"{place('outcome')}: unknown outcome {values['outcome']!r}: use one of "
            f"{', '.join(OUTCOMES)}, or leave it empty"
        )
    flag = values.get("closed", "").strip().lower()
    if flag not in _YES | _NO:
        raise FollowupError(
            f"{place('closed')}: {values['closed']!r} is not yes or no: leave it empty for "
            "an open interview"
        )
    return Row(
        row=number,
        company=company,
        at=at,
        role=values.get("role", ""),
        interviewers=people,
        notes=values.get("notes", ""),
        topics=[t for t in values.get("topics", "").split(";") if t.strip()],
        closed=flag in _YES or outcome is not None,
        outcome=outcome,
    )


def import_rows(
    change: Change,
    rows: Sequence[Row],
    source: str,
    now: datetime,
    rules: Rules = DEFAULT_RULES,
    advance: Advance | None = None,
) -> Imported:
    """Add one interview per row, with steps derived as by `add` (new numbers for all).

    A row with an outcome, or marked closed, is added closed (as `close` would).
    """
    known = _known(change)
    result = Imported()
    result.lookalikes = sum((r.company.casefold(), r.at) in known for r in rows)
    closed = change.closed()
    for r in rows:
        try:
            iv = actions.add_interview(
                change,
                company=r.company,
                at=r.at,
                now=now,
                role=r.role,
                interviewers=r.interviewers,
                notes=r.notes,
                topics=r.topics,
                rules=rules,
            )
        except FollowupError as exc:
            raise FollowupError(f"{source}: row {r.row}: {exc}") from None
        if r.closed:
            change.open.pop()  # add_interview appended it; O(1), unlike a lookup
            iv.closed, iv.closed_at, iv.outcome = True, now, r.outcome  # type: ignore[assignment]
            closed.append(iv)
        result.interviews.append(iv)
        if advance:
            advance(1)
    change.summary = f"imported {_count(result.interviews)} from {source}"
    return result


def _count(interviews: Sequence[Interview]) -> str:
    n = len(interviews)
    return f"{n} interview" + ("" if n == 1 else "s")
