"""The command line: parse arguments, call the core, render the result.

One boundary (`command`) turns the project's own errors into a red line on
stderr and exit 1. Rich and the date parser are imported only on the paths that
need them, so `--json` and completion stay fast.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from followup import __version__
from followup.errors import FollowupError, UsageProblem
from followup.kinds import KINDS, STEP_WORDS
from followup.locations import data_dir
from followup.store import Store

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
)


# ----- plumbing ------------------------------------------------------------------


def _fail(text: str) -> None:
    from followup.present import clean

    sys.stderr.write(f"error: {clean(text)}\n")


def command(fn: F) -> F:
    """The error boundary: project errors become one line on stderr and exit 1 (2 for usage)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except UsageProblem as exc:
            _fail(str(exc))
            raise typer.Exit(2) from None
        except FollowupError as exc:
            _fail(str(exc))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            sys.stderr.write("interrupted: nothing was changed\n")
            raise typer.Exit(130) from None
        except Exception as exc:
            if type(exc).__module__.split(".")[0] in ("typer", "click"):
                raise  # Typer's own exits and usage errors
            if os.environ.get("FOLLOWUP_DEBUG"):
                raise
            _fail(
                f"unexpected {type(exc).__name__}: {exc}. Nothing was changed. Please "
                "report this; FOLLOWUP_DEBUG=1 shows the details"
            )
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


@dataclass
class Env:
    """What every command needs from the outside world, read once."""

    store: Store
    now: datetime


def read_now(raw: str | None) -> datetime:
    """'Now': FOLLOWUP_NOW when set (naive means local), else the clock."""
    if not raw:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        raise FollowupError(
            f"FOLLOWUP_NOW={raw!r} is not an ISO 8601 datetime: set it like "
            "2026-11-26T14:00 or 2026-11-26T14:00+01:00, or unset it"
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def env() -> Env:
    """Read FOLLOWUP_HOME, FOLLOWUP_NOW and TZ for this command."""
    if hasattr(time, "tzset"):
        time.tzset()  # TZ may differ from the one this process started with (tests)
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
    return Env(Store(data_dir(), lock_timeout=timeout), read_now(os.environ.get("FOLLOWUP_NOW")))


def parse_when(text: str, now: datetime) -> datetime:
    from followup.when import parse_when as parse

    return parse(text, now)


def rules():
    """The due-time rules in force (built-in delays, or the user's settings)."""
    from followup.checklist import DEFAULT_RULES

    return DEFAULT_RULES


def say(text: str) -> None:
    """A message on stderr (what changed, hints). Our text, not the user's."""
    sys.stderr.write(text + "\n")


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


# ----- completion ----------------------------------------------------------------


def complete_interview(incomplete: str) -> list[tuple[str, str]]:
    """Numbers and companies of open interviews; reads open.json only, without pydantic."""
    import json

    try:
        doc = json.loads((data_dir() / "open.json").read_bytes())
        interviews = doc["interviews"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    found: list[tuple[str, str]] = []
    low = incomplete.casefold()
    for iv in interviews:
        number, company = str(iv.get("id", "")), str(iv.get("company", ""))
        if number.startswith(incomplete):
            found.append((number, company))
        elif company.casefold().startswith(low):
            found.append((company, f"#{number}"))
    return found


def complete_step(incomplete: str) -> list[str]:
    return [w for w in STEP_WORDS if w.startswith(incomplete.lower())]


# ----- shared options ------------------------------------------------------------

InterviewArg = Annotated[
    str,
    typer.Argument(
        metavar="INTERVIEW",
        help="The interview's number, or the start of its company's name.",
        autocompletion=complete_interview,
        show_default=False,
    ),
]
StepsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="STEP...",
        help="email (thank-you), linkedin, card (note, handwritten), phone (voicemail).",
        autocompletion=complete_step,
        show_default=False,
    ),
]
WhoOpt = Annotated[
    str | None,
    typer.Option(
        "--who", help="Only this interviewer's step (start of the name).", show_default=False
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


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


# ----- rendering glue ------------------------------------------------------------


def _print(*renderables: Any) -> None:
    from followup.render import out

    for item in renderables:
        out().print(item)


def _next_hint(iv_id: int, step: str, who: str | None, several: bool) -> str:
    first = (who or "").split(" ")[0]
    target = f" --who {first}" if several and first else ""
    return f"followup done {iv_id} {step}{target}"


# ----- commands ------------------------------------------------------------------


@app.command()
@command
def add(
    company: Annotated[
        str | None,
        typer.Argument(help="The company you interviewed with.", show_default=False),
    ] = None,
    role: Annotated[str, typer.Option("--role", "-r", help="The role you interviewed for.")] = "",
    at: Annotated[
        str,
        typer.Option(
            "--at", help="When the interview was: 'today 14:00', 'yesterday 3pm', ISO 8601."
        ),
    ] = "now",
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            "-w",
            help='An interviewer: "Name", "Name <email>" or "<email>". Repeat per person.',
            show_default=False,
        ),
    ] = None,
    notes: Annotated[
        str, typer.Option("--notes", "-n", help="What you talked about (used in drafts).")
    ] = "",
    as_json: JsonOpt = False,
) -> None:
    """Record an interview right after it happens, and list its follow-ups.

    Each interviewer gets a thank-you email (due in 24 h), a LinkedIn note and a
    handwritten card (48 h); the interview gets one phone-readiness step.
    With no COMPANY in a terminal, it asks for each field.

    Example: followup add "Acme Corp" --role "Data Analyst" --at "today 14:00"
    --with "Jane Doe <jane@acme.com>" --with "Raj Patel"
    """
    from followup import actions
    from followup.models import Interviewer

    e = env()
    if company is None:
        if not is_terminal():
            raise UsageProblem(
                'missing COMPANY: give it, as in `followup add "Acme Corp"`, '
                "or run `followup add` in a terminal to be asked"
            )
        company, role, at, with_, notes = _ask_interview(e.now)
    moment = parse_when(at, e.now)
    people = [Interviewer.parse(text) for text in with_ or []]
    with e.store.change(e.now) as change:
        iv = actions.add_interview(
            change,
            company=company,
            role=role,
            at=moment,
            now=e.now,
            interviewers=people,
            notes=notes,
            rules=rules(),
        )
    if as_json:
        from followup.present import interview_json, print_json

        print_json(interview_json(iv, e.now))
        return
    from followup.render import interview_detail

    say(f"Added interview #{iv.id}: {len(iv.steps)} follow-ups to do.")
    _print(*interview_detail(iv, e.now))
    first = next(s for s in iv.steps if s.step == "email")
    hint = _next_hint(iv.id, "email", first.who, len(iv.interviewers) > 1)
    say(f"Next: send the thank-you email, then `{hint}`")


def _ask_interview(now: datetime) -> tuple[str, str, str, list[str], str]:
    """Prompt for an interview's fields, re-asking until each one reads."""
    from followup.models import Interviewer

    company = ""
    while not company.strip():
        company = typer.prompt("Company")
    role = typer.prompt("Role", default="", show_default=False)
    while True:
        at = typer.prompt("When (e.g. now, today 14:00, yesterday 3pm)", default="now")
        try:
            parse_when(at, now)
            break
        except FollowupError as exc:
            _fail(str(exc))
    people: list[str] = []
    while True:
        person = typer.prompt(
            "Interviewer (Name <email>; empty to finish)", default="", show_default=False
        )
        if not person.strip():
            break
        try:
            Interviewer.parse(person)
            people.append(person)
        except FollowupError as exc:
            _fail(str(exc))
    notes = typer.prompt("Notes (what you discussed)", default="", show_default=False)
    return company, role, at, people, notes


@app.command()
@command
def status(
    all_: Annotated[
        bool, typer.Option("--all", "-a", help="Also list done and skipped steps.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show the follow-ups still to do: overdue first, then by due time.

    Example: followup status --all
    """
    from followup.checklist import agenda, is_overdue

    e = env()
    doc = e.store.read_open()
    rows = agenda(doc.interviews, e.now, include_finished=all_)
    if as_json:
        from followup.present import print_json, step_json

        print_json([step_json(iv, s, e.now) for iv, s in rows])
        return
    pending = [(iv, s) for iv, s in rows if s.status == "pending"]
    if not rows:
        if doc.interviews:
            say(
                f"Nothing pending: every follow-up of your {len(doc.interviews)} open "
                "interview(s) is done or skipped."
            )
        else:
            say(
                "Nothing pending: no open interviews. After your next interview, run "
                '`followup add COMPANY --with "Name <email>"`.'
            )
        return
    from followup.render import status_table

    _print(status_table(rows, e.now))
    late = sum(1 for _, s in pending if is_overdue(s, e.now))
    companies = len({iv.id for iv, _ in pending})
    summary = f"{len(pending)} pending across {companies} interview(s)"
    summary += f", {late} overdue." if late else ", none overdue."
    _print(summary)
    if pending:
        iv, s = pending[0]
        hint = _next_hint(iv.id, s.step, s.who, len(iv.interviewers) > 1)
        say(
            f"Next: {next(k.label for k in KINDS if k.name == s.step)} for #{iv.id}; "
            f"when it is done: `{hint}`"
        )


def _mark(
    ref: str, steps: list[str], who: str | None, state: str, reason: str | None, as_json: bool
) -> None:
    from followup import actions

    e = env()
    with e.store.change(e.now) as change:
        result = actions.set_steps(change, ref, steps, state, e.now, who=who, reason=reason)
    iv = result.interview
    if as_json:
        from followup.present import print_json, step_json

        print_json([step_json(iv, s, e.now) for s in result.changed])
        return
    from followup.checklist import progress
    from followup.render import message, user

    word = {"done": "done", "skipped": "skipped", "pending": "pending again"}[state]
    for s, already in [
        *((s, False) for s in result.changed),
        *((s, True) for s in result.unchanged),
    ]:
        from rich.text import Text

        line = Text(
            ("already " if already else "") + f"{word}: ", style="dim" if already else "green"
        )
        line.append(next(k.label for k in KINDS if k.name == s.step))
        if s.who:
            line.append(" · ")
            line.append_text(user(s.who))
        message(line)
    finished, total = progress(iv)
    _print(f"#{iv.id} {_plain(iv.company)}: {finished}/{total} follow-ups finished.")
    if result.changed:
        say("Changed your mind? `followup undo` reverts it.")


def _plain(text: str) -> str:
    from followup.present import clean

    return clean(text)


@app.command()
@command
def done(
    interview: InterviewArg,
    steps: StepsArg,
    who: WhoOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Tick steps off. Without --who, every interviewer's step of that kind.

    Example: followup done acme email linkedin --who jane
    """
    _mark(interview, steps, who, "done", None, as_json)


@app.command()
@command
def skip(
    interview: InterviewArg,
    steps: StepsArg,
    who: WhoOpt = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why it is not needed.", show_default=False)
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Mark steps skipped: not needed for this interview.

    Example: followup skip 3 card --reason "remote interview, no address"
    """
    _mark(interview, steps, who, "skipped", reason, as_json)


@app.command()
@command
def reopen(
    interview: InterviewArg,
    steps: StepsArg,
    who: WhoOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Put done or skipped steps back to pending.

    Example: followup reopen 3 card --who raj
    """
    _mark(interview, steps, who, "pending", None, as_json)


@app.command()
@command
def show(interview: InterviewArg, as_json: JsonOpt = False) -> None:
    """Show one interview in full: details, interviewers, notes, checklist and progress.

    Example: followup show acme
    """
    from followup.lookup import find_interview

    e = env()
    doc = e.store.read_open()
    iv = find_interview(
        interview, doc.interviews, doc.closed_ids, lambda: e.store.read_history(doc)
    )
    if as_json:
        from followup.present import interview_json, print_json

        print_json(interview_json(iv, e.now))
        return
    from followup.render import interview_detail

    _print(*interview_detail(iv, e.now))


@app.command("list")
@command
def list_(
    all_: Annotated[bool, typer.Option("--all", "-a", help="Also list closed interviews.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List open interviews with their progress and next due step.

    Example: followup list --all
    """
    e = env()
    if all_:
        interviews = e.store.read_all()
    else:
        interviews = sorted(e.store.read_open().interviews, key=lambda iv: iv.id)
    if as_json:
        from followup.present import interview_json, print_json

        print_json([interview_json(iv, e.now) for iv in interviews])
        return
    if not interviews:
        say(
            "No interviews yet. Record one with `followup add COMPANY`."
            if all_
            else "No open interviews. `followup list --all` shows closed ones; "
            "`followup add` records one."
        )
        return
    from followup.render import interviews_table

    _print(interviews_table(interviews, e.now))


@app.command()
@command
def edit(
    interview: InterviewArg,
    company: Annotated[
        str | None, typer.Option("--company", help="New company name.", show_default=False)
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", "-r", help="New role.", show_default=False)
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="New interview time; pending due times move with it.", show_default=False
        ),
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", "-n", help="New notes.", show_default=False)
    ] = None,
    add_with: Annotated[
        list[str] | None,
        typer.Option(
            "--add-with", help='Add an interviewer, "Name <email>"; repeatable.', show_default=False
        ),
    ] = None,
    remove_with: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-with",
            help="Remove an interviewer (start of name); repeatable.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Change an interview. Due times of pending steps follow a new time.

    Adding an interviewer adds their email, LinkedIn and card steps; removing one
    removes theirs. Done and skipped steps keep their state.

    Example: followup edit acme --at "yesterday 3pm" --add-with "Raj Patel <raj@acme.com>"
    """
    from followup import actions
    from followup.models import Interviewer

    if all(v is None for v in (company, role, at, notes, add_with, remove_with)):
        raise UsageProblem(
            "nothing to change: give --company, --role, --at, --notes, --add-with or --remove-with"
        )
    e = env()
    moment = parse_when(at, e.now) if at is not None else None
    people = [Interviewer.parse(t) for t in add_with or []]
    with e.store.change(e.now) as change:
        iv, what = actions.edit_interview(
            change,
            interview,
            company=company,
            role=role,
            at=moment,
            notes=notes,
            add_with=people,
            remove_with=remove_with or [],
            rules=rules(),
        )
    if as_json:
        from followup.present import interview_json, print_json

        print_json(interview_json(iv, e.now))
        return
    from followup.render import interview_detail

    say(f"Edited #{iv.id}: {', '.join(what)}." if what else f"#{iv.id} already had those values.")
    _print(*interview_detail(iv, e.now))


class OutcomeChoice(StrEnum):
    offer = "offer"
    rejected = "rejected"
    withdrawn = "withdrawn"
    no_response = "no-response"


@app.command()
@command
def close(
    interview: InterviewArg,
    outcome: Annotated[
        OutcomeChoice | None,
        typer.Option(
            "--outcome", "-o", case_sensitive=False, help="How it ended.", show_default=False
        ),
    ] = None,
) -> None:
    """Close an interview: it leaves status and list, and stays in list --all and show.

    Example: followup close acme --outcome offer
    """
    from followup import actions

    e = env()
    with e.store.change(e.now) as change:
        iv, changed = actions.close_interview(
            change, interview, e.now, outcome.value if outcome else None
        )
    name = f"#{iv.id} {_plain(iv.company)}"
    if not changed:
        say(f"{name} was already closed" + (f" ({iv.outcome})." if iv.outcome else "."))
        return
    _print(f"Closed {name}" + (f" ({iv.outcome})." if iv.outcome else "."))
    say("`followup list --all` still shows it; `followup undo` reopens it.")


@app.command()
@command
def remove(
    interview: InterviewArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an interview and its follow-ups. Asks first in a terminal.

    Example: followup remove 3 --yes
    """
    from followup import actions
    from followup.lookup import describe

    e = env()
    if not yes:
        doc = e.store.read_open()
        from followup.lookup import find_interview

        target = find_interview(
            interview, doc.interviews, doc.closed_ids, lambda: e.store.read_history(doc)
        )
        if not is_terminal():
            raise FollowupError(
                f"not removing {describe(target)} without confirmation: add --yes "
                "(no terminal to ask in)"
            )
        if not typer.confirm(
            f"Remove {_plain(describe(target))} and its {len(target.steps)} follow-ups?"
        ):
            say("Nothing removed.")
            return
        interview = str(target.id)
    with e.store.change(e.now) as change:
        iv = actions.find(change, interview)
        actions.remove_interview(change, iv)
    _print(f"Removed {_plain(describe(iv))}.")
    say("`followup undo` brings it back.")


@app.command()
@command
def undo() -> None:
    """Revert the most recent change (repeat to go further back, up to 20 changes).

    Example: followup undo
    """
    e = env()
    summary = e.store.undo(e.now)
    _print(f"Reverted: {_plain(summary)}.")


# ----- store health -----


@app.command()
@command
def doctor(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Make the repairs without asking.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check your data folder and repair what is wrong, with your consent.

    It checks that every file reads, that undo and the backup work, and that only
    you can read your data. It lists each problem with the repair it would make;
    in a terminal it asks first, elsewhere it repairs only with --yes. A broken
    file is moved to quarantine/, never deleted. Exit 1 while problems remain.

    Example: followup doctor --yes
    """
    from followup import doctor as health

    e = env()
    exam = health.examine(e.store, e.now)
    fixable = [p for p in exam.problems if p.repair]
    done: list[str] = []
    if fixable and not as_json:
        _print_examination(exam)
    if fixable and not yes:
        if as_json or not is_terminal():
            if not as_json:
                say("Nothing was changed: run `followup doctor --yes` to make these repairs.")
        elif not typer.confirm(f"Make {len(fixable)} repair(s)?", err=True):
            say("Nothing was changed.")
        else:
            yes = True
    if fixable and yes:
        done = health.repair(e.store, e.now, [p.text for p in exam.problems])
        for line in done:
            say(f"did: {line}")
        exam = health.examine(e.store, e.now)
    if as_json:
        from followup.present import print_json

        print_json(
            {
                "folder": str(exam.root),
                "healthy": exam.healthy,
                "checks": exam.checks,
                "problems": [{"problem": p.text, "repair": p.repair} for p in exam.problems],
                "repaired": done,
            }
        )
    elif done or not fixable:
        _print_examination(exam)
    if not exam.healthy:
        raise typer.Exit(1)


def _print_examination(exam: Any) -> None:
    from rich.text import Text

    from followup.render import user

    lines = [Text.assemble(("ok       ", "green"), user(c)) for c in exam.checks]
    for p in exam.problems:
        lines.append(Text.assemble(("PROBLEM  ", "bold red"), user(p.text)))
        if p.repair:
            lines.append(Text.assemble("         repair: ", user(p.repair)))
    if exam.healthy:
        lines.append(Text("Your data is healthy.", style="green"))
    from followup.render import out

    console = out()
    for line in lines:
        console.print(line, soft_wrap=True)


def main() -> None:
    """The console script's entry point."""
    try:
        app(prog_name="followup")
    except BrokenPipeError:
        # `followup status | head`: the reader left; that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
