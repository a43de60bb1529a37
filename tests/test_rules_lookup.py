"""Naming an interview (INTERVIEW) and an interviewer (--who): the rules users rely on.

Through the CLI where a command shows the effect, and the engine for the exact messages.
"""

from __future__ import annotations

import pytest


def test_an_exact_company_name_beats_a_longer_name_it_begins(cli):
    assert cli("add", "Acme Labs", "--at", "2026-11-25 10:00").code == 0
    assert cli("add", "Acme", "--at", "2026-11-25 11:00").code == 0
    assert cli("show", "acme", "--json").json()["company"] == "Acme"
    assert cli("show", "Acme L", "--json").json()["company"] == "Acme Labs"
    shown = cli("show", "Ac")
    assert shown.code == 1
    assert shown.stderr.strip().endswith(
        "'Ac' matches 2 open interviews: #1 Acme Labs, #2 Acme; use the number"
    )


def test_a_hash_number_is_the_interview_number(cli):
    cli("add", "Acme")
    cli("add", "Globex")
    assert cli("show", "#2", "--json").json()["company"] == "Globex"
    assert cli("show", " 2 ", "--json").json()["company"] == "Globex"


@pytest.mark.parametrize(
    "args",
    [
        ("done", "-1", "email"),
        ("done", "-1", "email", "--who", "jane"),
        ("status", "-1"),
        ("show", "-12"),
        ("draft", "-3", "email"),
        ("done", "--", "-1", "email"),
    ],
)
def test_a_negative_interview_number_is_a_lookup_error_not_an_option(cli, files, args):
    cli("add", "Acme", "--with", "Jane Doe")
    before = files()
    run = cli(*args)
    number = next(a for a in args if a.startswith("-") and a[1:].isdigit())
    assert (run.code, run.stdout) == (1, "")
    assert run.stderr.startswith(f"error: no interview {number}: interview numbers start at 1")
    assert run.stderr.count("\n") == 1 and files() == before


def test_options_and_dashes_still_work_next_to_a_negative_number(cli):
    cli("add", "Acme", "--with", "Jane Doe")
    run = cli("done", "-1", "--zzzz")  # a real unknown option is still one
    assert run.code == 2 and "no such option '--zzzz'" in run.stderr
    assert cli("done", "1", "-1").stderr.startswith("error: unknown step '-1'")
    assert cli("agenda", "-d", "-1").stderr.startswith("error: bad --days: '-1' is less than 1")
    assert cli("done", "1", "email", "--json").code == 0  # options around it untouched


def test_the_cli_words_the_advice_after_the_message(cli):
    cli("add", "Acme")
    run = cli("show", "zzz")
    assert run.code == 1
    assert "open interviews are #1 Acme" in run.stderr and "list --all" in run.stderr


def test_an_empty_who_through_the_cli_changes_nothing(cli, files):
    cli("add", "Acme", "--with", "Jane Doe")
    before = files()
    run = cli("done", "Acme", "email", "--who", "")
    assert run.code == 1
    assert "no interviewer on #1 Acme matches ''" in run.stderr
    assert files() == before


def three_rounds(cli) -> None:
    """Acme Corp round 1 (Jane, Raj), round 2 (Kim), round 3 (Lu)."""
    from conftest import ACME

    assert cli(*ACME).code == 0
    assert cli("next", "acme", "--with", "Kim Lee", "--at", "2026-11-26 09:00").code == 0
    assert cli("next", "acme", "--with", "Lu Chen", "--at", "2026-11-26 09:30").code == 0


def test_reading_a_company_with_three_rounds_shows_the_latest_and_names_the_others(cli):
    three_rounds(cli)
    run = cli("show", "acme")
    assert run.code == 0 and run.stdout.startswith("#3 Acme Corp"), run.stdout
    assert run.stderr.strip() == (
        "'acme' is #3 Acme Corp (Data Analyst, round 3), the latest round; other rounds "
        "go by number: #1 (round 1), #2 (round 2)"
    )


def test_ticking_by_company_acts_on_the_one_round_it_changes_even_an_earlier_one(cli):
    three_rounds(cli)
    # Kim is on round 2 only: the middle round is the one meant
    run = cli("done", "acme", "email", "--who", "kim")
    assert run.code == 0, run.stderr
    assert cli("show", "2", "--json").json()["steps"][0]["status"] == "done"
    assert "'acme' is #2 Acme Corp (Data Analyst, round 2), the only one it applies to; " \
        "other rounds go by number: #1 (round 1), #3 (round 3)" in run.stderr  # fmt: skip
    for number in ("1", "3"):
        shown = cli("show", number, "--json").json()["steps"]
        assert all(s["status"] == "pending" for s in shown if s["step"] == "email")


def test_ticking_by_company_where_several_rounds_would_change_names_them_all(cli, files):
    three_rounds(cli)
    before = files()
    run = cli("done", "acme", "card")
    assert run.code == 1 and files() == before
    assert run.stderr.strip() == (
        "error: 'acme' names 3 rounds of Acme Corp, and card is pending on #1 Acme Corp "
        "(Data Analyst) and #2 Acme Corp (Data Analyst, round 2) and #3 Acme Corp (Data "
        "Analyst, round 3): use the number, as in `1`"
    )


def test_a_prefix_of_no_name_and_no_email_finds_no_one_without_an_email(cli, files):
    from conftest import ACME

    assert cli(*ACME).code == 0  # Jane Doe <jane@acme.com>, Raj Patel (no email)
    before = files()
    run = cli("done", "1", "email", "--who", "x")
    assert run.code == 1 and files() == before
    assert "no interviewer on #1 Acme Corp (Data Analyst) matches 'x': they are " in run.stderr


def test_rounds_renamed_apart_are_named_by_the_first_round_s_company(cli, files):
    from conftest import ACME

    assert cli(*ACME).code == 0
    assert cli("next", "acme", "--with", "Kim Lee").code == 0
    assert cli("edit", "2", "--company", "Acme Corporation").code == 0
    before = files()
    run = cli("done", "acme", "card")  # both rounds, one application
    assert run.code == 1 and files() == before
    assert "'acme' names 2 rounds of Acme Corp, and card is pending on #1 Acme Corp" in run.stderr


def test_digits_that_are_not_0_to_9_are_a_company_prefix_not_a_number(cli, files):
    """'²' and '١' are digits to Python, and int('²') fails: an error, not a traceback."""
    assert cli("add", "Acme").code == 0
    before = files()
    for ref in ("²", "#²", "١", "3²"):
        run = cli("done", ref, "email")
        assert run.code == 1 and files() == before, (ref, run.stderr)
        assert run.stderr.strip() == (
            f"error: no open interview's company starts with {ref!r}: open interviews are "
            "#1 Acme (`followup list --all` shows closed ones)"
        )
    assert cli("add", "١٢ Labs").code == 0  # a company named in Arabic-Indic digits
    assert cli("show", "١٢", "--json").json()["company"] == "١٢ Labs"


def test_a_company_whose_rounds_are_all_closed_shows_the_latest_and_says_so(cli):
    three_rounds(cli)
    for number in ("1", "2", "3"):
        assert cli("close", number, "--outcome", "rejected").code == 0
    run = cli("show", "acme")
    assert run.code == 0 and run.stdout.startswith("#3 Acme Corp"), run.stdout
    assert run.stderr.strip() == (
        "'acme' is #3 Acme Corp (Data Analyst, round 3), the latest round; other rounds "
        "go by number: #1 (round 1), #2 (round 2)\n#3 is closed; `followup reopen 3` reopens it."
    )
