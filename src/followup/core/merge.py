"""Merging two copies of one interview, step by step: what sync between machines does.

Pure: two interviews in, the merged one and what changed out. No store, no clock.

What wins (docs/sync.md):

- steps are matched by kind and person (the person's `identity`, so a renamed
  interviewer is still the same person); several steps of one kind and person
  (the chain of check-ins) are matched in order, the first with the first;
- a step done or skipped on either side stays so; done against skipped: done, with
  the earlier `done_at`; both done (or both skipped): the earlier `done_at`; both
  pending: the copy whose fields win;
- a step on one side only is kept (a pending one only when its person is on the
  merged interview: a person dropped by the copy whose fields win takes their pending
  steps along, while one with a step done or skipped stays, so no tick is lost);
- people are matched by `identity` too; a person kept that way whose name another
  person of the merged copy has (each machine renamed someone to the same name) is
  kept under a name of their own, `Name (2)`, with their identity as `key`: steps go by
  name, so two people of one interview never share one;
- every field of the interview other than its steps comes from one copy, the whole
  copy: `fields_from_there` says which (the caller compares `updated_at`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from followup.core.models import Interview, Interviewer, Step, numbered
from followup.core.text import LIMITS

#: Fields of an interview that are never taken from the other copy: this store's
#: number, the identity both copies share, the steps (merged one by one) and the
#: time of the last change (the later of the two).
OWN_FIELDS = frozenset({"id", "uid", "steps", "updated_at"})


def merged_fields() -> tuple[str, ...]:
    """The interview's fields that come whole from the copy changed last: every field
    of the model but OWN_FIELDS, so fields added later merge too."""
    return tuple(name for name in Interview.model_fields if name not in OWN_FIELDS)


@dataclass
class Merged:
    """The merged interview and how it differs from the copy here."""

    interview: Interview
    #: (field, value here, value now) for each field the other copy replaced.
    replaced: list[tuple[str, Any, Any]] = field(default_factory=list)
    #: Steps that are done or skipped now and were not so here (or not here at all).
    ticks: list[Step] = field(default_factory=list)
    #: Pending steps that came from the other copy (not here before).
    added: list[Step] = field(default_factory=list)
    #: People kept from the copy whose fields lost, for steps of theirs done or skipped:
    #: (as in that copy, as kept: under a name of their own when theirs was taken).
    kept_people: list[tuple[Interviewer, Interviewer]] = field(default_factory=list)

    #: Whether it differs from the copy here at all (the time of the last change aside).
    changed: bool = False


def _finished(step: Step) -> bool:
    return step.status != "pending"


def merge_step(here: Step, there: Step, there_wins: bool) -> Step:
    """One step from its two copies (same kind and person), as said above."""
    if not _finished(here) and not _finished(there):
        return there if there_wins else here
    if _finished(here) != _finished(there):
        return here if _finished(here) else there
    if here.status != there.status:  # done against skipped: done, the earlier time
        done, other = (here, there) if here.status == "done" else (there, here)
        return done.model_copy(update={"done_at": min(_moment(done), _moment(other))})
    first, second = (there, here) if there_wins else (here, there)
    return second if _moment(second) < _moment(first) else first


def _moment(step: Step) -> datetime:
    # A finished step always has done_at (the models' writers set it); a hand-edited one
    # without counts as finished at its due time.
    return step.done_at or step.due


Key = tuple[str, str | None]


def _keyed(iv: Interview) -> list[tuple[Key, int, Step]]:
    """Each step of `iv` with its key (kind, the person's identity) and its place among
    the steps of that key (0 but in a chain of check-ins), in the order of `iv`."""
    ids = {p.label: p.identity for p in iv.interviewers}
    seen: dict[Key, int] = {}
    found = []
    for step in iv.steps:
        key = (step.step, None if step.who is None else ids.get(step.who, step.who))
        seen[key] = seen.get(key, -1) + 1
        found.append((key, seen[key], step))
    return found


def _grouped(iv: Interview) -> dict[Key, list[Step]]:
    groups: dict[Key, list[Step]] = {}
    for key, _, step in _keyed(iv):
        groups.setdefault(key, []).append(step)
    return groups


def merge_interviews(
    here: Interview,
    there: Interview,
    *,
    fields_from_there: bool,
    previous_there: Callable[[int | None], int | None] | None = None,
) -> Merged:
    """`here` (this store's copy) merged with `there` (the file's copy of the same
    interview). `previous_there` turns the file's `previous` into this store's number."""
    winner, loser = (there, here) if fields_from_there else (here, there)
    values = {name: getattr(winner, name) for name in merged_fields()}
    if fields_from_there and previous_there is not None:
        values["previous"] = previous_there(there.previous)
    people = list(values["interviewers"])
    known = {p.identity for p in people}
    win_groups, lose_groups = _grouped(winner), _grouped(loser)
    kept: list[tuple[Interviewer, Interviewer]] = []
    for person in loser.interviewers:
        if person.identity in known:
            continue
        theirs = [s for (_, who), steps in lose_groups.items() if who == person.identity
                  for s in steps]  # fmt: skip
        if any(_finished(s) for s in theirs):
            kept.append((person, _own_name(person, people)))
            people.append(kept[-1][1])
            known.add(person.identity)
    values["interviewers"] = people
    label = {p.identity: p.label for p in people}

    def placed(step: Step, person: str | None) -> Step:
        who = None if person is None else label.get(person, step.who)
        return step.model_copy(update={"who": who})

    steps: list[Step] = []
    for key, n, step in _keyed(winner):  # the winner's order: merging again is a no-op
        others = lose_groups.get(key, [])
        if n < len(others):
            pair = (others[n], step) if fields_from_there else (step, others[n])
            step = merge_step(*pair, there_wins=fields_from_there)
        steps.append(placed(step, key[1]))
    for key, n, step in _keyed(loser):  # what the winner has not, in the loser's order
        if n < len(win_groups.get(key, ())):
            continue  # matched above
        if key[1] is not None and key[1] not in label:
            continue  # a person the merged copy does not have, with nothing finished
        steps.append(placed(step, key[1]))
    stamps = [t for t in (here.updated_at, there.updated_at) if t is not None]
    merged = here.model_copy(
        update={**values, "steps": steps, "updated_at": max(stamps) if stamps else None}
    )
    result = Merged(merged, kept_people=kept)
    result.changed = merged.model_dump(exclude={"updated_at"}) != here.model_dump(
        exclude={"updated_at"}
    )
    for name in merged_fields():
        before, after = getattr(here, name), getattr(merged, name)
        if before != after:
            result.replaced.append((name, before, after))
    _compare_steps(here, merged, result)
    return result


def _own_name(person: Interviewer, people: list[Interviewer]) -> Interviewer:
    """`person`, joining `people`, under a name no one of them has (nor holds as key)."""
    if person.label.casefold() not in {p.label.casefold() for p in people}:
        return person
    taken = [p.label for p in people] + [p.identity for p in people]
    name = numbered(person.label, taken, LIMITS["name"])  # still a name `add` accepts
    # their identity stays (as a rename keeps it), so a later merge still knows them
    key = person.identity if person.identity != name else None
    return person.model_copy(update={"name": name, "key": key})


def _compare_steps(here: Interview, merged: Interview, result: Merged) -> None:
    """Fill `result.ticks` and `result.added`: the merged steps that are new to `here`."""
    before = _grouped(here)
    for (kind, person), steps in _grouped(merged).items():
        mine = before.get((kind, person), [])
        for n, step in enumerate(steps):
            old = mine[n] if n < len(mine) else None
            if _finished(step) and (old is None or old.status != step.status):
                result.ticks.append(step)
            elif old is None:
                result.added.append(step)
