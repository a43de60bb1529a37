"""`followup add`: record an interview right after it happens, and list its follow-ups."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from followup.cli import dates, environment
from followup.cli.advice import next_hint
from followup.cli.boundary import fail
from followup.cli.commands import command
from followup.cli.dates import parse_decision, parse_when
from followup.cli.environment import env
from followup.cli.options import DecisionOpt, JsonOpt, NotesOpt, TopicOpt, YesAtOpt
from followup.cli.pictures import detail
from followup.cli.result import Result
from followup.cli.settings import rules
from followup.errors import FollowupError, UsageProblem


@command()
def add(
    company: Annotated[
        str | None,
        typer.Argument(help="The company you interviewed with.", show_default=False),
    ] = None,
    role: Annotated[str, typer.Option("--role", "-r", help="The role you interviewed for.")] = "",
    at: Annotated[
        str,
        typer.Option(
            "--at",
            help="When the interview was: 'today 14:00', 'yesterday 3pm', '3pm EST', ISO 8601.",
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
    decision: DecisionOpt = None,
    topic: TopicOpt = None,
    notes: NotesOpt = None,
    yes: YesAtOpt = False,
    as_json: JsonOpt = False,
) -> Result:
    """Each interviewer gets a thank-you email (due in 24 h), a LinkedIn note and a
    handwritten card (48 h); the interview gets a phone-readiness step (4 h) and a
    check-in (2 business days after the decision date, or 5 after the interview).
    --topic is what the drafts mention; --notes stay private.
    With no COMPANY in a terminal, it asks for each field.

    Example: followup add "Acme Corp" --role "Data Analyst" --at "today 14:00"
    --with "Jane Doe <jane@acme.com>" --with "Raj Patel" --decision friday
    --topic "Jane: their move to dbt" --topic "the Q3 dashboard rebuild"
    """
    from followup.core.models import Interviewer
    from followup.core.shapes import interview_json
    from followup.features import actions

    e = env()
    if company is None:
        if not environment.is_terminal():
            raise UsageProblem(
                'missing COMPANY: give it, as in `followup add "Acme Corp"`, '
                "or run `followup add` in a terminal to be asked"
            )
        company, role, moment, with_, decision, topic, notes = _ask_interview(e.now)
    else:
        moment = parse_when(at, e.now, yes=yes)
    decided = parse_decision(decision, e.now) if decision is not None else None
    people = [p for text in with_ or [] for p in Interviewer.parse_many(text)]
    with e.store.change(e.now) as change:
        iv = actions.add_interview(
            change,
            company=company,
            role=role,
            at=moment,
            now=e.now,
            interviewers=people,
            notes=notes or "",
            topics=topic or [],
            decision=None if decided == actions.CLEAR else decided,  # type: ignore[arg-type]
            rules=rules(),
        )
    result = Result(lambda: interview_json(iv, e.now))
    result.say(f"Added interview #{iv.id}: {len(iv.steps)} follow-ups to do.")
    result.show(lambda: detail(iv, e.now))
    first = next(s for s in iv.steps if s.step == "email")
    hint = next_hint(iv, "email", first.who)
    draft = next_hint(iv, "email", first.who, verb="draft")
    return result.hint(f"Next: `{draft}` writes the thank-you email; once it is sent, `{hint}`")


def _ask_interview(
    now: datetime,
) -> tuple[str, str, datetime, list[str], str | None, list[str], str]:
    """Prompt for an interview's fields, re-asking until each one reads (and a time
    more than a year ago until it is confirmed)."""
    from followup.core.models import Interviewer

    company = ""
    while not company.strip():
        company = typer.prompt("Company")
    role = typer.prompt("Role", default="", show_default=False)
    while True:
        at = typer.prompt("When (e.g. now, today 14:00, yesterday 3pm)", default="now")
        try:
            moment = parse_when(at, now, yes=True)
        except FollowupError as exc:
            fail(exc)
            continue
        far = dates.long_ago(at, moment, now)
        if not far or typer.confirm(f"{far}. Is that right?", default=False):
            break
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
            fail(exc)
    while True:
        decision = typer.prompt(
            "When will they decide? (e.g. friday, next week; empty: not said)",
            default="",
            show_default=False,
        )
        try:
            if decision.strip():
                parse_decision(decision, now)
            break
        except FollowupError as exc:
            fail(exc)
    topics: list[str] = []
    while True:
        topic = typer.prompt(
            "Topic you talked about, for the drafts (Name: ... for one person; empty to finish)",
            default="",
            show_default=False,
        )
        if not topic.strip():
            break
        topics.append(topic)
    notes = typer.prompt("Private notes (never in a draft)", default="", show_default=False)
    return company, role, moment, people, decision.strip() or None, topics, notes
