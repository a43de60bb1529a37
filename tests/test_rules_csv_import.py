"""Rules of `followup import FILE.csv` a spreadsheet user relies on: how the header is read
(separator, names, order), which cells mean what, how each problem names its row and
column, and that importing a spreadsheet again adds only its new rows."""

from __future__ import annotations


def test_the_cli_imports_a_semicolon_spreadsheet_from_stdin(cli):
    run = cli("import", "-", input="company;at;outcome\nAcme;2026-11-25 14:00;rejected\n")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("Imported 1 interview(s) from stdin (0 open, 1 closed)")
    again = cli("import", "-", "--format", "csv", input="company;at\nacme;2026-11-25 14:00\n")
    assert "Nothing to import: the 1 interview(s) in stdin are here already" in again.stderr
