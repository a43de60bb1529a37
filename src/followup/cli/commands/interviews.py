"""Looking at and ending interviews: show, list, close, remove, and undo (of any change).

Recording them (add, next, edit) is in `recording.py`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

import typer

from followup.cli import app as cli
from followup.cli.app import command, env
from followup.cli.options import InterviewArg, JsonOpt
from followup.cli.result import Result
from followup.errors import FollowupError, UsageProblem


@command()
def show(interview: InterviewArg, as_json: JsonOpt = False) -> Result:
    """Show one interview in full: details, interviewers, notes, checklist and progress.

    Example: followup show acme
    """
    from followup.core.shapes import interview_json

    e = env()
    iv, notices = e.find(interview)
    result = Result(lambda: interview_json(iv, e.now))
    for notice in notices:
        result.note(notice)
    result.show(lambda: _full_detail(iv, e.now))
    if iv.closed:
        result.hint(f"#{iv.id} is closed; `followup reopen {iv.id}` reopens it.")
    return result


def _full_detail(iv, now: datetime) -> list:
    from followup.cli.advice import draft_commands
    from followup.cli.views import drafts_section, interview_detail

    return [*interview_detail(iv, now), *drafts_section(draft_commands(iv))]


@command("list")
def list_(
    all_: Annotated[bool, typer.Option("--all", "-a", help="Also list closed interviews.")] = False,
    as_json: JsonOpt = False,
) -> Result:
    """List open interviews with their progress and next due step.

    Example: followup list --all
    """
    from followup.core.shapes import interview_json

    e = env()
    if all_:
        interviews = e.store.read_all()
    else:
        interviews = sorted(e.store.read_open().interviews, key=lambda iv: iv.id)
    result = Result(lambda: [interview_json(iv, e.now) for iv in interviews])
    if not interviews:
        return result.hint(
            "No interviews yet. Record one with `followup add COMPANY`."
            if all_
            else "No open interviews. `followup list --all` shows closed ones; "
            "`followup add` records one."
        )
    return result.show(lambda: _interviews_table(interviews, e.now))


def _interviews_table(interviews, now: datetime):
    from followup.cli.views import interviews_table

    return interviews_table(interviews, now)


class OutcomeChoice(StrEnum):
    offer = "offer"
    rejected = "rejected"
    withdrawn = "withdrawn"
    no_response = "no-response"


@command()
def close(
    interview: InterviewArg,
    outcome: Annotated[
        OutcomeChoice | None,
        typer.Option(
            "--outcome", "-o", case_sensitive=False, help="How it ended.", show_default=False
        ),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline",
            help="With --outcome offer: when the offer must be answered by ('friday 5pm', "
            "2026-12-04; a date alone means 23:59 that day). Adds a decide step due then.",
            show_default=False,
        ),
    ] = None,
) -> Result:
    """Close an interview: it leaves status and list, and stays in list --all and show.

    An offer or a rejection adds a reply step (due `due.reply` after now, 1 business
    day by default), which status lists until it is done; an offer with --deadline also
    adds a decide step, due at the deadline.

    Example: followup close acme --outcome offer --deadline "december 4"
    """
    from followup.cli.app import rules
    from followup.features import actions

    e = env()
    answer_by = None
    if deadline is not None:
        if outcome is None or outcome.value != "offer":
            raise UsageProblem(
                "--deadline is when an offer must be answered by: give it with --outcome "
                'offer, as in `followup close acme --outcome offer --deadline "friday 5pm"`'
            )
        from followup.cli.commands.replies import parse_deadline

        answer_by = parse_deadline(deadline, e.now)
    with e.store.change(e.now) as change:
        iv, changed, before = actions.close_interview(
            change,
            interview,
            e.now,
            outcome.value if outcome else None,
            deadline=answer_by,
            rules=rules(),
        )
    name = f"#{iv.id} {iv.company}"
    outcome_said = f" ({iv.outcome})." if iv.outcome else "."
    if not changed:
        return Result().say(f"{name} was already closed{outcome_said}")
    result = Result()
    if change.summary.startswith("set the deadline"):
        result.show(f"{name} is closed ({iv.outcome}); its deadline is set.")
    elif before is not None or change.summary.startswith("changed the outcome"):
        earlier = f" from {before}" if before else ""
        result.show(f"Changed the outcome of {name}{earlier} to {iv.outcome}.")
        result.hint("It was closed already; `followup undo` puts the earlier outcome back.")
    else:
        result.show(f"Closed {name}{outcome_said}").hint(
            "`followup list --all` still shows it; `followup undo` reopens it."
        )
    for notice in change.notices:
        result.say(notice)
    if iv.outcome == "offer":
        result.hint(
            f"Reply within 24 hours: thank them, and ask for the written offer and the time "
            f"you have to decide. `followup draft {iv.id} reply` writes it."
        )
    elif iv.outcome == "rejected":
        result.hint(
            f"A short thank-you within a day or two keeps the door open: "
            f"`followup draft {iv.id} reply` writes it."
        )
    result.say(lambda: _answer_lines(iv, e.now))
    return result


def _answer_lines(iv, now: datetime) -> list[str]:
    """'Reply due Fri 27 Nov 10:00; `followup done 3 reply` once sent.': one line per
    pending reply or decide step, with the year it took when it is not this one."""
    from followup.cli.views import local_time
    from followup.core.kinds import AFTER_CLOSE

    lines = []
    for s in iv.steps:
        if s.step in AFTER_CLOSE and s.status == "pending":
            what = "Reply due" if s.step == "reply" else "Decide on the offer by"
            then = "once sent" if s.step == "reply" else "once you have answered"
            lines.append(
                f"{what} {local_time(s.due, now)}; `followup done {iv.id} {s.step}` {then}."
            )
    return lines


@command()
def remove(
    interview: InterviewArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> Result:
    """Delete an interview and its follow-ups. Asks first in a terminal.

    Example: followup remove 3 --yes
    """
    from followup.core.lookup import describe, find_interview
    from followup.core.text import clean
    from followup.features import actions

    e = env()
    if not yes:
        doc = e.store.read_open()
        target = find_interview(
            interview, doc.interviews, e.store.closed_ids(doc), lambda: e.store.read_closed(doc)
        )
        if not cli.is_terminal():
            raise FollowupError(
                f"not removing {describe(target)} without confirmation: add --yes "
                "(no terminal to ask in)"
            )
        if not typer.confirm(
            f"Remove {clean(describe(target))} and its {len(target.steps)} follow-ups?"
        ):
            return Result().say("Nothing removed.")
        interview = str(target.id)
    with e.store.change(e.now) as change:
        iv = actions.find(change, interview)
        actions.remove_interview(change, iv)
    return Result().show(f"Removed {describe(iv)}.").hint("`followup undo` brings it back.")


@command()
def undo() -> Result:
    """Revert the most recent change (repeat to go further back, up to 20 changes).

    The most recent change to your data, whichever command made it: one run in
    another terminal or by a script included. It says what it reverts and when
    that change was made.

    Example: followup undo
    """
    from followup.cli.views import local_time
    from followup.core.when import relative

    e = env()
    entry = e.store.undo(e.now)
    made = local_time(entry.at, e.now)
    if entry.at <= e.now:  # a change stamped later than now (a pinned clock): its date only
        made += f", {relative(entry.at, e.now)}"
    return Result().show(f"Reverted: {entry.summary} (made {made}).")
