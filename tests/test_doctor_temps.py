"""`followup doctor` removes the temporary files that followup processes killed mid-write
left behind (of the store, settings, reminder state, exports), and says so; never a live
process's file, a symlink, or a file of another name."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ACME, env_for_subprocess

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX")


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
