"""Rules of `followup import FILE.json` a user relies on: which files are read (encodings,
envelope, versions), how each problem is named, and how a file merges into the store by
uid (the newer copy wins, numbers and rounds follow, the undo line says what happened)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import snapshot

AT = "2026-11-01T10:00:00+00:00"


def export(*interviews: dict, version: int = 2) -> bytes:
    doc = {"format": "followup", "version": version, "interviews": list(interviews)}
    return json.dumps(doc).encode()


def entry(id: int, company: str = "", **more) -> dict:
    return {"id": id, "uid": f"uid-{id}", "company": company or f"Co{id}", "at": AT, **more}


def test_a_bad_file_through_the_cli_changes_nothing_and_exits_1(cli, home: Path, tmp_path):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    before = snapshot(home)
    bad = tmp_path / "bad.json"
    bad.write_bytes(export(entry(1), entry(2, uid="uid-1")))
    run = cli("import", str(bad))
    assert run.code == 1
    assert f"{bad}: bad value at interviews[1].uid: 'uid-1' is used twice" in run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(home) == before
