"""features.wording: tested directly, and through the commands that use it."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import AT, make_interview
from followup.core.models import Interview, Interviewer, Topic
from followup.features import drafts
from followup.features.config import Profile
from followup.features.wording import (
    also,
    enjoyed,
    inline,
    join_words,
    natural,
    note_options,
    notes_form,
    sentence,
    topic_options,
    topic_sentences,
    topics_for,
    values,
)

# ----------------------------------------------------------------------------
# Drafts speak to the person they go to: a check-in or a reply without --who greets the
# company's team and never says "You mentioned"; a topic for one person reaches no one
# else; topics are joined as sentences; a panel's LinkedIn notes and cards differ by more
# than the name, never by a detail the user did not give.


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


def test_a_panel_of_three_gets_three_different_cards(cli):
    assert cli(*PANEL).code == 0
    cards = {
        masked(text_of(cli, "1", "card", "--who", w), w.title()) for w in ("jane", "raj", "kim")
    }
    assert len(cards) == 3


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


# ----- properties, on the drafts themselves ------------------------------------------


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


# ----------------------------------------------------------------------------
# How an interview's words read in a draft: topics, names and dates, rule by rule.


def interview_wording(*people: str, topics=(), role: str = "Data Analyst", **more) -> Interview:
    return make_interview(*people, role=role, topics=topics, **more)


def test_user_text_in_a_sentence_is_one_line_with_no_final_stop_and_no_raw_controls():
    assert inline("  the  Q3\n dashboards.;, ") == "the Q3 dashboards"
    assert inline("a\x1bb") == "a\\x1bb"


@pytest.mark.parametrize(
    ("items", "said"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c"),
     (["a", "b", "c", "d"], "a, b, c and d")],
)  # fmt: skip
def test_topics_are_joined_as_a_sentence_says_them(items, said):
    assert join_words(items) == said


def test_long_notes_are_offered_whole_then_cut_where_a_clause_ends_longest_first():
    notes = "the roadmap; the hiring plan, and the rota - next year\nmore"
    assert note_options(notes) == [
        "the roadmap; the hiring plan, and the rota - next year; more",
        "the roadmap; the hiring plan, and the rota - next year",
        "the roadmap; the hiring plan, and the rota",
        "the roadmap; the hiring plan",
        "the roadmap",
    ]
    assert note_options("  a  b  ") == ["a b"]
    assert note_options("x; x") == ["x; x", "x"]
    assert note_options(" ; ") == []


def test_several_topics_are_offered_all_then_fewer_keeping_the_first_longest():
    assert topic_options(["a", "b", "c"]) == ["a, b and c", "a and b", "a"]
    assert topic_options(["the roadmap; the plan"]) == ["the roadmap; the plan", "the roadmap"]
    assert topic_options(["a; b", "c"]) == ["a; b and c", "a; b"]  # only one topic is cut


@pytest.mark.parametrize(
    ("notes", "form"),
    [("Walked through it", "event"), ("WALKED, then", "event"), ("We talked", "event"),
     ("we", "topic"), ("Toured the office", "event"), ("Our chat", "phrase"),
     ("my notes", "phrase"), ("I asked", "sentence"), ("I'm keen", "sentence"),
     ("I've seen", "sentence"), ("I'd like", "sentence"), ("the dashboards", "topic"),
     ("iOS", "topic"), ("Im", "topic"), ("", "topic"), ("  ", "topic")],
)  # fmt: skip
def test_how_notes_read_is_told_by_their_first_word(notes, form):
    assert notes_form(notes) == form


@pytest.mark.parametrize(
    ("text", "said"),
    [("The dashboards. The Q3 plan!", "the dashboards; the Q3 plan"),
     ("Hello world. The end? Bye now?", "Hello world; the end; Bye now"),
     ("Python testing?", "Python testing"), ("SQL", "SQL"), ("Their, move", "their, move"),
     ("Walked through", "walked through"), ("Theirs", "Theirs"), ("Jane", "Jane"),
     ("The", "the"), ("Their’s", "Their’s"), ("Building it", "building it"),
     ("Moving on", "moving on")],
)  # fmt: skip
def test_a_topic_loses_an_ordinary_leading_capital_and_keeps_a_names(text, said):
    assert natural(text, "topic") == said
    assert natural(text, "sentence") == text  # a sentence of the user's stays as typed


@pytest.mark.parametrize(
    ("notes", "form", "said"),
    [("walked through x", "event", "the part where we walked through x"),
     ("We talked", "event", "the part where We talked"),
     ("WE toured", "event", "the part where WE toured"),
     ("our chat", "phrase", "our chat"),
     ("dbt", "topic", "talking about dbt")],
)  # fmt: skip
def test_what_was_enjoyed_is_brought_in_as_the_notes_read(notes, form, said):
    assert enjoyed(notes, form, "talking about") == said


# ----- whose topics ----------------------------------------------------------------------


def test_a_draft_to_someone_names_their_topics_first_then_everyones_never_anothers():
    iv = interview_wording(
        "Jane Doe",
        "Raj Patel",
        topics=[("the roadmap", None), ("their dbt move", "Jane Doe"), ("SQL", "Raj Patel"),
                ("the roadmap", "Jane Doe")],
    )  # fmt: skip
    jane, raj = iv.interviewers
    assert topics_for(iv, jane) == ["your dbt move", "the roadmap"]
    assert topics_for(iv, raj) == ["SQL", "the roadmap"]
    assert topics_for(iv, None) == ["the roadmap"]


def test_the_phone_script_names_every_named_interviewer_and_no_one_else():
    iv = interview_wording("Jane Doe", "", "Dr. Raj Patel")
    v = values(iv, None, Profile("Sam Lee"), "phone")
    assert (v["interviewer"], v["first_name"]) == (
        "Jane Doe and Dr. Raj Patel",
        "Jane and Dr. Patel",
    )
    v = values(interview_wording(""), None, Profile(), "phone")
    assert (v["interviewer"], v["first_name"], v["my_name"]) == (None, None, None)


def test_a_letter_to_no_one_greets_the_hiring_team_but_a_linkedin_note_has_no_one_to_greet():
    iv = interview_wording()
    assert values(iv, None, Profile(), "email")["first_name"] == "Hiring Team"
    assert values(iv, None, Profile(), "linkedin")["first_name"] is None
    unnamed = interview_wording(" ")
    v = values(unnamed, unnamed.interviewers[0], Profile(), "card")
    assert (v["interviewer"], v["first_name"]) == (None, None)


def test_values_are_one_line_each_and_empty_ones_are_missing():
    iv = interview_wording("Jane  Doe", role="  ", topics=[("a\nb", None), ("c", None)])
    v = values(iv, iv.interviewers[0], Profile("Sam\tLee", "", None), "email")
    assert v == {
        "company": "Acme Corp",
        "role": None,
        "interviewer": "Jane Doe",
        "first_name": "Jane",
        "notes": "a b and c",
        "my_name": "Sam Lee",
        "my_email": None,
        "my_phone": None,
        "topics": "a b and c",
        "decision": None,
    }


def test_the_decision_date_is_said_as_a_letter_says_it_in_local_time(monkeypatch):
    late = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)  # Friday in London, Saturday in Tokyo
    assert values(interview_wording(decision=late), None, Profile(), "checkin")["decision"] == (
        "Friday 27 November"
    )
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    assert values(interview_wording(decision=late), None, Profile(), "checkin")["decision"] == (
        "Saturday 28 November"
    )


def test_an_unknown_draft_kind_is_refused_naming_the_kinds():
    with pytest.raises(drafts.FollowupError) as caught:
        drafts.draft("fax", interview_wording(), None, Profile())
    assert str(caught.value) == (
        "no draft for 'fax': use one of email, linkedin, card, phone, checkin, reply"
    )


def test_names_and_words_ending_or_starting_in_x_keep_every_letter():
    """'Xan' and 'Xi' are names, not 'an' and 'I'; 'SpaceX' and 'TAX' end in X."""
    assert natural("Xan showed the roadmap", "topic") == "Xan showed the roadmap"
    assert notes_form("Xi Chen's roadmap") == "topic"
    assert natural("the move to SpaceX", "topic") == "the move to SpaceX"
    assert inline("the ACME TAX") == "the ACME TAX"
    assert sentence("SpaceX") == "SpaceX."


@pytest.mark.parametrize(
    ("name", "greeting"),
    [("King, Martin Luther, Jr.", "Martin"), ("MX Sam Doe", "MX Doe"), ("Professor", "Professor"),
     ("Dr.", "Dr")],
)  # fmt: skip
def test_a_greeting_reads_a_name_with_two_commas_a_title_in_capitals_or_a_lone_title(
    name, greeting
):
    assert (
        values(
            interview_wording(name), interview_wording(name).interviewers[0], Profile(), "email"
        )["first_name"]
        == greeting
    )


@pytest.mark.parametrize(
    ("topic", "place", "said"),
    [
        ("Our chat about SQL", 0, "I also enjoyed our chat about SQL"),
        ("My question on Their roadmap?", 0, "I also enjoyed my question on Their roadmap"),
        ("We toured the office", 0, "We also toured the office"),
        ("we  met the CTO", 1, "We also met the CTO"),
        ("Toured the office", 0, "We also toured the office"),
        ("the Snowflake stack", 0, "We also talked about the Snowflake stack"),
        ("the Snowflake stack", 1, "I also enjoyed hearing about the Snowflake stack"),
        ("the Snowflake stack", 2, "We also talked about the Snowflake stack"),
        ("the Snowflake stack", 3, "I also enjoyed hearing about the Snowflake stack"),
        ("Their move to dbt. The cost?", 0, "We also talked about their move to dbt; the cost"),
        ("I asked about on-call?!", 0, "I asked about on-call"),
        ("I asked: on-call? ", 1, "I asked: on-call"),
        ("I asked about Project X", 0, "I asked about Project X"),  # only " ?!" go
        ("We", 0, "We also talked about we"),  # no "We also " left hanging
    ],
)
def test_a_later_topic_is_a_sentence_of_its_own_in_the_words_its_form_asks(topic, place, said):
    assert also(topic, place) == said


def test_a_later_topic_is_first_among_the_others_unless_its_place_is_given():
    assert also("the Snowflake stack") == "We also talked about the Snowflake stack"


def test_several_topics_are_worded_all_then_without_the_last_one_at_a_time():
    """A draft tries each wording until one fits: none may be skipped, or a draft that
    had room for three topics of four would say only two."""
    assert topic_sentences(["a", "b", "c", "d"]) == [
        "a. We also talked about b. I also enjoyed hearing about c. We also talked about d",
        "a. We also talked about b. I also enjoyed hearing about c",
        "a. We also talked about b",
        "a",
    ]


def test_one_long_topic_is_also_worded_cut_where_a_clause_ends_and_one_of_several_never():
    assert topic_sentences(["The roadmap; the plan, and the rota"]) == [
        "the roadmap; the plan, and the rota",
        "the roadmap; the plan",
        "the roadmap",
    ]
    # with several topics, the later ones go first and the first is never cut
    assert topic_sentences(["a; b", "c"]) == ["a; b. We also talked about c", "a; b"]


def test_a_sentence_of_the_users_cut_at_a_clause_keeps_its_sentences_as_typed():
    """Cut short, "I asked about on-call. The team ..." is still the user's sentences,
    not a topic whose inner full stop becomes a semicolon."""
    assert topic_sentences(["I asked about on-call. The team is small, and growing"]) == [
        "I asked about on-call. The team is small, and growing",
        "I asked about on-call. The team is small",
        "I asked about on-call",
    ]
