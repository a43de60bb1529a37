"""Moving data between machines and tools: imports merge by `uid`, CSV times are local,
and a calendar learns when a step is ticked off or overdue."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import ACME


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


# ----- uid -----------------------------------------------------------------------------


def test_every_interview_has_a_uid_that_never_changes(cli):
    first = cli(*ACME, "--json").json()
    second = cli("add", "Globex", "--json").json()
    assert isinstance(first["uid"], str) and len(first["uid"]) >= 16
    assert first["uid"] != second["uid"]
    cli("edit", "acme", "--company", "Acme Inc", "--at", "2026-11-24 10:00")
    cli("done", "acme", "email")
    cli("close", "acme")
    assert cli("show", "1", "--json").json()["uid"] == first["uid"]
    exported = cli("export").json()["interviews"]
    assert [iv["uid"] for iv in exported] == [first["uid"], second["uid"]]


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


# ----- CSV: local times -----------------------------------------------------------------


def test_csv_times_are_local_with_their_offset(cli):
    ny = {"TZ": "America/New_York"}
    cli("add", "Acme", "--at", "2026-11-25 10:00", "--with", "Jane Doe", env=ny)
    cli("done", "acme", "email", env={**ny, **at("2026-11-26T09:30:00")})
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv", env=ny).stdout)))
    email = next(r for r in rows if r["step"] == "email")
    assert email["at"] == "2026-11-25T10:00:00-05:00"
    assert email["due"] == "2026-11-26T10:00:00-05:00"
    assert email["done_at"] == "2026-11-26T09:30:00-05:00"


def test_csv_offsets_follow_daylight_saving(cli):
    ny = {"TZ": "America/New_York"}
    cli("add", "Acme", "--at", "2026-03-07 10:00", env=ny)
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv", env=ny).stdout)))
    assert rows[0]["at"] == "2026-03-07T10:00:00-05:00"
    card = next(r for r in rows if r["step"] == "card")
    assert card["due"].endswith("-04:00")  # after the clocks went forward on 8 March


# ----- ICS: ticked steps are cancelled, overdue ones come today ------------------------


def events(data: str) -> dict[str, dict]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_a_ticked_step_stays_in_the_calendar_cancelled_with_a_higher_sequence(cli):
    cli(*ACME)
    before = events(cli("export", "--format", "ics").stdout)
    later = at("2026-11-26T11:00:00+00:00")
    cli("done", "acme", "email", "--who", "jane", env=later)
    cli("skip", "acme", "card", "--who", "raj", env=later)
    after = events(cli("export", "--format", "ics", env=later).stdout)
    assert set(after) == set(before)
    cancelled = {uid for uid, e in after.items() if str(e.get("STATUS")) == "CANCELLED"}
    assert len(cancelled) == 2
    for uid in cancelled:
        assert int(after[uid]["SEQUENCE"]) > int(before[uid].get("SEQUENCE", 0))
        assert str(before[uid]["STATUS"]) == "CONFIRMED"
    assert {str(e["STATUS"]) for uid, e in after.items() if uid not in cancelled} == {"CONFIRMED"}


def test_a_reopened_step_comes_back_with_a_still_higher_sequence(cli):
    cli(*ACME)
    cli("done", "acme", "linkedin", env=at("2026-11-26T11:00:00+00:00"))
    cancelled = events(cli("export", "-f", "ics", env=at("2026-11-26T11:00:00+00:00")).stdout)
    cli("reopen", "acme", "linkedin", env=at("2026-11-26T12:00:00+00:00"))
    back = events(cli("export", "-f", "ics", env=at("2026-11-26T12:00:00+00:00")).stdout)
    for uid, e in back.items():
        if "LinkedIn" in str(e["SUMMARY"]):
            assert str(e["STATUS"]) == "CONFIRMED"
            assert int(e["SEQUENCE"]) > int(cancelled[uid]["SEQUENCE"])


def test_closing_an_interview_cancels_its_events(cli):
    cli(*ACME)
    cli("close", "acme", env=at("2026-11-26T11:00:00+00:00"))
    after = events(cli("export", "-f", "ics", env=at("2026-11-26T11:00:00+00:00")).stdout)
    assert after and {str(e["STATUS"]) for e in after.values()} == {"CANCELLED"}


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


@pytest.mark.parametrize("fmt", ["ics"])
def test_the_calendar_still_names_no_uid_twice(cli, fmt):
    cli(*ACME)
    cli("done", "acme", "email")
    data = cli("export", "-f", fmt).stdout
    uids = [str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert len(uids) == len(set(uids))
