"""An outcome ends the application: closing its latest round with one closes the earlier
rounds still open, and the reply draft finds the round that was closed."""

from __future__ import annotations

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


def test_one_undo_reopens_every_round_the_close_ended(cli):
    two_rounds(cli)
    cli("close", "acme", "--outcome", "offer", env=LATER)
    run = cli("undo", env=LATER)
    assert run.code == 0 and "earlier round" in run.stdout
    assert [iv["id"] for iv in cli("list", "--json").json()] == [1, 2]


def test_closing_without_an_outcome_closes_that_round_only(cli):
    two_rounds(cli)
    assert cli("close", "2", env=LATER).code == 0
    assert [iv["id"] for iv in cli("list", "--json").json()] == [1]


def test_closing_an_earlier_round_leaves_the_later_one_open(cli):
    two_rounds(cli)
    assert cli("close", "1", "--outcome", "rejected", env=LATER).code == 0
    assert [iv["id"] for iv in cli("list", "--json").json()] == [2]


def test_the_reply_draft_finds_the_latest_closed_round_by_company(cli):
    two_rounds(cli)
    cli("close", "acme", "--outcome", "offer", env=LATER)
    run = cli("draft", "acme", "reply", "--who", "kim", env=LATER)
    assert run.code == 0, run.stderr
    assert "Dear Kim" in run.stdout  # round 2's interviewer
    assert "#2 Acme (round 2), the latest round" in run.stderr
