"""What commands show, as plain data: the JSON shapes (docs/json.md).

No Rich here, so `--json` never pays for importing it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from followup.core.checklist import is_overdue, unanswered_checkins
from followup.core.models import Interview, Interviewer, Step


def step_json(iv: Interview, step: Step, now: datetime) -> dict[str, Any]:
    """A step in its JSON shape (docs/json.md)."""
    return {
        "interview": iv.id,
        "company": iv.company,
        "step": step.step,
        "who": step.who,
        "due": step.due.isoformat(),
        "status": step.status,
        "done_at": step.done_at.isoformat() if step.done_at else None,
        "overdue": is_overdue(step, now),
        "reason": step.reason,
        "snoozed_from": step.snoozed_from.isoformat() if step.snoozed_from else None,
    }


def interview_json(iv: Interview, now: datetime) -> dict[str, Any]:
    """An interview in its JSON shape (docs/json.md), its steps included."""
    return {
        "id": iv.id,
        "uid": iv.uid,
        "company": iv.company,
        "role": iv.role,
        "at": iv.at.isoformat(),
        "interviewers": [_person_json(p) for p in iv.interviewers],
        "notes": iv.notes,
        "topics": [{"text": t.text, "who": t.who} for t in iv.topics],
        "decision": iv.decision.isoformat() if iv.decision else None,
        "round": iv.round,
        "previous": iv.previous,
        "unanswered_checkins": unanswered_checkins(iv),
        "closed": iv.closed,
        "outcome": iv.outcome,
        "deadline": iv.deadline.isoformat() if iv.deadline else None,
        "replied_at": iv.replied_at.isoformat() if iv.replied_at else None,
        "steps": [step_json(iv, s, now) for s in iv.steps],
        "created_at": iv.created_at.isoformat() if iv.created_at else None,
        "closed_at": iv.closed_at.isoformat() if iv.closed_at else None,
        "updated_at": iv.updated_at.isoformat() if iv.updated_at else None,
    }


def _person_json(person: Interviewer) -> dict[str, Any]:
    """An interviewer in its JSON shape: `key` only for someone renamed, `met_in` only
    for someone met in an earlier round (docs/json.md)."""
    shape: dict[str, Any] = {"name": person.name, "email": person.email}
    if person.key is not None:
        shape["key"] = person.key
    if person.met_in is not None:
        shape["met_in"] = person.met_in
    return shape
