"""`followup prompt`: one short line for a shell prompt: what is overdue and due today, such as
`2 overdue, 3 today`; nothing when nothing is; `followup: ?` if the store cannot be read."""

from __future__ import annotations

import os

from followup.cli.commands import command
from followup.cli.result import Result


@command()
def prompt() -> Result:
    """Example: followup prompt

    In bash's PS1: PS1='$(followup prompt) '"$PS1" (README: zsh, fish, starship).
    """
    from followup.prompt import read_line

    text = read_line(os.environ)
    return Result().write(text + "\n" if text else "")
