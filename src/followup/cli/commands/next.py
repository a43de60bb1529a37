"""`followup next`: record the next round of an application: a new interview with its own
number, interviewers and follow-ups, the company (and role) carried over."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.advice import next_hint
from followup.cli.commands import command
from followup.cli.dates import parse_decision, parse_when
from followup.cli.environment import env
from followup.cli.options import DecisionOpt, InterviewArg, JsonOpt, NotesOpt, TopicOpt
from followup.cli.pictures import detail
from followup.cli.result import Result
from followup.cli.settings import rules


@command("next")
def next_(
    interview: InterviewArg,
    at: Annotated[
        str,
        typer.Option(
            "--at",
            help="When the next round is or was: 'tuesday 10am' (the coming one), 'today 14:00', "
            "ISO 8601.",
        ),
    ] = "now",
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            "-w",
            help='An interviewer of this round: "Name <email>"; repeat per person.',
            show_default=False,
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", "-r", help="The role, if it changed.", show_default=False),
    ] = None,
    same_panel: Annotated[
        bool,
        typer.Option(
            "--same-panel",
            help="Bring every interviewer of INTERVIEW to this round (add others with --with).",
        ),
    ] = False,
    decision: DecisionOpt = None,
    topic: TopicOpt = None,
    notes: NotesOpt = None,
    as_json: JsonOpt = False,
) -> Result:
    """People carry across rounds: a --with that names someone of an earlier round (the
    same email, or the same name ignoring case and accents) is that person, with
    their email filled in and no second LinkedIn step (you are connected already);
    email and card come per round. --same-panel brings everyone of INTERVIEW.

    The earlier round's pending check-in is skipped (reason: next round); its other
    steps stay as they are, so a card still due is still due. A company prefix that
    matches several rounds means the latest.

    Example: followup next acme --at "next tuesday 10am" --with "Kim Lee <kim@acme.com>"
    --decision "next week"

    Example: followup next 1 --same-panel --at "friday 2pm"
    """
    from followup.core.lookup import describe
    from followup.core.models import Interviewer
    from followup.core.shapes import interview_json
    from followup.features import actions

    e = env()
    moment = parse_when(at, e.now, future=True)  # a round to come: "friday" is the coming one
    decided = parse_decision(decision, e.now) if decision is not None else None
    people = [p for text in with_ or [] for p in Interviewer.parse_many(text)]
    with e.store.change(e.now) as change:
        iv, earlier, skipped = actions.next_round(
            change,
            interview,
            at=moment,
            now=e.now,
            role=role,
            interviewers=people,
            notes=notes or "",
            topics=topic or [],
            decision=None if decided == actions.CLEAR else decided,  # type: ignore[arg-type]
            rules=rules(),
            same_panel=same_panel,
        )
    result = Result(lambda: interview_json(iv, e.now))
    for notice in change.notices:
        result.note(notice)
    result.say(
        f"Added round {iv.round} of {iv.company} as #{iv.id}: {len(iv.steps)} follow-ups to do.",
        wrapped=True,  # the company and role may be long
    )
    if skipped:
        result.say(
            f"The check-in of {describe(earlier)} is skipped (next round); its other steps stay.",
            wrapped=True,
        )
    result.show(lambda: detail(iv, e.now))
    first = next((s for s in iv.steps if s.step == "email"), None)
    if first is not None:
        draft = next_hint(iv, "email", first.who, verb="draft")
        result.hint(f"Next: `{draft}` writes the thank-you email for this round.")
    return result
