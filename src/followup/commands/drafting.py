"""Drafts and settings: `followup draft` and `followup config`."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from followup.cli import (
    InterviewArg,
    JsonOpt,
    WhoOpt,
    _next_hint,
    _print,
    app,
    command,
    complete_step,
    env,
    say,
)
from followup.errors import UsageProblem
from followup.kinds import BY_NAME


def complete_setting(incomplete: str) -> list[str]:
    from followup.config import KEYS

    return [k for k in KEYS if k.startswith(incomplete.lower())]


@app.command()
@command
def draft(
    interview: InterviewArg,
    step: Annotated[
        str,
        typer.Argument(
            metavar="STEP",
            help="email (thank-you), linkedin, card (note, handwritten), phone (voicemail).",
            autocompletion=complete_step,
            show_default=False,
        ),
    ],
    who: WhoOpt = None,
) -> None:
    """Print a ready-to-send draft of a follow-up, filled from the interview and your profile.

    \b
    email     a Subject line and a thank-you email signed with your contact details
    linkedin  a personal connection note within linkedin.limit characters
    card      a short text to write by hand, and when to post it
    phone     a voicemail greeting that states your name, and a readiness checklist

    Set your profile once with `followup config`; reword a draft with a file such as
    templates/email.txt in the settings folder.

    Example: followup draft acme email --who jane
    """
    from followup import drafts
    from followup.config import read_settings
    from followup.kinds import parse_kind
    from followup.locations import config_dir
    from followup.lookup import find_interview
    from followup.present import clean

    kind = parse_kind(step)
    e = env()
    doc = e.store.read_open()
    iv = find_interview(
        interview, doc.interviews, doc.closed_ids, lambda: e.store.read_history(doc)
    )
    person = drafts.addressee(iv, kind, who)
    folder = config_dir()
    settings = read_settings(folder)
    result = drafts.draft(
        kind,
        iv,
        person,
        settings.profile,
        linkedin_limit=settings.linkedin_limit,
        template=drafts.load_template(folder, kind),
    )
    sys.stdout.write(result.text)  # plain text: never markup, never a template again
    sys.stdout.flush()
    label = person.label if person else None
    if kind == "email" and person is not None and person.email:
        say(f"To: {clean(str(person))}")
    if result.limit is not None:
        line = f"LinkedIn note: {len(result.text.rstrip(chr(10)))}/{result.limit} characters"
        if result.left_out:
            *most, last = result.left_out
            line += f"; left out {', '.join(most) + ' and ' if most else ''}{last} to fit"
        if result.cut:
            line += "; cut short: shorten it by hand, or raise linkedin.limit"
        say(line + ".")
    if kind == "phone" and who is not None:
        say("The voicemail script is the same for everyone: --who is not needed for phone.")
    if kind == "card":
        step_ = next((s for s in iv.steps if s.step == "card" and s.who == label), None)
        say(drafts.card_reminder(step_, e.now))
    for hint in drafts.hints(result, iv, person):
        say(hint)
    several = BY_NAME[kind].per_interviewer and len(iv.interviewers) > 1
    say(f"When it is done: `{_next_hint(iv.id, kind, clean(label or ''), several)}`")


@app.command("config")
@command
def config_(
    key: Annotated[
        str | None,
        typer.Argument(
            metavar="KEY",
            help="name, email, phone, linkedin.limit, due.email, due.linkedin or due.card.",
            autocompletion=complete_setting,
            show_default=False,
        ),
    ] = None,
    value: Annotated[
        str | None, typer.Argument(metavar="VALUE", help="The new value.", show_default=False)
    ] = None,
    unset: Annotated[
        bool, typer.Option("--unset", help="Clear the setting: back to its default.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show or change your settings: your profile for drafts, and when steps fall due.

    With no KEY, lists every setting, its value and whether it is a default or set.
    KEY alone prints its value; KEY VALUE sets it; KEY --unset clears it.
    Due settings (90m, 24h, 2d) apply to interviews added or re-timed afterwards.

    Example: followup config name "Sam Lee"
    """
    from followup import config
    from followup.locations import config_dir
    from followup.present import clean

    folder = config_dir()
    if unset and (key is None or value is not None):
        raise UsageProblem(
            "--unset takes a KEY and no VALUE, as in `followup config phone --unset`"
        )
    if key is None:
        _show_settings(folder, config.read_settings(folder), as_json)
    elif unset:
        entry, was_set = config.unset_value(folder, key)
        if was_set:
            default = entry.default if entry.default is not None else "not set"
            say(f"Cleared {entry.key}: back to its default ({default}).")
        else:
            say(f"{entry.key} was not set: nothing changed.")
    elif value is None:
        entry = config.setting(key)
        settings = config.read_settings(folder)
        current = settings.get(entry.key)
        if as_json:
            from followup.present import print_json

            print_json(_setting_json(settings, entry.key))
        elif current is None:
            say(f"{entry.key} is not set: `followup config {entry.key} {entry.example}` sets it.")
        else:
            sys.stdout.write(f"{clean(str(current))}\n")
    else:
        entry, stored, changed = config.set_value(folder, key, value)
        if not changed:
            say(f"{entry.key} is already {stored}: nothing changed.")
            return
        say(f"Set {entry.key} to {stored}.")
        if entry.key.startswith("due."):
            say(
                "It applies to interviews added or re-timed from now on; due times "
                "already set stay as they are."
            )


def _setting_json(settings: Any, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "value": settings.get(key),
        "source": "set" if settings.is_set(key) else "default",
    }


def _show_settings(folder: Any, settings: Any, as_json: bool) -> None:
    from followup import config
    from followup.present import clean

    if as_json:
        from followup.present import print_json

        print_json({k: _setting_json(settings, k) for k in config.KEYS})
        return
    from followup.render import Column, Grid

    # A Grid, not a Rich Table: it never wraps a cell; when the values are too wide
    # for the terminal, the "What it is" column is left out instead.
    grid = Grid(
        Column("Key"), Column("Value"), Column("Source"), Column("What it is", optional=True)
    )
    for entry in config.SETTINGS:
        current = settings.get(entry.key)
        shown = ("(not set)", "dim") if current is None else clean(str(current))
        source = ("set", "green") if settings.is_set(entry.key) else "default"
        grid.add_row(entry.key, shown, source, (entry.help, "dim"))
    _print(grid)
    path = config.config_path(folder)
    templates = sorted(p.name for p in (folder / config.TEMPLATES_DIR).glob("*.txt"))
    say(f"Settings file: {path}" + ("" if path.exists() else " (none yet)"))
    say(
        "Templates: "
        + (", ".join(templates) if templates else "none (built-in wording)")
        + f" in {folder / config.TEMPLATES_DIR}"
    )
    say("Change one: `followup config KEY VALUE`; clear one: `followup config KEY --unset`.")
