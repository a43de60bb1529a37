"""Edits keep progress: no edit turns a done or skipped step back into a pending one.

Adding the first named interviewer to an interview recorded without any gives that
person the steps done so far; removing the last one gives them back to no one; every
other edit (names, times, decision date, topics, the next round) leaves finished steps
as they were. Through the CLI, and through the checklist engine directly.
"""

from __future__ import annotations

import pytest

from conftest import NOW


def steps(run) -> dict[tuple[str, str | None], tuple[str, str | None, str | None]]:
    """(kind, who) -> (status, done_at, reason) of `show --json` output."""
    return {
        (s["step"], s["who"]): (s["status"], s["done_at"], s["reason"]) for s in run.json()["steps"]
    }


def show(cli):
    run = cli("show", "1", "--json")
    assert run.code == 0, run.stderr
    return steps(run)


@pytest.fixture
def unnamed(cli):
    """#1 Acme Corp, no one named: its email done, its LinkedIn note skipped (2/5)."""
    assert cli("add", "Acme Corp", "--at", "2026-11-25 14:00").code == 0
    assert cli("done", "1", "email").code == 0
    assert cli("skip", "1", "linkedin", "--reason", "no account").code == 0


DONE = ("done", NOW, None)


SKIPPED = ("skipped", NOW, "no account")


PENDING = ("pending", None, None)


def test_the_first_person_added_takes_over_the_steps_done_so_far(cli, unnamed):
    run = cli("edit", "1", "--add-with", "Jane <jane@x.com>")
    assert run.code == 0, run.stderr
    after = show(cli)
    assert after[("email", "Jane")] == DONE
    assert after[("linkedin", "Jane")] == SKIPPED
    assert after[("card", "Jane")] == PENDING
    assert ("email", None) not in after  # taken over, not kept beside
    assert "Progress  2/5 done" in cli("show", "1").stdout


def test_of_several_added_at_once_the_first_given_takes_them_the_others_start_fresh(cli, unnamed):
    run = cli("edit", "1", "--add-with", "Jane <jane@x.com>", "--add-with", "Raj Patel")
    assert run.code == 0, run.stderr
    after = show(cli)
    assert (after[("email", "Jane")], after[("linkedin", "Jane")]) == (DONE, SKIPPED)
    assert {after[(k, "Raj Patel")] for k in ("email", "linkedin", "card")} == {PENDING}
    assert "Progress  2/8 done" in cli("show", "1").stdout


def test_a_pending_step_taken_over_keeps_its_due_time(cli, unnamed):
    before = {s["step"]: s["due"] for s in cli("show", "1", "--json").json()["steps"]}
    cli("config", "due.card", "3h")  # a new step would be due 3 h after the interview
    cli("edit", "1", "--add-with", "Jane")
    after = {(s["step"], s["who"]): s["due"] for s in cli("show", "1", "--json").json()["steps"]}
    assert after[("card", "Jane")] == before["card"]


def test_removing_the_last_person_leaves_their_progress_to_no_one(cli):
    cli("add", "Acme Corp", "--at", "2026-11-25 14:00", "--with", "Jane", "--with", "Raj")
    cli("done", "1", "email", "--who", "raj")
    cli("skip", "1", "card", "--who", "jane", "--reason", "no address")
    cli("done", "1", "card", "--who", "raj")
    run = cli("edit", "1", "--remove-with", "jane", "--remove-with", "raj")
    assert run.code == 0, run.stderr
    after = show(cli)
    # Done wins over skipped and pending, whoever it was.
    assert after[("email", None)] == DONE
    assert after[("card", None)] == DONE
    assert after[("linkedin", None)] == PENDING
    assert {who for _, who in after} == {None}


def test_removing_the_last_person_keeps_a_skip_over_a_pending_step(cli):
    cli("add", "Acme Corp", "--at", "2026-11-25 14:00", "--with", "Jane", "--with", "Raj")
    cli("skip", "1", "linkedin", "--who", "raj", "--reason", "no account")
    cli("edit", "1", "--remove-with", "jane", "--remove-with", "raj")
    assert show(cli)[("linkedin", None)] == SKIPPED


def test_an_edit_undone_gives_the_steps_back_to_no_one(cli, unnamed):
    before = show(cli)
    cli("edit", "1", "--add-with", "Jane")
    assert cli("undo").code == 0
    assert show(cli) == before


#: Every other kind of edit, on an interview with Jane Doe and Raj Patel.
OTHER_EDITS = [
    ("--company", "Acme Inc"),
    ("--role", "Lead"),
    ("--notes", "private"),
    ("--at", "2026-11-24 09:00"),
    ("--decision", "2026-12-04"),
    ("--topic", "Jane: their move to dbt"),
    ("--clear-topics",),
    ("--rename-with", "jane", "Janet Doe <janet@acme.com>"),
    ("--add-with", "Mia Wong"),
    ("--remove-with", "raj"),
]


@pytest.mark.parametrize("edit", OTHER_EDITS, ids=lambda e: e[0])
def test_no_other_edit_resets_a_finished_step(cli, edit):
    cli(
        "add", "Acme Corp", "--at", "2026-11-25 14:00", "--decision", "2026-11-30",
        "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel", "--topic", "SQL",
    )  # fmt: skip
    cli("done", "1", "email", "--who", "jane")
    cli("skip", "1", "linkedin", "--who", "jane", "--reason", "no account")
    cli("done", "1", "phone")
    cli("done", "1", "checkin")  # adds the second check-in
    cli("skip", "1", "checkin", "--reason", "they called")
    before = show(cli)
    run = cli("edit", "1", *edit)
    assert run.code == 0, run.stderr
    after = show(cli)
    jane = "Janet Doe" if edit[0] == "--rename-with" else "Jane Doe"
    assert after[("email", jane)] == DONE
    assert after[("linkedin", jane)] == ("skipped", NOW, "no account")
    assert after[("phone", None)] == DONE
    checkins = [
        (s["status"], s["done_at"], s["reason"])
        for s in cli("show", "1", "--json").json()["steps"]
        if s["step"] == "checkin"
    ]
    assert checkins == [DONE, ("skipped", NOW, "they called")]
    finished = {k: v for k, v in before.items() if v[0] != "pending" and k[1] != "Jane Doe"}
    assert {k: after[k] for k in finished} == finished


def test_the_next_round_leaves_the_earlier_rounds_finished_steps_alone(cli):
    cli("add", "Acme Corp", "--at", "2026-11-20 14:00", "--with", "Jane Doe")
    cli("done", "1", "email")
    cli("skip", "1", "card", "--reason", "no address")
    cli("done", "1", "checkin", env={"FOLLOWUP_NOW": "2026-11-25T10:00:00+00:00"})
    cli("skip", "1", "checkin", "--reason", "they called")
    before = show(cli)
    run = cli("next", "1", "--at", "2026-11-25 14:00", "--with", "Jane Doe")
    assert run.code == 0, run.stderr
    assert show(cli) == before  # the check-ins finished keep their reason, not "next round"
