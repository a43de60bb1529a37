"""The checklist engine: which follow-ups an interview needs, and when they are due.

Pure functions of an interview, its `Schedule` and (for "overdue") a given `now`:
nothing here reads the clock, the environment or the disk.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from types import MappingProxyType
from typing import NamedTuple

from followup.core.business_days import NO_HOLIDAYS, Delay, roll_to_business_day
from followup.core.kinds import (
    AFTER_CLOSE,
    BY_NAME,
    CHECKIN_AGAIN,
    CHECKIN_MAX,
    CHECKIN_NO_DATE,
    KINDS,
    order,
)
from followup.core.models import Interview, Interviewer, Step

_DEFAULT_DELAYS: Mapping[str, Delay] = MappingProxyType({k.name: k.default_delay for k in KINDS})
CHECKIN = "checkin"
REPLY = "reply"
DECIDE = "decide"
LINKEDIN = "linkedin"
#: How long an interview is taken to last: no check-in falls due before it is over.
INTERVIEW_LENGTH = timedelta(hours=1)


class Schedule(NamedTuple):
    """When steps fall due: the delays per kind (`checkin`'s counts from the decision
    date), the check-in policy, and the calendar that business days are counted in
    (`holidays`, and `tz`, the local zone: None for the system's)."""

    delays: Mapping[str, Delay] = _DEFAULT_DELAYS
    checkin_no_date: Delay = CHECKIN_NO_DATE
    checkin_again: Delay = CHECKIN_AGAIN
    checkin_max: int = CHECKIN_MAX
    holidays: Container[date] = NO_HOLIDAYS
    tz: tzinfo | None = None

    def after(self, delay: Delay, moment: datetime, kind: str) -> datetime:
        """`delay` after `moment`, moved to a business day for kinds that need one."""
        due = delay.after(moment, self.holidays, self.tz)
        if BY_NAME[kind].working_day:
            due = roll_to_business_day(due, self.holidays, self.tz)
        return due

    def due(self, kind: str, at: datetime) -> datetime:
        """The due time of a `kind` step for an interview at `at` (not a check-in)."""
        return self.after(self.delays.get(kind, Delay()), at, kind)

    def first_checkin(self, iv: Interview) -> datetime:
        """When the first check-in is due: after the decision date, else after the interview."""
        if iv.decision is not None:
            due = self.after(self.delays.get(CHECKIN, Delay()), iv.decision, CHECKIN)
        else:
            due = self.after(self.checkin_no_date, iv.at, CHECKIN)
        # Never before the interview is over (a decision due that day, a delay of 0).
        return max(due, iv.at + INTERVIEW_LENGTH)

    def next_checkin(self, sent: datetime) -> datetime:
        """When the check-in after one sent at `sent` is due, by `checkin_again` alone."""
        return self.after(self.checkin_again, sent, CHECKIN)

    def later_checkin(self, iv: Interview, sent: datetime) -> datetime:
        """When the check-in after one sent at `sent` is due: `checkin_again` after it,
        and never before the first check-in's own time (a check-in sent early, before
        they said they would decide, does not pull the next one before that date)."""
        return max(self.next_checkin(sent), self.first_checkin(iv))

    def reply_due(self, closed: datetime) -> datetime:
        """When the reply to a decision recorded at `closed` is due (`due.reply`)."""
        return self.due(REPLY, closed)


DEFAULT_SCHEDULE = Schedule()


def step_keys(interviewers: Iterable[Interviewer]) -> list[tuple[str, str | None]]:
    """The (kind, who) pairs an interview with these interviewers needs, in display order.

    One `phone` step with no one; `email`, `linkedin` and `card` per interviewer in the
    order given, or one each with no one when no interviewer is named. Someone met in
    an earlier round of the application (`met_in`) gets no `linkedin` step: one
    connection per person per application. Check-ins are a chain of their own (see
    `derive_steps`).
    """
    named = list(interviewers)
    people: list[Interviewer | None] = [*named] or [None]
    keys: list[tuple[str, str | None]] = []
    for kind in KINDS:
        if kind.name == CHECKIN or kind.after_close:
            continue
        if kind.per_interviewer:
            keys.extend(
                (kind.name, p.label if p else None)
                for p in people
                if not (kind.name == LINKEDIN and p is not None and p.met_in is not None)
            )
        else:
            keys.append((kind.name, None))
    return keys


def derive_steps(interview: Interview, rules: Schedule = DEFAULT_SCHEDULE, *, retime: bool = False):
    """Return the steps `interview` should have, keeping what is already recorded.

    Existing steps whose (kind, who) is still needed are kept as they are, except
    that with `retime` (the interview's time or decision date changed) pending ones
    get a new due time from `rules`; done and skipped steps never change. Steps of
    people no longer on the interview are dropped; new people get fresh pending steps.

    Check-ins come last, in the order they were added: a new interview gets its first
    (none when `rules.checkin_max` is 0); with `retime`, the pending one moves (the
    first: `Schedule.first_checkin`; a later one: `Schedule.later_checkin` after the last
    one sent), while those done or skipped keep their time.
    """
    existing = {(s.step, s.who): s for s in interview.steps if s.step != CHECKIN}
    steps: list[Step] = []
    for kind, who in step_keys(interview.interviewers):
        old = existing.get((kind, who))
        if old is None:
            steps.append(Step(step=kind, who=who, due=rules.due(kind, interview.at)))
        elif retime and old.status == "pending":
            steps.append(old.model_copy(update={"due": rules.due(kind, interview.at)}))
        else:
            steps.append(old)
    chain = checkins(interview)
    if not chain and rules.checkin_max > 0:
        chain = [Step(step=CHECKIN, due=rules.first_checkin(interview))]
    elif retime:
        chain = _retimed_checkins(interview, chain, rules)
    return steps + chain


def _retimed_checkins(interview: Interview, chain: list[Step], rules: Schedule) -> list[Step]:
    """`chain` after the interview's time or decision date changed: each pending
    check-in due as if it had been added now, the others as they are."""
    retimed: list[Step] = []
    sent: datetime | None = None  # when the last check-in before this one was sent
    for s in chain:
        if s.status == "pending":
            if sent is None:
                due = rules.first_checkin(interview)
            else:
                due = rules.later_checkin(interview, sent)
            s = s.model_copy(update={"due": due})
        elif s.status == "done" and s.done_at is not None:
            sent = s.done_at
        retimed.append(s)
    return retimed


#: Which of several people's steps the unnamed step takes over: the most advanced.
_PROGRESS = {"done": 0, "skipped": 1, "pending": 2}


def hand_over(steps: Sequence[Step], before: Sequence[str], after: Sequence[str]) -> list[Step]:
    """`steps` with progress carried across a change of who is named on the interview
    (the labels `before` and `after`), so that no edit resets a done or skipped step.

    From no one named to some: the first person named takes over the unnamed steps
    (`email`, `linkedin`, `card`), with their states; the others get new ones. From
    some to no one: each unnamed step takes over the most advanced step of that kind
    of the people removed (done, then skipped, then pending; the first named on a
    tie). Otherwise `steps` as they are: people who stay keep theirs.
    """
    kept = list(steps)
    if not before and after:
        return [
            s.model_copy(update={"who": after[0]})
            if s.who is None and BY_NAME[s.step].per_interviewer
            else s
            for s in kept
        ]
    if before and not after:
        rank = {who: n for n, who in enumerate(before)}
        theirs = [s for s in kept if s.who in rank]
        taken: set[int] = set()
        for kind in dict.fromkeys(s.step for s in theirs):
            same = [s for s in theirs if s.step == kind]
            taken.add(id(min(same, key=lambda s: (_PROGRESS[s.status], rank[s.who]))))
        return [s.model_copy(update={"who": None}) if id(s) in taken else s for s in kept]
    return kept


def keep_snoozed(before: list[Step], after: list[Step]) -> list[Step]:
    """`after` (the steps re-derived from a new time or decision date), with each step
    that was snoozed and is still pending back at the time it was snoozed to: a snooze
    is the user's own choice of time, which no re-timing overrides. Steps are matched by
    kind and person (check-ins in order)."""

    def keyed(steps: list[Step]) -> dict[tuple[str, str | None, int], Step]:
        seen: dict[tuple[str, str | None], int] = {}
        found = {}
        for s in steps:
            n = seen[(s.step, s.who)] = seen.get((s.step, s.who), -1) + 1
            found[(s.step, s.who, n)] = s
        return found

    snoozed = {
        key: s
        for key, s in keyed(before).items()
        if s.snoozed_from is not None and s.status == "pending"
    }
    if not snoozed:
        return after
    kept = []
    for key, s in keyed(after).items():
        old = snoozed.get(key)
        if old is not None and s.status == "pending" and s.due != old.due:
            s = s.model_copy(update={"due": old.due})
        kept.append(s)
    return kept


def checkins(interview: Interview) -> list[Step]:
    """The interview's check-in steps, in the order they were added."""
    return [s for s in interview.steps if s.step == CHECKIN]


def follow_up_checkin(interview: Interview, rules: Schedule, sent: datetime) -> Step | None:
    """The next check-in to add after one was marked done at `sent`, or None.

    One is added while the interview has had fewer than `rules.checkin_max` check-ins
    and none is pending, due as `Schedule.later_checkin` says.
    """
    chain = checkins(interview)
    if any(s.status == "pending" for s in chain):
        return None
    if sum(s.status == "done" for s in chain) >= rules.checkin_max:
        return None
    return Step(step=CHECKIN, due=rules.later_checkin(interview, sent))


def unanswered_checkins(interview: Interview) -> int:
    """How many check-ins went unanswered, when the chain has run out: no check-in
    pending and the last one done (not skipped). 0 otherwise, for closed interviews, and
    once they replied."""
    chain = checkins(interview)
    if interview.closed or interview.replied_at is not None:
        return 0
    if not chain or chain[-1].status != "done":
        return 0
    if any(s.status == "pending" for s in chain):
        return 0
    return sum(s.status == "done" for s in chain)


def after_close_steps(
    outcome: str | None, deadline: datetime | None, rules: Schedule, now: datetime
):
    """The steps that closing an interview with `outcome` at `now` adds: a `reply` for an
    offer or a rejection, and a `decide` due at the offer's `deadline` when there is one."""
    steps = []
    if outcome in ("offer", "rejected"):
        steps.append(Step(step=REPLY, due=rules.reply_due(now)))
    if outcome == "offer" and deadline is not None:
        steps.append(Step(step=DECIDE, due=deadline))
    return steps


def awaits_answer(interview: Interview) -> bool:
    """Whether a closed interview still has a `reply` or `decide` step pending (then it
    stays in open.json, and `status` lists those steps)."""
    return interview.closed and any(
        s.status == "pending" and s.step in AFTER_CLOSE for s in interview.steps
    )


def shows_in_status(interview: Interview, step: Step) -> bool:
    """Whether `status` lists `step`: every step of an open interview; of a closed one,
    only its pending `reply` and `decide` (its other steps are no follow-ups any more)."""
    if not interview.closed:
        return True
    return step.status == "pending" and step.step in AFTER_CLOSE


def is_overdue(step: Step, now: datetime) -> bool:
    """A step is overdue when it is pending and its due time is before `now`."""
    return step.status == "pending" and step.due < now


def progress(interview: Interview) -> tuple[int, int]:
    """(steps finished, steps in all); skipped steps count as finished."""
    finished = sum(1 for s in interview.steps if s.status != "pending")
    return finished, len(interview.steps)


def most_valuable(rows: list[tuple[Interview, Step]], now: datetime):
    """The pending (interview, step) that `status` suggests doing first, or None.

    Among the steps overdue or due within a day (else the soonest one), the most
    valuable kind first (the email before the card, the voicemail check last), then
    the one due soonest.
    """
    pending = [(iv, s) for iv, s in rows if s.status == "pending"]
    if not pending:
        return None
    soon = now + timedelta(days=1)
    urgent = [(iv, s) for iv, s in pending if s.due <= soon] or pending[:1]
    return min(urgent, key=lambda row: (BY_NAME[row[1].step].value, row[1].due, row[0].id))


def next_due(interview: Interview) -> Step | None:
    """The pending step due soonest, or None when nothing is pending."""
    pending = [s for s in interview.steps if s.status == "pending"]
    return min(pending, key=lambda s: (s.due, order(s.step)), default=None)


def agenda(
    interviews: Iterable[Interview], now: datetime, *, include_finished: bool = False
) -> list[tuple[Interview, Step]]:
    """The steps of open interviews as `status` lists them, and the pending `reply` and
    `decide` steps of closed ones (`shows_in_status`).

    Pending steps only (unless `include_finished`), overdue ones first, then by due
    time; ties keep the interview number and the kind order.
    """
    rows = [
        (iv, s)
        for iv in interviews
        for s in iv.steps
        if (include_finished or s.status == "pending") and shows_in_status(iv, s)
    ]

    def key(row: tuple[Interview, Step]):
        iv, s = row
        rank = 0 if is_overdue(s, now) else 1 if s.status == "pending" else 2
        return (rank, s.due, iv.id, order(s.step))

    rows.sort(key=key)
    return rows
