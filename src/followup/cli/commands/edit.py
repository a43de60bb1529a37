"""`followup edit`: change an interview."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.commands import command
from followup.cli.dates import parse_decision, parse_when
from followup.cli.environment import env
from followup.cli.options import DecisionOpt, InterviewArg, JsonOpt, NotesOpt, TopicOpt, YesAtOpt
from followup.cli.pictures import detail
from followup.cli.result import Result
from followup.cli.settings import rules
from followup.errors import FollowupError, UsageProblem


@command()
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
    notes: NotesOpt = None,
    decision: DecisionOpt = None,
    topic: TopicOpt = None,
    clear_topics: Annotated[
        bool,
        typer.Option("--clear-topics", help="Remove every topic (before adding any --topic)."),
    ] = False,
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
    rename_with: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--rename-with",
            metavar="WHO NEW",
            help="Correct an interviewer's name and/or email, keeping their steps: --rename-with "
            'raj "Rajesh Patel <raj@acme.com>" (a part left out is kept).',
            show_default=False,
        ),
    ] = None,
    yes: YesAtOpt = False,
    as_json: JsonOpt = False,
) -> Result:
    """Adding an interviewer adds their email, LinkedIn and card steps; removing one
    removes theirs (and their topics); renaming one keeps their steps, done or not.
    Done and skipped steps keep their state. --decision moves a pending check-in (none
    clears it); --topic adds a topic.

    Example: followup edit acme --at "yesterday 3pm" --add-with "Raj Patel <raj@acme.com>"

    Example: followup edit acme --decision "next week" --topic "Raj: the on-call rota"

    Example: followup edit acme --rename-with jane "Janet Doe <janet@acme.com>"
    """
    from followup.core.models import Interviewer
    from followup.core.shapes import interview_json
    from followup.features import actions

    given = (company, role, at, notes, add_with, remove_with, rename_with, decision, topic)
    if all(v is None for v in given) and not clear_topics:
        raise UsageProblem(
            "nothing to change: give --company, --role, --at, --notes, --decision, --topic, "
            "--clear-topics, --add-with, --remove-with or --rename-with"
        )
    e = env()
    moment = parse_when(at, e.now, yes=yes) if at is not None else None
    decided = parse_decision(decision, e.now) if decision is not None else None
    people = [p for text in add_with or [] for p in Interviewer.parse_many(text, "--add-with")]
    renames = [(rename_with[0], _one_person(rename_with[1]))] if rename_with else []
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
            rename_with=renames,
            decision=decided,
            topics=topic or [],
            clear_topics=clear_topics,
            rules=rules(),
        )
    result = Result(lambda: interview_json(iv, e.now))
    for notice in change.notices:
        result.note(notice)
    result.say(
        f"Edited #{iv.id}: {', '.join(what)}." if what else f"#{iv.id} already had those values."
    )
    return result.show(lambda: detail(iv, e.now))


def _one_person(text: str):
    """The one person a `--rename-with` value names."""
    from followup.core.models import Interviewer

    people = Interviewer.parse_many(text, "--rename-with")
    if len(people) > 1:
        raise FollowupError(
            f"--rename-with {text!r} names {len(people)} people: give one, as "
            '"Name <email>"; add others with --add-with'
        )
    return people[0]
