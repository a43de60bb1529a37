"""features.importing: tested directly, and through the commands that use it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import NOW_DT, make_store, snapshot
from followup.core.checklist import derive_steps
from followup.core.models import Interview, Interviewer, Step
from followup.core.text import CONTROL
from followup.errors import FollowupError
from followup.features import actions, csv_import, exporting, importing
from followup.storage.migrations import Notice
from followup.storage.store import Store

# ----------------------------------------------------------------------------
# `followup import`: JSON exports and CSV files in, all or nothing, one undo.


def _typable(text: str, allowed: str = "") -> bool:
    """Text that `add` accepts: no control or direction characters (but `allowed`)."""
    return all(c in allowed for c in CONTROL.findall(text))


@settings(max_examples=40, deadline=None)
@given(
    company=st.text(min_size=1, max_size=200).filter(lambda s: s.strip() and _typable(s)),
    notes=st.text(max_size=300).filter(lambda s: _typable(s, "\n\t")),
    role=st.text(max_size=200).filter(_typable),
    person=st.text(
        alphabet=st.characters(blacklist_characters="<>;", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=200,
    ).filter(lambda s: s.strip() and "@" not in s and _typable(s)),
)
def test_json_round_trips_any_text_add_accepts(company, notes, role, person):
    iv = Interview(
        id=3,
        uid="uid-3",
        company=company.strip(),
        role=role,
        at=NOW_DT,
        notes=notes,
        interviewers=[Interviewer(name=person.strip())],  # any text a store may hold
        created_at=NOW_DT,
    )
    iv.steps = derive_steps(iv)
    back = importing.read_json(exporting.export_json([iv], NOW_DT), "x.json", NOW_DT)
    assert back == [iv]


@settings(max_examples=40, deadline=None)
@given(
    field=st.sampled_from(["company", "role", "notes"]),
    before=st.text(max_size=20).filter(_typable),
    bad=st.from_regex(CONTROL, fullmatch=True).filter(lambda c: c not in "\n\t"),
)
def test_json_import_refuses_any_control_character(field, before, bad):
    iv = Interview(id=3, uid="uid-3", company="Acme", at=NOW_DT, created_at=NOW_DT)
    setattr(iv, field, before + bad)
    with pytest.raises(FollowupError, match=rf"interviews\[0\]\.{field}: .*control character"):
        importing.read_json(exporting.export_json([iv], NOW_DT), "x.json", NOW_DT)


# ----------------------------------------------------------------------------
# Importing a `followup export` file: the rules on numbers and on what a file may hold.
#
# Through the engine (read_json, import_interviews inside a store change) as `import` uses it,
# and through the CLI for what the user sees.


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


COLUMNS = "company, role, at, interviewers, notes"


# ----- csv: what a spreadsheet may hold -------------------------------------------------


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

    from followup.core.checklist import Schedule

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

    rules = Schedule({"email": Delay(0, timedelta(hours=2))})
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


# ----------------------------------------------------------------------------
# Rules of `followup import FILE.json` a user relies on: which files are read (encodings,
# envelope, versions), how each problem is named, and how a file merges into the store by
# uid (the newer copy wins, numbers and rounds follow, the undo line says what happened).


def export_json(*interviews: dict, version: int = 2) -> bytes:
    doc = {"format": "followup", "version": version, "interviews": list(interviews)}
    return json.dumps(doc).encode()


def refused(data: bytes | str, source: str = "in.json") -> str:
    with pytest.raises(FollowupError) as info:
        importing.read_json(data.encode() if isinstance(data, str) else data, source, NOW_DT)
    return str(info.value)


def merge(home: Path, data: bytes, source: str = "in.json") -> tuple[importing.Imported, str]:
    interviews = importing.read_json(data, source, NOW_DT)
    with Store(home).change(NOW_DT) as ch:
        result = importing.import_interviews(ch, interviews, source)
    return result, ch.summary


TEXT = export_json(entry(1, "Société Générale")).decode()


# ----- encodings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"]
)
def test_a_file_in_utf8_or_in_utf16_or_32_with_a_byte_order_mark_is_read(encoding):
    data = TEXT.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be", "utf-32-be"):  # these write no mark
        mark = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff", "utf-32-be": "\ufeff"}[encoding]
        data = mark.encode(encoding) + data
    [iv] = importing.read_json(data, "in.json", NOW_DT)
    assert iv.company == "Société Générale"
    assert importing.decode(data, "in.json", "json") == TEXT


@pytest.mark.parametrize(
    ("data", "kind", "message"),
    [
        (
            b"\xff\xfe" + b"\x00\xd8",  # a lone surrogate: not UTF-16
            "json",
            "in.x starts as UTF-16 but is not: save it as UTF-8",
        ),
        (
            b"\xff\xfe\x00\x00" + b"\xff\xff\xff\x7f",
            "csv",
            "in.x starts as UTF-32 but is not: save it as UTF-8 (in Excel: 'CSV UTF-8')",
        ),
        (
            "company,at\n".encode("utf-16-le"),
            "csv",
            "in.x looks like UTF-16 without a byte-order mark, not UTF-8: save it as UTF-8 "
            "(in Excel: 'CSV UTF-8')",
        ),
        (
            '{"format": 1}'.encode("utf-16-be"),
            "json",
            "in.x looks like UTF-16 without a byte-order mark, not UTF-8: save it as UTF-8",
        ),
        (
            b"company,at\r\nAcme,\xe9t\xe9\r\n",
            "csv",
            "in.x: line 2 is not UTF-8 (byte 0xe9): save it as UTF-8 (in Excel: 'CSV UTF-8')",
        ),
        (b"\x80", "json", "in.x: line 1 is not UTF-8 (byte 0x80): save it as UTF-8"),
    ],
)
def test_a_file_in_another_encoding_is_refused_saying_how_to_save_it(data, kind, message):
    with pytest.raises(FollowupError) as info:
        importing.decode(data, "in.x", kind)
    assert str(info.value) == message


def test_the_default_kind_of_file_is_csv():
    with pytest.raises(FollowupError) as info:
        importing.decode(b"\x80", "in.x")
    assert str(info.value).endswith("(in Excel: 'CSV UTF-8')")


@pytest.mark.parametrize(
    "data",
    [
        b"co\x00m\x00",  # under 8 bytes: too short to tell
        b"abcdefgh\x00ij\x00klmnopqrstu",  # a few zero bytes: not UTF-16
        b"a\x00b\x00c\x00d\x00e\x00f\x00g\x00hxiy",  # 7 of 9 odd bytes zero: under 80%
    ],
)
def test_text_with_a_few_zero_bytes_is_not_taken_for_utf16(data):
    assert importing.decode(data, "in.x") == data.decode()


def test_utf16_is_recognised_at_exactly_eight_bytes_and_80_percent_zeros():
    assert not importing._looks_utf16(b"a\x00b\x00c\x00d")  # 7 bytes
    assert importing._looks_utf16(b"a\x00b\x00c\x00d\x00")  # 8 bytes
    assert importing._looks_utf16(b"\x00a\x00b\x00c\x00d")  # big-endian
    # 4 of 5 even bytes are zero: exactly 80%
    assert importing._looks_utf16(b"\x00a\x00b\x00c\x00dxy")
    assert not importing._looks_utf16(b"\x00a\x00bzc\x00dxy")  # 3 of 5
    # only the first 200 bytes are looked at
    assert importing._looks_utf16("x".encode("utf-16-le") * 100 + b"plain text" * 50)
    head = b"\x00a" * 80 + b"ba" * 20  # 200 bytes, 80 of the 100 even ones zero
    assert importing._looks_utf16(head + b"x")  # the 201st byte is not counted


# ----- format guessing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("in.CSV", b"{", "csv"),
        ("in.json", b"company,at", "json"),
        ("in.jsonl", b"company", "csv"),
        ("in", b"\xff\xfe{\x00", "json"),  # UTF-16 with its mark
        ("in", b"\xfe\xff\x00[", "json"),
        ("in", b" \t\r\n{", "json"),
        ("in", b"x", "csv"),
    ],
)
def test_the_format_goes_by_the_ending_else_by_the_first_character(name, data, kind):
    assert importing.guess_format(name, data) == kind


def test_a_calendar_file_is_refused_with_advice():
    with pytest.raises(FollowupError) as info:
        importing.guess_format("cal.ics", b"")
    assert info.value.advice == ("import-formats",)


# ----- the envelope ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            '{"format": "followup",\n "version": }',
            "in.json is not valid JSON (line 2, column 13: Expecting value)",
        ),
        (
            '{"format": "followup", "note": "tab\there"}',
            "in.json is not valid JSON (line 1, column 36: Invalid control character)",
        ),
        ("[" * 100_000, "in.json is not a followup export: its JSON is nested too deeply"),
        (
            "[]",
            'in.json: the top level is not an object: expected an export file ({"format": '
            '"followup", ...})',
        ),
        (
            '{"version": 2}',
            "in.json is not a followup export (its format is None): expected an export file "
            '({"format": "followup", ...})',
        ),
        ('{"format": "followup", "interviews": []}', "in.json: version is None: expected a"),
        ('{"format": "followup", "version": -1}', "in.json: version is -1: expected a whole"),
        ('{"format": "followup", "version": 1.0}', "in.json: version is 1.0: expected a whole"),
        (
            '{"format": "followup", "version": 2, "zz": 1, "aa": 2, "interviews": []}',
            "in.json: unknown key 'aa' at the top level",
        ),
        ('{"format": "followup", "version": 2}', "in.json: interviews is None: expected a list"),
        (
            '{"format": "followup", "version": 2, "interviews": [], "settings": '
            + str(list(range(40)))
            + "}",
            "in.json: settings is [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16...: "
            'expected an object of "key": value pairs',
        ),
        (
            '{"format": "followup", "version": 2, "interviews": {}}',
            "in.json: interviews is {}: expected a list",
        ),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_saying_why(data, message):
    assert refused(data).startswith(message)


def test_the_advice_after_an_envelope_problem_says_what_an_export_is():
    for data, advice in (
        ("[]", ("export-file",)),
        ('{"format": "x"}', ("export-file",)),
        ('{"format": "followup-store"}', ("export-where-it-lives",)),
    ):
        with pytest.raises(FollowupError) as info:
            importing.read_json(data.encode(), "in.json", NOW_DT)
        assert info.value.advice == advice


def test_the_whole_message_for_the_store_file_and_for_a_newer_version():
    assert refused('{"format": "followup-store", "version": 9}') == (
        "in.json is followup's own store file, not an export"
    )
    assert refused(export_json(version=4)) == (
        "in.json was written by a newer followup (export version 4; this followup reads up "
        "to version 3): upgrade followup to import it"
    )
    assert importing.read_json(export_json(version=3), "in.json", NOW_DT) == []
    assert importing.read_json(export_json(version=2), "in.json", NOW_DT) == []
    assert importing.read_json(export_json(version=1), "in.json", NOW_DT) == []


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (
            ("steps", 0, "due"),
            "someday",
            "in.json: bad value at interviews[0].steps[0].due: Input should be a valid "
            "datetime or date, input is too short (found 'someday')",
        ),
        (
            ("interviewers", 1, "email"),
            5,
            "in.json: bad value at interviews[0].interviewers[1].email: Input should be a "
            "valid string (found 5)",
        ),
        (
            ("steps", 0, "size"),
            1,
            "in.json: unknown key at interviews[0].steps[0].size: a followup export has no "
            "such key; rename or remove it",
        ),
    ],
)
def test_a_bad_value_inside_an_interview_is_named_by_its_full_path(where, value, message):
    iv = entry(
        1,
        interviewers=[{"name": "Jane"}, {"name": "Raj"}],
        steps=[{"step": "phone", "due": AT}],
    )
    target = iv
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    assert refused(export_json(iv)) == message


def test_keys_derived_for_readers_are_dropped_from_interviews_and_steps_alike():
    iv = entry(1, unanswered_checkins=2, steps=[{"step": "phone", "due": AT, "interview": 1}])
    [read] = importing.read_json(export_json(iv), "in.json", NOW_DT)
    assert [s.step for s in read.steps] == ["phone"]
    # ...and only those: an unknown key is still an error
    for key in importing.DERIVED_INTERVIEW_KEYS:
        assert importing.read_json(export_json(entry(1, **{key: 0})), "in.json", NOW_DT)
    odd = entry(1, steps=[{"step": "phone", "due": AT, "overdue": 1, "interviewer": 1}])
    assert "unknown key at interviews[0].steps[0].interviewer" in refused(export_json(odd))


def test_entries_that_are_not_objects_are_named_not_crashed_on():
    assert refused(export_json(entry(1, steps=["x"]))).startswith(
        "in.json: bad value at interviews[0].steps[0]: Input should be a valid dictionary"
    )


# ----- version 1 -------------------------------------------------------------------------


def test_a_version_1_file_is_upgraded_and_says_that_notes_became_topics():
    first = {"id": 1, "company": "Acme", "at": AT, "notes": "their dbt move\nSQL", "steps": []}
    second = {"id": 2, "company": "Globex", "at": AT, "notes": "", "steps": []}
    closed = {
        "id": 3, "company": "Initech", "at": AT, "notes": "pay", "steps": [],
        "closed": True, "closed_at": AT,
    }  # fmt: skip
    notices: list[Notice] = []
    acme, globex, initech = importing.read_json(
        export_json(first, second, closed, version=1), "in.json", NOW_DT, notices
    )
    assert notices == [
        Notice(
            "This is a version-1 export: the notes of 2 interview(s) became their topics too "
            "(what drafts mention; notes are private now)",
            advice=("upgrade-topics",),  # the command line words the commands
        )
    ]
    assert [t.text for t in acme.topics] == ["their dbt move", "SQL"]
    assert acme.uid and acme.uid != globex.uid
    assert [s.step for s in acme.steps] == ["checkin"]  # open: gets its first check-in
    assert [s.step for s in globex.steps] == ["checkin"]
    assert initech.steps == []  # closed: no check-in to do
    assert [t.text for t in initech.topics] == ["pay"]


def test_a_version_1_file_without_notes_says_nothing_and_notices_are_optional():
    plain = {"id": 1, "company": "Acme", "at": AT, "steps": []}
    notices: list[Notice] = []
    importing.read_json(export_json(plain, version=1), "in.json", NOW_DT, notices)
    assert notices == []
    noted = {**plain, "notes": "x"}
    [iv] = importing.read_json(export_json(noted, version=1), "in.json", NOW_DT)  # no list: fine
    assert [t.text for t in iv.topics] == ["x"]
    # a version 2 file is not upgraded: its notes stay private
    [two] = importing.read_json(export_json(entry(1, notes="x")), "in.json", NOW_DT, notices)
    assert (two.topics, notices) == ([], [])


def test_a_version_1_entry_that_is_not_an_object_is_named():
    assert refused(export_json(5, version=1)).startswith(
        "in.json: bad value at interviews[0]: Input should be a valid dictionary"
    )


# ----- what the models alone do not catch ------------------------------------------------


@pytest.mark.parametrize(
    ("interviews", "message"),
    [
        (
            [entry(1), entry(2, "Ac\x1bme")],
            "in.json: bad value at interviews[1].company: company 'Ac\\x1bme' has a control",
        ),
        (
            [entry(1), entry(2, uid="uid-1")],
            "in.json: bad value at interviews[1].uid: 'uid-1' is used twice (also at "
            "interviews[0]): two copies of one interview; keep one of them",
        ),
        (
            [entry(3), entry(1), entry(2, "   ")],
            "in.json: bad value at interviews[2].company: it is empty",
        ),
        (
            [
                entry(
                    4,
                    interviewers=[{"name": "Raj"}, {"name": "Ann"}],
                    steps=[{"step": "card", "who": "Zed", "due": AT}],
                )
            ],
            "in.json: bad value at interviews[0].steps[0].who: 'Zed' is not an interviewer of "
            "#4 (they are: Ann, Raj)",
        ),
        (
            [
                entry(1),
                entry(
                    2,
                    interviewers=[{"name": "Raj"}],
                    steps=[
                        {"step": "card", "who": "Raj", "due": AT},
                        {"step": "email", "who": "Raj", "due": AT},
                        {"step": "card", "who": "Raj", "due": AT},
                    ],
                ),
            ],
            "in.json: bad value at interviews[1].steps[2]: a second card step for Raj",
        ),
    ],
)
def test_what_add_would_refuse_is_refused_naming_the_place(interviews, message):
    assert refused(export_json(*interviews)).startswith(message)


def test_the_same_step_for_two_people_and_a_chain_of_check_ins_are_fine():
    iv = entry(
        1,
        interviewers=[{"name": "Raj"}, {"name": "Ann"}],
        steps=[
            {"step": "email", "who": "Raj", "due": AT},
            {"step": "email", "who": "Ann", "due": AT},
            {"step": "email", "due": AT},
            {"step": "checkin", "due": AT, "status": "done", "done_at": AT},
            {"step": "checkin", "due": AT},
        ],
    )
    [read] = importing.read_json(export_json(iv), "in.json", NOW_DT)
    assert [(s.step, s.who) for s in read.steps][:3] == [
        ("email", "Raj"), ("email", "Ann"), ("email", None),
    ]  # fmt: skip


def test_a_newer_copy_replaces_the_one_here_keeping_its_number_and_an_older_one_does_not(
    home: Path,
):
    merge(home, export_json(entry(5, "Acme", updated_at=AT), entry(6, "Globex", updated_at=AT)))
    later = "2026-11-02T10:00:00+00:00"
    earlier = "2026-10-31T10:00:00+00:00"
    result, summary = merge(
        home,
        export_json(
            entry(1, "Acme Inc", uid="uid-5", updated_at=later),  # newer: replaces
            entry(2, "Globex Ltd", uid="uid-6", updated_at=earlier),  # older: left
            entry(9, "Initech"),  # new
        ),
    )
    assert [(iv.id, iv.company) for iv in result.updated] == [(5, "Acme Inc")]
    assert (result.unchanged, result.newer_here) == (1, 1)
    assert [(iv.id, iv.company) for iv in result.interviews] == [(9, "Initech")]
    assert summary == "imported 1 interview and updated 1 interview from in.json"
    doc = Store(home).read_open()
    assert [(iv.id, iv.company) for iv in doc.interviews] == [
        (5, "Acme Inc"), (6, "Globex"), (9, "Initech"),
    ]  # fmt: skip


def test_a_copy_as_new_as_the_one_here_is_left_and_not_counted_as_newer_here(home: Path):
    merge(home, export_json(entry(1, updated_at=AT)))
    result, summary = merge(home, export_json(entry(1, updated_at=AT)))
    assert (result.updated, result.unchanged, result.newer_here) == ([], 1, 0)
    assert summary == "imported nothing from in.json"


def test_only_updates_say_updated_and_counts_agree_in_number(home: Path):
    merge(home, export_json(entry(1, updated_at=AT), entry(2, updated_at=AT)))
    later = "2026-11-02T10:00:00+00:00"
    _, summary = merge(
        home,
        export_json(entry(1, updated_at=later, role="R"), entry(2, updated_at=later, role="R")),
    )
    assert summary == "updated 2 interviews from in.json"
    assert importing.count([]) == "0 interviews"


def test_the_last_change_is_the_update_else_the_close_else_the_creation_else_the_time():
    from followup.core.models import Interview

    day = [datetime(2026, 11, n, tzinfo=UTC) for n in range(1, 6)]
    iv = Interview(id=1, uid="u", company="A", at=day[0])
    assert importing.last_change(iv) == day[0]
    iv.created_at = day[1]
    assert importing.last_change(iv) == day[1]
    iv.closed_at = day[2]
    assert importing.last_change(iv) == day[2]
    iv.updated_at = day[3]
    assert importing.last_change(iv) == day[3]
    iv.created_at = day[4]  # the update counts, even if older than the creation
    assert importing.last_change(iv) == day[3]


def test_a_newer_closed_copy_moves_the_interview_to_the_history_and_back(home: Path):
    merge(home, export_json(entry(1, "Acme", updated_at=AT), entry(2, "Globex")))
    closed = {"closed": True, "closed_at": "2026-11-02T00:00:00+00:00", "outcome": "offer"}
    merge(home, export_json(entry(1, "Acme", updated_at="2026-11-02T00:00:00+00:00", **closed)))
    doc = Store(home).read_open()
    assert [iv.id for iv in doc.interviews] == [2] and doc.closed_ids == [1]
    merge(home, export_json(entry(1, "Acme", updated_at="2026-11-03T00:00:00+00:00")))
    doc = Store(home).read_open()
    assert [iv.id for iv in doc.interviews] == [1, 2] and doc.closed_ids == []


def test_a_round_follows_its_previous_round_to_its_number_here(home: Path):
    store = Store(home)
    with store.change(NOW_DT) as ch:
        for name in ("Have1", "Have2"):
            actions.add_interview(ch, company=name, at=NOW_DT, now=NOW_DT)
    later = "2026-11-02T10:00:00+00:00"
    result, _ = merge(
        home,
        export_json(
            entry(2, "Acme"),  # number 2 is taken here: becomes 3
            entry(4, "Acme", round=2, previous=2, at=later),  # keeps 4, follows to 3
            entry(5, "Globex", round=2, previous=1),  # 1 is not in the file: kept as is
        ),
    )
    # numbers 4 and 5 are kept; 2, taken here, becomes the one after them
    assert [(was, iv.id) for was, iv in result.renumbered] == [(2, 6)]
    assert {iv.id: iv.previous for iv in result.interviews} == {6: None, 4: 6, 5: 1}


def test_an_updated_rounds_previous_follows_too(home: Path):
    merge(home, export_json(entry(1, "Acme"), entry(2, "Acme", round=2, previous=1)))
    later = (NOW_DT + timedelta(hours=1)).isoformat()  # newer than the import's stamp
    # another machine numbered them 7 and 8
    result, _ = merge(
        home,
        export_json(
            entry(7, "Acme", uid="uid-1"),
            entry(8, "Acme", uid="uid-2", round=2, previous=7, updated_at=later, role="R"),
        ),
    )
    assert [(iv.id, iv.previous) for iv in result.updated] == [(2, 1)]


def test_the_open_list_is_kept_in_number_order_after_an_update(home: Path):
    merge(home, export_json(entry(1, "A", updated_at=AT), entry(2, "B"), entry(3, "C")))
    later = (NOW_DT + timedelta(hours=1)).isoformat()
    merge(home, export_json(entry(1, "A2", updated_at=later)))  # replaced: appended, then sorted
    assert [iv.company for iv in Store(home).read_open().interviews] == ["A2", "B", "C"]


def test_a_new_number_at_exactly_the_next_free_one_is_kept(home: Path):
    store = Store(home)
    with store.change(NOW_DT) as ch:
        actions.add_interview(ch, company="Have", at=NOW_DT, now=NOW_DT)
    result, _ = merge(home, export_json(entry(2, "Two"), entry(1, "One")))
    assert [(was, iv.id) for was, iv in result.renumbered] == [(1, 3)]
    assert Store(home).read_open().next_id == 4


def test_a_renumbered_interview_is_not_double_counted_in_the_next_number(home: Path):
    store = Store(home)
    with store.change(NOW_DT) as ch:
        for name in ("A", "B", "C"):
            actions.add_interview(ch, company=name, at=NOW_DT, now=NOW_DT)
    result, _ = merge(home, export_json(entry(2, "Two")))
    assert [(was, iv.id) for was, iv in result.renumbered] == [(2, 4)]
    assert Store(home).read_open().next_id == 5


def test_lookalikes_count_only_new_interviews_at_a_time_already_here(home: Path):
    merge(home, export_json(entry(1, "Acme"), entry(2, "Globex", closed=True, closed_at=AT)))
    result, _ = merge(
        home,
        export_json(
            entry(1, "Acme"),  # the same uid: not new, not a lookalike
            entry(3, "acme", uid="x-1"),  # another copy of Acme
            entry(4, "GLOBEX", uid="x-2"),  # of the closed Globex
            entry(5, "Acme", uid="x-3", at="2026-11-01T10:00:01+00:00"),
        ),
    )
    assert result.lookalikes == 2


def test_an_import_reports_each_interview_it_reads_to_the_progress_bar(home: Path):
    merge(home, export_json(entry(1)))
    ticks: list[int] = []
    interviews = importing.read_json(export_json(entry(1), entry(2)), "in.json", NOW_DT)
    with Store(home).change(NOW_DT) as ch:
        importing.import_interviews(ch, interviews, "in.json", ticks.append)
    assert ticks == [1, 1]


def test_now_is_what_far_times_are_measured_from():
    far = (NOW_DT + timedelta(days=400)).isoformat()
    assert "interviews[0].at" in refused(export_json(entry(1, at=far)))
    [iv] = importing.read_json(
        export_json(entry(1, at=far)), "in.json", NOW_DT + timedelta(days=60)
    )
    assert iv.at.isoformat() == far


def test_every_interview_left_as_it_is_is_counted_and_so_is_each_changed_here_since(home: Path):
    later = (NOW_DT + timedelta(hours=1)).isoformat()
    three = [entry(n, updated_at=AT) for n in (1, 2, 3)]
    merge(home, export_json(*three))
    assert merge(home, export_json(*three))[0].unchanged == 3
    merge(home, export_json(entry(1, "Co1b", updated_at=later), entry(2, "Co2b", updated_at=later)))
    result, summary = merge(home, export_json(*three))  # two of the three changed here since
    assert (result.unchanged, result.newer_here, summary) == (3, 2, "imported nothing from in.json")


def test_a_json_file_not_in_utf8_is_told_to_save_as_utf8_without_excel_advice():
    assert refused(b'{"format":\n "\xff"}') == (
        "in.json: line 2 is not UTF-8 (byte 0xff): save it as UTF-8"
    )
    assert refused('{"format": 1}'.encode("utf-16-le")) == (
        "in.json looks like UTF-16 without a byte-order mark, not UTF-8: save it as UTF-8"
    )


# ----- merging a copy of an interview here: which copy's fields, times and rounds -------

T0 = NOW_DT - timedelta(days=2)


def _here(home: Path, *rounds: dict) -> Store:
    """A store holding `rounds` (each Interview's fields), updated at T0."""
    store = Store(home)
    with store.change(T0) as ch:
        for n, fields in enumerate(rounds, start=1):
            iv = Interview(id=n, uid=f"u{n}", company="Acme", at=T0, updated_at=T0, **fields)
            ch.open.append(iv)
        ch.doc.next_id = len(rounds) + 1
    return store


def _theirs(id: int, uid: str, **fields) -> Interview:
    return Interview(id=id, uid=uid, company="Acme", at=T0, **fields)


def _merge(store: Store, *copies: Interview, version: int = importing.EXPORT_VERSION):
    with store.change(NOW_DT) as ch:
        return importing.import_interviews(ch, list(copies), "in.json", version=version)


def _role(store: Store, id: int = 1) -> str:
    return next(iv.role for iv in store.read_open().interviews if iv.id == id)


@pytest.mark.parametrize(
    ("version", "their_time", "role"),
    [
        (3, T0 + timedelta(hours=1), "Manager"),  # changed there later: there wins
        (2, T0 + timedelta(hours=1), "Manager"),  # so in a version-2 file
        (3, T0, "Engineer"),  # changed at the same moment: here wins
        (3, T0 - timedelta(hours=1), "Engineer"),
        (1, T0 + timedelta(days=1), "Engineer"),  # a version-1 file never wins fields
    ],
)
def test_fields_come_from_the_copy_changed_later_and_a_tie_or_an_old_file_keeps_here(
    home, version, their_time, role
):
    store = _here(home, {"role": "Engineer"})
    theirs = _theirs(1, "u1", role="Manager", updated_at=their_time, created_at=T0)
    if version == 1:  # a version-1 file is matched by company and time, and has no times
        theirs = theirs.model_copy(update={"updated_at": None, "created_at": their_time})
    _merge(store, theirs, version=version)
    assert _role(store) == role


def test_a_merged_copy_keeps_the_later_of_the_two_times_and_a_version_1_merge_is_now(home):
    store = _here(home, {"role": "Engineer"})
    later = T0 + timedelta(hours=5)
    _merge(store, _theirs(1, "u1", role="Manager", updated_at=later))
    assert store.read_open().interviews[0].updated_at == later  # not NOW_DT
    # a version-1 file has no times of its own: the merge is stamped with this change's
    due = T0 + timedelta(days=1)
    old = _here(home / "old", {"steps": [Step(step="email", due=due)]})
    ticked = Step(step="email", due=due, status="done", done_at=T0 + timedelta(hours=2))
    _merge(old, _theirs(1, "u1", steps=[ticked], created_at=T0), version=1)
    merged = old.read_open().interviews[0]
    assert (merged.steps, merged.updated_at) == ([ticked], NOW_DT)


def test_a_rounds_previous_follows_the_numbers_here_or_stays_when_not_in_the_file(home):
    later = T0 + timedelta(hours=1)
    # here: #1 and #2 (a second round of #1), #3 (a first round)
    store = _here(home, {}, {"previous": 1, "round": 2}, {})
    # the file numbers them 5, 6, 7; its #7 became a second round of its #5 (here #1),
    # and its #6 names a round #4 the file does not hold
    _merge(
        store,
        _theirs(5, "u1", updated_at=T0),
        _theirs(6, "u2", previous=4, round=2, role="Lead", updated_at=later),
        _theirs(7, "u3", previous=5, round=2, role="Lead", updated_at=later),
    )
    got = {iv.id: iv.previous for iv in store.read_open().interviews}
    assert got == {1: None, 2: 1, 3: 1}


def test_a_round_unlinked_there_later_is_unlinked_here(home):
    store = _here(home, {}, {"previous": 1, "round": 2})
    _merge(store, _theirs(2, "u2", previous=None, round=2, updated_at=T0 + timedelta(hours=1)))
    assert {iv.id: iv.previous for iv in store.read_open().interviews} == {1: None, 2: None}


def test_a_uid_clash_is_refused_in_full_words_even_after_an_interview_new_here(home):
    """Every copy of the file is checked, not only those before the first new one."""
    store = _here(home, {"role": "Engineer"})  # #1 Acme, uid u1, at T0
    before = snapshot(home)
    new = _theirs(5, "u5")
    clash = Interview(id=6, uid="u1", company="Globex", at=T0 - timedelta(days=3))
    with pytest.raises(FollowupError) as info:
        _merge(store, new, clash)
    assert str(info.value) == (
        "in.json: interviews[1] (#6 Globex, "
        f"{(T0 - timedelta(days=3)):%Y-%m-%d %H:%M} UTC) has the uid of #1 Acme (Engineer) "
        f"here ({T0:%Y-%m-%d %H:%M} UTC), but another company and another time: they "
        "cannot be the same interview; nothing was imported. Remove that entry from the "
        "file, or give it another uid"
    )
    assert snapshot(home) == before


def test_a_version_1_copy_matched_by_uid_is_not_matched_again_by_its_company_and_time(home):
    """Two entries of a version-1 file: the first is this store's #1 (its uid), the
    second only shares #1's company and time. #1 takes the first; the second is new."""
    store = _here(home, {})
    same = _theirs(1, "u1", created_at=T0)
    lookalike = _theirs(2, "u-other", role="Designer", created_at=T0)
    result = _merge(store, same, lookalike, version=1)
    assert [iv.role for iv in result.interviews] == ["Designer"]
    assert sorted(iv.role for iv in store.read_open().interviews) == ["", "Designer"]


@pytest.mark.parametrize(
    ("people", "twice"),
    [
        (["Jane", "jane"], "jane"),
        (["José Núñez", "Raj", "jose nunez"], "jose nunez"),
        ([{"name": "", "email": "JANE@acme.com"}, {"name": "", "email": "jane@acme.com"}],
         "jane@acme.com"),
    ],
)  # fmt: skip
def test_two_interviewers_that_who_cannot_tell_apart_are_refused(people, twice):
    """As `add` refuses them: `done --who` would match both, with no way to choose."""
    people = [p if isinstance(p, dict) else {"name": p} for p in people]
    n = len(people) - 1
    assert refused(export_json(entry(7, interviewers=people))) == (
        f"in.json: bad value at interviews[0].interviewers[{n}]: {twice!r} is named twice on "
        "#7: steps go by name, so rename one of them in the file (add a surname or initial)"
    )
