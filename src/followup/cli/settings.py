"""The user's settings as the commands need them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.storage.locations import config_dir

if TYPE_CHECKING:
    from followup.core.checklist import Schedule


def rules() -> Schedule:
    """The due-time rules in force: the built-in delays, or the user's `due.*` settings."""
    from followup.core.checklist import DEFAULT_SCHEDULE

    folder = config_dir()
    if not (folder / "config.toml").exists():
        return DEFAULT_SCHEDULE  # no settings: `add` need not load the settings code
    from followup.features.config_file import read_settings

    return read_settings(folder).rules()
