"""Where the store's main file, open.json, is found and how its bytes are read.

The standard library only (`os` and `stat`, which Python has loaded before any
program runs), and no other module of followup: `followup prompt` runs on every
shell prompt and reads the store through this same code as every other command,
without the cost of the rest (platformdirs, pathlib, pydantic).
"""

from __future__ import annotations

import os
import stat
import sys

#: Not typing.TYPE_CHECKING: importing typing, or collections.abc for Mapping, costs a
#: few milliseconds on every shell prompt; type checkers read this name the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

APP_NAME = "followup"
#: The open interviews, in the data folder.
OPEN_FILE = "open.json"
#: The folder of the copy of open.json made on each save.
BACKUP_DIR = "backup"
#: The due times of open.json's pending steps, written beside it on each save, so that
#: `followup prompt` can count them without parsing open.json (see `read_dues`).
DUES_FILE = "open.dues"
DUES_HEADER = b"followup-dues 1"
#: Far more than any open.json holds (a due time takes about 20 bytes).
DUES_LIMIT = 4 * 1024 * 1024
#: Open without waiting for a writer (a named pipe) and without taking a terminal;
#: flags a system lacks (Windows) are left out.
NO_WAIT = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


class NotRegular(OSError):
    """Something other than a file where a file should be: a named pipe, a device."""


class TooLarge(OSError):
    """A file larger than the reader's limit: not read."""


def data_folder(env: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str:
    """The folder of the store: FOLLOWUP_HOME, else the platform's user data folder.

    On Linux and macOS the rules are short enough to follow here (platformdirs'
    own, as a test checks; platformdirs imports pathlib, tempfile and more, which
    alone costs as much as starting Python); anything unusual asks platformdirs.
    """
    home = env.get("FOLLOWUP_HOME", "").strip()
    if home:
        return os.path.expanduser(home)
    xdg = env.get("XDG_DATA_HOME", "")
    user_home = env.get("HOME", "")
    if platform.startswith("linux") and os.path.isabs(user_home):
        base = xdg if os.path.isabs(xdg) else os.path.join(user_home, ".local", "share")
        return os.path.join(base, APP_NAME)
    if platform == "darwin" and os.path.isabs(user_home) and not xdg:
        return os.path.join(user_home, "Library", "Application Support", APP_NAME)
    from platformdirs import user_data_dir  # other systems: rare, and correct first

    return user_data_dir(APP_NAME, appauthor=False)


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of the regular file `path`.

    Opened without blocking, then checked: a folder raises IsADirectoryError, a
    named pipe (which would block forever) or a device (which could be endless)
    NotRegular, a file over `limit` bytes TooLarge, its size alone looked at. A
    missing file raises FileNotFoundError, like any other OSError of the system.
    """
    fd = os.open(path, os.O_RDONLY | NO_WAIT)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(f"{path} is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(f"{path} is not a regular file")
        if limit is not None and info.st_size > limit:
            raise TooLarge(f"{path} is over {limit} bytes")
        chunks = []
        while chunk := os.read(fd, max(info.st_size + 1, 65536)):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        try:  # noqa: SIM105 (contextlib is not loaded at start-up; this is on every prompt)
            os.close(fd)
        except OSError:
            pass  # nothing was written: nothing to lose


def identity(info: os.stat_result) -> bytes:
    """What tells one open.json from any other: inode, size, modified and changed times.

    Replacing the file, editing it in place, renaming or linking it, even setting its
    modified time back, changes at least one (the changed time cannot be set by hand).
    """
    return b"%d %d %d %d" % (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def dues_bytes(info: os.stat_result, dues: list[float]) -> bytes:
    """The DUES_FILE for the open.json whose `os.stat` is `info`: its header, the
    file's identity, and the due times in seconds since 1970, each as `repr` writes it
    (which `float` reads back exactly)."""
    return b"\n".join([DUES_HEADER, identity(info), " ".join(map(repr, dues)).encode(), b""])


def read_dues(path: str, info: os.stat_result) -> list[float] | None:
    """The due times in the DUES_FILE `path`, if it was written for the open.json
    whose `os.stat` is `info`; None if it is missing, unreadable, or for another
    open.json (an older followup, a crash between the two writes, a hand edit, a
    copy from another machine): the caller then reads open.json itself."""
    try:
        lines = read_regular(path, limit=DUES_LIMIT).split(b"\n")
    except OSError:
        return None
    if lines[0] != DUES_HEADER or lines[1:2] != [identity(info)] or lines[3:] != [b""]:
        return None
    try:
        dues = [float(word) for word in lines[2].split()]
    except ValueError:
        return None
    if any(due - due != 0 for due in dues):  # NaN or infinite: never written by a store
        return None
    return dues
