"""Upgrades of the store's files from older schema versions, one version at a time.

Each file of the store carries `"version"`. When `models.SCHEMA_VERSION` goes up,
add a function here that turns a document of the old version into the next one
(a plain `dict` in, a plain `dict` out: the models of old versions are gone), and
a fixture store of the old version under `tests/fixtures/` (a test checks that
every version has one). The store keeps a copy of the original files before it
writes anything in the new version.

Version 1 is the first schema: there is nothing to upgrade from yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

Document = dict[str, Any]
Upgrade = Callable[[Document], Document]
Kind = Literal["open", "history"]

#: The oldest version this followup can read.
FIRST_VERSION = 1

#: UPGRADES[kind][n] turns a document of version n into version n + 1.
UPGRADES: dict[Kind, dict[int, Upgrade]] = {"open": {}, "history": {}}


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
