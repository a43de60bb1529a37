"""After the thank-yous: replied (the company answered) and snooze (put a step off),
and reading the times they and `close --deadline` take."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Annotated

import typer

from followup.cli.app import command, env
from followup.cli.options import InterviewArg, JsonOpt, WhoOpt, complete_step
from followup.cli.result import Result
from followup.errors import FollowupError

#: A deadline typed as a date alone is the end of that day, local.
END_OF_DAY = time(23, 59)
#: Nine o'clock typed as a time (`9am`, `09:00`, `9h`): a date alone reads as 09:00 too.
_NINE = re.compile(r"(?<!\d)0?9(?::00|\.00|h\b|\s*a\.?m\b)", re.IGNORECASE)
#: The furthest ahead a deadline or a snooze may be.
_AHEAD = timedelta(days=366)


def _forward(text: str, now: datetime, option: str) -> datetime:
    """A time to come, as `--decision` reads it: `friday`, `in 3 days`, `december 4`
    (the coming one), a date with no time being 09:00."""
    from followup.cli.app import rules
    from followup.core.when import parse_decision

    moment = parse_decision(text, now, holidays=rules().holidays)
    if moment - now > _AHEAD:
        raise FollowupError(
            f"{option} {text!r} is {moment.date().isoformat()}, more than a year from now: "
            "check the date"
        )
    return moment


def parse_deadline(text: str, now: datetime) -> datetime:
    """`close --deadline WHEN`: read forward; a date without a time is 23:59 local that
    day (the offer may be answered all day); not in the past."""
    from followup.core.when import DEFAULT_TIME, localize, to_local

    moment = _forward(text, now, "--deadline")
    local = to_local(moment)
    if local.time() == DEFAULT_TIME and not _NINE.search(text):
        moment = localize(datetime.combine(local.date(), END_OF_DAY)).astimezone(moment.tzinfo)
    if moment <= now:
        raise FollowupError(
            f"--deadline {text!r} has passed ({to_local(moment):%Y-%m-%d %H:%M}): give the "
            "day and time the offer must be answered by"
        )
    return moment


@command()
def replied(
    interview: InterviewArg,
    on: Annotated[
        str,
        typer.Option(
            "--on",
            help="When their reply came: 'today 11:00', yesterday, ISO 8601 (not later than now).",
        ),
    ] = "now",
    note: Annotated[
        str | None,
        typer.Option(
            "--note", help="What they said, added to the private notes, dated.", show_default=False
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> Result:
    """Record that the company replied: its pending check-ins are skipped ("they replied").

    `followup undo` brings the check-ins back. When they decided, close it instead (or as
    well): `followup close INTERVIEW --outcome offer|rejected`.

    Example: followup replied acme --on "yesterday 4pm" --note "second round next week"
    """
    from followup.core.shapes import interview_json
    from followup.core.when import parse_when
    from followup.features import replies

    e = env()
    moment = parse_when(on, e.now)
    with e.store.change(e.now) as change:
        done = replies.record_reply(change, interview, moment, e.now, note=note)
    iv = done.interview
    result = Result(lambda: interview_json(iv, e.now))
    for notice in change.notices:
        result.note(notice)
    result.show(f"#{iv.id} {iv.company}: {replied_line(iv, e.now)}.")
    if done.skipped:
        result.say(
            f"Skipped {len(done.skipped)} pending check-in(s) (they replied); "
            "`followup undo` brings them back."
        )
    if not iv.closed:
        result.hint(
            f"When they decide: `followup close {iv.id} --outcome offer|rejected`; "
            f"a next round: `followup next {iv.id} --at WHEN`."
        )
    return result


def replied_line(iv, now: datetime) -> str:
    """'replied Thu 26 Nov 09:00': what `show` and `status` say of a reply."""
    from followup.cli.views import local_time

    return f"replied {local_time(iv.replied_at, now)}"


@command()
def snooze(
    interview: InterviewArg,
    step: Annotated[
        str,
        typer.Argument(
            metavar="STEP",
            help="The step to put off: email, linkedin, card, phone, checkin, reply, decide.",
            autocompletion=complete_step,
            show_default=False,
        ),
    ],
    until: Annotated[
        str,
        typer.Option(
            "--until",
            help="Its new due time, later than now: 'monday 9am', 'in 3 days', 2026-12-04.",
            show_default=False,
        ),
    ],
    who: WhoOpt = None,
    as_json: JsonOpt = False,
) -> Result:
    """Put a pending step off until a later time; show marks it snoozed.

    Without --who, every interviewer's pending step of that kind moves. A snoozed step
    keeps its new time when the interview's time or decision date changes;
    `followup undo` puts it back.

    Example: followup snooze acme card --who jane --until "monday 9am"
    """
    from followup.cli.views import local_time
    from followup.core.kinds import BY_NAME
    from followup.core.shapes import step_json
    from followup.features import replies

    e = env()
    moment = _forward(until, e.now, "--until")
    with e.store.change(e.now) as change:
        iv, moved = replies.snooze_step(change, interview, step, moment, e.now, who=who)
    result = Result(lambda: [step_json(iv, s, e.now) for s in moved])
    for notice in change.notices:
        result.note(notice)
    for s in moved:
        whom = f" · {s.who}" if s.who else ""
        assert s.snoozed_from is not None
        result.show(
            f"snoozed: {BY_NAME[s.step].label}{whom} (#{iv.id} {iv.company}) until "
            f"{local_time(s.due, e.now)} (was due {local_time(s.snoozed_from, e.now)})"
        )
    return result.hint("`followup undo` puts it back.")
