"""Sync between machines through `export` and `import`: no tick is ever lost.

Two homes (two FOLLOWUP_HOME folders) exchange exports through the real CLI: steps merge
one by one, the interview's own fields come from the copy changed last, the report names
what the file replaced, and the settings travel only when asked for (`--settings`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import ACME, snapshot
from followup.features import config_file, importing
from followup.storage.store import Store

T0 = "2026-11-26T10:00:00+00:00"


def at(moment: str) -> dict[str, str]:
    return {"FOLLOWUP_NOW": moment}


def hour(n: int) -> dict[str, str]:
    """'Now' n hours after 10:00 on 26 November."""
    return at(f"2026-11-26T{10 + n:02d}:00:00+00:00")


class Machine:
    """One machine: its own FOLLOWUP_HOME, driven through the real CLI."""

    def __init__(self, cli, tmp_path: Path, name: str) -> None:
        self.cli, self.home, self.tmp = cli, tmp_path / name, tmp_path
        self.name = name

    def run(self, *args: str, when: int = 0, code: int = 0):
        result = self.cli(*args, env={"FOLLOWUP_HOME": str(self.home), **hour(when)})
        assert result.code == code, (args, result.stdout, result.stderr)
        return result

    def export(self, when: int = 0, name: str | None = None) -> Path:
        path = self.tmp / (name or f"{self.name}-{when}.json")
        path.unlink(missing_ok=True)
        self.run("export", "--output", str(path), when=when)
        return path

    def steps(self, number: int = 1) -> dict[tuple[str, str | None], list[str]]:
        shown = self.run("show", str(number), "--json", when=9).json()
        found: dict[tuple[str, str | None], list[str]] = {}
        for s in shown["steps"]:
            found.setdefault((s["step"], s["who"]), []).append(s["status"])
        return found

    def files(self) -> dict[str, bytes]:
        return snapshot(self.home)


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


# ----- refused: conflicts and clocks -------------------------------------------------------


def _doc(path: Path) -> dict:
    return json.loads(path.read_text())


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
            assert "interviews[0].updated_at" in result.stderr
            assert "more than a day after now" in result.stderr
            assert a.files() == before


# ----- version 1 files ---------------------------------------------------------------------


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
    assert b.files() == before
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
