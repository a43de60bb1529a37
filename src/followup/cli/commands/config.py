"""`followup config`: show or change your settings: your profile for drafts, and when steps
fall due."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from followup.cli.commands import command
from followup.cli.environment import lock_timeout
from followup.cli.options import JsonOpt
from followup.cli.result import Result
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
            help=(
                "name, email, phone, linkedin.limit, due.email, due.linkedin, due.card, "
                "due.phone, due.checkin, due.checkin_no_date, due.checkin_again, due.reply, "
                "checkin.max, holidays.country, holidays.subdivision, remind.within, "
                "mail.imap.host, mail.imap.port, mail.imap.user, mail.imap.security, "
                "mail.imap.sent, mail.imap.inbox, mail.imap.token_command, mail.maildir or "
                "mail.maildir_sent."
            ),
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
) -> Result:
    """With no KEY, lists every setting, its value and whether it is a default or set.
    KEY alone prints its value; KEY VALUE sets it; KEY --unset clears it.
    Due settings (90m, 24h, 2d, or 2bd for business days) apply to interviews added
    or re-timed afterwards.

    Example: followup config name "Sam Lee"
    """
    from followup.core.text import clean
    from followup.features import config, config_file
    from followup.storage.locations import config_dir

    folder = config_dir()
    if unset and (key is None or value is not None):
        raise UsageProblem(
            "--unset takes a KEY and no VALUE, as in `followup config phone --unset`"
        )
    if key is None:
        return _all_settings(folder, config_file.read_settings(folder))
    if unset:
        entry, was_set = config_file.unset_value(folder, key, lock_timeout=lock_timeout())
        if not was_set:
            return Result().note(f"{entry.key} was not set: nothing changed.")
        default = entry.default if entry.default is not None else "not set"
        return Result().note(f"Cleared {entry.key}: back to its default ({default}).")
    if value is None:
        entry = config.setting(key)
        settings = config_file.read_settings(folder)
        current = settings.get(entry.key)
        result = Result(_setting_json(settings, entry.key))
        if current is None:
            return result.hint(
                f"{entry.key} is not set: `followup config {entry.key} {entry.example}` sets it."
            )
        return result.write(f"{clean(str(current))}\n")
    entry, stored, changed = config_file.set_value(folder, key, value, lock_timeout=lock_timeout())
    if not changed:
        return Result().note(f"{entry.key} is already {stored}: nothing changed.")
    result = Result().note(f"Set {entry.key} to {stored}.")
    if entry.key.startswith("due."):
        result.note(
            "It applies to interviews added or re-timed from now on; due times "
            "already set stay as they are."
        )
    return result


def _setting_json(settings: Any, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "value": settings.get(key),
        "source": "set" if settings.is_set(key) else "default",
    }


def _all_settings(folder: Any, settings: Any) -> Result:
    from followup.features import config, config_file

    result = Result({k: _setting_json(settings, k) for k in config.KEYS})
    result.show(lambda: _settings_grid(settings))
    path = config_file.config_path(folder)
    templates = sorted(p.name for p in (folder / config.TEMPLATES_DIR).glob("*.txt"))
    result.say(f"Settings file: {path}" + ("" if path.exists() else " (none yet)"))
    result.say(
        "Templates: "
        + (", ".join(templates) if templates else "none (built-in wording)")
        + f" in {folder / config.TEMPLATES_DIR}"
    )
    return result.hint(
        "Change one: `followup config KEY VALUE`; clear one: `followup config KEY --unset`."
    )


def _settings_grid(settings: Any) -> Any:
    from followup.cli.grid import Column, Grid
    from followup.core.text import clean
    from followup.features import config

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
    return grid
