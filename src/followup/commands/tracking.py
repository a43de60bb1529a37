"""The everyday commands: add, status, done, skip, reopen, show, list, edit, close,
remove and undo."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

import typer

from followup import cli
from followup.cli import (
    InterviewArg,
    JsonOpt,
    StepsArg,
    WhoListOpt,
    _fail,
    _next_hint,
    _print,
    app,
    command,
    env,
    parse_when,
    rules,
    say,
)
from followup.errors import FollowupError, UsageProblem
from followup.kinds import BY_NAME


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
            help='An interviewer: "Name", "Name <email>" or "<email>". Repeat per person '
            '(or separate them with ";").',
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
        if not cli.is_terminal():
            raise UsageProblem(
                'missing COMPANY: give it, as in `followup add "Acme Corp"`, '
                "or run `followup add` in a terminal to be asked"
            )
        company, role, at, with_, notes = _ask_interview(e.now)
    moment = parse_when(at, e.now)
    people = [p for text in with_ or [] for p in Interviewer.parse_many(text)]
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
            Interviewer.parse_many(person)
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
            whom = f" to {s.who}" if s.who else ""
            what = f"the {BY_NAME[s.step].label.lower()}{whom} (#{iv.id})"
            say(f"Need the words for {what}? `{draft}` writes a draft.")


def _mark(
    ref: str, steps: list[str], who: list[str] | None, state: str, reason: str | None, as_json: bool
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
    from rich.text import Text

    from followup.checklist import progress
    from followup.render import message, user

    word = {"done": "done", "skipped": "skipped", "pending": "pending again"}[state]
    for s, already in [
        *((s, False) for s in result.changed),
        *((s, True) for s in result.unchanged),
    ]:
        said = f"already {state}: " if already else f"{word}: "
        line = Text(said, style="dim" if already else "green")
        line.append(BY_NAME[s.step].label)
        if s.who:
            line.append(" · ")
            line.append_text(user(s.who))
        message(line)
    finished, total = progress(iv)
    _print(f"#{iv.id} {iv.company}: {finished}/{total} follow-ups finished.")
    if result.changed:
        say("Changed your mind? `followup undo` reverts it.")
    if finished == total and not iv.closed and state != "pending":
        say(
            f"All follow-ups of #{iv.id} are finished. When you hear back: "
            f"`followup close {iv.id} --outcome offer|rejected|withdrawn|no-response`."
        )


@app.command()
@command
def done(
    interview: InterviewArg,
    steps: StepsArg,
    who: WhoListOpt = None,
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
    who: WhoListOpt = None,
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
    who: WhoListOpt = None,
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
            "--add-with",
            help='Add an interviewer, "Name <email>"; repeatable (or separate with ";").',
            show_default=False,
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
    people = [p for text in add_with or [] for p in Interviewer.parse_many(text)]
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
        if not cli.is_terminal():
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
