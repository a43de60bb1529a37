"""`followup status`: show the follow-ups still to do: overdue first, then by due time."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.advice import next_hint
from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import JsonOpt, complete_interview
from followup.cli.result import Result
from followup.core.kinds import BY_NAME, draft_noun


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
    """Of a closed interview, only a reply or a decision still to make is listed.

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
            from followup.cli.pictures import replied_line

            result.show(f"#{iv.id} {iv.company}: {replied_line(iv, e.now)}.")
    best = most_valuable(pending, e.now)
    if best is not None:
        iv, s = best
        hint = next_hint(iv, s.step, s.who)
        whom = f" for {s.who}" if s.who else ""
        result.hint(f"Next: {BY_NAME[s.step].action}{whom} (#{iv.id}), then `{hint}`")
        written = next(
            ((iv, s) for iv, s in [best, *pending] if s.step not in ("phone", "decide")), None
        )
        if written:
            iv, s = written
            draft = next_hint(iv, s.step, s.who, verb="draft")
            whom = f" to {s.who}" if s.who else ""
            what = f"the {draft_noun(s.step)}{whom} (#{iv.id})"
            result.hint(f"Need the words for {what}? `{draft}` writes a draft.")
    return result


def _status_table(rows, now):
    from followup.cli.steps import status_table

    return status_table(rows, now)
