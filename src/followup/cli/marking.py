"""Ticking steps off, skipping them, putting them back: what done, skip and reopen
share."""

from __future__ import annotations

from followup.cli.environment import env
from followup.cli.result import Result
from followup.cli.settings import rules
from followup.core.kinds import AFTER_CLOSE, BY_NAME


def mark(
    ref: str, steps: list[str], who: list[str] | None, state: str, reason: str | None
) -> Result:
    """Set `steps` of the interview `ref` to `state` (done, skipped, pending again) and
    say what changed, what was left as it was, and what comes next."""
    from followup.core.checklist import progress, unanswered_checkins
    from followup.core.shapes import step_json
    from followup.features import marking

    e = env()
    with e.store.change(e.now) as change:
        marked = marking.set_steps(
            change, ref, steps, state, e.now, who=who, reason=reason, rules=rules()
        )
    iv = marked.interview

    def changed() -> list:
        rows = [step_json(iv, s, e.now) for s in marked.changed]
        rows += [step_json(other, s, e.now) for other, s in marked.elsewhere]
        if marked.added is not None:
            rows.append(step_json(iv, marked.added, e.now))
        return rows

    result = Result(changed)
    for notice in change.notices:
        result.note(notice)
    result.say(lambda: _marked_lines(marked, state))
    for s in marked.kept_skipped:
        why = f" ({s.reason})" if s.reason else ""
        whom = f" · {s.who}" if s.who else ""
        result.say(
            f"skipped{why}, left as it is: {BY_NAME[s.step].label}{whom}. Name it with "
            f"--who to mark it done: `followup done {iv.id} {s.step} --who "
            f'"{s.who}"`'
        )
    if marked.waiting is not None:
        result.say(
            f"The next check-in is due {_when(marked.waiting.due, e.now)}. Sent that one "
            "too? Tick it from tomorrow on: a second `done` within a day of the first counts "
            "as a repeat."
        )
    for s in marked.early:
        result.say(
            f"The check-in was not due until {_when(s.due, e.now)}: ticked anyway (sent early)."
        )
    if iv.closed and any(s.step not in AFTER_CLOSE for s in marked.changed):
        outcome = f" ({iv.outcome})" if iv.outcome else ""
        result.say(
            f"#{iv.id} {iv.company} is closed{outcome}: the step changed, but the interview "
            "stays closed and out of `followup status`."
        )
    if marked.before_interview:
        result.say(
            f"The interview of #{iv.id} is on {_when(iv.at, e.now)}: ticked anyway, "
            "before it has happened."
        )
    if marked.elsewhere:
        others = ", ".join(f"#{other.id} {other.company}" for other, _ in marked.elsewhere)
        result.say(f"Also done: phone on {others} (one voicemail greeting serves every interview).")
    if marked.added is not None:
        result.say(
            f"No reply yet? The next check-in is due {_when(marked.added.due, e.now)}: "
            f"`followup draft {iv.id} checkin` writes it."
        )
    elif marked.removed:
        result.say("The check-in that followed it is taken back.")
    finished, total = progress(iv)
    result.show(f"#{iv.id} {iv.company}: {finished}/{total} follow-ups finished.")
    if len(marked.changed) > 1:  # one tick needs no reminder; several at once might surprise
        result.hint(
            f"That was {len(marked.changed)} steps at once: `followup undo` puts them all back."
        )
    unanswered = unanswered_checkins(iv)
    if unanswered and state == "done":
        times = "check-in" if unanswered == 1 else "check-ins"
        result.hint(
            f"No reply after {unanswered} {times}: time to move on. "
            f"`followup close {iv.id} --outcome no-response` closes it."
        )
    elif finished == total and not iv.closed and state != "pending":
        result.hint(
            f"All follow-ups of #{iv.id} are finished. When you hear back: "
            f"`followup close {iv.id} --outcome offer|rejected|withdrawn|no-response`."
        )
    return result


def _when(moment, now) -> str:
    from followup.cli.steps import local_time

    return local_time(moment, now)


def _marked_lines(marked, state: str) -> list:
    """'done: Thank-you email · Jane Doe', one styled line per step named."""
    from rich.text import Text

    from followup.cli.render import user

    word = {"done": "done", "skipped": "skipped", "pending": "pending again"}[state]
    lines = []
    for s, already in [
        *((s, False) for s in marked.changed),
        *((s, True) for s in marked.unchanged),
    ]:
        said = f"already {state}: " if already else f"{word}: "
        line = Text(said, style="dim" if already else "green")
        line.append(BY_NAME[s.step].label)
        if s.who:
            line.append(" · ")
            line.append_text(user(s.who))
        lines.append(line)
    return lines
