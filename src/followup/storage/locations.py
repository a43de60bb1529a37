"""Where the user's data and settings live: FOLLOWUP_HOME, else the platform's folders
(the data folder as `store_file.data_folder` finds it, for `followup prompt` too)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from followup.storage.store_file import APP_NAME, data_folder


def _home(env: Mapping[str, str]) -> Path | None:
    home = env.get("FOLLOWUP_HOME", "").strip()
    return Path(home).expanduser() if home else None


def data_dir(env: Mapping[str, str] = os.environ) -> Path:
    """The folder of the store: FOLLOWUP_HOME, else the platform's user data folder."""
    return Path(data_folder(env))


def config_dir(env: Mapping[str, str] = os.environ) -> Path:
    """The folder of settings: FOLLOWUP_HOME, else the platform's user config folder."""
    home = _home(env)
    if home is not None:
        return home
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)
