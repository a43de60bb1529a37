"""`followup doctor`, driven through the real command line."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ACME, env_for_subprocess, snapshot
from followup.cli import environment as cli_module
from followup.storage.store import Store
from populate import copy_fixture, fill
from storage.test_temps import running

# ----------------------------------------------------------------------------
# `followup doctor`: finds what is wrong, repairs only with consent, says what it did.


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


# ----------------------------------------------------------------------------
# `followup doctor` removes the temporary files that followup processes killed mid-write
# left behind (of the store, settings, reminder state, exports), and says so; never a live
# process's file, a symlink, or a file of another name.


#: A child that starts saving open.json and stops inside the save (its fsync waits for
#: ever), after saying so: it is then killed with its temporary file in place.
SAVER = """
import os, sys, time
from pathlib import Path
from followup.storage import files

def stuck(fd):
    print("writing", flush=True)
    time.sleep(600)

files.os.fsync = stuck
files.write_atomic(Path(sys.argv[1]) / "open.json", b"half a save")
"""


def gone_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX")
def test_a_killed_save_is_kept_while_it_runs_and_removed_once_it_is_gone(cli, home):
    assert cli(*ACME).code == 0
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(home)],
        env=env_for_subprocess(home),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline() == "writing\n"  # the condition: it is mid-save
        [left] = temps(home)
        assert re.fullmatch(rf"\.open\.json\.followup-{child.pid}-\w+\.tmp", left)
        alive = cli("doctor")
        assert alive.code == 0 and "temporary" not in alive.stderr
        assert temps(home) == [left]  # a live process's file stays
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
    assert temps(home) == [left]
    run = cli("doctor")
    assert run.code == 0
    assert run.stderr.startswith(
        f"did: removed 1 temporary file(s) left by followup processes that are gone: "
        f"{home / left}\n"
    )
    assert temps(home) == []
    again = cli("doctor")
    assert "temporary" not in again.stderr


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX")
def test_every_kind_of_leftover_goes_and_nothing_else(cli, home, tmp_path):
    assert cli(*ACME).code == 0
    dead = gone_pid()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        ours = [
            home / f".open.json.followup-{dead}-a1.tmp",
            home / "backup" / f".open.json.followup-{dead}-b2.tmp",
            home / f".remind.json.followup-{dead}-c3.tmp",
            home / f".config.toml.followup-{dead}-d4.tmp",
            home / f".export.ics.followup-{dead}-e5.tmp",
            home / "undo" / f".000001.json.followup-{dead}-f6.tmp",
        ]
        victim = tmp_path / "precious.txt"
        victim.write_text("precious")
        kept = {
            home / f".open.json.followup-{sleeper.pid}-g7.tmp": "a live process's",
            home / "notes.tmp": "the user's own",
            home / f".open.json.followup-{dead}-.tmp": "not a name followup gives",
            home / f"open.json.followup-{dead}-h8.tmp": "not hidden: not followup's",
        }
        for path in [*ours, *kept]:
            path.parent.mkdir(exist_ok=True)
            path.write_text("left over")
        link = home / f".x.json.followup-{dead}-i9.tmp"
        link.symlink_to(victim)  # named like ours, but a link
        run = cli("doctor", "--json")
        assert run.code == 0, run.stdout
        assert sorted(run.json()["removed_temps"]) == sorted(str(p) for p in ours)
        assert not any(p.exists() for p in ours)
        assert all(p.read_text() == "left over" for p in kept), "a file that is not ours went"
        assert link.is_symlink() and victim.read_text() == "precious"
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX")
def test_the_settings_folder_is_cleaned_too(cli, home, tmp_path, monkeypatch):
    """Without FOLLOWUP_HOME, settings live in another folder than the data."""
    monkeypatch.delenv("FOLLOWUP_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert cli("config", "remind.within", "6h").code == 0
    settings = tmp_path / "config" / "followup"
    left = settings / f".config.toml.followup-{gone_pid()}-z0.tmp"
    left.write_text("half a save")
    run = cli("doctor")
    assert f"removed 1 temporary file(s) left by followup processes that are gone: {left}" in (
        run.stderr
    )
    assert not left.exists() and (settings / "config.toml").exists()


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


@pytest.mark.parametrize("tz", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_a_hand_edited_far_year_is_refused_and_not_called_healthy(cli, home, tz):
    fill(cli)
    doc = json.loads((home / "open.json").read_text())
    doc["interviews"][0]["at"] = "9999-12-31T20:00:00+00:00"
    (home / "open.json").unlink()
    (home / "open.json").write_text(json.dumps(doc, indent=1))
    for args in (("status",), ("list",), ("show", "1"), ("export",), ("edit", "1", "--role", "x")):
        run = cli(*args, env={"TZ": tz})
        clear_error(run, "interviews[0].at")
    run = cli("doctor", env={"TZ": tz})
    assert run.code == 1 and "healthy" not in run.stdout.splitlines()[-1], run.stdout


# ----- 7. doctor touches only followup's files ----------------------------------------------


def test_doctor_leaves_other_files_alone(cli, home):
    fill(cli)
    script = home / "backup" / "sync.sh"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    notes = home / "history" / "README.txt"
    notes.write_text("mine\n")
    notes.chmod(0o644)
    (home / "open.json").chmod(0o644)
    run = cli("doctor", "--yes")
    assert run.code == 0, run.stdout + run.stderr
    assert stat.S_IMODE(script.stat().st_mode) == 0o755
    assert stat.S_IMODE(notes.stat().st_mode) == 0o644
    assert stat.S_IMODE((home / "open.json").stat().st_mode) == 0o600


def test_doctor_on_a_full_disk_lists_what_it_did(cli, home, monkeypatch):

    fill(cli)
    (home / "open.json").chmod(0o644)
    (home / "backup" / "open.json").unlink()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    run = cli("doctor", "--yes")
    assert run.code == 1
    said = run.stdout + run.stderr
    assert "the disk is full" in said and "set open.json to 600" in said, said
    assert "unexpected" not in said


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (lambda d: d.update(version=True), "version"),
        (lambda d: d["interviews"][0].update(closed=True), "interviews[0].closed"),
        (lambda d: d.update(next_id=True), "next_id"),
        (lambda d: d["interviews"][0].update(id=1.0), "interviews[0].id"),
    ],
    ids=["version true", "closed true", "next_id true", "id 1.0"],
)
def test_hand_edited_types_are_refused(cli, home, edit, where):
    fill(cli)
    doc = json.loads((home / "open.json").read_text())
    edit(doc)
    (home / "open.json").unlink()
    (home / "open.json").write_text(json.dumps(doc, indent=1))
    before = snapshot(home)
    clear_error(cli("status"), where)
    clear_error(cli("add", "Newco"), where)
    assert snapshot(home) == before
    run = cli("doctor")
    assert run.code == 1, run.stdout


# ----------------------------------------------------------------------------
# The folder a followup killed mid-upgrade left in backup/ (the copies of the original
# files, not yet renamed into backup/vN): removed, said, and listed in `removed_temps`;
# never a live process's folder, a link, or a folder of another name.


#: `followup ARGS...` in a child that stops when its upgrade has written the copies of the
#: original files and is about to rename their folder into backup/vN: it prints that
#: folder, then waits on its input, which the test never closes; it is killed there.
HELD_UPGRADE = """
import os, sys

real = os.replace

def held(src, dst, *args, **kwargs):
    if os.path.isdir(src):  # write_folder's working folder: written, not yet renamed
        print(src, flush=True)
        sys.stdin.read()
    return real(src, dst, *args, **kwargs)

os.replace = held
sys.argv = ["followup", *sys.argv[1:]]
from followup.__main__ import main
main()
"""


def temp_folders(home: Path) -> list[Path]:
    return sorted(p for p in home.rglob("*.tmp") if p.is_dir())


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX")
def test_a_killed_upgrade_s_folder_is_kept_while_it_runs_then_doctor_removes_it(cli, home):
    copy_fixture(1, home)
    originals = snapshot(home)
    command = ("skip", "initech", "card")
    child = subprocess.Popen(
        [sys.executable, "-c", HELD_UPGRADE, *command],
        env=env_for_subprocess(home),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        work = Path(child.stdout.readline().strip())  # the condition: it is mid-upgrade
        assert work.parent == home / "backup", work
        assert re.fullmatch(rf"\.v1\.followup-{child.pid}-\w+\.tmp", work.name), work.name
        copies = snapshot(work)
        assert copies == {
            name: data for name, data in originals.items() if not name.startswith("backup/")
        }  # every original file copied, the folder not yet renamed into place
        alive = cli("doctor", "--json")
        assert alive.json()["removed_temps"] == [], alive.stdout
        assert temp_folders(home) == [work]  # a live process's folder stays
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdin.close()
        child.stdout.close()
    assert temp_folders(home) == [work]  # what a user finds after the kill
    assert not (home / "backup" / "v1").exists()
    left = {f"backup/{work.name}/{name}": data for name, data in copies.items()}
    assert snapshot(home) == {**originals, **left}  # nothing changed but the copies

    run = cli("doctor")
    assert run.code == 0, run.stderr
    assert run.stderr.startswith(
        f"did: removed 1 temporary folder(s) left by followup processes that are gone: {work}\n"
    ), run.stderr
    assert "temporary file(s)" not in run.stderr  # what it held went with it, unlisted
    assert temp_folders(home) == [] and snapshot(home) == originals
    assert "temporary" not in cli("doctor").stderr  # said once

    upgraded = cli(*command)  # the next command upgrades cleanly
    assert upgraded.code == 0, upgraded.stderr
    assert "backup/v1" in upgraded.stderr  # the upgrade's notice
    assert snapshot(home / "backup" / "v1") == {
        name: data for name, data in originals.items() if not name.startswith("backup/")
    }
    assert json.loads((home / "open.json").read_text())["version"] > 1
    assert sorted(p.name for p in home.rglob("*.tmp")) == []
    assert cli("doctor", "--json").json()["healthy"] is True


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX")
def test_doctor_lists_folders_after_files_in_json_and_says_each_in_words(cli, home):
    copy_fixture(1, home)
    dead = gone_pid()
    with running() as live:
        old = home / "backup" / f".v1.{dead}.tmp"  # as earlier followups named it
        new = home / "backup" / f".v2.followup-{dead}-a1b2c3d4.tmp"
        settings = home / f".config.toml.followup-{dead}-zz.tmp"  # a file, as before
        kept = [
            home / "backup" / f".v3.followup-{live}-a1b2c3d4.tmp",  # a live process's
            home / "backup" / f".v1.{live}.tmp",
            home / f".v1.{dead}.tmp",  # the old form outside backup/
            home / "backup" / f"v1.followup-{dead}-a1.tmp",  # not hidden
            home / "backup" / "drafts.tmp",
        ]
        for folder in [old, new, *kept]:
            (folder / "history").mkdir(parents=True)
            (folder / "open.json").write_text("{}")
        for folder in [old, new]:  # a killed write inside: it goes with its folder, unlisted
            (folder / "history" / f".2026.json.followup-{dead}-q1.tmp").write_text("")
        settings.write_text("left over")
        elsewhere = home.parent / "elsewhere"
        (elsewhere / "open.json").parent.mkdir()
        (elsewhere / "open.json").write_text("mine")
        link = home / "backup" / f".v4.followup-{dead}-a1b2c3d4.tmp"
        link.symlink_to(elsewhere, target_is_directory=True)

        run = cli("doctor", "--json")
        assert run.code == 0, run.stdout
        assert run.json()["removed_temps"] == [
            *(str(p) for p in [settings]),  # the files first, as doctor always listed them
            str(old),
            str(new),
        ]
        assert not old.exists() and not new.exists() and not settings.exists()
        assert all((p / "open.json").exists() for p in kept), "a folder that is not ours went"
        assert link.is_symlink() and (elsewhere / "open.json").read_text() == "mine"

        for folder in [old, new]:
            folder.mkdir()
        settings.write_text("left over")
        words = cli("doctor")
        assert words.stderr.splitlines()[:2] == [
            "did: removed 1 temporary file(s) left by followup processes that are gone: "
            f"{settings}",
            f"did: removed 2 temporary folder(s) left by followup processes that are gone: "
            f"{old}, {new}",
        ]
