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
    from followup.cli.app import main as run

    run()


if __name__ == "__main__":
    main()
