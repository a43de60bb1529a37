"""Whom a draft is written to: what draft and send share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.cli import advice
from followup.core.kinds import BY_NAME
from followup.core.text import clean
from followup.errors import Ambiguous

if TYPE_CHECKING:
    from followup.core.models import Interview, Interviewer


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
