"""`followup doctor`: check the data folder, and repair it with the user's consent.

`examine` only reads. Each problem it finds comes with the repair doctor would
make, in words. `repair` takes the store's lock, looks again, and makes those
repairs only if the problems are still the ones the user agreed to fix. The
repairs themselves, and the quarantine folder broken files are moved to, are in
`repairs`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from followup.core.models import SCHEMA_VERSION, OpenDoc, problems
from followup.core.text import clean
from followup.errors import StoreError
from followup.storage import files, temps
from followup.storage.repairs import Repairs, relative_name
from followup.storage.store import HISTORY_DIR, OPEN_FILE, UNDO_DIR, Store
from followup.storage.validation import HISTORY_NAME, UNDO_NAME

#: backup/vN/: the files of schema version N, kept when they were upgraded.
_VERSION_DIR = re.compile(r"^v\d+$")


@dataclass
class Problem:
    """Something wrong, what doctor would do about it, and the doing."""

    text: str
    repair: str | None = None
    action: Callable[[], list[str]] | None = None


@dataclass
class Examination:
    """What doctor found: healthy facts (`checks`) and `problems`."""

    root: Path
    checks: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


@dataclass
class _State:
    """A readable state of the store that open.json could be set back to."""

    source: Path
    doc: OpenDoc
    closed: int


def _counts(doc: OpenDoc) -> str:
    closed = len(doc.closed_ids) + len(doc.awaiting)
    waiting = f" ({len(doc.awaiting)} with a reply or decision pending)" if doc.awaiting else ""
    return f"{len(doc.interviews)} open and {closed} closed interviews{waiting}"


def _newer(data: bytes) -> bool:
    with contextlib.suppress(ValueError, AttributeError, TypeError):
        version = json.loads(data).get("version")
        return isinstance(version, int) and version > SCHEMA_VERSION
    return False


class _Doctor:
    def __init__(self, store: Store, now: datetime) -> None:
        self.store = store
        self.now = now
        self.exam = Examination(store.root)
        self.repairs = Repairs(store, now)

    # ----- looking -------------------------------------------------------------

    def examine(self) -> Examination:
        store, exam = self.store, self.exam
        blocking = next(
            (p for p in (store.root, *store.root.parents) if p.exists() and not p.is_dir()), None
        )
        if blocking is not None:
            exam.problems.append(
                Problem(f"{blocking} is not a folder: point FOLLOWUP_HOME at a folder")
            )
            return exam
        if not store.root.exists():
            exam.checks.append(f"no data yet: {store.root} will be made on your first change")
            return exam
        self._check_modes()
        data = store.read_bytes(store.open_path)
        if data is None:
            if store.leftovers():
                self._restore_problem(f"{OPEN_FILE} is missing", None)
            else:
                exam.checks.append(f"no data yet in {store.root}")
            return exam
        try:
            doc, version = store.parse_open(data, store.open_path)
        except StoreError as exc:
            if _newer(data):
                exam.problems.append(Problem(str(exc)))
            else:
                self._restore_problem(str(exc), data)
            return exam
        exam.checks.append(f"{OPEN_FILE}: {_counts(doc)}, next number {doc.next_id}")
        if version < SCHEMA_VERSION:
            exam.checks.append(
                f"{OPEN_FILE} is of version {version}: it is upgraded to version "
                f"{SCHEMA_VERSION} on your next change (the originals are kept in backup/)"
            )
        if not self._check_history(doc):
            return exam
        self._check_values(doc)
        self._check_undo(doc)
        self._check_backup(data)
        self._check_strays(doc)
        self._check_quarantine()
        return exam

    def _store_paths(self) -> list[Path]:
        """The folders and files followup made: never a file of the user's that lies beside."""
        store = self.store
        paths = [store.root]
        for name in (OPEN_FILE, ".lock"):
            if (store.root / name).exists():
                paths.append(store.root / name)
        ours = {
            store.history_dir: lambda p: bool(HISTORY_NAME.match(p.name)),
            store.undo_dir: lambda p: bool(UNDO_NAME.match(p.name)),
            store.backup_dir: lambda p: p.name == OPEN_FILE or bool(_VERSION_DIR.match(p.name)),
            store.quarantine_dir: lambda p: True,  # only doctor puts files there
        }
        for folder, mine in ours.items():
            if not folder.is_dir():
                continue
            paths.append(folder)
            with contextlib.suppress(OSError):
                for path in sorted(folder.iterdir()):
                    if not mine(path):
                        continue
                    paths.append(path)
                    if path.is_dir() and not path.is_symlink():
                        paths += sorted(path.rglob("*"))
        return paths

    def _check_modes(self) -> None:
        loose = []
        for path in self._store_paths():
            with contextlib.suppress(OSError):
                mode = path.lstat().st_mode
                if not stat.S_ISLNK(mode) and mode & 0o077:
                    loose.append(path)
        if not loose:
            self.exam.checks.append(f"{self.store.root}: private (folders 0700, files 0600)")
            return
        shown = ", ".join(
            f"{relative_name(self.store, p)} ({p.stat().st_mode & 0o777:o})" for p in loose
        )
        self.exam.problems.append(
            Problem(
                f"other users can read your data: {shown}",
                "make those folders 0700 and files 0600 (only you can read them)",
                partial(self.repairs.make_private, loose),
            )
        )

    def _check_history(self, doc: OpenDoc) -> bool:
        store = self.store
        if doc.history is None:
            return True
        path = store.history_path(doc.history)
        try:
            closed = store.read_history(doc)
        except StoreError as exc:
            self._history_problem(doc, str(exc), path)
            return False
        ids = sorted(iv.id for iv in closed)
        if ids != sorted(doc.closed_ids):
            self._closed_ids_problem(doc, ids, path)
            return False
        self.exam.checks.append(f"{relative_name(store, path)}: {len(closed)} closed interviews")
        return True

    def _readable_state(self, path: Path) -> _State | None:
        """The state in `path` (open.json, a backup or a snapshot) if it and its history read."""
        store = self.store
        try:
            data = store.read_bytes(path)
            if data is None:
                return None
            doc, _ = store.parse_open(data, path)
            closed = store.read_history(doc)
        except StoreError:
            return None
        if sorted(iv.id for iv in closed) != sorted(doc.closed_ids):
            return None
        return _State(path, doc, len(closed))

    def _candidates(self) -> list[_State]:
        """Readable earlier states, best first: the backup, then undo snapshots, newest first."""
        store = self.store
        paths = [store.backup_path]
        with contextlib.suppress(OSError):
            names = [n for n in os.listdir(store.undo_dir) if UNDO_NAME.match(n)]
            paths += [store.undo_dir / n for n in sorted(names, reverse=True)]
        return [s for p in paths if (s := self._readable_state(p)) is not None]

    # ----- problems with their repairs -------------------------------------------

    def _restore_problem(self, text: str, broken: bytes | None) -> None:
        store = self.store
        states = [s for s in self._candidates() if broken is None or s.source != store.open_path]
        if broken is not None:
            states = [s for s in states if store.read_bytes(s.source) != broken]
        if not states:
            self.exam.problems.append(
                Problem(
                    text,
                    f"move {OPEN_FILE}, {HISTORY_DIR}/ and {UNDO_DIR}/ into quarantine/ and start "
                    "an empty store (no earlier state could be read; nothing is deleted)",
                    self.repairs.start_afresh,
                )
            )
            return
        best = states[0]
        # Numbers are never given out twice, even those only the broken file knew.
        next_id = max(s.doc.next_id for s in states)
        what = f"{relative_name(store, best.source)} ({_counts(best.doc)})"
        moved = f"move the broken {OPEN_FILE} to quarantine/ and " if broken is not None else ""
        fix = partial(self.repairs.restore, best.doc, what, next_id, broken is not None)
        self.exam.problems.append(Problem(text, f"{moved}restore it from {what}", fix))

    def _history_problem(self, doc: OpenDoc, text: str, path: Path) -> None:
        store = self.store
        for i in range(len(doc.undo) - 1, -1, -1):
            entry = doc.undo[i]
            state = self._readable_state(store.undo_dir / entry.file)
            if state is None or state.doc.history == doc.history:
                continue
            lost = "; ".join(e.summary for e in doc.undo[i:])
            self.exam.problems.append(
                Problem(
                    text,
                    f"move {relative_name(store, path)} to quarantine/ and go back to the last "
                    f"state whose closed interviews can be read, undoing: {lost}",
                    partial(self.repairs.go_back, doc, state.doc, i, path, lost),
                )
            )
            return
        self.exam.problems.append(
            Problem(
                text,
                f"move {relative_name(store, path)} to quarantine/ and go on with no closed "
                "interviews (no earlier state could be read)",
                partial(self.repairs.forget_history, doc, path),
            )
        )

    def _closed_ids_problem(self, doc: OpenDoc, ids: list[int], path: Path) -> None:
        self.exam.problems.append(
            Problem(
                f"{OPEN_FILE} lists closed interviews {sorted(doc.closed_ids)}, but "
                f"{relative_name(self.store, path)} holds {ids}",
                f"set closed_ids to {ids}, as the history file says",
                partial(self.repairs.set_closed_ids, doc, ids, path),
            )
        )

    def _check_values(self, doc: OpenDoc) -> None:
        """Hold what the store holds to what `add` accepts (a hand edit, an old import)."""
        store = self.store
        found = []
        for iv in [*doc.interviews, *store.read_closed(doc)]:
            for where, problem in problems(iv, self.now):
                found.append(f"#{iv.id} {clean(iv.company)[:40]}, {where}: {problem}")
        if not found:
            return
        more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
        self.exam.problems.append(
            Problem(
                f"{len(found)} value(s) that followup would refuse if typed: "
                + "; ".join(found[:5])
                + more
                + ". Change them with the edit command, or by hand in "
                f"{relative_name(store, store.open_path)} (closed ones in {HISTORY_DIR}/)"
            )
        )

    def _check_undo(self, doc: OpenDoc) -> None:
        store = self.store
        for i in range(len(doc.undo) - 1, -1, -1):
            entry = doc.undo[i]
            path = store.undo_dir / entry.file
            problem = None
            try:
                data = store.read_bytes(path)
                if data is None:
                    problem = f"{relative_name(store, path)} is missing"
                else:
                    store.parse_open(data, path)
                    if entry.history and not store.history_path(entry.history).is_file():
                        problem = f"{HISTORY_DIR}/{entry.history} is missing"
            except StoreError as exc:
                problem = str(exc)
            if problem is None:
                continue
            keep = doc.undo[i + 1 :]
            self.exam.problems.append(
                Problem(
                    f"undo step {entry.summary!r} cannot be undone: {problem}",
                    f"let undo go back {len(keep)} change(s) instead of {len(doc.undo)}",
                    partial(self.repairs.shorten_undo, doc, path, keep),
                )
            )
            return
        self.exam.checks.append(f"undo: can go back {len(doc.undo)} change(s)")

    def _check_backup(self, data: bytes) -> None:
        store = self.store
        backup = store.read_bytes(store.backup_path)
        if backup == data:
            self.exam.checks.append(
                f"{relative_name(store, store.backup_path)}: the same as {OPEN_FILE}"
            )
            return

        state = "missing" if backup is None else f"older than {OPEN_FILE} or different"
        self.exam.problems.append(
            Problem(
                f"the backup {relative_name(store, store.backup_path)} is {state}",
                f"copy {OPEN_FILE} to it",
                self.repairs.refresh_backup,
            )
        )

    def _check_strays(self, doc: OpenDoc) -> None:
        store = self.store
        strays = store.stray_files(doc)
        if not strays:
            return

        names = ", ".join(relative_name(store, p) for p in strays)
        self.exam.problems.append(
            Problem(
                f"{len(strays)} leftover file(s) from interrupted saves or dropped undo steps: "
                f"{names}",
                "delete them (nothing points to them)",
                self.repairs.delete_strays,
            )
        )

    def _check_quarantine(self) -> None:
        folder = self.store.quarantine_dir
        with contextlib.suppress(OSError):
            if any(folder.iterdir()):
                self.exam.checks.append(
                    f"{folder} holds files doctor moved aside earlier; delete them once "
                    "you no longer need them"
                )


def remove_dead_temps(store: Store, config: Path | None = None) -> list[Path]:
    """Remove the temporary files that followup processes killed mid-write left in the
    data folder (the store, its backup and history, reminder state, exports saved
    there), in the settings folder `config`, and beside a symlinked `open.json`'s
    target: only those whose process is gone (see `temps.remove_dead_temps`). Needs
    no lock: a live process's file is never one of them. Returns what was removed."""
    removed: list[Path] = []
    for folder in _data_folders(store, config):
        removed += temps.remove_dead_temps(folder)
    return removed


def remove_dead_temp_folders(store: Store, config: Path | None = None) -> list[Path]:
    """Remove the temporary folders that followup processes killed mid-write left (an
    upgrade's copies of the originals, killed before they were renamed into `backup/vN/`),
    where `remove_dead_temps` looks, and those named the way of earlier followups in
    `backup/` (see `temps.remove_dead_temp_folders`). Call it first: what was in them
    then goes with them, not file by file. Returns the folders removed."""
    backup = os.path.realpath(store.backup_dir)
    removed: list[Path] = []
    for folder in _data_folders(store, config):
        old = os.path.realpath(folder) == backup
        removed += temps.remove_dead_temp_folders(folder, old_upgrade_folders=old)
    return removed


def _data_folders(store: Store, config: Path | None) -> list[Path]:
    """Every folder of the data and the settings, once each (symlinked folders are not
    followed), and the folder of a symlinked `open.json`'s target."""
    folders: list[Path] = []
    for top in (store.root, config):
        if top is None:
            continue
        for folder, _, _ in os.walk(top):  # symlinked folders are not followed
            folders.append(Path(folder))
    target = files.real_path(store.open_path)
    if target != store.open_path:
        folders.append(target.parent)
    unique: list[Path] = []
    seen: set[str] = set()
    for folder in folders:
        key = os.path.realpath(folder)
        if key not in seen:
            seen.add(key)
            unique.append(folder)
    return unique


def examine(store: Store, now: datetime) -> Examination:
    """Check the store; read only."""
    return _Doctor(store, now).examine()


def repair(store: Store, now: datetime, agreed: list[str]) -> list[str]:
    """Make the repairs for the problems the user agreed to (`agreed`: their texts).

    Under the lock, the store is examined again; if its problems are no longer
    the agreed ones (another command changed it meanwhile), nothing is done.
    """
    with store.lock():
        exam = _Doctor(store, now).examine()
        if [p.text for p in exam.problems] != agreed:
            raise StoreError(
                "your data changed while doctor was asking: nothing was repaired",
                advice=("doctor", " again"),
            )
        done: list[str] = []
        for problem in exam.problems:
            if problem.action is not None:
                try:
                    done += problem.action()
                except (OSError, StoreError) as exc:
                    why = files.os_problem(exc) if isinstance(exc, OSError) else str(exc)
                    raise StoreError(
                        f"repair stopped: {why}; done so far: " + ("; ".join(done) or "nothing")
                    ) from None
        return done
