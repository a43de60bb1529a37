"""What the commands do: actions on interviews, marking steps, drafts (fitted to their limits)
and templates, settings, export and import."""
