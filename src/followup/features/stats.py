"""The season at a glance (`followup stats`): applications, outcomes, being on time,
replies. A pure function of every interview (history included) and "now".

An application is a first round and the rounds `next` added after it; it ends as
its last round ended. A step is on time when it was done by its due time; a snoozed
step is held to the time it had before the snooze (`snoozed_from`), and a skipped one
counts neither way.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from followup.core.kinds import KIND_NAMES
from followup.core.lookup import application_roots
from followup.core.models import OUTCOMES, Interview, Step

#: The outcome keys of `stats --json`, in the order shown: the four ways an
#: application ends, and `open` for one still going.
OUTCOME_KEYS: tuple[str, ...] = (*OUTCOMES, "open")
#: Outcomes that are a reply from the company.
ANSWERED = ("offer", "rejected")
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Timeliness:
    """Of the steps that count (done, or pending past their due time): how many were
    done by their due time."""

    on_time: int = 0
    counted: int = 0

    @property
    def share(self) -> float | None:
        return self.on_time / self.counted if self.counted else None


@dataclass(frozen=True)
class Season:
    """What `followup stats` reports."""

    applications: int
    interviews: int
    #: Applications by the outcome of their last round (OUTCOME_KEYS); one closed
    #: without an outcome counts in none of them.
    outcomes: dict[str, int]
    #: Applications closed without an outcome (in no key of `outcomes`).
    unknown_outcome: int
    timeliness: Timeliness
    #: The same, step kind by step kind (kinds with no step that counts are left out).
    by_step: dict[str, Timeliness]
    #: Interviews with a reply: `replied_at` set, or closed with an offer or rejection.
    replied: int
    #: For each of them with a date: calendar days from the interview to the reply
    #: (or to the closing, when no reply date was recorded).
    reply_days: list[float]
    #: reached[n]: how many applications had a round n + 1.
    reached: list[int]

    @property
    def on_time(self) -> float | None:
        return self.timeliness.share

    @property
    def median_days_to_reply(self) -> float | None:
        return round(statistics.median(self.reply_days), 1) if self.reply_days else None

    def as_json(self) -> dict[str, Any]:
        """The keys of `stats --json` (docs/json.md)."""
        return {
            "applications": self.applications,
            "interviews": self.interviews,
            "outcomes": dict(self.outcomes),
            "on_time": _share(self.timeliness),
            "replied": self.replied,
            "median_days_to_reply": self.median_days_to_reply,
            "rounds": list(self.reached),
            "on_time_by_step": {kind: _share(t) for kind, t in self.by_step.items()},
        }


def _share(t: Timeliness) -> float | None:
    share = t.share
    return None if share is None else round(share, 3)


def season(interviews: Sequence[Interview], now: datetime) -> Season:
    """The season of `interviews` (every one, open and closed) as of `now`."""
    roots = application_roots(interviews)
    applications: dict[int, list[Interview]] = {}
    for iv in interviews:
        applications.setdefault(roots[iv.id], []).append(iv)
    outcomes = dict.fromkeys(OUTCOME_KEYS, 0)
    unknown = 0
    reached: list[int] = []
    for rounds in applications.values():
        last = max(rounds, key=lambda iv: (iv.round, iv.at, iv.id))
        if not last.closed:
            outcomes["open"] += 1
        elif last.outcome is None:
            unknown += 1
        else:
            outcomes[last.outcome] += 1
        deepest = max(iv.round for iv in rounds)
        reached.extend([0] * (deepest - len(reached)))
        for n in range(deepest):
            reached[n] += 1
    by_step: dict[str, list[int]] = {}
    for iv in interviews:
        for step in iv.steps:
            verdict = on_time(step, now)
            if verdict is None:
                continue
            tally = by_step.setdefault(step.step, [0, 0])
            tally[0] += verdict
            tally[1] += 1
    kinds = {k: Timeliness(*by_step[k]) for k in KIND_NAMES if k in by_step}
    total = Timeliness(
        sum(t.on_time for t in kinds.values()), sum(t.counted for t in kinds.values())
    )
    replied = [iv for iv in interviews if has_reply(iv)]
    days = [d for iv in replied if (d := days_to_reply(iv)) is not None]
    return Season(
        applications=len(applications),
        interviews=len(interviews),
        outcomes=outcomes,
        unknown_outcome=unknown,
        timeliness=total,
        by_step=kinds,
        replied=len(replied),
        reply_days=days,
        reached=reached,
    )


def on_time(step: Step, now: datetime) -> bool | None:
    """Whether `step` was done by its due time (before any snooze); None when it does not
    count: skipped, pending and not yet due, or done at a time not recorded."""
    due = step.snoozed_from or step.due
    if step.status == "done":
        return None if step.done_at is None else step.done_at <= due
    if step.status == "pending" and due < now:
        return False
    return None


def has_reply(iv: Interview) -> bool:
    """The company answered: a reply was recorded, or it closed with an offer or rejection."""
    return iv.replied_at is not None or (iv.closed and iv.outcome in ANSWERED)


def days_to_reply(iv: Interview) -> float | None:
    """Calendar days (a fraction) from the interview to its reply, else to its closing;
    None when neither date is known. A reply recorded before the interview counts as 0."""
    end = iv.replied_at or (iv.closed_at if iv.closed else None)
    if end is None:
        return None
    return max(end - iv.at, timedelta(0)) / _DAY
