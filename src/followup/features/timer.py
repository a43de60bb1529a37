"""Running `followup remind` by itself: a systemd user timer, or else a crontab line.

The timer uses `OnCalendar=` with `Persistent=true`, so a run missed while the laptop
slept happens as soon as it wakes (systemd applies `Persistent=` to calendar timers
only). That is why the period must divide an hour or a day: `--every 15m` becomes
`*:00/15`, `--every 2h` becomes `00/2:00`, and the same schedule fits a crontab line.

Nothing here reads the environment or prints: the caller passes the command to run,
FOLLOWUP_HOME, the unit folder and the `systemctl` to use, and shows the result.
"""

from __future__ import annotations

import contextlib
import shlex
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from followup.errors import FollowupError

NAME = "followup-remind"
SERVICE = f"{NAME}.service"
TIMER = f"{NAME}.timer"
DEFAULT_EVERY = timedelta(hours=1)
#: Periods that divide an hour or a day, as `--every` accepts them (for messages and
#: completion; 1m and the other divisors are accepted too).
EVERY_CHOICES = ("5m", "10m", "15m", "20m", "30m", "1h", "2h", "3h", "4h", "6h", "8h", "12h", "1d")
CHOICES = ", ".join(EVERY_CHOICES[:-1]) + " or " + EVERY_CHOICES[-1]
#: Seconds to wait for `systemctl --user`.
SYSTEMCTL_TIMEOUT = 30


@dataclass(frozen=True)
class Schedule:
    """One period, as systemd's OnCalendar= and as a crontab's five fields."""

    every: timedelta
    calendar: str
    cron: str
    words: str  # "every hour", "every 15 minutes"


def schedule(every: timedelta) -> Schedule:
    """The schedule for a period that divides an hour or a day; else a FollowupError."""
    minutes, rest = divmod(every, timedelta(minutes=1))
    whole = not rest  # in whole minutes: seconds left over fit no schedule below
    if whole and 1 <= minutes < 60 and 60 % minutes == 0:
        if minutes == 1:
            return Schedule(every, "*-*-* *:*:00", "* * * * *", "every minute")
        return Schedule(
            every, f"*-*-* *:00/{minutes}:00", f"*/{minutes} * * * *", f"every {minutes} minutes"
        )
    hours, spare = divmod(minutes, 60)
    if whole and spare == 0 and 1 <= hours < 24 and 24 % hours == 0:
        if hours == 1:
            return Schedule(every, "*-*-* *:00:00", "0 * * * *", "every hour")
        return Schedule(
            every, f"*-*-* 00/{hours}:00:00", f"0 */{hours} * * *", f"every {hours} hours"
        )
    if every == timedelta(days=1):
        # Once a day in the morning; missed while asleep, it runs on waking (Persistent=true).
        return Schedule(every, "*-*-* 09:00:00", "0 9 * * *", "every day at 09:00")
    raise FollowupError(
        f"cannot run reminders every {_span(every)} by the clock: choose a period that "
        f"divides an hour or a day ({CHOICES})"
    )


def _span(every: timedelta) -> str:
    seconds = int(every.total_seconds())
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    if seconds % 60 == 0:
        return f"{seconds // 60}m"
    return f"{seconds}s"


# ----- unit files ------------------------------------------------------------------


def _systemd_word(text: str, *, command: bool) -> str:
    """One word for a unit file, double-quoted: `\\` and `"` escaped, `%` (a specifier)
    doubled, and `$` doubled on command lines (where systemd expands variables)."""
    if any(c in text for c in "\n\r\0"):
        raise FollowupError(
            f"{text!r} has a line break: a unit file cannot hold it; use a path without one"
        )
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    if command:
        text = text.replace("$", "$$")
    return f'"{text}"'


def unit_files(command: Sequence[str], home: str | None, plan: Schedule) -> dict[str, str]:
    """The service and timer units (name -> text) that run `command` on `plan`.

    `command` is the absolute command line of `followup remind`; `home` is
    FOLLOWUP_HOME when the user has set it (the timer runs without the shell's
    environment, so it must be written down).
    """
    environment = ""
    if home:
        environment = f"Environment={_systemd_word(f'FOLLOWUP_HOME={home}', command=False)}\n"
    exec_start = " ".join(_systemd_word(word, command=True) for word in command)
    service = (
        "[Unit]\n"
        "Description=followup: a desktop reminder of interview follow-ups due soon\n"
        f"# Written by `followup remind --install`; `followup remind --uninstall` removes it.\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"{environment}"
        f"ExecStart={exec_start}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=Run followup remind {plan.words}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={plan.calendar}\n"
        "# Missed while the computer was off or asleep: run as soon as it is back.\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {SERVICE: service, TIMER: timer}


def cron_line(command: Sequence[str], home: str | None, plan: Schedule) -> str:
    """The crontab line that runs `command` on `plan` (cron runs it with /bin/sh)."""
    words = [shlex.quote(word) for word in command]
    if home:
        words.insert(0, "FOLLOWUP_HOME=" + shlex.quote(home))
    # In a crontab, an unescaped % ends the command and starts its standard input.
    return f"{plan.cron} " + " ".join(words).replace("%", "\\%")


# ----- systemctl --user ----------------------------------------------------------------


@dataclass(frozen=True)
class Systemctl:
    """`systemctl --user`, run with an argument list (never a shell)."""

    executable: str

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(
                [self.executable, "--user", *args],
                capture_output=True,
                text=True,
                timeout=SYSTEMCTL_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return subprocess.CompletedProcess(args, 1, "", "systemctl did not answer in time")
        except OSError as exc:
            return subprocess.CompletedProcess(args, 1, "", exc.strerror or str(exc))

    def works(self) -> tuple[bool, str]:
        """Whether a user service manager answers, and what systemctl said if not."""
        done = self.run("show-environment")
        return done.returncode == 0, _said(done)

    def must(self, *args: str) -> None:
        done = self.run(*args)
        if done.returncode != 0:
            raise FollowupError(f"`systemctl --user {' '.join(args)}` failed: {_said(done)}")


def _said(done: subprocess.CompletedProcess[str]) -> str:
    return " ".join((done.stderr or done.stdout or "").split())[:300] or f"exit {done.returncode}"


@dataclass(frozen=True)
class Installed:
    """What `install` did: `unit_dir` and `files` for systemd; else `cron` to add by hand."""

    plan: Schedule
    unit_dir: Path | None = None
    files: tuple[Path, ...] = ()
    cron: str | None = None
    why_not_systemd: str | None = None


def install(
    command: Sequence[str],
    home: str | None,
    plan: Schedule,
    unit_dir: Path,
    systemctl: Systemctl | None,
) -> Installed:
    """Set up the timer where `systemctl --user` works; else return the crontab line.

    Installing again replaces the units (a new period, a moved executable). If
    systemd refuses them, the previous files are put back.
    """
    if systemctl is None:
        return Installed(plan, cron=cron_line(command, home, plan), why_not_systemd="no systemctl")
    ok, said = systemctl.works()
    if not ok:
        return Installed(
            plan,
            cron=cron_line(command, home, plan),
            why_not_systemd=f"systemctl --user does not work here ({said})",
        )
    from followup.storage.files import write_atomic

    texts = unit_files(command, home, plan)
    paths = tuple(unit_dir / name for name in texts)
    before = {path: _old_bytes(path) for path in paths}
    _make_dirs(unit_dir)
    try:
        for path in paths:
            write_atomic(path, texts[path.name].encode("utf-8"))
        systemctl.must("daemon-reload")
        systemctl.must("enable", "--now", TIMER)
    except FollowupError:
        for path, old in before.items():
            with contextlib.suppress(OSError, FollowupError):
                if old is None:
                    path.unlink(missing_ok=True)
                else:
                    write_atomic(path, old)
        systemctl.run("daemon-reload")
        raise
    return Installed(plan, unit_dir=unit_dir, files=paths)


def installed_files(unit_dir: Path) -> list[Path]:
    """The unit files of an earlier `install` that are still there."""
    return [unit_dir / name for name in (SERVICE, TIMER) if (unit_dir / name).exists()]


def uninstall(unit_dir: Path, systemctl: Systemctl | None) -> list[Path]:
    """Stop and remove the timer; the files removed (none: nothing was installed here)."""
    from followup.storage.files import os_problem

    found = installed_files(unit_dir)
    if not found:
        return []
    if systemctl is not None and systemctl.works()[0]:
        systemctl.run("disable", "--now", TIMER)  # not loaded is fine: the files go anyway
    for path in found:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise FollowupError(f"could not remove {path}: {os_problem(exc)}") from None
    if systemctl is not None and systemctl.works()[0]:
        systemctl.run("daemon-reload")
    return found


def _old_bytes(path: Path) -> bytes | None:
    from followup.storage.files import read_bytes

    try:
        return read_bytes(path)
    except FollowupError:
        return None


def _make_dirs(folder: Path) -> None:
    """The unit folder and its missing parents, 0700 whatever the umask."""
    from followup.storage.files import make_private_dir

    make_private_dir(folder)
