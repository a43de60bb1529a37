"""`followup remind --install` and `--uninstall` touch only what followup wrote (marked
`# Written by followup`), refuse paths a unit or crontab cannot hold, write `$` and
spaces so that they work, and record where the data and settings are."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ACME
from followup.features import timer

pytestmark = pytest.mark.skipif(os.name != "posix", reason="systemd and cron are POSIX")


MARK = "# Written by followup"


def analyze() -> str:
    exe = shutil.which("systemd-analyze")
    if exe is None:
        pytest.skip(
            "systemd-analyze is not installed (Debian package systemd; .ci/run installs "
            "it): cannot verify the units"
        )
    return exe


def verify(folder: Path, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        (folder / name).write_text(text)
    done = subprocess.run(
        [analyze(), "verify", *(str(folder / n) for n in texts)], capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (0, "")


@pytest.fixture
def tools(tmp_path, monkeypatch):
    """A systemctl and a crontab on PATH that record their calls (the crontab keeps its
    table in a file); the unit folder in a temporary config home."""
    folder = tmp_path / "fakebin"
    folder.mkdir()
    log = tmp_path / "calls.log"
    table = tmp_path / "crontab.txt"
    (folder / "systemctl").write_text(
        f"#!{sys.executable}\nimport sys\n"
        f"open({str(log)!r}, 'a').write('systemctl ' + ' '.join(sys.argv[1:]) + '\\n')\n"
    )
    (folder / "crontab").write_text(
        f"#!{sys.executable}\nimport os, sys\n"
        f"open({str(log)!r}, 'a').write('crontab ' + ' '.join(sys.argv[1:]) + '\\n')\n"
        f"table = {str(table)!r}\n"
        "if sys.argv[1] == '-l':\n"
        "    if not os.path.exists(table):\n"
        "        sys.exit('no crontab for sam')\n"
        "    sys.stdout.write(open(table).read())\n"
        "else:\n"
        "    open(table, 'w').write(sys.stdin.read())\n"
    )
    for exe in folder.iterdir():
        exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "systemd" / "user", log, table


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_what_install_writes_starts_with_the_mark(cli, tools):
    units, _, _ = tools
    assert cli("remind", "--install").code == 0
    for name in (timer.SERVICE, timer.TIMER):
        assert (units / name).read_text().splitlines()[0] == MARK
    assert cli("remind", "--install", "--every", "2h").code == 0  # its own: replaced
    assert "00/2:00:00" in (units / timer.TIMER).read_text()


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
