"""Finding the interview (INTERVIEW) and interviewer (--who) that the user means."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from followup.core.models import Interview, Interviewer
from followup.errors import Ambiguous, NotFound


def describe(iv: Interview) -> str:
    """'#3 Acme Corp (Data Analyst)', '#5 Acme Corp (Data Analyst, round 2)': how
    messages name an interview."""
    details = [iv.role] if iv.role else []
    if iv.round > 1:
        details.append(f"round {iv.round}")
    return f"#{iv.id} {iv.company}" + (f" ({', '.join(details)})" if details else "")


def application_roots(interviews: Sequence[Interview]) -> dict[int, int]:
    """For each interview, the number of the earliest round of its application among
    `interviews` (following `previous`)."""
    previous = {iv.id: iv.previous for iv in interviews}
    roots: dict[int, int] = {}
    for iv in interviews:
        number, seen = iv.id, {iv.id}
        while (before := previous.get(number)) is not None and before in previous:
            if before in roots:
                number = roots[before]
                break
            if before in seen:
                break
            number = before
            seen.add(number)
        roots[iv.id] = number
    return roots


def _pick_round(
    ref: str,
    matches: list[Interview],
    wants: Callable[[Interview], bool] | None,
    why: str,
    notes: list[str] | None,
) -> Interview:
    """One of several open rounds of one application that `ref` names.

    With `wants` (the rounds the command would change), the one round it holds for;
    when it holds for several, nothing is guessed: an error names them. Otherwise the
    latest round, and `notes` says so.
    """
    rounds = sorted(matches, key=lambda iv: (iv.round, iv.id))
    chosen = [iv for iv in rounds if wants(iv)] if wants is not None else []
    if len(chosen) > 1:
        listed = " and ".join(describe(iv) for iv in chosen)
        raise Ambiguous(
            f"{ref!r} names {len(rounds)} rounds of {rounds[0].company}, and {why} on "
            f"{listed}: use the number, as in `{chosen[0].id}`"
        )
    picked = chosen[0] if chosen else rounds[-1]
    if notes is not None:
        others = ", ".join(f"#{iv.id} (round {iv.round})" for iv in rounds if iv is not picked)
        reason = "the only one it applies to" if chosen else "the latest round"
        notes.append(
            f"{ref!r} is {describe(picked)}, {reason}; other rounds go by number: {others}"
        )
    return picked


def find_interview(
    ref: str,
    open_interviews: Sequence[Interview],
    closed_ids: Sequence[int] = (),
    load_closed: Callable[[], Sequence[Interview]] | None = None,
    *,
    wants: Callable[[Interview], bool] | None = None,
    why: str = "it applies",
    notes: list[str] | None = None,
) -> Interview:
    """The interview `ref` names: its number, or a prefix of one open interview's company.

    A number may name a closed interview (read through `load_closed`). A prefix is
    case-insensitive; an exact company name wins over longer names it prefixes.

    A prefix that matches several open rounds of one application (see `next`) picks
    one without surprise: the round that `wants` holds for (what the command would
    change; `why` says what that is in an error) when it is exactly one, an error
    naming them when several, else the latest round. What was picked and why goes
    to `notes`.
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
        existing, advice = _existing(open_interviews)
        raise NotFound(f"no interview #{number}: {existing}", advice=advice)
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
                "interview goes by its number",
                advice=("show-closed", closed[0].id),
            )
        existing, advice = _existing(open_interviews)
        raise NotFound(
            f"no open interview's company starts with {ref!r}: {existing}", advice=advice
        )
    roots = application_roots(open_interviews)
    if len({roots[iv.id] for iv in matches}) == 1:
        return _pick_round(ref, matches, wants, why, notes)
    listed = ", ".join(describe(iv) for iv in matches)
    raise Ambiguous(f"{ref!r} matches {len(matches)} open interviews: {listed}; use the number")


def _existing(interviews: Sequence[Interview]) -> tuple[str, tuple[str]]:
    """Which open interviews there are, and the advice key for the error's end."""
    if not interviews:
        return "there are no open interviews", ("add-first",)
    shown = ", ".join(describe(iv) for iv in interviews[:8])
    more = f" and {len(interviews) - 8} more" if len(interviews) > 8 else ""
    return f"open interviews are {shown}{more}", ("list-all",)


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
