"""`followup show`: show one interview in full: details, interviewers, notes, checklist and
progress."""

from __future__ import annotations

from datetime import datetime

from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import InterviewArg, JsonOpt
from followup.cli.result import Result


@command()
def show(interview: InterviewArg, as_json: JsonOpt = False) -> Result:
    """Example: followup show acme"""
    from followup.core.shapes import interview_json

    e = env()
    iv, notices = e.find(interview)
    result = Result(lambda: interview_json(iv, e.now))
    for notice in notices:
        result.note(notice)
    result.show(lambda: _full_detail(iv, e.now))
    if iv.closed:
        result.hint(f"#{iv.id} is closed; `followup reopen {iv.id}` reopens it.")
    return result


def _full_detail(iv, now: datetime) -> list:
    from followup.cli.advice import draft_commands
    from followup.cli.views import drafts_section, interview_detail

    return [*interview_detail(iv, now), *drafts_section(draft_commands(iv))]
