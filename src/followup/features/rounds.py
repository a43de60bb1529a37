"""The rounds of one application: the rounds before an interview, and the people of
a new round who were met in an earlier one (`followup next`).

A person is the same across rounds by email, else by name (case, accents and
spacing aside); one carried over keeps their email and the round where they were
first met, so they get no second LinkedIn step.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from followup.core.lookup import describe
from followup.core.models import Interview, Interviewer
from followup.core.text import fold
from followup.core.zones import to_local
from followup.errors import FollowupError
from followup.storage.store import Change


def application_rounds(change: Change, iv: Interview) -> list[Interview]:
    """`iv` and the rounds before it in its application (following `previous`, open or
    closed), latest first. Closed rounds are read only when one is needed."""
    by_id = {other.id: other for other in change.open}
    found, number, seen = [iv], iv.previous, {iv.id}
    while number is not None and number not in seen:
        seen.add(number)
        if number not in by_id and number in change.doc.closed_ids:
            by_id.update({c.id: c for c in change.closed()})
        if number not in by_id:
            break
        found.append(by_id[number])
        number = by_id[number].previous
    return found


def _same_name(a: str, b: str) -> bool:
    """Whether two names are one, ignoring case, accents and spacing."""
    return bool(a.strip()) and " ".join(fold(a).split()) == " ".join(fold(b).split())


def _same_email(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def carry_people(
    change: Change,
    earlier: Interview,
    given: Sequence[Interviewer],
    *,
    same_panel: bool = False,
) -> list[Interviewer]:
    """The panel of the round after `earlier`: `given` (the `--with` people), each one
    who was on `earlier` or a round before it (the same email, else the same name
    ignoring case and accents) taken as that person, then, with `same_panel`, everyone
    else on `earlier`.

    A person carried over keeps the email they had (when none is given now) and
    `met_in`, the round where the user first met them, so they get no second
    `linkedin` step. An email matches before a name. When what is given differs
    from what was recorded (the same name with another email, the same email with
    another name), what is given now wins, and `change.notices` says so; so does a
    name that several earlier people share (the latest round's is taken).
    """
    rounds = application_rounds(change, earlier)
    # (person, the round they were on), latest round first.
    known = [(p, r) for r in rounds for p in r.interviewers]
    panel = list(earlier.interviewers) if same_panel else []
    people: list[Interviewer | None] = [None] * len(panel)
    for person in given:
        by_email = [(p, r) for p, r in known if _same_email(p.email, person.email)]
        by_name = [(p, r) for p, r in known if _same_name(p.name, person.name)]
        found = by_email or by_name
        if not found:
            people.append(person)
            continue
        old, held = found[0]
        first = old.met_in or _first_round(old, rounds, held)
        # The name as recorded when it is the same name; what is given now otherwise.
        name = old.name if _same_name(old.name, person.name) or not person.name else person.name
        email = person.email if person.email is not None else old.email
        carried = Interviewer(name=name, email=email, met_in=first)
        place = next((n for n, p in enumerate(panel) if _is_same(p, old)), None)
        if place is not None and people[place] is None:
            people[place] = carried
        else:
            people.append(carried)
        change.notices.append(_carried(person, old, held, first, by_email, by_name))
    brought = []
    for n, old in enumerate(panel):
        if people[n] is None:
            people[n] = Interviewer(name=old.name, email=old.email, met_in=old.met_in or earlier.id)
            brought.append(old.label)
    if same_panel and not panel:
        change.notices.append(
            f"{describe(earlier)} names no interviewers: --same-panel brought no one."
        )
    if brought:
        change.notices.append(
            f"Brought {', '.join(brought)} from {describe(earlier)}: no second LinkedIn "
            "step (connected already); email and card as for every round."
        )
    return [p for p in people if p is not None]


def _is_same(a: Interviewer, b: Interviewer) -> bool:
    return _same_email(a.email, b.email) or _same_name(a.name, b.name)


def _first_round(person: Interviewer, rounds: list[Interview], held: Interview) -> int:
    """The number of the earliest round (of `rounds`, latest first) that `person`
    was on, following them back from `held`."""
    first = held.id
    for r in rounds:
        if r.id < first and any(_is_same(person, p) for p in r.interviewers):
            first = r.id
    return first


def _carried(
    given: Interviewer,
    old: Interviewer,
    held: Interview,
    first: int,
    by_email: list[tuple[Interviewer, Interview]],
    by_name: list[tuple[Interviewer, Interview]],
) -> str:
    """What `next` says about a person it took as one of an earlier round."""
    same = _same_name(old.name, given.name) or not given.name
    label = (old.name if same else given.name) or old.email or ""
    said = f"{label} was on #{held.id}: the same person"
    if given.email is None and old.email:
        said += f", email {old.email} filled in"
    elif not given.name and old.name:
        said += f", name {old.name} filled in"
    elif given.email is not None and old.email is None:
        said += f", email {given.email} added"
    said += f"; no second LinkedIn step (connected since #{first})."
    if by_email and given.name and old.name and not _same_name(given.name, old.name):
        said += f" #{held.id} has them as {old.name}; this round uses {given.name}, as you gave it."
    elif not by_email and _differ(given.email, old.email):
        said += (
            f" #{held.id} has {old.email}; this round uses {given.email}, as you gave it"
            " (a different person? give them a different name, such as a surname)."
        )
    emails = {p.email.casefold(): p.email for p, _ in by_name if p.email and not by_email}
    emails.pop((old.email or "").casefold(), None)
    if emails:
        taken = f"{old.email} of" if old.email else "the one with no email on"
        said += (
            f" Earlier rounds also have {label} with {', '.join(emails.values())}; the "
            f"latest, {taken} #{held.id}, was taken: give the email to pick another."
        )
    return said


def _differ(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() != b.casefold()


def earlier_open_rounds(change: Change, iv: Interview) -> list[Interview]:
    """The open rounds that came before `iv` in its application (following `previous`)."""
    by_id = {other.id: other for other in change.open}
    found: list[Interview] = []
    number, seen = iv.previous, {iv.id}
    while number is not None and number not in seen:
        seen.add(number)
        if number in by_id:
            found.append(by_id[number])
            number = by_id[number].previous
        else:
            closed = next((c for c in change.closed() if c.id == number), None)
            number = closed.previous if closed else None
    return sorted(found, key=lambda r: r.id)


def check_order(change: Change, iv: Interview, tz: tzinfo | None = None) -> None:
    """A round comes no earlier than the round it follows and no later than the open
    rounds that follow it: `next --at` or `edit --at` that would put them out of order
    is refused. (A later round already closed into history is not read for this.)"""
    earlier = application_rounds(change, iv)[1:2]
    later = [r for r in (*change.open, *change.doc.awaiting) if r.previous == iv.id]

    def shown(moment: datetime) -> str:
        return f"{to_local(moment, tz):%Y-%m-%d %H:%M}"

    for before in earlier:
        if iv.at < before.at:
            raise FollowupError(
                f"round {iv.round} of {iv.company} can't be at {shown(iv.at)}: it follows "
                f"{describe(before)}, at {shown(before.at)}; give --at a later time"
            )
    for after in later:
        if iv.at > after.at:
            raise FollowupError(
                f"{describe(iv)} can't be at {shown(iv.at)}: {describe(after)} follows it, "
                f"at {shown(after.at)}; give --at an earlier time"
            )
