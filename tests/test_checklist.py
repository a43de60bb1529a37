"""The checklist engine, used directly: due times per step and per interviewer, edits."""

from __future__ import annotations


def test_status_offers_a_draft_of_the_check_in_by_its_name(cli):
    from conftest import ACME

    assert cli(*ACME).code == 0
    assert cli("done", "1", "email", "linkedin", "card").code == 0
    run = cli("status")
    assert run.code == 0
    assert "Need the words for the check-in (#1)? `followup draft 1 checkin` writes a " \
        "draft." in " ".join(run.stderr.split())  # fmt: skip
