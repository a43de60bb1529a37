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
from pathlib import Path

import pytest

from conftest import ACME, env_for_subprocess
from dbus_session import NotificationServer, private_bus

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
