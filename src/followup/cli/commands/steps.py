"""Working through the checklist: status, done, skip and reopen."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.advice import next_hint
from followup.cli.app import command, env, rules
from followup.cli.options import (
    InterviewArg,
    JsonOpt,
    StepsArg,
    WhoListOpt,
    complete_interview,
    complete_step,
)
from followup.cli.result import Result
from followup.core.kinds import AFTER_CLOSE, BY_NAME, draft_noun
from followup.errors import FollowupError, UsageProblem


@command()
def status(
    interview: Annotated[
        str | None,
        typer.Argument(
            metavar="[INTERVIEW]",
            help="Only this interview's steps: its number, or the start of its company's name.",
            autocompletion=complete_interview,
            show_default=False,
        ),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", "-a", help="Also list done and skipped steps.")
    ] = False,
    as_json: JsonOpt = False,
) -> Result:
    """Show the follow-ups still to do: overdue first, then by due time.

    Of a closed interview, only a reply or a decision still to make is listed.

    Example: followup status acme --all
    """
    from followup.core.checklist import (
        agenda,
        awaits_answer,
        is_overdue,
        most_valuable,
        unanswered_checkins,
    )
    from followup.core.shapes import step_json

    e = env()
    doc = e.store.read_open()
    # open.json alone: closed interviews with a reply or decision pending are kept there.
    interviews = [*doc.interviews, *doc.awaiting]
    if interview is not None:
        from followup.core.lookup import describe, find_interview
        from followup.errors import NotFound

        try:  # open.json first: a closed one with a reply pending is found by its company too
            awaiting = [iv.id for iv in doc.awaiting]
            iv = find_interview(
                interview, doc.interviews, awaiting, lambda: doc.awaiting, closed_too=True
            )
        except NotFound:
            iv = find_interview(
                interview,
                doc.interviews,
                e.store.closed_ids(doc),
                lambda: e.store.read_closed(doc),
            )
        if iv.closed and not awaits_answer(iv):
            return Result([]).say(
                f"{describe(iv)} is closed: nothing is pending. `followup show {iv.id}` lists "
                "its steps."
            )
        interviews = [iv]
    rows = agenda(interviews, e.now, include_finished=all_)
    result = Result(lambda: [step_json(iv, s, e.now) for iv, s in rows])
    for iv in interviews:  # `status INTERVIEW`: advice about that one only
        unanswered = unanswered_checkins(iv)
        if unanswered:
            times = "check-in" if unanswered == 1 else "check-ins"
            result.hint(
                f"#{iv.id} {iv.company}: no reply after {unanswered} {times}. Time to move "
                f"on: `followup close {iv.id} --outcome no-response`"
            )
    if not rows:
        if interview is not None:
            from followup.core.lookup import describe

            return result.say(
                f"Nothing pending for {describe(interviews[0])}: every follow-up is done or "
                "skipped."
            )
        if doc.interviews:
            return result.say(
                f"Nothing pending: every follow-up of your {len(doc.interviews)} open "
                "interview(s) is done or skipped."
            )
        return result.say(
            "Nothing pending: no open interviews. After your next interview, run "
            '`followup add COMPANY --with "Name <email>"`.'
        )
    pending = [(iv, s) for iv, s in rows if s.status == "pending"]
    result.show(lambda: _status_table(rows, e.now))
    late = sum(1 for _, s in pending if is_overdue(s, e.now))
    companies = len({iv.id for iv, _ in pending})
    summary = f"{len(pending)} pending across {companies} interview(s)"
    result.show(summary + (f", {late} overdue." if late else ", none overdue."))
    for iv in sorted({iv.id: iv for iv, _ in rows}.values(), key=lambda iv: iv.id):
        if iv.replied_at is not None:
            from followup.cli.commands.replies import replied_line

            result.show(f"#{iv.id} {iv.company}: {replied_line(iv, e.now)}.")
    best = most_valuable(pending, e.now)
    if best is not None:
        iv, s = best
        hint = next_hint(iv.id, s.step, s.who, len(iv.interviewers) > 1)
        whom = f" for {s.who}" if s.who else ""
        result.hint(f"Next: {BY_NAME[s.step].action}{whom} (#{iv.id}), then `{hint}`")
        written = next(
            ((iv, s) for iv, s in [best, *pending] if s.step not in ("phone", "decide")), None
        )
        if written:
            iv, s = written
            draft = next_hint(iv.id, s.step, s.who, len(iv.interviewers) > 1, verb="draft")
            whom = f" to {s.who}" if s.who else ""
            what = f"the {draft_noun(s.step)}{whom} (#{iv.id})"
            result.hint(f"Need the words for {what}? `{draft}` writes a draft.")
    return result


def _status_table(rows, now):
    from followup.cli.views import status_table

    return status_table(rows, now)


def _mark(
    ref: str, steps: list[str], who: list[str] | None, state: str, reason: str | None
) -> Result:
    from followup.core.checklist import progress, unanswered_checkins
    from followup.core.shapes import step_json
    from followup.features import marking

    e = env()
    with e.store.change(e.now) as change:
        marked = marking.set_steps(
            change, ref, steps, state, e.now, who=who, reason=reason, rules=rules()
        )
    iv = marked.interview

    def changed() -> list:
        rows = [step_json(iv, s, e.now) for s in marked.changed]
        rows += [step_json(other, s, e.now) for other, s in marked.elsewhere]
        if marked.added is not None:
            rows.append(step_json(iv, marked.added, e.now))
        return rows

    result = Result(changed)
    for notice in change.notices:
        result.note(notice)
    result.say(lambda: _marked_lines(marked, state))
    for s in marked.kept_skipped:
        why = f" ({s.reason})" if s.reason else ""
        whom = f" · {s.who}" if s.who else ""
        result.say(
            f"skipped{why}, left as it is: {BY_NAME[s.step].label}{whom}. Name it with "
            f"--who to mark it done: `followup done {iv.id} {s.step} --who "
            f'"{s.who}"`'
        )
    if marked.waiting is not None:
        result.say(
            f"The next check-in is due {_when(marked.waiting.due, e.now)}. Sent that one "
            "too? Tick it from tomorrow on: a second `done` within a day of the first counts "
            "as a repeat."
        )
    for s in marked.early:
        result.say(
            f"The check-in was not due until {_when(s.due, e.now)}: ticked anyway (sent early)."
        )
    if iv.closed and any(s.step not in AFTER_CLOSE for s in marked.changed):
        outcome = f" ({iv.outcome})" if iv.outcome else ""
        result.say(
            f"#{iv.id} {iv.company} is closed{outcome}: the step changed, but the interview "
            "stays closed and out of `followup status`."
        )
    if marked.before_interview:
        result.say(
            f"The interview of #{iv.id} is on {_when(iv.at, e.now)}: ticked anyway, "
            "before it has happened."
        )
    if marked.elsewhere:
        others = ", ".join(f"#{other.id} {other.company}" for other, _ in marked.elsewhere)
        result.say(f"Also done: phone on {others} (one voicemail greeting serves every interview).")
    if marked.added is not None:
        result.say(
            f"No reply yet? The next check-in is due {_when(marked.added.due, e.now)}: "
            f"`followup draft {iv.id} checkin` writes it."
        )
    elif marked.removed:
        result.say("The check-in that followed it is taken back.")
    finished, total = progress(iv)
    result.show(f"#{iv.id} {iv.company}: {finished}/{total} follow-ups finished.")
    if len(marked.changed) > 1:  # one tick needs no reminder; several at once might surprise
        result.hint(
            f"That was {len(marked.changed)} steps at once: `followup undo` puts them all back."
        )
    unanswered = unanswered_checkins(iv)
    if unanswered and state == "done":
        times = "check-in" if unanswered == 1 else "check-ins"
        result.hint(
            f"No reply after {unanswered} {times}: time to move on. "
            f"`followup close {iv.id} --outcome no-response` closes it."
        )
    elif finished == total and not iv.closed and state != "pending":
        result.hint(
            f"All follow-ups of #{iv.id} are finished. When you hear back: "
            f"`followup close {iv.id} --outcome offer|rejected|withdrawn|no-response`."
        )
    return result


def _when(moment, now) -> str:
    from followup.cli.views import local_time

    return local_time(moment, now)


def _marked_lines(marked, state: str) -> list:
    """'done: Thank-you email · Jane Doe', one styled line per step named."""
    from rich.text import Text

    from followup.cli.render import user

    word = {"done": "done", "skipped": "skipped", "pending": "pending again"}[state]
    lines = []
    for s, already in [
        *((s, False) for s in marked.changed),
        *((s, True) for s in marked.unchanged),
    ]:
        said = f"already {state}: " if already else f"{word}: "
        line = Text(said, style="dim" if already else "green")
        line.append(BY_NAME[s.step].label)
        if s.who:
            line.append(" · ")
            line.append_text(user(s.who))
        lines.append(line)
    return lines


@command()
def done(
    interview: InterviewArg,
    steps: StepsArg,
    who: WhoListOpt = None,
    as_json: JsonOpt = False,
) -> Result:
    """Tick steps off. Without --who, every interviewer's step of that kind.

    Example: followup done acme email linkedin --who jane
    """
    return _mark(interview, steps, who, "done", None)


@command()
def skip(
    interview: InterviewArg,
    steps: StepsArg,
    who: WhoListOpt = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why it is not needed.", show_default=False)
    ] = None,
    as_json: JsonOpt = False,
) -> Result:
    """Mark steps skipped: not needed for this interview.

    Example: followup skip 3 card --reason "remote interview, no address"
    """
    return _mark(interview, steps, who, "skipped", reason)


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
) -> Result:
    """Put done or skipped steps back to pending; with no STEP, reopen a closed interview.

    A closed interview may be named by its company when no open one matches. Reopening
    clears its outcome and keeps its steps as they were.

    Example: followup reopen 3 card --who raj

    Example: followup reopen umbrella
    """
    if steps:
        return _mark(interview, steps, who, "pending", None)
    if who:
        raise UsageProblem("--who picks steps: name them, as in `followup reopen 3 card --who raj`")
    from followup.core.checklist import progress
    from followup.core.shapes import interview_json
    from followup.features import actions

    e = env()
    with e.store.change(e.now) as change:
        iv, changed = actions.reopen_interview(change, interview)
        if not changed:
            raise FollowupError(
                f"#{iv.id} {iv.company} is open: to put steps back to pending, name them, "
                f"as in `followup reopen {iv.id} email`"
            )
    finished, total = progress(iv)
    result = Result(lambda: interview_json(iv, e.now))
    result.show(f"Reopened #{iv.id} {iv.company}: {finished}/{total} follow-ups finished.")
    return result.hint(
        "`followup status` shows what is still to do; `followup undo` closes it again."
    )
