"""The command line: parse arguments, call the core, render the result.

One boundary (`command`) turns the project's own errors into a red line on
stderr and exit 1. Rich and the date parser are imported only on the paths that
need them, so `--json` and completion stay fast.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar

import typer

from followup import __version__
from followup.cli.result import Result, emit
from followup.cli.usage import FollowupCommand, FollowupGroup
from followup.errors import FollowupError, UsageProblem
from followup.storage.locations import config_dir, data_dir

# Imported where used (env()): completion and --help need no pydantic models.
if TYPE_CHECKING:
    from followup.core.models import Interview
    from followup.storage.store import Store

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="followup",
    help=(
        "Never miss the follow-ups after a job interview: a thank-you email, a LinkedIn "
        "note, a handwritten card, and being ready for the phone.\n\n"
        'Example: followup add "Acme Corp" --with "Jane Doe <jane@acme.com>", then '
        "followup status."
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=FollowupGroup,  # usage errors in one line (cli/usage.py)
)


# ----- plumbing ------------------------------------------------------------------


def fail(error: str | FollowupError) -> None:
    """An error on stderr: one line, control characters made visible, advice included."""
    from followup.cli.advice import error_text
    from followup.core.text import clean

    text = error if isinstance(error, str) else error_text(error)
    sys.stderr.write(f"error: {clean(text)}\n")


def command(name: str | None = None) -> Callable[[F], F]:
    """Declare a followup command: register it on `app` as `name` (default: the function's
    name) inside the error boundary, so that no command can leave the boundary out."""

    def register(fn: F) -> F:
        wrapped = boundary(fn)
        app.command(name, cls=FollowupCommand)(wrapped)
        return wrapped

    return register


def boundary(fn: F) -> F:
    """The error boundary: project errors become one line on stderr and exit 1 (2 for usage).

    A command returns a `Result`; it is printed here, once, as JSON when the command
    has an `as_json` parameter that is true, else for people.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _stores.clear()
        try:
            result = fn(*args, **kwargs)
            if not isinstance(result, Result):
                _warn_about_backups()
                return result
            emit(result, as_json=bool(kwargs.get("as_json")))
            _warn_about_backups()
        except UsageProblem as exc:
            fail(exc)
            raise typer.Exit(2) from None
        except FollowupError as exc:
            fail(exc)
            raise typer.Exit(1) from None
        except typer.Exit:
            _warn_about_backups()
            raise
        except KeyboardInterrupt:
            sys.stderr.write("\nInterrupted. Nothing was recorded.\n")
            raise typer.Exit(130) from None
        except typer.Abort as exc:
            # A prompt (typer.prompt, typer.confirm) read Ctrl-C, or the end of input.
            interrupted = isinstance(exc.__context__, KeyboardInterrupt)
            sys.stderr.write(
                "\nInterrupted. Nothing was recorded.\n"
                if interrupted
                else "\nNo answer (end of input). Nothing was recorded.\n"
            )
            raise typer.Exit(130 if interrupted else 1) from None
        except BrokenPipeError:
            # `followup status | head`: the reader has what it wanted; not an error of ours.
            _quiet_stdout()
            raise typer.Exit(0) from None
        except Exception as exc:
            if type(exc).__module__.split(".")[0] in ("typer", "click"):
                raise  # Typer's own exits and usage errors
            if os.environ.get("FOLLOWUP_DEBUG"):
                raise
            fail(
                f"unexpected {type(exc).__name__}: {exc}. Nothing was changed. Please "
                "report this; FOLLOWUP_DEBUG=1 shows the details"
            )
            raise typer.Exit(1) from None
        if result.exit_code:
            raise typer.Exit(result.exit_code)
        return None

    return wrapper  # type: ignore[return-value]


#: The stores this command opened (through env()), to report what they could not do.
_stores: list[Store] = []


def _warn_about_backups() -> None:
    """A change was saved but its backup copy was not: say so (the command still succeeded)."""
    for store in _stores:
        if store.backup_problem:
            from followup.core.text import clean

            sys.stderr.write(
                clean(
                    "warning: your change was saved, but its backup copy was not: "
                    f"{store.backup_problem}. Run `followup doctor` to make it again"
                )
                + "\n"
            )


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


class Env(NamedTuple):
    """What every command needs from the outside world, read once."""

    store: Store
    now: datetime

    def find(self, ref: str) -> tuple[Interview, list[str]]:
        """The interview `ref` names, for a command that reads it: an open one first, else
        a closed one (`draft acme reply` after `close acme`); and what to tell the user
        about the choice (which of several rounds was taken, say)."""
        from followup.core.lookup import find_interview

        doc = self.store.read_open()
        notices: list[str] = []
        iv = find_interview(
            ref,
            doc.interviews,
            self.store.closed_ids(doc),
            lambda: self.store.read_closed(doc),
            closed_too=True,
            notes=notices,
        )
        return iv, notices


def read_now(raw: str | None) -> datetime:
    """'Now': FOLLOWUP_NOW when set (naive means local), else the clock."""
    if not raw:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        from followup.core.text import quoted

        raise FollowupError(
            f"FOLLOWUP_NOW={quoted(raw)} is not an ISO 8601 datetime: set it like "
            "2026-11-26T14:00 or 2026-11-26T14:00+01:00, or unset it"
        ) from None
    from followup.core.limits import EARLIEST, LATEST

    if not EARLIEST.year <= moment.year < LATEST.year or (
        moment.year == EARLIEST.year and moment.month == 1 and moment.day == 1
    ):  # 1970-01-01 itself is out of reach of zones west of Greenwich
        raise FollowupError(
            f"FOLLOWUP_NOW={raw.strip()!r} is out of range: set a time from 1970-01-02 to "
            f"{LATEST.year - 2}, or unset it"
        )
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def lock_timeout() -> float:
    """How long to wait for another followup's lock: FOLLOWUP_LOCK_TIMEOUT, else 10 s."""
    timeout_raw = os.environ.get("FOLLOWUP_LOCK_TIMEOUT", "10")
    try:
        timeout = float(timeout_raw)
    except ValueError:
        timeout = -1.0
    if not 0 <= timeout < 3600:  # a negative, infinite or NaN wait would hang forever
        raise FollowupError(
            f"FOLLOWUP_LOCK_TIMEOUT={timeout_raw!r} is not a number of seconds from 0 to 3600: "
            "set it like FOLLOWUP_LOCK_TIMEOUT=10, or unset it"
        )
    return timeout


def env() -> Env:
    """Read FOLLOWUP_HOME, FOLLOWUP_NOW and TZ for this command."""
    from followup.storage.store import SETTINGS_FILE, Store

    if hasattr(time, "tzset"):
        time.tzset()  # TZ may differ from the one this process started with (tests)
    try:
        datetime.now().astimezone()
    except (ValueError, OverflowError):
        raise FollowupError(
            f"TZ={os.environ.get('TZ', '')!r} gives a time zone offset no clock has (more "
            "than a day): set it like TZ=Europe/Paris or TZ=UTC, or unset it"
        ) from None
    store = Store(
        data_dir(),
        lock_timeout=lock_timeout(),
        notify=_store_notice,
        settings_path=config_dir() / SETTINGS_FILE,
    )
    _stores.append(store)
    return Env(store, read_now(os.environ.get("FOLLOWUP_NOW")))


def _store_notice(text: str) -> None:
    """What the store tells once, as it happens (an upgrade of its files): on stderr,
    with --json too, as a script should know."""
    from followup.core.text import clean

    sys.stderr.write(clean(text) + "\n")


#: An interview time further back than this is asked about (or needs --yes).
LONG_AGO = 366  # days


def parse_when(text: str, now: datetime, *, yes: bool = False, future: bool = False) -> datetime:
    """A WHEN the user typed for an interview, checked for what is surely a typo.

    More than a year ahead, or before 1970: refused. More than a year ago: asked in
    a terminal, else refused unless `yes` (--yes). A local time that a daylight-saving
    change skips or repeats, or the year taken for a date typed without one, is said
    on stderr. `future`: read forward (a round still to come), as `--decision` is.
    """
    from followup.core.when import parse_interview_time

    notes: list[str] = []
    moment = parse_interview_time(text, now, notes=notes, future=future)
    far = long_ago(text, moment, now)
    if far and not yes:
        if not is_terminal():
            raise FollowupError(
                f"{far}: if that is right, add --yes (there is no terminal to ask in); "
                "else give the right time"
            )
        if not typer.confirm(f"{far}. Is that right?", default=False):
            sys.stderr.write("Nothing was recorded: give the right time with --at.\n")
            raise typer.Exit(1)
    if notes:  # said now, before what the command itself prints
        emit(Result().note([f"Note: {note}." for note in notes]))
    return moment


def long_ago(text: str, moment: datetime, now: datetime) -> str | None:
    """ "'1999-01-01' is Fri 01 Jan 1999, 27 years ago" when `moment` is more than
    LONG_AGO days before now (a typo, or old history), else None."""
    days = (now - moment).days
    if days <= LONG_AGO:
        return None
    from followup.core.text import quoted

    ago = f"{days // 365} years" if days >= 730 else f"{days // 30} months"
    return f"{quoted(text)} is {moment.astimezone().strftime('%a %d %b %Y')}, {ago} ago"


def parse_decision(text: str, now: datetime) -> datetime | str:
    """A --decision value: a moment (forward phrases read forward), or `CLEAR` for none."""
    from datetime import timedelta

    from followup.core.text import quoted
    from followup.core.when import parse_decision as parse
    from followup.features.actions import CLEAR

    if text.strip().lower() in ("none", "clear", "-", "unknown", "not said", ""):
        return CLEAR
    notes: list[str] = []
    moment = parse(text, now, holidays=rules().holidays, notes=notes)
    if moment - now > timedelta(days=366):
        raise FollowupError(
            f"--decision {quoted(text)} is {moment.date().isoformat()}, more than a year "
            "from now: check the date"
        )
    if notes:
        emit(Result().note([f"Note: {note}." for note in notes]))
    return moment


def rules():
    """The due-time rules in force: the built-in delays, or the user's `due.*` settings."""
    from followup.core.checklist import DEFAULT_RULES
    from followup.storage.locations import config_dir

    folder = config_dir()
    if not (folder / "config.toml").exists():
        return DEFAULT_RULES  # no settings: `add` need not load the settings code
    from followup.features.config_file import read_settings

    return read_settings(folder).rules()


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"followup {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Never miss the follow-ups after a job interview."""


#: Which module of `followup.cli.commands` defines each command.
COMMANDS: dict[str, str] = {
    "add": "recording",
    **dict.fromkeys(("status", "done", "skip", "reopen"), "steps"),
    "agenda": "agenda",
    **dict.fromkeys(("show", "list"), "interviews"),
    **dict.fromkeys(("edit", "next"), "recording"),
    **dict.fromkeys(("close", "remove", "undo"), "interviews"),
    **dict.fromkeys(("replied", "snooze"), "replies"),
    "draft": "drafting",
    "send": "send",
    "mail": "mail",
    **dict.fromkeys(("remind", "prompt"), "reminders"),
    "config": "config",
    "export": "transfer",
    "import": "transfer",
    "doctor": "doctor",
}


def load(names: Iterable[str] | None = None) -> typer.Typer:
    """Register the commands `names` (every command when None) on `app`, and return it."""
    import importlib

    wanted = COMMANDS if names is None else {n: COMMANDS[n] for n in names}
    for module in dict.fromkeys(wanted.values()):
        importlib.import_module(f"followup.cli.commands.{module}")
    order = list(COMMANDS)  # help lists the commands in this order
    app.registered_commands.sort(key=lambda c: order.index(_name_of(c)))
    return app


def _name_of(info: Any) -> str:
    return info.name or info.callback.__name__.replace("_", "-")


def _only(name: str) -> typer.Typer:
    """`app` with just the command `name` registered.

    Typer inspects the signature of every registered command at start-up, about
    0.7 ms each; a command line names one, so the others need not be built.
    """
    load([name])
    app.registered_commands = [c for c in app.registered_commands if _name_of(c) == name]
    return app


def _named_command(args: list[str]) -> str | None:
    """The command a command line runs (`followup status --all`), or is completing.

    None when it names none plainly: help, --version, or completing the command's
    name, which needs them all.
    """
    if os.environ.get("_FOLLOWUP_COMPLETE"):
        args = _words_before_cursor()
    return args[0] if args and args[0] in COMMANDS else None


def _words_before_cursor() -> list[str]:
    """The words of a line being completed, before the one under the cursor (bash's
    COMP_WORDS and COMP_CWORD; Typer's _TYPER_COMPLETE_ARGS for zsh, fish, PowerShell)."""
    if "COMP_WORDS" in os.environ:
        try:
            cursor = int(os.environ.get("COMP_CWORD", ""))
        except ValueError:
            return []
        return os.environ["COMP_WORDS"].split()[1:cursor]
    line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
    words = line.split()[1:]
    return words if line.endswith(" ") else words[:-1]


def _no_command() -> None:
    """A bare `followup`: the help on stderr and exit 2, since a command is missing
    (stdout stays empty for scripts; `followup --help` is the request for help, exit 0)."""
    target = load()
    group = typer.main.get_command(target)
    with group.make_context("followup", [], resilient_parsing=True) as ctx:
        sys.stderr.write(group.get_help(ctx) + "\n\n")
    sys.stderr.write(
        "error: no command given: pick one of the above; `followup status` shows what is due\n"
    )
    sys.exit(2)


def main() -> None:
    """The console script's entry point."""
    if not sys.argv[1:] and not os.environ.get("_FOLLOWUP_COMPLETE"):
        _no_command()
    name = _named_command(sys.argv[1:])
    target = _only(name) if name else load()
    try:
        target(prog_name="followup")
    except BrokenPipeError:
        _quiet_stdout()  # the reader left while Typer itself was writing (help, say)
        sys.exit(0)
