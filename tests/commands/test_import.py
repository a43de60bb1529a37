"""`followup import`, driven through the real command line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import ACME, NOW_DT, env_for_subprocess, snapshot
from followup.core.checklist import derive_steps
from followup.core.models import Interview, Interviewer
from followup.features import config_file, importing
from followup.storage.store import Store
from machine import Machine
from populate import fill

# ----------------------------------------------------------------------------
# Moving data between machines and tools: imports merge by `uid`, CSV times are local,
# and a calendar learns when a step is ticked off or overdue.


def at(moment: str) -> dict[str, str]:
    """Run a command at another 'now'."""
    return {"FOLLOWUP_NOW": moment}


def laptop(tmp_path: Path, name: str, moment: str | None = None) -> dict[str, str]:
    env = {"FOLLOWUP_HOME": str(tmp_path / name)}
    return {**env, **at(moment)} if moment else env


def export(cli, path: Path, env: dict[str, str] | None = None) -> Path:
    result = cli("export", "--output", str(path), env=env)
    assert result.code == 0, result.stderr
    return path


def test_importing_the_same_file_twice_changes_nothing_the_second_time(cli, tmp_path, files):
    cli(*ACME)
    cli("add", "Globex")
    backup = export(cli, tmp_path / "backup.json")
    other = laptop(tmp_path, "other")
    assert cli("import", str(backup), env=other).code == 0
    snapshot = {p: b for p, b in _files(tmp_path / "other").items()}
    again = cli("import", str(backup), env=other)
    assert again.code == 0, again.stderr
    assert _files(tmp_path / "other") == snapshot
    assert "already" in again.stdout + again.stderr
    listed = cli("list", "--json", env=other).json()
    assert [iv["company"] for iv in listed] == ["Acme Corp", "Globex"]


def test_importing_your_own_export_back_changes_nothing(cli, tmp_path, files):
    cli(*ACME)
    backup = export(cli, tmp_path / "backup.json")
    before = files()
    result = cli("import", str(backup))
    assert result.code == 0, result.stderr
    assert files() == before


def test_a_file_with_two_interviews_of_one_uid_is_refused(cli, tmp_path, files):
    cli(*ACME)
    doc = cli("export").json()
    doc["interviews"].append({**doc["interviews"][0], "id": 9})
    path = tmp_path / "twice.json"
    import json

    path.write_text(json.dumps(doc))
    before = files()
    result = cli("import", str(path))
    assert result.code == 1
    assert "uid" in result.stderr and "interviews[1]" in result.stderr
    assert files() == before


def _files(folder: Path) -> dict[str, bytes]:
    from conftest import snapshot

    return snapshot(folder)


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def test_a_csv_topics_column_becomes_topics_and_notes_stay_private(cli, tmp_path):
    path = tmp_path / "apps.csv"
    path.write_text(
        "company,at,interviewers,notes,topics\n"
        'Hooli,2026-11-23 15:00,Gavin Belson; Denpok,salary 90k,"Gavin: scale; the roadmap"\n'
    )
    run = cli("import", str(path))
    assert run.code == 0, run.stderr
    (iv,) = cli("list", "--json").json()
    assert iv["notes"] == "salary 90k"
    assert iv["topics"] == [
        {"text": "scale", "who": "Gavin Belson"},
        {"text": "the roadmap", "who": None},
    ]


# ----------------------------------------------------------------------------
# The files around the store get the store's care (issue 13): export targets, symlinked
# files, settings written at once, imports held to add's checks, odd clocks and zones.
#
# Each test drives the real CLI (in-process or as a process) and failed before the fix.


def clear_error(run, *words: str) -> None:
    """Exit 1 with one line that is not a crash report, naming `words`."""
    err = run.stderr
    assert run.code == 1 if hasattr(run, "code") else run.returncode == 1, err
    assert "unexpected" not in err and "Traceback" not in err, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, (word, err)


def _export_with(cli, tmp_path, **changes) -> Path:
    fill(cli)
    doc = json.loads(cli("export").stdout)
    iv = doc["interviews"][0]
    iv["id"] = 100
    for key, value in changes.items():
        if key == "name":
            iv["interviewers"][0]["name"] = value
        else:
            iv[key] = value
    path = tmp_path / "in.json"
    path.write_text(json.dumps({**doc, "interviews": [iv]}))
    return path


def test_old_history_is_welcome(cli, home, tmp_path):
    path = _export_with(
        cli,
        tmp_path,
        at="1999-03-01T10:00:00+00:00",
        created_at="1999-03-01T11:00:00+00:00",
    )
    doc = json.loads(path.read_text())
    for step in doc["interviews"][0]["steps"]:
        step["due"] = "1999-03-02T10:00:00+00:00"
    path.write_text(json.dumps(doc))
    run = cli("import", str(path))
    assert run.code == 0, run.stderr


def test_a_json_file_nested_too_deeply(cli, home, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000)
    clear_error(cli("import", str(path)), str(path))
    path.write_text('{"format": "followup", "version": 1, "interviews": ' + "[" * 100_000)
    clear_error(cli("import", str(path)), str(path))


def test_a_csv_row_before_1970_or_years_ahead_is_refused(cli, files, tmp_path):
    path = tmp_path / "in.csv"
    for when in ("1969-07-20 20:17", "2031-01-01 10:00"):
        path.write_text(f"company,at\nAcme,{when}\n")
        clear_error(cli("import", str(path)), "row 2", when)
    assert files() == {}


# ----------------------------------------------------------------------------
# `followup import`: JSON exports and CSV files in, all or nothing, one undo.


HEADER = "company,role,at,interviewers,notes\n"


#: `followup add` arguments for an interview with two interviewers.
ACME_import = ("Acme Corp", "--role", "Analyst", "--at", "2026-11-25 14:00")


ACME_PEOPLE = ("--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel")


@pytest.fixture
def history(cli):
    """A store with open, closed, done and skipped follow-ups, and a removed number."""
    cli("add", *ACME_import, *ACME_PEOPLE, "--notes", "SQL; [b]x[/b]")
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


# ----- bad JSON: nothing imported, the place named ----------------------------------


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


# ----------------------------------------------------------------------------
# Rules of `followup import FILE.csv` a spreadsheet user relies on: how the header is read
# (separator, names, order), which cells mean what, how each problem names its row and
# column, and that importing a spreadsheet again adds only its new rows.


def test_the_cli_imports_a_semicolon_spreadsheet_from_stdin(cli):
    run = cli("import", "-", input="company;at;outcome\nAcme;2026-11-25 14:00;rejected\n")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("Imported 1 interview(s) from stdin (0 open, 1 closed)")
    again = cli("import", "-", "--format", "csv", input="company;at\nacme;2026-11-25 14:00\n")
    assert "Nothing to import: the 1 interview(s) in stdin are here already" in again.stderr


# ----------------------------------------------------------------------------
# Rules of `followup import FILE.json` a user relies on: which files are read (encodings,
# envelope, versions), how each problem is named, and how a file merges into the store by
# uid (the newer copy wins, numbers and rounds follow, the undo line says what happened).


AT = "2026-11-01T10:00:00+00:00"


def export_json(*interviews: dict, version: int = 2) -> bytes:
    doc = {"format": "followup", "version": version, "interviews": list(interviews)}
    return json.dumps(doc).encode()


def entry(id: int, company: str = "", **more) -> dict:
    return {"id": id, "uid": f"uid-{id}", "company": company or f"Co{id}", "at": AT, **more}


def test_a_bad_file_through_the_cli_changes_nothing_and_exits_1(cli, home: Path, tmp_path):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    before = snapshot(home)
    bad = tmp_path / "bad.json"
    bad.write_bytes(export_json(entry(1), entry(2, uid="uid-1")))
    run = cli("import", str(bad))
    assert run.code == 1
    assert f"{bad}: bad value at interviews[1].uid: 'uid-1' is used twice" in run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(home) == before


# ----------------------------------------------------------------------------
# Rules of the store (storage.store, change, files, validation) that a user relies on:
# what is said and kept when a save fails halfway, and how each damaged file is named.


def test_an_import_keeps_the_time_of_a_newer_copy_and_stamps_what_is_new(cli, home, tmp_path):
    assert cli("add", "Acme Corp", "--at", "2026-11-25 14:00").code == 0
    assert cli("export", "--output", str(tmp_path / "out.json")).code == 0
    data = json.loads((tmp_path / "out.json").read_text())
    newer = data["interviews"][0]
    newer.update(role="Analyst", updated_at="2026-11-26T12:00:00+00:00")
    new = {**newer, "id": 2, "uid": "a" * 32, "company": "Globex", "updated_at": None}
    data["interviews"].append(new)
    (tmp_path / "in.json").write_text(json.dumps(data))
    later = "2026-11-27T09:00:00+00:00"
    assert cli("import", str(tmp_path / "in.json"), env={"FOLLOWUP_NOW": later}).code == 0
    assert {iv.id: iv.updated_at.isoformat() for iv in Store(home).read_all()} == {
        1: "2026-11-26T12:00:00+00:00",
        2: later,
    }


# ----------------------------------------------------------------------------
# Sync between machines through `export` and `import`: no tick is ever lost.
#
# Two homes (two FOLLOWUP_HOME folders) exchange exports through the real CLI: steps merge
# one by one, the interview's own fields come from the copy changed last, the report names
# what the file replaced, and the settings travel only when asked for (`--settings`).


@pytest.fixture
def pair(cli, tmp_path: Path) -> tuple[Machine, Machine]:
    """Laptop `a` records Acme (Engineer, Jane and Raj); desktop `b` imports its export."""
    a, b = Machine(cli, tmp_path, "a"), Machine(cli, tmp_path, "b")
    a.run(*ACME[:3], "Engineer", *ACME[4:])
    b.run("import", str(a.export()))
    return a, b


# ----- the step-level merge, through the CLI ---------------------------------------------


def test_a_tick_made_here_survives_the_other_machines_later_copy(pair):
    a, b = pair
    a.run("done", "acme", "email", "--who", "jane", when=1)  # ticked on a at 11:00
    b.run("edit", "1", "--role", "Senior Engineer", when=2)  # edited on b at 12:00
    b.run("skip", "1", "card", "--who", "raj", when=2)
    result = a.run("import", str(b.export(when=2)), when=3)
    # the role came from b's later copy, and the report names the value it replaced
    assert '#1 role: "Engineer" -> "Senior Engineer"' in result.stdout
    assert "#1 skipped in the file: Handwritten card · Raj Patel" in result.stdout
    steps = a.steps()
    assert steps[("email", "Jane Doe")] == ["done"]  # today's code: pending again
    assert steps[("card", "Raj Patel")] == ["skipped"]
    assert a.run("show", "1", "--json").json()["role"] == "Senior Engineer"


def test_two_machines_exchanging_in_both_directions_end_up_the_same(pair):
    a, b = pair
    a.run("done", "acme", "email", when=1)  # both emails, on a
    a.run("done", "acme", "checkin", when=1)  # a's first check-in, and the next one added
    b.run("done", "acme", "linkedin", "--who", "raj", when=2)
    b.run("edit", "acme", "--notes", "salary 90k", when=2)
    b.run("add", "Globex", "--at", "2026-11-26 09:00", when=2)
    a.run("import", str(b.export(when=2)), when=3)
    b.run("import", str(a.export(when=3)), when=4)
    a_list = a.run("list", "--json", when=5).json()
    b_list = b.run("list", "--json", when=5).json()
    assert a_list == b_list
    acme = a_list[0]
    assert acme["notes"] == "salary 90k"
    done = {(s["step"], s["who"]) for s in acme["steps"] if s["status"] == "done"}
    assert done == {
        ("email", "Jane Doe"), ("email", "Raj Patel"), ("linkedin", "Raj Patel"),
        ("checkin", None),
    }  # fmt: skip
    assert [s["status"] for s in acme["steps"] if s["step"] == "checkin"] == ["done", "pending"]
    # and once more in each direction: nothing changes, not a byte
    for here, there in ((a, b), (b, a)):
        before = here.files()
        again = here.run("import", str(there.export(when=5, name="again.json")), when=6)
        assert "Nothing to import" in again.stderr
        assert here.files() == before


def test_done_on_one_side_and_skipped_on_the_other_is_done_at_the_earlier_time(pair):
    a, b = pair
    b.run("skip", "acme", "card", "--who", "jane", when=1)
    a.run("done", "acme", "card", "--who", "jane", when=2)
    a.run("import", str(b.export(when=2)), when=3)
    b.run("import", str(a.export(when=3)), when=3)
    for machine in (a, b):
        card = next(
            s
            for s in machine.run("show", "1", "--json").json()["steps"]
            if (s["step"], s["who"]) == ("card", "Jane Doe")
        )
        assert (card["status"], card["done_at"]) == ("done", "2026-11-26T11:00:00+00:00")


def test_a_step_and_a_person_kept_when_the_copy_changed_last_does_not_have_them(pair):
    a, b = pair
    b.run("edit", "acme", "--add-with", "Kim Lee", when=1)
    b.run("done", "acme", "email", "--who", "kim", when=1)
    a.run("edit", "acme", "--role", "Lead", when=2)  # a's copy is the later one
    result = a.run("import", str(b.export(when=2)), when=3)
    assert "#1 kept Kim Lee" in result.stdout
    people = [p["name"] for p in a.run("show", "1", "--json").json()["interviewers"]]
    assert people == ["Jane Doe", "Raj Patel", "Kim Lee"]
    assert a.steps()[("email", "Kim Lee")] == ["done"]
    assert a.run("show", "1", "--json").json()["role"] == "Lead"
    assert a.run("doctor", when=3).code == 0


def test_a_renamed_interviewer_is_the_same_person_on_the_other_machine(pair):
    a, b = pair
    a.run("edit", "acme", "--rename-with", "jane", "Janet Doe <janet@acme.com>", when=2)
    b.run("done", "acme", "email", "--who", "jane", when=1)
    a.run("import", str(b.export(when=1)), when=3)
    steps = a.steps()
    assert steps[("email", "Janet Doe")] == ["done"]
    assert ("email", "Jane Doe") not in steps  # no second copy of her steps


# ----- the report, and --dry-run -----------------------------------------------------------


def test_dry_run_prints_the_report_and_writes_nothing(pair):
    a, b = pair
    b.run("edit", "1", "--role", "Senior Engineer", when=2)
    b.run("done", "1", "phone", when=2)
    file = b.export(when=2)
    before = a.files()
    result = a.run("import", str(file), "--dry-run", when=3)
    assert "Would merge 1 with the file's copy: #1 Acme Corp (Senior Engineer)." in result.stdout
    assert '#1 role: "Engineer" -> "Senior Engineer"' in result.stdout
    assert "#1 done in the file: Phone ready" in result.stdout
    assert "Nothing was changed (--dry-run)" in result.stderr
    assert a.files() == before
    report = a.run("import", str(file), "--dry-run", "--json", when=3).json()
    assert report["replaced"] == [
        {"interview": 1, "field": "role", "from": "Engineer", "to": "Senior Engineer"}
    ]
    assert [(s["step"], s["status"]) for s in report["ticks"]] == [("phone", "done")]
    assert a.files() == before


def _doc(path: Path) -> dict:
    return json.loads(path.read_text())


# ----- refused: conflicts and clocks -------------------------------------------------------


def test_a_uid_of_another_company_and_time_refuses_the_whole_import(pair, tmp_path):
    a, b = pair
    b.run("add", "Globex", "--at", "2026-11-20 09:00", when=1)
    doc = _doc(b.export(when=1))
    acme, globex = doc["interviews"]
    globex["uid"] = acme["uid"]  # Globex claims to be Acme
    doc["interviews"] = [globex]
    path = tmp_path / "clash.json"
    path.write_text(json.dumps(doc))
    before = a.files()
    result = a.run("import", str(path), when=2, code=1)
    assert "#2 Globex" in result.stderr and "#1 Acme Corp (Engineer)" in result.stderr
    assert "another company and another time" in result.stderr
    # each named with its time, in UTC, to the minute
    assert "(#2 Globex, 2026-11-20 09:00 UTC) has the uid of #1 Acme Corp" in result.stderr
    assert re.search(
        r"Acme Corp \(Engineer\) here \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)", result.stderr
    )
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert a.files() == before


def test_a_renamed_company_or_a_moved_time_alone_is_no_conflict(pair):
    a, b = pair
    b.run("edit", "1", "--company", "Acme Inc", when=1)
    assert "company:" in a.run("import", str(b.export(when=1)), when=2).stdout
    b.run("edit", "1", "--at", "2026-11-25 15:00", when=3)
    assert "#1 at: " in a.run("import", str(b.export(when=3)), when=4).stdout


def test_an_updated_at_more_than_a_day_ahead_is_refused(pair, tmp_path):
    a, b = pair
    doc = _doc(b.export(when=1))
    now = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)
    for ahead, code in ((timedelta(days=1), 0), (timedelta(days=1, seconds=1), 1)):
        doc["interviews"][0]["updated_at"] = (now + ahead).isoformat()
        doc["interviews"][0]["role"] = f"ahead {ahead}"
        path = tmp_path / "clock.json"
        path.write_text(json.dumps(doc))
        before = a.files()
        result = a.run("import", str(path), when=1, code=code)
        if code:
            assert result.stderr == (
                f"error: {path}: bad value at interviews[0].updated_at: "
                f"{(now + ahead).isoformat()} is more than a day after now: the clock of the "
                "machine that wrote it was wrong; fix that time in the file\n"
            )
            assert a.files() == before


def _as_version_1(doc: dict) -> dict:
    """An export as followup wrote it before uids, topics, rounds and check-ins."""
    doc = {"format": "followup", "version": 1, "interviews": doc["interviews"]}
    for iv in doc["interviews"]:
        for key in ("uid", "topics", "decision", "round", "previous", "unanswered_checkins"):
            iv.pop(key, None)
        for key in ("updated_at",):
            iv.pop(key, None)
        iv["steps"] = [
            {k: v for k, v in s.items() if k != "reason"}
            for s in iv["steps"]
            if s["step"] != "checkin"
        ]
    return doc


# ----- version 1 files ---------------------------------------------------------------------


def test_an_old_export_with_more_progress_brings_its_ticks_and_no_field(pair, tmp_path):
    a, b = pair
    b.run("done", "acme", "email", when=1)
    b.run("edit", "acme", "--role", "Old title", when=1)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(_as_version_1(_doc(b.export(when=1)))))
    a.run("done", "acme", "card", "--who", "raj", when=2)
    result = a.run("import", str(old), when=3)
    assert "#1 done in the file: Thank-you email · Jane Doe, Thank-you email · Raj Patel" in (
        result.stdout
    )  # today's code: "already here, as new as the file's copies or newer"
    shown = a.run("show", "1", "--json").json()
    assert shown["role"] == "Engineer"  # a version-1 file never replaces a field
    steps = a.steps()
    assert steps[("email", "Jane Doe")] == steps[("email", "Raj Patel")] == ["done"]
    assert steps[("card", "Raj Patel")] == ["done"]
    assert len(a.run("list", "--json").json()) == 1  # merged, not added again


def test_an_old_export_into_the_store_it_came_from_adds_nothing_and_loses_no_tick(pair, tmp_path):
    a, _ = pair
    a.run("done", "acme", "email", "--who", "raj", when=1)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(_as_version_1(_doc(a.export(when=1)))))
    a.run("done", "acme", "linkedin", when=2)  # progress made since the old export
    before = a.files()
    result = a.run("import", str(old), when=3)
    assert "Nothing to import" in result.stderr
    assert a.files() == before
    assert a.steps()[("linkedin", "Jane Doe")] == ["done"]


def test_a_version_1_file_with_a_far_year_is_a_clear_error(pair, tmp_path):
    a, _ = pair
    doc = _as_version_1(_doc(a.export()))
    doc["interviews"][0]["at"] = "9999-12-30T10:00:00+00:00"
    path = tmp_path / "far.json"
    path.write_text(json.dumps(doc))
    before = a.files()
    result = a.run("import", str(path), code=1)
    assert "interviews[0].at" in result.stderr and "9999-12-30" in result.stderr
    assert "unexpected" not in result.stderr and "OverflowError" not in result.stderr
    assert a.files() == before


def _numbered(cli, pair, tmp_path: Path, key: str, number: int) -> tuple[Machine, Path]:
    """A fresh machine, and b's export with its interview's `key` set to `number`."""
    _, b = pair
    doc = _doc(b.export())
    doc["interviews"][0][key] = number
    path = tmp_path / f"{key}-{number}.json"
    path.write_text(json.dumps(doc))
    return Machine(cli, tmp_path, "fresh"), path


@pytest.mark.parametrize("key", ["id", "previous"])
def test_an_interview_number_past_the_highest_is_a_clear_error(cli, pair, tmp_path, key):
    """10**30 was taken as #1000000000000000000000000000000, and every later add counted
    up from it, past what jq and JavaScript keep exactly."""
    fresh, path = _numbered(cli, pair, tmp_path, key, 10**30)
    result = fresh.run("import", str(path), code=1)
    assert f"bad value at interviews[0].{key}: Input should be less than or equal to " in (
        result.stderr
    )
    assert "999999999" in result.stderr
    assert fresh.files() == {}


def test_the_number_before_the_highest_leaves_one_for_add(cli, pair, tmp_path):
    fresh, path = _numbered(cli, pair, tmp_path, "id", 999_999_998)
    fresh.run("import", str(path))
    assert fresh.run("add", "Globex").stdout.startswith("#999999999 Globex\n")


def test_the_highest_number_imported_leaves_none_for_add_and_says_so(cli, pair, tmp_path):
    fresh, path = _numbered(cli, pair, tmp_path, "id", 999_999_999)
    assert "#999999999 Acme Corp" in fresh.run("import", str(path)).stdout
    before = fresh.files()
    result = fresh.run("add", "Globex", code=1)
    assert result.stderr == (
        "error: interview numbers run out at 999,999,999, and an imported interview took "
        "the last: export, lower the numbers in the file (`id`, `previous`), and import it "
        "into a new store\n"
    )
    assert fresh.files() == before


# ----- closed interviews and rounds --------------------------------------------------------


def test_a_closed_round_and_its_next_one_merge_with_ticks_made_elsewhere(pair):
    a, b = pair
    a.run("add", "Initech", when=1)  # takes number 2 on a: b's round 2 is renumbered
    a.run("done", "1", "card", "--who", "jane", when=1)
    b.run("next", "acme", "--at", "2026-11-26 09:00", "--with", "Kim Lee", when=2)
    b.run("close", "1", "--outcome", "withdrawn", when=2)  # b's copy is the later one
    result = a.run("import", str(b.export(when=2)), when=3)
    assert "#2 -> #3 Acme Corp" in result.stdout
    rounds = {iv["id"]: iv for iv in a.run("list", "--all", "--json").json()}
    assert rounds[1]["closed"] is True and rounds[1]["outcome"] == "withdrawn"
    assert (rounds[3]["round"], rounds[3]["previous"]) == (2, 1)
    card = [s for s in rounds[1]["steps"] if (s["step"], s["who"]) == ("card", "Jane Doe")]
    assert [s["status"] for s in card] == ["done"]
    checkins = [s["reason"] for s in rounds[1]["steps"] if s["step"] == "checkin"]
    assert checkins == ["next round"]
    doc = Store(a.home).read_open()
    assert doc.closed_ids == [1] and [iv.id for iv in doc.interviews] == [2, 3]
    assert a.run("doctor", when=3).code == 0
    before = a.files()
    a.run("import", str(b.export(when=2, name="b-again.json")), when=4)
    assert a.files() == before


def test_one_undo_takes_a_merge_back(pair):
    a, b = pair
    before = a.run("show", "1", "--json").json()
    b.run("done", "acme", "email", when=1)
    b.run("edit", "1", "--role", "X", when=1)
    a.run("import", str(b.export(when=1)), when=2)
    a.run("undo", when=2)
    assert a.run("show", "1", "--json").json() == before


def test_a_csv_row_of_an_interview_already_here_leaves_its_ticks_alone(pair, tmp_path):
    a, _ = pair
    a.run("done", "acme", "email", when=1)
    rows = tmp_path / "rows.csv"
    rows.write_text('company,role,at,interviewers\nAcme Corp,Boss,2026-11-25 14:00,"Jane Doe"\n')
    before = a.files()
    a.run("import", str(rows), when=2)
    assert a.files() == before
    assert a.steps()[("email", "Jane Doe")] == ["done"]


# ----- settings ----------------------------------------------------------------------------


def test_the_export_carries_the_settings_config_lists_and_no_secret(pair):
    a, _ = pair
    a.run("config", "name", "Sam Lee")
    a.run("config", "due.email", "2d")
    doc = _doc(a.export(name="with-settings.json"))
    listed = a.run("config", "--json").json()
    assert doc["settings"] == {
        key: entry["value"] for key, entry in listed.items() if not config_file.is_secret(key)
    }
    assert doc["settings"]["name"] == "Sam Lee" and doc["settings"]["due.email"] == "2d"
    for key in ("mail.imap.password", "api_secret", "mail.imap.token_command"):
        assert config_file.is_secret(key)
    assert not config_file.is_secret("mail.imap.user")


def test_settings_are_taken_only_with_settings_and_undo_puts_them_back(pair):
    a, b = pair
    a.run("config", "name", "Sam Lee")
    a.run("config", "due.email", "2d")
    b.run("config", "phone", "+1 555 0100")
    file = a.export(name="with-settings.json")
    config = b.home / "config.toml"
    kept = config.read_bytes()
    plain = b.run("import", str(file), when=1)
    assert config.read_bytes() == kept  # left alone without --settings
    assert "carries 3 setting(s) other than yours" in plain.stderr
    assert "--settings" in plain.stderr
    before = b.files()
    dry = b.run("import", str(file), "--settings", "--dry-run", when=1)
    assert '  name: (not set) -> "Sam Lee"' in dry.stdout
    assert '  phone: "+1 555 0100" -> (not set)' in dry.stdout
    assert b.files() == before
    taken = b.run("import", str(file), "--settings", when=1)
    assert "Set 3 setting(s) from" in taken.stdout
    values = {k: v["value"] for k, v in b.run("config", "--json").json().items()}
    assert (values["name"], values["phone"], values["due.email"]) == ("Sam Lee", None, "2d")
    said = b.run("undo", when=1)
    assert "took the settings from" in said.stdout
    assert config.read_bytes() == kept  # byte for byte
    after = b.files()
    # every file as it was, but open.dues, which names the new open.json it was written for
    assert after.pop("open.dues") != before.pop("open.dues")
    assert after == before
    # undo to a home that had no settings file at all
    config.unlink()
    b.run("import", str(file), "--settings", when=1)
    assert config.exists()
    b.run("undo", when=1)
    assert not config.exists()
    assert not [p for p in (b.home / "undo").iterdir() if ".config." in p.name]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"due.email": "soon"}, "bad value at settings.due.email"),
        ({"colour": "red"}, "settings.colour is not a setting this followup knows"),
        ({"mail.imap.password": "hunter2"}, "settings.mail.imap.password looks like a secret"),
        ({"linkedin.limit": True}, "bad value at settings.linkedin.limit"),
    ],
)
def test_bad_settings_in_a_file_refuse_the_import_with_settings(pair, tmp_path, settings, message):
    a, b = pair
    doc = _doc(a.export())
    doc["settings"] = settings
    path = tmp_path / "bad-settings.json"
    path.write_text(json.dumps(doc))
    before = b.files()
    result = b.run("import", str(path), "--settings", when=1, code=1)
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert b.files() == before
    b.run("import", str(path), when=1)  # without --settings they are not even looked at


def test_settings_of_a_file_without_them_or_of_a_csv_are_refused_plainly(pair, tmp_path):
    a, b = pair
    doc = _doc(a.export())
    del doc["settings"]
    path = tmp_path / "no-settings.json"
    path.write_text(json.dumps(doc))
    assert "carries no settings" in b.run("import", str(path), "--settings", code=1).stderr
    rows = tmp_path / "rows.csv"
    rows.write_text("company,at\nAcme,2026-11-25 14:00\n")
    assert "--settings" in b.run("import", str(rows), "--settings", code=2).stderr


def test_the_settings_update_checks_the_file_it_replaces():
    update = config_file.SettingsImport({"name": "Sam", "due.email": "24h"}, "in.json")
    assert update.new_bytes(None) is not None  # only name: 24h is the default, not set
    assert update.replaced == [("name", None, "Sam")]
    assert b"due" not in update.new_bytes(None)
    same = config_file.dump_settings({"name": "Sam"})
    assert update.new_bytes(same) is None and update.replaced == []
    with pytest.raises(importing.FollowupError):
        update.new_bytes(b'phone = "not a phone"\n')


def test_a_merged_interview_keeps_the_time_of_its_last_real_change(pair):
    a, b = pair
    b.run("edit", "1", "--at", "2026-11-25 15:00", when=1)
    report = a.run("import", str(b.export(when=1)), "--json", when=2).json()
    assert report["replaced"] == [
        {
            "interview": 1,
            "field": "at",
            "from": "2026-11-25T14:00:00+00:00",
            "to": "2026-11-25T15:00:00+00:00",
        }
    ]
    b.run("done", "acme", "email", when=3)  # a tick on b at 13:00
    a.run("edit", "1", "--notes", "from a", when=4)  # a's copy is later: 14:00
    a.run("import", str(b.export(when=4)), when=5)  # merges b's tick at 15:00
    # a's edit at 14:00 is the last real change; the import at 15:00 is none
    assert a.run("show", "1", "--json").json()["updated_at"] == "2026-11-26T14:00:00+00:00"
    # so b's edit at 14:30 (after a's, before that import) wins the next exchange
    b.cli(
        "edit",
        "1",
        "--role",
        "Lead",
        env={"FOLLOWUP_HOME": str(b.home), **at("2026-11-26T14:30:00+00:00")},
    )
    a.run("import", str(b.export(when=6)), when=7)
    assert a.run("show", "1", "--json").json()["role"] == "Lead"
    assert a.steps()[("email", "Jane Doe")] == ["done"]


def test_settings_in_their_own_folder_are_taken_and_undone_under_their_lock(
    cli, tmp_path, monkeypatch
):
    """Without FOLLOWUP_HOME, settings live in the config folder, data elsewhere."""
    source = Machine(cli, tmp_path, "source")
    source.run("add", "Acme")
    source.run("config", "name", "Sam Lee")
    file = source.export()
    monkeypatch.delenv("FOLLOWUP_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert cli("config", "phone", "+1 555 0100").code == 0
    config = tmp_path / "config" / "followup" / "config.toml"
    kept = config.read_bytes()
    run = cli("import", str(file), "--settings")
    assert run.code == 0, run.stderr
    assert b"Sam Lee" in config.read_bytes() and b"555" not in config.read_bytes()
    undo = tmp_path / "data" / "followup" / "undo"
    assert [p.read_bytes() for p in undo.glob("*.config.toml")] == [kept]
    assert cli("undo").code == 0
    assert config.read_bytes() == kept
    assert cli("list", "--json").json() == []


def test_your_own_export_with_its_settings_changes_nothing(pair):
    a, _ = pair
    a.run("config", "name", "Sam Lee")
    file = a.export(name="own.json")
    before = a.files()
    result = a.run("import", str(file), "--settings")
    assert "Nothing to import" in result.stderr and "carries" not in result.stderr
    assert a.files() == before


# ----------------------------------------------------------------------------
# What followup says: words that read right, hints only where they help, Ctrl-C and a
# bare `followup` handled as a user expects.


def test_a_utf16_json_file_with_a_byte_order_mark_imports(cli, tmp_path):
    # Windows PowerShell's `followup export > backup.json` writes UTF-16 with a BOM.
    cli(*ACME)
    path = tmp_path / "backup"
    path.write_bytes(cli("export").stdout.encode("utf-16"))
    result = cli("import", str(path), env={"FOLLOWUP_HOME": str(tmp_path / "other")})
    assert result.code == 0, result.stderr
    assert "Acme Corp" in result.stdout


def test_a_utf16_json_file_without_a_mark_is_named_as_utf16_not_excel_csv(cli, tmp_path, files):
    cli(*ACME)
    path = tmp_path / "backup.json"
    path.write_bytes(cli("export").stdout.encode("utf-16-le"))
    before = files()
    result = cli("import", str(path))
    assert result.code == 1
    assert "UTF-16" in result.stderr and "UTF-8" in result.stderr
    assert "CSV UTF-8" not in result.stderr
    assert files() == before


def test_a_utf16_csv_file_without_a_mark_gets_the_excel_hint(cli, tmp_path, files):
    path = tmp_path / "apps.csv"
    path.write_bytes("company,at\nAcme,2026-11-25 10:00\n".encode("utf-16-le"))
    result = cli("import", str(path))
    assert result.code == 1
    assert "UTF-16" in result.stderr and "CSV UTF-8" in result.stderr


def test_a_huge_csv_cell_is_called_too_long_not_an_open_quote(cli, tmp_path, files):
    path = tmp_path / "apps.csv"
    path.write_text(f'company,at,notes\nAcme,2026-11-25 10:00,"{"x" * 200_000}"\n')
    before = files()
    result = cli("import", str(path))
    assert result.code == 1
    assert "quote" not in result.stderr
    assert "row 2" in result.stderr and "notes" in result.stderr
    assert "200000" in result.stderr or "200,000" in result.stderr
    assert files() == before


# ----------------------------------------------------------------------------
# Times read right, or refused: zones typed after a time, 15h, negative amounts, dates
# that read two ways, dates without a year, weekdays said of the future, and long WHENs.
#
# Each rule is pinned on core/when.py (and core/zones.py) directly and through the CLI.


def test_a_40_kb_csv_cell_is_refused_at_once_naming_its_row_and_column(cli, files, tmp_path):
    sheet = tmp_path / "in.csv"
    sheet.write_text("company,at\nAcme," + "x" * 40_000 + "\n", encoding="utf-8")
    before = files()
    started = time.perf_counter()
    run = cli("import", str(sheet))
    assert time.perf_counter() - started < 1  # 8 s before the cap
    assert run.code == 1
    assert "row 2, column B (at): '" + "x" * 59 + "…' is 40,000 characters long" in run.stderr
    assert len(run.stderr) < 400 and files() == before


def test_csv_cells_read_zones_and_refuse_ambiguous_dates(cli, tmp_path):
    sheet = tmp_path / "in.csv"
    sheet.write_text('company,at\nAcme,"2026-11-12 15:00 EST"\n', encoding="utf-8")
    run = cli("import", str(sheet))
    assert run.code == 0, run.stderr
    assert cli("show", "1", "--json").json()["at"] == "2026-11-12T20:00:00+00:00"
    sheet.write_text("company,at\nBeta,03/04/2026\n", encoding="utf-8")
    run = cli("import", str(sheet))
    assert run.code == 1 and "row 2, column B (at): '03/04/2026' could be" in run.stderr


# ----------------------------------------------------------------------------
# Sync when both machines renamed someone to the same name (issue 20).
#
# On the laptop Raj Patel is renamed "Sam Park", with his email done; on the desktop, later,
# Jane Doe is renamed "Sam Park" and Raj removed. Raj stays for his tick, and steps go by
# name: he is kept as "Sam Park (2)", so no two people of one interview share a name, no
# tick is lost, and a second exchange changes nothing.


@pytest.fixture
def renamed(cli, tmp_path: Path) -> tuple[Machine, Machine]:
    """Laptop `a` and desktop `b` after one exchange, each renaming someone "Sam Park"."""
    a, b = Machine(cli, tmp_path, "a"), Machine(cli, tmp_path, "b")
    a.run("add", "Acme Corp", "--at", "2026-11-25 14:00", "--with", "Jane Doe <jane@acme.com>",
          "--with", "Raj Patel")  # fmt: skip
    b.run("import", str(a.export()))
    a.run("done", "acme", "email", "--who", "raj", when=1)
    a.run("edit", "acme", "--rename-with", "raj", "Sam Park", when=1)
    b.run("edit", "acme", "--rename-with", "jane", "Sam Park", when=2)
    b.run("edit", "acme", "--remove-with", "raj", when=2)  # b's copy is the later one
    return a, b


def people(machine: Machine) -> list[dict]:
    return machine.run("show", "1", "--json", when=9).json()["interviewers"]


def test_the_person_kept_for_a_tick_gets_a_name_of_their_own(renamed):
    a, b = renamed
    result = a.run("import", str(b.export(when=2)), when=3)
    assert (
        '#1 kept Sam Park as "Sam Park (2)" (another person on #1 has their name): dropped '
        "in the copy changed last, but with a step done or skipped in the other"
    ) in result.stdout
    # Jane, renamed last, keeps the name; Raj keeps his identity as key, for the next merge
    assert people(a) == [
        {"name": "Sam Park", "email": "jane@acme.com", "key": "Jane Doe"},
        {"name": "Sam Park (2)", "email": None, "key": "Raj Patel"},
    ]
    steps = a.steps()
    assert steps[("email", "Sam Park (2)")] == ["done"]  # Raj's tick: today's code lost it
    assert steps[("email", "Sam Park")] == ["pending"]  # Jane's, still to do
    assert len(a.run("show", "1", "--json", when=9).json()["steps"]) == 8


def test_both_directions_agree_and_a_second_exchange_changes_nothing(renamed):
    a, b = renamed
    b.run("import", str(a.export(when=2)), when=3)  # b is here and wins the fields
    a.run("import", str(b.export(when=2)), when=3)  # a is here and loses them
    assert a.run("list", "--json", when=5).json() == b.run("list", "--json", when=5).json()
    for here, there in ((a, b), (b, a)):
        before = here.files()
        again = here.run("import", str(there.export(when=5, name="again.json")), when=6)
        assert "Nothing to import" in again.stderr
        assert here.files() == before


def test_the_two_are_told_apart_by_name_afterwards(renamed):
    a, b = renamed
    a.run("import", str(b.export(when=2)), when=3)
    a.run("done", "1", "linkedin", "--who", "Sam Park (2)", when=4)
    steps = a.steps()
    assert steps[("linkedin", "Sam Park (2)")] == ["done"]
    assert steps[("linkedin", "Sam Park")] == ["pending"]
