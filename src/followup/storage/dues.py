"""The due times `followup prompt` counts, kept beside open.json on every save.

The prompt runs on every shell prompt; with this file it counts the steps due
without importing `json` or parsing open.json. The file names the open.json it
was written for (`store_file.identity`): the prompt trusts it only for that very
file, and otherwise reads open.json itself, so a missing, stale or damaged copy
costs time, never a wrong count.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

from followup.core.kinds import AFTER_CLOSE
from followup.core.models import OpenDoc
from followup.errors import StoreError
from followup.storage.files import write_atomic
from followup.storage.store_file import DUES_FILE, dues_bytes

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def seconds(moment: datetime) -> float:
    """Seconds since 1970, computed as the prompt computes them from the text the store
    writes (whole seconds, then the microseconds added), so that both agree exactly."""
    delta = moment - EPOCH
    return delta.days * 86400 + delta.seconds + delta.microseconds / 1e6


def pending_dues(doc: OpenDoc) -> list[float]:
    """The due times of what the prompt counts: every pending step of an open interview,
    and the pending reply and decide steps of a closed one (kept in `awaiting`)."""
    return [
        seconds(step.due)
        for interview in (*doc.interviews, *doc.awaiting)
        for step in interview.steps
        if step.status == "pending" and (not interview.closed or step.step in AFTER_CLOSE)
    ]


def write_dues(root: Path, open_path: Path, doc: OpenDoc) -> None:
    """Write the DUES_FILE for `doc`, just saved as `open_path` (under the store's lock).

    Best effort, and not fsynced: after a failure or a power cut the file names
    another open.json, or none, and the prompt reads open.json instead.
    """
    with contextlib.suppress(OSError, StoreError):
        info = open_path.stat()
        write_atomic(root / DUES_FILE, dues_bytes(info, pending_dues(doc)), sync=False)
