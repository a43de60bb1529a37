"""`followup export`, driven through the real command line."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import stat
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import ACME, NOW_DT, add, env_for_subprocess, make_interview, snapshot, unchanged
from followup.core.checklist import derive_steps
from followup.core.models import Interview, Interviewer
from followup.features import exporting
from populate import fill

# ----------------------------------------------------------------------------
# A step, command or option mistyped by a letter or two gets "did you mean ...?".


def test_a_choice_far_from_every_one_gets_no_guess(cli):
    run = cli("export", "--format", "xml")
    assert run.code == 2 and "did you mean" not in run.stderr


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


def test_two_laptops_exchange_exports_and_keep_the_newer_copy(cli, tmp_path):
    a = laptop(tmp_path, "a", "2026-11-26T10:00:00+00:00")
    b = laptop(tmp_path, "b", "2026-11-26T12:00:00+00:00")
    cli(*ACME, env=a)
    cli("add", "Globex", "--at", "2026-11-26 09:00", env=a)
    cli("import", str(export(cli, tmp_path / "a1.json", a)), env=b)
    # On b, later: tick Jane's email on Acme, and add Initech.
    cli("done", "acme", "email", "--who", "jane", env=b)
    cli("add", "Initech", "--at", "2026-11-26 11:00", env=b)
    # Meanwhile on a, earlier than b's change: skip Globex's card.
    cli("skip", "globex", "card", env={**a, **at("2026-11-26T11:00:00+00:00")})
    b1 = export(cli, tmp_path / "b1.json", b)
    result = cli("import", str(b1), env={**a, **at("2026-11-26T13:00:00+00:00")})
    assert result.code == 0, result.stderr
    said = result.stdout + result.stderr
    assert "Acme Corp" in said and "Initech" in said
    merged = {iv["company"]: iv for iv in cli("list", "--json", env=a).json()}
    assert set(merged) == {"Acme Corp", "Globex", "Initech"}
    assert merged["Acme Corp"]["id"] == 1  # updated in place, its number kept
    jane = next(s for s in merged["Acme Corp"]["steps"] if s["who"] == "Jane Doe")
    assert jane["status"] == "done"
    # Globex changed on a after b's copy was made: a's copy is newer and stays.
    card = next(s for s in merged["Globex"]["steps"] if s["step"] == "card")
    assert card["status"] == "skipped"
    # And back: b takes a's newer Globex, and everything else is already there.
    cli("import", str(export(cli, tmp_path / "a2.json", a)), env=b)
    a_view = cli("list", "--json", env=a).json()
    b_view = cli("list", "--json", env=b).json()
    assert {iv["uid"]: iv["steps"] for iv in a_view} == {iv["uid"]: iv["steps"] for iv in b_view}


def test_an_older_copy_in_the_file_does_not_overwrite_a_newer_one(cli, tmp_path):
    cli(*ACME)
    old = export(cli, tmp_path / "old.json")
    cli("done", "acme", "card", env=at("2026-11-26T11:00:00+00:00"))
    result = cli("import", str(old), env=at("2026-11-26T12:00:00+00:00"))
    assert result.code == 0
    steps = cli("show", "1", "--json").json()["steps"]
    assert {s["status"] for s in steps if s["step"] == "card"} == {"done"}


def test_a_dry_run_says_what_the_merge_would_do_and_changes_nothing(cli, tmp_path, files):
    cli(*ACME)
    mine = export(cli, tmp_path / "mine.json")
    other = laptop(tmp_path, "other")
    cli("import", str(mine), env=other)
    cli("done", "acme", "email", env={**other, **at("2026-11-26T11:00:00+00:00")})
    cli("add", "Globex", env=other)
    theirs = export(cli, tmp_path / "theirs.json", other)
    before = files()
    result = cli("import", str(theirs), "--dry-run", "--json", env=at("2026-11-26T12:00:00+00:00"))
    assert result.code == 0, result.stderr
    report = result.json()
    assert [iv["company"] for iv in report["interviews"]] == ["Globex"]
    assert [iv["company"] for iv in report["updated"]] == ["Acme Corp"]
    assert files() == before


def test_csv_offsets_follow_daylight_saving(cli):
    ny = {"TZ": "America/New_York"}
    cli("add", "Acme", "--at", "2026-03-07 10:00", env=ny)
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv", env=ny).stdout)))
    assert rows[0]["at"] == "2026-03-07T10:00:00-05:00"
    card = next(r for r in rows if r["step"] == "card")
    assert card["due"].endswith("-04:00")  # after the clocks went forward on 8 March


def events(data: str) -> dict[str, dict]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_an_overdue_step_becomes_an_event_soon_today_whose_alarm_still_fires(cli):
    cli("add", "Acme", "--at", "2026-11-20 10:00")
    now = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    late = [
        event
        for event in events(cli("export", "-f", "ics").stdout).values()
        if event.decoded("DTSTART") < datetime(2026, 11, 27, tzinfo=UTC)
    ]
    assert len(late) >= 4  # email, linkedin, card and phone were due days ago
    for event in late:
        start = event.decoded("DTSTART")
        alarm = next(iter(event.walk("VALARM")))
        fires = start + alarm.decoded("TRIGGER")
        assert now <= fires and start.date() == now.date(), event.to_ical()
        assert start - now <= timedelta(hours=2)
        assert "overdue" in str(event["SUMMARY"]).lower()
        assert re.search(r"it was due (Fri 20|Sat 21|Sun 22) Nov", str(event["DESCRIPTION"]))


def test_a_step_due_later_keeps_its_due_time(cli):
    cli(*ACME)
    for event in events(cli("export", "-f", "ics").stdout).values():
        if "Thank-you email" in str(event["SUMMARY"]):
            assert event.decoded("DTSTART") == datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
            assert "overdue" not in str(event["SUMMARY"]).lower()


# ----------------------------------------------------------------------------
# `followup export`: the JSON envelope, CSV for spreadsheets, ICS for calendars.


@pytest.fixture
def sample(cli):
    """Three interviews: one with two interviewers (a step done), one plain, one closed."""
    assert cli(*ACME).code == 0
    assert cli("add", "=cmd|' /C calc'!A0", "--at", "2026-11-25 15:00").code == 0
    assert cli("add", "Initech", "--at", "2026-11-20 10:00").code == 0
    assert cli("close", "3", "--outcome", "withdrawn").code == 0  # no reply step added
    assert cli("done", "acme", "email", "--who", "jane").code == 0


# ----- json ------------------------------------------------------------------------


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
    settings = set(doc.pop("settings"))
    keys = set(cli("config", "--json").json())
    # every setting (all defaults here) but the mail token's command: a key that names a
    # token, a password or a secret never leaves the machine
    assert settings == keys - {"mail.imap.token_command"}
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
    target = tmp_path / "nowhere" / "x.json"
    run = cli("export", "--output", str(target))
    assert run.code == 1
    # there was no file to leave as it was
    assert run.stderr == (
        f"error: could not write {target}: No such file or directory; nothing was written\n"
    )


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


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def test_export_writes_version_2_and_version_1_files_still_import(cli, tmp_path, home):
    add(cli, *ACME, "--topic", "dbt", "--decision", "friday")
    out = tmp_path / "out.json"
    assert cli("export", "--output", str(out)).code == 0
    doc = json.loads(out.read_text())
    assert doc["version"] == 3
    (iv,) = doc["interviews"]
    assert iv["topics"] == [{"text": "dbt", "who": None}] and iv["uid"]
    old = {
        "format": "followup",
        "version": 1,
        "interviews": [
            {
                "id": 7, "company": "Initech", "role": "", "at": "2026-11-20T10:00:00+00:00",
                "interviewers": [], "notes": "TPS reports", "closed": False, "outcome": None,
                "steps": [],
            }
        ],
    }  # fmt: skip
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(old))
    run = cli("import", str(path))
    assert run.code == 0, run.stderr
    assert "topics" in run.stderr
    imported = next(i for i in cli("list", "--json").json() if i["company"] == "Initech")
    assert imported["topics"] == [{"text": "TPS reports", "who": None}]
    assert imported["uid"]


def test_each_checkin_is_its_own_calendar_event(cli):
    add(cli, *ACME)
    first = cli("export", "--format", "ics").stdout
    assert cli("done", "acme", "checkin").code == 0
    second = cli("export", "--format", "ics").stdout

    def checkin_uids(text: str) -> list[str]:
        events = text.split("BEGIN:VEVENT")[1:]
        return [
            line.split(":", 1)[1]
            for event in events
            if "Check-in" in event
            for line in event.splitlines()
            if line.startswith("UID:")
        ]

    (was,) = checkin_uids(first)
    now = checkin_uids(second)
    # the done one stays, cancelled (so a calendar drops it); the next is a new event
    assert was in now and len(now) == 2
    done = next(e for e in second.split("BEGIN:VEVENT")[1:] if f"UID:{was}" in e)
    assert "STATUS:CANCELLED" in done


def test_import_refuses_a_topic_with_a_control_character(cli, tmp_path, files):
    add(cli, *ACME, "--topic", "dbt")
    out = tmp_path / "out.json"
    assert cli("export", "--output", str(out)).code == 0
    doc = json.loads(out.read_text())
    doc["interviews"][0]["topics"][0]["text"] = "dbt\x1b[2J"
    out.write_text(json.dumps(doc))
    err = unchanged(cli, files, "import", str(out))
    assert "topics[0].text" in err and "control character" in err


# ----------------------------------------------------------------------------
# The files around the store get the store's care (issue 13): export targets, symlinked
# files, settings written at once, imports held to add's checks, odd clocks and zones.
#
# Each test drives the real CLI (in-process or as a process) and failed before the fix.


def followup(home: Path, *args: str, timeout: float = 60, **env: str):
    return subprocess.run(
        [sys.executable, "-m", "followup", *args],
        capture_output=True,
        text=True,
        env=env_for_subprocess(home, **env),
        timeout=timeout,
    )


def clear_error(run, *words: str) -> None:
    """Exit 1 with one line that is not a crash report, naming `words`."""
    err = run.stderr
    assert run.code == 1 if hasattr(run, "code") else run.returncode == 1, err
    assert "unexpected" not in err and "Traceback" not in err, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, (word, err)


def test_export_refuses_to_replace_a_file_without_force(cli, home, tmp_path):
    fill(cli)
    target = tmp_path / "mine.json"
    target.write_text("my own notes\n")
    target.chmod(0o640)
    run = cli("export", "--output", str(target))
    clear_error(run, str(target), "--force")
    assert target.read_text() == "my own notes\n"
    run = cli("export", "--output", str(target), "--force")
    assert run.code == 0, run.stderr
    assert json.loads(target.read_text())["format"] == "followup"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the user's file keeps its mode


def test_a_new_export_is_private(cli, home, tmp_path):
    fill(cli)
    target = tmp_path / "new.csv"
    old = os.umask(0)
    try:
        assert cli("export", "--output", str(target)).code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_never_uses_a_guessable_temporary_file(cli, home, tmp_path):
    """Another user plants a link (or a readable file) where the temp file would go."""
    fill(cli)
    shared = tmp_path / "shared"
    shared.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    planted = shared / f".out.json.{os.getpid()}.tmp"
    planted.symlink_to(victim)
    spy = shared / f".out2.json.{os.getpid()}.tmp"
    spy.write_text("")
    spy.chmod(0o666)
    assert cli("export", "--output", str(shared / "out.json")).code == 0
    assert cli("export", "--output", str(shared / "out2.json")).code == 0
    assert victim.read_text() == "precious\n"
    assert spy.read_text() == ""  # nothing of the user's went into the planted file
    assert json.loads((shared / "out.json").read_text())["format"] == "followup"
    leftovers = [p.name for p in shared.iterdir() if p.name.endswith(".tmp")]
    assert sorted(leftovers) == sorted(p.name for p in (planted, spy) if os.path.lexists(p))


def test_export_temp_files_are_created_exclusively(cli, home, tmp_path, monkeypatch):
    fill(cli)
    flags: list[int] = []
    real = os.open

    def spy(path, flag, *args, **kwargs):
        if Path(path).parent == tmp_path and Path(path).name.startswith("."):
            flags.append(flag)
        return real(path, flag, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    assert cli("export", "--output", str(tmp_path / "out.json")).code == 0
    assert flags and all(f & os.O_EXCL and f & os.O_CREAT for f in flags if f & os.O_CREAT)


def test_export_writes_into_a_named_pipe(cli, home, tmp_path):
    fill(cli)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    run = cli("export", "--format", "csv", "--output", str(fifo))
    reader.join(timeout=20)
    assert run.code == 0, run.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the pipe was replaced by a file"
    assert got and got[0].startswith(b"interview,company")


def test_export_writes_into_dev_stdout(home, tmp_path):
    followup(home, "add", "Acme Corp")
    out = tmp_path / "captured"
    with out.open("wb") as sink:
        done = subprocess.run(
            [sys.executable, "-m", "followup", "export", "-o", "/dev/stdout", "-f", "json"],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            env=env_for_subprocess(home),
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["interviews"][0]["company"] == "Acme Corp"
    assert out.is_file()


def test_export_into_a_device_writes_into_it(cli, home):
    fill(cli)
    run = cli("export", "--output", "/dev/null")
    assert run.code == 0, run.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize(
    "target",
    ["open.json", "./open.json", "backup/open.json", "undo/000001.json", ".lock", "config.toml"],
)
def test_export_refuses_the_stores_own_files(cli, home, target):
    fill(cli)
    assert cli("config", "name", "Sam Lee").code == 0
    before = snapshot(home)
    lock = (home / ".lock").read_bytes()
    run = cli("export", "--output", str(home / target), "--force")
    clear_error(run, "followup's own")
    assert snapshot(home) == before and (home / ".lock").read_bytes() == lock


def test_export_refuses_a_link_to_the_store(cli, home, tmp_path):
    fill(cli)
    before = snapshot(home)
    link = tmp_path / "looks-harmless.json"
    link.symlink_to(home / "open.json")
    clear_error(cli("export", "--output", str(link), "--force"), "followup's own")
    hard = tmp_path / "hard.json"
    os.link(home / "open.json", hard)
    clear_error(cli("export", "--output", str(hard), "--force"), "followup's own")
    assert snapshot(home) == before


def test_export_through_a_symlink_replaces_the_real_file(cli, home, tmp_path):
    fill(cli)
    real = tmp_path / "real" / "export.json"
    real.parent.mkdir()
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert cli("export", "--output", str(link), "--force").code == 0
    assert link.is_symlink() and json.loads(real.read_text())["format"] == "followup"


def _appears_meanwhile(monkeypatch, target: Path, text: str) -> None:
    """Another program creates `target` just after the export looked whether it exists."""
    from followup.storage import files

    real = files.existing_file

    def look(path):
        seen = real(path)
        if Path(path) == target:
            target.write_text(text)
        return seen

    monkeypatch.setattr(files, "existing_file", look)


@pytest.mark.parametrize("links", [True, False], ids=["hard links", "no hard links"])
def test_export_without_force_never_replaces_a_file_that_appears_meanwhile(
    cli, home, tmp_path, monkeypatch, links
):
    fill(cli)
    if not links:  # a file system without hard links (FAT, some shares)

        def no_link(*args, **kwargs):
            raise PermissionError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_link)
    target = tmp_path / "out" / "theirs.json"
    target.parent.mkdir()
    _appears_meanwhile(monkeypatch, target, "written by someone else\n")
    run = cli("export", "--output", str(target))
    clear_error(run, str(target), "--force")
    assert target.read_text() == "written by someone else\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["theirs.json"]  # no temp left
    fresh = target.parent / "fresh.json"
    assert cli("export", "--output", str(fresh)).code == 0
    assert json.loads(fresh.read_text())["format"] == "followup"
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["fresh.json", "theirs.json"]


def test_a_killed_export_leaves_a_temp_file_that_the_next_export_removes(cli, home, tmp_path):
    """Only followup's own temporary files whose export is gone: never the user's files, a
    link, or a live export's."""
    fill(cli)
    out = tmp_path / "out"
    out.mkdir()
    killed = subprocess.run(  # dies with the export written to its temp file, not yet linked
        [sys.executable, "-c", "import os, signal, sys; "
         "os.link = lambda *a: os.kill(os.getpid(), signal.SIGKILL); "
         "sys.argv = ['followup', 'export', '--output', sys.argv[1]]; "
         "from followup.__main__ import main; main()", str(out / "export.json")],
        env=env_for_subprocess(home), capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr
    (left,) = out.iterdir()
    assert re.fullmatch(r"\.export\.json\.followup-\d+-\w+\.tmp", left.name)
    assert json.loads(left.read_bytes())["format"] == "followup"  # what the kill cut short
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        keep = {
            ".export.json.abc123.tmp": "the store's pattern, not an export's",
            "notes.tmp": "the user's",
            f".other.csv.followup-{live.pid}-abc.tmp": "a live export's",
            ".x.followup-99999999999999999999-abc.tmp": "no such process number",
        }
        for name, text in keep.items():
            (out / name).write_text(text)
        victim = tmp_path / "victim.txt"
        victim.write_text("precious")
        (out / ".y.followup-1-abc.tmp").symlink_to(victim)  # a link, even named like ours
        assert cli("export", "--format", "csv", "--output", str(out / "steps.csv")).code == 0
        assert not left.exists()
        for name, text in keep.items():
            assert (out / name).read_text() == text, name
        assert (out / ".y.followup-1-abc.tmp").is_symlink() and victim.read_text() == "precious"
    finally:
        live.kill()
        live.wait()


# ----------------------------------------------------------------------------
# `export --format ics` never writes private notes: event descriptions hold topics only.


def descriptions(ics: str) -> list[str]:
    from icalendar import Calendar

    return [str(e["DESCRIPTION"]) for e in Calendar.from_ical(ics).walk("VEVENT")]


def test_the_notes_are_nowhere_in_the_calendar_and_the_topics_are(cli):
    add = cli("add", "Acme Corp", "--at", "2026-11-25 14:00",
              "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel",
              "--topic", "Jane: their move to dbt", "--topic", "the Q3 dashboard rebuild",
              "--notes", "salary band 80-90k, recruiter Zed")  # fmt: skip
    assert add.code == 0, add.stderr
    run = cli("export", "--format", "ics")
    assert run.code == 0
    assert "salary" not in run.stdout and "Zed" not in run.stdout
    found = descriptions(run.stdout)
    assert not any("Notes" in d or "salary" in d for d in found)
    jane = [d for d in found if "For: Jane Doe" in d]
    raj = [d for d in found if "For: Raj Patel" in d]
    assert jane and raj, found
    assert all("\nTopics: their move to dbt; the Q3 dashboard rebuild\n" in d for d in jane)
    assert all("\nTopics: the Q3 dashboard rebuild\n" in d for d in raj)


# ----------------------------------------------------------------------------
# `followup import`: JSON exports and CSV files in, all or nothing, one undo.


#: `followup add` arguments for an interview with two interviewers.
ACME_import = ("Acme Corp", "--role", "Analyst", "--at", "2026-11-25 14:00")


def other_home(tmp_path: Path) -> dict[str, str]:
    return {"FOLLOWUP_HOME": str(tmp_path / "other")}


def test_the_same_interview_added_on_two_machines_is_pointed_out(cli, tmp_path):
    # Added separately here and there: two identities (uids), one interview.
    cli("add", *ACME_import)
    other = other_home(tmp_path)
    cli("add", *ACME_import, env=other)
    other_file = tmp_path / "o.json"
    cli("export", "--output", str(other_file), env=other)
    run = cli("import", str(other_file))
    assert run.code == 0
    assert "1 of the new ones have the company and time" in run.stderr
    assert "followup remove" in run.stderr


# ----------------------------------------------------------------------------
# Fixes from a fresh-eyes QA run of the follow-up arc, each driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC; Acme's interview was Wednesday 25 Nov 14:00.


def test_ics_uids_follow_the_interviews_uid_not_its_number(cli):
    from datetime import UTC, datetime

    from followup.core.checklist import derive_steps
    from followup.core.models import Interview
    from followup.features.calendar_export import step_uid

    at = datetime(2026, 11, 25, 14, tzinfo=UTC)
    iv = Interview(id=1, uid="a" * 32, company="Acme", at=at, interviewers=[Interviewer(name="Jo")])
    iv.steps = derive_steps(iv)
    renumbered = iv.model_copy(update={"id": 7})
    assert [step_uid(renumbered, s) for s in renumbered.steps] == [
        step_uid(iv, s) for s in iv.steps
    ]
    other = iv.model_copy(update={"uid": "0" * 32})
    assert step_uid(other, other.steps[0]) != step_uid(iv, iv.steps[0])
    add(cli, *ACME)
    ics = cli("export", "-f", "ics").stdout
    assert "UID:followup-1-" not in ics and "UID:followup-email-" in ics


def test_readme_gives_the_export_envelope_version_the_export_writes(cli):
    from pathlib import Path

    add(cli, *ACME)
    version = cli("export").json()["version"]
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert version == 3
    assert '"version": 1, "interviews"' not in readme


# ----------------------------------------------------------------------------
# Rules of the calendar export (`followup export --format ics`) a calendar user relies on:
# what each event says, when it starts and reminds, which events are cancelled, and that
# every export outranks the earlier ones.


def test_the_export_counts_the_events_to_do_overdue_and_cancelled(cli, tmp_path):
    assert cli(*ACME).code == 0
    assert cli("done", "acme", "email", "--who", "jane").code == 0
    target = tmp_path / "f.ics"
    run = cli("export", "--output", str(target))
    assert run.code == 0, run.stderr
    assert run.stderr.strip() == (
        f"Wrote 7 event(s) to do (1 overdue, placed today) and 1 cancelled (done, skipped "
        f"or closed) to {target}."
    )


# ----------------------------------------------------------------------------
# Rules of `followup export` a user relies on: the JSON envelope as docs/json.md shows it,
# the CSV for spreadsheets (its empty cells, its local times, its formula guard).


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


def test_a_step_that_is_nobodys_has_an_empty_who_cell_and_pending_steps_no_done_at(cli):
    assert cli(*ACME).code == 0
    found = rows(cli("export", "--format", "csv").stdout.encode())
    phone = next(r for r in found if r["step"] == "phone")
    assert phone["who"] == ""
    assert phone["done_at"] == ""
    assert {r["who"] for r in found if r["step"] == "email"} == {"Jane Doe", "Raj Patel"}


# ----------------------------------------------------------------------------
# Rules of the store (storage.store, change, files, validation) that a user relies on:
# what is said and kept when a save fails halfway, and how each damaged file is named.


def test_an_export_into_a_full_device_fails_in_one_line(cli):
    assert cli("add", "Acme Corp").code == 0
    run = cli("export", "--output", "/dev/full")
    assert (run.code, run.stderr) == (
        1,
        "error: could not write /dev/full: the disk is full: free some space and try again "
        "(No space left on device)\n",
    )


# ----------------------------------------------------------------------------
# What followup says: words that read right, hints only where they help, Ctrl-C and a
# bare `followup` handled as a user expects.


def test_an_export_put_where_the_store_belongs_is_named_as_one(cli, home, files):
    cli(*ACME)
    data = cli("export").stdout
    (home / "open.json").write_text(data)
    before = files()
    result = cli("status")
    assert result.code == 1
    assert "it has its format" not in result.stderr
    assert "export" in result.stderr and "followup import" in result.stderr
    assert files() == before
