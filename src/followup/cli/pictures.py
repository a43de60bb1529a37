"""What several commands show of an interview, built on demand: Rich is imported only
when something is shown to a person."""

from __future__ import annotations

from datetime import datetime


def detail(iv, now: datetime) -> list:
    """`show`'s view of one interview (Rich is imported here, for people only)."""
    from followup.cli.views import interview_detail

    return interview_detail(iv, now)


def replied_line(iv, now: datetime) -> str:
    """'replied Thu 26 Nov 09:00': what `show` and `status` say of a reply."""
    from followup.cli.steps import local_time

    return f"replied {local_time(iv.replied_at, now)}"
