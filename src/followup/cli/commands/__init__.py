"""The commands: one module per command, named for it (pypa/pipx's `commands/`).

`followup done` is `commands/done.py` (`import_.py` for `import`, a Python keyword).
The top-level app knows each command by its name and summary, from COMMANDS
below, and imports and builds only the one that runs; `--help` and shell
completion list every command from the table alone.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import typer

F = TypeVar("F", bound=Callable[..., Any])

#: Every command, in the order `followup --help` lists them, and what it does: the
#: first paragraph of its help (its docstring has the rest), whose first sentence is
#: its line in that list.
COMMANDS: dict[str, str] = {
    "add": "Record an interview right after it happens, and list its follow-ups.",
    "status": "Show the follow-ups still to do: overdue first, then by due time.",
    "done": "Tick steps off. Without --who, every interviewer's step of that kind.",
    "skip": "Mark steps skipped: not needed for this interview.",
    "reopen": "Put done or skipped steps back to pending; with no STEP, reopen a closed interview.",
    "agenda": (
        "The days ahead, day by day from today: what is overdue first, then each day's "
        "follow-ups. In a terminal it opens with a small calendar marked by urgency."
    ),
    "stats": (
        "The whole season at a glance: applications and how they ended, how far they got, "
        "how often the follow-ups were done on time, and how long replies took."
    ),
    "show": "Show one interview in full: details, interviewers, notes, checklist and progress.",
    "list": "List open interviews with their progress and next due step.",
    "edit": "Change an interview. Due times of pending steps follow a new time.",
    "next": (
        "Record the next round of an application: a new interview with its own number, "
        "interviewers and follow-ups, the company (and role) carried over."
    ),
    "close": "Close an interview: it leaves status and list, and stays in list --all and show.",
    "remove": "Delete an interview and its follow-ups. Asks first in a terminal.",
    "undo": "Revert the most recent change (repeat to go further back, up to 20 changes).",
    "replied": (
        'Record that the company replied: its pending check-ins are skipped ("they replied").'
    ),
    "snooze": "Put a pending step off until a later time; show marks it snoozed.",
    "draft": (
        "Print a ready-to-send draft of a follow-up, filled from the interview and your profile."
    ),
    "send": (
        "Hand a step's draft to your mail program or the clipboard. followup sends "
        "nothing itself, and ticks nothing: once you have sent it, tick it with `followup "
        "done`."
    ),
    "mail": (
        "Read your mailbox (read-only) and propose: tick the thank-you emails and "
        "check-ins you sent, and record the replies you received."
    ),
    "remind": "Send one desktop notification of the follow-ups overdue or due soon.",
    "prompt": (
        "One short line for a shell prompt: what is overdue and due today, such as `2 "
        "overdue, 3 today`; nothing when nothing is; `followup: ?` if the store cannot be"
        " read. Fast: it reads one file and loads none of the command line."
    ),
    "config": "Show or change your settings: your profile for drafts, and when steps fall due.",
    "export": "Write your interviews out: a backup, a spreadsheet, or reminders for your calendar.",
    "import": (
        "Read interviews in: a `followup export` json file (a backup, another machine), or a csv."
    ),
    "doctor": "Check your data folder and repair what is wrong, with your consent.",
}

#: The module of a command whose name is a Python keyword.
_MODULES = {"import": "import_"}

#: The commands whose module has been imported, each as a Typer app of its own.
_declared: dict[str, typer.Typer] = {}
#: Their Click commands, built once per process (building one reads its signature).
_built: dict[str, Any] = {}


def command(name: str | None = None) -> Callable[[F], F]:
    """Declare the command defined by the function below, as `name` (by default the
    function's name): inside the error boundary, so that no command can leave it out,
    with its summary from COMMANDS and the rest of its help from the docstring."""

    def declare(fn: F) -> F:
        import typer

        from followup.cli.boundary import boundary
        from followup.cli.usage import FollowupCommand

        called = name or fn.__name__.replace("_", "-")
        text = "\n\n".join(part for part in (COMMANDS[called], inspect.getdoc(fn)) if part)
        one = typer.Typer(
            add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False
        )
        wrapped = boundary(fn)
        one.command(called, cls=FollowupCommand, help=text)(wrapped)
        _declared[called] = one
        return wrapped

    return declare


def build(name: str) -> Any:
    """The Click command of `name` (one of COMMANDS): its module imported, built once."""
    if name not in _built:
        importlib.import_module(f"{__name__}.{_MODULES.get(name, name)}")
        import typer.main

        _built[name] = typer.main.get_command(_declared[name])
    return _built[name]
