"""`followup import`: JSON exports and CSV files in, all or nothing, one undo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW_DT, env_for_subprocess, snapshot
from followup.core.checklist import derive_steps
from followup.core.models import Interview, Interviewer
from followup.core.text import CONTROL
from followup.errors import FollowupError
from followup.features import csv_import, exporting, importing

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


# ----- JSON round trip and numbers -------------------------------------------------


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


# ----- bad JSON: nothing imported, the place named ----------------------------------


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


# ----- CSV ---------------------------------------------------------------------------


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


def test_stdin_and_format_option(cli, tmp_path):
    run = cli("import", "-", input=HEADER + "Acme,,2026-11-25 14:00,,\n")
    assert run.code == 0, run.stderr
    assert "from stdin" in run.stdout
    path = tmp_path / "list.txt"
    path.write_text(HEADER + "Globex,,2026-11-25 14:00,,\n")
    assert cli("import", str(path), "--format", "csv").code == 0
    assert [iv["company"] for iv in cli("list", "--json").json()] == ["Acme", "Globex"]


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


# ----- progress and size ------------------------------------------------------------


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
