"""storage.migrations: tested directly, and through the commands."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup import __version__
from followup.core.models import SCHEMA_VERSION
from followup.storage import migrations
from followup.storage import store as store_module
from followup.storage import validation as validation_module
from followup.storage.migrations import (
    Notice,
    first_checkin,
    interview_1_to_2,
    legacy_uid,
    notes_as_topics,
    upgrade,
    upgrade_notice,
)
from followup.storage.store import Store
from populate import FIXTURES, copy_fixture, fill

# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def show(cli, ref: str) -> dict:
    run = cli("show", ref, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def test_a_version_1_store_is_upgraded_notes_become_topics_said_once(cli, home):
    from populate import copy_fixture

    copy_fixture(1, home)
    iv = show(cli, "1")
    assert iv["topics"] == [{"text": "Talked about dashboards", "who": None}]
    assert iv["notes"] == "Talked about dashboards"  # kept, private now
    assert iv["uid"] and iv["round"] == 1 and iv["previous"] is None
    assert show(cli, "1")["uid"] == iv["uid"]  # the same every time it is read
    first = cli("done", "acme", "checkin")
    assert first.code == 0, first.stderr
    assert "topics" in first.stderr and "notes" in first.stderr
    second = cli("skip", "initech", "card")
    assert second.code == 0, second.stderr
    assert "topics" not in second.stderr
    assert json.loads((home / "open.json").read_text())["version"] == 3


# ----------------------------------------------------------------------------
# The upgrade of a version-1 store: stable uids, notes turned into topics, one check-in,
# and the notice the user reads once.


NOTICE = (
    "Your data was upgraded for this followup (a copy of the old files is in backup/v1). "
    "Notes are private now: no draft quotes them; drafts mention topics instead. "
    "Each open interview also has a check-in step now."
)


WITH_NOTES = " The notes of {n} interview(s) became their topics, so drafts read as before"


#: How the command line ends the sentence of WITH_NOTES (cli/advice.py, "upgrade-topics").
CHECK_TOPICS = (
    ": check them with `followup show N`, and keep only what you would say to the "
    'interviewer (`followup edit N --clear-topics --topic "..."`).'
)


V1 = {
    "id": 3,
    "company": "Initech",
    "at": "2026-11-20T14:00:00+00:00",
    "created_at": "2026-11-20T16:00:00+00:00",
    "steps": [],
}


# ----- uids ------------------------------------------------------------------------------


def test_a_legacy_uid_is_the_same_on_every_read_and_in_every_release():
    # Undo snapshots are upgraded on each read, and exports carry uids: a uid once
    # given must come out the same from any later followup.
    assert (
        legacy_uid(V1)
        == (hashlib.sha256(b"followup-v1|3|2026-11-20T16:00:00+00:00").hexdigest()[:32])
    )
    no_created = {k: v for k, v in V1.items() if k != "created_at"}
    assert (
        legacy_uid(no_created)
        == (hashlib.sha256(b"followup-v1|3|2026-11-20T14:00:00+00:00|Initech").hexdigest()[:32])
    )


def test_the_fixture_store_gets_the_uids_it_always_got(cli, home):
    copy_fixture(1, home)
    assert [iv["uid"] for iv in cli("list", "--json").json()] == [
        "7e45168d1b67b0ca0926d1f9ce127fe0",
        "f5df7fda4f558455703f2e32dabca745",
    ]


def uid_with(**changes):
    return legacy_uid({**V1, **changes})


def test_a_legacy_uid_comes_from_the_number_and_the_moment_of_recording():
    assert len(legacy_uid(V1)) == 32 and int(legacy_uid(V1), 16) >= 0
    assert uid_with(id=4) != legacy_uid(V1)
    assert uid_with(created_at="2026-11-20T16:00:01+00:00") != legacy_uid(V1)
    # The moment of recording tells apart two stores' #3 of the same company and time.
    assert uid_with(at="2026-11-21T14:00:00+00:00", company="Globex") == legacy_uid(V1)


def test_without_a_recording_time_a_legacy_uid_comes_from_number_time_and_company():
    bare = {k: v for k, v in V1.items() if k != "created_at"}
    uid = legacy_uid(bare)
    assert len(uid) == 32
    assert legacy_uid({**bare, "id": 4}) != uid
    assert legacy_uid({**bare, "at": "2026-11-21T14:00:00+00:00"}) != uid
    assert legacy_uid({**bare, "company": "Globex"}) != uid
    assert legacy_uid({**bare, "created_at": None}) == uid
    assert legacy_uid({**bare, "role": "Analyst"}) == uid


# ----- notes as topics -------------------------------------------------------------------


def test_each_line_of_notes_becomes_a_topic_for_everyone():
    assert notes_as_topics("SQL  tests\n\n  their dbt move ") == [
        {"text": "SQL tests", "who": None},
        {"text": "their dbt move", "who": None},
    ]
    assert notes_as_topics("") == [] and notes_as_topics(None) == []


def test_an_interview_without_notes_gets_no_topics():
    assert interview_1_to_2(V1)["topics"] == []
    assert interview_1_to_2({**V1, "notes": "dashboards"})["topics"] == [
        {"text": "dashboards", "who": None}
    ]


def test_a_line_of_exactly_a_topics_length_is_kept_whole():
    line = ("word " * 60).strip()[:299] + "x"
    assert len(line) == 300
    assert notes_as_topics(line) == [{"text": line, "who": None}]


def kept(words: list[str]) -> str:
    """The longest run of whole words that fits in 299 characters (the '…' takes one)."""
    text = ""
    for word in words:
        longer = f"{text} {word}" if text else word
        if len(longer) > 299:
            break
        text = longer
    return text


@pytest.mark.parametrize("end", [297, 298, 299, 300, 301])
def test_a_long_line_keeps_every_whole_word_that_fits_then_an_ellipsis(end):
    # One word ends at each place around the limit: none is cut, none that fits is lost.
    first = "a" * (end - 4)
    words = [first, "bcd", "efghij", "klm"]
    line = " ".join(words)
    (topic,) = notes_as_topics(line)
    assert topic["text"] == kept(words) + "…"
    assert len(topic["text"]) <= 300


@given(st.lists(st.text("abc,;:", min_size=1, max_size=40), min_size=2, max_size=40))
def test_a_long_line_is_cut_at_a_word(words):
    while len(" ".join(words)) <= 300:
        words = [*words, *words]
    (topic,) = notes_as_topics(" ".join(words))
    text = topic["text"]
    assert len(text) <= 300 and text.endswith("…")
    if len(words[0]) <= 299:
        assert text == kept(words).rstrip(",;: ") + "…"


def test_a_long_line_cut_after_punctuation_drops_the_punctuation():
    line = "a" * 290 + ", then: " + "b" * 20
    assert notes_as_topics(line) == [{"text": "a" * 290 + ", then…", "who": None}]
    line = "a" * 290 + " then, " + "b" * 20
    assert notes_as_topics(line) == [{"text": "a" * 290 + " then…", "who": None}]


def test_a_single_word_longer_than_a_topic_is_cut_to_fit():
    (topic,) = notes_as_topics("a" * 400)
    assert topic["text"] == "a" * 299 + "…"


# ----- the check-in ----------------------------------------------------------------------


def test_an_open_interview_gets_one_checkin_due_a_week_later_in_business_days():
    upgraded = first_checkin(interview_1_to_2(V1))
    assert upgraded["steps"] == [
        {"step": "checkin", "who": None, "due": "2026-11-27T14:00:00+00:00", "status": "pending"}
    ]


def test_an_interview_that_has_a_checkin_already_gets_no_second_one():
    step = {"step": "checkin", "who": None, "due": "2026-11-30T09:00:00+00:00", "status": "done"}
    iv = {**V1, "steps": [{"step": "email", "who": "Jane"}, step]}
    assert first_checkin(iv)["steps"] == iv["steps"]
    doc = {"format": "followup-store", "version": 1, "interviews": [iv]}
    (once,) = upgrade("open", doc, 2)["interviews"]
    assert [s["step"] for s in once["steps"]] == ["email", "checkin"]


def test_the_upgrade_fills_every_new_field_and_keeps_what_is_there():
    new = interview_1_to_2(V1)
    assert {k: new[k] for k in ("decision", "round", "previous")} == {
        "decision": None,
        "round": 1,
        "previous": None,
    }
    mine = {**V1, "uid": "u" * 32, "topics": [], "decision": "x", "round": 2, "previous": 1}
    assert interview_1_to_2(mine) == mine


# ----- the notice ------------------------------------------------------------------------


def test_a_store_of_this_version_gets_no_notice():
    doc = {"interviews": [{"notes": "dashboards"}]}
    assert upgrade_notice(2, doc) is None
    assert upgrade_notice(3, doc) is None


def with_notes(n: int) -> Notice:
    return Notice(NOTICE + WITH_NOTES.format(n=n), advice=("upgrade-topics",))


def test_the_notice_counts_only_the_interviews_whose_notes_became_topics():
    doc = {"interviews": [{"notes": "a\nb"}, {"notes": ""}, {"notes": " \n "}, {}, "junk"]}
    assert upgrade_notice(1, doc) == with_notes(1)
    assert upgrade_notice(1, {"interviews": [{"notes": "x"}, {"notes": "y"}]}) == with_notes(2)


def test_without_notes_the_notice_says_only_what_changed_for_everyone():
    assert upgrade_notice(1, {"interviews": [{"notes": ""}]}) == Notice(NOTICE)
    assert upgrade_notice(1, {}) == Notice(NOTICE)
    assert upgrade_notice(1, []) == Notice(NOTICE)  # not even a document: still said


def test_the_first_change_to_a_version_1_store_says_what_the_upgrade_did(cli, home):
    copy_fixture(1, home)
    said = cli("skip", "initech", "card").stderr
    assert said.splitlines() == [
        NOTICE + WITH_NOTES.format(n=1) + CHECK_TOPICS,
        "skipped: Handwritten card",
    ]
    assert json.loads((home / "open.json").read_text())["version"] == SCHEMA_VERSION
    assert cli("skip", "initech", "linkedin").stderr == "skipped: LinkedIn\n"  # said once


@pytest.mark.parametrize("version", ["1", True, None, 0, 1.0])
def test_a_version_that_is_not_a_whole_number_from_1_is_refused(version):
    with pytest.raises(migrations.MigrationProblem) as caught:
        upgrade("open", {"version": version, "interviews": []}, 2)
    assert str(caught.value) == (
        f"its version {version!r} is not a followup store version (versions start at 1)"
    )


def test_each_upgrade_step_is_applied_once_and_sets_the_version(monkeypatch):
    seen = []
    monkeypatch.setitem(migrations.UPGRADES["history"], 2, lambda d: seen.append(d["version"]) or d)
    doc = upgrade("history", {"version": 1, "interviews": [V1]}, 3)
    assert doc["version"] == 3 and seen == [2]  # version 2 when its step ran
    assert doc["interviews"][0]["uid"] == legacy_uid(V1)
    assert "checkin" not in str(doc["interviews"][0]["steps"])  # closed: no check-in


# ----------------------------------------------------------------------------
# Bad files are refused with a precise message and kept byte for byte; versions; privacy.


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
        else f"could not create a folder in {home}/backup: the disk "
        "is full: free some space and try again (No space left on device)"
    )
    assert run.stderr.strip() == (
        f"error: could not keep a copy of your version-{SCHEMA_VERSION} files in {target} before "
        "upgrading "
        f"them: {why}; nothing was changed"
    )
    assert files() == originals
    assert sorted(os.listdir(home / "backup")) == ["open.json"]  # no half-made copy left
