"""The checklist engine: which follow-ups an interview needs, and when they are due.

Pure functions of an interview, the rules and (for "overdue") a given `now`:
nothing here reads the clock, the environment or the disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import NamedTuple

from followup.core.kinds import KINDS, order
from followup.core.models import Interview, Interviewer, Step

_DEFAULT_DELAYS: Mapping[str, timedelta] = MappingProxyType(
    {k.name: k.default_delay for k in KINDS}
)


class Rules(NamedTuple):
    """How long after the interview each kind of step is due."""

    delays: Mapping[str, timedelta] = _DEFAULT_DELAYS

    def due(self, kind: str, at: datetime) -> datetime:
        """The due time of a `kind` step for an interview at `at`."""
        return at + self.delays.get(kind, timedelta(0))


DEFAULT_RULES = Rules()


def step_keys(interviewers: Iterable[Interviewer]) -> list[tuple[str, str | None]]:
    """The (kind, who) pairs an interview with these interviewers needs, in display order.

    One `phone` step with no one; `email`, `linkedin` and `card` per interviewer in the
    order given, or one each with no one when no interviewer is named.
    """
    people = [i.label for i in interviewers] or [None]
    keys: list[tuple[str, str | None]] = []
    for kind in KINDS:
        if kind.per_interviewer:
            keys.extend((kind.name, who) for who in people)
        else:
            keys.append((kind.name, None))
    return keys


def derive_steps(interview: Interview, rules: Rules = DEFAULT_RULES, *, retime: bool = False):
    """Return the steps `interview` should have, keeping what is already recorded.

    Existing steps whose (kind, who) is still needed are kept as they are, except
    that with `retime` (the interview's time changed) pending ones get a new due
    time from `rules`; done and skipped steps never change. Steps of people no
    longer on the interview are dropped; new people get fresh pending steps.
    """
    existing = {(s.step, s.who): s for s in interview.steps}
    steps: list[Step] = []
    for kind, who in step_keys(interview.interviewers):
        old = existing.get((kind, who))
        if old is None:
            steps.append(Step(step=kind, who=who, due=rules.due(kind, interview.at)))
        elif retime and old.status == "pending":
            steps.append(old.model_copy(update={"due": rules.due(kind, interview.at)}))
        else:
            steps.append(old)
    return steps


def is_overdue(step: Step, now: datetime) -> bool:
    """A step is overdue when it is pending and its due time is before `now`."""
    return step.status == "pending" and step.due < now


def progress(interview: Interview) -> tuple[int, int]:
    """(steps finished, steps in all); skipped steps count as finished."""
    finished = sum(1 for s in interview.steps if s.status != "pending")
    return finished, len(interview.steps)


def next_due(interview: Interview) -> Step | None:
    """The pending step due soonest, or None when nothing is pending."""
    pending = [s for s in interview.steps if s.status == "pending"]
    return min(pending, key=lambda s: (s.due, order(s.step)), default=None)


def agenda(
    interviews: Iterable[Interview], now: datetime, *, include_finished: bool = False
) -> list[tuple[Interview, Step]]:
    """The steps of open interviews as `status` lists them.

    Pending steps only (unless `include_finished`), overdue ones first, then by due
    time; ties keep the interview number and the kind order.
    """
    rows = [
        (iv, s)
        for iv in interviews
        if not iv.closed
        for s in iv.steps
        if include_finished or s.status == "pending"
    ]

    def key(row: tuple[Interview, Step]):
        iv, s = row
        rank = 0 if is_overdue(s, now) else 1 if s.status == "pending" else 2
        return (rank, s.due, iv.id, order(s.step))

    rows.sort(key=key)
    return rows
