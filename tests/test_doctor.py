"""`followup doctor`: finds what is wrong, repairs only with consent, says what it did."""

from __future__ import annotations

import json

import pytest

from followup.cli import environment as cli_module
from followup.storage.store import Store
from populate import fill


def listing(cli):
    return [(iv["id"], iv["company"], iv["closed"]) for iv in cli("list", "--all", "--json").json()]


def quarantined(home):
    return {
        str(p.relative_to(home / "quarantine")): p.read_bytes()
        for p in (home / "quarantine").rglob("*")
        if p.is_file()
    }


def test_a_healthy_store(cli, home):
    fill(cli)
    run = cli("doctor")
    assert run.code == 0
    assert "Your data is healthy." in run.stdout
    assert "open.json: 2 open and 1 closed interviews" in run.stdout
    assert "undo: can go back 5 change(s)" in run.stdout
    assert cli("doctor", "--json").json()["healthy"] is True


def test_no_data_yet(cli, home):
    run = cli("doctor")
    assert run.code == 0 and "no data yet" in run.stdout
    assert not home.exists()  # looking creates nothing


def test_a_broken_open_json_needs_consent_then_comes_back_from_the_backup(cli, files, home):
    fill(cli)
    good = listing(cli)
    broken = b'{"format": "followup-store", "version": 1, "next_id": 4,'
    (home / "open.json").write_bytes(broken)
    before = files()
    run = cli("doctor")  # no terminal, no --yes: report only
    assert run.code == 1 and files() == before
    assert "PROBLEM" in run.stdout and "line 1, column" in run.stdout
    assert "restore it from backup/open.json (2 open and 1 closed interviews)" in run.stdout
    assert "followup doctor --yes" in run.stderr
    run = cli("doctor", "--yes")
    assert run.code == 0, run.stdout
    assert "did: moved open.json to quarantine/20261126T100000Z/open.json" in run.stderr
    assert "did: restored open.json from backup/open.json" in run.stderr
    assert listing(cli) == good
    assert quarantined(home) == {"20261126T100000Z/open.json": broken}
    assert cli("undo").code == 0  # the undo chain came back too


@pytest.mark.parametrize(("answer", "repaired"), [("n\n", False), ("y\n", True)])
def test_in_a_terminal_it_asks(cli, files, home, monkeypatch, answer, repaired):
    fill(cli)
    (home / "open.json").write_text("")
    before = files()
    monkeypatch.setattr(cli_module, "is_terminal", lambda: True)
    run = cli("doctor", input=answer)
    assert "Make 1 repair(s)?" in run.stderr
    assert (run.code == 0) is repaired
    assert (files() != before) is repaired
    if not repaired:
        assert "Nothing was changed." in run.stderr


def test_without_a_backup_an_undo_snapshot_is_used_and_numbers_stay_unique(cli, home):
    fill(cli)
    (home / "backup" / "open.json").write_text("garbage")
    (home / "open.json").write_text("garbage")
    run = cli("doctor", "--yes")
    assert run.code == 0, run.stdout
    assert "restored open.json from undo/000005.json" in run.stderr
    # The newest snapshot is the state before the last change (closing Globex).
    assert listing(cli) == [(1, "Acme Corp", False), (2, "Globex", False), (3, "Initech", False)]
    assert cli("add", "Newco", "--json").json()["id"] == 4


def test_with_nothing_readable_everything_goes_to_quarantine(cli, home):
    fill(cli)
    for path in home.rglob("*.json"):
        path.write_text("{")
    run = cli("doctor", "--yes")
    assert run.code == 0, run.stdout
    assert "started an empty open.json" in run.stderr
    assert listing(cli) == []
    kept = quarantined(home)
    assert {k.split("/", 1)[1] for k in kept} >= {"open.json", "history/closed-000001.json"}
    assert all(v == b"{" for v in kept.values())


def test_a_broken_history_goes_back_to_the_last_readable_state(cli, home):
    fill(cli)
    history = next((home / "history").iterdir())
    history.write_text("[]")
    run = cli("doctor")
    assert "undoing: closed #2 Globex" in run.stdout
    assert cli("doctor", "--yes").code == 0
    assert listing(cli) == [(1, "Acme Corp", False), (2, "Globex", False), (3, "Initech", False)]
    assert "history/closed-000001.json" in "\n".join(quarantined(home))


def test_a_missing_open_json(cli, home):
    fill(cli)
    good = listing(cli)
    (home / "open.json").unlink()
    run = cli("doctor", "--yes")
    assert run.code == 0 and listing(cli) == good
    assert "restored open.json from backup/open.json" in run.stderr


def test_a_lost_undo_snapshot_shortens_undo(cli, home):
    fill(cli)
    doc = Store(home).read_open()
    (home / "undo" / doc.undo[2].file).unlink()
    run = cli("doctor", "--yes")
    assert run.code == 0, run.stdout
    assert "undo now goes back 2 change(s)" in run.stderr
    assert cli("undo").code == 0 and cli("undo").code == 0
    assert cli("undo").code == 1


def test_loose_permissions_and_leftovers_are_fixed(cli, home):
    fill(cli)
    home.chmod(0o755)
    (home / "open.json").chmod(0o644)
    (home / ".open.json.4242.tmp").write_text("half a save")
    (home / "undo" / "000099.json").write_text("{}")
    run = cli("doctor")
    assert "other users can read your data: . (755), open.json (644)" in run.stdout
    assert "2 leftover file(s)" in run.stdout
    assert cli("doctor", "--yes").code == 0
    assert home.stat().st_mode & 0o777 == 0o700
    assert (home / "open.json").stat().st_mode & 0o777 == 0o600
    assert not (home / ".open.json.4242.tmp").exists()
    assert not (home / "undo" / "000099.json").exists()


def test_a_stale_backup_is_refreshed(cli, home):
    fill(cli)
    (home / "backup" / "open.json").unlink()
    result = cli("doctor", "--json").json()
    assert result["problems"] == [
        {"problem": "the backup backup/open.json is missing", "repair": "copy open.json to it"}
    ]
    assert cli("doctor", "--yes").code == 0
    assert (home / "backup" / "open.json").read_bytes() == (home / "open.json").read_bytes()


def test_a_newer_store_is_reported_and_left_alone(cli, files, home):
    fill(cli)
    doc = json.loads((home / "open.json").read_text())
    doc["version"] = 99
    (home / "open.json").write_text(json.dumps(doc))
    before = files()
    run = cli("doctor", "--yes")
    assert run.code == 1 and "newer followup" in run.stdout
    assert files() == before


def test_help_ends_with_an_example(cli):
    run = cli("doctor", "--help")
    assert run.code == 0 and "Example: followup doctor --yes" in run.stdout
