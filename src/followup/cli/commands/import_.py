"""`followup import`: read interviews in: a `followup export` json file (a backup, another
machine), or a csv."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import JsonOpt
from followup.cli.result import Result
from followup.cli.settings import rules
from followup.errors import FollowupError, UsageProblem

if TYPE_CHECKING:
    from followup.storage.migrations import Notice


class ImportFormat(StrEnum):
    json = "json"
    csv = "csv"


#: Imports at least this large show a progress bar (in a terminal only).
PROGRESS_FROM = 1000


@command("import")
def import_(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A json file from `followup export`, or a csv; - reads stdin."
        ),
    ],
    format_: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="json or csv; without it, FILE's ending decides.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would be imported; change nothing.")
    ] = False,
    take_settings: Annotated[
        bool,
        typer.Option(
            "--settings",
            help="Also take the settings the json export carries, replacing yours "
            "(one `followup undo` puts them back).",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> Result:
    """The csv's header names the columns company, role, at, interviewers, notes (only
    company and at are required; outcome and closed may follow); interviewers holds
    "Name <email>" entries separated by ";". Cells may be separated by commas, semicolons
    or tabs. Each row gets its steps as `add` gives them.
    A json import merges interviews you have already, step by step: a step done or
    skipped on either side stays so, and the other fields come from the copy changed
    last; it says which values it replaced and what ticks came in. It keeps the numbers
    this store has not given out yet and says which it changed. The whole file is
    checked first: a bad one imports nothing and names the place of its first problem.
    One import is one `followup undo`.

    Example: followup import applications.csv --dry-run
    """
    from followup.cli.advice import advised
    from followup.core.text import clean
    from followup.features import csv_import, importing
    from followup.storage.store import Change

    e = env()
    source = "stdin" if file == "-" else file
    data = sys.stdin.buffer.read() if file == "-" else _read_file(file)
    fmt = format_.value if format_ else importing.guess_format(source, data)
    if take_settings and fmt != "json":
        raise UsageProblem(
            "--settings takes the settings of a followup json export; a csv holds none"
        )
    notices: list[Notice] = []
    version = 0
    carried: dict | None = None
    with _progress("Reading", data.count(b"\n")) as advance:
        if fmt == "json":
            read = importing.read_export(data, source, e.now, notices)
            planned, version, carried = read.interviews, read.version, read.settings
        else:
            planned = csv_import.read_csv(data, source, e.now, advance=advance)
    update = _settings_update(source, carried) if take_settings else None

    def apply(change: Change) -> importing.Imported:
        with _progress("Importing", len(planned)) as advance:
            if fmt == "json":
                return importing.import_interviews(
                    change, planned, source, advance, version=version
                )
            return csv_import.import_rows(change, planned, source, e.now, rules(), advance)

    if dry_run:
        imported = apply(Change(e.store, e.store.read_open()))
        if update is not None:
            path = e.store.settings_path
            update.new_bytes(e.store.read_bytes(path), path)
            imported.settings = update.replaced
    elif not planned and update is None:
        imported = importing.Imported()
    else:
        with e.store.change(e.now) as change:
            imported = apply(change)
            if update is not None:
                change.settings = update
                change.summary = (
                    f"took the settings from {source}"
                    if change.summary == f"imported nothing from {source}"
                    else f"{change.summary} (and its settings)"
                )
        if update is not None:
            imported.settings = update.replaced
    result = _report_import(imported, source, dry_run, e.now, fmt)
    for notice in notices:
        result.items.insert(0, ("note", advised(notice.text, notice.advice)))
    if carried and not take_settings and not as_json:
        differ = _settings_that_differ(e.store, carried, source)
        if differ:
            result.hint(
                f"{clean(source)} also carries {differ} setting(s) other than yours, left "
                "alone: add --settings to take them"
            )
    return result


def _settings_that_differ(store, carried: dict, source: str) -> int:
    """How many of the settings a file carries differ from the ones in force here."""
    from followup.features import config_file

    try:
        update = config_file.SettingsImport(carried, source)
        update.new_bytes(store.read_bytes(store.settings_path), store.settings_path)
    except FollowupError:
        return 0  # said when they are taken (--settings)
    return len(update.replaced)


def _settings_update(source: str, carried: dict | None):
    """The settings change `import --settings` makes (features.config_file)."""
    from followup.features import config_file

    if carried is None:
        raise FollowupError(
            f"{source} carries no settings (it was written by an older followup): "
            "import it without --settings"
        )
    return config_file.SettingsImport(carried, source)


def _read_file(name: str) -> bytes:
    from pathlib import Path

    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise FollowupError(f"no file {name!r}: check the path (use - to read stdin)") from None
    except IsADirectoryError:
        raise FollowupError(f"{name} is a folder: give a json or csv file") from None
    except OSError as exc:
        raise FollowupError(f"could not read {name}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for large imports, in a terminal only; else nothing."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    from followup.cli.render import err

    with Progress(console=err(), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _report_import(imported, source: str, dry_run: bool, now: datetime, fmt: str) -> Result:
    """What an import did (or would do): plain lines on stdout, or the JSON.

    Its messages are notes: a script reading the JSON is told of lookalikes too.
    """
    from followup.core.shapes import interview_json, step_json
    from followup.core.text import clean

    def replaced(merge) -> list[dict]:
        return [
            {"interview": merge.interview.id, "field": name, "from": _json_value(was),
             "to": _json_value(now_)}
            for name, was, now_ in merge.replaced
        ]  # fmt: skip

    result = Result(
        lambda: {
            "dry_run": dry_run,
            "source": source,
            "interviews": [interview_json(iv, now) for iv in imported.interviews],
            "renumbered": [{"from": was, "to": iv.id} for was, iv in imported.renumbered],
            "updated": [interview_json(iv, now) for iv in imported.updated],
            "unchanged": imported.unchanged,
            "replaced": [r for m in imported.merges for r in replaced(m)],
            "ticks": [step_json(m.interview, s, now) for m in imported.merges for s in m.ticks],
            "settings": [{"key": key, "from": was, "to": to} for key, was, to in imported.settings],
        }
    )
    lines = _import_lines(imported, source, dry_run)
    if not imported.interviews and not imported.updated and not imported.settings:
        if imported.unchanged and fmt == "csv":
            return result.note(
                f"Nothing to import: the {imported.unchanged} interview(s) in {clean(source)} "
                "are here already (the same company and time)."
            )
        if imported.unchanged:
            newer = f" ({imported.newer_here} changed here since)" if imported.newer_here else ""
            return result.note(
                f"Nothing to import: the {imported.unchanged} interview(s) in {clean(source)} "
                f"are here already, with nothing new for them{newer}."
            )
        return result.note(f"Nothing to import: {clean(source)} holds no interviews.")
    # plain lines (user text cleaned): never Rich markup, never wrapped mid-name
    result.write("".join(line + "\n" for line in lines))
    if imported.lookalikes:
        # (json only: a csv row with the company and time of one here is left out)
        result.note(
            f"Note: {imported.lookalikes} of the new ones have the company and time of an "
            "interview you already had, under another identity: added on two machines? "
            "`followup remove N` takes out a copy you do not want."
        )
    if dry_run:
        return result.note(
            "Nothing was changed (--dry-run). Run it again without --dry-run to import."
        )
    return result.note(
        "`followup status` shows what is due; `followup undo` takes the whole import back."
    )


def _json_value(value):
    """A replaced field's value as JSON: as the interview's JSON shape has it."""
    from pydantic import BaseModel

    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value


def _shown(value) -> str:
    """A replaced field's value for people: text quoted, times local, people listed."""
    from followup.core.models import Interviewer, Topic
    from followup.core.text import clean, cut_words
    from followup.core.zones import to_local

    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return to_local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str):
        return '"' + clean(cut_words(value.replace("\n", " "), 60)) + '"'
    if isinstance(value, list):
        parts = [
            str(v) if isinstance(v, Interviewer) else v.text if isinstance(v, Topic) else str(v)
            for v in value
        ]
        return '"' + clean(cut_words("; ".join(parts), 80)) + '"' if parts else "none"
    return clean(str(value))


def _import_lines(result, source: str, dry_run: bool) -> list[str]:
    from followup.core.kinds import BY_NAME
    from followup.core.lookup import describe
    from followup.core.text import clean

    def names(interviews) -> str:
        shown = ", ".join(clean(describe(iv)) for iv in interviews[:10])
        return shown + (f" and {len(interviews) - 10} more" if len(interviews) > 10 else "")

    def steps(found) -> str:
        return ", ".join(
            BY_NAME[s.step].label + (f" · {clean(s.who)}" if s.who else "") for s in found
        )

    lines = []
    count = len(result.interviews)
    if count:
        closed = sum(1 for iv in result.interviews if iv.closed)
        lines.append(
            f"{'Would import' if dry_run else 'Imported'} {count} interview(s) from "
            f"{clean(source)} ({count - closed} open, {closed} closed): "
            f"{names(result.interviews)}."
        )
    if result.updated:
        lines.append(
            f"{'Would merge' if dry_run else 'Merged'} {len(result.updated)} with the "
            f"file's copy: {names(result.updated)}."
        )
    for merge in result.merges:
        number = f"#{merge.interview.id}"
        for name, was, now in merge.replaced:
            lines.append(f"  {number} {name}: {_shown(was)} -> {_shown(now)}")
        for status in ("done", "skipped"):
            found = [s for s in merge.ticks if s.status == status]
            if found:
                lines.append(f"  {number} {status} in the file: {steps(found)}")
        if merge.added:
            lines.append(f"  {number} new step(s) from the file: {steps(merge.added)}")
        for person, kept in merge.kept_people:
            renamed = ""
            if kept.label != person.label:
                renamed = f' as "{clean(kept.label)}" (another person on {number} has their name)'
            lines.append(
                f"  {number} kept {clean(str(person))}{renamed}: dropped in the copy changed "
                "last, but with a step done or skipped in the other"
            )
    if result.unchanged:
        newer = f", {result.newer_here} of them changed here since" if result.newer_here else ""
        were = "it was" if result.unchanged == 1 else "they were"
        lines.append(f"Left {result.unchanged} as {were} (already here{newer}).")
    if result.renumbered:
        moved = ", ".join(
            f"#{was} -> #{iv.id} {clean(iv.company)}" for was, iv in result.renumbered[:20]
        )
        rest = len(result.renumbered) - 20
        extra = f", and {rest} more (--json lists them all)" if rest > 0 else ""
        lines.append(
            f"{'Would renumber' if dry_run else 'Renumbered'} {len(result.renumbered)} whose "
            f"numbers this store had already given out: {moved}{extra}."
        )
    if result.settings:
        lines.append(
            f"{'Would set' if dry_run else 'Set'} {len(result.settings)} setting(s) from "
            f"{clean(source)}:"
        )
        for key, was, now in result.settings:
            shown = [("(not set)" if v is None else _shown(v)) for v in (was, now)]
            lines.append(f"  {key}: {shown[0]} -> {shown[1]}")
    return lines
