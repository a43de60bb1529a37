"""Pure logic and data: kinds, models, text checks, the checklist engine, times, lookup."""
