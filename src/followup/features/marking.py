"""Marking steps done, skipped or (reopen) pending, as plain functions on a `Change`.

The rules beyond ticking a box live here: `phone` is ticked on every open interview
at once, a check-in ticked adds the next one (and reopening it takes that back), a
check-in ticked twice within a day counts once, and a step skipped on purpose stays
skipped unless named. Interviews themselves (add, next round, edit, close) are in
`actions`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from followup.core.checklist import CHECKIN, DEFAULT_SCHEDULE, Schedule, checkins, follow_up_checkin
from followup.core.kinds import AFTER_CLOSE, BY_NAME, KIND_NAMES, parse_kind
from followup.core.lookup import describe, find_interviewer
from followup.core.models import Interview, Step
from followup.core.text import check_text
from followup.errors import FollowupError
from followup.features.actions import interview_named
from followup.storage.store import Change


@dataclass
class StepChanges:
    """What `set_steps` did: the steps it changed and those already in that state."""

    interview: Interview
    changed: list[Step] = field(default_factory=list)
    unchanged: list[Step] = field(default_factory=list)
    #: Steps of other interviews changed with it (ticking `phone` ticks every one).
    elsewhere: list[tuple[Interview, Step]] = field(default_factory=list)
    #: A check-in added because one was marked done.
    added: Step | None = None
    #: Check-ins removed because the one that added them was reopened.
    removed: list[Step] = field(default_factory=list)
    #: The check-in added by one done less than a day ago, left pending (a repeat).
    waiting: Step | None = None
    #: Steps ticked before they were due (a check-in sent early).
    early: list[Step] = field(default_factory=list)
    #: Whether steps were ticked done before the interview itself (a later round's).
    before_interview: bool = False
    #: Steps skipped on purpose that a bare `done` left alone (name them with --who).
    kept_skipped: list[Step] = field(default_factory=list)


#: A check-in ticked again within this long of the last one is taken as a repeat.
REPEAT = timedelta(days=1)


def set_steps(
    change: Change,
    ref: str,
    words: Sequence[str],
    status: str,
    now: datetime,
    *,
    who: str | Sequence[str] | None = None,
    reason: str | None = None,
    rules: Schedule = DEFAULT_SCHEDULE,
) -> StepChanges:
    """Mark steps `done`, `skipped` or (reopen) `pending`.

    Without `who`, every interviewer's step of each kind; with it (one name prefix
    or several), those people's (the interview-wide `phone` and `checkin` steps are
    not anyone's, so `who` does not narrow them).

    Marking `phone` done marks it on every open interview: one voicemail greeting
    serves them all. Marking a check-in done adds the next one (see
    `checklist.follow_up_checkin`); reopening one reopens the last one finished and
    takes back the one its completion added.
    """
    if not words:
        raise FollowupError(f"no step given: name one or more of {', '.join(KIND_NAMES)}")
    if reason is not None:
        reason = check_text("reason", reason.strip())
    kinds = list(dict.fromkeys(parse_kind(w) for w in words))
    prefixes = [who] if isinstance(who, str) else list(who or [])
    # A reply or a decision belongs to a closed interview: its company finds it too.
    after_close = all(kind in AFTER_CLOSE for kind in kinds)
    iv = interview_named(
        change, ref, *_round_wanted(kinds, prefixes, status), closed_too=after_close
    )
    people = {find_interviewer(prefix, iv).label for prefix in prefixes}
    result = StepChanges(iv)
    for kind in kinds:
        matching = [
            s
            for s in iv.steps
            if s.step == kind
            and (not people or not BY_NAME[kind].per_interviewer or s.who in people)
        ]
        if not matching:
            raise FollowupError(f"{describe(iv)} has no {kind} step")
        if kind == CHECKIN and status == "pending":
            matching = _reopen_checkin(iv, result)
        elif kind == CHECKIN:
            # The check-in at hand: the pending one; the ones sent before are history.
            matching = [s for s in matching if s.status == "pending"] or matching[-1:]
            if status == "done":
                matching = _checkin_to_tick(iv, matching, now, result)
        elif status == "done" and not people and BY_NAME[kind].per_interviewer:
            # A step skipped on purpose stays skipped unless named with --who.
            result.kept_skipped += [s for s in matching if s.status == "skipped"]
            matching = [s for s in matching if s.status != "skipped"]
        for s in matching:
            if s.status == status and (status != "skipped" or reason in (None, s.reason)):
                result.unchanged.append(s)
                continue
            s.status = status  # type: ignore[assignment]
            s.done_at = None if status == "pending" else now
            s.reason = reason if status == "skipped" else None
            result.changed.append(s)
        if kind == CHECKIN and status == "done" and any(s.step == CHECKIN for s in result.changed):
            result.added = follow_up_checkin(iv, rules, now)
            if result.added is not None:
                iv.steps.append(result.added)
        if kind == "phone" and status == "done":
            result.elsewhere = [
                (other, s)
                for other in change.open
                if other is not iv
                for s in other.steps
                if s.step == "phone" and s.status == "pending"
            ]
            for _, s in result.elsewhere:
                s.status, s.done_at, s.reason = "done", now, None
    result.before_interview = status == "done" and iv.at > now and bool(result.changed)
    verb = {"done": "marked done", "skipped": "skipped", "pending": "reopened"}[status]
    names = ", ".join(f"{s.step}" + (f" ({s.who})" if s.who else "") for s in result.changed)
    change.summary = f"{verb} {names} on {describe(iv)}"
    if result.elsewhere:
        others = ", ".join(f"#{other.id}" for other, _ in result.elsewhere)
        change.summary += f" (and phone on {others})"
    return result


def _round_wanted(
    kinds: list[str], prefixes: list[str], status: str
) -> tuple[Callable[[Interview], bool] | None, str]:
    """Which round of an application a step command may mean: one where it would change
    something (and where every `--who` names someone), and how to say that."""
    if kinds == ["phone"] and status == "done":
        return None, ""  # every open interview's phone is ticked anyway
    finished = status == "pending"

    def wants(iv: Interview) -> bool:
        for prefix in prefixes:
            try:
                find_interviewer(prefix, iv)
            except FollowupError:
                return False
        return any(
            s.step in kinds and (s.status != "pending" if finished else s.status == "pending")
            for s in iv.steps
        )

    state = "finished" if finished else "pending"
    return wants, f"{' and '.join(kinds)} is {state}"


def _checkin_to_tick(
    iv: Interview, matching: list[Step], now: datetime, result: StepChanges
) -> list[Step]:
    """Which check-in `done INTERVIEW checkin` ticks. A pending one not yet due, added
    when the last one was ticked less than a day ago, is left alone: the command was
    run twice (the last one is reported as already done). One not yet due otherwise
    is ticked and noted as early: a check-in can be sent before its day."""
    step = matching[0]  # never empty: a kind with no step is refused before
    if step.status != "pending" or step.due <= now:
        return matching
    chain = checkins(iv)
    before = [s for s in chain[: chain.index(step)] if s.status == "done"]
    last = before[-1] if before else None
    if last is not None and last.done_at is not None and now - last.done_at < REPEAT:
        result.waiting = step
        return [last]
    result.early.append(step)
    return matching


def _reopen_checkin(iv: Interview, result: StepChanges) -> list[Step]:
    """The check-in that `reopen INTERVIEW checkin` reopens: the last one finished. A
    pending check-in after it (added when it was done) is taken back."""
    chain = checkins(iv)
    finished = [s for s in chain if s.status != "pending"]
    if not finished:
        return chain  # all pending: "already pending"
    last = finished[-1]
    later = [s for s in chain[chain.index(last) + 1 :] if s.status == "pending"]
    result.removed = later
    iv.steps = [s for s in iv.steps if not any(s is gone for gone in later)]
    return [last]
