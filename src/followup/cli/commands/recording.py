"""Recording interviews: add one, record the next round of one (next), and edit one."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from followup.cli import app as cli
from followup.cli.advice import next_hint
from followup.cli.app import command, env, fail, parse_decision, parse_when, rules
from followup.cli.options import DecisionOpt, InterviewArg, JsonOpt, NotesOpt, TopicOpt, YesAtOpt
from followup.cli.result import Result
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
    """Record an interview right after it happens, and list its follow-ups.

    Each interviewer gets a thank-you email (due in 24 h), a LinkedIn note and a
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
        if not cli.is_terminal():
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
    result.show(lambda: _detail(iv, e.now))
    first = next(s for s in iv.steps if s.step == "email")
    several = len(iv.interviewers) > 1
    hint = next_hint(iv.id, "email", first.who, several)
    draft = next_hint(iv.id, "email", first.who, several, verb="draft")
    return result.hint(f"Next: `{draft}` writes the thank-you email; once it is sent, `{hint}`")


def _detail(iv, now: datetime) -> list:
    """`show`'s view of one interview (Rich is imported here, for people only)."""
    from followup.cli.views import interview_detail

    return interview_detail(iv, now)


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
        far = cli.long_ago(at, moment, now)
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
    """Change an interview. Due times of pending steps follow a new time.

    Adding an interviewer adds their email, LinkedIn and card steps; removing one
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
    return result.show(lambda: _detail(iv, e.now))


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
    """Record the next round of an application: a new interview with its own number,
    interviewers and follow-ups, the company (and role) carried over.

    People carry across rounds: a --with that names someone of an earlier round (the
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
    result.show(lambda: _detail(iv, e.now))
    first = next((s for s in iv.steps if s.step == "email"), None)
    if first is not None:
        several = len(iv.interviewers) > 1
        draft = next_hint(iv.id, "email", first.who, several, verb="draft")
        result.hint(f"Next: `{draft}` writes the thank-you email for this round.")
    return result
