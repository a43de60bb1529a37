"""Finding the interview (INTERVIEW) and interviewer (--who) that the user means."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from followup.core.models import Interview, Interviewer
from followup.core.text import fold
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
    `interviews` (following `previous`). A loop of `previous` links (a hand-edited
    store) is one application, whose earliest round is the loop's lowest number, in
    whatever order the interviews come."""
    previous = {iv.id: iv.previous for iv in interviews}
    roots: dict[int, int] = {}
    for iv in interviews:
        number, walked = iv.id, {iv.id: 0}  # the numbers walked, in the order reached
        while (before := previous.get(number)) is not None and before in previous:
            if before in roots:
                number = roots[before]
                break
            if before in walked:  # the loop is what was walked from `before` on
                number = min(n for n, at in walked.items() if at >= walked[before])
                break
            number = before
            walked[number] = len(walked)
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
    closed_too: bool = False,
    wants: Callable[[Interview], bool] | None = None,
    why: str = "it applies",
    notes: list[str] | None = None,
) -> Interview:
    """The interview `ref` names: its number, or a prefix of one open interview's company.

    A number may name a closed interview (read through `load_closed`). A prefix
    ignores case and accents (`societe` finds "Société Générale"); an exact company
    name wins over longer names it prefixes. With `closed_too`, a prefix that names
    no open interview may name one closed interview (`show`, `reopen`).

    A prefix that matches several open rounds of one application (see `next`) picks
    one without surprise: the round that `wants` holds for (what the command would
    change; `why` says what that is in an error) when it is exactly one, an error
    naming them when several, else the latest round. What was picked and why goes
    to `notes`.
    """
    text = ref.strip()
    if text.startswith("#"):
        text = text[1:]
    if text.isascii() and text.isdigit():
        number = int(text)
        for iv in open_interviews:
            if iv.id == number:
                return iv
        if number in closed_ids and load_closed is not None:
            for iv in load_closed():
                if iv.id == number:
                    return iv
        named = [iv for iv in open_interviews if fold(iv.company).startswith(text)]
        if named:  # a company called "1234": numbers are read as numbers first
            listed = ", ".join(f"#{iv.id}" for iv in named)
            raise NotFound(
                f"no interview #{number}; a number is read as an interview number first, "
                f"and {text!r} is the company of {listed}: use that number"
            )
        existing, advice = _existing(open_interviews)
        raise NotFound(f"no interview #{number}: {existing}", advice=advice)
    needle = fold(text)
    if not needle:
        raise NotFound("no interview given: name one by its number or company")
    matches = _by_company(needle, open_interviews)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        closed = _by_company(needle, load_closed() if load_closed and closed_ids else [])
        if closed_too and len(closed) == 1:
            return closed[0]
        if closed_too and len(set(application_roots(closed).values())) == 1:
            return _pick_round(ref, closed, None, why, notes)  # the latest closed round
        if closed:
            listed = ", ".join(describe(iv) for iv in closed[:5])
            if closed_too:
                raise Ambiguous(
                    f"{ref!r} names no open interview and {len(closed)} closed ones: "
                    f"{listed}; use the number"
                )
            first = closed[0].id
            raise NotFound(
                f"{ref!r} names no open interview, only closed ones ({listed}): a closed "
                f"interview goes by its number (#{first})",
                advice=("reopen-closed", first),
            )
        existing, advice = _existing(open_interviews)
        if re.fullmatch(r"-\d+", text):  # `done -1 email`: a number, not a company
            raise NotFound(
                f"no interview {text}: interview numbers start at 1, and {existing}",
                advice=advice,
            )
        raise NotFound(
            f"no open interview's company starts with {ref!r}: {existing}", advice=advice
        )
    roots = application_roots(open_interviews)
    if len({roots[iv.id] for iv in matches}) == 1:
        return _pick_round(ref, matches, wants, why, notes)
    listed = ", ".join(describe(iv) for iv in matches)
    raise Ambiguous(f"{ref!r} matches {len(matches)} open interviews: {listed}; use the number")


def _by_company(needle: str, interviews: Sequence[Interview]) -> list[Interview]:
    """The interviews whose company starts with `needle` (folded); an exact name wins."""
    matches = [iv for iv in interviews if fold(iv.company).startswith(needle)]
    exact = [iv for iv in matches if fold(iv.company) == needle]
    return exact if len(exact) == 1 or (exact and len(exact) == len(matches)) else matches


def _existing(interviews: Sequence[Interview]) -> tuple[str, tuple[str]]:
    """Which open interviews there are, and the advice key for the error's end."""
    if not interviews:
        return "there are no open interviews", ("add-first",)
    shown = ", ".join(describe(iv) for iv in interviews[:8])
    more = f" and {len(interviews) - 8} more" if len(interviews) > 8 else ""
    return f"open interviews are {shown}{more}", ("list-all",)


#: Where a name splits into parts that `--who` may start: spaces and hyphens.
_PARTS = re.compile(r"[\s\-]+")


def _key(text: str) -> str:
    """A name as `--who` compares it: folded, without apostrophes (`o'brien` = `obrien`)."""
    return fold(text).replace("'", "")


def named_twice(people: Sequence[Interviewer]) -> tuple[int, Interviewer] | None:
    """The first person (and their place) whose label another, earlier one has as
    `--who` compares names ("José" and "jose"), or None: steps go by label, and `--who`
    could not tell two such people apart."""
    seen: set[str] = set()
    for n, person in enumerate(people):
        key = _key(person.label)
        if key in seen:
            return n, person
        seen.add(key)
    return None


def same_person_label(a: Interviewer, b: Interviewer) -> bool:
    """Whether `a` and `b` have labels that `--who` cannot tell apart."""
    return _key(a.label) == _key(b.label)


def who_matches(prefix: str, people: Sequence[Interviewer]) -> list[Interviewer]:
    """The interviewers `prefix` names, best tier first: the whole name (or email)
    exactly, else the start of it, else the start of any part of the name
    (`nunez` for "José Núñez"). Case, accents and apostrophes are ignored."""
    needle = _key(prefix)
    if not needle:
        return []

    def names(p: Interviewer) -> list[str]:
        return [_key(p.name), _key(p.email or "")]

    tiers = (
        [p for p in people if needle in names(p)],
        [p for p in people if any(n.startswith(needle) for n in names(p) if n)],
        [
            p
            for p in people
            if any(_key(part).startswith(needle) for part in _PARTS.split(p.name) if part)
        ],
    )
    return next((tier for tier in tiers if tier), [])


def who_word(person: Interviewer, people: Sequence[Interviewer]) -> str:
    """The shortest `--who` that picks `person` out of `people`: the first word of their
    name (or email) when `who_matches` finds them alone by it, else all of it."""
    words = person.label.split()
    first = words[0] if words else person.label
    return first if who_matches(first, people) == [person] else person.label


def find_interviewer(prefix: str, iv: Interview) -> Interviewer:
    """The one interviewer on `iv` that `prefix` names (see `who_matches`)."""
    people = iv.interviewers
    if not people:
        raise NotFound(f"{describe(iv)} has no named interviewers, so --who does not apply")
    matches = who_matches(prefix, people)
    names = ", ".join(p.label for p in people)
    if not matches:
        raise NotFound(f"no interviewer on {describe(iv)} matches {prefix!r}: they are {names}")
    if len(matches) > 1:
        found = ", ".join(p.label for p in matches)
        raise Ambiguous(f"{prefix!r} matches {found} on {describe(iv)}: type more of the name")
    return matches[0]
