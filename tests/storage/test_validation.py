"""storage.validation: tested directly, and through the commands."""

# ruff: noqa: E501 (the messages are data, easier to read whole)
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW_DT
from followup import __version__
from followup.core.models import SCHEMA_VERSION
from followup.errors import StoreError
from followup.features import actions
from followup.storage.store import Store
from followup.storage.validation import field_path
from populate import fill

# ----------------------------------------------------------------------------
# Bad files are refused with a precise message and kept byte for byte; versions; privacy.


# Commands that must refuse a broken open.json without writing anything.
READERS = [("status",), ("list", "--all"), ("show", "1")]


WRITERS = [("add", "Newco"), ("done", "1", "phone"), ("undo",)]


def refused(cli, files, args, *expected: str) -> str:
    """Run `args`: exit 1, no traceback, the data untouched; return the message."""
    before = files()
    run = cli(*args)
    assert run.code == 1, (args, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and "unexpected" not in run.stderr, run.stderr
    assert run.stderr.count("\n") == 1, run.stderr  # one line
    for text in expected:
        assert text in run.stderr, (text, run.stderr)
    assert files() == before, f"{args} changed the store"
    return run.stderr


# ----- truncated files ---------------------------------------------------------------


@pytest.mark.parametrize("which", ["open", "history", "undo"])
def test_every_truncated_prefix_is_refused_naming_the_file(cli, files, home, which):
    fill(cli)
    store = Store(home)
    doc = store.read_open()
    path = {
        "open": store.open_path,
        "history": store.history_path(doc.history or ""),
        "undo": store.undo_dir / doc.undo[-1].file,
    }[which]
    data = path.read_bytes()
    parse = store.parse_history if which == "history" else store.parse_open
    for size in range(len(data)):  # every prefix, directly
        with pytest.raises(StoreError, match=str(path)):
            parse(data[:size], path)
    command = {"open": ("status",), "history": ("list", "--all"), "undo": ("undo",)}[which]
    for size in [*range(0, 40), *range(40, len(data), 53)]:  # and a spread through the CLI
        path.unlink()  # the undo snapshot may be a hard link of another file: don't write through
        path.write_bytes(data[:size])
        refused(cli, files, command, path.name)
    path.unlink()
    path.write_bytes(data)
    assert cli(*command).code == 0


# ----- garbage --------------------------------------------------------------------------


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_random_bytes_are_refused_and_kept(cli, files, home, data):
    home.mkdir(exist_ok=True)
    (home / "open.json").write_bytes(data)
    for args in (("status",), ("add", "Newco")):
        refused(cli, files, args, "open.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=json_values)
def test_json_that_is_not_a_store_is_refused(cli, files, home, value):
    home.mkdir(exist_ok=True)
    (home / "open.json").write_text(json.dumps(value))
    refused(cli, files, ("add", "Newco"), "open.json")


def _edit_text(old: str, new: str):
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


def _edit_doc(change):
    def edit(text: str) -> str:
        doc = json.loads(text)
        change(doc)
        return json.dumps(doc, indent=1)

    return edit


def _set(*path_and_value):
    *path, value = path_and_value

    def change(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return _edit_doc(change)


HAND_EDITS = {
    "trailing comma": (_edit_text('"next_id": 4', '"next_id": 4,,'), "line 4, column"),
    "single quotes": (_edit_text('"Acme Corp"', "'Acme Corp'"), "line"),
    "a comment": (_edit_text("{", "{ // my notes"), "line 1, column"),
    "unclosed string": (_edit_text('"Acme Corp"', '"Acme Corp'), "line"),
    "typo in a key": (
        _edit_text('"company"', '"compnay"'),
        "unknown field 'compnay' at interviews[0].compnay",
    ),
    "missing field": (
        _edit_doc(lambda d: d["interviews"][0].pop("at")),
        "no 'at' at interviews[0].at",
    ),
    "wrong type": (
        _set("interviews", 0, "id", "one"),
        "interviews[0].id (interview #one Acme Corp)",
    ),
    "bad date": (_set("interviews", 0, "at", "2026-13-45"), "interviews[0].at"),
    "date without offset": (_set("interviews", 0, "at", "2026-11-25T14:00:00"), "interviews[0].at"),
    "unknown step": (
        _set("interviews", 0, "steps", 0, "step", "fax"),
        "interviews[0].steps[0].step",
    ),
    "unknown status": (
        _set("interviews", 0, "steps", 0, "status", "finished"),
        "interviews[0].steps[0].status",
    ),
    "list instead of object": (
        _set("interviews", 0, "interviewers", 0, ["Jane"]),
        "interviews[0].interviewers[0]",
    ),
    "number twice": (_set("interviews", 1, "id", 1), "lists interview #1 twice"),
    "next_id too low": (_set("next_id", 2), "next_id"),
    "open and closed": (_set("closed_ids", [1, 2]), "as open (interviews[0]) and as closed"),
    "history outside the folder": (_set("history", "../../etc/passwd"), "at history"),
    "undo file outside": (_set("undo", 0, "file", "/etc/passwd"), "at undo[0].file"),
    "wrong format": (_set("format", "something-else"), 'not "followup-store"'),
    "no version": (_edit_doc(lambda d: d.pop("version")), 'no "version"'),
    "version zero": (_set("version", 0), "version 0 is not a followup store version"),
    "version as text": (_set("version", "one"), "version"),
    "top-level list": (lambda text: "[" + text + "]", "holds list"),
    "empty": (lambda text: "", "is empty"),
    "only whitespace": (lambda text: "  \n", "is empty"),
    "byte-order mark": (lambda text: "\ufeff" + text, "byte-order mark"),
    # a byte that is not UTF-8, as an editor set to Latin-1 would save "Acmé"
    "latin-1 text": (_edit_text("Acme Corp", "Acm\udce9 Corp"), "not UTF-8"),
    # types that only look right (issue 13)
    "version true": (_set("version", True), "at version"),
    "next_id as text": (_set("next_id", "4"), "at next_id"),
    "id as a float": (_set("interviews", 0, "id", 1.0), "interviews[0].id"),
    "open marked closed": (_set("interviews", 0, "closed", True), "interviews[0].closed"),
    "closed as text": (_set("interviews", 0, "closed", "no"), "interviews[0].closed"),
    "closed id as text": (_set("closed_ids", ["2"]), "closed_ids[0]"),
    # times no clock shows: refused before any command could overflow on them
    "year 9999": (_set("interviews", 0, "at", "9999-12-31T20:00:00+00:00"), "interviews[0].at"),
    "year 1": (_set("interviews", 0, "at", "0001-01-01T00:00:00+00:00"), "interviews[0].at"),
    "due before 1970": (
        _set("interviews", 0, "steps", 0, "due", "1969-12-31T23:00:00+00:00"),
        "interviews[0].steps[0].due",
    ),
}


# ----- hand edits -----------------------------------------------------------------------


@pytest.mark.parametrize("mistake", list(HAND_EDITS))
def test_hand_edit_mistakes_are_refused_with_where_and_how(cli, files, home, mistake):
    fill(cli)
    edit, where = HAND_EDITS[mistake]
    path = home / "open.json"
    text = path.read_text()
    path.unlink()  # a fresh inode: undo snapshots are hard links of earlier versions
    path.write_bytes(edit(text).encode("utf-8", "surrogateescape"))
    for args in READERS[:1] + WRITERS:
        message = refused(cli, files, args, str(path), where)
        if "newer" not in message:
            assert "followup doctor" in message


#: Values a store can hold and show safely (escaped), but that `add` would refuse: every
#: command still works, and `followup doctor` names them (issue 13).
ODD_VALUES = {
    "escape in a company": (_set("interviews", 0, "company", "Acme\x1b[2J"), "company"),
    "right-to-left mark": (_set("interviews", 0, "role", "Analyst\u200f"), "role"),
    "line separator": (_set("interviews", 0, "interviewers", 0, "name", "Jane\u2028Doe"), "name"),
    "next line (U+0085)": (_set("interviews", 0, "notes", "one\x85two"), "notes"),
    "a huge company": (_set("interviews", 0, "company", "x" * 100_000), "company"),
    "two years ahead": (_set("interviews", 0, "at", "2028-11-25T14:00:00+00:00"), "at"),
}


@pytest.mark.parametrize("odd", list(ODD_VALUES))
def test_odd_values_are_shown_safely_and_doctor_names_them(cli, files, home, odd):
    fill(cli)
    edit, where = ODD_VALUES[odd]
    path = home / "open.json"
    text = path.read_text()
    path.unlink()
    path.write_text(edit(text))
    before = files()
    for args in (("status",), ("list", "--all"), ("show", "1")):
        run = cli(*args)
        assert run.code == 0, (args, run.stderr)
        shown = run.stdout + run.stderr
        assert not any(c in shown for c in "\x1b\u200f\u2028\x85"), (args, shown)
    run = cli("doctor", "--yes")
    assert run.code == 1 and "would refuse" in run.stdout and where in run.stdout, run.stdout
    # the backup is brought up to date; the values are the user's to change
    assert files()["open.json"] == before["open.json"]


def test_a_broken_history_file_is_refused_but_status_still_works(cli, files, home):
    fill(cli)
    history = next((home / "history").iterdir())
    history.write_text(history.read_text().replace('"company"', '"Company"'))
    refused(cli, files, ("list", "--all"), str(history), "unknown field 'Company'")
    refused(cli, files, ("show", "2"), str(history))
    refused(cli, files, ("remove", "2", "--yes"), str(history))
    assert cli("status").code == 0  # status reads open.json alone


def test_a_missing_open_json_beside_history_is_not_taken_for_an_empty_store(cli, files, home):
    fill(cli)
    (home / "open.json").unlink()
    refused(cli, files, ("status",), "open.json is missing", "followup doctor")
    refused(cli, files, ("add", "Newco"), "open.json is missing")


# ----------------------------------------------------------------------------
# What the store says about a file it cannot read: the file, the place, the fix.
#
# The store used directly (the CLI prints these lines after `error: `); each message is
# checked whole, since a user acts on every part of it.


IV = {"id": 1, "uid": "u1", "company": "Acme", "at": "2026-11-25T14:00:00Z"}


def doc(**fields) -> dict:
    return {"format": "followup-store", "version": SCHEMA_VERSION, "next_id": 2} | fields


@pytest.fixture
def store(home: Path) -> Store:
    home.mkdir()
    return Store(home)


def refused_messages(store: Store, data: bytes | str | dict) -> str:
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
        # json's own words end in "at" and "starting at" before a place it gives again
        ('{"a": "x\x01"}', "open.json is not valid JSON (line 1, column 9: Invalid control character)"),
        ('{"a": "x', "open.json is not valid JSON (line 1, column 7: Unterminated string)"),
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
        (doc(awaiting=[IV]), "open.json has a bad value at awaiting[0].closed (interview #1): an interview in open.json's awaiting is closed (a reply or decision of it is pending), so closed must be true"),
        (doc(interviews=[IV], closed_ids=[1]), "open.json lists interview #1 as open (interviews[0]) and as closed (closed_ids)"),
        (doc(awaiting=[IV | {"closed": True}], closed_ids=[1]), "open.json lists interview #1 as awaiting a reply (awaiting[0]) and as closed (closed_ids)"),
        (doc(interviews=[IV], awaiting=[IV | {"closed": True}]), "open.json lists interview #1 twice (interviews[0] and awaiting[0])"),
        (doc(next_id=3, closed_ids=[3]), "open.json has a bad value at next_id: 3, but interview #3 exists, so numbers would be given out twice (next_id should be at least 4)"),
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
    # (the way back, `followup doctor`, is advice the CLI words: see cli/test_advice.py)
    assert refused_messages(store, data) == message


def test_a_newer_store_names_both_versions_and_is_left_alone(store):
    message = refused_messages(store, doc(version=SCHEMA_VERSION + 1))
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
    # worded by the command line: "; run `followup doctor` to restore it"
    assert info.value.advice == ("doctor", " to restore it")


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


def test_a_store_of_this_version_is_read_in_one_pass(home: Path, monkeypatch):
    """Speed: a file that is whole and current goes through pydantic's JSON parser alone;
    the slow path (the JSON read again to say what is wrong, or to upgrade) is for the
    rest."""
    from followup.storage import validation

    store = Store(home)
    with store.change(NOW_DT) as change:
        actions.add_interview(change, company="Acme", at=NOW_DT, now=NOW_DT)

    def slow(*_args):
        raise AssertionError("a current store took the slow path")

    monkeypatch.setattr(validation, "json_problem", slow)
    assert [iv.company for iv in store.read_open().interviews] == ["Acme"]
    # the least a current file holds: its format and version, the rest by default
    (home / "open.json").write_text(
        json.dumps({"format": "followup-store", "version": SCHEMA_VERSION})
    )
    assert Store(home).read_open().interviews == []


def test_an_export_in_place_of_the_store_is_named_and_the_way_in_advised(store):
    export = {"format": "followup", "version": 2, "interviews": []}
    store.open_path.write_text(json.dumps(export))
    with pytest.raises(StoreError) as caught:
        store.read_open()
    assert str(caught.value) == f"{store.open_path} holds an export, not followup's own data"
    assert caught.value.advice == ("export-in-store",)  # `followup import FILE`, cli/advice.py
