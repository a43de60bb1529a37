"""The JSON store: atomic, locked, private, versioned, with undo and a backup.

What lies where in the data folder (0700; every file 0600) is in layout.py.
`open.json` is the single commit point: a change writes any new history file
and its undo snapshot first (each fsynced, folder included), then replaces
`open.json` atomically. A crash before that replace leaves the old state (and
orphan files, removed by the next change); after it, the new state.
`status` reads `open.json` alone, whatever the size of the history.

A file that cannot be read is refused with its name, the line and column or the
field, and is never written over: every change parses `open.json` before it
writes anything.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from followup.core.models import SCHEMA_VERSION, HistoryDoc, Interview, OpenDoc, UndoEntry
from followup.errors import StoreError
from followup.storage.change import Change, stamp_changed
from followup.storage.dues import write_dues
from followup.storage.files import (
    fsync_dir,
    hard_link,
    make_private_dir,
    read_bytes,
    real_path,
    replace_file,
    write_atomic,
    write_folder,
)
from followup.storage.layout import (
    HISTORY_DIR,
    LOCK_FILE,
    OPEN_FILE,
    SETTINGS_FILE,
    UNDO_DIR,
    UNDO_LEVELS,
    Layout,
)
from followup.storage.locks import locked
from followup.storage.validation import check_history, check_open, parse_document

if TYPE_CHECKING:
    from followup.storage.migrations import Notice


class Store(Layout):
    """A followup data folder. Reads need no lock; every change holds it."""

    def __init__(
        self,
        root: Path,
        *,
        lock_timeout: float = 10.0,
        notify: Callable[[Notice], None] | None = None,
        settings_path: Path | None = None,
    ) -> None:
        super().__init__(root)
        #: The settings file (`config.toml`), for a change that replaces it too and for
        #: its undo: in the data folder unless the settings live elsewhere.
        self.settings_path = Path(settings_path) if settings_path else self.root / SETTINGS_FILE
        #: Told, once, what an upgrade of the schema changed (the CLI words and prints it).
        self.notify = notify
        self.lock_timeout = lock_timeout
        #: Why the last backup copy could not be written (None: it was, or none was due).
        self.backup_problem: str | None = None

    # ----- reading -------------------------------------------------------------

    def read_bytes(self, path: Path) -> bytes | None:
        """The bytes of a store file, None if it does not exist; errors name the file."""
        return read_bytes(path)

    def parse_open(self, data: bytes, path: Path) -> tuple[OpenDoc, int]:
        """Read an `open.json` (or an undo snapshot): the document, and the version it had.

        An older version is upgraded in memory; a newer one, or anything broken,
        raises a StoreError naming the file and where it is wrong.
        """
        doc, version = parse_document(data, path, OpenDoc, "open")
        check_open(doc, path)
        return doc, version

    def parse_history(self, data: bytes, path: Path) -> HistoryDoc:
        """Read a history file (closed interviews); errors as for `parse_open`."""
        doc, _ = parse_document(data, path, HistoryDoc, "history")
        check_history(doc, path)
        return doc

    def read_open(self) -> OpenDoc:
        """The open interviews and the store's bookkeeping (empty if there is no store yet)."""
        data = self.read_bytes(self.open_path)
        if data is None:
            self._refuse_missing_open()
            return OpenDoc()
        return self.parse_open(data, self.open_path)[0]

    def _refuse_missing_open(self) -> None:
        # Without this, the next change would start an empty store and its clean-up
        # would delete the history that the lost open.json pointed to.
        found = self.leftovers()
        if found:
            raise StoreError(
                f"{self.open_path} is missing, but {len(found)} other store file(s) exist "
                f"(such as {found[0]}); nothing was changed",
                advice=("doctor", " to restore it"),
            )

    def history_path(self, name: str) -> Path:
        return self.history_dir / name

    def read_history(self, doc: OpenDoc) -> list[Interview]:
        """The closed interviews that `doc` points to."""
        if doc.history is None:
            return []
        path = self.history_path(doc.history)
        data = self.read_bytes(path)
        if data is None:
            raise StoreError(
                f"{path} is missing (open.json points to it): the closed interviews cannot be read",
                advice=("doctor", ""),
            )
        return self.parse_history(data, path).interviews

    def read_closed(self, doc: OpenDoc) -> list[Interview]:
        """Every closed interview: those of `doc.awaiting` (a reply or decision pending),
        then those of the history file."""
        return [*doc.awaiting, *self.read_history(doc)]

    @staticmethod
    def closed_ids(doc: OpenDoc) -> list[int]:
        """The numbers of the closed interviews, known without reading history."""
        return [*doc.closed_ids, *(iv.id for iv in doc.awaiting)]

    def read_all(self) -> list[Interview]:
        """Every interview, open and closed, by number."""
        doc = self.read_open()
        try:
            closed = self.read_history(doc)
        except StoreError:
            # Read without the lock: a change may have just replaced the history file.
            again = self.read_open()
            if again.history == doc.history:
                raise
            doc, closed = again, self.read_history(again)
        return sorted([*doc.interviews, *doc.awaiting, *closed], key=lambda iv: iv.id)

    # ----- changing ------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's lock, or fail after `lock_timeout` seconds with a clear message."""
        self._ensure_root()
        with locked(self.lock_path, self.lock_timeout):
            yield

    def _ensure_root(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"{self.root} is not a folder: point FOLLOWUP_HOME at a folder")
        self.make_dir(self.root)

    def make_dir(self, folder: Path) -> None:
        """Create a private folder (and its parents) durably, if it is not there."""
        make_private_dir(folder)

    @contextlib.contextmanager
    def change(self, now: datetime) -> Iterator[Change]:
        """A locked change: edit `change.doc` (and `change.closed()`), set `change.summary`.

        When the block ends without an exception and something changed, the new
        state is committed atomically and becomes one step of `undo`. An exception
        leaves every file as it was.
        """
        with self.lock():
            raw = self.read_bytes(self.open_path)
            if raw is None:
                self._refuse_missing_open()
                doc, version = OpenDoc(), SCHEMA_VERSION
            else:
                doc, version = self.parse_open(raw, self.open_path)
            # The working copy: parsing the bytes again is several times faster than
            # a deep copy of the parsed document.
            working = None if raw is None else self.parse_open(raw, self.open_path)[0]
            change = Change(self, doc, working)
            change.upgraded_from = version if version < SCHEMA_VERSION else None
            yield change
            self._commit(change, raw, now)

    def _commit(self, change: Change, raw: bytes | None, now: datetime) -> None:
        change.settle()
        if change.settings is None:
            self._commit_files(change, raw, now, None)
            return
        with self._settings_lock():
            current = self.read_bytes(self.settings_path)
            new = change.settings.new_bytes(current)
            settings = None if new is None or new == current else (current, new)
            self._commit_files(change, raw, now, settings)

    @contextlib.contextmanager
    def _settings_lock(self) -> Iterator[None]:
        """The settings folder's lock, when it is not the data folder (whose lock is held)."""
        folder = self.settings_path.parent
        if real_path(folder) == real_path(self.root):
            yield
            return
        with locked(folder / LOCK_FILE, self.lock_timeout):
            yield

    def _commit_files(
        self,
        change: Change,
        raw: bytes | None,
        now: datetime,
        settings: tuple[bytes | None, bytes] | None,
    ) -> None:
        doc = change.doc
        before = change.original
        history_changed = change.history_changed()
        if (
            settings is None
            and not history_changed
            and doc.model_dump(exclude={"undo"}) == before.model_dump(exclude={"undo"})
        ):
            return  # nothing to save: `change.changed` stays False
        upgrading = change.upgraded_from is not None and raw is not None
        if upgrading:
            self._keep_originals(change.upgraded_from, raw, before)
        stamp_changed(change, now)
        created: list[Path] = []  # removed again if the change fails before its commit
        committed = wrote_settings = False
        try:
            if history_changed:
                closed = sorted(change.history(), key=lambda iv: iv.id)
                doc.closed_ids = [iv.id for iv in closed]
                name = f"closed-{self._next_number(self.history_dir):06d}.json"
                self.make_dir(self.history_dir)
                body = HistoryDoc(interviews=closed)  # of this schema version
                created.append(self.history_dir / name)
                write_atomic(created[-1], _to_json(body))
                doc.history = name
            snapshot = f"{self._next_number(self.undo_dir):06d}.json"
            self.make_dir(self.undo_dir)
            created.append(self.undo_dir / snapshot)
            self._snapshot(created[-1], raw)
            entry = UndoEntry(
                summary=change.summary or "a change",
                at=now,
                file=snapshot,
                history=before.history,
            )
            if settings is not None:
                old = settings[0]
                kept = snapshot.replace(".json", ".config." + ("none" if old is None else "toml"))
                created.append(self.undo_dir / kept)
                write_atomic(created[-1], old or b"")
                entry.settings = kept
            doc.undo = [*before.undo, entry][-UNDO_LEVELS:]
            data = self._open_bytes(doc)
            if settings is not None:
                self.make_dir(self.settings_path.parent)
                write_atomic(self.settings_path, settings[1])
                wrote_settings = True
            written = replace_file(self.open_path, data)
            committed = True  # the commit point: from here on, the change is made
            fsync_dir(written.parent)
        except BaseException:
            if not committed:
                for path in created:
                    with contextlib.suppress(OSError):
                        path.unlink()
                if wrote_settings:
                    assert settings is not None
                    self._put_settings_back(settings[0])
            raise
        change.changed = True
        self.refresh_backup(data)
        write_dues(self.root, self.open_path, doc)
        self._collect_garbage(doc)
        # Said with the first change saved in the new schema (not with the copy of the
        # originals: a save that failed after it said nothing).
        if upgrading and self.notify is not None:
            import json

            from followup.storage.migrations import upgrade_notice

            assert raw is not None and change.upgraded_from is not None
            notice = upgrade_notice(change.upgraded_from, json.loads(raw))
            if notice is not None:
                self.notify(notice)

    def _put_settings_back(self, data: bytes | None) -> None:
        """Make the settings file `data` again (None: remove it); call under its lock."""
        if data is None:
            with contextlib.suppress(FileNotFoundError):
                self.settings_path.unlink()
            return
        self.make_dir(self.settings_path.parent)
        write_atomic(self.settings_path, data)

    def _keep_originals(self, version: int, raw: bytes, doc: OpenDoc) -> None:
        """Before the first write in a newer schema, copy every file of the old one.

        The copies go to `backup/vN/` (fsynced, then renamed into place in one
        step), once; until then, nothing is written.
        """
        target = self.backup_dir / f"v{version}"
        if target.is_dir():
            return
        self.make_dir(self.backup_dir)
        files = {OPEN_FILE: raw}
        names = [(HISTORY_DIR, doc.history)] + [(HISTORY_DIR, e.history) for e in doc.undo]
        names += [(UNDO_DIR, e.file) for e in doc.undo]
        for folder, name in names:
            if name is not None:
                data = self.read_bytes(self.root / folder / name)
                if data is not None:
                    files[f"{folder}/{name}"] = data
        try:
            write_folder(target, files)
        except StoreError as exc:
            raise StoreError(
                f"could not keep a copy of your version-{version} files in {target} "
                f"before upgrading them: {exc}; nothing was changed"
            ) from None

    def _snapshot(self, target: Path, raw: bytes | None) -> None:
        """Keep the state before a change at `target`, for `undo`.

        A hard link keeps the old open.json's bytes at no cost: open.json is only
        ever replaced, never written in place. Where links fail, copy. Before the
        first change there is no file: the snapshot is an empty store.
        """
        if raw is None:
            write_atomic(target, OpenDoc().model_dump_json(indent=1).encode())
            return
        if not hard_link(self.open_path, target):
            write_atomic(target, raw)

    @staticmethod
    def _open_bytes(doc: OpenDoc) -> bytes:
        doc.version = SCHEMA_VERSION
        return _to_json(doc)

    def write_open(self, doc: OpenDoc) -> None:
        """Replace open.json with `doc` (call under the lock), and refresh the backup."""
        data = self._open_bytes(doc)
        write_atomic(self.open_path, data)
        self.refresh_backup(data)
        write_dues(self.root, self.open_path, doc)

    def refresh_backup(self, data: bytes) -> bool:
        """Copy `data` (the open.json just written) to backup/open.json; best effort.

        A copy, not a hard link: an editor that saves open.json in place would
        change a linked backup too. Not fsynced: open.json itself is, and doctor
        checks a backup before it trusts it.
        """
        try:
            self.make_dir(self.backup_dir)
            write_atomic(self.backup_path, data, sync=False)
        except StoreError as exc:
            self.backup_problem = str(exc)
            return False
        self.backup_problem = None
        return True

    def _collect_garbage(self, doc: OpenDoc) -> None:
        """Remove undo snapshots, history files and temp files nothing points to any more.

        Best effort, under the lock: a file left behind costs only disk space.
        """
        for path in self.stray_files(doc):
            with contextlib.suppress(OSError):
                path.unlink()

    def undo(self, now: datetime) -> UndoEntry:
        """Revert the most recent change, whichever process made it; return what it was
        (its summary and when it was made). Numbers are never reused."""
        from followup.errors import FollowupError

        with self.lock():
            doc = self.read_open()
            if not doc.undo:
                raise FollowupError(
                    f"nothing to undo: no earlier change is kept (undo keeps the last "
                    f"{UNDO_LEVELS} changes)"
                )
            entry = doc.undo[-1]
            path = self.undo_dir / entry.file
            data = self.read_bytes(path)
            if data is None:
                raise StoreError(
                    f"cannot undo {entry.summary!r}: {path} is missing", advice=("doctor", "")
                )
            previous, _ = self.parse_open(data, path)
            self.read_history(previous)  # refuse to go back to a state that can't be read
            previous.next_id = max(previous.next_id, doc.next_id)
            previous.undo = doc.undo[:-1]
            if entry.settings is None:
                self.write_open(previous)
            else:
                self._undo_with_settings(entry, previous)
            self._collect_garbage(previous)
            return entry

    def _undo_with_settings(self, entry: UndoEntry, previous: OpenDoc) -> None:
        """Undo a change that replaced the settings too: the settings file first (a
        failure there changes nothing), then open.json (a failure there puts the
        settings file back)."""
        assert entry.settings is not None
        kept = self.undo_dir / entry.settings
        old = None if entry.settings.endswith(".none") else self.read_bytes(kept)
        if old is None and not entry.settings.endswith(".none"):
            raise StoreError(
                f"cannot undo {entry.summary!r}: {kept} (the settings before it) is missing",
                advice=("doctor", ""),
            )
        with self._settings_lock():
            current = self.read_bytes(self.settings_path)
            self._put_settings_back(old)
            try:
                self.write_open(previous)
            except BaseException:
                self._put_settings_back(current)
                raise


def _to_json(doc: OpenDoc | HistoryDoc) -> bytes:
    """A document as the bytes of its file; text that can't be saved is a clear error."""
    from pydantic_core import PydanticSerializationError

    try:
        return doc.model_dump_json(indent=1).encode()
    except (PydanticSerializationError, UnicodeEncodeError):
        raise StoreError(
            "some text you gave is not valid Unicode (a byte your terminal could not "
            "decode?): type it again; nothing was changed"
        ) from None
