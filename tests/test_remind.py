"""`followup remind`: one notification over a real session D-Bus, said once, said again
when a step becomes overdue or a day later; text on stdout when no one can show it."""

from __future__ import annotations

import itertools
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ACME, env_for_subprocess
from dbus_session import NotificationServer, private_bus

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the D-Bus path is the Linux one"
)

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


def test_one_notification_lists_what_is_overdue_and_due_soon(cli, acme, desktop, home):
    run = cli("remind")
    assert (run.code, run.stdout, run.stderr) == (0, "", "")
    [call] = desktop.received()
    assert (call.app_name, call.summary, call.body) == ("followup", TITLE, BODY)
    memory = home / "remind.json"
    assert stat.S_IMODE(memory.stat().st_mode) == 0o600
    assert len(json.loads(memory.read_text())["said"]) == 3


def test_a_second_run_sends_nothing_new(cli, acme, desktop, files):
    assert cli("remind").code == 0
    before = files()
    run = cli("remind")
    assert (run.code, run.stdout, run.stderr) == (0, "", "")
    assert len(desktop.received()) == 1
    assert files() == before  # nothing new to remember either


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


def test_done_steps_are_not_said_and_are_forgotten(cli, acme, desktop, home):
    assert cli("done", "acme", "phone").code == 0
    assert cli("remind").code == 0
    assert desktop.received()[0].summary == "followup: 2 due soon"
    assert cli("done", "acme", "email").code == 0
    assert cli("remind").code == 0
    assert len(desktop.received()) == 1
    assert json.loads((home / "remind.json").read_text())["said"] == {}


def test_within_widens_the_window(cli, acme, desktop):
    assert cli("remind", "--within", "2d").code == 0
    assert desktop.received()[0].summary == "followup: 1 overdue, 6 due soon"


def test_the_remind_within_setting_is_the_default(cli, acme, desktop):
    assert cli("config", "remind.within", "0m").code == 0
    assert cli("remind").code == 0
    assert desktop.received()[0].summary == "followup: 1 overdue"


def test_dry_run_prints_and_neither_sends_nor_remembers(cli, acme, desktop, files):
    before = files()
    run = cli("remind", "--dry-run")
    assert run.code == 0
    assert run.stdout == TITLE + "\n" + BODY + "\n"
    assert "nothing was sent or remembered" in run.stderr
    assert desktop.received() == [] and files() == before
    assert cli("remind").code == 0
    assert len(desktop.received()) == 1


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


def test_nothing_to_say_is_no_notification(cli, desktop):
    run = cli("remind")
    assert (run.code, run.stdout, run.stderr) == (0, "", "")
    assert desktop.received() == []


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


def test_a_bus_with_no_notification_service(cli, acme, monkeypatch):
    with private_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        run = cli("remind")
    assert run.code == 0 and run.stdout.startswith(TITLE + "\n")
    assert run.stderr.count("\n") == 1
    assert "no notification service is running" in run.stderr


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


# ----- --install and --uninstall -------------------------------------------------------


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


def test_install_passes_within_on(cli, systemctl):
    units, _ = systemctl
    assert cli("remind", "--install", "--within", "2h").code == 0
    assert '"remind" "--within" "2h"\n' in (units / "followup-remind.service").read_text()


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


def test_install_dry_run_shows_and_writes_nothing(cli, systemctl):
    units, log = systemctl
    run = cli("remind", "--install", "--dry-run")
    assert run.code == 0
    assert f"# {units / 'followup-remind.timer'}" in run.stdout
    assert "Persistent=true" in run.stdout and "0 * * * * " in run.stdout
    assert not units.exists() and not log.exists()


# ----- the rule, for any sequence of runs ---------------------------------------------


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


def test_no_store_yet_creates_nothing(cli, desktop, home):
    run = cli("remind")
    assert (run.code, run.stdout, run.stderr) == (0, "", "")
    assert not home.exists()
