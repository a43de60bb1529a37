"""Finding the interview (INTERVIEW) and interviewer (--who) that the user means."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from followup.core.models import Interview, Interviewer
from followup.errors import Ambiguous, NotFound


def describe(iv: Interview) -> str:
    """'#3 Acme Corp (Data Analyst)': how messages name an interview."""
    role = f" ({iv.role})" if iv.role else ""
    return f"#{iv.id} {iv.company}{role}"


def find_interview(
    ref: str,
    open_interviews: Sequence[Interview],
    closed_ids: Sequence[int] = (),
    load_closed: Callable[[], Sequence[Interview]] | None = None,
) -> Interview:
    """The interview `ref` names: its number, or a prefix of one open interview's company.

    A number may name a closed interview (read through `load_closed`). A prefix is
    case-insensitive; an exact company name wins over longer names it prefixes.
    """
    text = ref.strip()
    if text.startswith("#"):
        text = text[1:]
    if text.isdigit():
        number = int(text)
        for iv in open_interviews:
            if iv.id == number:
                return iv
        if number in closed_ids and load_closed is not None:
            for iv in load_closed():
                if iv.id == number:
                    return iv
        named = [iv for iv in open_interviews if iv.company.casefold().startswith(text)]
        if named:  # a company called "1234": numbers are read as numbers first
            listed = ", ".join(f"#{iv.id}" for iv in named)
            raise NotFound(
                f"no interview #{number}; a number is read as an interview number first, "
                f"and {text!r} is the company of {listed}: use that number"
            )
        raise NotFound(f"no interview #{number}: {_existing(open_interviews)}")
    needle = text.casefold()
    if not needle:
        raise NotFound("no interview given: name one by its number or company")
    matches = [iv for iv in open_interviews if iv.company.casefold().startswith(needle)]
    exact = [iv for iv in matches if iv.company.casefold() == needle]
    if len(exact) == 1 or (exact and len(exact) == len(matches)):
        matches = exact
    if len(matches) == 1:
        return matches[0]
    if not matches:
        closed = [
            iv
            for iv in (load_closed() if load_closed and closed_ids else [])
            if iv.company.casefold().startswith(needle)
        ]
        if closed:
            listed = ", ".join(describe(iv) for iv in closed[:5])
            raise NotFound(
                f"{ref!r} names no open interview, only closed ones ({listed}): a closed "
                f"interview goes by its number, as in `followup show {closed[0].id}`"
            )
        raise NotFound(
            f"no open interview's company starts with {ref!r}: {_existing(open_interviews)}"
        )
    listed = ", ".join(describe(iv) for iv in matches)
    raise Ambiguous(f"{ref!r} matches {len(matches)} open interviews: {listed}; use the number")


def _existing(interviews: Sequence[Interview]) -> str:
    if not interviews:
        return "there are no open interviews (add one with `followup add COMPANY`)"
    shown = ", ".join(describe(iv) for iv in interviews[:8])
    more = f" and {len(interviews) - 8} more" if len(interviews) > 8 else ""
    return f"open interviews are {shown}{more} (`followup list --all` shows closed ones)"


def find_interviewer(prefix: str, iv: Interview) -> Interviewer:
    """The one interviewer on `iv` whose name (or email) starts with `prefix`, any case."""
    needle = prefix.strip().casefold()
    people = iv.interviewers
    if not people:
        raise NotFound(f"{describe(iv)} has no named interviewers, so --who does not apply")
    matches = [p for p in people if needle and p.label.casefold().startswith(needle)]
    exact = [p for p in matches if p.label.casefold() == needle]
    if exact:
        matches = exact[:1]
    names = ", ".join(p.label for p in people)
    if not matches:
        raise NotFound(f"no interviewer on {describe(iv)} matches {prefix!r}: they are {names}")
    if len(matches) > 1:
        found = ", ".join(p.label for p in matches)
        raise Ambiguous(f"{prefix!r} matches {found} on {describe(iv)}: type more of the name")
    return matches[0]
