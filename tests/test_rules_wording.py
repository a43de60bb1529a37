"""How an interview's words read in a draft: topics, names and dates, rule by rule."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from conftest import make_interview
from followup.core.models import Interview
from followup.features import drafts
from followup.features.config import Profile
from followup.features.wording import (
    enjoyed,
    inline,
    join_words,
    natural,
    note_options,
    notes_form,
    sentence,
    topic_options,
    topics_for,
    values,
)


def interview(*people: str, topics=(), role: str = "Data Analyst", **more) -> Interview:
    return make_interview(*people, role=role, topics=topics, **more)


# ----- topics as a sentence says them --------------------------------------------------


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
     ("we", "event"), ("Toured the office", "event"), ("Our chat", "phrase"),
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


def test_a_sentence_ends_with_one_full_stop():
    assert sentence("why?! ") == "why."
    assert sentence("done") == "done."


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
    iv = interview(
        "Jane Doe",
        "Raj Patel",
        topics=[("the roadmap", None), ("their dbt move", "Jane Doe"), ("SQL", "Raj Patel"),
                ("the roadmap", "Jane Doe")],
    )  # fmt: skip
    jane, raj = iv.interviewers
    assert topics_for(iv, jane) == ["your dbt move", "the roadmap"]
    assert topics_for(iv, raj) == ["SQL", "the roadmap"]
    assert topics_for(iv, None) == ["the roadmap"]


# ----- the values a draft is filled with -------------------------------------------------


def test_the_phone_script_names_every_named_interviewer_and_no_one_else():
    iv = interview("Jane Doe", "", "Dr. Raj Patel")
    v = values(iv, None, Profile("Sam Lee"), "phone")
    assert (v["interviewer"], v["first_name"]) == (
        "Jane Doe and Dr. Raj Patel",
        "Jane and Dr. Patel",
    )
    v = values(interview(""), None, Profile(), "phone")
    assert (v["interviewer"], v["first_name"], v["my_name"]) == (None, None, None)


def test_a_letter_to_no_one_greets_the_hiring_team_but_a_linkedin_note_has_no_one_to_greet():
    iv = interview()
    assert values(iv, None, Profile(), "email")["first_name"] == "Hiring Team"
    assert values(iv, None, Profile(), "linkedin")["first_name"] is None
    unnamed = interview(" ")
    v = values(unnamed, unnamed.interviewers[0], Profile(), "card")
    assert (v["interviewer"], v["first_name"]) == (None, None)


def test_values_are_one_line_each_and_empty_ones_are_missing():
    iv = interview("Jane  Doe", role="  ", topics=[("a\nb", None), ("c", None)])
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
    assert values(interview(decision=late), None, Profile(), "checkin")["decision"] == (
        "Friday 27 November"
    )
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    assert values(interview(decision=late), None, Profile(), "checkin")["decision"] == (
        "Saturday 28 November"
    )


def test_an_unknown_draft_kind_is_refused_naming_the_kinds():
    with pytest.raises(drafts.FollowupError) as caught:
        drafts.draft("fax", interview(), None, Profile())
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
        values(interview(name), interview(name).interviewers[0], Profile(), "email")["first_name"]
        == greeting
    )


def test_topics_joined_as_sentences_each_read_inside_its_own(cli):
    """'... and We toured the office' read as if a new sentence began mid-sentence."""
    assert cli(
        "add", "Acme", "--at", "2026-11-25 14:00", "--with", "Jane Doe <jane@acme.com>",
        "--topic", "We walked through the Q3 dashboard", "--topic", "We toured the office",
        "--topic", "Python at Acme",
    ).code == 0  # fmt: skip
    email = " ".join(cli("draft", "1", "email").stdout.split())
    assert (
        "I especially enjoyed the part where we walked through the Q3 dashboard. We also "
        "toured the office. I also enjoyed hearing about Python at Acme." in email
    ), email
