"""Settings: `followup config`."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from followup.cli.app import (
    JsonOpt,
    command,
    emit,
    say,
)
from followup.errors import UsageProblem


def complete_setting(incomplete: str) -> list[str]:
    from followup.features.config import KEYS

    return [k for k in KEYS if k.startswith(incomplete.lower())]


@command("config")
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
    from followup.core.text import clean
    from followup.features import config
    from followup.storage.locations import config_dir

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
            from followup.core.shapes import print_json

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
    from followup.core.text import clean
    from followup.features import config

    if as_json:
        from followup.core.shapes import print_json

        print_json({k: _setting_json(settings, k) for k in config.KEYS})
        return
    from followup.cli.render import Column, Grid

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
    emit(grid)
    path = config.config_path(folder)
    templates = sorted(p.name for p in (folder / config.TEMPLATES_DIR).glob("*.txt"))
    say(f"Settings file: {path}" + ("" if path.exists() else " (none yet)"))
    say(
        "Templates: "
        + (", ".join(templates) if templates else "none (built-in wording)")
        + f" in {folder / config.TEMPLATES_DIR}"
    )
    say("Change one: `followup config KEY VALUE`; clear one: `followup config KEY --unset`.")
