"""What the commands do: actions, drafts and templates, settings, export and import."""
