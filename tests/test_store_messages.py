"""What the store says about a file it cannot read: the file, the place, the fix.

The store used directly (the CLI prints these lines after `error: `); each message is
checked whole, since a user acts on every part of it.
"""

# ruff: noqa: E501 (the messages are data, easier to read whole)
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import NOW_DT
from followup import __version__
from followup.core.models import SCHEMA_VERSION
from followup.errors import StoreError
from followup.features import actions
from followup.storage.store import Store
from followup.storage.validation import field_path

IV = {"id": 1, "uid": "u1", "company": "Acme", "at": "2026-11-25T14:00:00Z"}


def doc(**fields) -> dict:
    return {"format": "followup-store", "version": SCHEMA_VERSION, "next_id": 2} | fields


@pytest.fixture
def store(home: Path) -> Store:
    home.mkdir()
    return Store(home)


def refused(store: Store, data: bytes | str | dict) -> str:
    if isinstance(data, dict):
        data = json.dumps(data)
    store.open_path.write_bytes(data if isinstance(data, bytes) else data.encode())
    before = store.open_path.read_bytes()
    with pytest.raises(StoreError) as info:
        store.read_open()
    assert store.open_path.read_bytes() == before
    return str(info.value).replace(str(store.open_path), "open.json")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "open.json is empty (0 bytes): it holds no data"),
        (b" \n\t", "open.json is empty (3 bytes): it holds no data"),
        (b'{"a": "\xe9"}', "open.json is not text: byte 7 is not UTF-8 (a binary file?)"),
        ("\ufeff{}", "open.json starts with a byte-order mark: save it as UTF-8 without one"),
        ('{\n  "a": 1,,\n}', "open.json is not valid JSON (line 2, column 10: Expecting property name enclosed in double quotes)"),
        ("[" * 100_000, "open.json is not a followup file: its JSON is nested too deeply"),
        ("[1]", "open.json should hold a JSON object ({...}) but holds list"),
        ("null", "open.json should hold a JSON object ({...}) but holds null"),
        ({"version": 1}, 'open.json is not a followup file: it has no "format", not "followup-store"'),
        (
            {"format": "followup-history", "version": 1},
            'open.json is not a followup file: its "format" is \'followup-history\', not "followup-store"',
        ),
        ({"format": None, "version": 2}, 'open.json is not a followup file: its "format" is null, not "followup-store"'),
        ({"format": True, "version": 2}, 'open.json is not a followup file: its "format" is true, not "followup-store"'),
        ({"format": "followup-store"}, 'open.json has no "version" field'),
        (doc(interviews=[IV | {"closed": True}]), "open.json has a bad value at interviews[0].closed (interview #1): an interview in open.json is open, so closed must be false"),
        (doc(interviews=[IV | {"compnay": "x"}]), "open.json has an unknown field 'compnay' at interviews[0].compnay (interview #1 Acme) (a typo? rename or remove it)"),
        (doc(interviews=[{"id": 1, "uid": "u1", "at": "2026-11-25T14:00:00Z"}]), "open.json has no 'company' at interviews[0].company (interview #1), and it is required"),
        (doc(next_id="two"), "open.json has a bad value at next_id: Input should be a valid integer (found 'two')"),
        (doc(interviews=[IV | {"notes": "n" * 60, "id": 0}]), "open.json has a bad value at interviews[0].id (interview #0 Acme): Input should be greater than or equal to 1 (found 0)"),
        (doc(interviews=[IV | {"id": "x"}]), "open.json has a bad value at interviews[0].id (interview #x Acme): Input should be a valid integer (found 'x')"),
        (doc(interviews=[IV | {"role": ["a"] * 20}]), "open.json has a bad value at interviews[0].role (interview #1 Acme): Input should be a valid string"),
        (doc(interviews=[IV | {"at": "x", "company": 5}]), "open.json has a bad value at interviews[0].company (interview #1 5): Input should be a valid string (found 5) (and 1 more problem)"),
        (doc(interviews=[IV | {"at": "x", "company": 5, "role": 6}]), "open.json has a bad value at interviews[0].company (interview #1 5): Input should be a valid string (found 5) (and 2 more problems)"),
        (doc(next_id=2, interviews=[IV | {"notes": 12345678901234567890123456789012345678901234567890}]), "open.json has a bad value at interviews[0].notes (interview #1 Acme): Input should be a valid string (found 1234567890123456789012345678901234567...)"),
        (doc(history="../x.json"), "open.json has a bad value at history: '../x.json' is not a followup file name"),
        (doc(undo=[{"summary": "s", "at": "2026-11-25T14:00:00Z", "file": "closed-000001.json"}]), "open.json has a bad value at undo[0].file: 'closed-000001.json' is not a followup file name"),
        (doc(undo=[{"summary": "s", "at": "2026-11-25T14:00:00Z", "file": "000001.json", "history": "000001.json"}]), "open.json has a bad value at undo[0].history: '000001.json' is not a followup file name"),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_read_is_named_with_what_is_wrong(store, data, message):
    # (the way back, `followup doctor`, is advice the CLI words: see test_advice.py)
    assert refused(store, data) == message


def test_a_newer_store_names_both_versions_and_is_left_alone(store):
    message = refused(store, doc(version=SCHEMA_VERSION + 1))
    assert message == (
        f"open.json was written by a newer followup (store version {SCHEMA_VERSION + 1}; this "
        f"followup {__version__} reads up to store version {SCHEMA_VERSION}): upgrade "
        "followup to use it; the file was left as it is"
    )


def test_field_paths_read_like_the_file():
    assert field_path(("interviews", 0, "steps", 2, "due")) == "interviews[0].steps[2].due"
    assert field_path(("next_id",)) == "next_id"
    assert field_path(()) == ""


def test_a_missing_history_file_is_named_with_the_way_back(store):
    with store.change(NOW_DT) as ch:
        actions.add_interview(ch, company="Acme", at=NOW_DT, now=NOW_DT)
    with store.change(NOW_DT) as ch:
        actions.close_interview(ch, "1", NOW_DT)
    doc_ = store.read_open()
    path = store.history_dir / doc_.history
    path.unlink()
    with pytest.raises(StoreError) as info:
        store.read_all()
    assert str(info.value) == (
        f"{path} is missing (open.json points to it): the closed interviews cannot be read"
    )
    assert info.value.advice == ("doctor", "")  # the CLI adds "; run `followup doctor`"


def test_a_history_file_with_one_number_twice_is_refused(store):
    with store.change(NOW_DT) as ch:
        actions.add_interview(ch, company="Acme", at=NOW_DT, now=NOW_DT)
    with store.change(NOW_DT) as ch:
        actions.close_interview(ch, "1", NOW_DT)
    path = store.history_dir / store.read_open().history
    data = json.loads(path.read_text())
    data["interviews"] = data["interviews"] * 2
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError) as info:
        store.read_all()
    assert str(info.value) == f"{path} lists interview #1 twice (again at interviews[1])"


def test_a_lost_open_json_beside_other_store_files_is_not_an_empty_store(store):
    with store.change(NOW_DT) as ch:
        actions.add_interview(ch, company="Acme", at=NOW_DT, now=NOW_DT)
    with store.change(NOW_DT) as ch:
        actions.add_interview(ch, company="Globex", at=NOW_DT, now=NOW_DT)
    store.open_path.unlink()
    with pytest.raises(StoreError) as info:
        store.read_open()
    assert str(info.value) == (
        f"{store.open_path} is missing, but 2 other store file(s) exist (such as "
        f"{store.backup_path}); nothing was changed"
    )


def test_a_store_whose_only_file_is_the_first_snapshot_reads_as_empty(store):
    # a crash in the very first change leaves undo/000001.json (an empty store) alone
    with store.change(NOW_DT) as ch:
        actions.add_interview(ch, company="Acme", at=NOW_DT, now=NOW_DT)
    store.open_path.unlink()
    store.backup_path.unlink()
    assert sorted(p.name for p in store.undo_dir.iterdir()) == ["000001.json"]
    assert store.read_open().interviews == []


def test_a_lost_undo_snapshot_is_named(store):
    with store.change(NOW_DT) as ch:
        actions.add_interview(ch, company="Acme", at=NOW_DT, now=NOW_DT)
    snapshot = store.undo_dir / store.read_open().undo[-1].file
    snapshot.unlink()
    with pytest.raises(StoreError) as info:
        store.undo(NOW_DT)
    assert str(info.value) == (f"cannot undo 'added #1 Acme': {snapshot} is missing")
    assert info.value.advice == ("doctor", "")  # the CLI adds "; run `followup doctor`"


def test_a_data_folder_that_is_a_file_or_under_a_file_is_named(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(StoreError) as info, Store(afile).change(NOW_DT):
        pass
    assert str(info.value) == f"{afile} is not a folder: point FOLLOWUP_HOME at a folder"
    with pytest.raises(StoreError) as info:
        Store(afile / "data").read_open()
    assert str(info.value) == f"{afile}/data is not a folder: point FOLLOWUP_HOME at a folder"
    (tmp_path / "dir" / "open.json").mkdir(parents=True)
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "dir").read_open()
    assert str(info.value) == f"{tmp_path}/dir/open.json is a folder, not a file: move it away"
