"""Pure rules and data: kinds, models, text rules, the checklist engine, times, lookup."""
