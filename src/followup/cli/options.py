"""The arguments and options that several commands share, and their completion.

Completion reads open.json without pydantic (`cli.completion`), so pressing TAB
stays fast however large the history.
"""

from __future__ import annotations

from typing import Annotated

import typer

from followup.core.kinds import STEP_WORDS
from followup.storage.locations import data_dir

# ----- completion ----------------------------------------------------------------


def complete_interview(incomplete: str) -> list[tuple[str, str]]:
    """Numbers and companies of open interviews; reads open.json only, without pydantic."""
    from followup.cli import completion

    return completion.interviews(data_dir(), incomplete)


def complete_step(incomplete: str) -> list[str]:
    return [w for w in STEP_WORDS if w.startswith(incomplete.lower())]


def complete_draft(incomplete: str) -> list[str]:
    """The STEP words that have a draft: every step but `decide`."""
    return [w for w in STEP_WORDS if w != "decide" and w.startswith(incomplete.lower())]


def complete_decision(incomplete: str) -> list[str]:
    words = ("friday", "monday", "next week", "this week", "in 2 weeks", "in 5 days", "none")
    return [w for w in words if w.startswith(incomplete.lower())]


def complete_who(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Interviewers of the interview named before --who (of every open one if none yet)."""
    from followup.cli import completion

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
        help="email (thank-you), linkedin, card (note, handwritten), phone (voicemail), "
        "checkin (check-in).",
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
WhoListOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--who",
        help="Only this interviewer's steps (start of the name); repeat for several people.",
        show_default=False,
        autocompletion=complete_who,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
YesAtOpt = Annotated[
    bool,
    typer.Option(
        "--yes", "-y", help="Take an --at more than a year ago without asking (old history)."
    ),
]
DecisionOpt = Annotated[
    str | None,
    typer.Option(
        "--decision",
        "-d",
        autocompletion=complete_decision,
        help="When they said they would decide: friday, next week, in 2 weeks, 2026-12-04 "
        "(none: not said). The check-in is due after it.",
        show_default=False,
    ),
]
TopicOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        "-t",
        help='What you talked about, for the drafts to mention; repeat per topic. "Jane: '
        'their move to dbt" is for Jane alone.',
        show_default=False,
    ),
]
NotesOpt = Annotated[
    str | None,
    typer.Option(
        "--notes",
        "-n",
        help="Private notes (salary, impressions): shown by show, never quoted in a draft.",
        show_default=False,
    ),
]
