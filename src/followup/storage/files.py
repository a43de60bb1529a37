"""The one module that touches the user's files: read, write, make folders.

Every writer of followup goes through here (the store, settings, the doctor's
repairs, `export --output`, reminder state), so every file gets the same care:

- `write_atomic(path, data)`: a temporary file made safely in the target's folder
  (`tempfile.mkstemp`: a name no one can guess, created exclusively, never through
  a link), written, fsynced, renamed over the target, and the folder fsynced.
  Readers see the old bytes or the new, never a mix. A symlinked target stays a
  link: the real file beside its link's target is replaced.
- `write_output(path, data, replace=...)`: the same for a file the user named
  (`export --output`); without `replace`, a file that exists is never replaced, even
  one that appears meanwhile (the new file is linked into place, which fails if the
  name is taken), and what killed exports left beside it is cleaned up.
- `read_bytes(path)`: the bytes of a regular file, None when there is none; a
  named pipe or a device is refused rather than waited on.
- `make_private_dir(folder)`: a folder and its missing parents, 0700 whatever the
  umask.

Beside it: `locks.locked(path, timeout)`, the cross-process lock (an flock the kernel
releases when its holder dies); `temps.py`, the names of the temporary files and the
removal of those a killed process left; `os_problems.py`, what an OSError means.

New files are 0600 and new folders 0700: interviewers' names and emails are
personal data. Failures raise `StoreError` in words (`os_problem`), naming the file.

A new file of followup's own (reminder state, say) is read and written like this,
under the lock of its folder (`locks.locked`), so that two processes never lose each
other's change::

    with locked(folder / ".lock", timeout):
        data = read_bytes(folder / "reminders.json")   # None: no file yet
        ...
        write_atomic(folder / "reminders.json", new_bytes)
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from pathlib import Path

from followup.errors import StoreError

# Errors in words (os_problems.py) and temporary files (temps.py) have modules of their
# own; the names that callers of this module catch or test are re-exported here.
from followup.storage.os_problems import Exists as Exists
from followup.storage.os_problems import NotDurable as NotDurable
from followup.storage.os_problems import os_problem as os_problem
from followup.storage.store_file import NotRegular, read_regular
from followup.storage.temps import TEMP_SUFFIX as TEMP_SUFFIX
from followup.storage.temps import remove_dead_temps, temp_pattern, temp_prefix_for

#: Data files and folders are private: interviewers' names and emails are personal data.
FILE_MODE = 0o600
DIR_MODE = 0o700


# ----- reading -----------------------------------------------------------------------


def read_bytes(path: Path) -> bytes | None:
    """The bytes of one of the user's files, None if it does not exist; errors name it.

    Only regular files are read: a named pipe would block forever, a device
    could be endless (`store_file.read_regular`, which `followup prompt` uses too).
    """
    try:
        return read_regular(path)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a file: move it away") from None
    except NotADirectoryError:
        raise StoreError(
            f"{path.parent} is not a folder: point FOLLOWUP_HOME at a folder"
        ) from None
    except NotRegular:
        raise StoreError(
            f"{path} is not a regular file (a named pipe or a device?): "
            "replace it with a file, or remove it"
        ) from None
    except OSError as exc:
        raise StoreError(f"could not read {path}: {os_problem(exc)}") from None


# ----- writing -----------------------------------------------------------------------


def real_path(path: Path) -> Path:
    """Where writing `path` must happen: the file a symlink (relative or not) points to.

    A dotfiles repository or a synced folder often links a file into place;
    replacing the link with a plain file would quietly cut it off.
    """
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def write_atomic(
    path: Path,
    data: bytes,
    *,
    sync: bool = True,
    mode: int | None = None,
    new_only: bool = False,
) -> Path:
    """Replace `path` with `data`: temp file in the same folder, fsync, rename, fsync folder.

    Readers see the old bytes or the new, never a mix. On any failure (a failed
    fsync included) the temp file is removed and `path` is untouched, except
    that a failed fsync of the folder after the rename raises `NotDurable`.
    New files are private (0600, or `mode`). `sync=False` skips both fsyncs (for
    copies that may be lost in a power cut without harm). A symlink at `path`
    stays: its target is replaced. `new_only`: see `replace_file`.
    Returns the path really written.
    """
    target = replace_file(path, data, sync=sync, mode=mode, new_only=new_only)
    if sync:
        fsync_dir(target.parent)
    return target


def replace_file(
    path: Path,
    data: bytes,
    *,
    sync: bool = True,
    mode: int | None = None,
    new_only: bool = False,
) -> Path:
    """The first half of `write_atomic`: after it, `path` holds `data` (not yet durably).

    The temporary file is `.NAME.followup-<pid>-<random>.tmp`, so that
    `remove_dead_temps` can tell a killed process's file from a live one's. `new_only`:
    `path` must not exist; if it does, even if it appeared a moment ago, `Exists` is
    raised and it is left as it is. Returns the path really replaced (the target of a
    symlink at `path`).
    """
    import tempfile

    target = real_path(path)
    tmp: str | None = None
    try:
        # mkstemp: O_CREAT | O_EXCL | O_NOFOLLOW, mode 0600, a random name; retried
        # if the name is taken. No one can plant a file or a link in its place.
        fd, tmp = tempfile.mkstemp(
            prefix=temp_prefix_for(target), suffix=TEMP_SUFFIX, dir=target.parent
        )
        try:
            if mode is not None and mode != FILE_MODE:
                # the user's file keeps its mode when replaced (by descriptor where possible)
                os.fchmod(fd, mode) if hasattr(os, "fchmod") else os.chmod(tmp, mode)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        if new_only:
            _link_new(tmp, target)
        else:
            os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        kept = "the file was left as it was" if target.exists() else "nothing was written"
        raise StoreError(f"could not write {path}: {os_problem(exc)}; {kept}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target


#: What `os.link` fails with where a file system has no hard links (FAT, some shares).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS}


def _link_new(tmp: str, target: Path) -> None:
    """Put the written file `tmp` at `target` only if nothing is there, in one step: a
    hard link fails if `target` exists (a rename would replace it). Then `tmp` goes."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise Exists(f"{target} exists") from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        # No hard links: claim the name with an empty file made exclusively, then
        # rename over that claim (a reader may see it empty, never half written).
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        except FileExistsError:
            raise Exists(f"{target} exists") from None
        os.replace(tmp, target)
        return
    with contextlib.suppress(OSError):  # written: a leftover name goes with the next export
        os.unlink(tmp)


def remove_temps(path: Path) -> list[Path]:
    """Remove the temporary files that `write_atomic` left for `path` when a process died
    mid-save. Call it only under the lock that guards `path` (else a live save's temp file
    could go). Best effort; returns what was removed."""
    target = real_path(path)
    pattern = temp_pattern(target.name)
    gone = []
    with contextlib.suppress(OSError):
        for name in sorted(os.listdir(target.parent)):
            if pattern.match(name):
                with contextlib.suppress(OSError):
                    os.unlink(target.parent / name)
                    gone.append(target.parent / name)
    return gone


def fsync_dir(folder: Path) -> None:
    """Make a rename or new file in `folder` durable.

    A no-op where folders can't be opened or synced; a real failure (EIO) is a
    failed save and raises.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            return
        raise NotDurable(
            f"the disk did not confirm the save in {folder}: {os_problem(exc)}",
            advice=("doctor", " to check your data"),
        ) from None
    finally:
        with contextlib.suppress(OSError):  # a read-only folder handle: nothing to lose
            os.close(fd)


def make_private_dir(folder: Path) -> None:
    """Create a private folder (0700, whatever the umask) and its missing parents, durably."""
    if folder.is_dir():
        return
    missing = [folder, *(p for p in folder.parents if not p.exists())]
    try:
        for path in reversed(missing):
            try:
                path.mkdir(mode=DIR_MODE)
            except FileExistsError:
                if path.is_dir():
                    continue  # made by another process meanwhile
                raise
            os.chmod(path, DIR_MODE)  # mkdir's mode is masked by the umask
    except FileExistsError:
        raise StoreError(f"{folder} is a file, not a folder: move it away") from None
    except NotADirectoryError:
        raise StoreError(
            f"cannot create {folder}: a part of that path is a file, not a folder; "
            "point FOLLOWUP_HOME at a folder"
        ) from None
    except OSError as exc:
        raise StoreError(f"could not create {folder}: {os_problem(exc)}") from None
    fsync_dir(folder.parent)


def move(source: Path, dest: Path, *, keep_source: bool = False) -> None:
    """Move `source` to `dest` (same file system), or link it there with `keep_source`.

    A link keeps a file in place while a copy of it is put aside: the file is then
    replaced in one step, never missing. A symlinked source is linked by its target.
    """
    try:
        if keep_source:
            os.link(real_path(source), dest)
        else:
            os.replace(source, dest)
    except OSError as exc:
        raise StoreError(f"could not move {source} to {dest}: {os_problem(exc)}") from None
    fsync_dir(dest.parent)


def hard_link(source: Path, dest: Path) -> bool:
    """Link `dest` to the file `source` is (through a symlink: its target), durably.

    False where links fail (another file system, no support): copy instead.
    """
    try:
        os.link(real_path(source), dest)
    except OSError:
        return False
    fsync_dir(dest.parent)
    return True


def write_folder(target: Path, contents: dict[str, bytes]) -> None:
    """Create the folder `target` holding `contents` (relative path: bytes), all at once.

    The files are written (fsynced) in a hidden folder beside `target`, which is
    then renamed into place: `target` is complete or absent, never half made. That
    folder is named like every temporary file of ours (`.NAME.followup-<pid>-<random>.tmp`),
    so that `temps.remove_dead_temp_folders` can tell a killed process's from a live one's.
    """
    import shutil
    import tempfile

    try:
        # mkdtemp: made exclusively, a name no one can guess (retried if taken)
        work = Path(
            tempfile.mkdtemp(prefix=temp_prefix_for(target), suffix=TEMP_SUFFIX, dir=target.parent)
        )
        os.chmod(work, DIR_MODE)  # mkdtemp's 0700 is masked by the umask
    except OSError as exc:
        raise StoreError(
            f"could not create a folder in {target.parent}: {os_problem(exc)}"
        ) from None
    try:
        for relative, data in contents.items():
            make_private_dir((work / relative).parent)
            write_atomic(work / relative, data)
        os.replace(work, target)
        fsync_dir(target.parent)
    except (OSError, StoreError) as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise StoreError(os_problem(exc) if isinstance(exc, OSError) else str(exc)) from None


def make_private(path: Path) -> int:
    """Set `path` to 0700 (a folder) or 0600 (a file); returns the mode set."""
    mode = DIR_MODE if path.is_dir() else FILE_MODE
    try:
        os.chmod(path, mode)
    except OSError as exc:
        raise StoreError(f"could not change the mode of {path}: {os_problem(exc)}") from None
    return mode


# ----- writing out (export --output) ---------------------------------------------------

_FD_PATH = re.compile(r"^/(?:dev|proc/self)/fd/(\d+)$")
_STD_PATHS = {"/dev/stdout": 1, "/dev/stderr": 2}


def _descriptor(path: Path) -> int | None:
    """The open descriptor that `/dev/stdout`, `/dev/fd/N` or `/proc/self/fd/N` name."""
    text = os.path.abspath(path)
    if text in _STD_PATHS:
        return _STD_PATHS[text]
    match = _FD_PATH.match(text)
    return int(match[1]) if match else None


def existing_file(path: Path) -> os.stat_result | None:
    """What `path` is once links are followed (None: nothing there yet)."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot use {path}: {os_problem(exc)}") from None


def is_within(path: Path, folder: Path) -> bool:
    """Whether `path`, links followed, is `folder` or inside it (links followed too)."""
    real, root = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
    return real == root or root in real.parents


def same_file(path: Path, other: Path) -> bool:
    """Whether `path` and `other` are one file (a hard link, a symlink); False if either is
    missing."""
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def write_output(path: Path, data: bytes, *, replace: bool) -> str:
    """Write `data` to a file the user named; returns how ("new", "replaced", "into").

    A pipe, a terminal, `/dev/stdout` and other files that are not regular files are
    written into, never replaced. A regular file is written atomically (through a
    symlink, its target); an existing one only with `replace` (else `Exists`, even if
    it appeared while the export was written), and it keeps its mode. A new one is
    private (0600). Temporary files that killed exports left beside it are removed.
    """
    fd = _descriptor(path)
    if fd is not None:
        _write_all(fd, data, path)
        return "into"
    info = existing_file(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path} is a folder: give a file name, such as {path}/followup.json")
    if info is not None and not stat.S_ISREG(info.st_mode):
        try:
            out = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
        except OSError as exc:
            raise StoreError(f"could not write {path}: {os_problem(exc)}") from None
        try:
            _write_all(out, data, path)
        finally:
            os.close(out)
        return "into"
    if info is not None and not replace:
        raise Exists(f"{path} exists")
    target = real_path(path)
    remove_dead_temps(target.parent)
    write_atomic(
        path,
        data,
        mode=stat.S_IMODE(info.st_mode) if info is not None else None,
        new_only=info is None and not replace,
    )
    return "new" if info is None else "replaced"


def _write_all(fd: int, data: bytes, path: Path) -> None:
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except BrokenPipeError:
        raise  # the reader left: the CLI ends quietly
    except OSError as exc:
        raise StoreError(f"could not write {path}: {os_problem(exc)}") from None


# ----- locking -----------------------------------------------------------------------
