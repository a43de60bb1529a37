"""The temporary files and folders of followup's writes: their names, and removing those
that processes killed mid-write left behind (never a live process's, never one of yours)."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

#: What the temporary files of `write_atomic` look like: `.NAME.<random>.tmp`.
TEMP_SUFFIX = ".tmp"


def temp_pattern(name: str) -> re.Pattern[str]:
    """The names `write_atomic` gives its temporary files for a file called `name`: now
    `.NAME.followup-<pid>-<random>.tmp`, before `.NAME.<random>.tmp`."""
    return re.compile(
        rf"^\.{re.escape(name)}\.(?:followup-\d+-)?[A-Za-z0-9_]+{re.escape(TEMP_SUFFIX)}$"
    )


#: The temporary files of `write_atomic` and `write_output`, and the working folders of
#: `write_folder`: `.NAME.followup-<pid>-<random>.tmp`, to tell them from the user's
#: files, and a live process's from one a killed process left.
TEMP_NAME = re.compile(rf"^\..+\.followup-(\d+)-[A-Za-z0-9_]+{re.escape(TEMP_SUFFIX)}$")


def temp_prefix_for(target: Path) -> str:
    """The start of the name of the temporary file written for `target`."""
    return f".{target.name}.followup-{os.getpid()}-"


def _dead_temps(folder: Path, old_upgrade_folders: bool = False) -> Iterator[tuple[Path, int]]:
    """The entries of `folder` named like TEMP_NAME (with `old_upgrade_folders`, like
    OLD_UPGRADE_FOLDER too) whose process is gone and which belong to this user, with
    their mode (not following a symlink). POSIX only: elsewhere, none."""
    if os.name != "posix":
        return
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        match = TEMP_NAME.match(name)
        if match is None and old_upgrade_folders:
            match = OLD_UPGRADE_FOLDER.match(name)
        if match is None or not process_gone(int(match[1])):
            continue
        path = folder / name
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if info.st_uid == os.getuid():
            yield path, info.st_mode


def remove_dead_temps(folder: Path) -> list[Path]:
    """Remove the temporary files that followup processes killed mid-write (a save, an
    export) left in `folder`: only regular files of this user's, named like TEMP_NAME,
    whose process is gone (a live one's stays; never a symlink or another name). POSIX
    only (elsewhere nothing is removed). Returns what was removed."""
    gone = []
    for path, mode in _dead_temps(folder):
        if stat.S_ISREG(mode):
            with contextlib.suppress(OSError):
                os.unlink(path)
                gone.append(path)
    return gone


#: The working folder of `write_folder` (the copies of an upgrade's originals, before
#: `backup/vN/`) as earlier followups named it: `.vN.<pid>.tmp`, in `backup/` only.
OLD_UPGRADE_FOLDER = re.compile(rf"^\.v\d+\.(\d+){re.escape(TEMP_SUFFIX)}$")


def remove_dead_temp_folders(folder: Path, *, old_upgrade_folders: bool = False) -> list[Path]:
    """Remove the working folders of `write_folder` that followup processes killed before
    renaming them into place left in `folder`, with all they hold: only folders of this
    user's (never a symlink), named like TEMP_NAME (with `old_upgrade_folders`, for
    `backup/`, like OLD_UPGRADE_FOLDER too), whose process is gone. POSIX only. Returns
    the folders that are gone (one that could not be removed whole is not among them)."""
    import shutil

    gone = []
    for path, mode in _dead_temps(folder, old_upgrade_folders):
        if stat.S_ISDIR(mode):
            # rmtree removes a link met inside, never what it points to; and if `path`
            # is swapped for a link meanwhile, it refuses
            shutil.rmtree(path, ignore_errors=True)
            if not os.path.lexists(path):
                gone.append(path)
    return gone


def process_gone(pid: int) -> bool:
    """Whether process `pid`, which wrote something down, is surely gone (when in doubt:
    no, so its file or claim is kept). This process's own pid counts as gone: what it
    finds under its own number before writing is an older process's, whose number came
    round again."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False  # no one process: never signal a group
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process is there
    except ProcessLookupError:
        return True
    except (OSError, OverflowError, ValueError):
        return False  # another user's process (EPERM), or no pid at all: keep the file
    return False
