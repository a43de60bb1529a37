"""Drafts: `followup draft`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli import advice
from followup.cli.app import command, env
from followup.cli.options import InterviewArg, WhoOpt, complete_draft
from followup.cli.result import Result
from followup.core.kinds import BY_NAME
from followup.core.text import clean
from followup.errors import Ambiguous

if TYPE_CHECKING:
    from followup.core.models import Interview, Interviewer


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
    """Print a ready-to-send draft of a follow-up, filled from the interview and your profile.

    \b
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
    from followup.core.text import clean
    from followup.features import drafts
    from followup.features.config_file import read_settings
    from followup.features.templates import load_template
    from followup.storage.locations import config_dir

    kind = drafts.REPLY if step.strip().lower() == drafts.REPLY else parse_kind(step)
    e = env()
    result = Result()
    iv, notices = e.find(interview)  # as `show`: `draft acme reply` after `close acme`
    for notice in notices:
        result.note(notice)
    if kind == drafts.REPLY:
        drafts.check_reply(iv)
    person = addressee(iv, kind, who)
    outsider = person is not None and not any(p.label == person.label for p in iv.interviewers)
    if outsider:  # a recruiter was not in the conversation: no "our conversation about"
        iv = iv.model_copy(update={"topics": []})
    folder = config_dir()
    settings = read_settings(folder)
    written = drafts.draft(
        kind,
        iv,
        person,
        settings.profile,
        linkedin_limit=settings.linkedin_limit,
        template=load_template(folder, f"reply-{iv.outcome}" if kind == drafts.REPLY else kind),
    )
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
    several = BY_NAME[kind].per_interviewer and len(iv.interviewers) > 1
    return result.hint(
        f"When it is done: `{advice.next_hint(iv.id, kind, clean(label or ''), several)}`"
    )


def addressee(iv: Interview, kind: str, who: str | None) -> Interviewer | None:
    """Whom a `kind` draft is for: `who`'s interviewer, the only one, or nobody.

    The phone draft is the user's own, so it is nobody's; with several interviewers
    and no `who`, the error names them and the `--who` that picks each. A check-in
    or a reply is for the whole interview: to `who` (an interviewer, or someone else
    such as a recruiter), else to the company's team (None).
    """
    from followup.core.lookup import describe, find_interviewer
    from followup.features.drafts import CHECKIN, REPLY

    if kind in (CHECKIN, REPLY):
        return _anyone(who, iv) if who is not None else None
    if not BY_NAME[kind].per_interviewer:
        return None
    if who is not None:
        return find_interviewer(who, iv)
    people = iv.interviewers
    if len(people) > 1:
        names = ", ".join(clean(p.label) for p in people)
        picks = " or ".join(f"--who {advice.who_word(p, people)}" for p in people)
        raise Ambiguous(
            f"{clean(describe(iv))} has {len(people)} interviewers ({names}): say whose "
            f"{BY_NAME[kind].label} to draft with {picks}"
        )
    return people[0] if people else None


def _anyone(who: str, iv: Interview) -> Interviewer:
    """The interviewer `who` names, or, for a check-in or a reply, someone else: a full
    name (two words or more) or an email that names no interviewer is a person of its
    own (the recruiter). One word that names nobody stays an error (a typo, likely)."""
    from followup.core.lookup import find_interviewer
    from followup.core.models import Interviewer
    from followup.errors import NotFound

    try:
        return find_interviewer(who, iv)
    except NotFound as exc:
        text = who.strip()
        if len(text.split()) < 2 and "@" not in text:
            raise NotFound(
                f"{exc}; to write to someone else (a recruiter), give their full name, as "
                f'in --who "Lisa Chen"'
            ) from None
        return Interviewer.parse(text)
