"""A change in progress: what a command edits inside `Store.change()`.

The store commits it as one step of `undo` when the block ends without an error.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from followup.core.models import MAX_ID, Interview, OpenDoc
from followup.errors import FollowupError


class HistoryReader(Protocol):
    """What a change needs of its store: the closed interviews, read on first use
    (`Store` is one; this module does not import it, as the store imports this one)."""

    def read_history(self, doc: OpenDoc) -> list[Interview]: ...


class SettingsUpdate(Protocol):
    """What a change that also replaces the settings file gives the store."""

    def new_bytes(self, current: bytes | None) -> bytes | None: ...


class Change:
    """What a command edits inside `Store.change()`."""

    def __init__(self, store: HistoryReader, doc: OpenDoc, working: OpenDoc | None = None) -> None:
        self.store = store
        self.original = doc
        #: What the command edits: `working`, an independent copy of `doc` when given.
        self.doc = working if working is not None else doc.model_copy(deep=True)
        self.summary: str | None = None
        self.changed = False
        #: The schema version open.json had, when older than this followup's.
        self.upgraded_from: int | None = None
        #: What the command should tell the user besides its result (which of several
        #: rounds a company prefix was taken to mean, say).
        self.notices: list[str] = []
        #: Numbers of interviews whose `updated_at` the command set itself (an import
        #: keeps the time of the last real change of the copies it merged).
        self.stamped: set[int] = set()
        #: The settings this change replaces too (`import --settings`): an object whose
        #: `new_bytes(current)` gives the new `config.toml` from the current one (None:
        #: no change), called under the lock; the store keeps the old file for `undo`.
        self.settings: SettingsUpdate | None = None
        self._closed: list[Interview] | None = None
        self._closed_before: list[dict] | None = None
        self._history_before: list[dict] | None = None

    @property
    def open(self) -> list[Interview]:
        """The open interviews (edit in place)."""
        return self.doc.interviews

    def closed(self) -> list[Interview]:
        """The closed interviews, read on first use (edit in place): those of open.json's
        `awaiting` (a reply or decision pending), then those of the history file."""
        if self._closed is None:
            history = self.store.read_history(self.original)
            self._closed_before = [iv.model_dump() for iv in (*self.original.awaiting, *history)]
            self._history_before = [iv.model_dump() for iv in history]
            self._closed = [*self.doc.awaiting, *history]
        return self._closed

    def closed_ids(self) -> list[int]:
        """The numbers of the closed interviews, without reading the history file."""
        awaiting = self._closed if self._closed is not None else self.doc.awaiting
        return [*self.doc.closed_ids, *(iv.id for iv in awaiting if iv.closed)]

    def history_loaded(self) -> bool:
        """Whether the closed interviews were read (and so may have changed)."""
        return self._closed is not None

    def closed_before(self) -> list[dict]:
        """The closed interviews as they were read, dumped (after `closed()`)."""
        return list(self._closed_before or [])

    def settle(self) -> None:
        """Put each closed interview where it belongs: in open.json's `awaiting` while a
        reply or decision of its is pending, else in history (`status` reads the one and
        never the other). Called by the store before it commits."""
        from followup.core.checklist import awaits_answer

        if self._closed is None:
            if all(awaits_answer(iv) for iv in self.doc.awaiting):
                return
            self.closed()  # one of them is done with: it moves to history
        assert self._closed is not None
        self.doc.awaiting = sorted(
            (iv for iv in self._closed if awaits_answer(iv)), key=lambda iv: iv.id
        )

    def history(self) -> list[Interview]:
        """The closed interviews that belong in the history file (after `settle`)."""
        from followup.core.checklist import awaits_answer

        return [iv for iv in self.closed() if not awaits_answer(iv)]

    def history_changed(self) -> bool:
        """Whether the history file's interviews differ from what was read."""
        if self._closed is None:
            return False
        return [iv.model_dump() for iv in self.history()] != self._history_before

    def new_id(self) -> int:
        """Take the next interview number; numbers are never reused."""
        number = self.doc.next_id
        if number > MAX_ID:
            raise FollowupError(
                f"interview numbers run out at {MAX_ID:,}, and an imported interview took "
                "the last: export, lower the numbers in the file (`id`, `previous`), and "
                "import it into a new store"
            )
        self.doc.next_id += 1
        return number


def stamp_changed(change: Change, now: datetime) -> None:
    """Set `updated_at` to `now` on every interview this change added or altered,
    unless the change set it itself (an import keeps the time of the file's copy)."""
    previous = {
        iv.id: iv.model_dump() for iv in (*change.original.interviews, *change.original.awaiting)
    }
    if change.history_loaded():
        previous.update({d["id"]: d for d in change.closed_before()})
    closed = change.closed() if change.history_loaded() else change.doc.awaiting
    current = [*change.doc.interviews, *closed]
    for iv in current:
        old = previous.get(iv.id)
        if old is None:
            if iv.updated_at is None:
                iv.updated_at = now
            continue
        new = iv.model_dump()  # times as they are stored: strings
        if old.get("updated_at") != new["updated_at"] or iv.id in change.stamped:
            continue  # set by the change itself
        if {k: v for k, v in old.items() if k != "updated_at"} != {
            k: v for k, v in new.items() if k != "updated_at"
        }:
            iv.updated_at = now
