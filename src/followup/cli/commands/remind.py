"""`followup remind`: send one desktop notification of the follow-ups overdue or due soon."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.result import Result
from followup.errors import FollowupError, UsageProblem

#: Completion values for --within; any duration is accepted.
WITHIN_VALUES = ("1h", "6h", "12h", "1d", "2d", "3d")


def _complete_every(incomplete: str) -> list[str]:
    from followup.features.timer import EVERY_CHOICES

    return [v for v in EVERY_CHOICES if v.startswith(incomplete)]


def _complete_within(incomplete: str) -> list[str]:
    return [v for v in WITHIN_VALUES if v.startswith(incomplete)]


DurationOpt = Annotated[
    str | None,
    typer.Option(
        "--within",
        metavar="DURATION",
        help="Steps due within this, besides overdue ones (default: the remind.within "
        "setting, 12h).",
        show_default=False,
        autocompletion=_complete_within,
    ),
]


@command()
def remind(
    within: DurationOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be sent; send and remember nothing.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the steps announced as JSON.")
    ] = False,
    install: Annotated[
        bool,
        typer.Option(
            "--install", help="Run by itself: a systemd user timer, else a crontab line to add."
        ),
    ] = False,
    every: Annotated[
        str | None,
        typer.Option(
            "--every",
            metavar="DURATION",
            help="With --install: how often (default 1h; it must divide an hour or a day).",
            show_default=False,
            autocompletion=_complete_every,
        ),
    ] = None,
    uninstall: Annotated[
        bool, typer.Option("--uninstall", help="Remove the timer that --install set up.")
    ] = False,
) -> Result:
    """For a timer or cron: it remembers what it said, and says a step again only when it
    becomes overdue, or a day later. Nothing to say: no notification. With no
    notification service the text goes to stdout (cron mails it), the reason to stderr.

    Example: followup remind --dry-run

    To have it run by itself every 30 minutes: followup remind --install --every 30m
    """
    if every is not None and not install:
        raise UsageProblem("--every goes with --install: followup remind --install --every 2h")
    if install and uninstall:
        raise UsageProblem("choose one of --install and --uninstall")
    if as_json and (install or uninstall):
        raise UsageProblem("--json lists the steps announced; it does not go with --install")
    if uninstall:
        return _uninstall()
    span = _within(within)
    if install:
        return _install(every, within, dry_run)
    return _remind(span, dry_run)


def _within(text: str | None):
    from followup.core.durations import parse_duration

    if text is None:
        from followup.features.config_file import read_settings
        from followup.storage.locations import config_dir

        text = str(read_settings(config_dir()).get("remind.within"))
        try:
            return parse_duration(text)[1]
        except ValueError as exc:
            raise FollowupError(
                f"the remind.within setting is bad: {exc} "
                "(fix it with: followup config remind.within 12h)"
            ) from None
    try:
        return parse_duration(text)[1]
    except ValueError as exc:
        raise FollowupError(f"bad --within: {exc}") from None


def _remind(within, dry_run: bool) -> Result:
    from followup.features import reminders

    e = env()
    doc = e.store.read_open()
    interviews = [*doc.interviews, *doc.awaiting]  # a reply or decision is still to do
    chosen = reminders.plan(e.store, interviews, e.now, within, keep=not dry_run)
    announce = chosen.announce
    result = Result(lambda: reminders.announced_json(announce, e.now))
    if chosen.problem:
        result.note(f"warning: could not remember what was said: {chosen.problem}")
    if not announce:
        if sys.stderr.isatty():
            more = f" ({len(chosen.rows)} already said today)" if chosen.rows else ""
            result.say(f"Nothing new to remind you of{more}.")
        return result
    title = reminders.title(announce, e.now)
    lines, left_out = reminders.lines(announce, e.now)
    if left_out:
        lines.append(f"and {left_out} more: followup status lists them all")
    text = _wrapped([title, *lines])
    if dry_run:
        return result.write(text).note("Dry run: nothing was sent or remembered.")
    from followup.features import notify

    uid = os.getuid() if hasattr(os, "getuid") else 0
    try:
        how = notify.send(
            notify.Notification(title, "\n".join(lines)),
            platform=sys.platform,
            bus_address=notify.session_bus_address(os.environ, uid),
        )
    except notify.NotDelivered as exc:
        # Not remembered: the next run tries again. Cron mails stdout, so the text still
        # reaches the user (with --json, the steps do).
        problem = reminders.settle(e.store, chosen, e.now, delivered=False)
        result.write(text).note(f"followup remind: no notification shown: {exc}")
        return result.note(f"warning: {problem}") if problem else result
    problem = reminders.settle(e.store, chosen, e.now, delivered=True)
    if problem:
        result.note(f"warning: could not remember what was said: {problem}")
    if sys.stderr.isatty():
        result.say(f"Sent a {how}: {title}.")
    return result


def _wrapped(lines: list[str]) -> str:
    """The reminder for stdout (a dry run, or cron's mail): each line wrapped to the
    width between words, control characters made visible."""
    from followup.cli.result import width, wrap
    from followup.core.text import clean

    columns = width(sys.stdout)
    return "".join(part + "\n" for line in lines for part in wrap(clean(line), columns))


def _text(lines: list[str]) -> str:
    """Lines for stdout as they are (never wrapped: a crontab line must stay whole), with
    control characters made visible."""
    from followup.core.text import clean

    return "".join(clean(line) + "\n" for line in lines)


def _command(within: str | None) -> list[str]:
    """The absolute command line of `followup remind` for a timer or cron."""
    script = Path(sys.argv[0])
    if script.name == "followup" and script.is_file():
        base = [os.path.abspath(script)]
    else:
        beside = Path(sys.executable).parent / "followup"
        base = [str(beside)] if beside.is_file() else [sys.executable, "-m", "followup"]
    return [*base, "remind", *(["--within", within] if within else [])]


def _unit_dir() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if os.path.isabs(config) else Path.home() / ".config"
    return base / "systemd" / "user"


def _systemctl():
    import shutil

    from followup.features.timer import Systemctl

    found = shutil.which("systemctl")
    return Systemctl(found) if found else None


#: The variables that say where data and settings are: the timer, run without the
#: shell's environment, must see the same ones.
LOCATIONS = ("FOLLOWUP_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")


def _locations() -> dict[str, str]:
    """LOCATIONS that are set, as absolute paths (the timer runs in another folder)."""
    found = {}
    for name in LOCATIONS:
        value = os.environ.get(name, "")
        if value.strip():
            path = Path(value.strip() if name == "FOLLOWUP_HOME" else value)
            found[name] = str(path.expanduser().absolute())
    return found


def _crontab():
    import shutil

    from followup.features.timer import Crontab

    found = shutil.which("crontab")
    return Crontab(found) if found else None


def _install(every: str | None, within: str | None, dry_run: bool) -> Result:
    from followup.core.durations import parse_duration
    from followup.features import timer

    span = timer.DEFAULT_EVERY
    if every is not None:
        try:
            span = parse_duration(every)[1]
        except ValueError as exc:
            raise FollowupError(f"bad --every: {exc}") from None
    plan = timer.cadence(span)
    command_line, home, units = _command(within), _locations(), _unit_dir()
    result = Result()
    if dry_run:
        for name, text in timer.unit_files(command_line, home, plan).items():
            result.write(_text([f"# {units / name}", *text.splitlines(), ""]))
        cron = timer.cron_line(command_line, home, plan)
        result.write(_text(["# or, without systemd, this crontab line:", cron]))
        return result.say("Dry run: nothing was installed.")
    done = timer.install(command_line, home, plan, units, _systemctl())
    if done.cron:
        result.say(
            f"No systemd user timer: {done.why_not_systemd}. To run reminders {plan.words}, "
            "add this line to your crontab (`crontab -e`):"
        )
        return result.write(_text([done.cron]))
    result.say(
        f"Installed: followup remind runs {plan.words}, and on waking when a run was missed "
        f"(systemd user timer {timer.TIMER} in {units})."
    )
    return result.hint(
        f"Check it: `systemctl --user list-timers {timer.TIMER}`; "
        "remove it: `followup remind --uninstall`."
    )


def _uninstall() -> Result:
    from followup.features import timer

    units = _unit_dir()
    removed = timer.uninstall(units, _systemctl())
    crontab = _crontab()
    lines = crontab.remove_marked() if crontab is not None else []
    result = Result()
    if removed:
        result.say(f"Removed the reminder timer: {', '.join(str(p) for p in removed)}.")
    if lines:
        result.say(f"Removed {len(lines)} line(s) of followup's from your crontab.")
    if not removed and not lines:
        result.say(
            f"No followup timer is installed in {units}, and your crontab has no line "
            f"marked {timer.MARK!r}."
        )
    return result
