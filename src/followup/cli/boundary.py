"""The error boundary: every command runs inside it.

The project's own errors become one line on stderr and exit 1 (2 for usage); an
interrupt, the end of input, or a reader that left (`followup status | head`) end
quietly; anything unexpected is one line asking for a report (FOLLOWUP_DEBUG=1
shows the traceback). A command returns a `Result`, printed here once.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from followup.cli import environment
from followup.cli.result import Result, emit
from followup.errors import FollowupError, UsageProblem

F = TypeVar("F", bound=Callable[..., Any])


def fail(error: str | FollowupError) -> None:
    """An error on stderr: one line, control characters made visible, advice included."""
    from followup.cli.advice import error_text
    from followup.core.text import clean

    text = error if isinstance(error, str) else error_text(error)
    sys.stderr.write(f"error: {clean(text)}\n")


def boundary(fn: F) -> F:
    """The error boundary: project errors become one line on stderr and exit 1 (2 for usage).

    A command returns a `Result`; it is printed here, once, as JSON when the command
    has an `as_json` parameter that is true, else for people.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        environment.opened.clear()
        environment.notes.clear()
        try:
            result = fn(*args, **kwargs)
            if environment.notes:  # before what the command itself prints
                emit(Result().note(list(environment.notes)))
            if not isinstance(result, Result):
                _warn_about_backups()
                return result
            emit(result, as_json=bool(kwargs.get("as_json")))
            _warn_about_backups()
        except UsageProblem as exc:
            fail(exc)
            raise typer.Exit(2) from None
        except FollowupError as exc:
            fail(exc)
            raise typer.Exit(1) from None
        except typer.Exit:
            _warn_about_backups()
            raise
        except KeyboardInterrupt:
            sys.stderr.write("\nInterrupted. Nothing was recorded.\n")
            raise typer.Exit(130) from None
        except typer.Abort as exc:
            # A prompt (typer.prompt, typer.confirm) read Ctrl-C, or the end of input.
            interrupted = isinstance(exc.__context__, KeyboardInterrupt)
            sys.stderr.write(
                "\nInterrupted. Nothing was recorded.\n"
                if interrupted
                else "\nNo answer (end of input). Nothing was recorded.\n"
            )
            raise typer.Exit(130 if interrupted else 1) from None
        except BrokenPipeError:
            # `followup status | head`: the reader has what it wanted; not an error of ours.
            quiet_stdout()
            raise typer.Exit(0) from None
        except Exception as exc:
            if type(exc).__module__.split(".")[0] in ("typer", "click"):
                raise  # Typer's own exits and usage errors
            if os.environ.get("FOLLOWUP_DEBUG"):
                raise
            fail(
                f"unexpected {type(exc).__name__}: {exc}. Nothing was changed. Please "
                "report this; FOLLOWUP_DEBUG=1 shows the details"
            )
            raise typer.Exit(1) from None
        if result.exit_code:
            raise typer.Exit(result.exit_code)
        return None

    return wrapper  # type: ignore[return-value]


def _warn_about_backups() -> None:
    """A change was saved but its backup copy was not: say so (the command still succeeded)."""
    for store in environment.opened:
        if store.backup_problem:
            from followup.core.text import clean

            sys.stderr.write(
                clean(
                    "warning: your change was saved, but its backup copy was not: "
                    f"{store.backup_problem}. Run `followup doctor` to make it again"
                )
                + "\n"
            )


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
