"""What the commands do to interviews, as plain functions on a `Change`: add one,
record its next round, edit, close, reopen and remove it. Marking its steps is in
`marking`.

No printing, no Typer, no clock: each takes `now` and returns what it did, and
sets the change's summary (the line `undo` will show).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from followup.core.checklist import (
    DECIDE,
    DEFAULT_SCHEDULE,
    Schedule,
    after_close_steps,
    checkins,
    derive_steps,
    hand_over,
    keep_snoozed,
)
from followup.core.kinds import AFTER_CLOSE
from followup.core.lookup import (
    describe,
    find_interview,
    find_interviewer,
    named_twice,
    same_person_label,
)
from followup.core.models import OUTCOMES, Interview, Interviewer, Step, new_uid, numbered
from followup.core.text import check_text
from followup.core.zones import to_local
from followup.errors import FollowupError
from followup.features.rounds import carry_people, check_order, earlier_open_rounds
from followup.features.topics import parse_topics as parse_topics
from followup.storage.store import Change


def _clean_company(company: str) -> str:
    text = check_text("company", company.strip())
    if not text:
        raise FollowupError('the company name is empty: give one, e.g. "Acme Corp"')
    return text


def _check_people(people: Sequence[Interviewer]) -> None:
    twice = named_twice(people)
    if twice is not None:
        raise FollowupError(
            f"interviewer {twice[1].label!r} is named twice: steps go by name, so give "
            "each person a different one (e.g. add a surname or initial)"
        )


#: The reason given to the check-ins of a round when the next round is recorded.
NEXT_ROUND = "next round"
#: Keeps the "clear the decision date" request apart from "leave it as it is" (None).
CLEAR = "none"


def interview_named(
    change: Change,
    ref: str,
    wants: Callable[[Interview], bool] | None = None,
    why: str = "it applies",
    *,
    closed_too: bool = False,
) -> Interview:
    """The interview `ref` names, open or (by number, or by company with `closed_too`)
    closed. Among several rounds of one application, see `lookup.find_interview`;
    what was picked goes to `change.notices`."""
    return find_interview(
        ref,
        change.open,
        change.closed_ids(),
        change.closed,
        closed_too=closed_too,
        wants=wants,
        why=why,
        notes=change.notices,
    )


def _check_decision(iv: Interview, tz: tzinfo | None = None) -> None:
    """A decision comes after the interview: one on an earlier day is refused (on the
    day itself it is taken as that day: its check-in waits for the interview's end)."""
    if iv.decision is None:
        return
    decided, held = to_local(iv.decision, tz).date(), to_local(iv.at, tz).date()
    if decided < held:
        raise FollowupError(
            f"the decision date {decided.isoformat()} is before the interview "
            f"({held.isoformat()}): they decide after it, so give a day from "
            f'{held.isoformat()} on (e.g. --decision "{held.isoformat()}" or later)'
        )


def add_interview(
    change: Change,
    *,
    company: str,
    at: datetime,
    now: datetime,
    role: str = "",
    interviewers: Sequence[Interviewer] = (),
    notes: str = "",
    topics: Sequence[str] = (),
    decision: datetime | None = None,
    rules: Schedule = DEFAULT_SCHEDULE,
    previous: Interview | None = None,
) -> Interview:
    """Record an interview (the next round of `previous`, if given) and derive its
    checklist."""
    people = list(interviewers)
    _check_people(people)
    iv = Interview(
        id=change.new_id(),
        uid=new_uid(),
        company=_clean_company(company),
        role=check_text("role", role.strip()),
        at=at,
        interviewers=people,
        notes=check_text("notes", notes, multiline=True),
        topics=parse_topics(topics, people),
        decision=decision,
        round=previous.round + 1 if previous else 1,
        previous=previous.id if previous else None,
        created_at=now,
    )
    _check_decision(iv, rules.tz)
    if previous is not None:
        check_order(change, iv, rules.tz)
    iv.steps = derive_steps(iv, rules)
    change.open.append(iv)
    change.summary = f"added {describe(iv)}"
    return iv


def next_round(
    change: Change,
    ref: str,
    *,
    at: datetime,
    now: datetime,
    role: str | None = None,
    interviewers: Sequence[Interviewer] = (),
    notes: str = "",
    topics: Sequence[str] = (),
    decision: datetime | None = None,
    rules: Schedule = DEFAULT_SCHEDULE,
    same_panel: bool = False,
) -> tuple[Interview, Interview, list[Step]]:
    """Record the next round of the application `ref` names (its latest round, when a
    company prefix matches several). The earlier round's pending check-ins are
    skipped (`next round`): the new round has its own. Returns the new round, the
    earlier one, and the check-ins skipped.

    People carry across rounds (see `carry_people`): someone of an earlier round is
    that person again, with their email, and no second `linkedin` step; with
    `same_panel`, everyone on the round `ref` names comes too.
    """
    earlier = interview_named(change, ref)
    people = carry_people(change, earlier, interviewers, same_panel=same_panel)
    iv = add_interview(
        change,
        company=earlier.company,
        at=at,
        now=now,
        role=earlier.role if role is None else role,
        interviewers=people,
        notes=notes,
        topics=topics,
        decision=decision,
        rules=rules,
        previous=earlier,
    )
    skipped = [s for s in checkins(earlier) if s.status == "pending"]
    for s in skipped:
        s.status, s.done_at, s.reason = "skipped", now, NEXT_ROUND
    if earlier.closed:
        change.closed()  # the earlier round's file is rewritten with it
    change.summary = f"added {describe(iv)}, after {describe(earlier)}"
    return iv, earlier, skipped


def edit_interview(
    change: Change,
    ref: str,
    *,
    company: str | None = None,
    role: str | None = None,
    at: datetime | None = None,
    notes: str | None = None,
    add_with: Sequence[Interviewer] = (),
    remove_with: Sequence[str] = (),
    rename_with: Sequence[tuple[str, Interviewer]] = (),
    decision: datetime | str | None = None,
    topics: Sequence[str] = (),
    clear_topics: bool = False,
    rules: Schedule = DEFAULT_SCHEDULE,
) -> tuple[Interview, list[str]]:
    """Change an interview's details; due times follow. Returns it and what changed.

    `rename_with` pairs a `--who` prefix with the person's corrected name and/or
    email (a part left out is kept); their steps, in whatever state, stay theirs.
    `decision` is a datetime, `CLEAR` to clear it, or None to leave it. `topics` are
    added to the interview's, after clearing them all with `clear_topics`.
    """
    iv = interview_named(change, ref)
    steps_before = [(s.step, s.who, s.due, s.status) for s in iv.steps]
    what: list[str] = []
    if company is not None and company.strip() != iv.company:
        iv.company = _clean_company(company)
        what.append("company")
    if role is not None and role.strip() != iv.role:
        iv.role = check_text("role", role.strip())
        what.append("role")
    if notes is not None and notes != iv.notes:
        iv.notes = check_text("notes", notes, multiline=True)
        what.append("notes")
    retime = at is not None and at != iv.at
    if retime:
        iv.at = at  # type: ignore[assignment]
        what.append("time")
    new_decision = None if decision == CLEAR else decision
    if decision is not None and new_decision != iv.decision:
        iv.decision = new_decision  # type: ignore[assignment]
        what.append("decision date" if new_decision else "decision date cleared")
        retime = True
    _check_decision(iv, rules.tz)
    if "time" in what:
        check_order(change, iv, rules.tz)
    people = list(iv.interviewers)
    for prefix, new in rename_with:
        what.extend(_rename(iv, people, prefix, new))
    named = [p.label for p in people]
    for prefix in remove_with:
        gone = find_interviewer(prefix, iv.model_copy(update={"interviewers": people}))
        people.remove(gone)
        what.append(f"removed {gone.label}")
    for person in add_with:
        people.append(_with_own_key(person, people))
        what.append(f"added {person.label}")
    _check_people(people)
    iv.interviewers = people
    labels = {p.label for p in people}
    kept = [t for t in iv.topics if not clear_topics and (t.who is None or t.who in labels)]
    added = parse_topics(topics, people)
    if clear_topics and iv.topics:
        what.append("topics cleared")
    if added:
        what.append(f"{len(added)} topic(s) added")
    if kept + added != iv.topics:
        iv.topics = kept + added
    # Progress stays when the panel goes from no one named to someone, or back.
    iv.steps = hand_over(iv.steps, named, [p.label for p in people])
    iv.steps = keep_snoozed(iv.steps, derive_steps(iv, rules, retime=retime))
    if not what and [(s.step, s.who, s.due, s.status) for s in iv.steps] != steps_before:
        # Nothing given changed, but the steps follow settings changed since (checkin.max).
        what.append("steps follow the current settings")
    change.summary = f"edited {describe(iv)} ({', '.join(what)})" if what else None
    return iv, what


def _rename(iv: Interview, people: list[Interviewer], prefix: str, new: Interviewer) -> list[str]:
    """Rename the interviewer `prefix` names in `people` (and their steps) to `new`."""
    old = find_interviewer(prefix, iv.model_copy(update={"interviewers": people}))
    renamed = Interviewer(
        name=new.name or old.name,
        email=new.email if new.email is not None else old.email,
        met_in=old.met_in,  # still met in that earlier round: still no LinkedIn step
    )
    if (renamed.name, renamed.email) == (old.name, old.email):
        return []
    if old.identity != renamed.label:  # the calendar keeps their events: same UIDs
        renamed.key = old.identity
    clash = next(
        (p for p in people if p is not old and same_person_label(p, renamed)),
        None,
    )
    if clash is not None:
        raise FollowupError(
            f"can't rename {old.label} to {renamed.label!r}: {clash.label} is already on "
            f"{describe(iv)}; give a name that tells them apart"
        )
    people[people.index(old)] = renamed
    for s in iv.steps:
        if s.who == old.label:
            s.who = renamed.label
    for topic in iv.topics:  # "Jane: their move to dbt" stays Jane's
        if topic.who == old.label:
            topic.who = renamed.label
    return [f"{old} is now {renamed}"]


def _with_own_key(person: Interviewer, people: list[Interviewer]) -> Interviewer:
    """`person`, joining `people`, with a key of their own: their label, unless someone
    renamed holds it as their key (then `Name (2)`), so that no two share calendar UIDs."""
    taken = {p.identity for p in people}
    if person.label not in taken:
        return person
    return person.model_copy(update={"key": numbered(person.label, taken)})


def close_interview(
    change: Change,
    ref: str,
    now: datetime,
    outcome: str | None = None,
    *,
    deadline: datetime | None = None,
    rules: Schedule = DEFAULT_SCHEDULE,
) -> tuple[Interview, bool, str | None]:
    """Close an interview: it leaves `status` and `list`. Returns it, whether it changed,
    and the outcome it had before (an interview closed already gets a new outcome).

    An offer or a rejection adds a pending `reply` step, due `due.reply` after now; an
    offer with a `deadline` (when it must be answered by) adds a `decide` step due then.
    Earlier rounds closed with it get neither (see `answer_steps`)."""
    if outcome is not None and outcome not in OUTCOMES:
        raise FollowupError(f"unknown outcome {outcome!r}: use one of {', '.join(OUTCOMES)}")
    iv = interview_named(change, ref)
    before = iv.outcome
    if deadline is not None and (outcome or iv.outcome) != "offer":
        raise FollowupError(
            f"a deadline is for an offer: close {describe(iv)} with --outcome offer to give one"
        )
    if iv.closed:
        new_outcome = outcome not in (None, iv.outcome)
        if not new_outcome and deadline in (None, iv.deadline):
            return iv, False, before
        change.closed()  # its file is rewritten with the new outcome
        if new_outcome:
            iv.outcome = outcome  # type: ignore[assignment]
            earlier = f" from {before}" if before else ""
            change.summary = f"changed the outcome of {describe(iv)}{earlier} to {outcome}"
        else:
            change.summary = f"set the deadline of {describe(iv)}"
        answer_steps(iv, now, rules, deadline)
        return iv, True, before
    earlier = earlier_open_rounds(change, iv) if outcome is not None else []
    for closing in [iv, *earlier]:
        change.open.remove(closing)
        closing.closed, closing.closed_at = True, now
        closing.outcome = outcome  # type: ignore[assignment]
        change.closed().append(closing)
    answer_steps(iv, now, rules, deadline)
    change.summary = f"closed {describe(iv)}" + (f" ({outcome})" if outcome else "")
    if earlier:
        # An outcome ends the application: its earlier rounds have nothing left to do.
        listed = ", ".join(describe(r) for r in earlier)
        change.summary += f" and its earlier round(s) {listed}"
        change.notices.append(
            f"Also closed {listed}: an earlier round of the same application ({outcome})."
        )
    return iv, True, before


def answer_steps(
    iv: Interview, now: datetime, rules: Schedule, deadline: datetime | None = None
) -> None:
    """Give a closed interview the `reply` and `decide` steps its outcome calls for.

    An offer or a rejection gets one `reply` (added once: a changed outcome keeps the one
    it has); an offer with a deadline gets one `decide`, due at the deadline (a new
    deadline moves it). A pending step that the outcome no longer calls for goes; a done
    or skipped one stays, as history."""
    if deadline is not None:
        iv.deadline = deadline
    if iv.outcome != "offer":
        iv.deadline = None
    wanted = {s.step: s for s in after_close_steps(iv.outcome, iv.deadline, rules, now)}
    kept: list[Step] = []
    for s in iv.steps:
        if s.step in AFTER_CLOSE and s.status == "pending" and s.step not in wanted:
            continue
        if s.step == DECIDE and s.status == "pending" and iv.deadline is not None:
            s.due, s.snoozed_from = iv.deadline, None
        kept.append(s)
    have = {s.step for s in kept}
    iv.steps = kept + [s for kind, s in wanted.items() if kind not in have]


def reopen_interview(change: Change, ref: str) -> tuple[Interview, bool]:
    """Reopen a closed interview (its outcome and deadline cleared, its steps as they
    were, but for a pending reply or decision, which answered that outcome).

    `ref` may name a closed interview by company. Returns it and whether it changed
    (False: it was open already).
    """
    iv = find_interview(ref, change.open, change.closed_ids(), change.closed, closed_too=True)
    if not iv.closed:
        return iv, False
    change.closed().remove(iv)
    iv.closed, iv.closed_at, iv.outcome, iv.deadline = False, None, None, None
    # Its reply and decision answered the outcome, which is gone: pending ones go too.
    iv.steps = [s for s in iv.steps if not (s.step in AFTER_CLOSE and s.status == "pending")]
    later = next((n for n, other in enumerate(change.open) if other.id > iv.id), None)
    change.open.insert(len(change.open) if later is None else later, iv)
    change.summary = f"reopened {describe(iv)}"
    return iv, True


def remove_interview(change: Change, iv: Interview) -> None:
    """Delete an interview (found with `interview_named`). Its number is never given out again."""
    if iv.closed:
        change.closed().remove(iv)
    else:
        change.open.remove(iv)
    change.summary = f"removed {describe(iv)}"
