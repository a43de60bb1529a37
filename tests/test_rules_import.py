"""Importing a `followup export` file: the rules on numbers and on what a file may hold.

Through the engine (read_json, import_interviews inside a store change) as `import` uses it,
and through the CLI for what the user sees.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import snapshot
from followup.errors import FollowupError
from followup.features import actions, importing
from followup.storage.store import Store

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
AT = "2026-11-01T10:00:00+00:00"


def export(*interviews: dict, version=1) -> bytes:
    return json.dumps({"format": "followup", "version": version, "interviews": list(interviews)})


def entry(id: int, company: str = "", **more) -> dict:
    return {"id": id, "company": company or f"Co{id}", "at": AT, **more}


def store_with(home: Path, count: int) -> Store:
    store = Store(home)
    for n in range(count):
        with store.change(NOW) as ch:
            actions.add_interview(ch, company=f"Have{n + 1}", at=NOW, now=NOW)
    return store


def do_import(store: Store, data: bytes) -> importing.Imported:
    interviews = importing.read_json(data.encode() if isinstance(data, str) else data, "in.json")
    with store.change(NOW) as ch:
        return importing.import_interviews(ch, interviews, "in.json")


def test_the_next_free_number_is_kept_and_the_one_after_is_next(home: Path):
    store = store_with(home, 2)  # numbers 1 and 2 given out; 3 is next
    result = do_import(store, export(entry(3, "Three")))
    assert result.renumbered == []
    assert [iv.id for iv in store.read_open().interviews] == [1, 2, 3]
    with store.change(NOW) as ch:
        assert actions.add_interview(ch, company="Next", at=NOW, now=NOW).id == 4


def test_numbers_given_out_get_new_ones_in_the_order_of_the_old(home: Path):
    store = store_with(home, 2)
    result = do_import(store, export(entry(9), entry(2, "Two"), entry(1, "One"), entry(5)))
    assert [(was, iv.id, iv.company) for was, iv in result.renumbered] == [
        (1, 10, "One"), (2, 11, "Two"),
    ]  # fmt: skip
    assert sorted(iv.id for iv in result.interviews) == [5, 9, 10, 11]
    assert store.read_open().next_id == 12


def test_an_import_into_an_empty_store_keeps_every_number_in_order(home: Path):
    store = Store(home)
    result = do_import(store, export(entry(7), entry(3), entry(1)))
    assert result.renumbered == [] and result.lookalikes == 0
    assert [iv.id for iv in store.read_open().interviews] == [1, 3, 7]
    assert store.read_open().next_id == 8


def test_an_export_with_no_interviews_gives_out_no_numbers(home: Path):
    store = Store(home)
    assert do_import(store, export()).interviews == []
    with store.change(NOW) as ch:
        assert actions.add_interview(ch, company="First", at=NOW, now=NOW).id == 1


def test_closed_interviews_go_to_the_history_and_the_undo_line_counts(home: Path):
    store = Store(home)
    interviews = importing.read_json(
        export(entry(1), entry(2, closed=True, outcome="offer")).encode(), "in.json"
    )
    with store.change(NOW) as ch:
        importing.import_interviews(ch, interviews, "in.json")
    assert ch.summary == "imported 2 interviews from in.json"
    doc = store.read_open()
    assert [iv.id for iv in doc.interviews] == [1] and doc.closed_ids == [2]
    with store.change(NOW) as ch:
        importing.import_interviews(ch, interviews[:1], "x.json")
    assert ch.summary == "imported 1 interview from x.json"


def test_lookalikes_count_interviews_the_store_has_at_the_same_company_and_time(home: Path):
    store = Store(home)
    do_import(store, export(entry(1, "Acme"), entry(2, "Globex", closed=True)))
    again = do_import(store, export(entry(1, "ACME"), entry(2, "Globex"), entry(3, "Initech")))
    assert again.lookalikes == 2


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (export(entry(1, "  ")), "in.json: bad value at interviews[0].company: it is empty"),
        (
            export(entry(1), entry(4), entry(1)),
            "in.json: bad value at interviews[2].id: number 1 is used twice (also at "
            "interviews[0]); give each interview its own",
        ),
        (
            export(
                entry(
                    1,
                    interviewers=[{"name": "Jane"}],
                    steps=[
                        {"step": "email", "who": "Jane", "due": AT},
                        {"step": "email", "who": "Jane", "due": AT},
                    ],
                )
            ),
            "in.json: bad value at interviews[0].steps[1]: a second email step for Jane",
        ),
        (
            export(entry(1, steps=[{"step": "phone", "due": AT}, {"step": "phone", "due": AT}])),
            "in.json: bad value at interviews[0].steps[1]: a second phone step for the interview",
        ),
        (
            export(entry(1, steps=[{"step": "card", "who": "Raj", "due": AT}])),
            "in.json: bad value at interviews[0].steps[0].who: 'Raj' is not an interviewer "
            "of #1 (they are: no one)",
        ),
        (
            export(
                entry(
                    1,
                    interviewers=[{"name": "Zoe"}, {"email": "a@b.io"}],
                    steps=[{"step": "card", "who": "Raj", "due": AT}],
                )
            ),
            "(they are: Zoe, a@b.io)",
        ),
        (export(version=0), "in.json: version is 0: expected a whole number"),
        # (how the value is quoted is left open: JSON would say true, Python says True)
        (export(version=True), ": expected a whole number"),
        (export(version="1"), ": expected a whole number"),
        (
            export(version=2),
            "in.json was written by a newer followup (export version 2; this followup reads "
            "up to version 1): upgrade followup to import it",
        ),
        (
            json.dumps({"format": "followup", "version": 1, "interviews": [], "extra": 1}),
            "in.json: unknown key 'extra' at the top level",
        ),
        ("[]", "in.json: the top level is not an object: expected a file written by"),
        (
            json.dumps({"format": "other", "version": 1}),
            "in.json is not a followup export (its format is ",
        ),
    ],
)
def test_what_a_file_may_not_hold_is_refused_naming_the_place(home: Path, doc, message):
    store = store_with(home, 1)
    before = snapshot(home)
    with pytest.raises(FollowupError) as info:
        do_import(store, doc)
    assert message in str(info.value)
    assert snapshot(home) == before


def test_a_step_of_an_interviewer_named_by_email_only_is_accepted(home: Path):
    store = Store(home)
    doc = export(
        entry(
            1,
            interviewers=[{"email": "a@b.io"}],
            steps=[{"step": "email", "who": "a@b.io", "due": AT}],
        )
    )
    assert [s.who for s in do_import(store, doc).interviews[0].steps] == ["a@b.io"]


def test_keys_derived_for_readers_of_an_export_are_ignored_when_read_back(home: Path):
    step = {"step": "phone", "due": AT, "interview": 1, "company": "Acme", "overdue": True}
    [iv] = importing.read_json(export(entry(1, steps=[step])).encode(), "in.json")
    assert iv.steps[0].model_dump(exclude_none=True) == {
        "step": "phone", "due": AT, "status": "pending",
    }  # fmt: skip
