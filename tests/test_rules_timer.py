"""The rules of `followup remind --install` a user relies on: exactly which periods run
by the clock and how each is written for systemd, cron and people; the whole text of
the units and of the crontab line; what systemctl is asked, in which order, and what
the user is told when it fails, hangs or cannot run; what `--uninstall` does when the
user manager is gone; and that a refused install leaves the unit folder as it was."""

from __future__ import annotations

import json
import re
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from followup.errors import FollowupError
from followup.features import timer

FOLLOWUP = "/opt/followup/bin/followup"
DATA = {"FOLLOWUP_HOME": "/data"}
CHOICES = "5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h or 1d"


# ----- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("every", "calendar", "cron", "words"),
    [
        (timedelta(minutes=1), "*-*-* *:*:00", "* * * * *", "every minute"),
        *[
            (timedelta(minutes=m), f"*-*-* *:00/{m}:00", f"*/{m} * * * *", f"every {m} minutes")
            for m in (2, 3, 4, 5, 6, 10, 12, 15, 20, 30)
        ],
        (timedelta(minutes=60), "*-*-* *:00:00", "0 * * * *", "every hour"),
        *[
            (timedelta(hours=h), f"*-*-* 00/{h}:00:00", f"0 */{h} * * *", f"every {h} hours")
            for h in (2, 3, 4, 6, 8, 12)
        ],
        (timedelta(hours=24), "*-*-* 09:00:00", "0 9 * * *", "every day at 09:00"),
    ],
)
def test_each_period_that_divides_an_hour_or_a_day(every, calendar, cron, words):
    assert timer.schedule(every) == timer.Schedule(every, calendar, cron, words)


@pytest.mark.parametrize(
    ("every", "shown"),
    [
        (timedelta(minutes=7), "7m"),
        (timedelta(minutes=45), "45m"),
        (timedelta(minutes=61), "61m"),
        (timedelta(minutes=90), "90m"),
        (timedelta(hours=5), "5h"),
        (timedelta(hours=9), "9h"),
        (timedelta(hours=48), "48h"),
        (timedelta(seconds=30), "30s"),
        (timedelta(seconds=90), "90s"),
        (timedelta(seconds=3601), "3601s"),
        (timedelta(0), "0h"),
    ],
)
def test_any_other_period_is_refused_naming_it_and_the_choices(every, shown):
    with pytest.raises(FollowupError) as caught:
        timer.schedule(every)
    assert str(caught.value) == (
        f"cannot run reminders every {shown} by the clock: choose a period that divides an "
        f"hour or a day ({CHOICES})"
    )


@pytest.mark.parametrize(
    "every", [timedelta(minutes=5, microseconds=1), timedelta(hours=1, microseconds=1)]
)
def test_a_period_of_no_whole_minutes_is_refused(every):
    with pytest.raises(FollowupError, match=r"^cannot run reminders every .* by the clock"):
        timer.schedule(every)


# ----- the unit files and the crontab line --------------------------------------------------


def test_the_units_in_full():
    files = timer.unit_files([FOLLOWUP, "remind", "--within", "2h"],
                             {"FOLLOWUP_HOME": "/home/Xavier/fu", "XDG_CONFIG_HOME": "/c"},
                             timer.schedule(timedelta(minutes=15)))  # fmt: skip
    assert files == {
        "followup-remind.service": (
            "# Written by followup\n"
            "# (`followup remind --install`; `followup remind --uninstall` removes it)\n"
            "[Unit]\n"
            "Description=followup: a desktop reminder of interview follow-ups due soon\n"
            "\n"
            "[Service]\n"
            "Type=oneshot\n"
            'Environment="FOLLOWUP_HOME=/home/Xavier/fu"\n'
            'Environment="XDG_CONFIG_HOME=/c"\n'
            f'ExecStart="{FOLLOWUP}" "remind" "--within" "2h"\n'
        ),
        "followup-remind.timer": (
            "# Written by followup\n"
            "# (`followup remind --install`; `followup remind --uninstall` removes it)\n"
            "[Unit]\n"
            "Description=Run followup remind every 15 minutes\n"
            "\n"
            "[Timer]\n"
            "OnCalendar=*-*-* *:00/15:00\n"
            "# Missed while the computer was off or asleep: run as soon as it is back.\n"
            "Persistent=true\n"
            "\n"
            "[Install]\n"
            "WantedBy=timers.target\n"
        ),
    }


def test_without_a_followup_home_the_service_sets_no_environment():
    service = timer.unit_files([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)))[
        timer.SERVICE
    ]
    assert service.endswith('Type=oneshot\nExecStart="/opt/followup/bin/followup" "remind"\n')


def test_dollars_are_doubled_in_the_arguments_only():
    """systemd expands $VAR in ExecStart='s arguments, not in its executable's path nor in
    Environment=."""
    service = timer.unit_files(["/opt/$x y/followup", "remind", "--within", "$1"],
                               {"FOLLOWUP_HOME": "/d/$x y"},
                               timer.schedule(timedelta(hours=1)))[timer.SERVICE]  # fmt: skip
    assert 'Environment="FOLLOWUP_HOME=/d/$x y"\n' in service
    assert 'ExecStart="/opt/$x y/followup" "remind" "--within" "$$1"\n' in service


@pytest.mark.parametrize(
    ("word", "what"),
    [("/opt/a\nb", "a line break"), ("/opt/a\rb", "a carriage return"), ("/opt/a\tb", "a tab"),
     ("/opt/a\0b", "a control character (0x00)"), ('/opt/"q"', "a double quote"),
     ("/opt/it's", "a single quote"), ("/opt/a\\b", "a backslash"), ("/opt/50%", "a %")],
)  # fmt: skip
def test_a_path_systemd_or_cron_cannot_hold_is_refused(word, what):
    plan = timer.schedule(timedelta(hours=1))
    for make in (timer.unit_files, timer.cron_line):
        with pytest.raises(FollowupError) as caught:
            make([word, "remind"], None, plan)
        assert str(caught.value) == (
            f"the followup command {word!r} holds {what}, which a systemd unit or a crontab "
            "line cannot hold: use a path without quotes, backslashes, tabs, line breaks or %"
        )
        with pytest.raises(FollowupError, match=f"^XDG_DATA_HOME {re.escape(repr(word))} holds"):
            make([FOLLOWUP, "remind"], {"XDG_DATA_HOME": word}, plan)


def test_the_crontab_line_in_full():
    plan = timer.schedule(timedelta(hours=2))
    line = timer.cron_line([FOLLOWUP, "remind"], {"FOLLOWUP_HOME": "/home/sam/my $fu"}, plan)
    assert line == (
        f"0 */2 * * * FOLLOWUP_HOME='/home/sam/my $fu' {FOLLOWUP} remind # Written by followup"
    )


# ----- systemctl ------------------------------------------------------------------------------


def fake_systemctl(tmp_path: Path, **behaviour: dict) -> tuple[timer.Systemctl, Path]:
    """A systemctl stand-in that logs its arguments; `behaviour` maps a verb
    (show-environment, daemon-reload, enable, disable) to what it does: `exit`, `stdout`,
    `stderr`, `sleep` seconds, `remove` (a file to delete) or `block` (a path to make a
    folder of)."""
    log = tmp_path / "systemctl.log"
    exe = tmp_path / "systemctl"
    (tmp_path / "behaviour.json").write_text(json.dumps(behaviour))
    exe.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys, time\n"
        f"open({str(log)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n"
        f"todo = json.load(open({str(tmp_path / 'behaviour.json')!r})).get(sys.argv[2], {{}})\n"
        "time.sleep(todo.get('sleep', 0))\n"
        "if 'remove' in todo:\n"
        "    os.unlink(todo['remove'])\n"
        "if 'block' in todo:\n"
        "    os.unlink(todo['block']); os.mkdir(todo['block'])\n"
        "sys.stdout.write(todo.get('stdout', '')); sys.stderr.write(todo.get('stderr', ''))\n"
        "sys.exit(todo.get('exit', 0))\n"
    )
    exe.chmod(0o755)
    return timer.Systemctl(str(exe)), log


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_what_systemctl_said_is_quoted_on_one_line(tmp_path):
    systemctl, _ = fake_systemctl(
        tmp_path,
        **{"show-environment": {"exit": 1, "stderr": "Failed to connect\n  to bus:\tNo medium\n"},
           "daemon-reload": {"exit": 1, "stdout": "said on stdout\n"},
           "enable": {"exit": 4},
           "disable": {"exit": 1, "stderr": "x" * 400, "stdout": "not this"}},
    )  # fmt: skip
    assert systemctl.works() == (False, "Failed to connect to bus: No medium")
    with pytest.raises(FollowupError) as caught:
        systemctl.must("daemon-reload")
    assert str(caught.value) == "`systemctl --user daemon-reload` failed: said on stdout"
    with pytest.raises(FollowupError) as caught:
        systemctl.must("enable", "--now", timer.TIMER)
    assert str(caught.value) == (
        "`systemctl --user enable --now followup-remind.timer` failed: exit 4"
    )
    with pytest.raises(FollowupError) as caught:
        systemctl.must("disable")
    assert str(caught.value) == "`systemctl --user disable` failed: " + "x" * 300


def test_a_working_systemctl_is_asked_as_the_user(tmp_path):
    systemctl, log = fake_systemctl(tmp_path, **{"show-environment": {"stdout": "HOME=/x\n"}})
    assert systemctl.works() == (True, "HOME=/x")
    done = systemctl.run("daemon-reload")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    systemctl.must("daemon-reload")
    assert calls(log) == ["--user show-environment", "--user daemon-reload", "--user daemon-reload"]


def test_a_systemctl_that_hangs_or_cannot_run_is_a_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(timer, "SYSTEMCTL_TIMEOUT", 0.3)
    hangs, _ = fake_systemctl(tmp_path, **{"show-environment": {"sleep": 30}})
    assert hangs.works() == (False, "systemctl did not answer in time")
    done = hangs.run("show-environment")  # a failed run, the reason where stderr goes
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        "systemctl did not answer in time",
    )
    missing = timer.Systemctl(str(tmp_path / "nowhere" / "systemctl"))
    assert missing.works() == (False, "No such file or directory")
    done = missing.run("daemon-reload")
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "No such file or directory")
    with pytest.raises(FollowupError) as caught:
        missing.must("daemon-reload")
    assert str(caught.value) == (
        "`systemctl --user daemon-reload` failed: No such file or directory"
    )


# ----- install and uninstall ---------------------------------------------------------------


def test_install_asks_systemctl_in_order_and_says_what_it_did(tmp_path):
    systemctl, log = fake_systemctl(tmp_path)
    units = tmp_path / "config" / "systemd" / "user"
    plan = timer.schedule(timedelta(hours=2))
    done = timer.install([FOLLOWUP, "remind"], DATA, plan, units, systemctl)
    paths = (units / timer.SERVICE, units / timer.TIMER)
    assert done == timer.Installed(plan, unit_dir=units, files=paths)
    texts = timer.unit_files([FOLLOWUP, "remind"], DATA, plan)
    assert {p.name: p.read_text() for p in paths} == texts
    assert calls(log) == [
        "--user show-environment",
        "--user daemon-reload",
        "--user enable --now followup-remind.timer",
    ]


def test_install_without_systemd_returns_the_crontab_line_and_why(tmp_path):
    plan = timer.schedule(timedelta(minutes=30))
    line = f"*/30 * * * * FOLLOWUP_HOME=/data {FOLLOWUP} remind # Written by followup"
    units = tmp_path / "units"
    assert timer.install(
        [FOLLOWUP, "remind"], {"FOLLOWUP_HOME": "/data"}, plan, units, None
    ) == timer.Installed(plan, cron=line, why_not_systemd="no systemctl")
    broken, log = fake_systemctl(
        tmp_path, **{"show-environment": {"exit": 1, "stderr": "No medium found"}}
    )
    assert timer.install(
        [FOLLOWUP, "remind"], {"FOLLOWUP_HOME": "/data"}, plan, units, broken
    ) == timer.Installed(
        plan, cron=line, why_not_systemd="systemctl --user does not work here (No medium found)"
    )
    assert calls(log) == ["--user show-environment"]
    assert not units.exists()


def test_a_refused_daemon_reload_removes_the_new_units_and_reloads_again(tmp_path):
    systemctl, log = fake_systemctl(tmp_path, **{"daemon-reload": {"exit": 1, "stderr": "no"}})
    units = tmp_path / "units"
    with pytest.raises(FollowupError, match=r"^`systemctl --user daemon-reload` failed: no$"):
        timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)), units,
                      systemctl)  # fmt: skip
    assert list(units.iterdir()) == []
    assert calls(log) == [
        "--user show-environment",
        "--user daemon-reload",
        "--user daemon-reload",
    ]


def test_a_refused_enable_puts_back_what_it_can_and_reports_the_refusal(tmp_path):
    """systemctl (or anything) left a folder where a unit was: that one cannot be put
    back, the other is, and the user hears why systemd refused, not a crash."""
    good, _ = fake_systemctl(tmp_path)
    units = tmp_path / "units"
    timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)), units, good)
    old_timer = (units / timer.TIMER).read_bytes()
    bad, _ = fake_systemctl(
        tmp_path,
        enable={"exit": 1, "stderr": "Unit file is masked", "block": str(units / timer.SERVICE)},
    )
    with pytest.raises(FollowupError) as caught:
        timer.install(
            [FOLLOWUP, "remind"],
            {"FOLLOWUP_HOME": "/x"},
            timer.schedule(timedelta(hours=2)),
            units,
            bad,
        )
    assert str(caught.value) == (
        "`systemctl --user enable --now followup-remind.timer` failed: Unit file is masked"
    )
    assert (units / timer.TIMER).read_bytes() == old_timer
    fresh = tmp_path / "fresh"
    blocker, _ = fake_systemctl(
        tmp_path, enable={"exit": 1, "stderr": "masked", "block": str(fresh / timer.TIMER)}
    )
    with pytest.raises(FollowupError, match=r"masked$"):
        timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=2)), fresh,
                      blocker)  # fmt: skip
    assert [p.name for p in fresh.iterdir()] == [timer.TIMER]  # the folder left in its place


def test_uninstall_without_a_working_user_manager_still_removes_the_files(tmp_path):
    good, _ = fake_systemctl(tmp_path)
    units = tmp_path / "units"
    timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)), units, good)
    broken, log = fake_systemctl(
        tmp_path, **{"show-environment": {"exit": 1, "stderr": "No medium found"}}
    )
    (tmp_path / "systemctl.log").unlink()
    assert timer.uninstall(units, broken) == [units / timer.SERVICE, units / timer.TIMER]
    assert list(units.iterdir()) == []
    assert calls(log) == ["--user show-environment", "--user show-environment"]
    good, _ = fake_systemctl(tmp_path)
    timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)), units, good)
    assert timer.uninstall(units, None) == [units / timer.SERVICE, units / timer.TIMER]
    assert list(units.iterdir()) == []


def test_uninstall_disables_removes_then_reloads(tmp_path):
    systemctl, log = fake_systemctl(tmp_path)
    units = tmp_path / "units"
    timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)), units, systemctl)
    (units / timer.SERVICE).unlink()  # half removed by hand: the rest still goes
    log.unlink()
    assert timer.installed_files(units) == [units / timer.TIMER]
    assert timer.uninstall(units, systemctl) == [units / timer.TIMER]
    assert calls(log) == [
        "--user show-environment",
        "--user disable --now followup-remind.timer",
        "--user show-environment",
        "--user daemon-reload",
    ]
    assert timer.installed_files(units) == []
    log.unlink()
    assert timer.uninstall(units, systemctl) == [] and calls(log) == []


def test_a_unit_already_gone_when_it_is_removed_is_fine(tmp_path):
    systemctl, _ = fake_systemctl(tmp_path)
    units = tmp_path / "units"
    timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)), units, systemctl)
    removing, _ = fake_systemctl(tmp_path, disable={"remove": str(units / timer.SERVICE)})
    assert timer.uninstall(units, removing) == [units / timer.SERVICE, units / timer.TIMER]
    assert list(units.iterdir()) == []


def test_a_unit_that_cannot_be_removed_is_named(tmp_path):
    units = tmp_path / "units"
    (units / timer.TIMER).mkdir(parents=True)  # a folder where the timer should be
    with pytest.raises(FollowupError) as caught:
        timer.uninstall(units, None)
    assert str(caught.value) == (
        f"{units / timer.TIMER} was not written by followup (its first line is not "
        "'# Written by followup'): it was left as it is (remove it yourself if it is an old "
        "followup timer)"
    )
    assert (units / timer.TIMER).is_dir()
