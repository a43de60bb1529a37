"""Drafts: `followup draft`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from followup.cli.app import (
    InterviewArg,
    WhoOpt,
    command,
    complete_step,
    env,
    next_hint,
    say,
)
from followup.core.kinds import BY_NAME


@command()
def draft(
    interview: InterviewArg,
    step: Annotated[
        str,
        typer.Argument(
            metavar="STEP",
            help="email (thank-you), linkedin, card (note, handwritten), phone (voicemail).",
            autocompletion=complete_step,
            show_default=False,
        ),
    ],
    who: WhoOpt = None,
) -> None:
    """Print a ready-to-send draft of a follow-up, filled from the interview and your profile.

    \b
    email     a Subject line and a thank-you email signed with your contact details
    linkedin  a personal connection note within linkedin.limit characters
    card      a short text to write by hand, and when to post it
    phone     a voicemail greeting that states your name, and a readiness checklist

    Set your profile once with `followup config`; reword a draft with a file such as
    templates/email.txt in the settings folder.

    Example: followup draft acme email --who jane
    """
    from followup.core.kinds import parse_kind
    from followup.core.lookup import find_interview
    from followup.core.text import clean
    from followup.features import drafts
    from followup.features.config import read_settings
    from followup.storage.locations import config_dir

    kind = parse_kind(step)
    e = env()
    doc = e.store.read_open()
    iv = find_interview(
        interview, doc.interviews, doc.closed_ids, lambda: e.store.read_history(doc)
    )
    person = drafts.addressee(iv, kind, who)
    folder = config_dir()
    settings = read_settings(folder)
    result = drafts.draft(
        kind,
        iv,
        person,
        settings.profile,
        linkedin_limit=settings.linkedin_limit,
        template=drafts.load_template(folder, kind),
    )
    sys.stdout.write(result.text)  # plain text: never markup, never a template again
    sys.stdout.flush()
    label = person.label if person else None
    if kind == "email" and person is not None and person.email:
        say(f"To: {clean(str(person))}")
    if result.limit is not None:
        line = f"LinkedIn note: {len(result.text.rstrip(chr(10)))}/{result.limit} characters"
        if result.left_out:
            *most, last = result.left_out
            line += f"; left out {', '.join(most) + ' and ' if most else ''}{last} to fit"
        if result.cut:
            line += "; cut short: shorten it by hand, or raise linkedin.limit"
        say(line + ".")
    if kind == "phone" and who is not None:
        say("The voicemail script is the same for everyone: --who is not needed for phone.")
    if kind == "card":
        step_ = next((s for s in iv.steps if s.step == "card" and s.who == label), None)
        say(drafts.card_reminder(step_, e.now))
    for hint in drafts.hints(result, iv, person):
        say(hint)
    several = BY_NAME[kind].per_interviewer and len(iv.interviewers) > 1
    say(f"When it is done: `{next_hint(iv.id, kind, clean(label or ''), several)}`")
