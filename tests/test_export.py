"""`followup export`: the JSON envelope, CSV for spreadsheets, ICS for calendars."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from conftest import ACME
from followup.core.checklist import derive_steps
from followup.core.models import Interview, Interviewer
from followup.features import exporting
from followup.features.calendar_export import export_ics, step_uid

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


@pytest.fixture
def sample(cli):
    """Three interviews: one with two interviewers (a step done), one plain, one closed."""
    assert cli(*ACME).code == 0
    assert cli("add", "=cmd|' /C calc'!A0", "--at", "2026-11-25 15:00").code == 0
    assert cli("add", "Initech", "--at", "2026-11-20 10:00").code == 0
    assert cli("close", "3", "--outcome", "withdrawn").code == 0  # no reply step added
    assert cli("done", "acme", "email", "--who", "jane").code == 0


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


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


# ----- csv -------------------------------------------------------------------------


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
    iv = Interview(id=1, uid="uid-1", company=company, role=role, at=NOW)
    iv.steps = derive_steps(iv)
    data = exporting.export_csv([iv])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert len(rows) == 1 + len(iv.steps)
    assert {(r[1], r[2]) for r in rows[1:]} == {
        (exporting.neutralise(company), exporting.neutralise(role))
    }


# ----- ics -------------------------------------------------------------------------


def test_ics_has_an_event_with_alarm_per_pending_step_of_open_interviews(cli, sample):
    run = cli("export", "--format", "ics")
    assert run.code == 0
    found = events(run.stdout.encode())
    live = [e for e in found if str(e["STATUS"]) == "CONFIRMED"]
    # Acme: 8 steps, 1 done -> 7; the =cmd one: 5; Initech is closed -> 0
    assert len(live) == 12
    by_summary = {str(e["SUMMARY"]): e for e in live}
    jane = by_summary["LinkedIn · Jane Doe · Acme Corp"]
    assert jane.decoded("DTSTART") == datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    assert "Jane Doe <jane@acme.com>" in str(jane["DESCRIPTION"])
    assert "followup done 1 linkedin --who Jane" in str(jane["DESCRIPTION"])
    assert "Thank-you email · Jane Doe · Acme Corp" not in by_summary  # done
    assert "Overdue: Phone ready · Acme Corp" in by_summary  # no one's step: no person
    assert not any("Initech" in s for s in by_summary)
    alarms = [a for e in live for a in e.walk("VALARM")]
    assert len(alarms) == 12
    assert all(a.decoded("TRIGGER").total_seconds() < 0 for a in alarms)
    # What is finished stays, cancelled and without an alarm: Jane's email, closed Initech
    gone = [e for e in found if str(e["STATUS"]) == "CANCELLED"]
    initech = next(iv for iv in cli("list", "--all", "--json").json() if iv["id"] == 3)
    finished = ["Acme Corp", *["Initech"] * len(initech["steps"])]
    assert sorted(str(e["SUMMARY"]).split(" · ")[-1] for e in gone) == finished
    assert not any(e.walk("VALARM") for e in gone)
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids)


def test_ics_uids_are_stable_and_a_ticked_step_is_cancelled(cli, sample):
    def export() -> dict[str, tuple[str, str]]:
        found = events(cli("export", "-f", "ics").stdout.encode())
        return {str(e["UID"]): (str(e["SUMMARY"]), str(e["STATUS"])) for e in found}

    before = export()
    assert export() == before
    assert cli("done", "1", "card", "--who", "raj").code == 0
    after = export()
    assert set(after) == set(before)
    changed = {uid for uid in after if after[uid] != before[uid]}
    assert [after[uid] for uid in changed] == [
        ("Handwritten card · Raj Patel · Acme Corp", "CANCELLED")
    ]
    # a new time moves the event, not its identity
    assert cli("edit", "1", "--at", "2026-11-25 16:00").code == 0
    assert set(export()) == set(after)


def ics_uids(cli) -> dict[str, str]:
    """Each event's UID and its summary, as the calendar file has them."""
    return {
        str(e["UID"]): str(e["SUMMARY"]) for e in events(cli("export", "-f", "ics").stdout.encode())
    }


def test_renaming_an_interviewer_keeps_their_events_uids(cli, sample, home):
    before = ics_uids(cli)
    assert cli("edit", "acme", "--rename-with", "raj", "Rajesh Patel <raj@acme.com>").code == 0
    after = ics_uids(cli)
    assert set(after) == set(before)  # the calendar updates the events: no copies
    renamed = {uid for uid in after if "Rajesh Patel" in after[uid]}
    assert len(renamed) == 3 and all("Raj Patel ·" in before[uid] for uid in renamed)
    assert cli("edit", "acme", "--rename-with", "rajesh", "R. Patel").code == 0
    assert set(ics_uids(cli)) == set(before)  # and again
    assert cli("edit", "acme", "--rename-with", "r.", "Raj Patel").code == 0  # back
    assert ics_uids(cli) == before
    assert '"key"' not in (home / "open.json").read_text()  # back to the label: no key


def test_someone_added_under_a_renamed_persons_old_name_gets_events_of_their_own(cli, sample):
    before = ics_uids(cli)
    assert cli("edit", "acme", "--rename-with", "raj", "Rajesh Patel").code == 0
    assert cli("edit", "acme", "--add-with", "Raj Patel").code == 0
    after = ics_uids(cli)
    assert set(before) < set(after)  # Rajesh keeps his; the new Raj Patel gets new ones
    assert sorted(after[uid] for uid in set(after) - set(before)) == [
        "Handwritten card · Raj Patel · Acme Corp",
        "LinkedIn · Raj Patel · Acme Corp",
        "Thank-you email · Raj Patel · Acme Corp",
    ]
    people = cli("show", "acme", "--json").json()["interviewers"]
    assert people[1:] == [
        {"name": "Rajesh Patel", "email": None, "key": "Raj Patel"},
        {"name": "Raj Patel", "email": None, "key": "Raj Patel (2)"},
    ]
    assert cli("edit", "acme", "--rename-with", "raj p", "Raj Kumar").code == 0
    assert set(ics_uids(cli)) == set(after)  # the newcomer's key is kept in turn


def test_a_renamed_persons_key_goes_through_export_and_import(cli, sample, home, tmp_path):
    assert cli("edit", "acme", "--rename-with", "raj", "Rajesh Patel").code == 0
    before = ics_uids(cli)
    backup = tmp_path / "backup.json"
    assert cli("export", "--output", str(backup)).code == 0
    shutil.rmtree(home)
    assert cli("import", str(backup)).code == 0
    assert ics_uids(cli) == before


def test_uids_of_people_never_renamed_are_what_they_always_were():
    """A store from before keys: the same UIDs as then (the uid, kind and label hashed)."""
    import hashlib

    iv = Interview(
        id=1, uid="0123", company="Acme", at=NOW, interviewers=[Interviewer(name="Jane Doe")]
    )
    iv.steps = derive_steps(iv)
    email = next(s for s in iv.steps if s.step == "email")
    digest = hashlib.sha256(b"0123\nemail\nJane Doe").hexdigest()[:24]
    assert step_uid(iv, email) == f"followup-email-{digest}@followup"
    assert "key" not in iv.model_dump_json()  # and the store's bytes stay as they were


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.sampled_from(["Raj", "Rajesh Patel", "R. Patel", "Raj Patel", "Jay"]), max_size=4)
)
def test_any_renames_keep_every_uid(names):
    from followup.features.actions import _rename

    iv = Interview(
        id=1, uid="u", company="Acme", at=NOW,
        interviewers=[Interviewer(name="Jane Doe"), Interviewer(name="Raj Patel")],
    )  # fmt: skip
    iv.steps = derive_steps(iv)
    before = sorted(step_uid(iv, s) for s in iv.steps)
    for name in names:
        people = list(iv.interviewers)
        current = people[1].label
        if name.casefold() == "jane doe":
            continue
        _rename(iv, people, current, Interviewer(name=name))
        iv.interviewers = people
        assert sorted(step_uid(iv, s) for s in iv.steps) == before, (names, people)


def test_ics_of_no_pending_steps_says_so(cli):
    run = cli("export", "-f", "ics")
    assert run.code == 0
    assert events(run.stdout.encode()) == []
    assert "nothing to do" in run.stderr


@settings(max_examples=60, deadline=None)
@given(
    company=st.text(min_size=1).filter(str.strip),
    who=st.text(
        alphabet=st.characters(blacklist_characters="<>", blacklist_categories=("Cs",)), min_size=1
    ).filter(lambda s: s.strip() and "@" not in s),
    notes=st.text(),
)
def test_ics_carries_any_user_text_as_text(company, who, notes):
    person = Interviewer(name=who.strip())  # any text, as a store may hold it
    iv = Interview(id=4, uid="uid-4", company=company, at=NOW, interviewers=[person], notes=notes)
    iv.steps = derive_steps(iv)
    found = events(export_ics([iv], NOW))
    assert len(found) == len(iv.steps)

    def visible(text: str) -> str:  # what RFC 5545 TEXT can hold: no control characters
        return "".join(
            c
            for c in text
            if c in "\t\n" or not (ord(c) < 32 or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF)
        )

    summaries = {str(e["SUMMARY"]) for e in found}
    assert f"LinkedIn · {visible(person.label)} · {visible(company)}" in summaries
    assert {str(e["UID"]) for e in found} == {step_uid(iv, s) for s in iv.steps}


def _khal() -> str | None:
    beside = Path(sys.executable).with_name("khal")
    return str(beside) if beside.exists() else shutil.which("khal")


@pytest.mark.skipif(
    _khal() is None, reason="khal is not installed (pip install -e '.[calendar-client]')"
)
def test_a_real_calendar_client_reads_the_ics(cli, sample, tmp_path):
    ics = tmp_path / "followups.ics"
    assert cli("export", "-o", str(ics)).code == 0
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[followup]]\npath = {tmp_path / 'cal'}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "default_timezone = UTC\nlocal_timezone = UTC\n"
    )
    run = subprocess.run(
        [_khal(), "-c", str(config), "printics", "-f", "{uid}|{title}|{start}|{status}", str(ics)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"TZ": "UTC", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    # Every step is an event: to do, or cancelled (Jane's email, done; closed Initech's)
    interviews = cli("list", "--all", "--json").json()
    expected = sum(len(iv["steps"]) for iv in interviews)
    assert lines[0] == f"{expected} events found in {ics}"
    rows = {line.split("|")[1]: line.split("|") for line in lines[1:]}
    assert rows["LinkedIn · Jane Doe · Acme Corp"][2] == "2026-11-27 14:00"
    # The UID follows the interview's uid, not its number (which an import may change).
    assert rows["Overdue: Phone ready · Acme Corp"][0].startswith("followup-phone-")
    assert rows["Overdue: Phone ready · Acme Corp"][2] == "2026-11-26 10:30"  # today, soon
    cancelled = [row for row in rows.values() if "CANCELLED" in row[3]]
    initech = next(iv for iv in interviews if iv["id"] == 3)
    finished = ["Acme Corp", *["Initech"] * len(initech["steps"])]
    assert sorted(row[1].split(" · ")[-1] for row in cancelled) == finished
    assert len(rows) == expected


@pytest.mark.parametrize("command", ["export", "import"])
def test_help_ends_with_an_example(cli, command):
    run = cli(command, "--help")
    assert run.code == 0
    description = run.stdout.split("Options:")[0].split("Arguments:")[0].strip()
    assert description.splitlines()[-1].strip().startswith(f"Example: followup {command} ")
