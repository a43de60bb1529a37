"""What an operating system's error means for the user, in words; and the errors of
followup's own file operations."""

from __future__ import annotations

import errno

from followup.errors import StoreError

_OS_PROBLEMS: dict[int | None, str] = {  # None: an OSError with no number
    errno.ENOSPC: "the disk is full: free some space and try again",
    errno.EDQUOT: "your disk quota is used up: free some space and try again",
    errno.EACCES: "permission denied: check that you own this folder and may write to it",
    errno.EPERM: "the operation is not permitted: check the folder's owner and permissions",
    errno.EROFS: "the file system is read-only",
    errno.EIO: "the disk reported an input/output error (it may be failing)",
}


class NotDurable(StoreError):
    """A folder's fsync failed: a rename in it may not survive a power cut."""


class Exists(StoreError):
    """`write_output` was asked not to replace a file that exists."""


def os_problem(exc: OSError) -> str:
    """What an OSError means for the user, in words (and the system's own words)."""
    known = _OS_PROBLEMS.get(exc.errno)
    plain = exc.strerror or str(exc)
    return f"{known} ({plain})" if known else plain
