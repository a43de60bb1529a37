"""Fixes from a fresh-eyes QA run of the follow-up arc, each driven through the real CLI.

Now is Thursday 26 Nov 2026 10:00 UTC; Acme's interview was Wednesday 25 Nov 14:00.
"""

from __future__ import annotations

from conftest import ACME


def add(cli, *args: str) -> dict:
    run = cli(*args, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def show(cli, ref: str) -> dict:
    run = cli("show", ref, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def statuses(iv: dict, kind: str) -> list[str]:
    return [s["status"] for s in iv["steps"] if s["step"] == kind]


def unchanged(cli, files, *args: str, code: int = 1) -> str:
    before = files()
    run = cli(*args)
    assert run.code == code, (run.code, run.stdout, run.stderr)
    assert files() == before
    assert "Traceback" not in run.stderr
    return run.stderr


# 1 ---------------------------------------------------------------------------------


def test_done_checkin_twice_in_a_row_leaves_the_next_one_pending(cli):
    add(cli, *ACME)
    assert cli("done", "acme", "checkin").code == 0
    again = cli("done", "acme", "checkin")
    assert again.code == 0
    assert statuses(show(cli, "acme"), "checkin") == ["done", "pending"]
    assert "already done: Check-in" in again.stderr
    assert "The next check-in is due Thu 03 Dec" in again.stderr, again.stderr


def test_a_checkin_sent_early_a_day_later_is_ticked_with_a_warning(cli):
    add(cli, *ACME)
    assert cli("done", "acme", "checkin").code == 0
    later = cli("done", "acme", "checkin", env={"FOLLOWUP_NOW": "2026-11-27T12:00:00+00:00"})
    assert later.code == 0, later.stderr
    assert statuses(show(cli, "acme"), "checkin") == ["done", "done"]
    assert "not due until Thu 03 Dec" in later.stderr and "ticked anyway" in later.stderr


# 5 ---------------------------------------------------------------------------------


def test_ticking_a_step_of_a_round_still_to_come_warns(cli):
    add(cli, *ACME)
    assert cli("next", "acme", "--at", "2026-12-15 10:00", "--with", "Kim Lee").code == 0
    run = cli("done", "2", "email")
    assert run.code == 0
    assert "The interview of #2 is on Tue 15 Dec" in run.stderr and "ticked anyway" in run.stderr
    assert "ticked anyway" not in cli("done", "1", "email").stderr


# 7 ---------------------------------------------------------------------------------


def test_a_bare_done_leaves_a_step_skipped_on_purpose_alone(cli):
    add(cli, *ACME)
    assert cli("skip", "acme", "card", "--who", "jane", "--reason", "remote").code == 0
    run = cli("done", "acme", "card", "linkedin")
    assert run.code == 0
    cards = {s["who"]: s["status"] for s in show(cli, "acme")["steps"] if s["step"] == "card"}
    assert cards == {"Jane Doe": "skipped", "Raj Patel": "done"}
    assert "skipped (remote), left as it is" in run.stderr
    assert '--who "Jane Doe"' in run.stderr
    # named with --who, it changes
    assert cli("done", "acme", "card", "--who", "jane").code == 0
    assert statuses(show(cli, "acme"), "card") == ["done", "done"]


# 12 --------------------------------------------------------------------------------


def test_ics_uids_follow_the_interviews_uid_not_its_number(cli):
    from datetime import UTC, datetime

    from followup.core.checklist import derive_steps
    from followup.core.models import Interview, Interviewer
    from followup.features.calendar_export import step_uid

    at = datetime(2026, 11, 25, 14, tzinfo=UTC)
    iv = Interview(id=1, uid="a" * 32, company="Acme", at=at, interviewers=[Interviewer(name="Jo")])
    iv.steps = derive_steps(iv)
    renumbered = iv.model_copy(update={"id": 7})
    assert [step_uid(renumbered, s) for s in renumbered.steps] == [
        step_uid(iv, s) for s in iv.steps
    ]
    other = iv.model_copy(update={"uid": "0" * 32})
    assert step_uid(other, other.steps[0]) != step_uid(iv, iv.steps[0])
    add(cli, *ACME)
    ics = cli("export", "-f", "ics").stdout
    assert "UID:followup-1-" not in ics and "UID:followup-email-" in ics


# 8 ---------------------------------------------------------------------------------


def test_closing_a_closed_interview_again_says_the_outcome_changed(cli):
    add(cli, *ACME)
    assert cli("close", "1", "--outcome", "offer").code == 0
    run = cli("close", "1", "--outcome", "rejected")
    assert run.code == 0
    assert "Changed the outcome of #1 Acme Corp from offer to rejected." in run.stdout
    assert show(cli, "1")["outcome"] == "rejected"
    assert "was already closed (rejected)" in cli("close", "1", "--outcome", "rejected").stderr
    assert "from offer to rejected (made" in cli("undo").stdout
    assert show(cli, "1")["outcome"] == "offer"


def test_reopening_a_step_of_a_closed_interview_says_it_is_closed(cli):
    add(cli, *ACME)
    assert cli("done", "1", "card").code == 0
    assert cli("close", "1", "--outcome", "offer").code == 0
    run = cli("reopen", "1", "card")
    assert run.code == 0
    assert "#1 Acme Corp is closed (offer)" in run.stderr


# 10 --------------------------------------------------------------------------------


def test_undo_of_a_change_stamped_after_now_gives_its_date_only(cli):
    add(cli, *ACME)  # made at 26 Nov 10:00
    run = cli("undo", env={"FOLLOWUP_NOW": "2026-11-23T10:00:00+00:00"})
    assert run.code == 0
    assert "(made Thu 26 Nov 10:00)." in run.stdout, run.stdout
    assert " in 3 d" not in run.stdout


# 6 ---------------------------------------------------------------------------------


def test_a_decision_said_for_today_is_today_not_next_year(cli):
    friday = {"FOLLOWUP_NOW": "2026-12-04T10:00:00+00:00"}
    iv = cli("add", "Globex", "--at", "2026-12-04 08:00", "--decision", "december 4", "--json",
             env=friday).json()  # fmt: skip
    assert iv["decision"].startswith("2026-12-04")
    ahead = cli("edit", "1", "--decision", "december 5", "--json", env=friday).json()
    assert ahead["decision"].startswith("2026-12-05")


def test_no_checkin_is_due_before_the_interview_is_over(cli):
    assert cli("config", "due.checkin", "0bd").code == 0
    friday = {"FOLLOWUP_NOW": "2026-12-04T08:00:00+00:00"}
    run = cli("add", "Globex", "--at", "2026-12-04 10:00", "--decision", "this week", "--json",
              env=friday)  # fmt: skip
    assert run.code == 0, run.stderr
    (checkin,) = [s for s in run.json()["steps"] if s["step"] == "checkin"]
    assert checkin["due"] >= "2026-12-04T11:00:00+00:00"


def test_a_decision_on_a_day_before_the_interview_is_refused_and_says_why(cli, files):
    add(cli, *ACME)  # 25 Nov 14:00
    said = unchanged(cli, files, "edit", "1", "--decision", "2026-11-24 18:00")
    assert "before the interview" in said and "after" in said
    said = unchanged(cli, files, "next", "acme", "--at", "2026-12-15 10:00",
                     "--decision", "in 3 business days")  # fmt: skip
    assert "before the interview" in said and "2026-12-15" in said, said


def test_an_unreadable_decision_suggests_dates_ahead(cli, files):
    add(cli, *ACME)
    said = unchanged(cli, files, "edit", "1", "--decision", "blorp")
    assert "yesterday" not in said and "next week" in said


# 9 ---------------------------------------------------------------------------------


def test_config_help_names_every_setting_and_business_days(cli):
    from followup.features.config import KEYS

    text = " ".join(cli("config", "--help").stdout.split())
    missing = [key for key in KEYS if key not in text]
    assert not missing, missing
    assert "2bd" in text


def test_an_unknown_subdivision_lists_every_code_or_says_how_many_more(cli, files):
    assert cli("config", "holidays.country", "US").code == 0
    said = unchanged(cli, files, "config", "holidays.subdivision", "ZZ")
    assert "WY" in said and "more" not in said  # all of them: the list is short enough
    assert cli("config", "holidays.country", "IT").code == 0
    said = unchanged(cli, files, "config", "holidays.subdivision", "ZZ")
    import holidays

    codes = holidays.list_supported_countries()["IT"]
    assert f"… and {len(codes) - 60} more" in said, said


# 13 --------------------------------------------------------------------------------


def test_status_of_one_interview_gives_advice_about_that_one_only(cli):
    assert cli("config", "checkin.max", "1").code == 0
    add(cli, *ACME)
    add(cli, "add", "Hooli", "--at", "2026-11-20 10:00")
    assert cli("done", "hooli", "checkin").code == 0
    assert "#2 Hooli: no reply" in cli("status").stderr
    one = cli("status", "acme")
    assert one.code == 0
    assert "Hooli" not in one.stdout + one.stderr
    assert "(#1)" in one.stderr  # its own Next: line


def test_readme_gives_the_export_envelope_version_the_export_writes(cli):
    from pathlib import Path

    add(cli, *ACME)
    version = cli("export").json()["version"]
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert version == 3
    assert '"version": 1, "interviews"' not in readme


# 4 ---------------------------------------------------------------------------------


def test_a_checkin_can_go_to_a_recruiter_who_is_not_an_interviewer(cli, files):
    add(cli, *ACME, "--topic", "the churn dashboard")
    run = cli("draft", "acme", "checkin", "--who", "Lisa Recruiter <lisa@acme.com>")
    assert run.code == 0, run.stderr
    assert "Dear Lisa," in run.stdout
    assert "churn dashboard" not in run.stdout  # she was not in the conversation
    assert "To: Lisa Recruiter <lisa@acme.com>" in run.stderr
    assert "not one of the interviewers" in run.stderr
    assert "Dear Lisa," in cli("draft", "acme", "checkin", "--who", "Lisa Recruiter").stdout
    # one word that names nobody is a typo, not a new person
    said = unchanged(cli, files, "draft", "acme", "checkin", "--who", "jnae")
    assert "Jane Doe, Raj Patel" in said and "full name" in said


# 10, 11 ----------------------------------------------------------------------------


def test_a_draft_to_someone_without_a_topic_says_no_topic_for_them(cli):
    add(cli, *ACME, "--topic", "Raj: the on-call rota")
    run = cli("draft", "acme", "email", "--who", "jane")
    assert "No topic for Jane Doe on #1" in run.stderr, run.stderr
    assert "No topics on" not in run.stderr


def test_the_linkedin_note_says_it_left_out_topics_not_notes(cli):
    assert cli("config", "linkedin.limit", "200").code == 0
    long = "the long and winding story of how the analytics platform moved to dbt " * 2
    add(cli, *ACME, "--topic", long.strip())
    run = cli("draft", "acme", "linkedin", "--who", "jane")
    assert run.code == 0
    assert "topics" in run.stderr.split("LinkedIn note:")[1].splitlines()[0]
    assert "your notes" not in run.stderr


def test_the_third_panel_email_says_conversation_once(cli):
    add(cli, *ACME, "--with", "Kim Lee", "--topic", "the Q3 dashboard rebuild")
    text = cli("draft", "acme", "email", "--who", "kim").stdout
    body = text.split("Dear Kim,", 1)[1]
    assert body.count("conversation") == 1, text


def test_topics_of_both_kinds_are_not_joined_with_and(cli):
    add(cli, *ACME, "--topic", "Walked through the churn dashboard",
        "--topic", "Python testing strategy")  # fmt: skip
    text = " ".join(cli("draft", "acme", "email", "--who", "jane").stdout.split())
    assert "churn dashboard and Python" not in text
    assert "walked through the churn dashboard. We also talked about Python" in text


def test_a_topic_noted_as_theirs_reads_as_yours_in_their_letter(cli):
    add(cli, *ACME, "--topic", "Jane: their move from spreadsheets to dbt")
    jane = " ".join(cli("draft", "acme", "email", "--who", "jane").stdout.split())
    assert "your move from spreadsheets to dbt" in jane and "their move" not in jane


def test_a_phone_screen_with_no_one_named_greets_the_hiring_team(cli):
    add(cli, "add", "Soc", "--at", "2026-11-25 10:00")
    for kind, greeting in (
        ("email", "Hiring Team"),
        ("checkin", "Soc team"),
        ("card", "Hiring Team"),
    ):
        text = cli("draft", "soc", kind).stdout
        assert f"Dear {greeting}," in text and "[their name]" not in text, kind
    run = cli("draft", "soc", "linkedin")
    assert "a LinkedIn request goes to a person" in run.stderr


# 3 ---------------------------------------------------------------------------------


def test_a_topic_for_a_name_that_is_nobody_is_refused_naming_the_panel(cli, files):
    add(cli, *ACME)
    said = unchanged(cli, files, "edit", "acme", "--topic", "Jnae: the dbt migration")
    assert "'Jnae' names no interviewer" in said and "Jane Doe, Raj Patel" in said
    said = unchanged(cli, files, "add", "Globex", "--with", "Kim Lee", "--topic", "Bob Smith: x")
    assert "Kim Lee" in said


def test_a_topic_prefix_that_is_no_name_stays_whole_for_everyone(cli):
    add(cli, *ACME)
    for text in ("SQL: window functions", "how they deploy: blue-green", "the move: to dbt"):
        iv = add(cli, "edit", "acme", "--topic", text)
        assert iv["topics"][-1] == {"text": text, "who": None}


def test_a_topic_names_a_person_by_any_part_of_the_name_title_or_not(cli):
    iv = add(cli, "add", "Globex", "--with", "Dr. Mary-Jane O'Brien", "--with", "Raj Patel",
             "--topic", "Mary: the dbt migration", "--topic", "obrien: on-call")  # fmt: skip
    assert iv["topics"] == [
        {"text": "the dbt migration", "who": "Dr. Mary-Jane O'Brien"},
        {"text": "on-call", "who": "Dr. Mary-Jane O'Brien"},
    ]


# 2 ---------------------------------------------------------------------------------


def test_a_reply_draft_finds_a_closed_interview_by_company(cli):
    add(cli, *ACME)
    assert cli("close", "acme", "--outcome", "offer").code == 0
    run = cli("draft", "acme", "reply")
    assert run.code == 0, run.stderr
    assert "Thank you very much for the offer" in run.stdout
    assert cli("show", "acme").code == 0
    # an open interview of that name still wins
    add(cli, "add", "Acme Widgets")
    assert cli("draft", "acme w", "email").code == 0
