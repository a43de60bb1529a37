"""Writing interviews out: the JSON envelope (backup, scripts) and CSV (spreadsheets).

Pure functions of the interviews and `now`: they return bytes and never print.
The calendar (ICS) lives in `calendar_export`, since it needs a library.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any

from followup.core.models import Interview
from followup.core.shapes import interview_json
from followup.core.zones import to_local

#: What the envelope's "format" says: files with anything else are not ours.
EXPORT_FORMAT = "followup"
#: The envelope's version; `import` refuses files from a newer followup. Version 2
#: added each interview's uid, topics, decision, round and previous; version 1 files
#: still import (their notes become topics, as in the store's upgrade). Version 3 added
#: deadline, replied_at, snoozed_from and the steps reply and decide (an older followup
#: would refuse them); a version 2 file reads as if they were null.
EXPORT_VERSION = 3
#: The columns of a CSV export, in order (docs/json.md).
CSV_COLUMNS = ("interview", "company", "role", "at", "step", "who", "due", "status", "done_at")
#: A cell starting with one of these is run as a formula by spreadsheets (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_json(
    interviews: Iterable[Interview], now: datetime, settings: Mapping[str, Any] | None = None
) -> bytes:
    """The JSON envelope with every interview given, in the interview shape of docs/json.md,
    and the settings when given (`config_file.exported_settings`: never a secret)."""
    doc: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "interviews": [interview_json(iv, now) for iv in interviews],
    }
    if settings is not None:
        doc["settings"] = dict(settings)
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode()


def neutralise(cell: str) -> str:
    """`cell` made inert for spreadsheets: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'`.

    So do their full-width and small forms (`＝`, `﹦`, `＋`, `﹣`...), which some
    spreadsheets read as the plain sign: the first character is compared in NFKC form.
    """
    if not cell:
        return cell
    first = cell[0]
    if not first.isascii():
        import unicodedata

        first = unicodedata.normalize("NFKC", first)[:1]
    return "'" + cell if first in FORMULA_STARTS else cell


def csv_rows(interviews: Iterable[Interview], tz: tzinfo | None = None) -> Iterable[Sequence[str]]:
    """One row per step of every interview, as CSV_COLUMNS lists them (not yet neutralised).

    Times are local (`tz`, else the system's zone) with their offset, as a spreadsheet
    user reads them: `2026-11-25T10:00:00-05:00`.
    """

    def local(moment: datetime | None) -> str:
        return to_local(moment, tz).isoformat() if moment else ""

    for iv in interviews:
        at = local(iv.at)
        for s in iv.steps:
            yield (
                str(iv.id),
                iv.company,
                iv.role,
                at,
                s.step,
                s.who or "",
                local(s.due),
                s.status,
                local(s.done_at),
            )


def export_csv(interviews: Iterable[Interview], tz: tzinfo | None = None) -> bytes:
    """A header row, then one row per step; UTF-8, every cell neutralised, times local."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, quotes where needed
    writer.writerow(CSV_COLUMNS)
    writer.writerows([neutralise(cell) for cell in row] for row in csv_rows(interviews, tz))
    return buffer.getvalue().encode()
