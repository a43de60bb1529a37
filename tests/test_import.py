"""`followup import`: JSON exports and CSV files in, all or nothing, one undo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOW_DT, env_for_subprocess, snapshot
from followup.core.checklist import derive_steps
from followup.core.models import Interview, Interviewer

HEADER = "company,role,at,interviewers,notes\n"


#: `followup add` arguments for an interview with two interviewers.
ACME = ("Acme Corp", "--role", "Analyst", "--at", "2026-11-25 14:00")


ACME_PEOPLE = ("--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel")


@pytest.fixture
def history(cli):
    """A store with open, closed, done and skipped follow-ups, and a removed number."""
    cli("add", *ACME, *ACME_PEOPLE, "--notes", "SQL; [b]x[/b]")
    cli("add", "Gone", "--at", "2026-11-20 10:00")
    cli("add", "Globex", "--at", "2026-11-24 09:30")
    cli("add", "Initech", "--at", "2026-11-01 10:00")
    cli("remove", "2", "--yes")
    cli("done", "acme", "email", "--who", "jane")
    cli("skip", "globex", "card", "--reason", "remote")
    cli("close", "4", "--outcome", "offer")


def export_to(cli, path: Path) -> Path:
    run = cli("export", "--output", str(path))
    assert run.code == 0, run.stderr
    return path


def other_home(tmp_path: Path) -> dict[str, str]:
    return {"FOLLOWUP_HOME": str(tmp_path / "other")}


def test_export_then_import_into_an_empty_home_gives_the_same_list(cli, history, tmp_path):
    backup = export_to(cli, tmp_path / "backup.json")
    there = other_home(tmp_path)
    run = cli("import", str(backup), env=there)
    assert run.code == 0, run.stderr
    assert "Imported 3 interview(s)" in run.stdout
    assert "Renumbered" not in run.stdout
    assert cli("list", "--all", "--json", env=there).stdout == cli("list", "--all", "--json").stdout
    assert (
        cli("status", "--all", "--json", env=there).stdout
        == cli("status", "--all", "--json").stdout
    )
    # the next number goes past the imported ones
    assert cli("add", "Hooli", "--json", env=there).json()["id"] == 5


def test_import_into_a_home_with_interviews_renumbers_clashes_and_says_which(cli, tmp_path):
    for name in ("A", "B"):
        cli("add", name, "--at", "2026-11-20 10:00")
    doc = {
        "format": "followup",
        "version": 1,
        "interviews": [
            {"id": n, "company": c, "at": "2026-11-01T10:00:00+00:00"}
            for n, c in ((1, "Old One"), (7, "Seven"), (2, "Old Two"))
        ],
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc))
    run = cli("import", str(path))
    assert run.code == 0, run.stderr
    assert "#1 -> #8 Old One, #2 -> #9 Old Two" in run.stdout
    listed = {iv["id"]: iv["company"] for iv in cli("list", "--json").json()}
    assert listed == {1: "A", 2: "B", 7: "Seven", 8: "Old One", 9: "Old Two"}
    assert cli("add", "Next", "--json").json()["id"] == 10


def test_numbers_given_out_before_are_never_reused_even_after_remove(cli, tmp_path):
    cli("add", "Temp", "--at", "2026-11-20 10:00")
    cli("remove", "1", "--yes")
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps(
            {
                "format": "followup",
                "version": 1,
                "interviews": [{"id": 1, "company": "Acme", "at": "2026-11-01T10:00:00+00:00"}],
            }
        )
    )
    run = cli("import", str(path), "--json")
    assert run.json()["renumbered"] == [{"from": 1, "to": 2}]


def test_the_same_interview_added_on_two_machines_is_pointed_out(cli, tmp_path):
    # Added separately here and there: two identities (uids), one interview.
    cli("add", *ACME)
    other = other_home(tmp_path)
    cli("add", *ACME, env=other)
    other_file = tmp_path / "o.json"
    cli("export", "--output", str(other_file), env=other)
    run = cli("import", str(other_file))
    assert run.code == 0
    assert "1 of the new ones have the company and time" in run.stderr
    assert "followup remove" in run.stderr


def test_one_undo_takes_the_whole_import_back(cli, history, tmp_path):
    backup = export_to(cli, tmp_path / "b.json")
    other = other_home(tmp_path)
    cli("add", "Mine", env=other)
    listed = cli("list", "--all", "--json", env=other).stdout
    assert cli("import", str(backup), env=other).code == 0
    assert len(cli("list", "--all", "--json", env=other).json()) == 4
    run = cli("undo", env=other)
    assert run.code == 0
    assert "imported 3 interviews from" in run.stdout
    assert cli("list", "--all", "--json", env=other).stdout == listed
    assert cli("add", "X", "--json", env=other).json()["id"] == 6  # numbers stay given out


def test_dry_run_reports_and_changes_nothing(cli, history, tmp_path):
    backup = export_to(cli, tmp_path / "b.json")
    other = other_home(tmp_path)
    cli("add", "Mine", env=other)
    home = tmp_path / "other"
    before = snapshot(home)
    run = cli("import", str(backup), "--dry-run", env=other)
    assert run.code == 0
    assert run.stdout.startswith("Would import 3 interview(s)")
    assert "Would renumber 1 " in run.stdout and "#1 -> #5 Acme Corp" in run.stdout
    assert "Nothing was changed" in run.stderr
    assert snapshot(home) == before
    as_json = cli("import", str(backup), "--dry-run", "--json", env=other).json()
    assert as_json["dry_run"] is True
    assert sorted(iv["id"] for iv in as_json["interviews"]) == [3, 4, 5]
    assert snapshot(home) == before


def test_dry_run_into_an_empty_home_creates_nothing(cli, history, tmp_path):
    backup = export_to(cli, tmp_path / "b.json")
    run = cli("import", str(backup), "-n", env=other_home(tmp_path))
    assert run.code == 0
    assert not (tmp_path / "other").exists()


def _bad(doc: dict, where: list, value) -> dict:
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (["interviews", 1, "steps", 2, "due"], "tomorrow", "interviews[1].steps[2].due"),
        (["interviews", 0, "compnay"], "x", "unknown key at interviews[0].compnay"),
        (["interviews", 2, "id"], 1, "interviews[2].id: number 1 is used twice"),
        (["interviews", 0, "at"], "2026-11-25T14:00:00", "interviews[0].at"),
        (["interviews", 0, "steps", 0, "status"], "finished", "interviews[0].steps[0].status"),
        (["interviews", 0, "steps", 1, "who"], "Nobody", "'Nobody' is not an interviewer of #1"),
        (["version"], 4, "written by a newer followup"),
        (["format"], "followup-store", "own store file"),
        (["interviews"], {}, "interviews is {}: expected a list"),
    ],
)
def test_a_bad_json_file_imports_nothing_and_names_the_place(
    cli, history, tmp_path, files, where, value, message
):
    doc = json.loads(export_to(cli, tmp_path / "b.json").read_bytes())
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_bad(doc, where, value)))
    before = files()
    run = cli("import", str(path))
    assert run.code == 1
    assert message in run.stderr
    assert run.stderr.startswith(f"error: {path}")
    assert run.stderr.count("\n") == 1
    assert files() == before


def test_broken_json_syntax_names_line_and_column(cli, tmp_path, files):
    path = tmp_path / "b.json"
    path.write_text('{"format": "followup",\n "version": 1,\n "interviews": [}\n')
    run = cli("import", str(path))
    assert run.code == 1
    assert "is not valid JSON (line 3, column 17" in run.stderr
    assert files() == {}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("excel-eu.csv", b"\xef\xbb\xbfCompany;Role;At;Interviewers;Notes\r\n"
         b'Acme Corp;Analyst;2026-11-25 14:00;"Jane Doe <jane@acme.com>; Raj Patel";SQL, dbt\r\n'
         b"Globex;;2026-11-24;;\r\n"),
        ("tabs.tsv", b"company\trole\tat\tinterviewers\tnotes\n"
         b"Acme Corp\tAnalyst\t2026-11-25 14:00\tJane Doe <jane@acme.com>; Raj Patel\tSQL, dbt\n"
         b"Globex\t\t2026-11-24\t\t\n"),
    ],
)  # fmt: skip
def test_semicolon_and_tab_separated_files_import_like_comma_ones(cli, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    run = cli("import", str(path))
    assert run.code == 0, run.stderr
    acme, globex = cli("list", "--json").json()
    assert (acme["company"], acme["role"], acme["notes"]) == ("Acme Corp", "Analyst", "SQL, dbt")
    assert [p["name"] for p in acme["interviewers"]] == ["Jane Doe", "Raj Patel"]
    assert globex["company"] == "Globex" and globex["at"] == "2026-11-24T09:00:00+00:00"


def test_a_semicolon_file_with_a_stray_cell_says_to_quote_semicolons(cli, tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text("company;at\nAcme;2026-11-25;Jane\n")
    run = cli("import", str(path))
    assert run.code == 1
    assert "row 2, column C: a value beyond the 2 columns" in run.stderr
    assert "quote cells that hold semicolons" in run.stderr


def test_stdin_and_format_option(cli, tmp_path):
    run = cli("import", "-", input=HEADER + "Acme,,2026-11-25 14:00,,\n")
    assert run.code == 0, run.stderr
    assert "from stdin" in run.stdout
    path = tmp_path / "list.txt"
    path.write_text(HEADER + "Globex,,2026-11-25 14:00,,\n")
    assert cli("import", str(path), "--format", "csv").code == 0
    assert [iv["company"] for iv in cli("list", "--json").json()] == ["Acme", "Globex"]


def test_a_header_alone_imports_nothing_and_says_so(cli, tmp_path, files):
    path = tmp_path / "empty.csv"
    path.write_text(HEADER + ",,,,\n")
    run = cli("import", str(path))
    assert run.code == 0
    assert "Nothing to import" in run.stderr
    assert files() == {}


def test_files_that_cannot_be_imported_get_a_clear_error(cli, tmp_path):
    assert "no file" in cli("import", str(tmp_path / "missing.csv")).stderr
    (tmp_path / "cal.ics").write_text("BEGIN:VCALENDAR\n")
    run = cli("import", str(tmp_path / "cal.ics"))
    assert run.code == 1
    assert "imports only json" in run.stderr
    assert cli("import", str(tmp_path)).code == 1


def test_a_bad_row_among_thousands_still_imports_nothing(cli, tmp_path, files):
    lines = [
        f"Company {n},,2026-11-{1 + n % 28:02d} 10:00,Person {n} <p{n}@x.io>,\n"
        for n in range(3000)
    ]
    lines[2500] = "Broken,,2026-13-45,,\n"
    path = tmp_path / "many.csv"
    path.write_text(HEADER + "".join(lines))
    run = cli("import", str(path))
    assert run.code == 1
    assert "row 2502, column C (at): bad date '2026-13-45'" in run.stderr
    assert files() == {}


def _big_csv(path: Path, rows: int) -> Path:
    path.write_text(
        HEADER + "".join(f"C{n},,2026-10-{1 + n % 28:02d} 10:00,,\n" for n in range(rows))
    )
    return path


def test_a_large_import_is_quiet_without_a_terminal(cli, tmp_path):
    run = cli("import", str(_big_csv(tmp_path / "big.csv", 1500)))
    assert run.code == 0
    assert "Reading" not in run.stderr and "Importing" not in run.stderr
    assert run.stderr.count("\n") == 1


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_large_import_shows_progress_in_a_terminal(tmp_path, home):
    path = _big_csv(tmp_path / "big.csv", 1500)
    leader, follower = os.openpty()
    env = env_for_subprocess(home, TERM="xterm", COLUMNS="100")
    env.pop("NO_COLOR")
    proc = subprocess.run(
        [sys.executable, "-m", "followup", "import", str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        timeout=120,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert proc.returncode == 0
    assert b"Importing" in seen or b"Reading" in seen
    assert proc.stdout.startswith(b"Imported 1500 interview(s)")


@pytest.mark.slow
def test_importing_5000_closed_interviews_keeps_them_out_of_status(cli, tmp_path):
    """Speed is measured by benchmarks/bench.py; here, what a large import does."""
    doc = {"format": "followup", "version": 1, "interviews": []}
    for n in range(1, 5001):
        iv = Interview(
            id=n,
            uid=f"uid-{n}",
            company=f"C{n}",
            at=NOW_DT,
            closed=True,
            outcome="rejected",
            interviewers=[Interviewer(name=f"P{n}", email=f"p{n}@x.io")],
        )
        iv.steps = derive_steps(iv)
        doc["interviews"].append(json.loads(iv.model_dump_json()))
    path = tmp_path / "big.json"
    path.write_text(json.dumps(doc))
    run = cli("import", str(path))
    assert run.code == 0, run.stderr
    assert cli("status", "--json").json() == []
    assert len(cli("list", "--all", "--json").json()) == 5000
