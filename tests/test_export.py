"""`followup export`: the JSON envelope, CSV for spreadsheets, ICS for calendars."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import ACME
from followup.features import exporting


@pytest.fixture
def sample(cli):
    """Three interviews: one with two interviewers (a step done), one plain, one closed."""
    assert cli(*ACME).code == 0
    assert cli("add", "=cmd|' /C calc'!A0", "--at", "2026-11-25 15:00").code == 0
    assert cli("add", "Initech", "--at", "2026-11-20 10:00").code == 0
    assert cli("close", "3", "--outcome", "withdrawn").code == 0  # no reply step added
    assert cli("done", "acme", "email", "--who", "jane").code == 0


def test_json_export_is_the_envelope_with_every_interview_as_list_all_shows_it(cli, sample):
    run = cli("export")
    assert run.code == 0, run.stderr
    doc = run.json()
    assert (doc["format"], doc["version"]) == ("followup", 3)
    assert doc["interviews"] == cli("list", "--all", "--json").json()
    assert [iv["id"] for iv in doc["interviews"]] == [1, 2, 3]
    assert doc["interviews"][2]["closed"] is True
    assert run.stderr == ""


def test_export_of_an_empty_store_is_an_empty_envelope(cli, files):
    run = cli("export")
    doc = run.json()
    assert set(doc.pop("settings")) == set(cli("config", "--json").json())  # all defaults
    assert doc == {"format": "followup", "version": 3, "interviews": []}
    assert files() == {}


def test_export_changes_nothing_in_the_store(cli, sample, files, tmp_path):
    before = files()
    for fmt in ("json", "csv", "ics"):
        assert cli("export", "--format", fmt).code == 0
    assert cli("export", "--output", str(tmp_path / "x.json")).code == 0
    assert files() == before


def test_output_writes_the_file_and_its_ending_picks_the_format(cli, sample, tmp_path):
    target = tmp_path / "steps.csv"
    run = cli("export", "--output", str(target))
    assert run.code == 0
    assert run.stdout == ""
    assert "Wrote 18 row(s)" in run.stderr
    written = target.read_bytes()
    assert written.count(b"\r\n") == 19  # RFC 4180 line ends (CliRunner shows them as \n)
    assert written.replace(b"\r\n", b"\n") == cli("export", "--format", "csv").stdout.encode()
    assert written.startswith(b"interview,company,")
    ics = tmp_path / "f.ics"
    assert cli("export", "-o", str(ics)).code == 0
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    # --format wins over the ending
    other = tmp_path / "backup.csv"
    assert cli("export", "-f", "json", "-o", str(other)).code == 0
    assert json.loads(other.read_bytes())["format"] == "followup"


def test_output_into_a_missing_folder_is_one_clear_error(cli, sample, tmp_path):
    run = cli("export", "--output", str(tmp_path / "nowhere" / "x.json"))
    assert run.code == 1
    assert run.stderr.startswith("error: could not write")
    assert "Traceback" not in run.stderr


def test_an_unknown_format_is_a_usage_error(cli):
    run = cli("export", "--format", "xlsx")
    assert run.code == 2
    assert run.stderr == (
        "error: bad --format: 'xlsx' is not one of 'json', 'csv', 'ics': "
        "see `followup export --help`\n"
    )


def test_csv_has_the_header_and_one_row_per_step_of_every_interview(cli, sample):
    run = cli("export", "--format", "csv")
    rows = list(csv.reader(io.StringIO(run.stdout, newline="")))
    assert rows[0] == list(exporting.CSV_COLUMNS)
    contract = ["interview", "company", "role", "at", "step", "who", "due", "status", "done_at"]
    assert rows[0] == contract
    every = cli("list", "--all", "--json").json()
    assert len(rows) - 1 == sum(len(iv["steps"]) for iv in every) == 18
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first == {
        "interview": "1",
        "company": "Acme Corp",
        "role": "Data Analyst",
        "at": "2026-11-25T14:00:00+00:00",
        "step": "email",
        "who": "Jane Doe",
        "due": "2026-11-26T14:00:00+00:00",
        "status": "done",
        "done_at": "2026-11-26T10:00:00+00:00",
    }
    assert {r[0] for r in rows[1:]} == {"1", "2", "3"}  # the closed one too


def test_csv_cells_that_a_spreadsheet_would_run_get_a_quote(cli, sample):
    rows = list(csv.reader(io.StringIO(cli("export", "-f", "csv").stdout, newline="")))
    companies = {r[1] for r in rows[1:]}
    assert "'=cmd|' /C calc'!A0" in companies
    assert not any(cell.startswith(exporting.FORMULA_STARTS) for r in rows for cell in r)
