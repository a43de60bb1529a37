"""`followup draft`: print a ready-to-send draft of a follow-up, filled from the interview and
your profile."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli import advice
from followup.cli.addressing import write_draft
from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import InterviewArg, WhoOpt, complete_draft
from followup.cli.result import Result
from followup.core.text import clean


@command()
def draft(
    interview: InterviewArg,
    step: Annotated[
        str,
        typer.Argument(
            metavar="STEP",
            help="email (thank-you), linkedin, card (note, handwritten), phone (voicemail), "
            "checkin (check-in), or reply (to an offer or a rejection).",
            autocompletion=complete_draft,
            show_default=False,
        ),
    ],
    who: WhoOpt = None,
) -> Result:
    """
    email     a Subject line and a thank-you email, signed with your details
    linkedin  a personal connection note within linkedin.limit characters
    card      a short text to write by hand, and when to post it
    phone     a voicemail greeting that states your name, and a checklist
    checkin   a short email asking where things stand, naming the decision date
    reply     after `close --outcome offer` (ask for the written offer and the
              time to decide) or `--outcome rejected` (thanks; keep in touch)

    Drafts mention the interview's topics (--topic), a person's own first; never
    its notes, which are private. Set your profile once with `followup config`;
    reword a draft with a file such as templates/email.txt in the settings folder
    (templates/reply-offer.txt and reply-rejected.txt for replies).

    Example: followup draft acme email --who jane

    Example: followup draft acme checkin
    """
    from followup.core.kinds import parse_kind
    from followup.features import drafts

    kind = drafts.REPLY if step.strip().lower() == drafts.REPLY else parse_kind(step)
    e = env()
    result = Result()
    iv, notices = e.find(interview)  # as `show`: `draft acme reply` after `close acme`
    for notice in notices:
        result.note(notice)
    written, person, outsider, iv = write_draft(iv, kind, who)
    result.write(written.text)  # plain text: never markup, never a template again
    label = person.label if person else None
    if kind in ("email", drafts.CHECKIN, drafts.REPLY) and person is not None and person.email:
        result.say(f"To: {clean(str(person))}")
    if outsider:
        result.say(f"Addressed to {clean(person.label)}, who is not one of the interviewers.")
    if kind in (drafts.CHECKIN, drafts.REPLY) and person is None:
        mailed = [clean(str(p)) for p in iv.interviewers if p.email]
        if mailed:
            result.say(f"To: {', '.join(mailed)}")
        result.say(
            f"Addressed to the {clean(iv.company)} team; --who NAME writes it to one person "
            '(an interviewer, or a recruiter by full name, as in --who "Lisa Chen").'
        )
    if written.limit is not None:
        line = f"LinkedIn note: {len(written.text.rstrip(chr(10)))}/{written.limit} characters"
        if written.left_out:
            *most, last = written.left_out
            line += f"; left out {', '.join(most) + ' and ' if most else ''}{last} to fit"
        if written.cut:
            line += "; cut short: shorten it by hand, or raise linkedin.limit"
        result.say(line + ".")
    if kind == "phone" and who is not None:
        result.say("The voicemail script is the same for everyone: --who is not needed for phone.")
    if kind == "card":
        step_ = next((s for s in iv.steps if s.step == "card" and s.who == label), None)
        result.say(advice.card_reminder(step_, e.now))
    for hint in advice.draft_hints(written, iv, person):
        result.hint(hint)
    if kind == drafts.REPLY:
        when = "within 24 hours" if iv.outcome == "offer" else "within a day or two"
        return result.hint(f"Send it {when}.")
    return result.hint(f"When it is done: `{advice.next_hint(iv, kind, label)}`")
