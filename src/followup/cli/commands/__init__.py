"""The commands, one module per area. `followup.cli.app.load` imports them as needed."""
