"""Bad files are refused with a precise message and kept byte for byte; versions; privacy."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup import __version__
from followup.core.models import SCHEMA_VERSION
from followup.errors import StoreError
from followup.storage import migrations
from followup.storage import store as store_module
from followup.storage import validation as validation_module
from followup.storage.store import Store
from populate import FIXTURES, copy_fixture, fill

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


# ----- hand edits -----------------------------------------------------------------------


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


# ----- versions -----------------------------------------------------------------------


@pytest.mark.parametrize("which", ["open", "history"])
def test_a_newer_version_is_refused_naming_both_versions(cli, files, home, which):
    fill(cli)
    store = Store(home)
    path = store.open_path if which == "open" else store.history_path(store.read_open().history)
    doc = json.loads(path.read_text())
    doc["version"] = SCHEMA_VERSION + 1
    doc["a_field_from_the_future"] = True
    path.unlink()
    path.write_text(json.dumps(doc))
    command = ("add", "Newco") if which == "open" else ("list", "--all")
    message = refused(
        cli,
        files,
        command,
        f"store version {SCHEMA_VERSION + 1}",
        f"up to store version {SCHEMA_VERSION}",
    )
    assert __version__ in message and "upgrade followup" in message


def test_every_schema_version_has_a_fixture_store():
    for version in range(migrations.FIRST_VERSION, SCHEMA_VERSION + 1):
        assert (FIXTURES / f"store-v{version}" / "open.json").is_file(), version


@pytest.mark.parametrize("version", range(migrations.FIRST_VERSION, SCHEMA_VERSION + 1))
def test_each_fixture_store_reads_and_takes_changes(cli, home, version):
    copy_fixture(version, home)
    listed = cli("list", "--all", "--json").json()
    assert [(iv["id"], iv["company"], iv["closed"]) for iv in listed] == [
        (1, "Acme Corp", False),
        (2, "Globex", True),
        (3, "Initech", False),
    ]
    acme = listed[0]
    assert [p["name"] for p in acme["interviewers"]] == ["Jane Doe", "Raj Patel"]
    assert [s["status"] for s in acme["steps"]].count("done") == 4
    assert cli("undo").code == 0  # the fixture's undo chain works
    assert cli("add", "Newco").code == 0
    assert cli("doctor").code == 0


NEXT = SCHEMA_VERSION + 1


@pytest.fixture
def schema_next(monkeypatch):
    """Pretend this followup writes the next schema, with an upgrade that marks notes."""

    def open_upgrade(doc):
        for iv in doc["interviews"]:
            iv["notes"] = (iv.get("notes", "") + " [v2]").strip()
        return doc

    def history_upgrade(doc):
        for iv in doc["interviews"]:
            iv["role"] = iv.get("role", "") + " [v2]"
        return doc

    monkeypatch.setattr(store_module, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(validation_module, "SCHEMA_VERSION", NEXT)
    monkeypatch.setitem(migrations.UPGRADES["open"], SCHEMA_VERSION, open_upgrade)
    monkeypatch.setitem(migrations.UPGRADES["history"], SCHEMA_VERSION, history_upgrade)


def test_an_older_store_is_upgraded_after_its_originals_are_kept(cli, files, home, schema_next):
    copy_fixture(SCHEMA_VERSION, home)
    originals = files()
    marked = "salary band 80-90k [v2]"
    # Reading upgrades in memory only.
    shown = cli("show", "1", "--json").json()
    assert shown["notes"] == marked
    assert cli("show", "2", "--json").json()["role"] == " [v2]"
    assert files() == originals
    # A failed command writes nothing, not even the backup of the originals.
    assert cli("done", "99", "email").code == 1
    assert files() == originals
    # The first change keeps every original file, then writes version 2.
    assert cli("add", "Newco").code == 0
    folder = f"backup/v{SCHEMA_VERSION}/"
    kept = {k.removeprefix(folder): v for k, v in files().items() if k.startswith(folder)}
    assert kept == {k: v for k, v in originals.items() if not k.startswith("backup/")}
    assert json.loads((home / "open.json").read_text())["version"] == NEXT
    assert cli("show", "1", "--json").json()["notes"] == marked
    # Undo goes back into older snapshots, upgraded on the way.
    assert cli("undo").code == 0
    assert cli("show", "1", "--json").json()["notes"] == marked


def test_an_upgrade_that_is_missing_is_refused(cli, files, home, monkeypatch):
    copy_fixture(SCHEMA_VERSION, home)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(validation_module, "SCHEMA_VERSION", NEXT)
    refused(
        cli,
        files,
        ("status",),
        f"does not know how to upgrade version {SCHEMA_VERSION} to {NEXT}",
    )


def test_version_1_becomes_2_uids_topics_and_a_checkin_and_says_so_once(cli, files, home):
    copy_fixture(1, home)
    originals = files()
    first = cli("list", "--json").json()
    assert files() == originals  # reading changes nothing
    again = cli("list", "--json").json()
    assert [iv["uid"] for iv in first] == [iv["uid"] for iv in again]  # stable uids
    assert len({iv["uid"] for iv in first}) == len(first)
    acme, initech = first
    assert acme["topics"] == [{"text": "Talked about dashboards", "who": None}]
    assert initech["topics"] == []
    assert [s["step"] for s in acme["steps"]].count("checkin") == 1
    # 5 business days after Fri 20 Nov 14:00
    assert acme["steps"][-1]["due"] == "2026-11-27T14:00:00+00:00"
    closed = cli("show", "2", "--json").json()
    assert "checkin" not in {s["step"] for s in closed["steps"]}  # closed: none added
    assert closed["uid"] and closed["round"] == 1
    changed = cli("skip", "initech", "card")
    assert "topics" in changed.stderr and "backup/v1" in changed.stderr
    assert "topics" not in cli("skip", "initech", "linkedin").stderr
    assert cli("undo").code == 0 and cli("undo").code == 0  # back into a v1 snapshot
    assert [iv["uid"] for iv in cli("list", "--json").json()] == [iv["uid"] for iv in first]


# ----- privacy --------------------------------------------------------------------------


def test_data_is_private_whatever_the_umask(cli, home):
    old = os.umask(0)
    try:
        fill(cli)
        assert cli("undo").code == 0
    finally:
        os.umask(old)
    paths = [home, *home.rglob("*")]
    assert len(paths) > 8
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_a_new_data_folder_and_its_parents_are_private(cli, tmp_path):
    deep = tmp_path / "a" / "b" / "followup"
    assert cli("add", "Acme", env={"FOLLOWUP_HOME": str(deep)}).code == 0
    for path in (tmp_path / "a", tmp_path / "a" / "b", deep):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path


def test_fixture_files_are_what_this_followup_writes(home: Path):
    # Guard: the fixture is a real store, readable as it is.
    for version in range(migrations.FIRST_VERSION, SCHEMA_VERSION + 1):
        store = Store(FIXTURES / f"store-v{version}")
        _, read_as = store.parse_open(store.open_path.read_bytes(), store.open_path)
        assert read_as == version and len(store.read_all()) == 3


@pytest.mark.parametrize("failing", ["replace", "mkdir"])
def test_an_upgrade_that_cannot_keep_the_originals_changes_nothing(
    cli, files, home, schema_next, monkeypatch, failing
):
    """No upgrade without the old files kept: a failed copy is one line, and no leftovers."""
    import errno

    copy_fixture(SCHEMA_VERSION, home)
    originals = files()
    real = getattr(os, failing)

    def fail(*args, **kwargs):
        # the folder of copies, or its rename into place
        if f".v{SCHEMA_VERSION}." in str(args[0]) and (
            failing == "mkdir" or str(args[1]).endswith(f"/v{SCHEMA_VERSION}")
        ):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, failing, fail)
    run = cli("add", "Newco")
    assert run.code == 1
    target = home / "backup" / f"v{SCHEMA_VERSION}"
    why = (
        "the disk is full: free some space and try again (No space left on device)"
        if failing == "replace"
        else f"could not create {home}/backup/.v{SCHEMA_VERSION}.{os.getpid()}.tmp: the disk "
        "is full: free some space and try again (No space left on device)"
    )
    assert run.stderr.strip() == (
        f"error: could not keep a copy of your version-{SCHEMA_VERSION} files in {target} before "
        "upgrading "
        f"them: {why}; nothing was changed"
    )
    assert files() == originals
    assert sorted(os.listdir(home / "backup")) == ["open.json"]  # no half-made copy left
