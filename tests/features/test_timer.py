"""features.timer: tested directly, and through the commands that use it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from followup.errors import FollowupError
from followup.features import timer
from systemd_tools import calls, verify

# ----------------------------------------------------------------------------
# `followup remind --install` and `--uninstall` touch only what followup wrote (marked
# `# Written by followup`), refuse paths a unit or crontab cannot hold, write `$` and
# spaces so that they work, and record where the data and settings are.


# ----- paths: refused plainly, or written so that they work ----------------------------


@pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")
@pytest.mark.parametrize(
    ("part", "what"),
    [('"', "a double quote"), ("'", "a single quote"), ("\\", "a backslash"),
     ("\t", "a tab"), ("\n", "a line break"), ("%", "a %")],
)  # fmt: skip
def test_a_home_that_systemd_or_cron_cannot_hold_is_refused(cli, tools, tmp_path, part, what):
    units, log, _ = tools
    odd = str(tmp_path / f"my{part}data")
    for args in (("remind", "--install"), ("remind", "--install", "--dry-run")):
        run = cli(*args, env={"FOLLOWUP_HOME": odd})
        assert run.code == 1
        assert run.stderr == (
            f"error: FOLLOWUP_HOME {odd!r} holds {what}, which a systemd unit or a crontab "
            "line cannot hold: use a path without quotes, backslashes, tabs, line breaks or %\n"
        )
        assert run.stdout == ""
    assert not units.exists() and calls(log) == []


@pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")
def test_dollars_and_spaces_in_paths_pass_verify_and_run(tmp_path):
    """The executable's folder, the data folder and the settings folder all hold `$` and
    spaces; the units pass `systemd-analyze verify`, and the crontab line's command, run
    by /bin/sh with no environment, gets the same arguments and locations."""
    folder = tmp_path / "my $HOME apps"
    folder.mkdir()
    exe = folder / "followup"
    exe.write_text(
        f"#!{sys.executable}\nimport os, sys\n"
        "print(sys.argv[1:], [os.environ.get(n) for n in "
        "('FOLLOWUP_HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME')])\n"
    )
    exe.chmod(0o755)
    env = {"FOLLOWUP_HOME": str(tmp_path / "data $1 x"), "XDG_DATA_HOME": "/d/$USER s",
           "XDG_CONFIG_HOME": "/c/$$ t"}  # fmt: skip
    command = [str(exe), "remind", "--within", "2h"]
    plan = timer.cadence(timedelta(hours=1))
    texts = timer.unit_files(command, env, plan)
    verify(tmp_path, texts)
    service = texts[timer.SERVICE]
    assert f'ExecStart="{exe}" "remind" "--within" "2h"\n' in service
    for name, value in env.items():
        assert f'Environment="{name}={value}"\n' in service
    line = timer.cron_line(command, env, plan)
    done = subprocess.run(
        ["/bin/sh", "-c", line.split(" ", 5)[5]], capture_output=True, text=True, env={}
    )
    assert done.stdout == f"{command[1:]} {list(env.values())}\n", done.stderr


@pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")
def test_an_argument_with_a_dollar_is_doubled_and_passes_verify(tmp_path):
    exe = Path(sys.executable).parent / "followup"
    texts = timer.unit_files([str(exe), "remind", "--within", "$X"], None,
                             timer.cadence(timedelta(hours=1)))  # fmt: skip
    assert f'ExecStart="{exe}" "remind" "--within" "$$X"\n' in texts[timer.SERVICE]
    verify(tmp_path, texts)


# ----------------------------------------------------------------------------
# The rules of `followup remind --install` a user relies on: exactly which periods run
# by the clock and how each is written for systemd, cron and people; the whole text of
# the units and of the crontab line; what systemctl is asked, in which order, and what
# the user is told when it fails, hangs or cannot run; what `--uninstall` does when the
# user manager is gone; and that a refused install leaves the unit folder as it was.


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
    assert timer.cadence(every) == timer.Cadence(every, calendar, cron, words)


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
        timer.cadence(every)
    assert str(caught.value) == (
        f"cannot run reminders every {shown} by the clock: choose a period that divides an "
        f"hour or a day ({CHOICES})"
    )


@pytest.mark.parametrize(
    "every", [timedelta(minutes=5, microseconds=1), timedelta(hours=1, microseconds=1)]
)
def test_a_period_of_no_whole_minutes_is_refused(every):
    with pytest.raises(FollowupError, match=r"^cannot run reminders every .* by the clock"):
        timer.cadence(every)


# ----- the unit files and the crontab line --------------------------------------------------


def test_the_units_in_full():
    files = timer.unit_files([FOLLOWUP, "remind", "--within", "2h"],
                             {"FOLLOWUP_HOME": "/home/Xavier/fu", "XDG_CONFIG_HOME": "/c"},
                             timer.cadence(timedelta(minutes=15)))  # fmt: skip
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
    service = timer.unit_files([FOLLOWUP, "remind"], None, timer.cadence(timedelta(hours=1)))[
        timer.SERVICE
    ]
    assert service.endswith('Type=oneshot\nExecStart="/opt/followup/bin/followup" "remind"\n')


def test_dollars_are_doubled_in_the_arguments_only():
    """systemd expands $VAR in ExecStart='s arguments, not in its executable's path nor in
    Environment=."""
    service = timer.unit_files(["/opt/$x y/followup", "remind", "--within", "$1"],
                               {"FOLLOWUP_HOME": "/d/$x y"},
                               timer.cadence(timedelta(hours=1)))[timer.SERVICE]  # fmt: skip
    assert 'Environment="FOLLOWUP_HOME=/d/$x y"\n' in service
    assert 'ExecStart="/opt/$x y/followup" "remind" "--within" "$$1"\n' in service


@pytest.mark.parametrize(
    ("word", "what"),
    [("/opt/a\nb", "a line break"), ("/opt/a\rb", "a carriage return"), ("/opt/a\tb", "a tab"),
     ("/opt/a\0b", "a control character (0x00)"), ("/opt/a\x1fb", "a control character (0x1f)"),
     ("/opt/a\x7fb", "a control character (0x7f)"), ('/opt/"q"', "a double quote"),
     ("/opt/it's", "a single quote"), ("/opt/a\\b", "a backslash"), ("/opt/50%", "a %")],
)  # fmt: skip
def test_a_path_systemd_or_cron_cannot_hold_is_refused(word, what):
    plan = timer.cadence(timedelta(hours=1))
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
    plan = timer.cadence(timedelta(hours=2))
    line = timer.cron_line([FOLLOWUP, "remind"], {"FOLLOWUP_HOME": "/home/sam/my $fu"}, plan)
    assert line == (
        f"0 */2 * * * FOLLOWUP_HOME='/home/sam/my $fu' {FOLLOWUP} remind # Written by followup"
    )


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


# ----- systemctl ------------------------------------------------------------------------------


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
    plan = timer.cadence(timedelta(hours=2))
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
    plan = timer.cadence(timedelta(minutes=30))
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
        timer.install([FOLLOWUP, "remind"], None, timer.cadence(timedelta(hours=1)), units,
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
    timer.install([FOLLOWUP, "remind"], None, timer.cadence(timedelta(hours=1)), units, good)
    old_timer = (units / timer.TIMER).read_bytes()
    bad, _ = fake_systemctl(
        tmp_path,
        enable={"exit": 1, "stderr": "Unit file is masked", "block": str(units / timer.SERVICE)},
    )
    with pytest.raises(FollowupError) as caught:
        timer.install(
            [FOLLOWUP, "remind"],
            {"FOLLOWUP_HOME": "/x"},
            timer.cadence(timedelta(hours=2)),
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
        timer.install([FOLLOWUP, "remind"], None, timer.cadence(timedelta(hours=2)), fresh,
                      blocker)  # fmt: skip
    assert [p.name for p in fresh.iterdir()] == [timer.TIMER]  # the folder left in its place


def test_uninstall_without_a_working_user_manager_still_removes_the_files(tmp_path):
    good, _ = fake_systemctl(tmp_path)
    units = tmp_path / "units"
    timer.install([FOLLOWUP, "remind"], None, timer.cadence(timedelta(hours=1)), units, good)
    broken, log = fake_systemctl(
        tmp_path, **{"show-environment": {"exit": 1, "stderr": "No medium found"}}
    )
    (tmp_path / "systemctl.log").unlink()
    assert timer.uninstall(units, broken) == [units / timer.SERVICE, units / timer.TIMER]
    assert list(units.iterdir()) == []
    assert calls(log) == ["--user show-environment", "--user show-environment"]
    good, _ = fake_systemctl(tmp_path)
    timer.install([FOLLOWUP, "remind"], None, timer.cadence(timedelta(hours=1)), units, good)
    assert timer.uninstall(units, None) == [units / timer.SERVICE, units / timer.TIMER]
    assert list(units.iterdir()) == []


def test_uninstall_disables_removes_then_reloads(tmp_path):
    systemctl, log = fake_systemctl(tmp_path)
    units = tmp_path / "units"
    timer.install([FOLLOWUP, "remind"], None, timer.cadence(timedelta(hours=1)), units, systemctl)
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
    timer.install([FOLLOWUP, "remind"], None, timer.cadence(timedelta(hours=1)), units, systemctl)
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


# ----------------------------------------------------------------------------
# The systemd user timer and the crontab line that run `followup remind` by themselves.


FOLLOWUP_timer = str(Path(sys.executable).parent / "followup")


#: A FOLLOWUP_HOME with what must be written with care: spaces and a `$`.
ODD_HOME = "/tmp/my data/$HOME is here"


def analyze_timer() -> str:
    exe = shutil.which("systemd-analyze")
    if exe is None:
        pytest.skip(
            "systemd-analyze is not installed (Debian package systemd): cannot verify units"
        )
    return exe


@pytest.mark.parametrize(
    ("every", "calendar", "cron"),
    [
        (timedelta(minutes=1), "*-*-* *:*:00", "* * * * *"),
        (timedelta(minutes=15), "*-*-* *:00/15:00", "*/15 * * * *"),
        (timedelta(minutes=30), "*-*-* *:00/30:00", "*/30 * * * *"),
        (timedelta(hours=1), "*-*-* *:00:00", "0 * * * *"),
        (timedelta(hours=2), "*-*-* 00/2:00:00", "0 */2 * * *"),
        (timedelta(hours=12), "*-*-* 00/12:00:00", "0 */12 * * *"),
        (timedelta(days=1), "*-*-* 09:00:00", "0 9 * * *"),
    ],
)
def test_periods_that_divide_an_hour_or_a_day(every, calendar, cron):
    plan = timer.cadence(every)
    assert (plan.calendar, plan.cron) == (calendar, cron)
    if shutil.which("systemd-analyze"):
        done = subprocess.run(
            ["systemd-analyze", "calendar", plan.calendar], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert f"Normalized form: {plan.calendar}" in done.stdout


@pytest.mark.parametrize(
    "every", [timedelta(minutes=7), timedelta(minutes=90), timedelta(hours=5), timedelta(days=2),
              timedelta(seconds=30), timedelta(0)]
)  # fmt: skip
def test_other_periods_are_refused_with_the_choices(every):
    with pytest.raises(FollowupError, match=r"divides an hour or a day .*15m.*1d"):
        timer.cadence(every)


@pytest.mark.parametrize("home", [None, "/home/sam/followup", ODD_HOME])
def test_unit_files_pass_systemd_analyze_verify(tmp_path, home):
    exe = analyze_timer()
    env = {"FOLLOWUP_HOME": home} if home else None
    files = timer.unit_files([FOLLOWUP_timer, "remind"], env, timer.cadence(timedelta(hours=1)))
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    done = subprocess.run(
        [exe, "verify", *(str(tmp_path / n) for n in files)], capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (0, "")
    timer_text = files[timer.TIMER]
    assert "OnCalendar=*-*-* *:00:00\n" in timer_text
    assert "Persistent=true\n" in timer_text
    assert "WantedBy=timers.target\n" in timer_text
    service = files[timer.SERVICE]
    assert f'ExecStart="{FOLLOWUP_timer}" "remind"\n' in service
    assert ("Environment=" in service) is bool(home)


def test_unit_files_quote_for_systemd():
    files = timer.unit_files(["/opt/my apps/follow$up", "remind"], {"FOLLOWUP_HOME": ODD_HOME},
                             timer.cadence(timedelta(hours=1)))  # fmt: skip
    service = files[timer.SERVICE]
    assert 'ExecStart="/opt/my apps/follow$up" "remind"\n' in service
    assert 'Environment="FOLLOWUP_HOME=/tmp/my data/$HOME is here"\n' in service


def test_a_line_break_in_a_path_is_refused():
    with pytest.raises(FollowupError, match="line break"):
        timer.unit_files(["/opt/a\nb/followup", "remind"], None, timer.cadence(timedelta(hours=1)))


def test_the_cron_line_runs_the_command_exactly(tmp_path):
    """Run the crontab line's command as cron would (/bin/sh, `\\%` made `%`)."""
    fake = tmp_path / "bin $dir" / "follow up"
    fake.parent.mkdir()
    fake.write_text(
        f"#!{sys.executable}\nimport os, sys\n"
        "print(repr(sys.argv[1:]), repr(os.environ.get('FOLLOWUP_HOME')))\n"
    )
    fake.chmod(0o755)
    line = timer.cron_line([str(fake), "remind"], {"FOLLOWUP_HOME": ODD_HOME},
                           timer.cadence(timedelta(minutes=15)))  # fmt: skip
    fields = line.split(" ", 5)
    assert fields[:5] == ["*/15", "*", "*", "*", "*"]
    assert "%" not in fields[5].replace("\\%", "")  # every % escaped for cron
    command = fields[5].replace("\\%", "%")
    done = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, env={})
    assert done.stdout == f"['remind'] {ODD_HOME!r}\n", done.stderr


def fake_systemctl_timer(tmp_path: Path, *, works: bool = True, enable_fails: bool = False):
    log = tmp_path / "systemctl.log"
    exe = tmp_path / "systemctl"
    exe.write_text(
        f"#!{sys.executable}\nimport sys\n"
        f"open({str(log)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n"
        f"if sys.argv[2] == 'show-environment' and not {works}:\n"
        "    sys.exit('Failed to connect to bus: No medium found')\n"
        f"if sys.argv[2] == 'enable' and {enable_fails}:\n"
        "    sys.exit('Failed to enable unit: Unit file is masked')\n"
    )
    exe.chmod(0o755)
    return timer.Systemctl(str(exe)), log


# ----- install and uninstall, with a stand-in systemctl that records its calls --------


def test_install_writes_the_units_and_enables_the_timer(tmp_path):
    systemctl, log = fake_systemctl_timer(tmp_path)
    units = tmp_path / "config" / "systemd" / "user"
    plan = timer.cadence(timedelta(hours=1))
    done = timer.install(
        [FOLLOWUP_timer, "remind"], {"FOLLOWUP_HOME": "/data"}, plan, units, systemctl
    )
    assert done.cron is None and done.unit_dir == units
    assert sorted(p.name for p in units.iterdir()) == [timer.SERVICE, timer.TIMER]
    assert (units / timer.TIMER).read_text() == timer.unit_files(
        [FOLLOWUP_timer, "remind"], {"FOLLOWUP_HOME": "/data"}, plan
    )[timer.TIMER]
    assert log.read_text().splitlines() == [
        "--user show-environment",
        "--user daemon-reload",
        "--user enable --now followup-remind.timer",
    ]
    again = timer.install(
        [FOLLOWUP_timer, "remind"], None, timer.cadence(timedelta(minutes=30)), units, systemctl
    )
    assert "OnCalendar=*-*-* *:00/30:00" in (units / timer.TIMER).read_text()
    assert "Environment" not in (units / timer.SERVICE).read_text()
    assert again.files == done.files


def test_install_without_a_user_manager_gives_the_crontab_line(tmp_path):
    systemctl, _ = fake_systemctl_timer(tmp_path, works=False)
    units = tmp_path / "units"
    done = timer.install([FOLLOWUP_timer, "remind"], None,
                         timer.cadence(timedelta(hours=1)), units, systemctl)  # fmt: skip
    assert done.cron == f"0 * * * * {FOLLOWUP_timer} remind # Written by followup"
    assert "No medium found" in done.why_not_systemd
    assert not units.exists()
    none = timer.install([FOLLOWUP_timer, "remind"], None,
                         timer.cadence(timedelta(hours=1)), units, None)  # fmt: skip
    assert none.cron == done.cron and not units.exists()


def test_a_refused_enable_puts_the_old_files_back(tmp_path):
    good, _ = fake_systemctl_timer(tmp_path)
    units = tmp_path / "units"
    timer.install([FOLLOWUP_timer, "remind"], None, timer.cadence(timedelta(hours=1)), units, good)
    before = {p.name: p.read_bytes() for p in units.iterdir()}
    (tmp_path / "systemctl.log").unlink()
    bad, _ = fake_systemctl_timer(tmp_path, enable_fails=True)
    with pytest.raises(FollowupError, match=r"enable --now followup-remind\.timer.*masked"):
        timer.install(
            [FOLLOWUP_timer, "remind"],
            {"FOLLOWUP_HOME": "/x"},
            timer.cadence(timedelta(hours=2)),
            units,
            bad,
        )
    assert {p.name: p.read_bytes() for p in units.iterdir()} == before
    fresh = tmp_path / "fresh"
    with pytest.raises(FollowupError):
        timer.install(
            [FOLLOWUP_timer, "remind"], None, timer.cadence(timedelta(hours=2)), fresh, bad
        )
    assert list(fresh.iterdir()) == []


def test_uninstall_disables_and_removes(tmp_path):
    systemctl, log = fake_systemctl_timer(tmp_path)
    units = tmp_path / "units"
    timer.install(
        [FOLLOWUP_timer, "remind"], None, timer.cadence(timedelta(hours=1)), units, systemctl
    )
    log.unlink()
    removed = timer.uninstall(units, systemctl)
    assert sorted(p.name for p in removed) == [timer.SERVICE, timer.TIMER]
    assert list(units.iterdir()) == []
    assert "--user disable --now followup-remind.timer" in log.read_text().splitlines()
    assert timer.uninstall(units, systemctl) == []


def test_real_systemctl_here_either_works_or_says_why(tmp_path):
    exe = shutil.which("systemctl")
    if exe is None:
        pytest.skip("systemctl is not installed here")
    ok, said = timer.Systemctl(exe).works()
    if ok:
        pytest.skip("a user service manager runs here: not installing a real timer in a test")
    done = timer.install([FOLLOWUP_timer, "remind"], None, timer.cadence(timedelta(hours=1)),
                         tmp_path / "units", timer.Systemctl(exe))  # fmt: skip
    assert done.cron == f"0 * * * * {FOLLOWUP_timer} remind # Written by followup"
    assert said and said in done.why_not_systemd


def test_a_unit_that_cannot_be_removed_once_disabled_is_named_with_the_reason(tmp_path):
    systemctl, _ = fake_systemctl(tmp_path)
    units = tmp_path / "units"
    timer.install([FOLLOWUP, "remind"], None, timer.cadence(timedelta(hours=1)), units, systemctl)
    # marked when checked, then a folder in its place by the time it is removed
    blocking, _ = fake_systemctl(tmp_path, disable={"block": str(units / timer.TIMER)})
    with pytest.raises(FollowupError) as caught:
        timer.uninstall(units, blocking)
    assert str(caught.value) == f"could not remove {units / timer.TIMER}: Is a directory"


# ----- crontab ---------------------------------------------------------------------------
# Without systemd, `followup remind --uninstall` takes followup's lines (those ending with
# the mark) out of the user's crontab, keeping every other line exactly as it was.


def fake_crontab(tmp_path: Path, write: str = 'cat > "$TABLE"') -> tuple[timer.Crontab, Path, Path]:
    """A crontab stand-in (never the user's own): `-l` prints the table file, or fails as
    crontab does when there is none; `-` runs `write` (shell; by default, stdin becomes
    the table); any other argument is a file that is not there. Returns it, the table
    file and the log of its arguments."""
    table, log = tmp_path / "crontab.txt", tmp_path / "crontab.log"
    exe = tmp_path / "crontab"
    exe.write_text(
        "#!/bin/sh\n"
        f"TABLE='{table}'\n"
        f"echo \"$*\" >> '{log}'\n"
        'case "$1" in\n'
        '  -l) [ -f "$TABLE" ] || { echo "no crontab for sam" >&2; exit 1; }; cat "$TABLE" ;;\n'
        f"  -) {write} ;;\n"
        '  *) echo "$1: No such file or directory" >&2; exit 1 ;;\n'
        "esac\n"
    )
    exe.chmod(0o755)
    return timer.Crontab(str(exe)), table, log


OURS = f"0 * * * * FOLLOWUP_HOME=/data /opt/bin/followup remind {timer.MARK}"


@pytest.mark.skipif(os.name != "posix", reason="cron is POSIX")
def test_only_lines_ending_with_the_mark_are_removed_and_the_rest_kept_exactly(tmp_path):
    crontab, table, log = fake_crontab(tmp_path)
    theirs = [
        "# m h dom mon dow command\n",
        "MAILTO=sam\n",
        f"0 3 * * * /usr/bin/backup {timer.MARK} \n",  # the mark, then a space
        f"0 4 * * * /usr/bin/backup {timer.MARK}\t\n",
        f"0 5 * * * /usr/bin/backup {timer.MARK}X\n",
        f"0 6 * * * /usr/bin/backup{timer.MARK}\n",  # no space before it
        "  \n",
        "@reboot /usr/bin/thing",  # the last line, without a line break
    ]
    also_ours = f"*/15 * * * * /usr/bin/followup remind {timer.MARK}"
    table.write_text("".join([OURS + "\n", *theirs[:4], also_ours + "\n", *theirs[4:]]))
    assert crontab.remove_marked() == [OURS, also_ours]
    assert table.read_bytes() == "".join(theirs).encode()
    assert calls(log) == ["-l", "-"]
    # nothing of ours left: the crontab is read, not written again
    assert crontab.remove_marked() == []
    assert calls(log) == ["-l", "-", "-l"]


@pytest.mark.skipif(os.name != "posix", reason="cron is POSIX")
def test_no_crontab_is_nothing_to_remove(tmp_path):
    crontab, table, log = fake_crontab(tmp_path)
    assert crontab.remove_marked() == []
    assert calls(log) == ["-l"] and not table.exists()


@pytest.mark.skipif(os.name != "posix", reason="cron is POSIX")
@pytest.mark.parametrize(
    ("write", "said"),
    [
        ('echo "crontab: installing new crontab:\n   disk full" >&2; exit 1',
         "crontab: installing new crontab: disk full"),
        ('echo "said on stdout"; exit 2', "said on stdout"),
        ("exit 3", "exit 3"),
    ],
)  # fmt: skip
def test_a_crontab_that_refuses_the_new_table_is_quoted_and_left_as_it_was(tmp_path, write, said):
    crontab, table, _ = fake_crontab(tmp_path, write=write)
    before = f"MAILTO=sam\n{OURS}\n0 3 * * * /usr/bin/backup\n"
    table.write_text(before)
    with pytest.raises(FollowupError) as caught:
        crontab.remove_marked()
    assert str(caught.value) == (f"`crontab -` failed: {said}; your crontab was left as it was")
    assert table.read_text() == before


@pytest.mark.skipif(os.name != "posix", reason="cron is POSIX")
def test_a_crontab_that_hangs_is_given_up_on_and_left_as_it_was(tmp_path, monkeypatch):
    monkeypatch.setattr(timer, "SYSTEMCTL_TIMEOUT", 1)  # `-l` answers well within it
    crontab, table, _ = fake_crontab(tmp_path, write="exec sleep 10")
    before = f"{OURS}\n0 3 * * * /usr/bin/backup\n"
    table.write_text(before)
    with pytest.raises(FollowupError) as caught:
        crontab.remove_marked()
    assert str(caught.value) == (
        "`crontab -` failed: crontab did not answer in time; your crontab was left as it was"
    )
    assert table.read_text() == before
    # as a failed run: exit 1, nothing on stdout, the reason where stderr goes
    done = crontab._run("-", data=b"")
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr == b"crontab did not answer in time"


@pytest.mark.skipif(os.name != "posix", reason="cron is POSIX")
@pytest.mark.parametrize(
    ("listing", "said"),
    [
        ("exec sleep 10", "crontab did not answer in time"),
        ('echo "You (sam) are not allowed to use this program (crontab)" >&2; exit 1',
         "You (sam) are not allowed to use this program (crontab)"),
    ],
)  # fmt: skip
def test_a_crontab_that_cannot_be_read_is_an_error_not_nothing_to_remove(
    tmp_path, monkeypatch, listing, said
):
    """Lines of ours may be in it: saying there are none would leave them running."""
    monkeypatch.setattr(timer, "SYSTEMCTL_TIMEOUT", 1)
    crontab, table, log = fake_crontab(tmp_path)
    before = f"{OURS}\n0 3 * * * /usr/bin/backup\n"
    table.write_text(before)
    exe = Path(crontab.executable)
    exe.write_text(exe.read_text().replace("  -l) ", f"  -l) {listing}; ", 1))
    with pytest.raises(FollowupError) as caught:
        crontab.remove_marked()
    assert str(caught.value) == (
        f"`crontab -l` failed: {said}; nothing was removed from your crontab"
    )
    assert table.read_text() == before and calls(log) == ["-l"]


@pytest.mark.skipif(os.name != "posix", reason="cron is POSIX")
def test_the_rest_of_the_crontab_goes_back_byte_for_byte(tmp_path):
    """CRLF line ends, a carriage return inside a line and bytes that are not UTF-8 are
    the user's: read and written back as text, they became LF, two lines, or an error."""
    crontab, table, _ = fake_crontab(tmp_path)
    theirs = b"MAILTO=sam\r\n0 3 * * * printf 'a\rb' > /tmp/x\n# caf\xe9 (Latin-1)\n@reboot x"
    # a line is what ends with a line feed: the mark before a lone CR does not end one
    theirs = OURS.encode() + b"\r" + b"# not the end\n" + theirs
    table.write_bytes(OURS.encode() + b"\r\n" + theirs)
    assert crontab.remove_marked() == [OURS]
    assert table.read_bytes() == theirs
    # a line of ours whose path is not UTF-8 (a Latin-1 folder name) is named readably
    latin = OURS.replace("/opt/bin", "/opt/caf\xe9").encode("latin-1")
    table.write_bytes(latin + b"\n" + theirs)
    assert crontab.remove_marked() == [OURS.replace("/opt/bin", "/opt/caf\ufffd")]
    assert table.read_bytes() == theirs


@pytest.mark.skipif(os.name != "posix", reason="cron is POSIX")
def test_a_crontab_that_cannot_run_has_nothing_to_remove_and_says_why(tmp_path):
    missing = timer.Crontab(str(tmp_path / "nowhere" / "crontab"))
    assert missing.remove_marked() == []
    with pytest.raises(FileNotFoundError):
        missing._run("-l")


@pytest.mark.parametrize(
    ("data", "ours"),
    [
        (b"# Written by followup\n[Unit]\n", True),
        (b"# Written by followup\r\n[Unit]\r\n", True),  # saved with CRLF line ends
        (b"# Written by followup", True),
        (b"# Written by followup \n[Unit]\n", False),  # the mark, then a space
        (b"# Written by followupX\n", False),
        (b"\r# Written by followup\n", False),
        (b"[Unit]\n# Written by followup\n", False),
        (b"", False),
        (None, False),  # no file
    ],
)
def test_a_unit_is_followups_only_when_its_first_line_is_the_mark(data, ours):
    assert timer.is_marked(data) is ours


@pytest.mark.skipif(os.name != "posix", reason="cron is POSIX")
def test_a_crontab_gone_between_reading_and_writing_is_an_error_and_changes_nothing(tmp_path):
    crontab, table, _ = fake_crontab(tmp_path)
    before = f"{OURS}\n0 3 * * * /usr/bin/backup\n"
    table.write_text(before)
    exe = Path(crontab.executable)
    exe.write_text(exe.read_text().replace('cat "$TABLE" ;;', 'cat "$TABLE"; rm "$0" ;;', 1))
    with pytest.raises(FollowupError) as caught:
        crontab.remove_marked()
    assert str(caught.value) == (
        "`crontab -` failed: No such file or directory; your crontab was left as it was"
    )
    assert table.read_text() == before


@pytest.mark.skipif(os.name != "posix", reason="cron is POSIX")
def test_what_crontab_says_in_bytes_that_are_not_utf8_is_quoted_readably(tmp_path):
    crontab, table, _ = fake_crontab(tmp_path, write="printf 'disque plein \\351\\n' >&2; exit 1")
    table.write_text(f"{OURS}\n")
    with pytest.raises(FollowupError) as caught:
        crontab.remove_marked()
    assert str(caught.value) == (
        "`crontab -` failed: disque plein \ufffd; your crontab was left as it was"
    )
    exe = Path(crontab.executable)
    exe.write_text(exe.read_text().replace("  -l) ", "  -l) printf '\\377' >&2; exit 1; ", 1))
    with pytest.raises(FollowupError) as caught:
        crontab.remove_marked()
    assert str(caught.value) == "`crontab -l` failed: \ufffd; nothing was removed from your crontab"
