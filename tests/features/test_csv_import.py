"""features.csv_import: tested directly, and through the commands that use it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW_DT, snapshot, unchanged
from followup.core.models import Interviewer
from followup.errors import FollowupError
from followup.features import csv_import
from followup.storage.store import Store

# ----------------------------------------------------------------------------
# `followup import`: JSON exports and CSV files in, all or nothing, one undo.


HEADER = "company,role,at,interviewers,notes\n"


#: `followup add` arguments for an interview with two interviewers.
ACME = ("Acme Corp", "--role", "Analyst", "--at", "2026-11-25 14:00")


ACME_PEOPLE = ("--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel")


def other_home(tmp_path: Path) -> dict[str, str]:
    return {"FOLLOWUP_HOME": str(tmp_path / "other")}


def test_csv_rows_become_interviews_with_the_steps_add_gives(cli, tmp_path):
    path = tmp_path / "apps.csv"
    path.write_text(
        HEADER + 'Acme Corp,Analyst,2026-11-25 14:00,"Jane Doe <jane@acme.com>; Raj Patel",SQL\n'
        "Globex,,2026-11-24,,\n"
    )
    run = cli("import", str(path))
    assert run.code == 0, run.stderr
    imported = cli("list", "--json").json()
    there = other_home(tmp_path)
    cli("add", *ACME, *ACME_PEOPLE, "--notes", "SQL", env=there)
    cli("add", "Globex", "--at", "2026-11-24", env=there)
    added = cli("list", "--json", env=there).json()
    assert [iv.pop("uid") for iv in imported] != [iv.pop("uid") for iv in added]  # each its own
    assert imported == added
    assert imported[1]["at"] == "2026-11-24T09:00:00+00:00"  # a date alone means 09:00


def test_csv_from_excel_with_a_bom_and_crlf_and_any_header_case(cli, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(
        b"\xef\xbb\xbfCompany,AT,Interviewers\r\nCaf\xc3\xa9 M\xc3\xbcller,2026-11-25 14:00,"
        b"Zo\xc3\xab <zoe@cafe.fr>\r\n"
    )
    run = cli("import", str(path))
    assert run.code == 0, run.stderr
    (iv,) = cli("list", "--json").json()
    assert iv["company"] == "Café Müller"
    assert iv["interviewers"] == [{"name": "Zoë", "email": "zoe@cafe.fr"}]


def test_a_per_step_csv_export_is_refused_and_points_at_the_json_backup(cli, tmp_path, files):
    cli("add", *ACME, *ACME_PEOPLE)
    path = tmp_path / "steps.csv"
    assert cli("export", "--format", "csv", "--output", str(path)).code == 0
    assert path.read_text().startswith("interview,company,role,at,step")
    before = files()
    run = cli("import", str(path))
    assert run.code == 1
    assert run.stdout == ""
    assert "followup export --format csv" in run.stderr
    assert "one row per step" in run.stderr and "cannot be imported" in run.stderr
    assert "`followup export --output backup.json` (json)" in run.stderr
    assert "unknown column" not in run.stderr
    assert files() == before


def test_csv_outcome_or_closed_columns_import_past_interviews_closed(cli, tmp_path):
    path = tmp_path / "past.csv"
    path.write_text(
        "company,at,outcome,closed\nA,2026-10-01,rejected,\nB,2026-10-02,,yes\nC,2026-10-03,,\n"
    )
    assert cli("import", str(path)).code == 0
    listed = {
        iv["company"]: (iv["closed"], iv["outcome"]) for iv in cli("list", "--all", "--json").json()
    }
    assert listed == {"A": (True, "rejected"), "B": (True, None), "C": (False, None)}
    assert [s["company"] for s in cli("status", "--json").json()] == ["C"] * 5


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "Acme,,2026-11-25,,\nGlobex,,someday maybe,,\n",
            "row 3, column C (at): can't read the time",
        ),
        ("Acme,,2026-11-25,,\n,,2026-11-25,,\n", "row 3, column A (company): the company is empty"),
        ("Acme,,,,\n", "row 2, column C (at): no time"),
        ("Acme,,2026-11-25,Jane <jane@>,\n", "row 2, column D (interviewers): bad email"),
        ("Acme,,2026-11-25,Jane;jane,\n", "row 2, column D (interviewers): 'jane' is named twice"),
        ("Acme,,2026-11-25,,,extra\n", "row 2, column F: a value beyond the 5 columns"),
        ('Acme,,2026-11-25,,"open\n', "row 2: unexpected end of data"),
    ],
)
def test_a_bad_csv_imports_nothing_and_names_row_and_column(cli, tmp_path, files, body, message):
    cli("add", "Existing", "--at", "2026-11-20 10:00")
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + body)
    before = files()
    run = cli("import", str(path))
    assert run.code == 1
    assert message in run.stderr
    assert run.stderr.count("\n") == 1
    assert files() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty: its first row must name the columns"),
        (b"company,when\n", "row 1, column B: unknown column 'when'"),
        (b"company,role\nA,x\n", "row 1 has no 'at' column"),
        (b"company,at,Company\n", "row 1, column C: column 'company' appears twice"),
        (b"company,at\nA\xff,2026-11-25\n", "line 2 is not UTF-8"),
    ],
)
def test_a_bad_csv_header_or_encoding_is_named(cli, tmp_path, files, data, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    run = cli("import", str(path))
    assert run.code == 1
    assert message in run.stderr
    assert files() == {}


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1).filter(str.strip))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_company_and_notes_survive_a_csv_import(text):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["company", "at", "notes"], [text, "2026-11-25 14:00", text]])
    rows = csv_import.read_csv(buffer.getvalue().encode(), "x.csv", NOW_DT)
    if text.strip('\r\n\t ,;"') == "" and not any(c.strip() for c in text):
        return
    assert [(r.company, r.notes) for r in rows] == [(text.strip(), text)]


def test_read_csv_needs_no_cli(tmp_path):
    with pytest.raises(FollowupError, match=r"row 2, column B \(at\)"):
        csv_import.read_csv(b"company,at\nA,never\n", "f.csv", NOW_DT)


def test_a_csv_imported_twice_adds_nothing_the_second_time(cli, tmp_path, files):
    path = tmp_path / "apps.csv"
    path.write_text(HEADER + "Initech,Analyst,2026-11-20 10:00,,\n")
    assert cli("import", str(path)).code == 0
    before = files()
    again = cli("import", str(path))
    assert again.code == 0
    assert "Nothing to import" in again.stderr and "same company and time" in again.stderr
    assert files() == before
    # a file with one row more adds that row alone, and says it left the other
    path.write_text(HEADER + "Initech,Analyst,2026-11-20 10:00,,\nHooli,PM,2026-11-21 10:00,,\n")
    third = cli("import", str(path))
    assert third.code == 0 and "Left 1 as it was" in third.stdout
    companies = [iv["company"] for iv in cli("list", "--json").json()]
    assert companies == ["Initech", "Hooli"]


# ----------------------------------------------------------------------------
# Rules of `followup import FILE.csv` a spreadsheet user relies on: how the header is read
# (separator, names, order), which cells mean what, how each problem names its row and
# column, and that importing a spreadsheet again adds only its new rows.


COLUMNS = "company, role, at, interviewers, notes"


def test_a_row_refused_for_a_holiday_region_set_by_hand_says_how_to_fix_it(
    cli, tmp_path, home, files
):
    # config.toml edited by hand: the region is only found out when a business day is
    # counted for the first row, and the row's error keeps the way to set it right
    home.mkdir()
    (home / "config.toml").write_text('[holidays]\ncountry = "XX"\n')
    path = tmp_path / "apps.csv"
    path.write_text("company,at\nAcme,2026-11-25 14:00\n")
    assert unchanged(cli, files, "import", str(path)) == (
        f"error: {path}: row 2: holidays.country 'XX' is not a country the holidays package "
        "knows: use an ISO 3166 code such as US, GB or DE (followup config holidays.country "
        "US), or clear it with followup config holidays.country --unset\n"
    )


def read(text: str | bytes) -> list[csv_import.Row]:
    data = text.encode() if isinstance(text, str) else text
    return csv_import.read_csv(data, "in.csv", NOW_DT, UTC)


def refused(text: str | bytes) -> FollowupError:
    with pytest.raises(FollowupError) as info:
        read(text)
    return info.value


# ----- the header ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "company,at\r\nAcme,2026-11-25 14:00\r\n",
        "company;at\nAcme;2026-11-25 14:00\n",
        "company\tat\nAcme\t2026-11-25 14:00\n",
        "Company ; AT \r\nAcme;2026-11-25 14:00\r\n",
    ],
)
def test_the_header_tells_the_separator(text):
    [row] = read(text)
    assert (row.company, row.at) == ("Acme", datetime(2026, 11, 25, 14, tzinfo=UTC))


def test_a_semicolon_file_may_hold_commas_in_its_cells():
    [row] = read("company;at;notes\nAcme, Inc.;2026-11-25;a, b\n")
    assert (row.company, row.notes) == ("Acme, Inc.", "a, b")


def test_when_separators_find_as_many_names_the_one_giving_more_cells_wins():
    # by commas: "company;x;y" and "at" (one name); by semicolons: "company", "x", "y,at"
    # (one name too, in three cells): semicolons, so "x" is the unknown column
    assert str(refused("company;x;y,at\n")) == (
        f"in.csv: row 1, column B: unknown column 'x': the columns are {COLUMNS} (and "
        "optionally outcome, closed); rename or delete it"
    )


def test_a_tie_between_separators_goes_to_the_comma():
    # by commas: "company" and "at;role"; by semicolons: "company,at" and "role"
    assert str(refused("company,at;role\n")).startswith(
        "in.csv: row 1, column B: unknown column 'at;role'"
    )
    # with no name known either way, the one giving more cells wins
    assert str(refused("a;b\n")).startswith("in.csv: row 1, column A: unknown column 'a'")


def test_an_unknown_column_is_quoted_as_written():
    assert str(refused("company,at, Date \n")).startswith(
        "in.csv: row 1, column C: unknown column ' Date ': the columns are"
    )


def test_a_missing_column_names_the_first_one_missing():
    assert str(refused("role,notes\n")) == (
        f"in.csv: row 1 has no 'company' column: the columns are {COLUMNS}"
    )


def test_the_exported_step_csv_is_refused_with_advice():
    error = refused("interview,company,role,at,step,who,due,status,done_at\n")
    assert error.advice == ("json-backup",)
    assert str(error) == (
        "in.csv is an exported csv with one row per step: it is for spreadsheets and cannot "
        "be imported"
    )


def test_a_header_row_the_csv_reader_refuses_names_row_1():
    assert str(refused('"company\n')) == "in.csv: row 1: unexpected end of data"


def test_only_a_header_is_no_rows():
    assert read("company,at\n") == []
    assert read("company,at") == []


@pytest.mark.parametrize("text", ["", "\n", " ,\t\n", "\r\n"])
def test_an_empty_file_is_refused_naming_the_columns(text):
    assert str(refused(text)) == (
        f"in.csv is empty: its first row must name the columns: {COLUMNS}"
    )


# ----- rows ------------------------------------------------------------------------------


def test_blank_rows_are_passed_over_and_still_counted_in_row_numbers():
    rows = read("company,at\nAcme,2026-11-25\n\n , \nGlobex,2026-11-24\n")
    assert [(r.row, r.company) for r in rows] == [(2, "Acme"), (5, "Globex")]
    assert str(refused("company,at\n\n,\nAcme,later\n")).startswith(
        "in.csv: row 4, column B (at): can't read the time 'later'"
    )


def test_a_value_beyond_the_header_says_to_quote_cells_holding_the_separator():
    assert str(refused("company,at\nAcme,2026-11-25,x\n")) == (
        "in.csv: row 2, column C: a value beyond the 2 columns the header names; quote cells "
        "that hold commas"
    )
    assert str(refused("a\tb\tc\tcompany\tat\n")).startswith("in.csv: row 1, column A")


def test_each_cell_is_read_as_add_takes_it():
    text = (
        "role,notes,topics,company,at,interviewers\n"
        "  Data Analyst , private ;  ,Jane: their dbt move; ;SQL , Acme , 2026-11-25 14:00 ,"
        " Jane Doe <jane@acme.com> ;;Raj\n"
    )
    [row] = read(text)
    assert row.company == "Acme"
    assert row.at == datetime(2026, 11, 25, 14, tzinfo=UTC)
    assert row.role == "  Data Analyst "  # kept as typed: add cleans it
    assert row.notes == " private ;  "
    assert row.topics == ["Jane: their dbt move", "SQL "]
    assert [str(p) for p in row.interviewers] == ["Jane Doe <jane@acme.com>", "Raj"]
    assert (row.closed, row.outcome) == (False, None)


@pytest.mark.parametrize("flag", ["yes", "Y", "TRUE", "1", "x", "Closed", " yes "])
def test_a_closed_cell_saying_yes_closes_the_row(flag):
    [row] = read(f"company,at,closed\nAcme,2026-11-25,{flag}\n")
    assert (row.closed, row.outcome) == (True, None)


@pytest.mark.parametrize("flag", ["", "no", "N", "False", "0", "open", " NO "])
def test_a_closed_cell_saying_no_leaves_the_row_open(flag):
    [row] = read(f"company,at,closed\nAcme,2026-11-25,{flag}\n")
    assert row.closed is False


@pytest.mark.parametrize("outcome", ["Offer", " rejected ", "WITHDRAWN", "no-response"])
def test_an_outcome_closes_the_row_in_any_case(outcome):
    [row] = read(f"company,at,closed,outcome\nAcme,2026-11-25,no,{outcome}\n")
    assert (row.closed, row.outcome) == (True, outcome.strip().lower())


def test_each_problem_names_the_row_and_the_column_of_its_cell():
    head = "notes,role,interviewers,outcome,closed,at,company\n"
    cases = {
        "x,y,Jane,,,2026-11-25,": "row 2, column G (company): the company is empty: fill it in",
        "x,y,Jane,,, ,Acme": "row 2, column F (at): no time: give when the interview was, "
        "e.g. 2026-11-25 14:00",
        "x,y,Jane,,,soon,Acme": "row 2, column F (at): can't read the time 'soon'",
        "x,y,<nope>,,,2026-11-25,Acme": "row 2, column C (interviewers): ",
        "x,y,Jane;jane,,,2026-11-25,Acme": "row 2, column C (interviewers): 'jane' is named "
        "twice: name each person once (add a surname or email to tell two people apart)",
        "x,y,,Hired ,,2026-11-25,Acme": "row 2, column D (outcome): unknown outcome 'Hired ': "
        "use one of offer, rejected, withdrawn, no-response, or leave it empty",
        "x,y,,,Maybe ,2026-11-25,Acme": "row 2, column E (closed): 'Maybe ' is not yes or "
        "no: leave it empty for an open interview",
    }
    for row, message in cases.items():
        assert str(refused(head + row + "\n")).startswith("in.csv: " + message), row


def test_a_bad_interviewer_is_explained_by_the_rule_add_applies():

    with pytest.raises(FollowupError) as add_error:
        Interviewer.parse("<nope>")
    message = str(refused("company,at,interviewers\nAcme,2026-11-25,<nope>\n"))
    assert message == f"in.csv: row 2, column C (interviewers): {add_error.value}"


def test_a_time_without_an_offset_is_local_to_the_zone_given():
    from zoneinfo import ZoneInfo

    data = b"company,at\nAcme,2026-11-25 10:00\n"
    [row] = csv_import.read_csv(data, "in.csv", NOW_DT, ZoneInfo("America/New_York"))
    assert row.at == datetime(2026, 11, 25, 15, tzinfo=UTC)
    [utc] = csv_import.read_csv(data, "in.csv", NOW_DT)  # no zone: the system's (UTC here)
    assert utc.at == datetime(2026, 11, 25, 10, tzinfo=UTC)


def test_now_is_what_relative_times_are_read_from():
    [row] = csv_import.read_csv(b"company,at\nAcme,yesterday 9:00\n", "in.csv", NOW_DT, UTC)
    assert row.at == datetime(2026, 11, 25, 9, tzinfo=UTC)


# ----- long cells --------------------------------------------------------------------------


#: The csv module's limit on a cell in a new process (`csv.field_size_limit()`).
CSV_DEFAULT_LIMIT = 131_072


@pytest.fixture
def fresh_csv_limit():
    """The csv module's cell limit as a new process has it, put back afterwards: the
    limit is the process's, and the first `read_csv` of a test run raises it for good."""
    import csv

    before = csv.field_size_limit(CSV_DEFAULT_LIMIT)
    yield
    csv.field_size_limit(before)


def test_a_note_longer_than_the_csv_modules_default_limit_is_read(fresh_csv_limit):
    note = "n" * 200_000
    [row] = read(f"company,at,notes\nAcme,2026-11-25,{note}\n")
    assert row.notes == note


def test_a_cell_of_a_million_characters_is_read_and_a_longer_one_refused():
    cell = "n" * csv_import.CELL_LIMIT
    assert csv_import.CELL_LIMIT == 1_000_000
    [row] = read(f"company,at,notes\nAcme,2026-11-25,{cell}\n")
    assert len(row.notes) == 1_000_000
    error = refused(f"company,at,notes\nAcme,2026-11-25,x\nAcme,2026-11-26,{cell}n\n")
    assert str(error) == (
        "in.csv: row 3 has a cell longer than 1,000,000 characters: no field is that long "
        "(notes hold up to 5,000); shorten it, or check for a quote left open earlier that "
        "swallowed the rows after it"
    )


def test_a_separator_under_which_the_header_is_too_long_to_read_never_wins(fresh_csv_limit):
    # The header is split before read_csv raises the csv module's limit. By commas this
    # line is two cells within that limit; by semicolons or tabs, one cell over it. No
    # column name is known either way: the separator that can read it wins, and the
    # error names the first of its cells.
    first, second = "x" * 100_000, "y" * 100_000
    assert 100_000 < CSV_DEFAULT_LIMIT < 200_001
    assert str(refused(f"{first},{second}\n")) == (
        f"in.csv: row 1, column A: unknown column {first!r}: the columns are {COLUMNS} "
        "(and optionally outcome, closed); rename or delete it"
    )


def test_a_quote_left_open_names_the_row_it_starts_on():
    assert str(refused('company,at\nAcme,2026-11-25\nGlobex,"2026\n')) == (
        "in.csv: row 3: unexpected end of data (a quote left open, or a stray one?)"
    )


def rows_into(home: Path, text: str, source: str = "in.csv"):
    rows = read(text)
    with Store(home).change(NOW_DT) as ch:
        result = csv_import.import_rows(ch, rows, source, NOW_DT)
    return result, ch.summary


def test_a_row_repeated_in_the_file_or_already_here_is_added_once(home: Path):
    result, summary = rows_into(
        home, "company,at\nAcme,2026-11-25 14:00\nACME,2026-11-25 14:00\nGlobex,2026-11-25\n"
    )
    assert [iv.company for iv in result.interviews] == ["Acme", "Globex"]
    assert result.unchanged == 1
    assert summary == "imported 2 interviews from in.csv"
    again, summary = rows_into(
        home, "company,at\nacme,2026-11-25 14:00\nInitech,2026-11-25\nGlobex,2026-11-25\n"
    )
    assert ([iv.company for iv in again.interviews], again.unchanged) == (["Initech"], 2)
    assert summary == "imported 1 interview from in.csv"
    # a closed one is here too: its company and time count
    rows_into(home, "company,at,closed\nHooli,2026-11-20,yes\n")
    last, summary = rows_into(home, "company,at\nHooli,2026-11-20\n")
    assert (last.interviews, last.unchanged, summary) == (
        [],
        1,
        "imported 0 interviews from in.csv",
    )


def test_a_closed_row_goes_to_the_history_closed_now_with_its_outcome(home: Path):
    result, _ = rows_into(
        home,
        "company,at,outcome,closed\nAcme,2026-11-20,,yes\nGlobex,2026-11-21,offer,\n"
        "Initech,2026-11-22,,\n",
    )
    store = Store(home)
    doc = store.read_open()
    assert [iv.company for iv in doc.interviews] == ["Initech"]
    history = {iv.company: iv for iv in store.read_history(doc)}
    assert {c: (iv.closed, iv.closed_at, iv.outcome) for c, iv in history.items()} == {
        "Acme": (True, NOW_DT, None),
        "Globex": (True, NOW_DT, "offer"),
    }
    assert [iv.id for iv in result.interviews] == [1, 2, 3]


def test_topics_and_interviewers_of_a_row_reach_the_interview(home: Path):
    result, _ = rows_into(
        home,
        "company,at,interviewers,topics,role,notes\n"
        "Acme,2026-11-25,Jane Doe <jane@acme.com>;Raj,Jane: their dbt move;SQL,Analyst,psst\n",
    )
    [iv] = result.interviews
    assert [(t.text, t.who) for t in iv.topics] == [("their dbt move", "Jane Doe"), ("SQL", None)]
    assert [p.label for p in iv.interviewers] == ["Jane Doe", "Raj"]
    assert (iv.role, iv.notes) == ("Analyst", "psst")


def test_a_row_add_refuses_names_its_row_and_nothing_is_added(home: Path):
    before = snapshot(home)
    with pytest.raises(FollowupError) as info:
        rows_into(home, "company,at\nAcme,2026-11-25\nGlobex\x07,2026-11-25\n")
    assert str(info.value).startswith("in.csv: row 3: company 'Globex\\x07' has a control")
    assert snapshot(home) == before


def test_a_row_add_refuses_keeps_the_advice_of_the_refusal(home: Path):
    from followup.core.business_days import Holidays
    from followup.core.checklist import Schedule

    rows = read("company,at\nAcme,2026-11-25 14:00\n")
    before = snapshot(home)
    with pytest.raises(FollowupError) as info, Store(home).change(NOW_DT) as ch:
        csv_import.import_rows(ch, rows, "in.csv", NOW_DT, Schedule(holidays=Holidays("XX")))
    assert str(info.value).startswith("in.csv: row 2: holidays.country 'XX' is not a country")
    assert info.value.advice == ("config-country", "holidays.country", "US")
    assert snapshot(home) == before


# No rule that reads a time or a person gives advice today; the day one does, a csv row
# it refuses must give the same (these stand-ins for the rules give some).


def test_a_refused_time_keeps_the_advice_of_the_refusal():
    def refuse_time(text, now, tz):
        raise FollowupError(f"no time {text!r}", advice=("config-list",))

    with pytest.raises(FollowupError) as info:
        csv_import._read_row(
            4, ["company", "at"], ["Acme", "soon"], "in.csv", NOW_DT, UTC, refuse_time
        )
    assert str(info.value) == "in.csv: row 4, column B (at): no time 'soon'"
    assert info.value.advice == ("config-list",)


def test_a_refused_interviewer_keeps_the_advice_of_the_refusal(monkeypatch):
    def refuse_person(cls, text):
        raise FollowupError(f"no person {text!r}", advice=("json-backup",))

    monkeypatch.setattr(Interviewer, "parse", classmethod(refuse_person))
    error = refused("company,at,interviewers\nAcme,2026-11-25,Jane\n")
    assert str(error) == "in.csv: row 2, column C (interviewers): no person 'Jane'"
    assert error.advice == ("json-backup",)


def test_text_after_a_closing_quote_is_refused_not_glued_on():
    # a spreadsheet never writes "Acme"x: the file was edited by hand, and guessing loses text
    assert str(refused('company,at\n"Acme"x,2026-11-25 14:00\n')) == (
        "in.csv: row 2: ',' expected after '\"' (a quote left open, or a stray one?)"
    )
    assert str(refused('"company"x,at\n')) == "in.csv: row 1: ',' expected after '\"'"


def test_a_line_break_inside_a_quoted_cell_is_kept_as_written():
    [row] = read('company,at,notes\r\nAcme,2026-11-25 14:00,"one\r\ntwo\nthree"\r\n')
    assert row.notes == "one\r\ntwo\nthree"


@pytest.mark.parametrize("separator", [",", ";", "\t"])
@pytest.mark.parametrize("line_end", ["\r", "\n", "\r\n"])
def test_any_separator_is_found_whatever_ends_the_lines(separator, line_end):
    # Excel for Mac's "CSV (Macintosh)" ends lines with a CR alone
    text = line_end.join(
        separator.join(cells)
        for cells in (("company", "at"), ("Acme", "2026-11-25 14:00"), ("Globex", "2026-11-24"))
    )
    rows = read(text + line_end)
    assert [(r.row, r.company) for r in rows] == [(2, "Acme"), (3, "Globex")]
