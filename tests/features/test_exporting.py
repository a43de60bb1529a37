"""features.exporting: tested directly, and through the commands that use it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import NOW_DT, make_interview
from followup.core.checklist import derive_steps
from followup.core.models import Interview, Interviewer
from followup.features import exporting

# ----------------------------------------------------------------------------
# `followup export`: the JSON envelope, CSV for spreadsheets, ICS for calendars.


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_start_is_neutralised(start):
    assert exporting.neutralise(start + "1+1") == "'" + start + "1+1"


@given(st.text())
def test_neutralise_makes_any_text_inert_and_keeps_it(text):
    cell = exporting.neutralise(text)
    assert not cell.startswith(exporting.FORMULA_STARTS)
    assert cell in (text, "'" + text)
    assert (cell != text) == text.startswith(exporting.FORMULA_STARTS)


@settings(max_examples=60, deadline=None)
@given(company=st.text(min_size=1).filter(str.strip), role=st.text())
def test_csv_reads_back_as_the_neutralised_text(company, role):
    iv = Interview(id=1, uid="uid-1", company=company, role=role, at=NOW_DT)
    iv.steps = derive_steps(iv)
    data = exporting.export_csv([iv])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert len(rows) == 1 + len(iv.steps)
    assert {(r[1], r[2]) for r in rows[1:]} == {
        (exporting.neutralise(company), exporting.neutralise(role))
    }


@pytest.mark.parametrize("command", ["export", "import"])
def test_help_ends_with_an_example(cli, command):
    run = cli(command, "--help")
    assert run.code == 0
    description = run.stdout.split("Options:")[0].split("Arguments:")[0].strip()
    assert description.splitlines()[-1].strip().startswith(f"Example: followup {command} ")


# ----------------------------------------------------------------------------
# The files around the store get the store's care (issue 13): export targets, symlinked
# files, settings written at once, imports held to add's checks, odd clocks and zones.
#
# Each test drives the real CLI (in-process or as a process) and failed before the fix.


@pytest.mark.parametrize("start", ["\uff1d", "\ufe66", "\uff0b", "\uff0d", "\uff20", "\ufe62"])
def test_wide_and_small_formula_signs_are_neutralised(cli, home, start):
    assert cli("add", f"{start}HYPERLINK(1)").code == 0
    rows = cli("export", "--format", "csv").stdout.splitlines()
    assert rows[1].split(",")[1] == f"'{start}HYPERLINK(1)", rows[1]


@given(st.text(max_size=8))
def test_no_cell_a_spreadsheet_could_run_survives_the_guard(cell):
    import unicodedata

    from followup.features.exporting import FORMULA_STARTS, neutralise

    out = neutralise(cell)
    first = unicodedata.normalize("NFKC", out[:1])[:1]
    assert out.startswith("'") or first not in FORMULA_STARTS, repr(out)
    assert out in (cell, "'" + cell)


# ----------------------------------------------------------------------------
# Rules of `followup export` a user relies on: the JSON envelope as docs/json.md shows it,
# the CSV for spreadsheets (its empty cells, its local times, its formula guard).


NEW_YORK = ZoneInfo("America/New_York")


def interview(company: str = "Société Générale", **more) -> Interview:
    iv = make_interview(company=company, at=datetime(2026, 11, 25, 15, tzinfo=UTC))
    for key, value in more.items():
        setattr(iv, key, value)
    iv.steps = derive_steps(iv)
    return iv


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_csv_times_are_in_the_zone_given_with_its_offset():
    iv = interview()
    iv.steps[0].status, iv.steps[0].done_at = "done", datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    for data in (exporting.export_csv([iv], NEW_YORK), exporting.export_csv([iv], tz=NEW_YORK)):
        first = rows(data)[0]
        assert first["at"] == "2026-11-25T10:00:00-05:00"
        assert first["due"] == "2026-11-26T10:00:00-05:00"
        assert first["done_at"] == "2026-11-26T04:30:00-05:00"
    # no zone given: the system's (TZ=UTC in the tests)
    assert rows(exporting.export_csv([iv]))[0]["at"] == "2026-11-25T15:00:00+00:00"


@pytest.mark.parametrize(
    "company", ["＝1+1", "﹦1+1", "＋1", "﹣1", "＠SUM(A1)", "⁼1", "₊1", "⩵A1"]
)
def test_the_full_width_and_small_forms_of_a_formula_start_are_neutralised(company):
    # Some spreadsheets read these as the plain sign: the NFKC form of the first character
    # is checked, even where it is two characters ("⩵" is "==")
    assert exporting.neutralise(company) == "'" + company
    found = rows(exporting.export_csv([interview(company)]))
    assert {r["company"] for r in found} == {"'" + company}


@pytest.mark.parametrize("company", ["Société", "Ñandú", "１２３", "−5 Ltd", "É=mc2"])
def test_other_text_that_is_not_ascii_is_left_as_it_is(company):
    assert exporting.neutralise(company) == company


def test_an_empty_cell_stays_empty():
    assert exporting.neutralise("") == ""


def test_interviewers_named_in_the_csv_are_the_people_of_each_step():
    iv = interview(interviewers=[Interviewer(name="Jane Doe"), Interviewer(name="=Raj")])
    who = {(r["step"], r["who"]) for r in rows(exporting.export_csv([iv]))}
    assert ("email", "Jane Doe") in who and ("email", "'=Raj") in who
    assert ("phone", "") in who
