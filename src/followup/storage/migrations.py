"""Upgrades of the store's files from older schema versions, one version at a time.

Each file of the store carries `"version"`. When `models.SCHEMA_VERSION` goes up,
add a function here that turns a document of the old version into the next one
(a plain `dict` in, a plain `dict` out: the models of old versions are gone), and
a fixture store of the old version under `tests/fixtures/` (a test checks that
every version has one). The store keeps a copy of the original files before it
writes anything in the new version.

Version 1 is the first schema. Version 2 gives every interview a `uid`, a
`decision` (none), `topics` (its notes, which drafts used to quote: notes are private
from version 2 on, and kept as they were), a `round` (1) and `previous` (none), and
every open interview a pending check-in step. Version 3 adds keys that read as null
when absent (on an interview `deadline` and `replied_at`, on a step `snoozed_from`), the
step kinds `reply` and `decide`, and open.json's `awaiting` (closed interviews with a
reply or decision pending): nothing in a version 2 file changes, but an older followup
would refuse the new keys, so the version tells it to upgrade instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, NamedTuple

from followup.core.text import cut_words

Document = dict[str, Any]
Upgrade = Callable[[Document], Document]
Kind = Literal["open", "history"]

#: The oldest version this followup can read.
FIRST_VERSION = 1


def legacy_uid(iv: Document) -> str:
    """A uid for an interview written before uids: the same every time the same file is
    read (undo snapshots are upgraded on each read), and different across machines,
    as it comes from the moment the interview was recorded."""
    import hashlib

    created = iv.get("created_at")
    key = (
        f"{iv.get('id')}|{created}"
        if created
        else f"{iv.get('id')}|{iv.get('at')}|{iv.get('company')}"
    )
    return hashlib.sha256(f"followup-v1|{key}".encode()).hexdigest()[:32]


#: The longest topic (core.text.LIMITS["topic"]); a longer line of notes is cut to it.
_TOPIC_LIMIT = 300


def notes_as_topics(notes: Any) -> list[Document]:
    """Version-1 notes as topics for everyone: one per line, as the drafts used them.

    A line longer than a topic may be is cut at a word, marked with '…' (the notes
    themselves keep every word)."""
    if not isinstance(notes, str):
        return []
    topics = []
    for line in notes.splitlines():
        text = " ".join(line.split())
        text = cut_words(text, _TOPIC_LIMIT)  # whole words, or a long word's start
        if text:
            topics.append({"text": text, "who": None})
    return topics


def interview_1_to_2(iv: Document) -> Document:
    """One interview of version 1 in the shape of version 2 (no check-in added here)."""
    if not isinstance(iv, dict):
        return iv  # the model's check names what is wrong with it
    iv = dict(iv)
    iv.setdefault("uid", legacy_uid(iv))
    iv.setdefault("topics", notes_as_topics(iv.get("notes", "")))
    iv.setdefault("decision", None)
    iv.setdefault("round", 1)
    iv.setdefault("previous", None)
    return iv


def first_checkin(iv: Document) -> Document:
    """An open interview of version 1 gets the check-in it never had, due as a new one
    with no decision date would be (the built-in delay: settings are not read here)."""
    from datetime import UTC, datetime

    from followup.core.kinds import CHECKIN_NO_DATE
    from followup.core.limits import out_of_range

    steps = iv.get("steps")
    if not isinstance(steps, list) or any(
        isinstance(s, dict) and s.get("step") == "checkin" for s in steps
    ):
        return iv
    try:
        at = datetime.fromisoformat(iv["at"])
        if at.tzinfo is None or out_of_range(at.astimezone(UTC)):
            return iv  # the model's check names the bad time
    except (KeyError, TypeError, ValueError, OverflowError):
        return iv  # the model's check names the bad time (a far year would overflow)
    due = CHECKIN_NO_DATE.after(at)
    step = {"step": "checkin", "who": None, "due": due.isoformat(), "status": "pending"}
    return {**iv, "steps": [*steps, step]}


def _open_1_to_2(doc: Document) -> Document:
    interviews = doc.get("interviews")
    if isinstance(interviews, list):
        doc["interviews"] = [first_checkin(interview_1_to_2(iv)) for iv in interviews]
    return doc


def _history_1_to_2(doc: Document) -> Document:
    interviews = doc.get("interviews")
    if isinstance(interviews, list):
        doc["interviews"] = [interview_1_to_2(iv) for iv in interviews]
    return doc


def _2_to_3(doc: Document) -> Document:
    """Version 3 only adds keys that default to null or empty: a version 2 document is
    already one."""
    return doc


#: UPGRADES[kind][n] turns a document of version n into version n + 1.
UPGRADES: dict[Kind, dict[int, Upgrade]] = {
    "open": {1: _open_1_to_2, 2: _2_to_3},
    "history": {1: _history_1_to_2, 2: _2_to_3},
}


class Notice(NamedTuple):
    """What the user should hear, as it happens: `text`, and the command line's advice
    (a key of cli/advice.py and its values, as `FollowupError.advice`) that ends the
    last sentence of `text`, or None when `text` is whole."""

    text: str
    advice: tuple[object, ...] | None = None


def upgrade_notice(version: int, open_doc: Document) -> Notice | None:
    """What the user should hear, once, when their store of `version` is first written
    in the current schema (`open_doc`: open.json as it was, before the upgrade): None
    for a store of this schema. With notes turned into topics, the advice (the commands
    that check them) is the command line's to word."""
    if version >= 2:
        return None
    interviews = open_doc.get("interviews") if isinstance(open_doc, dict) else None
    with_notes = [
        iv for iv in interviews or [] if isinstance(iv, dict) and notes_as_topics(iv.get("notes"))
    ]
    said = (
        "Your data was upgraded for this followup (a copy of the old files is in backup/v1). "
        "Notes are private now: no draft quotes them; drafts mention topics instead. "
        "Each open interview also has a check-in step now."
    )
    if not with_notes:
        return Notice(said)
    return Notice(
        f"{said} The notes of {len(with_notes)} interview(s) became their topics, so drafts "
        "read as before",
        advice=("upgrade-topics",),
    )


class MigrationProblem(Exception):
    """A document this followup cannot bring up to date (the store names the file)."""


def upgrade(kind: Kind, doc: Document, target: int) -> Document:
    """Bring `doc` (a `kind` document) from its `"version"` up to `target`, step by step."""
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < FIRST_VERSION:
        raise MigrationProblem(
            f"its version {version!r} is not a followup store version "
            f"(versions start at {FIRST_VERSION})"
        )
    steps = UPGRADES[kind]
    while version < target:
        step = steps.get(version)
        if step is None:
            raise MigrationProblem(
                f"this followup does not know how to upgrade version {version} to {version + 1}"
            )
        doc = step(dict(doc))
        version += 1
        doc["version"] = version
    return doc
