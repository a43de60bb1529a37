"""A change in progress: what a command edits inside `Store.change()`.

The store commits it as one step of `undo` when the block ends without an error.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from followup.core.models import Interview, OpenDoc

if TYPE_CHECKING:
    from followup.storage.store import Store


class SettingsUpdate(Protocol):
    """What a change that also replaces the settings file gives the store."""

    def new_bytes(self, current: bytes | None) -> bytes | None: ...


class Change:
    """What a command edits inside `Store.change()`."""

    def __init__(self, store: Store, doc: OpenDoc, working: OpenDoc | None = None) -> None:
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

    def history_loaded(self) -> bool:
        """Whether the closed interviews were read (and so may have changed)."""
        return self._closed is not None

    def closed_before(self) -> list[dict]:
        """The closed interviews as they were read, dumped (after `closed()`)."""
        return list(self._closed_before or [])

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


def stamp_changed(change: Change, now: datetime) -> None:
    """Set `updated_at` to `now` on every interview this change added or altered,
    unless the change set it itself (an import keeps the time of the file's copy)."""
    previous = {iv.id: iv.model_dump() for iv in change.original.interviews}
    if change.history_loaded():
        previous.update({d["id"]: d for d in change.closed_before()})
    current = [*change.doc.interviews, *(change.closed() if change.history_loaded() else [])]
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
