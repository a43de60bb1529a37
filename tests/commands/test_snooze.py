"""`followup snooze INTERVIEW STEP [--who NAME] --until WHEN`: a pending step is put off to a
later time; `snoozed_from` keeps the time it had; re-timing the interview leaves it be."""

from __future__ import annotations

import pytest

from conftest import ACME


def step(cli, kind: str, who: str | None = None, ref: str = "1") -> dict:
    found = [
        s
        for s in cli("show", ref, "--json").json()["steps"]
        if s["step"] == kind and (who is None or s["who"] == who)
    ]
    return found[-1]


def test_snooze_moves_one_persons_step_and_keeps_the_time_it_had(cli):
    assert cli(*ACME).code == 0
    run = cli("snooze", "acme", "card", "--who", "jane", "--until", "monday 9am")
    assert run.code == 0, run.stderr
    assert "until Mon 30 Nov 09:00 (was due Fri 27 Nov 14:00)" in run.stdout
    card = step(cli, "card", "Jane Doe")
    assert card["due"] == "2026-11-30T09:00:00+00:00"
    assert card["snoozed_from"] == "2026-11-27T14:00:00+00:00"
    raj = step(cli, "card", "Raj Patel")  # not named: not moved
    assert (raj["due"], raj["snoozed_from"]) == ("2026-11-27T14:00:00+00:00", None)
    assert "(snoozed from Fri 27 Nov)" in cli("show", "1").stdout


def test_a_time_of_day_already_gone_is_tomorrow_s(cli):
    """NOW is 10:00: "9am" is tomorrow's, where it was refused as not later than now."""
    assert cli(*ACME).code == 0
    run = cli("snooze", "1", "phone", "--until", "9am")
    assert run.code == 0, run.stderr
    assert step(cli, "phone")["due"] == "2026-11-27T09:00:00+00:00"


def test_snoozing_again_keeps_the_first_due_time_and_undo_restores_each(cli, files):
    assert cli(*ACME).code == 0
    before = files()["open.json"]
    assert cli("snooze", "1", "phone", "--until", "today 15:00").code == 0
    assert cli("snooze", "1", "phone", "--until", "tomorrow 9am").code == 0
    phone = step(cli, "phone")
    assert phone["due"] == "2026-11-27T09:00:00+00:00"
    assert phone["snoozed_from"] == "2026-11-25T18:00:00+00:00"  # before the first snooze
    assert phone["overdue"] is False
    assert cli("undo").code == 0
    assert step(cli, "phone")["due"] == "2026-11-26T15:00:00+00:00"
    assert cli("undo").code == 0
    phone = step(cli, "phone")
    assert (phone["due"], phone["snoozed_from"]) == ("2026-11-25T18:00:00+00:00", None)
    assert "snoozed" not in cli("show", "1").stdout
    assert files()["open.json"] == before


@pytest.mark.parametrize("until", ["now", "2026-11-26 09:59", "yesterday", "2026-11-26 10:00"])
def test_until_must_be_later_than_now(cli, files, until):
    assert cli(*ACME).code == 0
    before = files()
    run = cli("snooze", "1", "email", "--until", until)
    assert run.code == 1 and "later than now" in run.stderr
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
    assert files() == before


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("1", "card", "--until", "monday"), 0, ""),
        (("1", "card", "--who", "nobody", "--until", "monday"), 1, "nobody"),
        (("9", "card", "--until", "monday"), 1, "#9"),
        (("1", "fax", "--until", "monday"), 1, "fax"),
        (("1", "card"), 2, "--until"),
    ],
)
def test_bad_arguments_are_refused_and_change_nothing(cli, files, args, code, said):
    assert cli(*ACME).code == 0
    before = files()
    run = cli("snooze", *args)
    assert run.code == code and said in run.stderr
    if code:
        assert files() == before


def test_a_step_that_is_not_pending_cannot_be_snoozed(cli, files):
    assert cli(*ACME).code == 0
    assert cli("done", "1", "phone").code == 0
    before = files()
    run = cli("snooze", "1", "phone", "--until", "monday")
    assert run.code == 1
    assert run.stderr == (
        "error: the phone step of #1 Acme Corp (Data Analyst) is done, not pending: only a "
        "step still to do can be snoozed (`followup reopen 1 phone` puts it back)\n"
    )
    assert files() == before


def test_the_way_back_for_one_person_s_finished_step_names_them(cli, files):
    """`followup reopen 1 card` alone would not say whose card: Jane's is named."""
    assert cli(*ACME).code == 0
    assert cli("done", "1", "card", "--who", "jane").code == 0
    before = files()
    run = cli("snooze", "1", "card", "--who", "jane", "--until", "monday")
    assert run.code == 1
    assert run.stderr.endswith("(`followup reopen 1 card --who Jane` puts it back)\n")
    assert files() == before
    assert cli("done", "1", "email", "--who", "raj").code == 0
    assert cli("snooze", "1", "email", "--who", "raj", "--until", "monday").stderr.endswith(
        "(`followup reopen 1 email --who Raj` puts it back)\n"
    )
    # the phone is no one's in particular; with one interviewer, no --who is needed
    assert cli("done", "1", "phone").code == 0
    assert cli("snooze", "1", "phone", "--who", "raj", "--until", "monday").stderr.endswith(
        "(`followup reopen 1 phone` puts it back)\n"
    )
    assert cli("add", "Globex", "--with", "Hank Scorpio").code == 0
    assert cli("done", "2", "card").code == 0
    assert cli("snooze", "2", "card", "--who", "hank", "--until", "monday").stderr.endswith(
        "(`followup reopen 2 card` puts it back)\n"
    )


def test_a_snoozed_step_keeps_its_time_when_the_interview_or_decision_moves(cli):
    assert cli(*ACME).code == 0
    assert cli("snooze", "1", "card", "--who", "jane", "--until", "monday 9am").code == 0
    assert cli("snooze", "1", "checkin", "--until", "2026-12-07 09:00").code == 0
    assert cli("edit", "1", "--at", "2026-11-25 16:00").code == 0
    assert step(cli, "card", "Jane Doe")["due"] == "2026-11-30T09:00:00+00:00"  # kept
    assert step(cli, "card", "Raj Patel")["due"] == "2026-11-27T16:00:00+00:00"  # moved
    assert cli("edit", "1", "--decision", "2026-12-01").code == 0
    assert step(cli, "checkin")["due"] == "2026-12-07T09:00:00+00:00"


# ----------------------------------------------------------------------------
# QA of the mail loop: what a mailbox may hold that must not break or fool it, and
# the draft files `send` writes, read back as a mail program reads them.


def test_the_decide_step_cannot_be_snoozed_past_the_offers_deadline(cli, files) -> None:
    """The deadline is the company's: a decide step put off past it would count down
    "6 days left" for an offer that lapses in 3."""
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", "2026-11-29").code == 0
    before = files()
    run = cli("snooze", "1", "decide", "--until", "2026-12-05")
    assert run.code == 1
    assert run.stderr.count("\n") == 1 and "deadline" in run.stderr
    assert files() == before
    assert cli("snooze", "1", "decide", "--until", "2026-11-28").code == 0
