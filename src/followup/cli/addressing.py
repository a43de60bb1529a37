"""Whom a draft is written to, and the draft itself: what draft and send share."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from followup.cli import advice
from followup.core.kinds import BY_NAME
from followup.core.text import clean
from followup.errors import Ambiguous

if TYPE_CHECKING:
    from followup.core.models import Interview, Interviewer
    from followup.features.fitting import Draft


class Written(NamedTuple):
    """A draft as `followup draft` prints it, and whom it is for."""

    draft: Draft
    #: Who it is written to (None: the team, or nobody for the phone script).
    person: Interviewer | None
    #: Whether that person is not one of the interviewers (a recruiter, say).
    outsider: bool
    #: The interview as the draft saw it (no topics for an outsider).
    interview: Interview


def write_draft(iv: Interview, kind: str, who: str | None) -> Written:
    """The `kind` draft of `iv` for `who` (see `addressee`), filled from the user's
    profile and worded by their templates. Someone who was not in the conversation (a
    recruiter) gets no "our conversation about": the topics are left out for them."""
    from followup.features import drafts
    from followup.features.config_file import read_settings
    from followup.features.templates import load_template
    from followup.storage.locations import config_dir

    if kind == drafts.REPLY:
        drafts.check_reply(iv)
    person = addressee(iv, kind, who)
    outsider = person is not None and not any(p.label == person.label for p in iv.interviewers)
    if outsider:
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
    return Written(written, person, outsider, iv)


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
