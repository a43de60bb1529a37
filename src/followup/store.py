"""The JSON store: atomic, locked, with undo and closed history kept apart.

Layout of the data folder::

    open.json               open interviews, next number, undo list, history pointer
    history/closed-N.json   closed interviews; each file is written once, never changed
    undo/N.json             earlier versions of open.json (hard links, not copies)
    .lock                   the cross-process lock

`open.json` is the single commit point: a change writes any new history file
first, then replaces `open.json` atomically. A crash before that replace leaves
the old state (and an orphan file, removed later); after it, the new state.
`status` reads `open.json` alone, whatever the size of the history.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from followup.errors import StoreError
from followup.models import SCHEMA_VERSION, HistoryDoc, Interview, OpenDoc, UndoEntry

OPEN_FILE = "open.json"
HISTORY_DIR = "history"
UNDO_DIR = "undo"
LOCK_FILE = ".lock"
#: How many changes `undo` can revert, at the most.
UNDO_LEVELS = 20
_NUMBERED = re.compile(r"^(?:closed-)?(\d+)\.json$")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: temp file in the same folder, fsync, rename, fsync folder.

    Readers see the old bytes or the new, never a mix. On any failure the temp
    file is removed and `path` is untouched. New files are private (0600).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StoreError(f"could not write {path}: {exc.strerror or exc}") from None
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _describe_json_error(path: Path, exc: json.JSONDecodeError | ValueError) -> str:
    where = f"line {exc.lineno}, column {exc.colno}: " if hasattr(exc, "lineno") else ""
    return f"{path} is not valid JSON ({where}{getattr(exc, 'msg', exc)})"


def _describe_validation(path: Path, exc: ValidationError) -> str:
    first = exc.errors()[0]
    if first["type"] == "json_invalid":
        # pydantic's JSON parser error carries the position in its message
        return f"{path} is not valid JSON ({first['msg'].removeprefix('Invalid JSON: ')})"
    loc = ".".join(str(p) for p in first["loc"]) or "(top level)"
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"{path} has a bad value at {loc}: {first['msg']}{more}"


class Store:
    """A followup data folder. Reads need no lock; every change holds it."""

    def __init__(self, root: Path, *, lock_timeout: float = 10.0) -> None:
        self.root = Path(root)
        self.open_path = self.root / OPEN_FILE
        self.history_dir = self.root / HISTORY_DIR
        self.undo_dir = self.root / UNDO_DIR
        self.lock_path = self.root / LOCK_FILE
        self.lock_timeout = lock_timeout

    # ----- reading -------------------------------------------------------------

    def _read_bytes(self, path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise StoreError(f"{path} is a folder, not a file: move it away") from None
        except NotADirectoryError:
            raise StoreError(f"{path.parent} is not a folder: check FOLLOWUP_HOME") from None
        except OSError as exc:
            raise StoreError(f"could not read {path}: {exc.strerror or exc}") from None

    def _recovery_hint(self) -> str:
        return (
            "; the file was left as it is: fix it by hand, or run `followup doctor` "
            "to restore the last good state"
        )

    def _parse_open(self, data: bytes, path: Path) -> OpenDoc:
        try:
            doc = OpenDoc.model_validate_json(data)
        except ValidationError as exc:
            self._check_version(data, path)
            raise StoreError(_describe_validation(path, exc) + self._recovery_hint()) from None
        if doc.version != SCHEMA_VERSION:
            self._check_version(data, path)
        return doc

    def _check_version(self, data: bytes, path: Path) -> None:
        try:
            version = json.loads(data).get("version")
        except (ValueError, AttributeError, UnicodeDecodeError):
            return
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise StoreError(
                f"{path} was written by a newer followup (store version {version}; this "
                f"followup reads up to version {SCHEMA_VERSION}): upgrade followup; "
                "the file was left as it is"
            )

    def read_open(self) -> OpenDoc:
        """The open interviews and the store's bookkeeping (empty if there is no store yet)."""
        data = self._read_bytes(self.open_path)
        if data is None:
            return OpenDoc()
        return self._parse_open(data, self.open_path)

    def read_history(self, doc: OpenDoc) -> list[Interview]:
        """The closed interviews that `doc` points to."""
        if doc.history is None:
            return []
        path = self.history_dir / doc.history
        data = self._read_bytes(path)
        if data is None:
            raise StoreError(
                f"{path} is missing (open.json points to it): the closed interviews "
                "cannot be read; run `followup doctor`"
            )
        try:
            history = HistoryDoc.model_validate_json(data)
        except ValidationError as exc:
            self._check_version(data, path)
            raise StoreError(_describe_validation(path, exc) + self._recovery_hint()) from None
        return history.interviews

    def read_all(self) -> list[Interview]:
        """Every interview, open and closed, by number."""
        doc = self.read_open()
        return sorted([*doc.interviews, *self.read_history(doc)], key=lambda iv: iv.id)

    # ----- changing ------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's lock, or fail after `lock_timeout` seconds with a clear message."""
        from filelock import FileLock, Timeout

        self._ensure_root()
        lock = FileLock(self.lock_path, timeout=self.lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(
                f"another followup has held the store for over {self.lock_timeout:g} s "
                f"(lock {self.lock_path}); try again when it has finished"
            ) from None
        except OSError as exc:
            raise StoreError(f"could not lock {self.lock_path}: {exc.strerror or exc}") from None
        try:
            yield
        finally:
            lock.release()

    def _ensure_root(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"{self.root} is not a folder: point FOLLOWUP_HOME at a folder")
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"could not create {self.root}: {exc.strerror or exc}") from None

    @contextlib.contextmanager
    def change(self, now: datetime) -> Iterator[Change]:
        """A locked change: edit `change.doc` (and `change.closed()`), set `change.summary`.

        When the block ends without an exception and something changed, the new
        state is committed atomically and becomes one step of `undo`. An exception
        leaves every file as it was.
        """
        with self.lock():
            raw = self._read_bytes(self.open_path)
            doc = OpenDoc() if raw is None else self._parse_open(raw, self.open_path)
            change = Change(self, doc)
            yield change
            self._commit(change, raw, now)

    def _commit(self, change: Change, raw: bytes | None, now: datetime) -> None:
        doc = change.doc
        before = change.original
        history_changed = change.history_changed()
        if not history_changed and doc.model_dump(exclude={"undo"}) == before.model_dump(
            exclude={"undo"}
        ):
            change.changed = False
            return
        if history_changed:
            closed = sorted(change.closed(), key=lambda iv: iv.id)
            doc.closed_ids = [iv.id for iv in closed]
            name = f"closed-{self._next_number(self.history_dir):06d}.json"
            self.history_dir.mkdir(mode=0o700, exist_ok=True)
            body = HistoryDoc(interviews=closed).model_dump_json(indent=1)
            write_atomic(self.history_dir / name, body.encode())
            doc.history = name
        snapshot = f"{self._next_number(self.undo_dir):06d}.json"
        self.undo_dir.mkdir(mode=0o700, exist_ok=True)
        self._snapshot(self.undo_dir / snapshot, raw)
        entry = UndoEntry(
            summary=change.summary or "a change",
            at=now,
            file=snapshot,
            history=before.history,
        )
        doc.undo = [*before.undo, entry][-UNDO_LEVELS:]
        self._write_open(doc)
        change.changed = True
        self._collect_garbage(doc)

    def _snapshot(self, target: Path, raw: bytes | None) -> None:
        """Keep the state before a change at `target`, for `undo`.

        A hard link keeps the old open.json's bytes at no cost: open.json is only
        ever replaced, never written in place. Where links fail, copy. Before the
        first change there is no file: the snapshot is an empty store.
        """
        if raw is None:
            write_atomic(target, OpenDoc().model_dump_json(indent=1).encode())
            return
        try:
            os.link(self.open_path, target)
        except OSError:
            write_atomic(target, raw)

    def _write_open(self, doc: OpenDoc) -> None:
        write_atomic(self.open_path, doc.model_dump_json(indent=1).encode())

    @staticmethod
    def _next_number(folder: Path) -> int:
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return 1
        numbers = [int(m.group(1)) for n in names if (m := _NUMBERED.match(n))]
        return max(numbers, default=0) + 1

    def _collect_garbage(self, doc: OpenDoc) -> None:
        """Remove undo snapshots and history files nothing points to any more.

        Best effort: a file left behind costs only disk space.
        """
        keep_undo = {e.file for e in doc.undo}
        keep_history = {doc.history} | {e.history for e in doc.undo}
        for folder, keep in ((self.undo_dir, keep_undo), (self.history_dir, keep_history)):
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                if name not in keep and (_NUMBERED.match(name) or name.endswith(".tmp")):
                    with contextlib.suppress(OSError):
                        (folder / name).unlink()

    def undo(self, now: datetime) -> str:
        """Revert the most recent change; return its summary. Numbers are never reused."""
        from followup.errors import FollowupError

        with self.lock():
            doc = self.read_open()
            if not doc.undo:
                raise FollowupError("nothing to undo: no change is recorded")
            entry = doc.undo[-1]
            path = self.undo_dir / entry.file
            data = self._read_bytes(path)
            if data is None:
                raise StoreError(f"cannot undo {entry.summary!r}: {path} is missing")
            previous = self._parse_open(data, path)
            previous.next_id = max(previous.next_id, doc.next_id)
            previous.undo = doc.undo[:-1]
            self._write_open(previous)
            self._collect_garbage(previous)
            return entry.summary


class Change:
    """What a command edits inside `Store.change()`."""

    def __init__(self, store: Store, doc: OpenDoc) -> None:
        self.store = store
        self.original = doc
        self.doc = doc.model_copy(deep=True)
        self.summary: str | None = None
        self.changed = False
        self._closed: list[Interview] | None = None
        self._closed_before: list[dict] | None = None

    @property
    def open(self) -> list[Interview]:
        """The open interviews (edit in place)."""
        return self.doc.interviews

    def closed(self) -> list[Interview]:
        """The closed interviews, read on first use (edit in place)."""
        if self._closed is None:
            self._closed = self.store.read_history(self.original)
            self._closed_before = [iv.model_dump() for iv in self._closed]
        return self._closed

    def history_changed(self) -> bool:
        """Whether the closed interviews differ from what was read."""
        if self._closed is None:
            return False
        return [iv.model_dump() for iv in self._closed] != self._closed_before

    def new_id(self) -> int:
        """Take the next interview number; numbers are never reused."""
        number = self.doc.next_id
        self.doc.next_id += 1
        return number
