"""Drafts speak to the person they go to: a check-in or a reply without --who greets the
company's team and never says "You mentioned"; a topic for one person reaches no one
else; topics are joined as sentences; a panel's LinkedIn notes and cards differ by more
than the name, never by a detail the user did not give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ACME, AT
from followup.core.models import Interview, Interviewer, Topic
from followup.features import drafts
from followup.features.config import Profile

PANEL = (
    "add", "Acme Corp", "--role", "Data Analyst", "--at", "2026-11-25 14:00",
    "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel <raj@acme.com>",
    "--with", "Kim Lee", "--decision", "2026-12-02",
)  # fmt: skip


def text_of(cli, *args: str) -> str:
    run = cli("draft", *args)
    assert run.code == 0, run.stderr
    return run.stdout


def masked(text: str, first_name: str) -> str:
    """The draft with the person's name taken out: what is left must differ."""
    return " ".join(text.replace(first_name, "NAME").split())


def test_a_panel_of_three_gets_three_different_linkedin_notes_without_topics(cli):
    assert cli(*PANEL).code == 0
    notes = {
        masked(text_of(cli, "1", "linkedin", "--who", who), name)
        for who, name in (("jane", "Jane"), ("raj", "Raj"), ("kim", "Kim"))
    }
    assert len(notes) == 3, notes


def test_a_panel_of_three_with_a_shared_topic_still_differs_by_wording(cli):
    assert cli(*PANEL, "--topic", "the Snowflake stack").code == 0
    notes = {
        masked(text_of(cli, "1", "linkedin", "--who", w), w.title()) for w in ("jane", "raj", "kim")
    }
    assert len(notes) == 3
    assert all("the Snowflake stack" in n for n in notes)


def test_each_persons_own_topic_goes_to_them_alone(cli):
    assert cli(*PANEL, "--topic", "Jane: their move to dbt", "--topic", "Raj: the on-call rota",
               "--topic", "the Snowflake stack").code == 0  # fmt: skip
    jane = text_of(cli, "1", "linkedin", "--who", "jane")
    raj = text_of(cli, "1", "linkedin", "--who", "raj")
    kim = text_of(cli, "1", "linkedin", "--who", "kim")
    assert "your move to dbt" in jane and "on-call" not in jane
    assert "the on-call rota" in raj and "dbt" not in raj
    assert "dbt" not in kim and "on-call" not in kim
    for kind in ("checkin", "phone"):  # the team's and the user's own
        team = text_of(cli, "1", kind)
        assert "dbt" not in team and "on-call" not in team, kind


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


def test_a_recruiter_checkin_says_no_you_mentioned_and_no_ones_topic(cli):
    assert cli(*PANEL, "--topic", "Jane: their move to dbt", "--topic", "SQL").code == 0
    text = text_of(cli, "1", "checkin", "--who", "Lisa Chen")
    assert text.splitlines()[2] == "Dear Lisa,"
    assert "You mentioned" not in text and "you hoped to reach a decision by" in text
    assert "dbt" not in text and "SQL" not in text  # she was not in the conversation


def test_a_checkin_with_who_is_written_to_that_person_with_their_topic(cli):
    assert cli(*PANEL, "--topic", "Jane: their move to dbt").code == 0
    text = text_of(cli, "1", "checkin", "--who", "jane")
    assert "Dear Jane," in text and "your move to dbt" in text and "You mentioned" not in text
    assert "dbt" not in text_of(cli, "1", "checkin", "--who", "raj")


def test_a_reply_without_who_greets_the_team_and_with_who_the_person(cli):
    assert cli(*PANEL).code == 0
    assert cli("close", "1", "--outcome", "offer").code == 0
    team = text_of(cli, "1", "reply")
    assert "Dear Acme Corp team," in team and "the time you all gave me" in team
    jane = text_of(cli, "1", "reply", "--who", "jane")
    assert "Dear Jane," in jane and "the time you and the team gave me" in jane
    assert cli("close", "1", "--outcome", "rejected").code == 0
    assert "enjoyed meeting you all" in text_of(cli, "1", "reply")


def test_a_panel_of_three_gets_three_different_cards(cli):
    assert cli(*PANEL).code == 0
    cards = {
        masked(text_of(cli, "1", "card", "--who", w), w.title()) for w in ("jane", "raj", "kim")
    }
    assert len(cards) == 3


def test_a_topic_for_someone_with_no_one_named_is_refused(cli, files):
    assert cli("add", "Soc", "--at", "2026-11-25 10:00").code == 0
    before = files()
    run = cli("edit", "soc", "--topic", "Jane: their dbt + Snowflake stack")
    assert run.code == 1 and "no interviewer is named" in run.stderr
    assert "--with" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert files() == before
    assert cli("edit", "soc", "--topic", "SQL: window functions").code == 0  # no name: for all


# ----- properties, on the drafts themselves ------------------------------------------

NAMES = ["Ann Lee", "Bo Chan", "Cy Diaz", "Di Eng", "Ed Fox", "Flo Gil", "Gus Ho", "Hal Ivy",
         "Ida Jo"]  # fmt: skip
KINDS = ("email", "linkedin", "card", "checkin")


def interview(panel: list[str], topics: list[Topic], outcome: str | None = None) -> Interview:
    return Interview(
        id=1,
        uid="u-1",
        company="Acme Corp",
        role="Data Analyst",
        at=AT,
        interviewers=[Interviewer(name=n) for n in panel],
        topics=topics,
        closed=outcome is not None,
        outcome=outcome,  # type: ignore[arg-type]
        created_at=AT,
    )


@st.composite
def panels_and_topics(draw):
    panel = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
    owners = st.one_of(st.none(), st.sampled_from(panel))
    count = draw(st.integers(0, 6))
    topics = [Topic(text=f"zq{n}x topic", who=draw(owners)) for n in range(count)]
    return panel, topics


def markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"zq(\d+)x", text, flags=re.IGNORECASE)}


@settings(max_examples=60, deadline=None)
@given(panels_and_topics(), st.integers(60, 300))
def test_a_persons_topic_never_reaches_anyone_else_or_the_team(case, limit):
    panel, topics = case
    theirs = {n: t.who for n, t in enumerate(topics)}
    iv = interview(panel, topics)
    for person in iv.interviewers:
        for kind in KINDS:
            said = drafts.draft(kind, iv, person, Profile(), linkedin_limit=limit).text
            strangers = {n for n in markers(said) if theirs[n] not in (None, person.label)}
            assert not strangers, (kind, person.label, said)
    outsider = Interviewer(name="Lisa Chen")
    for kind, who, state in (("checkin", None, None), ("checkin", outsider, None),
                             ("phone", None, None), ("reply", None, "offer"),
                             ("reply", None, "rejected")):  # fmt: skip
        said = drafts.draft(kind, interview(panel, topics, state), who, Profile()).text
        assert all(theirs[n] is None for n in markers(said)), (kind, said)
        assert "You mentioned" not in said


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(NAMES), min_size=2, max_size=9, unique=True), st.booleans())
def test_linkedin_notes_to_one_panel_differ_by_more_than_the_name(panel, shared_topic):
    topics = [Topic(text="the Q3 roadmap")] if shared_topic else []
    iv = interview(panel, topics)
    notes = []
    for person in iv.interviewers:
        text = drafts.draft("linkedin", iv, person, Profile(name="Sam Roe")).text
        assert len(text.rstrip("\n")) <= 200
        notes.append(masked(text, person.name.split()[0]))
    assert len(set(notes)) == len(notes), notes
    # never a detail the user did not give: every note says only the interview's facts
    for note in notes:
        assert "Acme Corp" in note and "Data Analyst" in note
        assert ("Q3 roadmap" in note) is shared_topic
