"""Handing a draft over to the mail program or the clipboard: `followup send`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli import advice
from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import InterviewArg, WhoOpt, complete_draft
from followup.cli.result import Result
from followup.core.text import clean
from followup.errors import FollowupError

if TYPE_CHECKING:
    from followup.core.models import Interview, Interviewer


@command()
def send(
    interview: InterviewArg,
    step: Annotated[
        str,
        typer.Argument(
            metavar="STEP",
            help="email, checkin or reply (a mail); linkedin or card (the clipboard); phone.",
            autocompletion=complete_draft,
            show_default=False,
        ),
    ],
    who: WhoOpt = None,
    via: Annotated[
        str | None,
        typer.Option(
            "--via",
            metavar="mailto|eml|print|clipboard",
            help="mailto: open it in your mail program (the default for mail); eml: write a "
            "draft message file; print: print the mailto: URL; clipboard: copy the text "
            "(the default for linkedin and card).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="With --via eml: write the message here (default: drafts/ in the data folder).",
            show_default=False,
        ),
    ] = None,
) -> Result:
    """Example: followup send acme email --who jane

    Example: followup send acme linkedin --who jane
    """
    from followup.core.kinds import parse_kind
    from followup.features import drafts, sending

    kind = drafts.REPLY if step.strip().lower() == drafts.REPLY else parse_kind(step)
    mail = kind in sending.MAIL_STEPS
    chosen = (via or ("mailto" if mail else "clipboard")).strip().lower()
    if chosen not in sending.VIAS:
        raise FollowupError(
            f"--via {via!r} is not a way to send: use one of {', '.join(sending.VIAS)}"
        )
    if chosen != "clipboard" and not mail:
        raise FollowupError(
            f"--via {chosen} is for the mail steps ({', '.join(sending.MAIL_STEPS)}); a {kind} "
            "draft goes to the clipboard: --via clipboard"
        )
    if output is not None and chosen != "eml":
        raise FollowupError("--output is for --via eml: add --via eml, or leave out --output")
    e = env()
    result = Result()
    iv, notices = e.find(interview)
    for notice in notices:
        result.note(notice)
    text, person = _draft_text(iv, kind, who)
    tick = _tick_hint(iv, kind, person, who)
    if chosen == "clipboard":
        tool = sending.copy_text(text, os.environ.get("PATH"), os.environ)
        result.say(f"Copied the {kind} draft to the clipboard ({tool}).")
        return result.hint(f"followup ticks nothing: once it is sent, `{tick}`")
    to = _recipients(iv, kind, person, who)
    draft = sending.split_draft(text)
    if chosen == "eml":
        path = _write_eml(iv, kind, person, to, draft, output)
        result.write(f"{path}\n")
        result.say(f"Wrote the draft to {clean(str(path))}: open it in your mail program.")
        return result.hint(f"followup ticks nothing: once it is sent, `{tick}`")
    url = sending.mailto_url(to, draft)
    if len(url) > sending.MAILTO_LIMIT:
        path = _write_eml(iv, kind, person, to, draft, None)
        url = sending.too_long_url(to, draft, path)
        result.say(
            f"The draft is too long for a mailto link ({sending.MAILTO_LIMIT} characters at "
            f"most): the whole draft is in {clean(str(path))}, and the link says so."
        )
    if chosen == "print":
        result.write(url + "\n")
    else:
        sending.open_url(url, sys.platform, os.environ.get("PATH"))
        result.say(f"Opened the {kind} draft to {', '.join(to)} in your mail program.")
    return result.hint(f"followup ticks nothing: once it is sent, `{tick}`")


def _draft_text(iv: Interview, kind: str, who: str | None) -> tuple[str, Interviewer | None]:
    """The draft `followup draft` prints for this step, and whom it is for."""
    from followup.cli.addressing import write_draft

    written = write_draft(iv, kind, who)
    return written.draft.text, written.person


def _recipients(iv: Interview, kind: str, person: Interviewer | None, who: str | None) -> list[str]:
    """The To: addresses: the person's, or for a check-in or reply without --who, every
    interviewer with an address. None: an error saying how to add one."""
    from followup.features.drafts import CHECKIN, REPLY

    if kind in (CHECKIN, REPLY) and who is None:
        to = [p.email for p in iv.interviewers if p.email]
        if to:
            return to
        raise FollowupError(
            f"no interviewer of #{iv.id} {clean(iv.company)} has an email address: add one "
            f'with `followup edit {iv.id} --rename-with NAME "Name <name@example.com>"`, '
            "or give --who with an address"
        )
    if person is not None and person.email:
        return [person.email]
    name = clean(person.label) if person is not None else "this step"
    word = advice.who_word(person, iv.interviewers) if person is not None else "NAME"
    label = clean(person.name or "Name") if person is not None else "Name"
    raise FollowupError(
        f"{name} has no email address on #{iv.id}: add it with `followup edit {iv.id} "
        f'--rename-with {word} "{label} <name@example.com>"`'
    )


def _write_eml(iv, kind, person, to, draft, output: Path | None) -> Path:
    from followup.features import sending
    from followup.features.config_file import read_settings
    from followup.storage.files import Exists, make_private_dir, write_output
    from followup.storage.locations import config_dir, data_dir

    profile = read_settings(config_dir()).profile
    data = sending.eml_bytes(to, draft, profile.email, profile.name if profile.email else None)
    if output is None:
        folder = data_dir() / "drafts"
        make_private_dir(folder)
        path = folder / sending.eml_name(iv.id, kind, person.label if person else None)
        write_output(path, data, replace=True)
        return path
    try:
        write_output(output, data, replace=False)
    except Exists:
        raise FollowupError(f"{output} exists: give another --output, or remove it") from None
    return output


def _tick_hint(iv: Interview, kind: str, person: Interviewer | None, who: str | None) -> str:
    if kind == "reply":
        return f"followup done {iv.id} reply"
    return advice.next_hint(iv, kind, person.label if person else None)
