"""Drafts speak to the person they go to: a check-in or a reply without --who greets the
company's team and never says "You mentioned"; a topic for one person reaches no one
else; topics are joined as sentences; a panel's LinkedIn notes and cards differ by more
than the name, never by a detail the user did not give."""

from __future__ import annotations

from conftest import ACME

PANEL = (
    "add", "Acme Corp", "--role", "Data Analyst", "--at", "2026-11-25 14:00",
    "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel <raj@acme.com>",
    "--with", "Kim Lee", "--decision", "2026-12-02",
)  # fmt: skip


def text_of(cli, *args: str) -> str:
    run = cli("draft", *args)
    assert run.code == 0, run.stderr
    return run.stdout


def test_two_topics_are_two_sentences_never_glued(cli):
    assert cli(*ACME, "--topic", "Jane: their move to dbt", "--topic", "Snowflake stack").code == 0
    for kind in ("email", "card", "linkedin"):
        text = " ".join(text_of(cli, "1", kind, "--who", "jane").split())
        assert "dbt and Snowflake" not in text, kind
        assert "your move to dbt. We also talked about Snowflake stack." in text, kind


def test_a_checkin_without_who_greets_the_team_and_never_says_you_mentioned(cli):
    assert cli(*PANEL, "--topic", "Jane: their move to dbt").code == 0
    run = cli("draft", "1", "checkin")
    assert run.code == 0
    assert "Dear Acme Corp team," in run.stdout and "Dear Jane" not in run.stdout
    assert "You mentioned" not in run.stdout and "2 December" in run.stdout
    assert "dbt" not in run.stdout  # Jane's topic is hers
    assert "To: Jane Doe <jane@acme.com>, Raj Patel <raj@acme.com>" in run.stderr
    assert "Addressed to the Acme Corp team" in run.stderr


def test_a_reply_without_who_greets_the_team_and_with_who_the_person(cli):
    assert cli(*PANEL).code == 0
    assert cli("close", "1", "--outcome", "offer").code == 0
    team = text_of(cli, "1", "reply")
    assert "Dear Acme Corp team," in team and "the time you all gave me" in team
    jane = text_of(cli, "1", "reply", "--who", "jane")
    assert "Dear Jane," in jane and "the time you and the team gave me" in jane
    assert cli("close", "1", "--outcome", "rejected").code == 0
    assert "enjoyed meeting you all" in text_of(cli, "1", "reply")


def test_a_topic_for_someone_with_no_one_named_is_refused(cli, files):
    assert cli("add", "Soc", "--at", "2026-11-25 10:00").code == 0
    before = files()
    run = cli("edit", "soc", "--topic", "Jane: their dbt + Snowflake stack")
    assert run.code == 1 and "no interviewer is named" in run.stderr
    assert "--with" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert files() == before
    assert cli("edit", "soc", "--topic", "SQL: window functions").code == 0  # no name: for all
