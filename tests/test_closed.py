"""Closed interviews: found by company when no open one matches, reopened with `reopen`;
and `show` lists drafts only for what is still to do."""

from __future__ import annotations

from conftest import ACME


def close_umbrella(cli):
    assert cli("add", "Umbrella", "--with", "Happy Hogan", "--with", "Pepper Potts").code == 0
    assert cli("close", "umbrella", "--outcome", "rejected").code == 0


def test_show_finds_a_closed_interview_by_company(cli):
    close_umbrella(cli)
    result = cli("show", "umbrella")
    assert result.code == 0, result.stderr
    assert "#1 Umbrella" in result.stdout and "closed (rejected)" in result.stdout
    assert cli("show", "umb", "--json").json()["closed"] is True


def test_an_open_interview_wins_over_a_closed_one(cli):
    close_umbrella(cli)
    cli("add", "Umbrella Health")
    result = cli("show", "umbrella", "--json")
    assert result.code == 0, result.stderr
    assert result.json()["id"] == 2


def test_two_closed_matches_are_ambiguous_and_listed(cli):
    close_umbrella(cli)
    cli("add", "Umbrella Health")
    cli("close", "2")
    result = cli("show", "umb")
    assert result.code == 1
    assert "#1 Umbrella" in result.stderr and "#2 Umbrella Health" in result.stderr


def test_ticking_steps_of_a_closed_interview_by_company_is_still_refused(cli, files):
    close_umbrella(cli)
    before = files()
    result = cli("done", "umbrella", "email")
    assert result.code == 1
    assert "closed" in result.stderr and "followup reopen 1" in result.stderr
    assert files() == before


def test_reopen_with_no_step_reopens_a_closed_interview(cli):
    close_umbrella(cli)
    result = cli("reopen", "umbrella")
    assert result.code == 0, result.stderr
    assert "Reopened #1 Umbrella" in result.stdout
    iv = cli("show", "1", "--json").json()
    assert iv["closed"] is False and iv["outcome"] is None
    assert [row["company"] for row in cli("list", "--json").json()] == ["Umbrella"]
    assert any(s["interview"] == 1 for s in cli("status", "--json").json())


def test_reopen_by_number_and_undo_closes_it_again(cli):
    close_umbrella(cli)
    assert cli("reopen", "1").code == 0
    undone = cli("undo")
    assert undone.code == 0 and "reopened #1 Umbrella" in undone.stdout
    assert cli("show", "1", "--json").json()["closed"] is True


def test_reopen_with_no_step_on_an_open_interview_says_what_to_do(cli, files):
    cli(*ACME)
    before = files()
    result = cli("reopen", "acme")
    assert result.code == 1
    assert "open" in result.stderr and "followup reopen 1 email" in result.stderr
    assert files() == before


def test_reopen_keeps_the_steps_as_they_were(cli):
    close_umbrella(cli)
    cli("reopen", "1")
    cli("done", "1", "email", "--who", "happy")
    cli("close", "1")
    cli("reopen", "1")
    steps = cli("show", "1", "--json").json()["steps"]
    done = [(s["step"], s["who"]) for s in steps if s["status"] == "done"]
    assert done == [("email", "Happy Hogan")]


def test_show_lists_drafts_only_for_pending_steps(cli):
    cli(*ACME)
    cli("done", "acme", "email", "--who", "jane")
    cli("skip", "acme", "card")
    cli("done", "acme", "phone")
    shown = cli("show", "acme").stdout
    drafts = shown[shown.index("Drafts") :]
    assert "followup draft 1 email --who Raj" in drafts
    assert "--who Jane" not in drafts.split("linkedin")[0]  # Jane's email is done
    assert "followup draft 1 linkedin" in drafts
    assert "draft 1 card" not in drafts and "draft 1 phone" not in drafts


def test_show_lists_no_drafts_when_nothing_is_pending(cli):
    cli("add", "Globex")
    cli("done", "globex", "email", "linkedin", "card", "phone")
    cli("skip", "globex", "checkin")
    assert "Drafts" not in cli("show", "globex").stdout
