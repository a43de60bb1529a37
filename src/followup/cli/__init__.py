"""The command line: the Typer app, its commands, and rendering. Only this layer prints."""
