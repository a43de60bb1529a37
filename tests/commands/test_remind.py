"""`followup remind`, driven through the real command line."""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ACME, env_for_subprocess
from dbus_session import NotificationServer, private_bus
from followup.features import timer
from systemd_tools import calls, verify

# ----------------------------------------------------------------------------
# `followup remind`: one notification over a real session D-Bus, said once, said again
# when a step becomes overdue or a day later; text on stdout when no one can show it.


TITLE = "followup: 1 overdue, 2 due soon"


BODY = (
    "Phone ready, #1 Acme Corp: 16 h overdue\n"
    "Thank-you email to Jane Doe, #1 Acme Corp: due in 4 h\n"
    "Thank-you email to Raj Patel, #1 Acme Corp: due in 4 h"
)


@pytest.fixture
def desktop(monkeypatch):
    """A private session bus with a notification server on it, found through the env."""
    with private_bus() as address:
        server = NotificationServer(address).start()
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield server
        server.stop()


@pytest.fixture
def acme(cli):
    assert cli(*ACME).code == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_one_notification_lists_what_is_overdue_and_due_soon(cli, acme, desktop, home):
    run = cli("remind")
    assert (run.code, run.stdout, run.stderr) == (0, "", "")
    [call] = desktop.received()
    assert (call.app_name, call.summary, call.body) == ("followup", TITLE, BODY)
    memory = home / "remind.json"
    assert stat.S_IMODE(memory.stat().st_mode) == 0o600
    assert len(json.loads(memory.read_text())["said"]) == 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_a_second_run_sends_nothing_new(cli, acme, desktop, files):
    assert cli("remind").code == 0
    before = files()
    run = cli("remind")
    assert (run.code, run.stdout, run.stderr) == (0, "", "")
    assert len(desktop.received()) == 1
    assert files() == before  # nothing new to remember either


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_a_step_is_said_again_when_it_becomes_overdue_or_a_day_later(cli, acme, desktop):
    assert cli("remind").code == 0
    # 15:00: both emails are now overdue; the phone was said as overdue 5 hours ago.
    assert cli("remind", env={"FOLLOWUP_NOW": "2026-11-26T15:00:00+00:00"}).code == 0
    # The next morning: the phone (said a day ago), and linkedin and card, due at 14:00.
    assert cli("remind", env={"FOLLOWUP_NOW": "2026-11-27T10:30:00+00:00"}).code == 0
    _first, second, third = desktop.received()
    assert second.summary == "followup: 2 overdue"
    assert second.body == (
        "Thank-you email to Jane Doe, #1 Acme Corp: 1 h overdue\n"
        "Thank-you email to Raj Patel, #1 Acme Corp: 1 h overdue"
    )
    assert third.summary == "followup: 1 overdue, 4 due soon"
    assert third.body.splitlines()[0] == "Phone ready, #1 Acme Corp: 40 h overdue"
    assert [line.split(",")[0] for line in third.body.splitlines()[1:]] == [
        "LinkedIn to Jane Doe",
        "LinkedIn to Raj Patel",
        "Handwritten card to Jane Doe",
        "Handwritten card to Raj Patel",
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_done_steps_are_not_said_and_are_forgotten(cli, acme, desktop, home):
    assert cli("done", "acme", "phone").code == 0
    assert cli("remind").code == 0
    assert desktop.received()[0].summary == "followup: 2 due soon"
    assert cli("done", "acme", "email").code == 0
    assert cli("remind").code == 0
    assert len(desktop.received()) == 1
    assert json.loads((home / "remind.json").read_text())["said"] == {}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_within_widens_the_window(cli, acme, desktop):
    assert cli("remind", "--within", "2d").code == 0
    assert desktop.received()[0].summary == "followup: 1 overdue, 6 due soon"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_the_remind_within_setting_is_the_default(cli, acme, desktop):
    assert cli("config", "remind.within", "0m").code == 0
    assert cli("remind").code == 0
    assert desktop.received()[0].summary == "followup: 1 overdue"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_dry_run_prints_and_neither_sends_nor_remembers(cli, acme, desktop, files):
    before = files()
    run = cli("remind", "--dry-run")
    assert run.code == 0
    assert run.stdout == TITLE + "\n" + BODY + "\n"
    assert "nothing was sent or remembered" in run.stderr
    assert desktop.received() == [] and files() == before
    assert cli("remind").code == 0
    assert len(desktop.received()) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_json_lists_the_steps_announced(cli, acme, desktop):
    run = cli("remind", "--json")
    assert run.code == 0
    steps = run.json()
    assert [(s["step"], s["who"], s["overdue"]) for s in steps] == [
        ("phone", None, True),
        ("email", "Jane Doe", False),
        ("email", "Raj Patel", False),
    ]
    assert len(desktop.received()) == 1
    assert cli("remind", "--json").json() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_nothing_to_say_is_no_notification(cli, desktop):
    run = cli("remind")
    assert (run.code, run.stdout, run.stderr) == (0, "", "")
    assert desktop.received() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_user_text_is_escaped_for_servers_that_read_markup(cli, monkeypatch):
    assert cli("add", "Tom & Jerry <b>Ltd</b>", "--at", "2026-11-25 14:00").code == 0
    with private_bus() as address:
        server = NotificationServer(address, capabilities=("body", "body-markup")).start()
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        try:
            assert cli("remind").code == 0
        finally:
            server.stop()
    body = server.received()[0].body
    assert "#1 Tom &amp; Jerry &lt;b&gt;Ltd&lt;/b&gt;: 16 h overdue" in body


# ----- no one to show it: stdout and one line on stderr -----------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_no_bus_prints_the_text_and_one_line_saying_why(cli, acme, monkeypatch, tmp_path, home):
    missing = tmp_path / "nobus"
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={missing}")
    run = cli("remind")
    assert run.code == 0
    assert run.stdout == TITLE + "\n" + BODY + "\n"
    assert run.stderr == (
        f"followup remind: no notification shown: no session D-Bus: {missing} does not exist\n"
    )
    # Not shown by a notification service: not remembered, said again on the next run.
    assert json.loads((home / "remind.json").read_text())["said"] == {}
    assert cli("remind").stdout == TITLE + "\n" + BODY + "\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_a_bus_with_no_notification_service(cli, acme, monkeypatch):
    with private_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        run = cli("remind")
    assert run.code == 0 and run.stdout.startswith(TITLE + "\n")
    assert run.stderr.count("\n") == 1
    assert "no notification service is running" in run.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_as_cron_runs_it_with_no_environment(cli, acme, home):
    """No DBUS_SESSION_BUS_ADDRESS: the standard socket /run/user/UID/bus is tried."""
    env = {"FOLLOWUP_HOME": str(home), "FOLLOWUP_NOW": "2026-11-26T10:00:00+00:00",
           "PATH": "/usr/bin:/bin", "TZ": "UTC"}  # fmt: skip
    socket = f"/run/user/{os.getuid()}/bus"
    if Path(socket).exists():
        pytest.skip(f"{socket} exists here: a real desktop would get this notification")
    done = subprocess.run(
        [sys.executable, "-m", "followup", "remind"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout == TITLE + "\n" + BODY + "\n"
    assert done.stderr == (
        f"followup remind: no notification shown: no session D-Bus: {socket} does not exist\n"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_a_real_process_reaches_the_bus(cli, acme, home):
    with private_bus() as address:
        server = NotificationServer(address).start()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "followup", "remind"],
                env=env_for_subprocess(home, DBUS_SESSION_BUS_ADDRESS=address),
                capture_output=True,
                text=True,
                timeout=60,
            )
        finally:
            server.stop()
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert [(c.summary, c.body) for c in server.received()] == [(TITLE, BODY)]


# ----- the memory is never a reason to fail ---------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
@pytest.mark.parametrize(
    "content",
    [b"{broken", b"\xff\xfe", b'{"format": "followup-remind", "version": 99, "said": {}}',
     b'{"format": "followup-remind", "version": 1, "said": {"1/phone//x": {"at": "soon"}}}',
     b"[]"],
)  # fmt: skip
def test_an_unreadable_memory_means_say_it_again(cli, acme, desktop, home, content):
    assert cli("remind").code == 0
    (home / "remind.json").write_bytes(content)
    run = cli("remind")
    assert (run.code, run.stderr) == (0, "")
    assert [c.summary for c in desktop.received()] == [TITLE, TITLE]
    assert len(json.loads((home / "remind.json").read_text())["said"]) == 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_a_memory_that_cannot_be_written_still_sends(cli, acme, desktop, home, files):
    (home / "remind.json").mkdir()
    before = files()
    run = cli("remind")
    assert run.code == 0
    assert run.stderr.startswith("warning: could not remember what was said: ")
    assert run.stderr.count("\n") == 1
    assert len(desktop.received()) == 1
    assert files() == before


# ----- usage ---------------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("remind", "--every", "2h"), 2, "--every goes with --install"),
        (("remind", "--install", "--uninstall"), 2, "choose one"),
        (("remind", "--install", "--json"), 2, "does not go with --install"),
        (("remind", "--within", "soon"), 1, "bad --within: 'soon' is not a duration"),
        (("remind", "--install", "--every", "7m"), 1, "divides an hour or a day"),
        (("remind", "--install", "--every", "often"), 1, "bad --every"),
    ],
)
def test_bad_usage_is_one_clear_line(cli, acme, files, args, code, words):
    before = files()
    run = cli(*args)
    assert run.code == code
    assert words in run.stderr and run.stderr.count("\n") == 1
    assert files() == before


@pytest.fixture
def systemctl(tmp_path, monkeypatch):
    """A systemctl on PATH that records its calls; the unit folder in a temp config home."""
    folder = tmp_path / "fakebin"
    folder.mkdir()
    log = tmp_path / "systemctl.log"
    exe = folder / "systemctl"
    exe.write_text(
        f"#!{sys.executable}\nimport sys\n"
        f"open({str(log)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n"
    )
    exe.chmod(0o755)
    crontab = folder / "crontab"  # never the user's real crontab (--uninstall edits it)
    crontab.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('no crontab for you')\n")
    crontab.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "systemd" / "user", log


# ----- --install and --uninstall -------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_install_sets_up_a_systemd_user_timer(cli, systemctl, home):
    units, log = systemctl
    run = cli("remind", "--install", "--every", "30m")
    assert run.code == 0, run.stderr
    assert "Installed: followup remind runs every 30 minutes" in run.stderr
    assert sorted(p.name for p in units.iterdir()) == [
        "followup-remind.service",
        "followup-remind.timer",
    ]
    assert "OnCalendar=*-*-* *:00/30:00" in (units / "followup-remind.timer").read_text()
    service = (units / "followup-remind.service").read_text()
    assert f'Environment="FOLLOWUP_HOME={home}"' in service
    assert '"remind"\n' in service
    assert "--user enable --now followup-remind.timer" in log.read_text()
    run = cli("remind", "--uninstall")
    assert run.code == 0 and "Removed the reminder timer" in run.stderr
    assert list(units.iterdir()) == []
    assert "--user disable --now followup-remind.timer" in log.read_text()
    again = cli("remind", "--uninstall")
    assert again.code == 0 and "No followup timer is installed" in again.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_install_passes_within_on(cli, systemctl):
    units, _ = systemctl
    assert cli("remind", "--install", "--within", "2h").code == 0
    assert '"remind" "--within" "2h"\n' in (units / "followup-remind.service").read_text()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_install_without_systemd_prints_the_crontab_line(cli, monkeypatch, tmp_path, home):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    run = cli("remind", "--install", "--every", "2h")
    assert run.code == 0
    [line] = run.stdout.splitlines()
    assert line.startswith(f"0 */2 * * * FOLLOWUP_HOME={home} ")
    assert line.endswith(" remind # Written by followup")
    assert "crontab -e" in run.stderr and "no systemctl" in run.stderr
    assert not (tmp_path / "config").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_install_dry_run_shows_and_writes_nothing(cli, systemctl):
    units, log = systemctl
    run = cli("remind", "--install", "--dry-run")
    assert run.code == 0
    assert f"# {units / 'followup-remind.timer'}" in run.stdout
    assert "Persistent=true" in run.stdout and "0 * * * * " in run.stdout
    assert not units.exists() and not log.exists()


# ----- the rule, for any sequence of runs ---------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
@settings(max_examples=60, deadline=None)
@given(gaps=st.lists(st.integers(min_value=1, max_value=36 * 60), min_size=1, max_size=25))
def test_a_step_is_said_only_when_new_newly_overdue_or_a_day_on(gaps):
    """Runs at increasing times (minutes apart): between two announcements of a step,
    a day has passed or the step became overdue in between."""
    from datetime import UTC, datetime, timedelta

    from followup.core.models import Interview, Step
    from followup.features.reminders import AGAIN_AFTER, due_soon, remember, step_key, to_announce

    start = datetime(2026, 11, 26, 10, tzinfo=UTC)
    iv = Interview(
        id=1, uid="uid-1", company="Acme", at=start,
        steps=[Step(step="email", due=start + timedelta(hours=5)),
               Step(step="card", due=start + timedelta(hours=30)),
               Step(step="phone", due=start - timedelta(hours=1))],
    )  # fmt: skip
    memory: dict = {}
    said: dict[str, list[tuple[datetime, bool]]] = {}
    now = start
    for gap in gaps:
        now += timedelta(minutes=gap)
        rows = due_soon([iv], now, timedelta(hours=12))
        announce = to_announce(rows, memory, now)
        memory = remember(memory, rows, announce, now)
        for i, s in rows:
            key = step_key(i, s)
            late = s.due < now
            if (i, s) in announce:
                said.setdefault(key, []).append((now, late))
            else:  # kept quiet: it was said, not long ago, and nothing changed since
                last_at, last_late = said[key][-1]
                assert now - last_at < AGAIN_AFTER and (last_late or not late)
    for times in said.values():
        for (a, a_late), (b, b_late) in itertools.pairwise(times):
            assert b - a >= AGAIN_AFTER or (b_late and not a_late)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one")
def test_no_store_yet_creates_nothing(cli, desktop, home):
    run = cli("remind")
    assert (run.code, run.stdout, run.stderr) == (0, "", "")
    assert not home.exists()


# ----------------------------------------------------------------------------
# `followup remind` remembers a step only once the notification service accepted it:
# refused, or killed before it could write that down, the step is said on the next run.
# And two runs at the same moment do not both send it.


def said(home: Path) -> dict:
    return json.loads((home / "remind.json").read_text())["said"]


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the D-Bus path and /proc are Linux's"
)
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


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the D-Bus path and /proc are Linux's"
)
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


# ----------------------------------------------------------------------------
# `followup remind --install` and `--uninstall` touch only what followup wrote (marked
# `# Written by followup`), refuse paths a unit or crontab cannot hold, write `$` and
# spaces so that they work, and record where the data and settings are.


MARK = "# Written by followup"


# ----- marked: replaced and removed; unmarked: left alone ------------------------------


@pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")
def test_what_install_writes_starts_with_the_mark(cli, tools):
    units, _, _ = tools
    assert cli("remind", "--install").code == 0
    for name in (timer.SERVICE, timer.TIMER):
        assert (units / name).read_text().splitlines()[0] == MARK
    assert cli("remind", "--install", "--every", "2h").code == 0  # its own: replaced
    assert "00/2:00:00" in (units / timer.TIMER).read_text()


@pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")
@pytest.mark.parametrize("name", [timer.SERVICE, timer.TIMER])
def test_install_refuses_to_replace_a_unit_it_did_not_write(cli, tools, name):
    units, log, _ = tools
    units.mkdir(parents=True)
    mine = b"[Unit]\nDescription=my own reminder\n\n[Service]\nExecStart=/usr/bin/true\n"
    (units / name).write_bytes(mine)
    run = cli("remind", "--install")
    assert run.code == 1
    assert run.stderr == (
        f"error: {units / name} was not written by followup (its first line is not "
        f"'{MARK}'): it was not replaced; move it away first to install followup's timer\n"
    )
    assert [p.name for p in units.iterdir()] == [name]
    assert (units / name).read_bytes() == mine
    assert not any("enable" in c for c in calls(log))


@pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")
def test_uninstall_removes_only_marked_units(cli, tools):
    units, log, _ = tools
    assert cli("remind", "--install").code == 0
    mine = "[Unit]\nDescription=my own, under that name\n"
    (units / timer.SERVICE).write_text(mine)
    run = cli("remind", "--uninstall")
    assert run.code == 1
    assert f"{units / timer.SERVICE} was not written by followup" in run.stderr
    assert "it was left as it is" in run.stderr and run.stderr.count("\n") == 1
    assert (units / timer.SERVICE).read_text() == mine
    assert (units / timer.TIMER).read_text().startswith(MARK + "\n")  # nothing was removed
    assert not any("disable" in c for c in calls(log))


@pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")
def test_uninstall_removes_followups_crontab_lines_only(cli, tools, home):
    _, log, table = tools
    theirs = "# my jobs\n0 3 * * * /usr/bin/backup --remind\n*/5 * * * * followup remind\n"
    ours = f"0 * * * * FOLLOWUP_HOME={home} /opt/bin/followup remind {MARK}\n"
    table.write_text(theirs[:10] + ours + theirs[10:])
    run = cli("remind", "--uninstall")
    assert run.code == 0, run.stderr
    assert "Removed 1 line(s) of followup's from your crontab" in run.stderr
    assert table.read_text() == theirs
    before = calls(log)
    again = cli("remind", "--uninstall")
    assert again.code == 0 and "No followup timer is installed" in again.stderr
    assert calls(log)[len(before) :] == ["crontab -l"]  # nothing of ours: not rewritten
    assert table.read_text() == theirs


@pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")
def test_the_crontab_line_printed_carries_the_mark(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    run = cli("remind", "--install")
    assert run.code == 0
    assert run.stdout.rstrip("\n").endswith(" remind " + MARK)


def _unit_environment(service: str) -> dict[str, str]:
    env = {}
    for line in service.splitlines():
        if line.startswith('Environment="'):
            name, _, value = line.removeprefix('Environment="').removesuffix('"').partition("=")
            env[name] = value
    return env


# ----- the timer reads the store the user reads ------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")
def test_a_store_under_xdg_data_home_is_the_one_the_timer_reads(cli, tools, monkeypatch, tmp_path):
    units, _, _ = tools
    data = tmp_path / "xdg data $x"
    monkeypatch.delenv("FOLLOWUP_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    assert cli(*ACME).code == 0
    assert (data / "followup" / "open.json").exists()
    assert cli("remind", "--install").code == 0
    service = (units / timer.SERVICE).read_text()
    recorded = _unit_environment(service)
    assert recorded == {"XDG_DATA_HOME": str(data), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    verify(tmp_path, {timer.SERVICE: service, timer.TIMER: (units / timer.TIMER).read_text()})
    # As the timer runs it: only what the unit records (and a HOME elsewhere).
    done = subprocess.run(
        [sys.executable, "-m", "followup", "remind", "--dry-run"],
        env={**recorded, "HOME": str(tmp_path / "elsewhere"), "TZ": "UTC",
             "FOLLOWUP_NOW": "2026-11-26T10:00:00+00:00"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("followup: 1 overdue, 2 due soon\n")


# ----------------------------------------------------------------------------
# QA of the trust work: typed times that were read wrong without a word, edits, reminders.
#
# Each test names the case that slipped through: a zone dropped, a date read as another,
# a rule of docs/times.md not kept.


# A bus address that is no address (a paste gone wrong in the environment) was echoed
# whole on the one line `remind` prints about it: 100,000 characters, or two lines when
# it held a line break.
@pytest.mark.parametrize("address", ["x" * 100_000, "unix:path=/tmp/a\nb"])
def test_a_bad_bus_address_is_quoted_short_on_one_line(address, cli, home):
    cli("add", "Acme", "--at", "2026-11-25 14:00")
    run = cli("remind", env={"DBUS_SESSION_BUS_ADDRESS": address})
    assert run.code == 0
    said = [line for line in run.stderr.splitlines() if "no notification shown" in line]
    assert len(said) == 1 and len(said[0]) < 400, said
    assert run.stderr.count("\n") == 1


@pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")
def test_uninstall_says_plainly_when_the_crontab_refuses_the_new_table(cli, tools, tmp_path):
    _, _, table = tools
    refusing = tmp_path / "fakebin" / "crontab"  # lists the table, refuses to replace it
    refusing.write_text(
        "#!/bin/sh\n"
        f"if [ \"$1\" = -l ]; then cat '{table}'; exit 0; fi\n"
        'echo "crontab: installing new crontab: No space left on device" >&2\n'
        "exit 1\n"
    )
    before = f"MAILTO=sam\n0 * * * * /opt/bin/followup remind {MARK}\n"
    table.write_text(before)
    run = cli("remind", "--uninstall")
    assert (run.code, run.stdout) == (1, "")
    assert run.stderr == (
        "error: `crontab -` failed: crontab: installing new crontab: No space left on device; "
        "your crontab was left as it was\n"
    )
    assert table.read_text() == before
