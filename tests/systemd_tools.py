"""A fake systemctl and crontab on PATH, and systemd-analyze verify, for the tests of
`followup remind --install` and `--uninstall` (commands/test_remind.py) and of the timer
units themselves (features/test_timer.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


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


def fake_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
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
