"""Rules of `followup export` a user relies on: the JSON envelope as docs/json.md shows it,
the CSV for spreadsheets (its empty cells, its local times, its formula guard)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from conftest import ACME, NOW_DT, make_interview
from followup.core.checklist import derive_steps
from followup.core.models import Interview
from followup.features import exporting


def interview(company: str = "Société Générale", **more) -> Interview:
    iv = make_interview(company=company, at=datetime(2026, 11, 25, 15, tzinfo=UTC))
    for key, value in more.items():
        setattr(iv, key, value)
    iv.steps = derive_steps(iv)
    return iv


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_the_json_export_is_indented_by_two_and_keeps_text_as_typed(cli):
    assert cli("add", "Société Générale", "--at", "2026-11-25 14:00").code == 0
    out = cli("export").stdout
    assert out.startswith('{\n  "format": "followup",\n  "version": 3,\n  "interviews": [\n    {')
    assert '"company": "Société Générale"' in out  # not "Soci\u00e9t\u00e9"
    assert out.endswith("}\n") and not out.endswith("\n\n")
    data = exporting.export_json([interview()], NOW_DT)
    assert "Société Générale".encode() in data
    assert data == (json.dumps(json.loads(data), indent=2, ensure_ascii=False) + "\n").encode()


def test_a_step_that_is_nobodys_has_an_empty_who_cell_and_pending_steps_no_done_at(cli):
    assert cli(*ACME).code == 0
    found = rows(cli("export", "--format", "csv").stdout.encode())
    phone = next(r for r in found if r["step"] == "phone")
    assert phone["who"] == ""
    assert phone["done_at"] == ""
    assert {r["who"] for r in found if r["step"] == "email"} == {"Jane Doe", "Raj Patel"}
