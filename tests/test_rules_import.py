"""Importing a `followup export` file: the rules on numbers and on what a file may hold.

Through the engine (read_json, import_interviews inside a store change) as `import` uses it,
and through the CLI for what the user sees.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import NOW_DT, make_store, snapshot
from followup.errors import FollowupError
from followup.features import actions, csv_import, importing
from followup.storage.store import Store

AT = "2026-11-01T10:00:00+00:00"


def export(*interviews: dict, version=2) -> bytes:
    return json.dumps({"format": "followup", "version": version, "interviews": list(interviews)})


def entry(id: int, company: str = "", **more) -> dict:
    return {"id": id, "uid": f"uid-{id}", "company": company or f"Co{id}", "at": AT, **more}


def store_with(home: Path, count: int) -> Store:
    return make_store(home, *({"company": f"Have{n + 1}", "at": NOW_DT} for n in range(count)))


def do_import(store: Store, data: bytes) -> importing.Imported:
    interviews = importing.read_json(
        data.encode() if isinstance(data, str) else data, "in.json", NOW_DT
    )
    with store.change(NOW_DT) as ch:
        return importing.import_interviews(ch, interviews, "in.json")


def test_the_next_free_number_is_kept_and_the_one_after_is_next(home: Path):
    store = store_with(home, 2)  # numbers 1 and 2 given out; 3 is next
    result = do_import(store, export(entry(3, "Three")))
    assert result.renumbered == []
    assert [iv.id for iv in store.read_open().interviews] == [1, 2, 3]
    with store.change(NOW_DT) as ch:
        assert actions.add_interview(ch, company="Next", at=NOW_DT, now=NOW_DT).id == 4


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
    with store.change(NOW_DT) as ch:
        assert actions.add_interview(ch, company="First", at=NOW_DT, now=NOW_DT).id == 1


def test_closed_interviews_go_to_the_history_and_the_undo_line_counts(home: Path):
    store = Store(home)
    interviews = importing.read_json(
        export(entry(1), entry(2, closed=True, outcome="offer")).encode(), "in.json", NOW_DT
    )
    with store.change(NOW_DT) as ch:
        importing.import_interviews(ch, interviews, "in.json")
    assert ch.summary == "imported 2 interviews from in.json"
    doc = store.read_open()
    assert [iv.id for iv in doc.interviews] == [1] and doc.closed_ids == [2]
    more = importing.read_json(export(entry(3)).encode(), "x.json", NOW_DT)
    with store.change(NOW_DT) as ch:
        importing.import_interviews(ch, more, "x.json")
    assert ch.summary == "imported 1 interview from x.json"


def test_lookalikes_count_interviews_the_store_has_at_the_same_company_and_time(home: Path):
    store = Store(home)
    do_import(store, export(entry(1, "Acme"), entry(2, "Globex", closed=True)))
    # other copies (other uids) of the same interviews: the company and time tell
    again = do_import(
        store,
        export(
            entry(1, "ACME", uid="other-1"),
            entry(2, "Globex", uid="other-2"),
            entry(3, "Initech", uid="other-3"),
        ),
    )
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
            export(version=4),
            "in.json was written by a newer followup (export version 4; this followup reads "
            "up to version 3): upgrade followup to import it",
        ),
        (
            json.dumps({"format": "followup", "version": 1, "interviews": [], "extra": 1}),
            "in.json: unknown key 'extra' at the top level",
        ),
        ("[]", "in.json: the top level is not an object: expected "),
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
    [iv] = importing.read_json(export(entry(1, steps=[step])).encode(), "in.json", NOW_DT)
    assert iv.steps[0].model_dump(exclude_none=True) == {
        "step": "phone", "due": AT, "status": "pending",
    }  # fmt: skip


# ----- csv: what a spreadsheet may hold -------------------------------------------------

COLUMNS = "company, role, at, interviewers, notes"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", f"in.csv is empty: its first row must name the columns: {COLUMNS}"),
        (b" , \n", f"in.csv is empty: its first row must name the columns: {COLUMNS}"),
        (
            b"company,at,When\n",
            f"in.csv: row 1, column C: unknown column 'When': the columns are {COLUMNS} "
            "(and optionally outcome, closed); rename or delete it",
        ),
        (b"company,at,AT\n", "in.csv: row 1, column C: column 'at' appears twice"),
        (b'"company,at\n', "in.csv: row 1: unexpected end of data"),
        (b"role,at\n", f"in.csv: row 1 has no 'company' column: the columns are {COLUMNS}"),
        (b"company,role\n", f"in.csv: row 1 has no 'at' column: the columns are {COLUMNS}"),
        (
            b"company,at\nAcme,2026-11-25\n\xff\n",
            "in.csv: line 3 is not UTF-8 (byte 0xff): save it as UTF-8 (in Excel: "
            "'CSV UTF-8')",
        ),
        (
            b"interview,step\n",
            "in.csv is an exported csv with one row per step: it is for spreadsheets and "
            "cannot be imported",
        ),
        (
            b"company,at\n ,2026-11-25\n",
            "in.csv: row 2, column A (company): the company is empty: fill it in",
        ),
        (
            b"at,company\n,Acme\n",
            "in.csv: row 2, column A (at): no time: give when the interview was, e.g. "
            "2026-11-25 14:00",
        ),
        (
            b"company,at\nAcme,soonish\n",
            "in.csv: row 2, column B (at): can't read the time 'soonish'",
        ),
        (
            b"company,at,interviewers\nAcme,2026-11-25,Jane;JANE\n",
            "in.csv: row 2, column C (interviewers): 'JANE' is named twice: name each person "
            "once (add a surname or email to tell two people apart)",
        ),
        (
            b"company,at,outcome\nAcme,2026-11-25,Hired\n",
            "in.csv: row 2, column C (outcome): unknown outcome 'Hired': use one of offer, "
            "rejected, withdrawn, no-response, or leave it empty",
        ),
        (
            b"company,at,closed\nAcme,2026-11-25,maybe\n",
            "in.csv: row 2, column C (closed): 'maybe' is not yes or no: leave it empty for "
            "an open interview",
        ),
        (
            b"company;at\nAcme;2026-11-25;x\n",
            "in.csv: row 2, column C: a value beyond the 2 columns the header names; quote "
            "cells that hold semicolons",
        ),
        (
            b"company\tat\nAcme\t2026-11-25\tx\n",
            "in.csv: row 2, column C: a value beyond the 2 columns the header names; quote "
            "cells that hold tabs",
        ),
        (
            b'company,at\nAcme,"2026\n',
            "in.csv: row 2: unexpected end of data (a quote left open, or a stray one?)",
        ),
    ],
)  # fmt: skip
def test_what_a_csv_may_not_hold_is_refused_naming_row_and_column(data, message):
    with pytest.raises(FollowupError) as info:
        csv_import.read_csv(data, "in.csv", NOW_DT, UTC)
    assert str(info.value).startswith(message)


def test_csv_cells_are_read_as_add_would_take_them():
    data = (
        "\ufeffNotes,AT,Company,Interviewers,Closed,outcome\r\n"
        '"line one\nline two",2026-11-25 14:00, Acme ,Jane Doe <jane@acme.com>; ; Raj,,\r\n'
        ",,,,,\r\n"
        "x,yesterday,Globex,,YES,\r\n"
        "y,2026-11-20,Initech,,no,Offer\r\n"
        "z,2026-11-21,Hooli,,,\r\n"
    ).encode()
    steps: list[int] = []
    rows = csv_import.read_csv(data, "in.csv", NOW_DT, UTC, advance=steps.append)
    assert steps == [1, 1, 1, 1]
    assert [(r.row, r.company, r.closed, r.outcome) for r in rows] == [
        (2, "Acme", False, None), (4, "Globex", True, None),
        (5, "Initech", True, "offer"), (6, "Hooli", False, None),
    ]  # fmt: skip
    assert rows[0].notes == "line one\nline two"
    assert rows[0].at == datetime(2026, 11, 25, 14, tzinfo=UTC)
    assert [(p.name, p.email) for p in rows[0].interviewers] == [
        ("Jane Doe", "jane@acme.com"), ("Raj", None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("index", "letters"),
    [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")],
)
def test_columns_are_named_with_spreadsheet_letters(index, letters):
    assert csv_import._letter(index) == letters


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("x.JSON", b"company", "json"), ("x.csv", b"{", "csv"), ("-", b"\xef\xbb\xbf {", "json"),
        ("-", b"\n[", "json"), ("data.txt", b"company,at", "csv"), ("-", b"", "csv"),
        ("-", b'{"format"', "json"), ("-", b"X{", "csv"),
    ],
)  # fmt: skip
def test_the_format_goes_by_the_file_ending_then_by_the_first_character(name, data, kind):
    assert importing.guess_format(name, data) == kind


@pytest.mark.parametrize("name", ["cal.ics", "CAL.ICAL", "x.ifb", "x.icalendar"])
def test_a_calendar_file_is_refused_saying_what_import_reads(name):
    with pytest.raises(FollowupError) as info:
        importing.guess_format(name, b"BEGIN:VCALENDAR")
    assert str(info.value) == (
        f"{name} is a calendar file: followup exports calendars but imports only json and csv"
    )


def test_import_rows_adds_each_row_as_add_does_and_closes_those_marked(home: Path):
    store = store_with(home, 1)
    rows = csv_import.read_csv(
        b"company,at,outcome\nAcme,2026-11-25,\nGlobex,2026-11-20,rejected\n", "in.csv", NOW_DT, UTC
    )
    with store.change(NOW_DT) as ch:
        result = csv_import.import_rows(ch, rows, "in.csv", NOW_DT)
    assert ch.summary == "imported 2 interviews from in.csv"
    assert [iv.id for iv in result.interviews] == [2, 3]
    doc = store.read_open()
    assert [iv.company for iv in doc.interviews] == ["Have1", "Acme"]
    assert [(r.role, r.notes, r.interviewers) for r in rows] == [("", "", [])] * 2
    [globex] = store.read_history(doc)
    assert (globex.closed, globex.closed_at, globex.outcome) == (True, NOW_DT, "rejected")
    assert len(globex.steps) == 5  # email, linkedin, card, phone, check-in


def test_a_row_that_add_refuses_names_the_row(home: Path):
    store = Store(home)
    rows = csv_import.read_csv(b"company,at\nAcme,2026-11-25\n", "in.csv", NOW_DT, UTC)
    rows[0].company = "Ac\x1bme"
    refused = r"^in.csv: row 2: company 'Ac\\x1bme' has a control"
    with pytest.raises(FollowupError, match=refused), store.change(NOW_DT) as ch:
        csv_import.import_rows(ch, rows, "in.csv", NOW_DT)
    assert snapshot(home) == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"company,at\nAcme\n", "in.csv: row 2, column B (at): no time: give when the interview"),
        (b"at,company\n2026-11-25\n", "in.csv: row 2, column B (company): the company is empty"),
    ],
)
def test_a_row_shorter_than_the_header_is_missing_those_cells(data, message):
    with pytest.raises(FollowupError) as info:
        csv_import.read_csv(data, "in.csv", NOW_DT, UTC)
    assert str(info.value).startswith(message)


def test_csv_times_without_an_offset_are_local():
    from zoneinfo import ZoneInfo

    rows = csv_import.read_csv(
        b"company,at\nAcme,2026-11-25 10:00\n", "in.csv", NOW_DT, ZoneInfo("Asia/Tokyo")
    )
    assert rows[0].at == datetime(2026, 11, 25, 1, tzinfo=UTC)


def test_csv_rows_get_the_due_times_of_the_rules_and_leave_out_what_is_here(home: Path):
    from datetime import timedelta

    from followup.core.checklist import Rules

    store = Store(home)
    with store.change(NOW_DT) as ch:
        actions.add_interview(
            ch, company="Acme", at=datetime(2026, 11, 25, 9, tzinfo=UTC), now=NOW_DT
        )
    rows = csv_import.read_csv(
        b"company,at\nACME,2026-11-25\nGlobex,2026-11-25\n", "in.csv", NOW_DT, UTC
    )
    ticks: list[int] = []
    from followup.core.business_days import Delay

    rules = Rules({"email": Delay(0, timedelta(hours=2))})
    with store.change(NOW_DT) as ch:
        result = csv_import.import_rows(ch, rows, "in.csv", NOW_DT, rules, advance=ticks.append)
    # ACME at the same time is here already: left out, and still counted as read
    assert (result.unchanged, [iv.company for iv in result.interviews], ticks) == (
        1,
        ["Globex"],
        [1, 1],
    )
    email = next(s for s in result.interviews[0].steps if s.step == "email")
    assert email.due == datetime(2026, 11, 25, 11, tzinfo=UTC)


def test_an_export_import_reports_its_progress_one_interview_at_a_time(home: Path):
    interviews = importing.read_json(export(entry(1), entry(2)).encode(), "in.json", NOW_DT)
    ticks: list[int] = []
    with Store(home).change(NOW_DT) as ch:
        importing.import_interviews(ch, interviews, "in.json", advance=ticks.append)
    assert ticks == [1, 1]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"format": "\xff"}', "in.json: line 1 is not UTF-8 (byte 0xff): save it as UTF-8"),
        (
            export(entry(1, at="tomorrow")).encode(),
            "in.json: bad value at interviews[0].at: Input should be a valid datetime or date, "
            "input is too short (found 'tomorrow')",
        ),
        (
            json.dumps({"format": "followup", "version": 1, "interviews": "x" * 70}).encode(),
            "in.json: interviews is '" + "x" * 56 + "...: expected a list",
        ),
        (
            export(entry(1, company=["y" * 62])).encode(),
            "in.json: bad value at interviews[0].company: Input should be a valid string "
            "(found ['" + "y" * 55 + "...)",
        ),
        (
            export(entry(1, extra=1)).encode(),
            "in.json: unknown key at interviews[0].extra: a followup export has no such key; "
            "rename or remove it",
        ),
        (
            json.dumps({"format": "followup-store", "version": 1}).encode(),
            "in.json is followup's own store file, not an export",
        ),
    ],
)
def test_json_problems_quote_what_was_found_briefly(data, message):
    with pytest.raises(FollowupError) as info:
        importing.read_json(data, "in.json", NOW_DT)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (
            {"format": "f" * 70, "version": 1},
            "in.json is not a followup export (its format is '" + "f" * 56 + "...): expected",
        ),
        (
            {"format": "followup", "version": "v" * 70},
            "in.json: version is '" + "v" * 56 + "...: expected a whole number",
        ),
        (
            {"format": "followup", "version": 1, "interviews": [5]},
            "in.json: bad value at interviews[0]: Input should be a valid dictionary",
        ),
    ],
)
def test_long_or_odd_envelope_values_are_quoted_briefly(doc, message):
    data = json.dumps(doc).encode()
    with pytest.raises(FollowupError) as info:
        importing.read_json(data, "in.json", NOW_DT)
    assert str(info.value).startswith(message)


def test_empty_cells_beyond_the_header_are_passed_over():
    rows = csv_import.read_csv(b"company,at\nAcme,2026-11-25,,\n", "in.csv", NOW_DT, UTC)
    assert [r.company for r in rows] == ["Acme"]


def test_the_separator_is_the_one_that_finds_column_names_not_the_most_cells():
    data = b"company;at;notes, comments, etc\nAcme;2026-11-25;x\n"
    with pytest.raises(FollowupError) as info:
        csv_import.read_csv(data, "in.csv", NOW_DT, UTC)
    assert str(info.value).startswith(
        "in.csv: row 1, column C: unknown column 'notes, comments, etc': the columns are"
    )
