"""The cross-process lock of a data or settings folder."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from followup.errors import StoreError
from followup.storage.files import FILE_MODE, make_private_dir, os_problem


@contextlib.contextmanager
def locked(path: Path, timeout: float) -> Iterator[None]:
    """Hold the lock file `path` (made private if new), or fail after `timeout` seconds.

    The lock is an flock: the kernel releases it when its holder dies, so a
    killed followup never blocks the next one. The file is never deleted (see
    pyproject.toml). One lock per data folder guards every file in it: the store,
    settings and reminder state.
    """
    from filelock import FileLock, Timeout

    make_private_dir(path.parent)
    lock = FileLock(path, timeout=timeout, mode=FILE_MODE)
    try:
        lock.acquire()
    except Timeout:
        raise StoreError(
            f"another followup command is changing your data and did not finish within "
            f"{timeout:g} s (lock {path}); try again when it has finished "
            "(FOLLOWUP_LOCK_TIMEOUT sets how long to wait)"
        ) from None
    except OSError as exc:
        raise StoreError(f"could not lock {path}: {os_problem(exc)}") from None
    try:
        yield
    finally:
        lock.release()
