"""The `followup` command: its own options, and its commands by name.

A start pays for one command: the app knows every command by its name and summary
(`commands.COMMANDS`) and imports and builds only the one that runs (Click's
lazy-loading group, on Typer's public `TyperGroup`). `--help` and the completion of
a command's name list them all from that table, importing none.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from followup import __version__
from followup.cli.commands import COMMANDS, build
from followup.cli.usage import FollowupGroup


class CommandsByName(FollowupGroup):
    """The group of followup's commands, each imported and built when it runs."""

    #: True while the commands are only listed (help, completion of their names).
    listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        if self.listing:  # a name and its summary are all a list shows
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name])
        return build(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with self._only_listed():
            super().format_commands(ctx, formatter)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        with self._only_listed():
            return super().shell_complete(ctx, incomplete)

    @contextlib.contextmanager
    def _only_listed(self) -> Iterator[None]:
        self.listing = True
        try:
            yield
        finally:
            self.listing = False


app = typer.Typer(
    name="followup",
    help=(
        "Never miss the follow-ups after a job interview: a thank-you email, a LinkedIn "
        "note, a handwritten card, and being ready for the phone.\n\n"
        'Example: followup add "Acme Corp" --with "Jane Doe <jane@acme.com>", then '
        "followup status."
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=CommandsByName,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"followup {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Never miss the follow-ups after a job interview."""


def load() -> typer.Typer:
    """The app, every command known by name (each is imported when it runs)."""
    return app


def _no_command() -> None:
    """A bare `followup`: the help on stderr and exit 2, since a command is missing
    (stdout stays empty for scripts; `followup --help` is the request for help, exit 0)."""
    group = typer.main.get_command(app)
    with group.make_context("followup", [], resilient_parsing=True) as ctx:
        sys.stderr.write(group.get_help(ctx) + "\n\n")
    sys.stderr.write(
        "error: no command given: pick one of the above; `followup status` shows what is due\n"
    )
    sys.exit(2)


def main() -> None:
    """The console script's entry point."""
    if not sys.argv[1:] and not os.environ.get("_FOLLOWUP_COMPLETE"):
        _no_command()
    try:
        app(prog_name="followup")
    except BrokenPipeError:
        from followup.cli.boundary import quiet_stdout

        quiet_stdout()  # the reader left while Typer itself was writing (help, say)
        sys.exit(0)
