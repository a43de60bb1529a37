"""What the commands do to the data, as plain functions on a `Change`.

No printing, no Typer, no clock: each takes `now` and returns what it did, and
sets the change's summary (the line `undo` will show).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from followup.core.checklist import DEFAULT_RULES, Rules, derive_steps
from followup.core.kinds import BY_NAME, parse_kind
from followup.core.lookup import describe, find_interview, find_interviewer
from followup.core.models import OUTCOMES, Interview, Interviewer, Step
from followup.core.text import check_text
from followup.errors import FollowupError
from followup.storage.store import Change


def _clean_company(company: str) -> str:
    text = check_text("company", company.strip())
    if not text:
        raise FollowupError('the company name is empty: give one, e.g. "Acme Corp"')
    return text


def _check_people(people: Sequence[Interviewer]) -> None:
    seen: dict[str, Interviewer] = {}
    for person in people:
        key = person.label.casefold()
        if key in seen:
            raise FollowupError(
                f"interviewer {person.label!r} is named twice: steps go by name, so give "
                "each person a different one (e.g. add a surname or initial)"
            )
        seen[key] = person


def find(change: Change, ref: str) -> Interview:
    """The interview `ref` names, open or (by number) closed."""
    return find_interview(ref, change.open, change.doc.closed_ids, change.closed)


def add_interview(
    change: Change,
    *,
    company: str,
    at: datetime,
    now: datetime,
    role: str = "",
    interviewers: Sequence[Interviewer] = (),
    notes: str = "",
    rules: Rules = DEFAULT_RULES,
) -> Interview:
    """Record an interview and derive its checklist."""
    people = list(interviewers)
    _check_people(people)
    iv = Interview(
        id=change.new_id(),
        company=_clean_company(company),
        role=check_text("role", role.strip()),
        at=at,
        interviewers=people,
        notes=check_text("notes", notes, multiline=True),
        created_at=now,
    )
    iv.steps = derive_steps(iv, rules)
    change.open.append(iv)
    change.summary = f"added {describe(iv)}"
    return iv


@dataclass
class StepChanges:
    """What `set_steps` did: the steps it changed and those already in that state."""

    interview: Interview
    changed: list[Step] = field(default_factory=list)
    unchanged: list[Step] = field(default_factory=list)


def set_steps(
    change: Change,
    ref: str,
    words: Sequence[str],
    status: str,
    now: datetime,
    *,
    who: str | Sequence[str] | None = None,
    reason: str | None = None,
) -> StepChanges:
    """Mark steps `done`, `skipped` or (reopen) `pending`.

    Without `who`, every interviewer's step of each kind; with it (one name prefix
    or several), those people's (the interview-wide `phone` step is not anyone's,
    so `who` does not narrow it).
    """
    if not words:
        raise FollowupError("no step given: name one or more of email, linkedin, card, phone")
    if reason is not None:
        reason = check_text("reason", reason.strip())
    kinds = list(dict.fromkeys(parse_kind(w) for w in words))
    iv = find(change, ref)
    prefixes = [who] if isinstance(who, str) else list(who or [])
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
        for s in matching:
            if s.status == status and (status != "skipped" or reason in (None, s.reason)):
                result.unchanged.append(s)
                continue
            s.status = status  # type: ignore[assignment]
            s.done_at = None if status == "pending" else now
            s.reason = reason if status == "skipped" else None
            result.changed.append(s)
    verb = {"done": "marked done", "skipped": "skipped", "pending": "reopened"}[status]
    names = ", ".join(f"{s.step}" + (f" ({s.who})" if s.who else "") for s in result.changed)
    change.summary = f"{verb} {names} on {describe(iv)}"
    return result


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
    rules: Rules = DEFAULT_RULES,
) -> tuple[Interview, list[str]]:
    """Change an interview's details; due times follow. Returns it and what changed.

    `rename_with` pairs a `--who` prefix with the person's corrected name and/or
    email (a part left out is kept); their steps, in whatever state, stay theirs.
    """
    iv = find(change, ref)
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
    people = list(iv.interviewers)
    for prefix, new in rename_with:
        what.extend(_rename(iv, people, prefix, new))
    for prefix in remove_with:
        gone = find_interviewer(prefix, iv.model_copy(update={"interviewers": people}))
        people.remove(gone)
        what.append(f"removed {gone.label}")
    for person in add_with:
        people.append(person)
        what.append(f"added {person.label}")
    _check_people(people)
    iv.interviewers = people
    iv.steps = derive_steps(iv, rules, retime=retime)
    change.summary = f"edited {describe(iv)} ({', '.join(what)})" if what else None
    return iv, what


def _rename(iv: Interview, people: list[Interviewer], prefix: str, new: Interviewer) -> list[str]:
    """Rename the interviewer `prefix` names in `people` (and their steps) to `new`."""
    old = find_interviewer(prefix, iv.model_copy(update={"interviewers": people}))
    renamed = Interviewer(
        name=new.name or old.name, email=new.email if new.email is not None else old.email
    )
    if renamed == old:
        return []
    clash = next(
        (p for p in people if p is not old and p.label.casefold() == renamed.label.casefold()),
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
    return [f"{old} is now {renamed}"]


def close_interview(
    change: Change, ref: str, now: datetime, outcome: str | None = None
) -> tuple[Interview, bool]:
    """Close an interview: it leaves `status` and `list`. Returns it and whether it changed."""
    if outcome is not None and outcome not in OUTCOMES:
        raise FollowupError(f"unknown outcome {outcome!r}: use one of {', '.join(OUTCOMES)}")
    iv = find(change, ref)
    if iv.closed:
        if outcome is None or outcome == iv.outcome:
            return iv, False
        iv.outcome = outcome  # type: ignore[assignment]
        change.summary = f"set the outcome of {describe(iv)} to {outcome}"
        return iv, True
    change.open.remove(iv)
    iv.closed, iv.closed_at, iv.outcome = True, now, outcome  # type: ignore[assignment]
    change.closed().append(iv)
    change.summary = f"closed {describe(iv)}" + (f" ({outcome})" if outcome else "")
    return iv, True


def reopen_interview(change: Change, ref: str) -> tuple[Interview, bool]:
    """Reopen a closed interview (its outcome cleared, its steps as they were).

    `ref` may name a closed interview by company. Returns it and whether it changed
    (False: it was open already).
    """
    iv = find_interview(ref, change.open, change.doc.closed_ids, change.closed, closed_too=True)
    if not iv.closed:
        return iv, False
    change.closed().remove(iv)
    iv.closed, iv.closed_at, iv.outcome = False, None, None
    later = next((n for n, other in enumerate(change.open) if other.id > iv.id), None)
    change.open.insert(len(change.open) if later is None else later, iv)
    change.summary = f"reopened {describe(iv)}"
    return iv, True


def remove_interview(change: Change, iv: Interview) -> None:
    """Delete an interview (found with `find`). Its number is never given out again."""
    if iv.closed:
        change.closed().remove(iv)
    else:
        change.open.remove(iv)
    change.summary = f"removed {describe(iv)}"
