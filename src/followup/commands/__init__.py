"""The commands, one module per area. `followup.cli.load` imports them as needed."""
