"""Rules of the commands that change interviews and their steps (features.actions and
features.marking), through the store as the CLI uses it, and through the CLI itself.

Each test is a rule a user relies on: which names in a topic are taken for a person,
what a rename keeps, what the next round takes over, where a reopened interview goes,
and which check-in `done` and `reopen` mean.
"""

from __future__ import annotations

import pytest

from followup.storage.store import Store


def test_a_rename_with_a_name_only_keeps_the_email_and_everyones_topics(cli):
    assert cli(
        "add", "Acme Corp", "--at", "2026-11-25 14:00",
        "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel",
        "--topic", "Jane: their move to dbt", "--topic", "Raj: SQL", "--topic", "hiring plan",
    ).code == 0  # fmt: skip
    assert cli("edit", "acme", "--rename-with", "jane", "Janet Doe").code == 0
    shown = cli("show", "1", "--json").json()
    assert [(p["name"], p["email"]) for p in shown["interviewers"]] == [
        ("Janet Doe", "jane@acme.com"),
        ("Raj Patel", None),
    ]
    assert shown["topics"] == [
        {"text": "their move to dbt", "who": "Janet Doe"},
        {"text": "SQL", "who": "Raj Patel"},
        {"text": "hiring plan", "who": None},
    ]


@pytest.mark.parametrize("closed", ["2", "3"])
def test_a_reopened_interview_goes_back_in_its_place_by_number(cli, home, closed):
    for company in ("Acme", "Globex", "Initech"):
        assert cli("add", company, "--at", "2026-11-25 14:00").code == 0
    assert cli("close", closed).code == 0
    assert cli("reopen", closed).code == 0
    assert [iv.id for iv in Store(home).read_open().interviews] == [1, 2, 3]


def test_a_step_the_interview_does_not_have_is_named_in_the_error(cli, files):
    assert cli("config", "checkin.max", "0").code == 0  # no check-ins at all
    assert cli("add", "Acme Corp", "--at", "2026-11-25 14:00").code == 0
    before = files()
    run = cli("done", "acme", "checkin")
    assert (run.code, run.stderr) == (1, "error: #1 Acme Corp has no checkin step\n")
    assert files() == before


@pytest.fixture
def two_rounds(cli):
    assert cli("add", "Acme Corp", "--at", "2026-11-20 14:00", "--with", "Jane Doe").code == 0
    assert cli("next", "acme", "--at", "2026-11-25 14:00", "--with", "Raj Patel").code == 0


def test_a_company_names_the_round_where_the_step_is_still_to_do(cli, two_rounds):
    assert cli("done", "2", "email").code == 0
    run = cli("done", "acme", "email")
    assert run.stdout == "#1 Acme Corp: 2/5 follow-ups finished.\n"
    assert run.stderr.splitlines() == [
        "'acme' is #1 Acme Corp, the only one it applies to; other rounds go by number: "
        "#2 (round 2)",
        "done: Thank-you email · Jane Doe",
    ]


def test_a_company_and_a_person_name_the_round_that_person_was_in(cli, two_rounds):
    run = cli("done", "acme", "email", "--who", "jane")
    assert run.code == 0 and run.stdout == "#1 Acme Corp: 2/5 follow-ups finished.\n"


def test_reopen_by_company_looks_for_the_round_where_the_step_is_finished(cli, two_rounds):
    assert cli("done", "1", "email").code == 0
    run = cli("reopen", "acme", "email")
    assert run.code == 0 and run.stdout == "#1 Acme Corp: 1/5 follow-ups finished.\n"
    assert cli("done", "2", "email").code == 0 and cli("done", "1", "email").code == 0
    run = cli("reopen", "acme", "email")
    assert (run.code, run.stderr) == (
        1,
        "error: 'acme' names 2 rounds of Acme Corp, and email is finished on #1 Acme Corp "
        "and #2 Acme Corp (round 2): use the number, as in `1`\n",
    )


def test_a_decision_before_the_interview_day_is_refused_and_on_the_day_accepted(cli, files):
    before = files()
    run = cli("add", "Acme", "--at", "2026-11-25 14:00", "--decision", "2026-11-24")
    assert (run.code, run.stderr) == (
        1,
        "error: the decision date 2026-11-24 is before the interview (2026-11-25): they "
        'decide after it, so give a day from 2026-11-25 on (e.g. --decision "2026-11-25" '
        "or later)\n",
    )
    assert files() == before
    assert cli("add", "Acme", "--at", "2026-11-25 14:00", "--decision", "2026-11-25").code == 0


def test_edit_says_whether_the_decision_date_was_set_or_cleared(cli):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    run = cli("edit", "1", "--decision", "friday")
    assert run.code == 0 and "Edited #1: decision date." in run.stderr + run.stdout
    run = cli("edit", "1", "--decision", "none")
    assert run.code == 0 and "Edited #1: decision date cleared." in run.stderr + run.stdout


def test_undo_of_closing_the_last_round_names_the_earlier_rounds_it_closed(cli):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    assert cli("next", "acme").code == 0
    assert cli("close", "acme", "--outcome", "offer").code == 0
    run = cli("undo")
    assert run.code == 0
    assert " ".join((run.stdout + run.stderr).split()).startswith(
        "Reverted: closed #2 Acme (round 2) (offer) and its earlier round(s) #1 Acme (made "
    )


def test_closing_the_last_round_closes_earlier_open_rounds_through_a_closed_one(cli):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    assert cli("next", "acme").code == 0
    assert cli("next", "acme").code == 0
    assert cli("close", "2", "--outcome", "rejected").code == 0  # closes #1 too
    assert cli("reopen", "1").code == 0  # round 1 open, round 2 closed, round 3 open
    run = cli("close", "3", "--outcome", "offer")
    assert run.code == 0
    assert "Also closed #1 Acme: an earlier round of the same application (offer)." in (run.stderr)
    shown = {i["id"]: (i["closed"], i["outcome"]) for i in cli("list", "--all", "--json").json()}
    assert shown == {1: (True, "offer"), 2: (True, "rejected"), 3: (True, "offer")}


def test_a_round_whose_earlier_round_was_removed_closes_alone(cli):
    assert cli("add", "Beta", "--at", "2026-11-25 14:00").code == 0
    assert cli("next", "beta").code == 0
    assert cli("remove", "1", "--yes").code == 0
    run = cli("close", "beta", "--outcome", "offer")
    assert run.code == 0 and "Also closed" not in run.stderr
    assert [(i["id"], i["outcome"]) for i in cli("list", "--all", "--json").json()] == [
        (2, "offer")
    ]


def test_closing_the_last_of_three_open_rounds_names_the_earlier_ones_in_order(cli):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    assert cli("next", "acme").code == 0
    assert cli("next", "acme").code == 0
    run = cli("close", "3", "--outcome", "offer")
    assert run.code == 0
    assert (
        "Also closed #1 Acme, #2 Acme (round 2): an earlier round of the same application "
        "(offer)." in " ".join(run.stderr.split())
    )


def test_the_phone_by_company_ticks_every_round_and_two_kinds_are_named_together(cli, files):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    assert cli("next", "acme").code == 0
    # the voicemail check is one for every open interview: no round to choose
    run = cli("done", "acme", "phone")
    assert run.code == 0, run.stderr
    for number in ("1", "2"):
        steps = cli("show", number, "--json").json()["steps"]
        assert [s["status"] for s in steps if s["step"] == "phone"] == ["done"]
    before = files()
    run = cli("done", "acme", "email", "card")
    assert run.code == 1 and files() == before
    assert "and email and card is pending on #1 Acme and #2 Acme (round 2)" in run.stderr


def test_an_edit_that_changes_nothing_says_so_and_writes_nothing(cli, files):
    assert cli("add", "Acme", "--role", "Analyst", "--at", "2026-11-25 14:00").code == 0
    before = files()
    run = cli("edit", "1", "--role", "Analyst", "--company", "Acme")
    assert run.code == 0 and "#1 already had those values." in run.stderr
    assert files() == before  # no undo step for nothing


def test_an_outcome_given_to_an_interview_closed_without_one_is_said_plainly(cli):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    assert cli("close", "1").code == 0
    run = cli("close", "1", "--outcome", "offer")
    assert run.code == 0
    assert run.stdout.strip() == "Changed the outcome of #1 Acme to offer."
    undone = " ".join(cli("undo").stdout.split())
    assert undone.startswith("Reverted: changed the outcome of #1 Acme to offer (made "), undone
