"""The project's own exceptions. The CLI turns them into one line on stderr."""


class FollowupError(Exception):
    """A problem the user can fix: the message says what and how. Exit 1.

    Advice that names a command is the command line's to word: `advice` is its key
    and values, such as ("reopen-closed", 4), and the CLI appends the words.
    """

    def __init__(self, message: str = "", *, advice: tuple[object, ...] | None = None) -> None:
        super().__init__(message)
        self.advice = advice


class NotFound(FollowupError):
    """No interview (or interviewer) matches what the user typed."""


class Ambiguous(FollowupError):
    """What the user typed matches more than one interview or interviewer."""


class StoreError(FollowupError):
    """The store cannot be read, written or locked."""


class UsageProblem(FollowupError):
    """A usage error the CLI reports with exit 2 (e.g. a prompt with no terminal)."""
