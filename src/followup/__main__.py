"""The console entry point: `followup ...` and `python -m followup`.

It stays tiny: commands that must start fast (the shell-prompt line) are
dispatched here, before the command line (Typer, Rich, pydantic) is imported.
"""

from __future__ import annotations


def main() -> None:
    """Run the command line; `followup prompt` (and nothing more) skips it."""
    import sys

    if sys.argv[1:] == ["prompt"]:
        # Runs on every shell prompt: the standard library only (`prompt --help` and
        # completion still go through the command line below).
        from followup.prompt import main as prompt

        prompt()
    import os

    # No pydantic plugins (its documented switch; a value the user set is kept): our
    # models are our own, and looking for plugins reads the metadata of every package
    # installed (importlib.metadata) at each start, about 3% of a `followup status`.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from followup.cli.app import main as run

    run()


if __name__ == "__main__":
    main()
