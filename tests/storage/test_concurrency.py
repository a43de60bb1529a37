"""Several followup processes at once: no lost writes, bounded waits, no stale locks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import env_for_subprocess, snapshot
from followup.storage.store import Store

WORKER = textwrap.dedent(
    """
    import sys
    from followup.__main__ import main
    who, count = sys.argv[1], int(sys.argv[2])
    for i in range(count):
        sys.argv = ["followup", "add", f"{who}-{i}", "--with", "Jane Doe", "--json"]
        try:
            main()
        except SystemExit as exc:
            if exc.code:
                raise
    """
)

TICKER = textwrap.dedent(
    """
    import os, sys
    from followup.__main__ import main
    now = os.environ["FOLLOWUP_NOW"]
    for number in sys.argv[1:]:
        # Two check-ins: ticking the first adds the second (checkin.max is 2), ticked
        # when it is due (a second tick at once would be taken as a repeat).
        steps = ("email", "linkedin", "card", "phone", "checkin", "checkin")
        for n, step in enumerate(steps):
            later = n == len(steps) - 1
            os.environ["FOLLOWUP_NOW"] = "2026-12-31T10:00:00+00:00" if later else now
            sys.argv = ["followup", "done", number, step]
            try:
                main()
            except SystemExit as exc:
                if exc.code:
                    raise
    """
)


def spawn(home: Path, script: str, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        env=env_for_subprocess(home, FOLLOWUP_LOCK_TIMEOUT="60", **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_concurrent_adds_and_ticks_lose_nothing(home):
    processes, adds = 4, 8
    workers = [spawn(home, WORKER, f"p{w}", str(adds)) for w in range(processes)]
    for proc in workers:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    interviews = Store(home).read_all()
    assert len(interviews) == processes * adds
    assert sorted(iv.id for iv in interviews) == list(range(1, processes * adds + 1))
    assert {iv.company for iv in interviews} == {
        f"p{w}-{i}" for w in range(processes) for i in range(adds)
    }
    # Now tick every step of every interview, from four processes at once.
    numbers = [str(iv.id) for iv in interviews]
    tickers = [spawn(home, TICKER, *numbers[w::processes]) for w in range(processes)]
    for proc in tickers:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    steps = [s for iv in Store(home).read_all() for s in iv.steps]
    assert len(steps) == processes * adds * 6  # four follow-ups and two check-ins each
    assert all(s.status == "done" for s in steps)
    assert len(Store(home).read_open().undo) == 20  # the newest changes, as promised
    print(f"concurrency: {2 * processes} processes, {processes * adds} adds, {len(steps)} ticks")


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from followup.storage.store import Store
    with Store(Path(sys.argv[1])).lock():
        print("locked", flush=True)
        time.sleep(120)
    """
)


@pytest.fixture
def holder(home):
    """A process holding the store's lock until it is killed."""
    home.mkdir(mode=0o700, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home)],
        env=env_for_subprocess(home),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


@pytest.mark.slow
def test_a_held_lock_gives_up_after_the_timeout_then_a_killed_holder_frees_it(cli, home, holder):
    assert cli("add", "Acme", env={"FOLLOWUP_LOCK_TIMEOUT": "0.1"}).code == 1  # it holds it
    before = snapshot(home)
    started = time.monotonic()
    run = cli("add", "Acme", env={"FOLLOWUP_LOCK_TIMEOUT": "0.5"})
    waited = time.monotonic() - started
    assert run.code == 1 and 0.4 < waited < 5, (run, waited)
    assert "another followup command is changing your data" in run.stderr
    assert "0.5 s" in run.stderr and "FOLLOWUP_LOCK_TIMEOUT" in run.stderr
    assert snapshot(home) == before
    assert cli("status").code == 0  # reading needs no lock
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    # a lock still held would make this wait the full timeout and fail with exit 1
    assert cli("add", "Acme", env={"FOLLOWUP_LOCK_TIMEOUT": "2"}).code == 0


def test_the_lock_file_is_never_deleted(cli, home):
    assert cli("add", "Acme").code == 0
    lock = home / ".lock"
    inode = lock.stat().st_ino
    for args in (("done", "1", "email"), ("undo",), ("close", "1"), ("undo",)):
        assert cli(*args).code == 0
        assert lock.stat().st_ino == inode, args  # the same file: waiters share one inode
    assert lock.stat().st_mode & 0o777 == 0o600


def test_filelock_is_a_version_that_keeps_unix_lock_files():
    # 3.20.4 to 3.29.4 unlinked the lock file on release (tox-dev/filelock#574).
    parts = tuple(int(p) for p in version("filelock").split(".")[:3] if p.isdigit())
    assert parts >= (3, 29, 5), version("filelock")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_waiting_process_gets_the_lock_when_the_holder_finishes(home):
    """Two processes, one lock: the second waits for the first, then both changes are there."""
    slow = textwrap.dedent(
        """
        import sys, time
        from datetime import UTC, datetime
        from pathlib import Path
        from followup.features import actions
        from followup.storage.store import Store
        now = datetime(2026, 11, 26, 10, tzinfo=UTC)
        with Store(Path(sys.argv[1])).change(now) as change:
            print("in", flush=True)
            actions.add_interview(change, company=sys.argv[2], at=now, now=now)
            time.sleep(float(sys.argv[3]))
        """
    )
    env = env_for_subprocess(home)
    first = subprocess.Popen(
        [sys.executable, "-c", slow, str(home), "First", "1.0"], env=env, stdout=subprocess.PIPE
    )
    assert first.stdout.readline().strip() == b"in"
    second = subprocess.run(
        [sys.executable, "-c", slow, str(home), "Second", "0"], env=env, capture_output=True
    )
    first.wait()
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert [iv.company for iv in Store(home).read_all()] == ["First", "Second"]


# ----- settings take the same lock -------------------------------------------------------

SETTER = textwrap.dedent(
    """
    import sys
    from followup.__main__ import main
    key, values = sys.argv[1], sys.argv[2:]
    for value in values:
        sys.argv = ["followup", "config", key, value]
        try:
            main()
        except SystemExit as exc:
            if exc.code:
                raise
    """
)


@pytest.mark.slow
def test_three_config_commands_at_once_lose_nothing(home):
    home.mkdir()
    keys = {
        "name": [f"Sam Lee {i}" for i in range(12)],
        "email": [f"sam{i}@example.com" for i in range(12)],
        "linkedin.limit": [str(200 + i) for i in range(12)],
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SETTER, key, *values],
            env=env_for_subprocess(home, FOLLOWUP_LOCK_TIMEOUT="60"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for key, values in keys.items()
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    text = (home / "config.toml").read_text()
    assert 'name = "Sam Lee 11"' in text, text
    assert 'email = "sam11@example.com"' in text, text
    assert "limit = 211" in text, text


@pytest.mark.slow
def test_settings_and_adds_at_once_lose_nothing(home):
    home.mkdir()
    setter = subprocess.Popen(
        [sys.executable, "-c", SETTER, "name", *[f"Sam Lee {i}" for i in range(10)]],
        env=env_for_subprocess(home, FOLLOWUP_LOCK_TIMEOUT="60"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    adders = [spawn(home, WORKER, who, "6") for who in ("a", "b")]
    for proc in [setter, *adders]:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    assert 'name = "Sam Lee 9"' in (home / "config.toml").read_text()
    companies = sorted(iv.company for iv in Store(home).read_all())
    assert companies == sorted(f"{w}-{i}" for w in "ab" for i in range(6))
