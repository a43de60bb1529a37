"""The layout of a data folder: what lies where, and the files of ours that nothing
points to any more (the store removes them; the doctor reports them)::

    open.json               open interviews, closed ones with a reply or decision pending
                            (`awaiting`), next number, undo list, history pointer
    history/closed-N.json   closed interviews; each file is written once, never changed
    undo/N.json             earlier versions of open.json (hard links, not copies)
    open.dues               the due times of open.json's pending steps, for the prompt
                            (storage/dues.py; derived, rewritten on every save)
    backup/open.json        a copy of the last open.json written (for the doctor)
    backup/vN/              the original files of schema version N, kept when upgraded
    quarantine/             broken files that the doctor moved aside
    remind.json             what `followup remind` said (features/reminders.py; not the store's)
    .lock                   the cross-process lock (never deleted: see pyproject.toml)
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from followup.core.models import OpenDoc
from followup.storage.files import real_path
from followup.storage.store_file import BACKUP_DIR, DUES_FILE, OPEN_FILE
from followup.storage.temps import TEMP_NAME, process_gone, temp_pattern

HISTORY_DIR = "history"
UNDO_DIR = "undo"
QUARANTINE_DIR = "quarantine"
LOCK_FILE = ".lock"
#: The settings file's name (written by features/config_file.py; the store only keeps
#: copies of it for `undo` when an import replaces it).
SETTINGS_FILE = "config.toml"
#: Copies of the settings file in undo/: NNNNNN.config.toml, or NNNNNN.config.none
#: (empty) for "there was no settings file".
SETTINGS_COPY = re.compile(r"^\d+\.config\.(?:toml|none)$")
#: How many changes `undo` can revert, at the most.
UNDO_LEVELS = 20
NUMBERED = re.compile(r"^(?:closed-)?(\d+)\.json$")
#: Temp files of `write_atomic` for open.json (other files' temps are not ours to remove).
OPEN_TEMP = temp_pattern(OPEN_FILE)
DUES_TEMP = temp_pattern(DUES_FILE)


class Layout:
    """The paths of the data folder `root`, and the store files found in it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.open_path = self.root / OPEN_FILE
        self.history_dir = self.root / HISTORY_DIR
        self.undo_dir = self.root / UNDO_DIR
        self.backup_dir = self.root / BACKUP_DIR
        self.backup_path = self.backup_dir / OPEN_FILE
        self.quarantine_dir = self.root / QUARANTINE_DIR
        self.lock_path = self.root / LOCK_FILE

    def leftovers(self) -> list[Path]:
        """Store files that only make sense with an open.json (to notice a lost one).

        Not `undo/000001.json`: the very first change writes it (an empty store)
        before it creates open.json, so a crash there leaves it alone.
        """
        found = [self.backup_path] if self.backup_path.is_file() else []
        for folder in (self.history_dir, self.undo_dir):
            with contextlib.suppress(OSError):
                names = sorted(os.listdir(folder))
                found += [folder / n for n in names if NUMBERED.match(n) and n != "000001.json"]
        return found

    @staticmethod
    def _next_number(folder: Path) -> int:
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return 1
        numbers = [int(m.group(1)) for n in names if (m := NUMBERED.match(n))]
        return max(numbers, default=0) + 1

    def stray_files(self, doc: OpenDoc) -> list[Path]:
        """Files of ours that nothing points to: temp files of interrupted saves, old snapshots."""
        keep_undo = {e.file for e in doc.undo} | {e.settings for e in doc.undo if e.settings}
        keep_history = {doc.history} | {e.history for e in doc.undo}
        found: list[Path] = []
        for folder, keep in ((self.undo_dir, keep_undo), (self.history_dir, keep_history)):
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                continue
            found += [
                folder / n
                for n in names
                if n not in keep
                and (
                    NUMBERED.match(n)
                    or SETTINGS_COPY.match(n)
                    or (n.endswith(".tmp") and not live_temp(n))
                )
            ]
        places = [(self.root, OPEN_TEMP), (self.root, DUES_TEMP), (self.backup_dir, OPEN_TEMP)]
        real = real_path(self.open_path)
        if real != self.open_path:  # a symlinked open.json is saved beside its target
            places.append((real.parent, temp_pattern(real.name)))
        for folder, pattern in places:
            with contextlib.suppress(OSError):
                found += [
                    folder / n
                    for n in sorted(os.listdir(folder))
                    if pattern.match(n) and not live_temp(n)
                ]
        return found


def live_temp(name: str) -> bool:
    """Whether `name` is the temporary file of a followup process still running."""
    match = TEMP_NAME.match(name)
    return match is not None and not process_gone(int(match[1]))
