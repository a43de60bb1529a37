"""Reading the store's files strictly, and saying exactly what is wrong with a bad one.

Every refusal names the file, and the line and column or the field, and ends with
how to recover (`refused`): the store never writes over a file it cannot read.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from followup import __version__
from followup.core.models import SCHEMA_VERSION, HistoryDoc, OpenDoc
from followup.core.text import short
from followup.errors import StoreError

if TYPE_CHECKING:
    from json import JSONDecodeError
from followup.storage.migrations import MigrationProblem, upgrade

HISTORY_NAME = re.compile(r"^closed-\d+\.json$")
UNDO_NAME = re.compile(r"^\d+\.json$")


def refused(message: str) -> StoreError:
    """A store file that cannot be read: the command line adds how to recover (fix the
    file by hand, or let the doctor restore the last good state)."""
    return StoreError(message, advice=("recover",))


def field_path(loc: tuple[Any, ...]) -> str:
    """A pydantic location as a path a person can find: `interviews[0].steps[2].due`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe_validation(path: Path, exc: ValidationError, raw: Any) -> str:
    """What pydantic found wrong with a store file, as one sentence naming the field."""
    # A misspelt field also makes the real one "missing": name the typo first.
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    loc = first["loc"]
    where = field_path(loc) or "the top level"
    about = ""
    if len(loc) >= 2 and loc[0] == "interviews" and isinstance(loc[1], int):
        with contextlib.suppress(LookupError, TypeError, AttributeError):
            iv = raw["interviews"][loc[1]]
            about = f" (interview #{iv.get('id')} {iv.get('company') or ''})".replace(" )", ")")
    kind = first["type"]
    if kind == "extra_forbidden":
        problem = f"an unknown field {loc[-1]!r} at {where}{about} (a typo? rename or remove it)"
    elif kind == "missing":
        problem = f"no {loc[-1]!r} at {where}{about}, and it is required"
    else:
        found = "input" in first and not isinstance(first["input"], dict | list)
        value = f" (found {short(first['input'], as_json=True)})" if found else ""
        problem = f"a bad value at {where}{about}: {first['msg']}{value}"
    more = exc.error_count() - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{path} has {problem}{extra}"


def json_problem(path: Path, data: bytes) -> tuple[Any, str | None]:
    """Parse `data` as JSON: (value, None), or (None, what is wrong with it)."""
    if not data.strip():
        return None, f"{path} is empty ({len(data)} bytes): it holds no data"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"{path} is not text: byte {exc.start} is not UTF-8 (a binary file?)"
    if text.startswith("\ufeff"):
        return None, f"{path} starts with a byte-order mark: save it as UTF-8 without one"
    import json  # error and upgrade paths only

    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"{path} is not valid JSON ({json_break(exc)})"
    except RecursionError:
        return None, f"{path} is not a followup file: its JSON is nested too deeply"


def check_history(doc: HistoryDoc, path: Path) -> None:
    """What the schema can't say of a history file: each interview once, and closed."""
    seen: set[int] = set()
    for i, iv in enumerate(doc.interviews):
        if iv.id in seen:
            raise refused(f"{path} lists interview #{iv.id} twice (again at interviews[{i}])")
        if not iv.closed:
            raise refused(
                f"{path} has a bad value at interviews[{i}].closed (interview #{iv.id}): "
                "a history file holds closed interviews, so closed must be true"
            )
        seen.add(iv.id)


def check_open(doc: OpenDoc, path: Path) -> None:
    """What the schema can't say: safe file names, and numbers never given out twice."""
    names = [("history", doc.history, HISTORY_NAME)]
    for i, e in enumerate(doc.undo):
        names += [(f"undo[{i}].file", e.file, UNDO_NAME), (f"undo[{i}].history", e.history, None)]
    for where, name, pattern in names:
        if name is not None and not (pattern or HISTORY_NAME).match(name):
            raise refused(
                f"{path} has a bad value at {where}: {name!r} is not a followup file name"
            )
    seen: dict[int, str] = {}
    closed = set(doc.closed_ids)
    for key, must_be_closed in (("interviews", False), ("awaiting", True)):
        for i, iv in enumerate(getattr(doc, key)):
            where = f"{key}[{i}]"
            if iv.closed != must_be_closed:
                holds = (
                    "an interview in open.json's awaiting is closed (a reply or decision of "
                    "it is pending), so closed must be true"
                    if must_be_closed
                    else "an interview in open.json is open, so closed must be false"
                )
                raise refused(
                    f"{path} has a bad value at {where}.closed (interview #{iv.id}): {holds}"
                )
            if iv.id in seen:
                raise refused(f"{path} lists interview #{iv.id} twice ({seen[iv.id]} and {where})")
            if iv.id in closed:
                state = "open" if key == "interviews" else "awaiting a reply"
                raise refused(
                    f"{path} lists interview #{iv.id} as {state} ({where}) and as closed "
                    "(closed_ids)"
                )
            seen[iv.id] = where
    highest = max([*seen, *closed], default=0)
    if doc.next_id <= highest:
        raise refused(
            f"{path} has a bad value at next_id: {doc.next_id}, but interview #{highest} "
            f"exists, so numbers would be given out twice (next_id should be at least "
            f"{highest + 1})"
        )


def parse_document(data: bytes, path: Path, model: Any, kind: str) -> tuple[Any, int]:
    """Read a store file as `model`: the document and the version it had. The fast path
    is pydantic's own JSON parser; otherwise say exactly what is wrong, or upgrade an
    older version in memory (`kind` names the file kind for the migrations)."""
    try:
        doc = model.model_validate_json(data)
    except ValidationError:
        doc = None
    if (
        doc is not None
        and doc.version == SCHEMA_VERSION
        and {"format", "version"} <= doc.model_fields_set
    ):
        return doc, SCHEMA_VERSION
    # The slow path: say exactly what is wrong, or upgrade an older version.
    raw, problem = json_problem(path, data)
    if problem:
        raise refused(problem)
    expected = model.model_fields["format"].default
    if not isinstance(raw, dict):
        raise refused(
            f"{path} should hold a JSON object ({{...}}) but holds "
            f"{type(raw).__name__ if raw is not None else 'null'}"
        )
    if raw.get("format") != expected:
        if raw.get("format") == "followup" and "interviews" in raw:
            raise StoreError(
                f"{path} holds an export, not followup's own data", advice=("export-in-store",)
            )
        found = (
            f'its "format" is {short(raw["format"], as_json=True)}'
            if "format" in raw
            else 'it has no "format"'
        )
        raise refused(f'{path} is not a followup file: {found}, not "{expected}"')
    version = raw.get("version")
    if isinstance(version, int) and not isinstance(version, bool):
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path} was written by a newer followup (store version {version}; this "
                f"followup {__version__} reads up to store version {SCHEMA_VERSION}): upgrade "
                "followup to use it; the file was left as it is"
            )
        if version < SCHEMA_VERSION:
            try:
                raw = upgrade(kind, raw, SCHEMA_VERSION)
            except MigrationProblem as exc:
                raise refused(f"{path} cannot be read: {exc}") from None
    elif "version" not in raw:
        raise refused(f'{path} has no "version" field')
    import json

    try:
        doc = model.model_validate_json(json.dumps(raw))
    except ValidationError as exc:
        raise refused(describe_validation(path, exc, raw)) from None
    return doc, version


def json_break(exc: JSONDecodeError) -> str:
    """Where a JSON text breaks and how: 'line 19, column 16: Invalid control character'
    (json's own words end in "at" or "starting at", before the place given here)."""
    what = exc.msg.removesuffix(" at").removesuffix(" starting")
    return f"line {exc.lineno}, column {exc.colno}: {what}"
