"""Reading a CSV of interviews from a spreadsheet: one row per interview.

Like the JSON import, two phases, so that a bad file changes nothing: `read_csv`
checks every row and names the row and column (as a spreadsheet letters them) of the
first problem; `import_rows` adds them all within one `Change` (one `undo` step).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from followup.core.checklist import DEFAULT_SCHEDULE, Schedule
from followup.core.lookup import named_twice
from followup.core.models import OUTCOMES, Interviewer
from followup.errors import FollowupError
from followup.features import actions
from followup.features.file_text import decode
from followup.features.importing import Advance, Imported, count, known_moments
from followup.storage.store import Change

CSV_COLUMNS = ("company", "role", "at", "interviewers", "notes", "outcome", "closed", "topics")
CSV_REQUIRED = ("company", "at")
#: The longest csv cell read; longer ones are surely a quote left open.
CELL_LIMIT = 1_000_000
_YES = {"yes", "y", "true", "1", "x", "closed"}
_NO = {"", "no", "n", "false", "0", "open"}


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

    text = decode(data, source)
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
            f"{source} is an exported csv with one row per step: it is for spreadsheets "
            "and cannot be imported",
            advice=("json-backup",),
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
    import re

    # the first line, whatever ends it: CRLF, LF, or CR alone (Excel for Mac's "CSV (Macintosh)")
    first = re.split(r"\r\n?|\n", text, maxsplit=1)[0]

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
        raise FollowupError(
            f"{source}: row {number}, column {at_column} (at): {exc}", advice=exc.advice
        ) from None
    people: list[Interviewer] = []
    for entry in values.get("interviewers", "").split(";"):
        if entry.strip():
            try:
                people.append(Interviewer.parse(entry))
            except FollowupError as exc:
                raise FollowupError(f"{place('interviewers')}: {exc}", advice=exc.advice) from None
    twice = named_twice(people)
    if twice is not None:
        raise FollowupError(
            f"{place('interviewers')}: {twice[1].label!r} is named twice: name each person "
            "once (add a surname or email to tell two people apart)"
        )
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
    rules: Schedule = DEFAULT_SCHEDULE,
    advance: Advance | None = None,
) -> Imported:
    """Add one interview per row, with steps derived as by `add` (new numbers for all).

    A row with an outcome, or marked closed, is added closed (as `close` would). A row
    whose company and time an interview here already has is left out (counted in
    `unchanged`): a csv row has no identity, and importing a file again must not add
    its interviews twice.
    """
    known = known_moments(change)
    result = Imported()
    closed = change.closed()
    for r in rows:
        moment = (r.company.casefold(), r.at)
        if moment in known:
            result.unchanged += 1
            if advance:
                advance(1)
            continue
        known.add(moment)
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
            raise FollowupError(f"{source}: row {r.row}: {exc}", advice=exc.advice) from None
        if r.closed:
            change.open.pop()  # add_interview appended it; O(1), unlike a lookup
            iv.closed, iv.closed_at, iv.outcome = True, now, r.outcome  # type: ignore[assignment]
            closed.append(iv)
        result.interviews.append(iv)
        if advance:
            advance(1)
    change.summary = f"imported {count(result.interviews)} from {source}"
    return result
