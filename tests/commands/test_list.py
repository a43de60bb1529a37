"""`followup list`, driven through the real command line."""

from __future__ import annotations

import json

from conftest import ACME, add

# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


def test_list_shows_progress_and_next_due(cli):
    add_acme(cli)
    cli("done", "1", "phone")
    result = cli("list")
    assert "1/8" in result.stdout
    assert "Thank-you email" in result.stdout
    listed = cli("list", "--json").json()
    assert [iv["id"] for iv in listed] == [1]
    assert listed[0]["steps"][0]["step"] == "email"


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def test_list_groups_the_rounds_of_an_application(cli):
    add(cli, *ACME)
    add(cli, "add", "Globex")
    add(cli, "next", "acme")
    run = cli("list")
    lines = run.stdout.splitlines()
    acme = [i for i, line in enumerate(lines) if "Acme" in line or "round 2" in line]
    globex = [i for i, line in enumerate(lines) if "Globex" in line]
    # Acme's two rounds are together, round 1 then round 2, though #2 is Globex
    assert len(acme) == 2 and acme[1] == acme[0] + 1 and globex == [acme[1] + 1], run.stdout
    assert "round 2" in lines[acme[1]].lower()


# ----------------------------------------------------------------------------
# Replies are steps: closing with an offer or a rejection adds a `reply` step, an offer's
# deadline a `decide` step; a closed interview with one pending stays in open.json (so
# `status` lists it without reading history); `followup replied` records their reply.


def test_list_show_export_import_and_doctor_know_such_interviews(cli, home, tmp_path):
    assert cli(*ACME).code == 0
    assert cli("add", "Globex").code == 0
    assert cli("close", "acme", "--outcome", "offer", "--deadline", "2026-12-04").code == 0
    assert [iv["id"] for iv in cli("list", "--json").json()] == [2]
    assert [iv["id"] for iv in cli("list", "--all", "--json").json()] == [1, 2]
    shown = cli("show", "acme")  # a company prefix finds the closed one
    assert shown.code == 0 and "Deadline  Fri 04 Dec 23:59 (8 days left)" in shown.stdout
    assert "closed (offer)" in shown.stdout
    doctor = cli("doctor")
    assert doctor.code == 0 and "1 with a reply or decision pending" in doctor.stdout
    exported = cli("export").json()
    acme = exported["interviews"][0]
    assert (acme["deadline"], acme["replied_at"]) == ("2026-12-04T23:59:00+00:00", None)
    ics = cli("export", "--format", "ics").stdout
    assert "SUMMARY:Decide · Acme Corp" in ics
    (tmp_path / "out.json").write_text(json.dumps(exported))
    other = {"FOLLOWUP_HOME": str(tmp_path / "other")}
    assert cli("import", str(tmp_path / "out.json"), env=other).code == 0
    rows = cli("status", "--json", env=other).json()
    assert [(s["interview"], s["step"]) for s in rows if s["interview"] == 1] == [
        (1, "reply"),
        (1, "decide"),
    ]


# ----------------------------------------------------------------------------
# An outcome ends the application: closing its latest round with one closes the earlier
# rounds still open, and the reply draft finds the round that was closed.


LATER = {"FOLLOWUP_NOW": "2026-11-30T10:00:00+00:00"}


def two_rounds(cli) -> None:
    assert cli("add", "Acme", "--at", "yesterday 2pm", "--with", "Jane <jane@acme.com>").code == 0
    assert cli("next", "acme", "--at", "tomorrow 10am", "--with", "Kim").code == 0


def test_an_offer_on_the_latest_round_closes_the_earlier_rounds_too(cli):
    two_rounds(cli)
    run = cli("close", "acme", "--outcome", "offer", env=LATER)
    assert run.code == 0 and "Closed #2 Acme (offer)." in run.stdout
    assert "Also closed #1 Acme" in run.stderr
    listed = {iv["id"]: iv for iv in cli("list", "--all", "--json").json()}
    assert [listed[n]["outcome"] for n in (1, 2)] == ["offer", "offer"]
    rows = cli("status", "--json", env=LATER).json()  # round 1 no longer overdue
    assert [(s["interview"], s["step"]) for s in rows] == [(2, "reply")]  # the offer's reply
    assert cli("list", "--json").json() == []
