"""`followup undo`: revert the most recent change (repeat to go further back, up to 20
changes)."""

from __future__ import annotations

from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.result import Result


@command()
def undo() -> Result:
    """The most recent change to your data, whichever command made it: one run in
    another terminal or by a script included. It says what it reverts and when
    that change was made.

    Example: followup undo
    """
    from followup.cli.steps import local_time
    from followup.core.distance import relative

    e = env()
    entry = e.store.undo(e.now)
    made = local_time(entry.at, e.now)
    if entry.at <= e.now:  # a change stamped later than now (a pinned clock): its date only
        made += f", {relative(entry.at, e.now)}"
    return Result().show(f"Reverted: {entry.summary} (made {made}).")
