"""`followup export`: write your interviews out: a backup, a spreadsheet, or reminders for your
calendar."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from followup.cli.commands import command
from followup.cli.environment import env, is_terminal
from followup.cli.result import Result
from followup.errors import FollowupError


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    ics = "ics"


def _format_of(path: str | None) -> str:
    """The export format a file name asks for: its ending, else json."""
    ending = (path or "").lower().rsplit(".", 1)[-1]
    return ending if ending in ("csv", "ics") else "json"


@command()
def export(
    format_: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="json (everything; the default), csv (a row per step) or ics (calendar). "
            "Without it, --output's ending decides.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE instead of stdout. An existing FILE is replaced only with "
            "--force (a terminal asks); a pipe or /dev/stdout is written into.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace --output's FILE if it exists.")
    ] = False,
) -> Result:
    """json holds every interview, closed ones too: `followup import` reads it back, here or
    on another machine. csv has a header and one row per step, safe to open in a
    spreadsheet, its times local. ics has one event, with a reminder, per pending step
    of open interviews (an overdue one is placed today, so that its reminder fires);
    steps done, skipped or closed stay as cancelled events. Each keeps its UID, so
    importing a newer export updates your calendar and drops what is finished.

    Example: followup export --output followups.ics
    """
    e = env()
    result = Result()
    fmt = format_.value if format_ else _format_of(output)
    if fmt == "ics":
        from followup.features.calendar_export import KEEP_CLOSED, entries, export_ics

        doc = e.store.read_open()
        recent = [
            iv
            for iv in (e.store.read_history(doc) if doc.closed_ids else [])
            if iv.closed_at and e.now - iv.closed_at <= KEEP_CLOSED
        ]
        # Closed ones with a reply or decision pending: those steps are still to do.
        interviews = sorted([*doc.interviews, *doc.awaiting, *recent], key=lambda iv: iv.id)
        data = export_ics(interviews, e.now)
        kinds = [entry.kind for entry in entries(interviews, e.now)]
        todo, late, gone = (kinds.count(k) for k in ("due", "overdue", "cancelled"))
        what = f"{todo + late} event(s) to do" + (
            f" ({late} overdue, placed today)" if late else ""
        )
        if gone:
            what += f" and {gone} cancelled (done, skipped or closed)"
        if not todo + late:
            result.say("No pending follow-ups of open interviews: nothing to do in the calendar.")
    else:
        from followup.features import exporting

        interviews = e.store.read_all()
        closed = sum(1 for iv in interviews if iv.closed)
        if fmt == "csv":
            data = exporting.export_csv(interviews)  # local times: TZ
            steps = sum(len(iv.steps) for iv in interviews)
            what = f"{steps} row(s), the steps of {len(interviews)} interview(s)"
        else:
            data = exporting.export_json(interviews, e.now, _settings_to_export(result))
            what = f"{len(interviews)} interview(s) ({closed} closed)"
    if output and output != "-":
        if not _write_output(output, data, force, e.store):
            return result.say("Nothing was written.")
        return result.say(f"Wrote {what} to {output}.")
    return result.write(data)


def _settings_to_export(result: Result) -> dict | None:
    """The settings an export carries; None (and a warning) when config.toml holds a bad
    value, so that a backup of the interviews is never refused for a hand-edited line.
    A file that cannot be read is an error, as for every file."""
    from followup.features import config_file
    from followup.features.config import Settings
    from followup.storage.files import read_bytes
    from followup.storage.locations import config_dir

    path = config_file.config_path(config_dir())
    data = read_bytes(path)
    try:
        settings = Settings() if data is None else config_file.parse_settings(data, path)
    except FollowupError as exc:
        result.note(f"warning: the export carries no settings: {exc}")
        return None
    return config_file.exported_settings(settings)


def _write_output(output: str, data: bytes, force: bool, store) -> bool:
    """Write an export to the file the user named; False if they chose not to replace it."""
    from pathlib import Path

    from followup.storage import files
    from followup.storage.locations import config_dir

    path = Path(output)
    for folder in (store.root, config_dir()):
        if files.is_within(path, folder) or files.same_file(path, store.open_path):
            raise FollowupError(
                f"{output} is one of followup's own files (in {folder}): export to a file "
                "outside that folder"
            )
    sys.stdout.flush()  # /dev/stdout is written into: what was printed comes first
    try:
        files.write_output(path, data, replace=force)
    except files.Exists:
        if not is_terminal():
            raise FollowupError(
                f"{output} exists: add --force to replace it, or choose another file name"
            ) from None
        if not typer.confirm(f"{output} exists. Replace it?", default=False, err=True):
            return False
        files.write_output(path, data, replace=True)
    return True
