"""features.drafts: tested directly, and through the commands that use it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import ACME, make_interview
from followup.core.models import Interview, Interviewer
from followup.errors import FollowupError
from followup.features import drafts, templates
from followup.features.config import Profile
from followup.features.templates import parse_template

# ----------------------------------------------------------------------------
# `followup draft`: the words for each follow-up, from the interview and the profile.


NOTES = "their move from spreadsheets to dbt; the Q3 dashboard rebuild"


PROFILE = ("Sam Lee", "sam@example.com", "+1 555 0100")


@pytest.fixture
def acme(cli):
    """One interview with two interviewers and notes, as a new user records it."""
    run = cli(*ACME, "--topic", NOTES)
    assert run.code == 0, run.stderr
    return run


def body_of(email: str) -> str:
    return email.split("\n\n", 1)[1]


@pytest.mark.parametrize(
    ("name", "greeting"),
    [("Jane Doe", "Jane"), ("Dr. Jane Doe", "Dr. Doe"), ("Prof Ada Lovelace", "Prof Lovelace"),
     ("Ms Li", "Ms Li"), ("Cher", "Cher"), ("Drew Barry", "Drew")],
)  # fmt: skip
def test_greetings_use_the_first_name_or_the_title_and_surname(name, greeting):
    iv = _interview(people=[name])
    assert f"Dear {greeting},\n" in drafts.draft("card", iv, iv.interviewers[0], Profile()).text


@given(notes=st.text(alphabet=st.sampled_from("abc xyz;,.\n"), max_size=900))
@settings(max_examples=60)
@example(notes="word " * 150)
@example(notes="; ".join(["the roadmap for next year"] * 30))
def test_email_body_stays_between_40_and_110_words(notes):
    iv = _interview(notes=notes)
    text = drafts.draft("email", iv, iv.interviewers[0], Profile(*PROFILE)).text
    assert 40 <= len(body_of(text).split()) <= 110


@pytest.mark.parametrize(
    ("name", "greeting"),
    [("van der Berg, Piet", "Piet"), ("Doe, Jane", "Jane"), ("Doe, Dr. Jane", "Dr. Doe"),
     ("van der Berg, Dr Piet", "Dr van der Berg"), ("Jane Doe, PhD", "Jane"),
     ("Dr. Jane Doe, Jr.", "Dr. Doe"), ("Doe,", "Doe")],
)  # fmt: skip
def test_a_name_with_a_comma_is_surname_then_given_name(name, greeting):
    iv = _interview(people=[name])
    assert f"Dear {greeting},\n" in drafts.draft("card", iv, iv.interviewers[0], Profile()).text


_names = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "Zs"]), max_size=60)


@given(
    limit=st.integers(1, 400),
    first=_names,
    company=_names.filter(str.strip),
    role=_names,
    notes=st.text(max_size=400),
    me=st.one_of(st.none(), _names.filter(str.strip)),
)
@settings(max_examples=300, deadline=None)
def test_linkedin_note_never_exceeds_the_limit(limit, first, company, role, notes, me):
    iv = _interview(company=company, role=role, notes=notes, people=[first or "x"])
    result = drafts.draft("linkedin", iv, iv.interviewers[0], Profile(me), linkedin_limit=limit)
    note = result.text.rstrip("\n")
    assert len(note) <= limit
    assert "\n" not in note
    assert drafts.GENERIC_REQUEST.lower() not in note.lower()
    if not result.cut:
        assert note.startswith("Hi ")
        signed = " ".join(me.split()) if me else "[your name]"  # whitespace runs become one space
        assert note.endswith(".") or note.endswith(signed)


@given(notes=st.text(max_size=600))
@settings(max_examples=60)
def test_card_stays_about_sixty_words(notes):
    iv = _interview(notes=notes)
    text = drafts.draft("card", iv, iv.interviewers[0], Profile(*PROFILE)).text
    assert len(text.split()) <= drafts.CARD_WORDS


_pieces = st.sampled_from(
    [*"ab {}_\n", *templates.PLACEHOLDERS, *(f"{{{p}}}" for p in templates.PLACEHOLDERS)]
)


@given(text=st.lists(_pieces, max_size=30).map("".join))
def test_templates_fill_in_one_pass(text):
    """Values go in verbatim, even when they look like placeholders; plain text stays."""
    try:
        template = templates.parse_template(text, "t.txt")
    except FollowupError as exc:
        if not text.strip():
            assert str(exc).startswith("t.txt is empty:")
            return
        problems = ("unknown placeholder", "no closing brace", "no opening brace")
        assert any(p in str(exc) for p in problems) and "t.txt line" in str(exc)
        return
    tokens = {k: "{" + k + "}" for k in templates.PLACEHOLDERS}
    marks = {k: f"\0{i}\0" for i, k in enumerate(templates.PLACEHOLDERS)}
    with_tokens = template.fill(templates.Fill(tokens))
    with_marks = template.fill(templates.Fill(marks))
    unmarked = re.sub("\0(\\d)\0", lambda m: tokens[templates.PLACEHOLDERS[int(m[1])]], with_marks)
    assert with_tokens == unmarked
    if "{" not in text and "}" not in text:
        assert with_tokens == text


def test_add_points_at_the_email_draft(acme):
    assert "`followup draft 1 email --who Jane` writes the thank-you email" in acme.stderr


@pytest.mark.parametrize("command", ["draft", "config"])
def test_help_ends_with_an_example(cli, command):
    run = cli(command, "--help")
    assert run.code == 0
    assert f"Example: followup {command} " in run.stdout


def _interview(
    *,
    company: str = "Acme Corp",
    role: str = "Data Analyst",
    notes: str = NOTES,
    people: list[str] | None = None,
) -> Interview:
    return make_interview(
        *(people or ["Jane Doe"]),
        company=company,
        role=role,
        topics=[notes] if notes.strip() else [],
    )


# ----------------------------------------------------------------------------
# The rules of the drafts, word for word: what a user reads before they send it.
#
# Each built-in draft is pinned in full for the cases a user meets (a role or none, a
# decision date or none, a topic that completes "our conversation about" or one that
# does not), so that a changed word, a lost sentence or a wrong branch shows.


@pytest.fixture
def profile(cli):
    for key, value in zip(("name", "email", "phone"), PROFILE, strict=True):
        assert cli("config", key, value).code == 0


def add(cli, *args: str) -> None:
    run = cli(*args)
    assert run.code == 0, run.stderr


def template(home: Path, kind: str, text: str) -> None:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{kind}.txt").write_text(text, encoding="utf-8")


def linkedin(cli, home, text: str) -> tuple[str, str]:
    """The note from a LinkedIn template `text` for Jane, limit 50, and its stderr line."""
    add(cli, "add", "Acme", "--with", "Jane")
    assert cli("config", "linkedin.limit", "50").code == 0
    template(home, "linkedin", text)
    run = cli("draft", "1", "linkedin")
    assert run.code == 0, run.stderr
    return run.stdout, run.stderr.splitlines()[0]


# ----- a LinkedIn template fitted to the limit -----------------------------------------


def test_a_linkedin_template_of_exactly_the_limit_is_kept_whole(cli, home):
    note, said = linkedin(cli, home, "Hi {first_name}, good to meet you. Thank you for the tour.")
    assert len(note) == 50 + 1
    assert note == "Hi Jane, good to meet you. Thank you for the tour.\n"
    assert said == "LinkedIn note: 50/50 characters."


def test_a_linkedin_template_keeps_a_first_sentence_ending_at_the_limit(cli, home):
    text = "Hi {first_name}, it was such a pleasure to meet your team. Thanks. See you soon."
    note, said = linkedin(cli, home, text)
    assert note == "Hi Jane, it was such a pleasure to meet your team.\n"
    assert said == (
        "LinkedIn note: 50/50 characters; left out the last 2 sentences of your template to fit."
    )


def test_a_linkedin_template_whose_first_sentence_is_too_long_is_cut_at_a_word(cli, home):
    text = "Hi {first_name}, it was such a pleasure to meet your whole team. Thanks. Bye."
    note, said = linkedin(cli, home, text)
    assert note == "Hi Jane, it was such a pleasure to meet your…\n"
    assert said == (
        "LinkedIn note: 45/50 characters; left out the last 2 sentences of your template to "
        "fit; cut short: shorten it by hand, or raise linkedin.limit."
    )


def _iv(*people: str, topics: tuple[str, ...] = (), role: str = "Data Analyst") -> Interview:
    return make_interview(*people, role=role, topics=topics)


def _draft(kind: str, iv: Interview, text: str | None = None, profile=None, **options):
    profile = profile or Profile()
    person = iv.interviewers[0] if iv.interviewers and kind != "phone" else None
    made = parse_template(text, "t.txt") if text is not None else None
    return drafts.draft(kind, iv, person, profile, template=made, **options)


@pytest.mark.parametrize(
    ("kind", "missing"),
    [("email", {"my_name", "my_email", "my_phone", "notes"}),
     ("linkedin", {"my_name", "notes"}), ("card", {"my_name", "notes"}),
     ("checkin", {"my_name", "my_email", "my_phone"}), ("phone", {"my_name"})],
)  # fmt: skip
def test_a_draft_names_the_values_it_shows_as_placeholders_and_topics_only_where_personal(
    kind, missing
):
    """The thank-yous are personal: with no topics they say so; a check-in need not."""
    assert _draft(kind, _iv("Jane Doe")).missing == missing
    assert _draft(kind, _iv("Jane Doe", topics=("dbt",)), profile=Profile(*PROFILE)).missing == (
        set()
    )


def test_a_template_names_only_the_values_it_uses_and_topics_as_notes():
    iv = _iv("Jane Doe")
    assert _draft("email", iv, "Hi {first_name}\n").missing == set()  # no topics asked for
    assert _draft("email", iv, "On {topics} by {decision}\n").missing == {"notes"}
    assert _draft("card", iv, "On {notes}\n").missing == {"notes"}
    assert _draft("linkedin", _iv(), "Hi {first_name}, {my_name}").missing == {
        "first_name", "my_name"
    }  # fmt: skip


def test_only_a_linkedin_note_has_a_limit_and_every_draft_ends_with_a_line_break():
    iv = _iv("Jane Doe")
    note = _draft("linkedin", iv, "Hi {first_name}.", linkedin_limit=120)
    assert (note.text, note.limit) == ("Hi Jane.\n", 120)
    card = _draft("card", iv, "Hi {first_name}.")
    assert (card.text, card.limit) == ("Hi Jane.\n", None)
    assert _draft("email", iv).limit is None


def test_a_linkedin_template_losing_one_sentence_says_the_last_sentence():
    note = _draft(
        "linkedin", _iv("Jane Doe"), "Hi {first_name}. " + "x" * 41 + ".", linkedin_limit=50
    )
    assert (note.text, note.left_out, note.cut) == (
        "Hi Jane.\n", ["the last sentence of your template"], False
    )  # fmt: skip


@pytest.mark.parametrize(
    ("topics", "reframed"),
    [(("the Q3 plan",), False), (("Walked through the rota",), True),
     (("I asked about on-call",), True), (("word " * 80,), False)],
)  # fmt: skip
def test_a_draft_says_when_it_worded_the_topics_another_way(topics, reframed):
    """Reworded: the topics were used, and do not complete "our conversation about"."""
    for kind in ("email", "card", "linkedin"):
        assert _draft(kind, _iv("Jane Doe", topics=topics)).reframed is reframed, kind


def test_topics_of_both_kinds_are_each_a_sentence_in_its_own_words():
    said = _draft("email", _iv("Jane Doe", topics=("Walked through the rota", "Python testing")))
    assert (
        "I especially enjoyed the part where we walked through the rota. We also talked about "
        "Python testing. It left" in " ".join(said.text.split())
    )
    said = _draft("card", _iv("Jane Doe", topics=("the Q3 plan", "We toured the office")))
    assert (
        "I especially enjoyed talking about the Q3 plan. We also toured the office. I am"
        in " ".join(said.text.split())
    )
    said = _draft("card", _iv("Jane Doe", topics=("the Q3 plan", "Walked through the rota")))
    assert (
        "I especially enjoyed talking about the Q3 plan. We also walked through the rota. I am"
        in " ".join(said.text.split())
    )
    said = _draft("card", _iv("Jane Doe", topics=("Our chat about SQL", "the Q3 plan")))
    assert (
        "I especially enjoyed our chat about SQL. We also talked about the Q3 plan. I am"
        in " ".join(said.text.split())
    )


def test_someone_not_on_the_panel_gets_the_first_wording():
    iv = _iv("Jane Doe", "Raj Patel")
    recruiter = Interviewer(name="Lisa Recruiter")
    to_lisa = drafts.draft("email", iv, recruiter, Profile())
    assert to_lisa.text == _draft("email", iv).text.replace("Dear Jane,", "Dear Lisa,")


def test_a_topic_written_as_the_users_own_sentences_is_quoted_as_typed():
    said = _draft("email", _iv("Jane Doe", topics=("I asked about on-call. The rota too?",)))
    assert "I enjoyed our discussion. I asked about on-call. The rota too. If I" in " ".join(
        said.text.split()
    )


def test_a_template_words_the_topics_its_own_way_so_no_rewording_is_reported():
    iv = _iv("Jane Doe", topics=("Walked through the rota",))
    assert _draft("email", iv, "On {topics}\n").reframed is False


def test_a_card_reads_whole_and_the_third_of_a_panel_names_the_company():
    iv = _iv("Jane Doe", "Raj Patel", "Lee Wong")
    assert _draft("card", iv).text == (
        "Dear Jane,\n\nThank you for meeting with me about the Data Analyst role at Acme "
        "Corp. I enjoyed our conversation and learning how your team works. I am excited "
        "about the chance to join your team, and I am grateful for the time you gave me."
        "\n\nWith warm thanks,\n[your name]\n"
    )
    third = drafts.draft("card", iv, iv.interviewers[2], Profile()).text
    assert "It made me even keener to join Acme Corp. Thank you again for your time." in third


def test_a_checkin_to_the_team_speaks_of_the_team_and_of_conversations():
    iv = _iv("Jane Doe", "Raj Patel", topics=("the Q3 plan",)).model_copy(
        update={"decision": datetime(2026, 12, 4, 9, tzinfo=UTC)}
    )
    assert drafts.draft("checkin", iv, None, Profile()).text == (
        "Subject: Following up on the Data Analyst role\n\nDear Acme Corp team,\n\n"
        "I hope you are well. I am writing about the Data Analyst role at Acme Corp. I "
        "understand that the team hoped to reach a decision by Friday 4 December, so I "
        "wanted to ask whether there is any news, or anything more I can send you.\n\n"
        "I enjoyed our conversations about the Q3 plan. I am still very interested in "
        "joining Acme Corp.\n\nThank you for your time,\n[your name]\n[your email]\n"
        "[your phone]\n"
    )
    to_jane = drafts.draft("checkin", iv, iv.interviewers[0], Profile()).text
    assert "I understand that you hoped to reach a decision by Friday 4 December" in to_jane
    assert "I enjoyed our conversation about the Q3 plan." in to_jane


def test_a_checkin_quotes_a_topic_written_as_sentences_after_a_sentence_of_its_own():
    iv = _iv("Jane Doe", topics=("I asked about on-call.",))
    said = _draft("checkin", iv).text
    assert (
        "\n\nI enjoyed our conversation. I asked about on-call. I am still very interested "
        "in joining Acme Corp.\n\n" in said
    )
