"""Working through the checklist: status, done, skip and reopen."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.app import (
    InterviewArg,
    JsonOpt,
    StepsArg,
    WhoListOpt,
    command,
    complete_step,
    emit,
    env,
    next_hint,
    say,
)
from followup.core.kinds import BY_NAME, draft_noun
from followup.errors import FollowupError, UsageProblem


@command()
def status(
    all_: Annotated[
        bool, typer.Option("--all", "-a", help="Also list done and skipped steps.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show the follow-ups still to do: overdue first, then by due time.

    Example: followup status --all
    """
    from followup.core.checklist import agenda, is_overdue

    e = env()
    doc = e.store.read_open()
    rows = agenda(doc.interviews, e.now, include_finished=all_)
    if as_json:
        from followup.core.shapes import print_json, step_json

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
    from followup.cli.render import status_table

    emit(status_table(rows, e.now))
    late = sum(1 for _, s in pending if is_overdue(s, e.now))
    companies = len({iv.id for iv, _ in pending})
    summary = f"{len(pending)} pending across {companies} interview(s)"
    summary += f", {late} overdue." if late else ", none overdue."
    emit(summary)
    if pending:
        iv, s = pending[0]
        hint = next_hint(iv.id, s.step, s.who, len(iv.interviewers) > 1)
        whom = f" for {s.who}" if s.who else ""
        say(f"Next: {BY_NAME[s.step].action}{whom} (#{iv.id}), then `{hint}`")
        written = next(((iv, s) for iv, s in pending if s.step != "phone"), None)
        if written:
            iv, s = written
            draft = next_hint(iv.id, s.step, s.who, len(iv.interviewers) > 1, verb="draft")
            whom = f" to {s.who}" if s.who else ""
            what = f"the {draft_noun(s.step)}{whom} (#{iv.id})"
            say(f"Need the words for {what}? `{draft}` writes a draft.")


def _mark(
    ref: str, steps: list[str], who: list[str] | None, state: str, reason: str | None, as_json: bool
) -> None:
    from followup.features import actions

    e = env()
    with e.store.change(e.now) as change:
        result = actions.set_steps(change, ref, steps, state, e.now, who=who, reason=reason)
    iv = result.interview
    if as_json:
        from followup.core.shapes import print_json, step_json

        print_json([step_json(iv, s, e.now) for s in result.changed])
        return
    from rich.text import Text

    from followup.cli.render import message, user
    from followup.core.checklist import progress

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
    emit(f"#{iv.id} {iv.company}: {finished}/{total} follow-ups finished.")
    if len(result.changed) > 1:  # one tick needs no reminder; several at once might surprise
        say(f"That was {len(result.changed)} steps at once: `followup undo` puts them all back.")
    if finished == total and not iv.closed and state != "pending":
        say(
            f"All follow-ups of #{iv.id} are finished. When you hear back: "
            f"`followup close {iv.id} --outcome offer|rejected|withdrawn|no-response`."
        )


@command()
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


@command()
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


@command()
def reopen(
    interview: InterviewArg,
    steps: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[STEP]...",
            help="Steps to put back to pending. None: reopen a closed interview.",
            autocompletion=complete_step,
            show_default=False,
        ),
    ] = None,
    who: WhoListOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Put done or skipped steps back to pending; with no STEP, reopen a closed interview.

    A closed interview may be named by its company when no open one matches. Reopening
    clears its outcome and keeps its steps as they were.

    Example: followup reopen 3 card --who raj

    Example: followup reopen umbrella
    """
    if steps:
        _mark(interview, steps, who, "pending", None, as_json)
        return
    if who:
        raise UsageProblem("--who picks steps: name them, as in `followup reopen 3 card --who raj`")
    from followup.features import actions

    e = env()
    with e.store.change(e.now) as change:
        iv, changed = actions.reopen_interview(change, interview)
        if not changed:
            raise FollowupError(
                f"#{iv.id} {iv.company} is open: to put steps back to pending, name them, "
                f"as in `followup reopen {iv.id} email`"
            )
    if as_json:
        from followup.core.shapes import interview_json, print_json

        print_json(interview_json(iv, e.now))
        return
    from followup.core.checklist import progress

    finished, total = progress(iv)
    emit(f"Reopened #{iv.id} {iv.company}: {finished}/{total} follow-ups finished.")
    say("`followup status` shows what is still to do; `followup undo` closes it again.")
