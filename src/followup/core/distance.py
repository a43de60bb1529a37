"""How far a time is from now, in a few characters: "in 5 h", "2 d ago", "2 d overdue".

Apart from `when` (which reads times that users type) so that what only shows times,
as `followup status` does, does not load the readers.
"""

from __future__ import annotations

from datetime import datetime


def relative(moment: datetime, now: datetime) -> str:
    """'in 5 h', '2 d ago', 'now': a short distance from `now`, rounded down."""
    seconds = (moment - now).total_seconds()
    span = int(abs(seconds))  # whole seconds: each unit below is rounded down
    if span < 60:
        return "now"
    if span < 3600:
        amount = f"{span // 60} min"
    elif span < 48 * 3600:
        amount = f"{span // 3600} h"
    else:
        amount = f"{span // 86400} d"
    return f"in {amount}" if seconds > 0 else f"{amount} ago"


def overdue_by(due: datetime, now: datetime) -> str:
    """'2 d overdue': how long ago a pending step fell due."""
    return relative(due, now).removesuffix(" ago") + " overdue"
