"""Rules of `followup export` a user relies on: the JSON envelope as docs/json.md shows it,
the CSV for spreadsheets (its empty cells, its local times, its formula guard)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import ACME, NOW_DT, make_interview
from followup.core.checklist import derive_steps
from followup.core.models import Interview, Interviewer
from followup.features import exporting

NEW_YORK = ZoneInfo("America/New_York")


def interview(company: str = "Société Générale", **more) -> Interview:
    iv = make_interview(company=company, at=datetime(2026, 11, 25, 15, tzinfo=UTC))
    for key, value in more.items():
        setattr(iv, key, value)
    iv.steps = derive_steps(iv)
    return iv


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


# ----- json ------------------------------------------------------------------------


def test_the_json_export_is_indented_by_two_and_keeps_text_as_typed(cli):
    assert cli("add", "Société Générale", "--at", "2026-11-25 14:00").code == 0
    out = cli("export").stdout
    assert out.startswith('{\n  "format": "followup",\n  "version": 3,\n  "interviews": [\n    {')
    assert '"company": "Société Générale"' in out  # not "Soci\u00e9t\u00e9"
    assert out.endswith("}\n") and not out.endswith("\n\n")
    data = exporting.export_json([interview()], NOW_DT)
    assert "Société Générale".encode() in data
    assert data == (json.dumps(json.loads(data), indent=2, ensure_ascii=False) + "\n").encode()


# ----- csv -------------------------------------------------------------------------


def test_a_step_that_is_nobodys_has_an_empty_who_cell_and_pending_steps_no_done_at(cli):
    assert cli(*ACME).code == 0
    found = rows(cli("export", "--format", "csv").stdout.encode())
    phone = next(r for r in found if r["step"] == "phone")
    assert phone["who"] == ""
    assert phone["done_at"] == ""
    assert {r["who"] for r in found if r["step"] == "email"} == {"Jane Doe", "Raj Patel"}


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
