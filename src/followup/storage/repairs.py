"""The repairs `doctor` makes, once the user agreed to them.

Each repair changes one thing and returns, in words, exactly what it did. Nothing
is deleted but files of ours that nothing points to (temp files of interrupted
saves, dropped undo steps): a broken file is moved to this run's folder in
`quarantine/`, never overwritten. What to repair, and why, is found by `doctor`.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from followup.core.models import OpenDoc, UndoEntry
from followup.errors import StoreError
from followup.storage import files
from followup.storage.store import OPEN_FILE, Store


def relative_name(store: Store, path: Path) -> str:
    """`path` as doctor names it: relative to the data folder when inside it."""
    with contextlib.suppress(ValueError):
        return str(path.relative_to(store.root))
    return str(path)


class Repairs:
    """The repairs of one doctor run (they share its quarantine folder)."""

    def __init__(self, store: Store, now: datetime) -> None:
        self.store = store
        self.now = now
        self._quarantine: Path | None = None

    def _name(self, path: Path) -> str:
        return relative_name(self.store, path)

    def make_private(self, paths: list[Path]) -> list[str]:
        """Folders 0700, files 0600."""
        done = []
        for path in paths:
            mode = files.make_private(path)
            done.append(f"set {self._name(path)} to {mode:o}")
        return done

    def restore(self, state: OpenDoc, what: str, next_id: int, move_broken: bool) -> list[str]:
        """Set open.json to `state` (`what`: where it was read), giving out no number twice."""
        store = self.store
        done = self.move_aside([store.open_path]) if move_broken else []
        doc = state.model_copy(deep=True)
        doc.next_id = max(doc.next_id, next_id)
        doc.undo = [e for e in doc.undo if (store.undo_dir / e.file).is_file()]
        store.write_open(doc)
        done.append(f"restored {OPEN_FILE} from {what}")
        # Files only the lost state pointed to (its history, say) are kept aside too.
        return done + self.move_aside(store.stray_files(doc))

    def start_afresh(self) -> list[str]:
        """Move the data aside and start an empty store."""
        store = self.store
        moving = [store.open_path, store.history_dir, store.undo_dir, store.backup_path]
        done = self.move_aside([p for p in moving if p.exists()])
        store.write_open(OpenDoc())
        return [*done, f"started an empty {OPEN_FILE}"]

    def go_back(self, doc: OpenDoc, state: OpenDoc, i: int, history: Path, lost: str) -> list[str]:
        """Set the data back to `state`, the snapshot of undo step `i` of `doc` (`lost`:
        the changes undone)."""
        store = self.store
        # The state given up, and the steps in between, go to quarantine too.
        dropped = [store.undo_dir / e.file for e in doc.undo[i:]]
        moving = [store.open_path, history, *dropped]
        done = self.move_aside([p for p in moving if p.exists()])
        back = state.model_copy(deep=True)
        back.next_id = max(back.next_id, doc.next_id)
        back.undo = doc.undo[:i]
        store.write_open(back)
        return [*done, f"set your data back to before {doc.undo[i].summary!r} ({lost})"]

    def forget_history(self, doc: OpenDoc, history: Path) -> list[str]:
        """Go on with no closed interviews, their unreadable file kept aside."""
        done = self.move_aside([history]) if history.exists() else []
        doc.history, doc.closed_ids = None, []
        self.store.write_open(doc)
        return [*done, "the closed interviews are now empty (the old file is in quarantine/)"]

    def set_closed_ids(self, doc: OpenDoc, ids: list[int], history: Path) -> list[str]:
        """Make open.json's list of closed interviews the history file's."""
        doc.closed_ids = ids
        doc.next_id = max([doc.next_id, *(i + 1 for i in ids)])
        self.store.write_open(doc)
        return [f"set closed_ids in {OPEN_FILE} to the numbers in {self._name(history)}"]

    def shorten_undo(self, doc: OpenDoc, broken: Path, keep: list[UndoEntry]) -> list[str]:
        """Let undo go back only over the steps `keep`, after the broken one."""
        store = self.store
        done = self.move_aside([broken]) if broken.exists() else []
        doc.undo = keep
        store.write_open(doc)
        # The older steps can't be reached any more: keep them aside.
        return [
            *done,
            f"undo now goes back {len(keep)} change(s)",
            *self.move_aside(store.stray_files(doc)),
        ]

    def refresh_backup(self) -> list[str]:
        """Copy open.json, as it is now, to the backup."""
        store = self.store
        current = store.read_bytes(store.open_path)
        if current is None or not store.refresh_backup(current):
            raise StoreError(store.backup_problem or f"could not write {store.backup_path}")
        return [f"copied {OPEN_FILE} to {self._name(store.backup_path)}"]

    def delete_strays(self) -> list[str]:
        """Delete the files of ours that nothing points to, as the store is now."""
        store = self.store
        current = store.read_open()
        gone = []
        for path in store.stray_files(current):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                gone.append(self._name(path))
        return [f"deleted {len(gone)} leftover file(s): {', '.join(gone)}"]

    def move_aside(self, paths: list[Path]) -> list[str]:
        """Move (or, for open.json, link) `paths` into this run's quarantine folder."""
        store = self.store
        if self._quarantine is None:
            stamp = self.now.strftime("%Y%m%dT%H%M%SZ")
            target, n = store.quarantine_dir / stamp, 1
            while target.exists():
                n += 1
                target = store.quarantine_dir / f"{stamp}-{n}"
            store.make_dir(target)
            self._quarantine = target
        done = []
        for path in paths:
            dest = self._quarantine / path.relative_to(store.root)
            store.make_dir(dest.parent)
            # open.json is linked, not moved: it is then replaced in one step, never missing.
            files.move(path, dest, keep_source=path == store.open_path)
            done.append(f"moved {self._name(path)} to {self._name(dest)}")
        return done
