"""`followup doctor` removes the folder a followup killed mid-upgrade left in backup/ (the
copies of the original files, not yet renamed into backup/vN), says so, and lists it in
`removed_temps`; never a live process's folder, a link, or a folder of another name."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import env_for_subprocess, snapshot
from populate import copy_fixture
from storage.test_temps import gone_pid, running

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX")


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
