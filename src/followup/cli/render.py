"""Human output with Rich. User text always goes in as `Text`, never as markup.

`rich.console` is imported only when the output is styled (a terminal, or
FORCE_COLOR), and `rich.text` only when something is styled text: piped output is
laid out the same way and written as plain text, which saves `status` their imports
and the console's rendering.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from followup.cli.grid import Grid, width_of
from followup.core.text import clean

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def out() -> Console:
    """The console for results (stdout)."""
    from rich.console import Console

    return Console(highlight=False, emoji=False)


def err() -> Console:
    """The console for messages (stderr)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False)


def styled(stream: Any = None) -> bool:
    """Whether `stream` (stdout) gets styles: a terminal, or colour forced, as Rich decides."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    if os.environ.get("TTY_COMPATIBLE") == "0":
        return False
    try:
        return (stream or sys.stdout).isatty()
    except (AttributeError, ValueError):
        return False


def plain_width() -> int:
    """The width Rich would use for output that is not a terminal: COLUMNS, else 80."""
    return table_width() or 80


def table_width() -> int | None:
    """The width tables fit into when stdout is not a terminal: COLUMNS; None (no limit:
    one row per line, however long) when it is not set."""
    try:
        return max(int(os.environ.get("COLUMNS", "")), 1)
    except ValueError:
        return None


def width() -> int:
    """The width of stdout's lines for people: the terminal's (or COLUMNS), else 80."""
    return out().width if styled() else plain_width()


class Unwrapped(NamedTuple):
    """A line that the terminal wraps, not Rich: a long path stays whole, to copy."""

    text: Text


def show(*items: Any) -> None:
    """Print results on stdout: str (plain text, never markup), `Text`, `Unwrapped`, `Grid`."""
    if styled():
        console = out()
        for item in items:
            if isinstance(item, Unwrapped):
                console.print(item.text, soft_wrap=True)
            else:
                console.print(user(item) if isinstance(item, str) else item)
        return
    width = plain_width()
    parts: list[str] = []
    for item in items:
        if isinstance(item, str):
            parts.append(_wrapped(clean(item), width, fold=False) + "\n")
        elif isinstance(item, Grid):
            parts.extend(line + "\n" for line in item.plain_lines(table_width()))
        elif isinstance(item, Unwrapped):  # a line the terminal wraps, or a pipe keeps whole
            parts.append(item.text.plain + "\n")
        else:  # Rich's own, so rich.text is imported already
            from rich.text import Text

            if isinstance(item, Text):
                parts.append(_wrapped(item.plain, width, fold=True) + "\n")
                continue
            from rich.console import Console  # any other Rich renderable

            sys.stdout.write("".join(parts))
            parts.clear()
            Console(highlight=False, emoji=False).print(item)
    sys.stdout.write("".join(parts))


def _wrapped(text: str, width: int, *, fold: bool) -> str:
    """`text` wrapped at spaces to `width` cells, line by line, as Rich wraps it in a
    terminal (`fold`: a word longer than a line is cut, as Rich folds it)."""
    if all(width_of(line) <= width for line in text.split("\n")):
        return text
    import textwrap

    return "\n".join(
        textwrap.fill(line, width, break_long_words=fold, break_on_hyphens=False) or line
        for line in text.split("\n")
    )


def user(text: str, style: str = "") -> Text:
    """User-typed text, shown as typed: never markup, no raw control characters."""
    from rich.text import Text

    return Text(clean(text), style=style)


def message(text: str | Text, style: str = "") -> None:
    """A message line on stderr, styled when stderr is a terminal. Never markup."""
    from rich.text import Text  # a message given as Text has it imported already

    line = text if isinstance(text, Text) else Text(text, style=style)
    if styled(sys.stderr):
        err().print(line)
    else:
        sys.stderr.write(line.plain + "\n")
