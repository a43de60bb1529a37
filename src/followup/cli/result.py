"""What a command did, and the one place that prints it.

A command returns a `Result`; the `command` decorator hands it to `emit`, which
prints it once: with `--json`, the JSON data on stdout and nothing else there;
otherwise the results for people on stdout and the messages and hints on
stderr, in the order the command added them.

Nothing here imports Rich (but `rich.cells`, to measure a hint too long for one
line, which it wraps between words and never inside a command). Output that needs
Rich (a table, styled text) is passed as a function that builds it; only human
output calls it, so `--json` never pays for importing Rich or laying out a table.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Literal

#: Where an item goes: stdout for people (`show` lays out, `write` is verbatim), stderr
#: for people (`say`, `say-wrapped`, `hint`), stderr with --json as well (`note`).
Channel = Literal["show", "write", "say", "say-wrapped", "hint", "note"]


class Result:
    """What a command did: its JSON data, its exit code, and its output for people.

    `data` is what `--json` prints: a JSON value, or a function without arguments
    that builds it (called for --json only); None when the command prints no JSON.
    Every item given to `show`, `say`, `hint` or `note` may be a function without
    arguments that returns the item, or a list of items: it is called only when
    the item is printed.
    """

    __slots__ = ("data", "exit_code", "items")

    def __init__(self, data: Any = None, *, exit_code: int = 0) -> None:
        self.data = data
        self.exit_code = exit_code
        self.items: list[tuple[Channel, Any]] = []

    def show(self, *items: Any) -> Result:
        """Results on stdout: str (plain text, never markup), a Rich `Text`, a `Grid`."""
        self.items.extend(("show", item) for item in items)
        return self

    def write(self, text: str | bytes) -> Result:
        """Text (or bytes) on stdout exactly as given: a draft, a value, an export."""
        self.items.append(("write", text))
        return self

    def say(self, message: Any, *, wrapped: bool = False) -> Result:
        """A message on stderr saying what happened: a str, or a Rich `Text` for style.
        One line, unless `wrapped` (a str that names a long company or role, say): then
        wrapped to the width like a hint."""
        self.items.append(("say-wrapped" if wrapped else "say", message))
        return self

    def hint(self, message: Any) -> Result:
        """Advice on stderr, usually the command to run next."""
        self.items.append(("hint", message))
        return self

    def note(self, message: Any) -> Result:
        """A message on stderr that a script needs too: printed with --json as well."""
        self.items.append(("note", message))
        return self


def emit(result: Result, as_json: bool = False) -> None:
    """Print `result`: as JSON, or for people. What is printed leaves `result.items`,
    so a command that asks a question half-way can emit what it has so far first."""
    items, result.items = result.items, []
    if as_json:
        if result.data is not None:
            data = result.data() if callable(result.data) else result.data
            _write_json(data)
        for channel, item in items:
            if channel == "note":
                _to_stderr(item)
        return
    shown: list[Any] = []  # consecutive results are laid out together
    for channel, item in items:
        if channel == "show":
            shown.extend(_resolved(item))
            continue
        if shown:
            _show(shown)
            shown = []
        if channel == "write":
            _write(item)
        else:
            _to_stderr(item, wrapped=channel in ("say-wrapped", "hint"))
    if shown:
        _show(shown)


def _resolved(item: Any | Callable[[], Any]) -> list[Any]:
    value = item() if callable(item) else item
    return list(value) if isinstance(value, list | tuple) else [value]


def _write_json(value: Any) -> None:
    """Plain JSON on stdout, nothing else, whatever the terminal."""
    import json  # human output needs none

    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def _show(items: list[Any]) -> None:
    from followup.cli.render import show

    show(*items)


def _write(text: str | bytes) -> None:
    if isinstance(text, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _to_stderr(message: Any, wrapped: bool = False) -> None:
    """Each message as a line: a str plain, control characters made visible (a hint, or
    a message to wrap, wrapped to the width between words, never inside a command); a
    Rich `Text` styled when stderr is a terminal."""
    for line in _resolved(message):
        if isinstance(line, str):
            from followup.core.text import clean

            parts = wrap(clean(line), width()) if wrapped else [clean(line)]
            sys.stderr.write("".join(part + "\n" for part in parts))
        else:
            from followup.cli.render import message

            message(line)


def width(stream: Any = None) -> int:
    """How wide the lines of `stream` (stderr) may be: COLUMNS, else the terminal's
    width, else 80 (a pipe)."""
    import os

    try:
        return max(int(os.environ["COLUMNS"]), 20)
    except (KeyError, ValueError):
        pass
    try:
        return max(os.get_terminal_size((stream or sys.stderr).fileno()).columns, 20)
    except (OSError, ValueError, AttributeError):
        return 80


def wrap(text: str, width: int, indent: str = "  ") -> list[str]:
    """`text` in lines of at most `width` cells, broken between words; a command in
    backquotes is one word, never broken (a longer one gets a line of its own). Lines
    after the first are indented."""
    if "\n" not in text and 2 * len(text) <= width:  # fits however wide its characters
        return [text]
    import re

    from rich.cells import cell_len

    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = re.findall(r"\S*`[^`]*`\S*|\S+", paragraph)
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if line and cell_len(candidate) > width:
                lines.append(line)
                line = indent + word
            else:
                line = candidate
        lines.append(line)
    return lines
