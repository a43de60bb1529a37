"""Advice: the command lines that followup suggests, worded in one place.

Only the command line spells `followup ...`: the layers below return data and
raise errors, and an error (or a notice, `storage.migrations.Notice`) that needs
advice names it by a key (`advice`) that `error_text` (or `advised`) words here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from followup.core.kinds import BY_NAME, CHECKLIST_NAMES
from followup.core.text import clean

if TYPE_CHECKING:
    from followup.core.models import Interview, Interviewer, Step
    from followup.errors import FollowupError
    from followup.features.fitting import Draft

#: How the command line completes an error raised below it (or a notice), by its advice key.
ERROR_ADVICE = {
    "recover": (
        "; the file was left as it is: fix it by hand, or run `followup doctor` to restore "
        "the last good state"
    ),
    "doctor": "; run `followup doctor`{0}",
    "import-formats": " (json as `followup export` writes it)",
    "export-file": ", as `followup export` writes it",
    "export-where-it-lives": (
        ": run `followup export --output FILE` where it lives, and import that FILE"
    ),
    "json-backup": (
        " (that is what `followup export --format csv` writes). For a backup that imports "
        "back, use `followup export --output backup.json` (json), then "
        "`followup import backup.json`"
    ),
    "export-in-store": (
        " (from `followup export`): move it elsewhere and bring it in with "
        "`followup import FILE`; the file was left as it is"
    ),
    "reopen-closed": "; `followup reopen {0}` reopens it",
    "add-first": " (add one with `followup add COMPANY`)",
    "list-all": " (`followup list --all` shows closed ones)",
    "config-example": " (example: followup config {0} {1})",
    "config-set": ", or set it with followup config {0} {1}",
    "config-first": ": followup config {0} {1}",
    "config-country": " (followup config {0} {1}), or clear it with followup config {0} --unset",
    "config-unset": "; clear it with followup config {0} --unset",
    "config-or-unset": ", or clear it with followup config {0} --unset",
    "config-list": " (followup config)",
    "reopen-step": " (`followup reopen {0} {1}` puts it back)",
    "send-print": ": `followup send INTERVIEW STEP --via print` prints the draft's URL instead",
    "mail-login": (
        ": set FOLLOWUP_IMAP_PASSWORD, run `followup mail --login` to keep it in the system "
        "keyring, or set mail.imap.token_command"
    ),
    "reply-close": (
        "; when you hear back, `followup close {0} --outcome offer` (or rejected), then "
        "draft the reply"
    ),
    "upgrade-topics": (
        ": check them with `followup show N`, and keep only what you would say to the "
        'interviewer (`followup edit N --clear-topics --topic "..."`).'
    ),
}


def error_text(exc: FollowupError) -> str:
    """An error's message, with the command-line advice it asks for."""
    return advised(str(exc), getattr(exc, "advice", None))


def advised(text: str, advice: tuple[object, ...] | None) -> str:
    """`text` completed by the advice that `advice` (a key and its values) names."""
    if not advice:
        return text
    key, *values = advice
    return text + ERROR_ADVICE[key].format(*values)


def next_hint(iv: Interview, step: str, who: str | None, verb: str = "done") -> str:
    """The command that acts on one step: `followup done 3 email --who Jane`, with the
    `--who` where the step is one person's among several, in the shortest word that picks
    them out (`who_word`: quoted for a shell, as a name may hold a quote or a `$(...)`)."""
    person = next((p for p in iv.interviewers if p.label == who), None)
    several = BY_NAME[step].per_interviewer and len(iv.interviewers) > 1
    target = f" --who {who_word(person, iv.interviewers)}" if person and several else ""
    return f"followup {verb} {iv.id} {step}{target}"


def draft_hints(result: Draft, iv: Interview, person: Interviewer | None) -> list[str]:
    """Lines for stderr: which placeholders to fill in, and the command that fills them."""
    from followup.features.templates import MISSING, PROFILE_KEYS

    lines: list[str] = []
    profile = [PROFILE_KEYS[k] for k in PROFILE_KEYS if k in result.missing]
    if profile:
        shown = ", ".join(MISSING[k] for k in PROFILE_KEYS if k in result.missing)
        examples = {"name": '"Your Name"', "email": "you@example.com", "phone": '"+1 555 0100"'}
        commands = "; ".join(f"`followup config {key} {examples[key]}`" for key in profile)
        what = " or ".join([", ".join(profile[:-1]), profile[-1]] if profile[:-1] else profile)
        them = "them" if len(profile) > 1 else "it"
        lines.append(
            f"Your profile has no {what}, so the draft shows {shown}. Set {them} once: {commands}"
        )
    if {"first_name", "interviewer"} & result.missing:
        if person is not None and person.email:
            lines.append(
                f"{clean(person.label)} has no name on #{iv.id}, so the draft shows "
                f"[their name]: `followup edit {iv.id} --remove-with {_quote(person.email)} "
                f'--add-with "Their Name <{clean(person.email)}>"`'
            )
        else:
            lines.append(
                f"No interviewer is named on #{iv.id}, and a LinkedIn request goes to a "
                f'person: `followup edit {iv.id} --add-with "Name <email>"`'
                if result.kind == "linkedin"
                else f"No interviewer is named on #{iv.id}, so the draft shows [their name]: "
                f'`followup edit {iv.id} --add-with "Name <email>"`'
            )
    if "role" in result.missing:
        lines.append(
            f"No role on #{iv.id}, so the draft shows [the role]: "
            f'`followup edit {iv.id} --role "Data Analyst"`'
        )
    if result.reframed:
        lines.append(
            f'The topics of #{iv.id} do not complete "our conversation about ...", so the '
            "draft words them another way; write --topic as what you talked about, e.g. "
            f'"the churn dashboard rebuild": `followup edit {iv.id} --clear-topics --topic "..."`'
        )
    if "notes" in result.missing:
        theirs = iv.topics and person is not None and person.name.strip()
        whose = f"No topic for {clean(person.label)}" if theirs else "No topics"
        lines.append(
            f"{whose} on #{iv.id}, so the draft does not mention what you discussed "
            f'(notes are private: drafts never quote them): `followup edit {iv.id} --topic "..."`'
            ' (or --topic "Name: ..." for one person)'
        )
    return lines


def _quote(text: str) -> str:
    import shlex  # drafts and show only

    return shlex.quote(clean(text))


def card_reminder(step: Step | None, now: datetime, tz: tzinfo | None = None) -> str:
    """When to post the card so that it arrives while they are still deciding."""
    from followup.core.distance import relative
    from followup.core.zones import to_local

    if step is None:
        return "Post the card today: mail takes a few days, and they are interviewing others."
    if step.status != "pending":
        return f"This card is marked {step.status} already (`followup reopen` if not)."
    day = to_local(step.due, tz).strftime("%a %d %b")
    if step.due < now:
        return (
            f"The card was due {day} ({relative(step.due, now)}): post it today, so it "
            "arrives while they are still deciding."
        )
    return (
        f"Post the card by {day} ({relative(step.due, now)}): mail takes a few days, and "
        "they are interviewing others, so the sooner it arrives the better."
    )


def draft_commands(iv: Interview) -> list[str]:
    """One `followup draft` line per kind of step still pending; with several
    interviewers, the `--who` of each one whose step is pending. A closed interview's
    follow-ups are over: it gets the reply draft alone, after an offer or a rejection."""
    if iv.closed:
        return [f"followup draft {iv.id} reply"] if iv.outcome in ("offer", "rejected") else []
    people = list(iv.interviewers)
    lines: list[str] = []
    for kind in CHECKLIST_NAMES:
        waiting = {s.who for s in iv.steps if s.step == kind and s.status == "pending"}
        if not waiting:
            continue
        command = f"followup draft {iv.id} {kind}"
        if BY_NAME[kind].per_interviewer and len(people) > 1:
            first, *others = (who_word(p, people) for p in people if p.label in waiting)
            command += f" --who {first}"
            if others:
                command += f"   (or {', '.join(f'--who {w}' for w in others)})"
        lines.append(command)
    if iv.outcome in ("offer", "rejected"):
        lines.append(f"followup draft {iv.id} reply")
    return lines


def who_word(person: Interviewer, people: Sequence[Interviewer]) -> str:
    """The shortest `--who` that picks `person` out (core.lookup.who_word), quoted for a
    shell."""
    from followup.core.lookup import who_word as shortest

    return _quote(shortest(person, people))
