"""The notice of an upgrade from store version 1, and of a version-1 export read in.

The store (and the import) say what changed in their own words and name the advice by
a key; only the command line words the commands that check the new topics.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import AT, NOW_DT
from followup.cli.advice import ERROR_ADVICE, advised
from followup.features import actions
from followup.storage.migrations import Notice, notes_as_topics, upgrade_notice
from followup.storage.store import Store
from populate import copy_fixture

SAID = (
    "Your data was upgraded for this followup (a copy of the old files is in backup/v1). "
    "Notes are private now: no draft quotes them; drafts mention topics instead. "
    "Each open interview also has a check-in step now."
)
CHECK = (
    ": check them with `followup show N`, and keep only what you would say to the "
    'interviewer (`followup edit N --clear-topics --topic "..."`).'
)
#: What the first change to the version-1 fixture store (one interview with notes) prints.
WHOLE = f"{SAID} The notes of 1 interview(s) became their topics, so drafts read as before{CHECK}"
IMPORTED = (
    "This is a version-1 export: the notes of 1 interview(s) became their topics too "
    f"(what drafts mention; notes are private now){CHECK}"
)


def without_notes(home: Path) -> None:
    """The version-1 fixture store, its interviews' notes emptied."""
    path = home / "open.json"
    doc = json.loads(path.read_text())
    for iv in doc["interviews"]:
        iv["notes"] = ""
    path.write_text(json.dumps(doc))


def version_1_export(folder: Path, notes: str) -> Path:
    path = folder / "old.json"
    interview = {"id": 1, "company": "Acme", "at": AT.isoformat(), "notes": notes, "steps": []}
    path.write_text(json.dumps({"format": "followup", "version": 1, "interviews": [interview]}))
    return path


# ----- the store says it without a command; the command line words the advice -----------


def test_the_store_hands_its_notice_with_an_advice_key_once(home):
    copy_fixture(1, home)
    heard: list[Notice] = []
    store = Store(home, notify=heard.append)
    with store.change(NOW_DT) as change:
        actions.add_interview(change, company="Globex", at=AT, now=NOW_DT)
    assert heard == [
        Notice(
            f"{SAID} The notes of 1 interview(s) became their topics, so drafts read as before",
            advice=("upgrade-topics",),
        )
    ]
    with store.change(NOW_DT) as change:
        actions.add_interview(change, company="Initech", at=AT, now=NOW_DT)
    assert len(heard) == 1  # said once


def test_the_advice_ends_the_notice_and_no_advice_leaves_it_as_it_is():
    assert ERROR_ADVICE["upgrade-topics"] == CHECK
    assert advised("so drafts read as before", ("upgrade-topics",)) == (
        f"so drafts read as before{CHECK}"
    )
    assert advised(SAID, None) == SAID


notes = st.one_of(
    st.none(),
    st.integers(),
    st.text(alphabet=st.sampled_from("ab \n\t"), max_size=8),
)
interviews = st.lists(
    st.one_of(st.fixed_dictionaries({"notes": notes}), st.just({}), st.just("junk")),
    max_size=6,
)


@given(interviews)
def test_the_notice_counts_the_notes_made_topics_and_spells_no_command(ivs):
    notice = upgrade_notice(1, {"interviews": ivs})
    assert notice is not None and notice.text.startswith(SAID)
    assert "`" not in notice.text and "followup show" not in notice.text
    moved = sum(isinstance(iv, dict) and bool(notes_as_topics(iv.get("notes"))) for iv in ivs)
    if moved:
        assert notice.text.endswith(
            f" The notes of {moved} interview(s) became their topics, so drafts read as before"
        )
        assert notice.advice == ("upgrade-topics",)
    else:
        assert notice == Notice(SAID)


# ----- through the command line ---------------------------------------------------------


def test_the_first_change_says_the_notice_with_its_commands_on_stderr_with_json_too(cli, home):
    copy_fixture(1, home)
    first = cli("skip", "initech", "card", "--json")
    assert first.code == 0, first.stderr
    assert first.json()[0]["status"] == "skipped"  # stdout is the JSON alone
    assert first.stderr == WHOLE + "\n"
    second = cli("skip", "initech", "linkedin", "--json")
    assert second.code == 0 and second.stderr == ""  # said once


def test_a_store_without_notes_hears_no_advice_about_topics(cli, home):
    copy_fixture(1, home)
    without_notes(home)
    run = cli("skip", "initech", "card")
    assert run.code == 0, run.stderr
    assert run.stderr.splitlines() == [SAID, "skipped: Handwritten card"]


def test_a_version_1_export_says_its_notes_became_topics_with_the_same_commands(cli, tmp_path):
    old = version_1_export(tmp_path, "their dbt move")
    run = cli("import", str(old))
    assert run.code == 0, run.stderr
    assert IMPORTED in run.stderr.splitlines()
    again = cli("import", str(version_1_export(tmp_path, "pay")), "--dry-run", "--json")
    assert again.code == 0, again.stderr
    assert IMPORTED in again.stderr.splitlines()  # a note: said with --json as well


def test_a_version_1_export_without_notes_says_nothing_of_topics(cli, tmp_path):
    run = cli("import", str(version_1_export(tmp_path, "")))
    assert run.code == 0, run.stderr
    assert "topics" not in run.stderr and "followup show" not in run.stderr
