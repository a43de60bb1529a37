"""Running `followup remind` by itself: a systemd user timer, or else a crontab line.

The timer uses `OnCalendar=` with `Persistent=true`, so a run missed while the laptop
slept happens as soon as it wakes (systemd applies `Persistent=` to calendar timers
only). That is why the period must divide an hour or a day: `--every 15m` becomes
`*:00/15`, `--every 2h` becomes `00/2:00`, and the same schedule fits a crontab line.

Nothing here reads the environment or prints: the caller passes the command to run,
the locations to record (FOLLOWUP_HOME, XDG_DATA_HOME, XDG_CONFIG_HOME where set: the
timer runs without the shell's environment), the unit folder, the `systemctl` and
`crontab` to use, and shows the result.

What followup writes starts with the line MARK (a crontab line ends with it): it
replaces or removes only what carries it, never a unit of the user's own.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import subprocess
from collections.abc import Mapping, Sequence
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
#: The first line of every file followup writes, and the end of its crontab line.
MARK = "# Written by followup"
#: What a path must not hold to go into a unit file or a crontab line: systemd reads
#: quotes and backslashes as its own quoting and `%` as a specifier, cron reads `%` as
#: the end of the command, and neither keeps a tab or a line break as it is.
_UNFIT = {
    '"': "a double quote",
    "'": "a single quote",
    "\\": "a backslash",
    "%": "a %",
    "\t": "a tab",
    "\n": "a line break",
    "\r": "a carriage return",
}


@dataclass(frozen=True)
class Cadence:
    """One period, as systemd's OnCalendar= and as a crontab's five fields."""

    every: timedelta
    calendar: str
    cron: str
    words: str  # "every hour", "every 15 minutes"


def cadence(every: timedelta) -> Cadence:
    """How often the timer runs, for a period that divides an hour or a day; else a
    FollowupError."""
    minutes, rest = divmod(every, timedelta(minutes=1))
    whole = not rest  # in whole minutes: seconds left over fit no schedule below
    if whole and 1 <= minutes < 60 and 60 % minutes == 0:
        if minutes == 1:
            return Cadence(every, "*-*-* *:*:00", "* * * * *", "every minute")
        return Cadence(
            every, f"*-*-* *:00/{minutes}:00", f"*/{minutes} * * * *", f"every {minutes} minutes"
        )
    hours, spare = divmod(minutes, 60)
    if whole and spare == 0 and 1 <= hours < 24 and 24 % hours == 0:
        if hours == 1:
            return Cadence(every, "*-*-* *:00:00", "0 * * * *", "every hour")
        return Cadence(
            every, f"*-*-* 00/{hours}:00:00", f"0 */{hours} * * *", f"every {hours} hours"
        )
    if every == timedelta(days=1):
        # Once a day in the morning; missed while asleep, it runs on waking (Persistent=true).
        return Cadence(every, "*-*-* 09:00:00", "0 9 * * *", "every day at 09:00")
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


def check_fit(command: Sequence[str], env: Mapping[str, str] | None) -> None:
    """Refuse, in one plain line, a word or location that a systemd unit or a crontab
    line cannot hold (see _UNFIT); `$` and spaces are fine."""
    named = [("the followup command", word) for word in command]
    named += [(name, value) for name, value in (env or {}).items()]
    for name, value in named:
        bad = next((c for c in value if c in _UNFIT or ord(c) < 32 or ord(c) == 127), None)
        if bad is None:
            continue
        what = _UNFIT.get(bad, f"a control character ({ord(bad):#04x})")
        raise FollowupError(
            f"{name} {value!r} holds {what}, which a systemd unit or a crontab line cannot "
            "hold: use a path without quotes, backslashes, tabs, line breaks or %"
        )


def _exec_word(text: str, *, first: bool) -> str:
    """One word of ExecStart=, double-quoted. systemd expands `$VAR` in the arguments
    (`$$` is a `$`), but takes the executable's path as it is."""
    return f'"{text if first else text.replace("$", "$$")}"'


def unit_files(
    command: Sequence[str], env: Mapping[str, str] | None, plan: Cadence
) -> dict[str, str]:
    """The service and timer units (name -> text) that run `command` on `plan`.

    `command` is the absolute command line of `followup remind`; `env` holds the
    locations the user has set (FOLLOWUP_HOME, XDG_DATA_HOME, XDG_CONFIG_HOME): the
    timer runs without the shell's environment, so they must be written down.
    Environment= takes `$` as it is. A word that cannot go in: FollowupError.
    """
    check_fit(command, env)
    environment = "".join(f'Environment="{name}={value}"\n' for name, value in (env or {}).items())
    exec_start = " ".join(_exec_word(word, first=i == 0) for i, word in enumerate(command))
    service = (
        f"{MARK}\n"
        "# (`followup remind --install`; `followup remind --uninstall` removes it)\n"
        "[Unit]\n"
        "Description=followup: a desktop reminder of interview follow-ups due soon\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"{environment}"
        f"ExecStart={exec_start}\n"
    )
    timer = (
        f"{MARK}\n"
        "# (`followup remind --install`; `followup remind --uninstall` removes it)\n"
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


def cron_line(command: Sequence[str], env: Mapping[str, str] | None, plan: Cadence) -> str:
    """The crontab line that runs `command` on `plan` (cron runs it with /bin/sh), with
    `env` set before it and MARK at its end (a comment to the shell)."""
    check_fit(command, env)
    words = [f"{name}={shlex.quote(value)}" for name, value in (env or {}).items()]
    words += [shlex.quote(word) for word in command]
    return f"{plan.cron} {' '.join(words)} {MARK}"


def is_marked(data: bytes | None) -> bool:
    """Whether a file's bytes are followup's own: its first line is MARK."""
    return data is not None and data.split(b"\n", 1)[0].rstrip(b"\r") == MARK.encode()


def _refuse_unmarked(paths: Sequence[Path], *, removing: bool) -> None:
    for path in paths:
        if (path.exists() or path.is_symlink()) and not is_marked(_old_bytes(path)):
            then = (
                "it was left as it is (remove it yourself if it is an old followup timer)"
                if removing
                else "it was not replaced; move it away first to install followup's timer"
            )
            raise FollowupError(
                f"{path} was not written by followup (its first line is not {MARK!r}): {then}"
            )


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


def _said(done: subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]) -> str:
    """What a failed run said (stderr, else stdout) on one line, or its exit code."""
    said = done.stderr or done.stdout or ""
    if isinstance(said, bytes):  # crontab's output, kept as bytes
        said = said.decode(errors="replace")
    return " ".join(said.split())[:300] or f"exit {done.returncode}"


@dataclass(frozen=True)
class Installed:
    """What `install` did: `unit_dir` and `files` for systemd; else `cron` to add by hand."""

    plan: Cadence
    unit_dir: Path | None = None
    files: tuple[Path, ...] = ()
    cron: str | None = None
    why_not_systemd: str | None = None


def install(
    command: Sequence[str],
    env: Mapping[str, str] | None,
    plan: Cadence,
    unit_dir: Path,
    systemctl: Systemctl | None,
) -> Installed:
    """Set up the timer where `systemctl --user` works; else return the crontab line.

    Installing again replaces the units (a new period, a moved executable), but never
    a unit that is not followup's (no MARK): FollowupError, naming it. If systemd
    refuses them, the previous files are put back.
    """
    texts = unit_files(command, env, plan)  # a path that cannot go in is refused first
    line = cron_line(command, env, plan)
    if systemctl is None:
        return Installed(plan, cron=line, why_not_systemd="no systemctl")
    ok, said = systemctl.works()
    if not ok:
        return Installed(
            plan, cron=line, why_not_systemd=f"systemctl --user does not work here ({said})"
        )
    from followup.storage.files import write_atomic

    paths = tuple(unit_dir / name for name in texts)
    _refuse_unmarked(paths, removing=False)
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
    """Stop and remove the timer; the files removed (none: nothing was installed here).
    A unit that is not followup's (no MARK) is refused, naming it: nothing is removed."""
    from followup.storage.files import os_problem

    found = installed_files(unit_dir)
    if not found:
        return []
    _refuse_unmarked(found, removing=True)
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


# ----- crontab -----------------------------------------------------------------------


@dataclass(frozen=True)
class Crontab:
    """`crontab`, run with an argument list (never a shell)."""

    executable: str

    def _run(self, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        """Run crontab with `data` on its stdin; its output as bytes, untouched (a crontab
        is the user's: its line ends and bytes go back as they came). OSError: it could
        not be run."""
        try:
            return subprocess.run(
                [self.executable, *args],
                input=data,
                capture_output=True,
                timeout=SYSTEMCTL_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            return subprocess.CompletedProcess(args, 1, b"", b"crontab did not answer in time")

    def remove_marked(self) -> list[str]:
        """Remove followup's lines (those ending with MARK) from the user's crontab;
        the lines removed. No crontab (or no crontab program), or none of ours: nothing
        is written. A crontab that cannot be read is an error: lines of ours may be in it.
        """
        try:
            listed = self._run("-l")
        except OSError:
            return []  # no crontab program that runs: no cron, nothing of ours
        if listed.returncode != 0 and b"no crontab for" in listed.stderr:
            return []  # "no crontab for sam": nothing of ours either
        if listed.returncode != 0:
            raise FollowupError(
                f"`crontab -l` failed: {_said(listed)}; nothing was removed from your crontab"
            )
        mark = (" " + MARK).encode()
        kept: list[bytes] = []
        ours: list[str] = []
        for line in re.split(rb"(?<=\n)", listed.stdout):  # each with its own line end
            text = line.rstrip(b"\r\n")
            if text.endswith(mark):
                ours.append(text.decode(errors="replace"))
            else:
                kept.append(line)
        if not ours:
            return []
        try:
            done = self._run("-", data=b"".join(kept))
        except OSError as exc:  # gone since `-l`
            raise FollowupError(
                f"`crontab -` failed: {exc.strerror}; your crontab was left as it was"
            ) from None
        if done.returncode != 0:
            raise FollowupError(
                f"`crontab -` failed: {_said(done)}; your crontab was left as it was"
            )
        return ours
