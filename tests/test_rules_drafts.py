"""The rules of the drafts, word for word: what a user reads before they send it.

Each built-in draft is pinned in full for the cases a user meets (a role or none, a
decision date or none, a topic that completes "our conversation about" or one that
does not), so that a changed word, a lost sentence or a wrong branch shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ACME

PROFILE = ("Sam Lee", "sam@example.com", "+1 555 0100")


SIGNED = "Sam Lee\nsam@example.com\n+1 555 0100\n"


@pytest.fixture
def profile(cli):
    for key, value in zip(("name", "email", "phone"), PROFILE, strict=True):
        assert cli("config", key, value).code == 0


def add(cli, *args: str) -> None:
    run = cli(*args)
    assert run.code == 0, run.stderr


def draft(cli, *args: str) -> str:
    run = cli("draft", *args)
    assert run.code == 0, run.stderr
    return run.stdout


def template(home: Path, kind: str, text: str) -> None:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{kind}.txt").write_text(text, encoding="utf-8")


def test_a_checkin_names_the_role_the_decision_date_and_the_persons_topic(cli, profile):
    add(cli, *ACME, "--decision", "friday", "--topic", "Jane: their move to dbt")
    assert draft(cli, "acme", "checkin", "--who", "jane") == (
        "Subject: Following up on the Data Analyst role\n\n"
        "Dear Jane,\n\n"
        "I hope you are well. I am writing about the Data Analyst role at Acme Corp. I "
        "understand that you hoped to reach a decision by Friday 27 November, so I wanted to "
        "ask whether there is any news, or anything more I can send you.\n\n"
        "I enjoyed our conversation about your move to dbt. I am still very interested "
        "in joining Acme Corp.\n\n"
        "Thank you for your time,\n" + SIGNED
    )


def test_a_checkin_without_role_or_decision_asks_about_the_position_and_next_steps(cli, profile):
    add(cli, "add", "Beta Ltd", "--with", "Bill Lumbergh")
    assert draft(cli, "beta", "checkin") == (
        "Subject: Following up on the position at Beta Ltd\n\n"
        "Dear Beta Ltd team,\n\n"
        "I hope you are well. I am writing about the position at Beta Ltd. I wanted to ask "
        "whether there is any news on the next steps, or anything more I can send you.\n\n"
        "I am still very interested in joining Beta Ltd.\n\n"
        "Thank you for your time,\n" + SIGNED
    )


def test_the_checkin_after_one_already_sent_writes_once_more(cli, profile):
    add(cli, "add", "Beta Ltd", "--with", "Bill Lumbergh")
    assert cli("done", "beta", "checkin").code == 0
    second = draft(cli, "beta", "checkin")
    assert "I am writing once more about the position at Beta Ltd. I wanted" in second
    assert cli("done", "beta", "checkin").code == 0  # the third says it the same way
    assert draft(cli, "beta", "checkin") == second


def test_a_checkin_words_a_topic_that_says_what_happened(cli, profile):
    """'our conversation about walked through ...' would not read: "the part where"."""
    add(cli, "add", "Gamma", "--role", "SRE", "--with", "Ann Lee", "--topic", "Walked through X")
    assert draft(cli, "gamma", "checkin") == (
        "Subject: Following up on the SRE role\n\n"
        "Dear Gamma team,\n\n"
        "I hope you are well. I am writing about the SRE role at Gamma. I wanted to ask "
        "whether there is any news on the next steps, or anything more I can send you.\n\n"
        "I enjoyed the part where we walked through X. I am still very interested in "
        "joining Gamma.\n\n"
        "Thank you for your time,\n" + SIGNED
    )


OFFER_ASK = (
    "Could you send me the written offer, with the details of the package, and let me know "
    "by when you would like my answer? I will come back to you as soon as I have read it, "
    "and I am happy to talk if anything needs discussing.\n\n"
)


KEEP_IN_MIND = (
    "If another role opens that fits my experience, please keep me in mind: I would be glad "
    "to hear from you. I hope we stay in touch.\n\n"
)


@pytest.mark.parametrize(
    ("role", "subject", "position"),
    [
        (("--role", "Data Analyst"), "Data Analyst", "the Data Analyst role at Acme Corp"),
        ((), "Acme Corp", "the position at Acme Corp"),
    ],
)
def test_the_reply_to_an_offer_thanks_and_asks_for_it_in_writing(
    cli, profile, role, subject, position
):
    add(cli, "add", "Acme Corp", *role, "--with", "Jane Doe")
    assert cli("close", "acme", "--outcome", "offer").code == 0
    assert draft(cli, "1", "reply", "--who", "jane") == (
        f"Subject: Thank you for the offer: {subject}\n\n"
        "Dear Jane,\n\n"
        f"Thank you very much for the offer for {position}. I am delighted to have received "
        "it, and grateful for the time you and the team gave me.\n\n"
        + OFFER_ASK
        + "With many thanks,\n"
        + SIGNED
    )


@pytest.mark.parametrize(
    ("role", "subject", "position"),
    [
        (("--role", "SRE"), "SRE at Acme Corp", "the SRE role at Acme Corp"),
        ((), "the interview at Acme Corp", "the position at Acme Corp"),
    ],
)
def test_the_reply_to_a_rejection_thanks_and_keeps_the_door_open(
    cli, profile, role, subject, position
):
    add(cli, "add", "Acme Corp", *role, "--with", "Jane Doe")
    assert cli("close", "acme", "--outcome", "rejected").code == 0
    assert draft(cli, "1", "reply", "--who", "jane") == (
        f"Subject: Thank you: {subject}\n\n"
        "Dear Jane,\n\n"
        f"Thank you for letting me know your decision about {position}. I am sorry not to be "
        "going further, but I enjoyed meeting you and learning about the team at Acme Corp, "
        "and I am grateful for your time.\n\n" + KEEP_IN_MIND + "Best wishes,\n" + SIGNED
    )


@pytest.mark.parametrize(
    ("close", "state"),
    [((), "open"), (("close", "1"), "closed"), (("close", "1", "--outcome", "withdrawn"),
                                                 "closed as withdrawn")],
)  # fmt: skip
def test_a_reply_draft_without_a_decision_says_what_the_interview_is(cli, files, close, state):
    add(cli, "add", "Delta", "--with", "Dan Ng")
    if close:
        assert cli(*close).code == 0
    before = files()
    run = cli("draft", "1", "reply")
    assert run.code == 1 and run.stdout == ""
    assert run.stderr == (
        f"error: #1 is {state}: a reply draft answers an offer or a rejection; when you hear "
        "back, `followup close 1 --outcome offer` (or rejected), then draft the reply\n"
    )
    assert files() == before


GREETING = (
    "Voicemail greeting (record it on your phone):\n\n"
    "  Hello, you have reached Sam Lee. I'm sorry I can't take your call right now. Please "
    "leave your name, your number and a short message, and I will call you back as soon as I "
    "can. Thank you.\n\n"
)


@pytest.mark.parametrize(
    ("role", "about"),
    [(("--role", "Data Analyst"), "the Data Analyst role"), ((), "the interview")],
)
def test_the_phone_script_is_the_greeting_and_the_checklist_word_for_word(
    cli, profile, role, about
):
    add(cli, "add", "Acme Corp", *role, "--with", "Jane Doe")
    assert draft(cli, "acme", "phone") == GREETING + (
        "Ready for the call from Acme Corp:\n"
        "  - Answer calls from numbers you don't know: it may be Acme Corp with an offer or "
        "another interview.\n"
        "  - Record the greeting above as your voicemail greeting, then call your own number "
        "to hear that it says your full name clearly.\n"
        "  - Make sure your voicemail is set up and its mailbox is not full.\n"
        "  - Check your voicemail every day, and call back the same day.\n"
        f"  - Keep your notes on {about} and Acme Corp within reach for when they call.\n"
    )


CARD_END = (
    " I am excited about the chance to join your team, and I am grateful for the time you "
    "gave me.\n\nWith warm thanks,\nSam Lee\n"
)


@pytest.mark.parametrize(
    ("topic", "discussed"),
    [
        ((), "I enjoyed our conversation and learning how your team works."),
        (("--topic", "the Q3 dashboards"), "I especially enjoyed talking about the Q3 dashboards."),
        (
            ("--topic", "Walked through the rota"),
            "I especially enjoyed the part where we walked through the rota.",
        ),
        (("--topic", "Our chat about SQL"), "I especially enjoyed our chat about SQL."),
        (
            ("--topic", "I asked about on-call"),
            "I especially enjoyed our conversation. I asked about on-call.",
        ),
    ],
)
def test_the_card_words_the_topic_as_it_reads(cli, profile, topic, discussed):
    add(cli, "add", "Acme Corp", "--role", "SRE", "--with", "Jane Doe", *topic)
    assert draft(cli, "acme", "card") == (
        "Dear Jane,\n\nThank you for meeting with me about the SRE role at Acme Corp. "
        + discussed
        + CARD_END
    )


def test_a_persons_own_topic_says_your_where_it_said_their(cli, home):
    """'Jane: Their move to dbt' is Jane's: a draft to her says "Your move"; a topic for
    everyone keeps "their" (it may be about anyone)."""
    add(
        cli, "add", "Acme", "--with", "Jane Doe", "--with", "Raj Patel",
        "--topic", "Jane: Their move to dbt, and their rota",
        "--topic", "their hiring plans",
    )  # fmt: skip
    template(home, "email", "About: {topics}\n")
    assert draft(cli, "acme", "email", "--who", "jane") == (
        "About: Your move to dbt, and your rota and their hiring plans\n"
    )
    assert draft(cli, "acme", "email", "--who", "raj") == "About: their hiring plans\n"


CLOSE = "Best regards,\n" + SIGNED


def test_each_person_on_a_panel_gets_their_own_wording_and_a_fourth_the_first_again(cli, profile):
    add(
        cli, "add", "Acme Corp", "--role", "Data Analyst", "--topic", "the Q3 dashboards",
        *("--with", "Jane Doe", "--with", "Raj Patel", "--with", "Li Wei", "--with", "Bo Chen"),
    )  # fmt: skip
    jane = draft(cli, "acme", "email", "--who", "jane")
    assert jane == (
        "Subject: Thank you for the Data Analyst interview\n\n"
        "Dear Jane,\n\n"
        "Thank you for taking the time to talk with me about the Data Analyst role at Acme "
        "Corp. I especially enjoyed our conversation about the Q3 dashboards. It left me keen "
        "to help with that work.\n\n"
        "If I can send anything else, please let me know. I look forward to hearing from "
        "you.\n\n" + CLOSE
    )
    assert draft(cli, "acme", "email", "--who", "raj") == (
        "Subject: Thank you: Data Analyst interview at Acme Corp\n\n"
        "Dear Raj,\n\n"
        "Thank you for meeting with me to discuss the Data Analyst role at Acme Corp. I "
        "particularly valued our conversation about the Q3 dashboards. It made me even more "
        "interested in joining Acme Corp.\n\n"
        "Please let me know if there is anything more I can provide. I look forward to "
        "hearing about the next steps.\n\n" + CLOSE
    )
    assert draft(cli, "acme", "email", "--who", "li") == (
        "Subject: Our conversation about the Data Analyst role\n\n"
        "Dear Li,\n\n"
        "Many thanks for your time, and for telling me more about the Data Analyst role at "
        "Acme Corp. I appreciated our conversation about the Q3 dashboards. It gave me a "
        "clear picture of where I could contribute.\n\n"
        "I would be glad to send anything that helps. I look forward to hearing from you.\n\n"
        + CLOSE
    )
    assert draft(cli, "acme", "email", "--who", "bo") == jane.replace("Jane,", "Bo,")


def test_without_role_or_topics_each_person_still_gets_their_own_wording(cli, profile):
    add(cli, "add", "Beta Ltd", "--with", "Jane Doe", "--with", "Raj Patel", "--with", "Li Wei")
    subjects, middles = [], []
    for who in ("jane", "raj", "li"):
        subject, _, _, _, middle, *_ = draft(cli, "beta", "email", "--who", who).split("\n")
        subjects.append(subject)
        middles.append(middle.split(". ", 1)[1])
    assert subjects == [
        "Subject: Thank you for the interview at Beta Ltd",
        "Subject: Thank you: our interview at Beta Ltd",
        "Subject: Our conversation at Beta Ltd",
    ]
    assert middles == [
        "I enjoyed learning how your team works, and I came away even more interested in "
        "joining Beta Ltd.",
        "Hearing how the team works made me even keener to join Beta Ltd.",
        "I came away with a clear picture of the team's work, and even more interested in "
        "joining Beta Ltd.",
    ]


@pytest.mark.parametrize(
    ("kind", "limit", "topic_words", "counted"),
    [("email", 110, 51, "body"), ("checkin", 110, 48, "body"), ("card", 70, 25, "all")],
)
def test_a_draft_keeps_a_topic_up_to_its_word_limit_and_drops_it_beyond(
    cli, profile, kind, limit, topic_words, counted
):
    """An email's body (its subject aside) holds up to 110 words, a card 70 in all."""
    add(cli, "add", "Gamma", "--role", "Data Analyst", "--with", "Jane Doe")
    for extra, kept in ((0, True), (1, False)):
        topic = " ".join(["the", *["very"] * (topic_words + extra - 3), "long", "rebuild"])
        assert cli("edit", "gamma", "--clear-topics", "--topic", topic).code == 0
        text = draft(cli, "gamma", kind)
        words = len((text.split("\n\n", 1)[1] if counted == "body" else text).split())
        assert (topic in text) is kept
        assert words == limit if kept else words < limit


HI = "Hi Jane, thank you for talking with me about the Data Analyst role at Acme Corp."


BOTH = " I enjoyed our conversation about the Q3 dashboards. We also talked about dbt."


FIRST = " I enjoyed our conversation about the Q3 dashboards."


CLOSER, SIGN = " I'd be glad to stay in touch.", " Best, Sam Lee"


SOME = "; left out the sign-off, the closing line and some of your topics to fit"


@pytest.mark.parametrize(
    ("limit", "note", "left"),
    [
        (202, HI + BOTH + CLOSER + SIGN, ""),
        (201, HI + BOTH + CLOSER, "; left out the sign-off to fit"),
        (188, HI + BOTH + CLOSER, "; left out the sign-off to fit"),
        (187, HI + BOTH, "; left out the sign-off and the closing line to fit"),
        (158, HI + BOTH, "; left out the sign-off and the closing line to fit"),
        (157, HI + FIRST, SOME),
        (132, HI + FIRST, SOME),
        (131, HI + CLOSER + SIGN, "; left out your topics to fit"),
    ],
)  # fmt: skip
def test_a_linkedin_note_gives_up_sign_off_closing_line_then_topics_to_fit(cli, limit, note, left):
    """A note of exactly the limit fits; one character over, the next part goes."""
    assert cli("config", "name", "Sam Lee").code == 0
    add(
        cli, "add", "Acme Corp", "--role", "Data Analyst", "--with", "Jane Doe",
        "--topic", "the Q3 dashboards", "--topic", "dbt",
    )  # fmt: skip
    assert cli("config", "linkedin.limit", str(limit)).code == 0
    run = cli("draft", "acme", "linkedin")
    assert run.stdout == note + "\n"
    assert run.stderr.splitlines()[0] == f"LinkedIn note: {len(note)}/{limit} characters{left}."


def test_a_long_role_gives_way_to_the_topic_in_a_linkedin_note(cli):
    add(cli, "add", "Beta", "--role", "Principal Data Platform Engineering Lead",
        "--with", "Jane Doe", "--topic", "dbt")  # fmt: skip
    assert cli("config", "linkedin.limit", "90").code == 0
    run = cli("draft", "beta", "linkedin")
    assert run.stdout == (
        "Hi Jane, thank you for the interview at Beta. I enjoyed our conversation about dbt.\n"
    )
    assert run.stderr.splitlines()[0] == (
        "LinkedIn note: 83/90 characters; left out the sign-off, the closing line and the "
        "role to fit."
    )


def test_a_linkedin_note_too_long_even_without_the_role_is_cut_and_says_the_role_went(cli):
    add(cli, "add", "The International Consolidated Holdings Group", "--role", "Analyst",
        "--with", "Bartholomew Featherstonehaugh")  # fmt: skip
    assert cli("config", "linkedin.limit", "50").code == 0
    run = cli("draft", "1", "linkedin")
    assert run.stdout == "Hi Bartholomew, thank you for the interview at…\n"
    assert run.stderr.splitlines()[0] == (
        "LinkedIn note: 47/50 characters; left out the sign-off, the closing line and the "
        "role to fit; cut short: shorten it by hand, or raise linkedin.limit."
    )


def test_only_check_ins_already_sent_make_the_next_one_say_once_more(cli, profile):
    add(cli, "add", "Beta Ltd", "--with", "Bill Lumbergh")
    for step in ("email", "card", "linkedin"):
        assert cli("done", "beta", step).code == 0
    assert "I am writing about" in draft(cli, "beta", "checkin")
    assert cli("skip", "beta", "checkin").code == 0
    assert "I am writing about" in draft(cli, "beta", "checkin")
