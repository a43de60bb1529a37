"""Crash injection: a followup killed (SIGKILL) at any point leaves the old state or the new.

A forked copy of the CLI kills itself just before its n-th file operation, for
every n until a run gets through; then the store must equal the state before or
after the command, and the next command must work and leave a healthy store.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import env_for_subprocess, snapshot
from followup.storage.store import Store
from populate import fill, restore

OPERATIONS = ("open", "write", "fsync", "close", "replace", "rename", "link", "mkdir", "unlink")

SCENARIOS = {
    "add": ("add", "Newco", "--with", "Ann Lee <ann@newco.example>"),
    "done": ("done", "acme", "linkedin"),
    "close": ("close", "initech", "--outcome", "offer"),
    "remove a closed one": ("remove", "2", "--yes"),
    "undo": ("undo",),
    "first add": ("add", "Firstco"),
}


def run_killed_before(args: tuple[str, ...], n: int) -> int | None:
    """Run the CLI in a fork that SIGKILLs itself before its n-th file operation.

    Returns the exit code, or None if it was killed.
    """
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)
            os.dup2(quiet, 2)
            count = 0

            def wrap(real):
                def call(*a, **k):
                    nonlocal count
                    count += 1
                    if count == n:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return real(*a, **k)

                return call

            for name in OPERATIONS:
                setattr(os, name, wrap(getattr(os, name)))
            from followup.cli.app import load

            try:
                load()(list(args), prog_name="followup")
            except SystemExit as exc:
                os._exit(exc.code if isinstance(exc.code, int) else 1)
            os._exit(0)
        except BaseException:
            os._exit(99)
    _, status = os.waitpid(pid, 0)
    return None if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def without_uids(data: bytes) -> bytes:
    return re.sub(rb'"uid": "[0-9a-f]{32}"', b'"uid": ""', data)


def state(home: Path):
    store = Store(home)
    doc = store.read_open()
    # A new interview's uid is random: two runs of one `add` differ there alone.
    no_uid = {"undo": True, "interviews": {"__all__": {"uid"}}}
    return doc.model_dump(exclude=no_uid), [
        iv.model_dump(exclude={"uid"}) for iv in store.read_all()
    ]


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_a_kill_at_any_point_leaves_the_old_state_or_the_new(cli, home, scenario):
    args = SCENARIOS[scenario]
    if scenario != "first add":
        fill(cli)
    pristine = snapshot(home)
    before = state(home) if pristine else None
    assert cli(*args).code == 0
    after, after_open = state(home), (home / "open.json").read_bytes()
    kills = 0
    for n in range(1, 200):
        restore(home, pristine)
        code = run_killed_before(args, n)
        if code is not None:
            assert code == 0, (n, code)
            assert state(home) == after  # got through: exit 0 means saved
            break
        kills += 1
        now = state(home) if (home / "open.json").exists() else None
        assert now in (before, after), f"killed before file operation {n}: a mixed state"
        if now == after:
            assert without_uids((home / "open.json").read_bytes()) == without_uids(after_open)
        # The next command works, cleans up after the dead one, and the store is healthy.
        assert cli("add", "Aftermath").code == 0, n
        assert not [p for p in home.rglob("*.tmp")], n
        health = cli("doctor")
        assert health.code == 0, (n, health.stdout)
        assert cli("undo").code == 0
        if now is not None:  # back where the crash left it (next_id aside: never reused)
            assert state(home)[1] == now[1], n
    else:
        pytest.fail("the command never got through")
    assert kills >= 8, kills
    print(f"{scenario}: killed at {kills} points")


@pytest.mark.slow
def test_adds_that_exited_0_survive_random_kills(home):
    """Real processes, killed at random moments: every add that said 'done' is there."""
    rng = random.Random(3)
    env = env_for_subprocess(home)
    # Kill times scale with how long one add takes here, so that a loaded machine
    # still sees some adds finish and some killed mid-way.
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "followup", "add", "Warm-up"], env=env, check=True)
    took = time.monotonic() - started
    confirmed, killed = ["Warm-up"], 0
    for i in range(24):
        proc = subprocess.Popen(
            [sys.executable, "-m", "followup", "add", f"Company {i}", "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.1, 1.6) * took)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.communicate()
        if proc.returncode == 0:
            confirmed.append(f"Company {i}")
    companies = [iv.company for iv in Store(home).read_all()]
    assert set(confirmed) <= set(companies)
    assert len(set(companies)) == len(companies)
    assert killed >= 3 and len(confirmed) > 1, (killed, confirmed)
    print(f"random kills: {killed} of 24 adds killed, {len(confirmed)} exited 0 and survived")
    ids = [iv.id for iv in Store(home).read_all()]
    assert len(set(ids)) == len(ids)


# ----- the files around the store: settings, exports, a symlinked open.json ---------------


def _other_writer(name: str, cli, home: Path, tmp_path: Path):
    """Set up a writer of a file beside the store: (args, the file watched, restore)."""
    fill(cli)
    if name == "config":
        assert cli("config", "name", "Old Name").code == 0
        watched = home / "config.toml"
        args: tuple[str, ...] = ("config", "name", "New Name")
    elif name == "export --force":
        watched = tmp_path / "out" / "export.json"
        watched.parent.mkdir()
        watched.write_bytes(b"the user's old export\n")
        args = ("export", "--output", str(watched), "--force")
    else:  # a symlinked open.json (relative link)
        synced = tmp_path / "synced"
        synced.mkdir()
        watched = synced / "real-open.json"
        os.replace(home / "open.json", watched)
        (home / "open.json").symlink_to(os.path.relpath(watched, home))
        args = ("add", "Newco")
    pristine = snapshot(home)
    pristine.pop("open.json", None) if name == "symlinked open.json" else None
    old = watched.read_bytes()

    def restore_all() -> None:
        restore(home, pristine)
        for stray in watched.parent.glob(f".{watched.name}.*.tmp"):
            stray.unlink()
        watched.write_bytes(old)
        if name == "symlinked open.json":
            (home / "open.json").symlink_to(os.path.relpath(watched, home))

    return args, watched, restore_all


@pytest.mark.parametrize("name", ["config", "export --force", "symlinked open.json"])
def test_a_kill_at_any_point_leaves_other_files_old_or_new(cli, home, tmp_path, name):
    args, watched, restore_all = _other_writer(name, cli, home, tmp_path)
    old = without_uids(watched.read_bytes())
    assert cli(*args).code == 0
    new = without_uids(watched.read_bytes())  # a new interview's uid is random
    assert new != old
    kills = 0
    for n in range(1, 200):
        restore_all()
        code = run_killed_before(args, n)
        if code is not None:
            assert code == 0, (n, code)
            assert without_uids(watched.read_bytes()) == new
            break
        kills += 1
        assert without_uids(watched.read_bytes()) in (old, new), f"killed before file operation {n}"
        # The next command of the same kind cleans up after the dead one (an export, with
        # no lock on the user's folder, by the dead process's number in the name).
        assert cli(*args).code == 0, n
        if name == "config":
            assert without_uids(watched.read_bytes()) == new
        assert not list(watched.parent.glob(".*.tmp")), (n, list(watched.parent.iterdir()))
        if name == "symlinked open.json":
            assert (home / "open.json").is_symlink()
            assert cli("doctor").code == 0, n
    else:
        pytest.fail("the command never got through")
    assert kills >= 5, kills
    print(f"{name}: killed at {kills} points")
