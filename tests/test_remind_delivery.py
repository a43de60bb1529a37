"""`followup remind` remembers a step only once the notification service accepted it:
refused, or killed before it could write that down, the step is said on the next run.
And two runs at the same moment do not both send it."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import ACME, NOW_DT, env_for_subprocess, make_interview, make_store
from dbus_session import NotificationServer, private_bus
from followup.core.models import Interview, Step
from followup.features import reminders
from followup.storage.store import Store

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the D-Bus path and /proc are Linux's"
)

TITLE = "followup: 1 overdue, 2 due soon"


@pytest.fixture
def acme(cli):
    assert cli(*ACME).code == 0


def said(home: Path) -> dict:
    return json.loads((home / "remind.json").read_text())["said"]


def test_a_refused_notification_is_sent_again_on_the_next_run(cli, acme, monkeypatch, home):
    with private_bus() as address:
        server = NotificationServer(address, refuse=1).start()
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        try:
            first = cli("remind")
            assert first.code == 0
            assert first.stdout.startswith(TITLE + "\n")  # for cron's mail
            assert first.stderr.startswith(
                "followup remind: no notification shown: the notification service refused"
            )
            assert said(home) == {}
            second = cli("remind")
            third = cli("remind")
        finally:
            server.stop()
    assert (second.code, second.stdout, second.stderr) == (0, "", "")
    assert [c.summary for c in server.refused] == [TITLE]
    assert [c.summary for c in server.received()] == [TITLE]  # accepted once, then quiet
    assert (third.code, third.stdout) == (0, "")
    assert len(said(home)) == 3


def test_a_remind_killed_between_sending_and_saving_says_it_again(cli, acme, home, monkeypatch):
    """A real `followup remind`: the notification service accepts the notification; the
    test holds the store's lock from then on, so the process waits to write down what it
    said; once it has hung up on the bus (it has the answer), it is killed (SIGKILL).
    The next run sends the same steps again."""
    lock_path = home / ".lock"
    held: list[int] = []  # the lock's descriptor while the test holds it
    calls = []

    def hold_the_lock(call) -> None:
        calls.append(call)
        if len(calls) == 1:  # the first run's only
            fd = os.open(lock_path, os.O_RDWR)
            fcntl.flock(fd, fcntl.LOCK_EX)
            held.append(fd)

    with private_bus() as address:
        server = NotificationServer(address, before_reply=hold_the_lock).start()
        env = env_for_subprocess(home, DBUS_SESSION_BUS_ADDRESS=address, FOLLOWUP_LOCK_TIMEOUT="60")
        child = subprocess.Popen(
            [sys.executable, "-m", "followup", "remind"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 60
            # The condition: the answer went back and the process hung up on the bus (it
            # is past sending), or it finished.
            while (
                not (server.answered and not server.connected(server.senders[0]))
                and child.poll() is None
            ):
                assert time.monotonic() < deadline, "remind never got past sending"
                time.sleep(0.01)
            assert child.poll() is None, "remind finished: nothing was left to write down"
            child.kill()
            child.wait(timeout=30)
            assert child.returncode == -9
            os.close(held.pop())  # the lock is free again
            assert said(home) == {}
            monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
            again = cli("remind")
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            for stream in (child.stdout, child.stderr):
                stream.close()
            server.stop()
            while held:
                os.close(held.pop())
    assert (again.code, again.stdout, again.stderr) == (0, "", "")
    assert [c.summary for c in server.received()] == [TITLE, TITLE]
    assert len(said(home)) == 3
    assert "sending" not in json.loads((home / "remind.json").read_text())


# ----- the rule: a claim keeps a second run quiet while the first one sends -----------

WITHIN = timedelta(hours=12)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return make_store(tmp_path / "data", lock_timeout=1)


def _interview() -> Interview:
    return make_interview(
        company="Acme", at=NOW_DT - timedelta(days=1),
        steps=[Step(step="phone", due=NOW_DT - timedelta(hours=1))],
    )  # fmt: skip


def _gone_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def test_a_step_another_live_run_is_sending_is_not_sent_twice(store):
    iv = _interview()
    other = os.getppid()  # alive for as long as this test runs
    first = reminders.plan(store, [iv], NOW_DT, WITHIN, keep=True, pid=other)
    assert first.announce == [(iv, iv.steps[0])] and first.claimed
    second = reminders.plan(store, [iv], NOW_DT + timedelta(seconds=5), WITHIN, keep=True)
    assert second.announce == []
    # The first run's notification was refused: its claim goes, and the next run says it.
    assert reminders.settle(store, first, NOW_DT, delivered=False, pid=other) is None
    third = reminders.plan(store, [iv], NOW_DT + timedelta(seconds=10), WITHIN, keep=True)
    assert third.announce == [(iv, iv.steps[0])]


@pytest.mark.parametrize(
    ("who", "later"),
    [("gone", timedelta(seconds=1)), ("alive", reminders.CLAIM_LIFE)],
    ids=["its-process-is-gone", "it-is-too-old"],
)
def test_a_claim_that_counts_for_nothing_is_ignored_and_dropped(store, who, later):
    iv = _interview()
    pid = _gone_pid() if who == "gone" else os.getppid()
    reminders.plan(store, [iv], NOW_DT, WITHIN, keep=True, pid=pid)
    again = reminders.plan(store, [iv], NOW_DT + later, WITHIN, keep=True)
    assert again.announce == [(iv, iv.steps[0])]
    state = reminders.read_state(store)
    assert [c.pid for c in state.sending.values()] == [os.getpid()]
