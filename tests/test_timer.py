"""The systemd user timer and the crontab line that run `followup remind` by themselves."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from followup.errors import FollowupError
from followup.features import timer

FOLLOWUP = str(Path(sys.executable).parent / "followup")
#: A FOLLOWUP_HOME with what must be written with care: spaces and a `$`.
ODD_HOME = "/tmp/my data/$HOME is here"


def analyze() -> str:
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
    plan = timer.schedule(every)
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
        timer.schedule(every)


@pytest.mark.parametrize("home", [None, "/home/sam/followup", ODD_HOME])
def test_unit_files_pass_systemd_analyze_verify(tmp_path, home):
    exe = analyze()
    env = {"FOLLOWUP_HOME": home} if home else None
    files = timer.unit_files([FOLLOWUP, "remind"], env, timer.schedule(timedelta(hours=1)))
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
    assert f'ExecStart="{FOLLOWUP}" "remind"\n' in service
    assert ("Environment=" in service) is bool(home)


def test_unit_files_quote_for_systemd():
    files = timer.unit_files(["/opt/my apps/follow$up", "remind"], {"FOLLOWUP_HOME": ODD_HOME},
                             timer.schedule(timedelta(hours=1)))  # fmt: skip
    service = files[timer.SERVICE]
    assert 'ExecStart="/opt/my apps/follow$up" "remind"\n' in service
    assert 'Environment="FOLLOWUP_HOME=/tmp/my data/$HOME is here"\n' in service


def test_a_line_break_in_a_path_is_refused():
    with pytest.raises(FollowupError, match="line break"):
        timer.unit_files(["/opt/a\nb/followup", "remind"], None, timer.schedule(timedelta(hours=1)))


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
                           timer.schedule(timedelta(minutes=15)))  # fmt: skip
    fields = line.split(" ", 5)
    assert fields[:5] == ["*/15", "*", "*", "*", "*"]
    assert "%" not in fields[5].replace("\\%", "")  # every % escaped for cron
    command = fields[5].replace("\\%", "%")
    done = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, env={})
    assert done.stdout == f"['remind'] {ODD_HOME!r}\n", done.stderr


# ----- install and uninstall, with a stand-in systemctl that records its calls --------


def fake_systemctl(tmp_path: Path, *, works: bool = True, enable_fails: bool = False):
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


def test_install_writes_the_units_and_enables_the_timer(tmp_path):
    systemctl, log = fake_systemctl(tmp_path)
    units = tmp_path / "config" / "systemd" / "user"
    plan = timer.schedule(timedelta(hours=1))
    done = timer.install([FOLLOWUP, "remind"], {"FOLLOWUP_HOME": "/data"}, plan, units, systemctl)
    assert done.cron is None and done.unit_dir == units
    assert sorted(p.name for p in units.iterdir()) == [timer.SERVICE, timer.TIMER]
    assert (units / timer.TIMER).read_text() == timer.unit_files(
        [FOLLOWUP, "remind"], {"FOLLOWUP_HOME": "/data"}, plan
    )[timer.TIMER]
    assert log.read_text().splitlines() == [
        "--user show-environment",
        "--user daemon-reload",
        "--user enable --now followup-remind.timer",
    ]
    again = timer.install(
        [FOLLOWUP, "remind"], None, timer.schedule(timedelta(minutes=30)), units, systemctl
    )
    assert "OnCalendar=*-*-* *:00/30:00" in (units / timer.TIMER).read_text()
    assert "Environment" not in (units / timer.SERVICE).read_text()
    assert again.files == done.files


def test_install_without_a_user_manager_gives_the_crontab_line(tmp_path):
    systemctl, _ = fake_systemctl(tmp_path, works=False)
    units = tmp_path / "units"
    done = timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)), units,
                         systemctl)  # fmt: skip
    assert done.cron == f"0 * * * * {FOLLOWUP} remind # Written by followup"
    assert "No medium found" in done.why_not_systemd
    assert not units.exists()
    none = timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)), units,
                         None)  # fmt: skip
    assert none.cron == done.cron and not units.exists()


def test_a_refused_enable_puts_the_old_files_back(tmp_path):
    good, _ = fake_systemctl(tmp_path)
    units = tmp_path / "units"
    timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)), units, good)
    before = {p.name: p.read_bytes() for p in units.iterdir()}
    (tmp_path / "systemctl.log").unlink()
    bad, _ = fake_systemctl(tmp_path, enable_fails=True)
    with pytest.raises(FollowupError, match=r"enable --now followup-remind\.timer.*masked"):
        timer.install(
            [FOLLOWUP, "remind"],
            {"FOLLOWUP_HOME": "/x"},
            timer.schedule(timedelta(hours=2)),
            units,
            bad,
        )
    assert {p.name: p.read_bytes() for p in units.iterdir()} == before
    fresh = tmp_path / "fresh"
    with pytest.raises(FollowupError):
        timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=2)), fresh, bad)
    assert list(fresh.iterdir()) == []


def test_uninstall_disables_and_removes(tmp_path):
    systemctl, log = fake_systemctl(tmp_path)
    units = tmp_path / "units"
    timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)), units, systemctl)
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
    done = timer.install([FOLLOWUP, "remind"], None, timer.schedule(timedelta(hours=1)),
                         tmp_path / "units", timer.Systemctl(exe))  # fmt: skip
    assert done.cron == f"0 * * * * {FOLLOWUP} remind # Written by followup"
    assert said and said in done.why_not_systemd
