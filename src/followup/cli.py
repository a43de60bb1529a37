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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from followup import __version__
from followup.errors import FollowupError, UsageProblem
from followup.kinds import BY_NAME, STEP_WORDS
from followup.locations import data_dir

if TYPE_CHECKING:  # imported in env(): completion and --help need no pydantic models
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
    from followup.store import Store

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
    """The due-time rules in force: the built-in delays, or the user's `due.*` settings."""
    from followup.checklist import DEFAULT_RULES, Rules
    from followup.locations import config_dir

    folder = config_dir()
    if not (folder / "config.toml").exists():
        return DEFAULT_RULES  # no settings: `add` need not load the settings code
    from followup.config import read_settings

    return Rules(read_settings(folder).delays())


def say(text: str) -> None:
    """A message on stderr (what changed, hints), control characters made visible."""
    from followup.present import clean

    sys.stderr.write(clean(text) + "\n")


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


# ----- completion ----------------------------------------------------------------


def complete_interview(incomplete: str) -> list[tuple[str, str]]:
    """Numbers and companies of open interviews; reads open.json only, without pydantic."""
    from followup import completion

    return completion.interviews(data_dir(), incomplete)


def complete_step(incomplete: str) -> list[str]:
    return [w for w in STEP_WORDS if w.startswith(incomplete.lower())]


def complete_who(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Interviewers of the interview named before --who (of every open one if none yet)."""
    from followup import completion

    # While completing an option's value, Click may leave the words before it unparsed.
    ref = ctx.params.get("interview") or next(iter(ctx.args), None)
    return completion.interviewers(data_dir(), incomplete, ref if isinstance(ref, str) else None)


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
        "--who",
        help="Only this interviewer's step (start of the name).",
        show_default=False,
        autocompletion=complete_who,
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
    """Print results on stdout. Strings are printed as plain text, never as markup."""
    from followup.render import show

    show(*renderables)


def _next_hint(iv_id: int, step: str, who: str | None, several: bool, verb: str = "done") -> str:
    first = (who or "").split(" ")[0]
    target = f" --who {first}" if several and first else ""
    return f"followup {verb} {iv_id} {step}{target}"


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
    several = len(iv.interviewers) > 1
    hint = _next_hint(iv.id, "email", first.who, several)
    draft = _next_hint(iv.id, "email", first.who, several, verb="draft")
    say(f"Next: `{draft}` writes the thank-you email; once it is sent, `{hint}`")


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
        whom = f" for {s.who}" if s.who else ""
        say(f"Next: {BY_NAME[s.step].action}{whom} (#{iv.id}), then `{hint}`")
        written = next(((iv, s) for iv, s in pending if s.step != "phone"), None)
        if written:
            iv, s = written
            draft = _next_hint(iv.id, s.step, s.who, len(iv.interviewers) > 1, verb="draft")
            say(f"Words ready: `{draft}` drafts it ({BY_NAME[s.step].label} for #{iv.id}).")


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
        line.append(BY_NAME[s.step].label)
        if s.who:
            line.append(" · ")
            line.append_text(user(s.who))
        message(line)
    finished, total = progress(iv)
    _print(f"#{iv.id} {iv.company}: {finished}/{total} follow-ups finished.")
    if result.changed:
        say("Changed your mind? `followup undo` reverts it.")


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
    from followup.drafts import draft_commands
    from followup.render import drafts_section, interview_detail

    _print(*interview_detail(iv, e.now), *drafts_section(draft_commands(iv)))


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
    name = f"#{iv.id} {iv.company}"
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
    from followup.lookup import describe, find_interview
    from followup.present import clean

    e = env()
    if not yes:
        doc = e.store.read_open()
        target = find_interview(
            interview, doc.interviews, doc.closed_ids, lambda: e.store.read_history(doc)
        )
        if not is_terminal():
            raise FollowupError(
                f"not removing {describe(target)} without confirmation: add --yes "
                "(no terminal to ask in)"
            )
        if not typer.confirm(
            f"Remove {clean(describe(target))} and its {len(target.steps)} follow-ups?"
        ):
            say("Nothing removed.")
            return
        interview = str(target.id)
    with e.store.change(e.now) as change:
        iv = actions.find(change, interview)
        actions.remove_interview(change, iv)
    _print(f"Removed {describe(iv)}.")
    say("`followup undo` brings it back.")


@app.command()
@command
def undo() -> None:
    """Revert the most recent change (repeat to go further back, up to 20 changes).

    Example: followup undo
    """
    e = env()
    summary = e.store.undo(e.now)
    _print(f"Reverted: {summary}.")


# ----- drafts and settings ---------------------------------------------------------


def complete_setting(incomplete: str) -> list[str]:
    from followup.config import KEYS

    return [k for k in KEYS if k.startswith(incomplete.lower())]


@app.command()
@command
def draft(
    interview: InterviewArg,
    step: Annotated[
        str,
        typer.Argument(
            metavar="STEP",
            help="email (thank-you), linkedin, card (note, handwritten), phone (voicemail).",
            autocompletion=complete_step,
            show_default=False,
        ),
    ],
    who: WhoOpt = None,
) -> None:
    """Print a ready-to-send draft of a follow-up, filled from the interview and your profile.

    \b
    email     a Subject line and a thank-you email signed with your contact details
    linkedin  a personal connection note within linkedin.limit characters
    card      a short text to write by hand, and when to post it
    phone     a voicemail greeting that states your name, and a readiness checklist

    Set your profile once with `followup config`; reword a draft with a file such as
    templates/email.txt in the settings folder.

    Example: followup draft acme email --who jane
    """
    from followup import drafts
    from followup.config import read_settings
    from followup.kinds import BY_NAME, parse_kind
    from followup.locations import config_dir
    from followup.lookup import find_interview
    from followup.present import clean

    kind = parse_kind(step)
    e = env()
    doc = e.store.read_open()
    iv = find_interview(
        interview, doc.interviews, doc.closed_ids, lambda: e.store.read_history(doc)
    )
    person = drafts.addressee(iv, kind, who)
    folder = config_dir()
    settings = read_settings(folder)
    result = drafts.draft(
        kind,
        iv,
        person,
        settings.profile,
        linkedin_limit=settings.linkedin_limit,
        template=drafts.load_template(folder, kind),
    )
    sys.stdout.write(result.text)  # plain text: never markup, never a template again
    sys.stdout.flush()
    label = person.label if person else None
    if kind == "email" and person is not None and person.email:
        say(f"To: {clean(str(person))}")
    if result.limit is not None:
        line = f"LinkedIn note: {len(result.text.rstrip(chr(10)))}/{result.limit} characters"
        if result.left_out:
            *most, last = result.left_out
            line += f"; left out {', '.join(most) + ' and ' if most else ''}{last} to fit"
        if result.cut:
            line += "; cut short: shorten it by hand, or raise linkedin.limit"
        say(line + ".")
    if kind == "card":
        step_ = next((s for s in iv.steps if s.step == "card" and s.who == label), None)
        say(drafts.card_reminder(step_, e.now))
    for hint in drafts.hints(result, iv, person):
        say(hint)
    several = BY_NAME[kind].per_interviewer and len(iv.interviewers) > 1
    say(f"When it is done: `{_next_hint(iv.id, kind, clean(label or ''), several)}`")


@app.command("config")
@command
def config_(
    key: Annotated[
        str | None,
        typer.Argument(
            metavar="KEY",
            help="name, email, phone, linkedin.limit, due.email, due.linkedin or due.card.",
            autocompletion=complete_setting,
            show_default=False,
        ),
    ] = None,
    value: Annotated[
        str | None, typer.Argument(metavar="VALUE", help="The new value.", show_default=False)
    ] = None,
    unset: Annotated[
        bool, typer.Option("--unset", help="Clear the setting: back to its default.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show or change your settings: your profile for drafts, and when steps fall due.

    With no KEY, lists every setting, its value and whether it is a default or set.
    KEY alone prints its value; KEY VALUE sets it; KEY --unset clears it.
    Due settings (90m, 24h, 2d) apply to interviews added or re-timed afterwards.

    Example: followup config name "Sam Lee"
    """
    from followup import config
    from followup.locations import config_dir
    from followup.present import clean

    folder = config_dir()
    if unset and (key is None or value is not None):
        raise UsageProblem(
            "--unset takes a KEY and no VALUE, as in `followup config phone --unset`"
        )
    if key is None:
        _show_settings(folder, config.read_settings(folder), as_json)
    elif unset:
        entry, was_set = config.unset_value(folder, key)
        if was_set:
            default = entry.default if entry.default is not None else "not set"
            say(f"Cleared {entry.key}: back to its default ({default}).")
        else:
            say(f"{entry.key} was not set: nothing changed.")
    elif value is None:
        entry = config.setting(key)
        settings = config.read_settings(folder)
        current = settings.get(entry.key)
        if as_json:
            from followup.present import print_json

            print_json(_setting_json(settings, entry.key))
        elif current is None:
            say(f"{entry.key} is not set: `followup config {entry.key} {entry.example}` sets it.")
        else:
            sys.stdout.write(f"{clean(str(current))}\n")
    else:
        entry, stored, changed = config.set_value(folder, key, value)
        if not changed:
            say(f"{entry.key} is already {stored}: nothing changed.")
            return
        say(f"Set {entry.key} to {stored}.")
        if entry.key.startswith("due."):
            say(
                "It applies to interviews added or re-timed from now on; due times "
                "already set stay as they are."
            )


def _setting_json(settings: Any, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "value": settings.get(key),
        "source": "set" if settings.is_set(key) else "default",
    }


def _show_settings(folder: Any, settings: Any, as_json: bool) -> None:
    from followup import config

    if as_json:
        from followup.present import print_json

        print_json({k: _setting_json(settings, k) for k in config.KEYS})
        return
    from rich.table import Table
    from rich.text import Text

    from followup.render import user

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("Key", "Value", "Source", "What it is"):
        table.add_column(column)
    for entry in config.SETTINGS:
        current = settings.get(entry.key)
        shown = Text("(not set)", style="dim") if current is None else user(str(current))
        source = Text("set", style="green") if settings.is_set(entry.key) else Text("default")
        table.add_row(entry.key, shown, source, Text(entry.help, style="dim"))
    _print(table)
    path = config.config_path(folder)
    templates = sorted(p.name for p in (folder / config.TEMPLATES_DIR).glob("*.txt"))
    say(f"Settings file: {path}" + ("" if path.exists() else " (none yet)"))
    say(
        "Templates: "
        + (", ".join(templates) if templates else "none (built-in wording)")
        + f" in {folder / config.TEMPLATES_DIR}"
    )
    say("Change one: `followup config KEY VALUE`; clear one: `followup config KEY --unset`.")


# ----- moving data in and out -----


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    ics = "ics"


class ImportFormat(StrEnum):
    json = "json"
    csv = "csv"


#: Imports at least this large show a progress bar (in a terminal only).
PROGRESS_FROM = 1000


def _format_of(path: str | None) -> str:
    """The export format a file name asks for: its ending, else json."""
    ending = (path or "").lower().rsplit(".", 1)[-1]
    return ending if ending in ("csv", "ics") else "json"


@app.command()
@command
def export(
    format_: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="json (everything; the default), csv (a row per step) or ics (calendar). "
            "Without it, --output's ending decides.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE instead of stdout.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write your interviews out: a backup, a spreadsheet, or reminders for your calendar.

    json holds every interview, closed ones too: `followup import` reads it back, here or
    on another machine. csv has a header and one row per step, safe to open in a
    spreadsheet. ics has one event, with a reminder, per pending step of open interviews;
    each keeps its UID, so importing a newer export updates your calendar.

    Example: followup export --output followups.ics
    """
    from followup.store import write_atomic

    e = env()
    fmt = format_.value if format_ else _format_of(output)
    if fmt == "ics":
        from followup.calendar_export import export_ics

        interviews = sorted(e.store.read_open().interviews, key=lambda iv: iv.id)
        data = export_ics(interviews, e.now)
        events = sum(1 for iv in interviews for s in iv.steps if s.status == "pending")
        what = f"{events} event(s) (the pending follow-ups of {len(interviews)} open interview(s))"
        if not events:
            say("No pending follow-ups of open interviews: the calendar has no events.")
    else:
        from followup import exporting

        interviews = e.store.read_all()
        closed = sum(1 for iv in interviews if iv.closed)
        if fmt == "csv":
            data = exporting.export_csv(interviews)
            steps = sum(len(iv.steps) for iv in interviews)
            what = f"{steps} row(s), the steps of {len(interviews)} interview(s)"
        else:
            data = exporting.export_json(interviews, e.now)
            what = f"{len(interviews)} interview(s) ({closed} closed)"
    if output and output != "-":
        from pathlib import Path

        write_atomic(Path(output), data)
        say(f"Wrote {what} to {output}.")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


@app.command("import")
@command
def import_(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A json file from `followup export`, or a csv; - reads stdin."
        ),
    ],
    format_: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="json or csv; without it, FILE's ending decides.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would be imported; change nothing.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Read interviews in: a `followup export` json file (a backup, another machine), or a csv.

    The csv's header names the columns company, role, at, interviewers, notes (only
    company and at are required; outcome and closed may follow); interviewers holds
    "Name <email>" entries separated by ";". Each row gets its steps as `add` gives them.
    A json import keeps the numbers this store has not given out yet and says which it
    changed. The whole file is checked first: a bad one imports nothing and names the
    place of its first problem. One import is one `followup undo`.

    Example: followup import applications.csv --dry-run
    """
    from followup import importing
    from followup.store import Change

    e = env()
    source = "stdin" if file == "-" else file
    data = sys.stdin.buffer.read() if file == "-" else _read_file(file)
    fmt = format_.value if format_ else importing.guess_format(source, data)
    with _progress("Reading", data.count(b"\n")) as advance:
        if fmt == "json":
            planned = importing.read_json(data, source)
        else:
            planned = importing.read_csv(data, source, e.now, advance=advance)

    def apply(change: Change) -> importing.Imported:
        with _progress("Importing", len(planned)) as advance:
            if fmt == "json":
                return importing.import_interviews(change, planned, source, advance)
            return importing.import_rows(change, planned, source, e.now, rules(), advance)

    if not planned:
        result = importing.Imported()
    elif dry_run:
        result = apply(Change(e.store, e.store.read_open()))
    else:
        with e.store.change(e.now) as change:
            result = apply(change)
    _report_import(result, source, dry_run, as_json, e.now)


def _read_file(name: str) -> bytes:
    from pathlib import Path

    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise FollowupError(f"no file {name!r}: check the path (use - to read stdin)") from None
    except IsADirectoryError:
        raise FollowupError(f"{name} is a folder: give a json or csv file") from None
    except OSError as exc:
        raise FollowupError(f"could not read {name}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for large imports, in a terminal only; else nothing."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    from followup.render import err

    with Progress(console=err(), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _report_import(result, source: str, dry_run: bool, as_json: bool, now: datetime) -> None:
    """What an import did (or would do): on stdout, or as JSON with --json."""
    from followup.present import clean

    if as_json:
        from followup.present import interview_json, print_json

        print_json(
            {
                "dry_run": dry_run,
                "source": source,
                "interviews": [interview_json(iv, now) for iv in result.interviews],
                "renumbered": [{"from": was, "to": iv.id} for was, iv in result.renumbered],
            }
        )
    if not result.interviews:
        say(f"Nothing to import: {clean(source)} holds no interviews.")
        return
    if not as_json:
        # plain lines (user text cleaned): never Rich markup, never wrapped mid-name
        sys.stdout.write("".join(line + "\n" for line in _import_lines(result, source, dry_run)))
    if result.lookalikes:
        say(
            f"Note: {result.lookalikes} of them have the company and time of an interview "
            "you already had: is this file imported already?"
        )
    if dry_run:
        say("Nothing was changed (--dry-run). Run it again without --dry-run to import.")
    else:
        say("`followup status` shows what is due; `followup undo` takes the whole import back.")


def _import_lines(result, source: str, dry_run: bool) -> list[str]:
    from followup.lookup import describe
    from followup.present import clean

    count = len(result.interviews)
    closed = sum(1 for iv in result.interviews if iv.closed)
    shown = ", ".join(clean(describe(iv)) for iv in result.interviews[:10])
    more = f" and {count - 10} more" if count > 10 else ""
    lines = [
        f"{'Would import' if dry_run else 'Imported'} {count} interview(s) from "
        f"{clean(source)} ({count - closed} open, {closed} closed): {shown}{more}."
    ]
    if result.renumbered:
        moved = ", ".join(
            f"#{was} -> #{iv.id} {clean(iv.company)}" for was, iv in result.renumbered[:20]
        )
        rest = len(result.renumbered) - 20
        extra = f", and {rest} more (--json lists them all)" if rest > 0 else ""
        lines.append(
            f"{'Would renumber' if dry_run else 'Renumbered'} {len(result.renumbered)} whose "
            f"numbers this store had already given out: {moved}{extra}."
        )
    return lines


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
