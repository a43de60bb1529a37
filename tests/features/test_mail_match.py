"""Matching mail to interviews (features/mail_match.py): pure rules, property-tested.

A missed proposal is better than a wrong tick: these tests draw messages and interviews
and check that nothing is proposed that the rules do not allow.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import make_interview
from followup.core.models import Interview, Interviewer, Step
from followup.features.mail_match import (
    FREE_MAIL,
    _answers,
    _sent_step,
    application,
    company_domains,
    default_since,
    domain_of,
    is_free_mail,
    machine_sent,
    propose,
    wanted,
)
from followup.features.mailbox import Message, parse_headers

AT = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def interview(
    n: int = 1,
    at: datetime = AT,
    people: tuple[tuple[str, str | None], ...] = (("Jane Doe", "jane@acme.com"),),
    previous: int | None = None,
    company: str = "Acme Corp",
    email_done_at: datetime | None = None,
) -> Interview:
    steps = [
        Step(
            step="email",
            who=name,
            due=at + timedelta(days=1),
            status="done" if email_done_at else "pending",
            done_at=email_done_at,
        )
        for name, _ in people
    ]
    steps.append(Step(step="checkin", due=at + timedelta(days=7)))
    return Interview(
        id=n,
        uid=f"u{n}",
        company=company,
        at=at,
        interviewers=[Interviewer(name=name, email=mail) for name, mail in people],
        previous=previous,
        round=2 if previous else 1,
        steps=steps,
    )


def sent(to: str, when: datetime, msgid: str = "<m@x>") -> Message:
    return Message(msgid, when, "Thanks", "sam@example.com", (to,), "sent")


def received(sender: str, when: datetime, msgid: str = "<r@x>") -> Message:
    return Message(msgid, when, "Re", sender, ("sam@example.com",), "inbox")


hours = st.integers(min_value=-24 * 30, max_value=24 * 30)
local_part = st.from_regex(r"[a-z]{1,8}", fullmatch=True)


@given(hours)
def test_nothing_at_or_before_the_interview_counts(offset: int) -> None:
    when = AT - timedelta(hours=abs(offset))
    iv = interview()
    assert propose([iv], [sent("jane@acme.com", when), received("jane@acme.com", when)]) == []


@given(st.integers(min_value=1, max_value=24 * 60))
def test_a_thank_you_after_the_interview_ticks_that_persons_email(minutes: int) -> None:
    iv = interview(people=(("Jane Doe", "jane@acme.com"), ("Raj Patel", "raj@acme.com")))
    found = propose([iv], [sent("RAJ@acme.com".lower(), AT + timedelta(minutes=minutes))])
    assert [(p.action, p.step, p.who) for p in found] == [("done", "email", "Raj Patel")]


@given(local_part, st.sampled_from(["acme.com", "gmail.com", "acme.co"]), hours)
def test_a_sent_message_to_no_interviewers_address_proposes_nothing(
    name: str, domain: str, offset: int
) -> None:
    address = f"{name}@{domain}"
    if address == "jane@acme.com":
        return
    found = propose([interview()], [sent(address, AT + timedelta(hours=abs(offset) + 1))])
    assert found == []


@given(local_part, st.sampled_from(sorted(FREE_MAIL)))
def test_a_free_mail_domain_is_no_company(name: str, domain: str) -> None:
    iv = interview(people=(("Jane Doe", f"jane@{domain}"),))
    assert company_domains(iv) == set()
    sender = f"{name}x@{domain}"  # someone else at the same free-mail provider
    assert propose([iv], [received(sender, AT + timedelta(hours=2))]) == []
    # Jane herself, at that address, is still Jane
    found = propose([iv], [received(f"jane@{domain}", AT + timedelta(hours=2))])
    assert [(p.action, p.who) for p in found] == [("replied", "Jane Doe")]


def test_someone_else_at_the_company_domain_is_a_reply() -> None:
    found = propose([interview()], [received("lisa@acme.com", AT + timedelta(hours=20))])
    assert [(p.interview, p.action, p.who) for p in found] == [(1, "replied", None)]
    assert found[0].to_json()["from"] == "lisa@acme.com"


@given(st.integers(min_value=1, max_value=20 * 24))
def test_a_person_in_several_rounds_is_taken_for_the_latest_round_before(offset: int) -> None:
    first = interview(1, AT)
    second = interview(2, AT + timedelta(days=7), previous=1)
    when = AT + timedelta(hours=offset)
    found = propose([first, second], [sent("jane@acme.com", when)])
    expected = 2 if when > second.at else 1
    assert [p.interview for p in found] == [expected]


def test_one_address_in_two_applications_proposes_nothing() -> None:
    recruiter = (("Lisa Chen", "lisa@talent-agency.com"),)
    acme = interview(1, AT, recruiter)
    beta = interview(2, AT + timedelta(hours=1), recruiter, company="Beta Ltd")
    when = AT + timedelta(days=1)
    assert propose([acme, beta], [sent("lisa@talent-agency.com", when)]) == []
    assert propose([acme, beta], [received("lisa@talent-agency.com", when)]) == []


@given(st.integers(min_value=0, max_value=10 * 24))
def test_a_checkin_only_well_after_the_thank_you_was_ticked(offset: int) -> None:
    ticked = AT + timedelta(hours=5)
    iv = interview(email_done_at=ticked)
    when = ticked + timedelta(hours=offset)
    found = propose([iv], [sent("jane@acme.com", when)])
    if offset >= 24:
        assert [(p.step, p.who) for p in found] == [("checkin", None)]
    else:
        assert found == []


def test_declined_messages_and_replies_recorded_already_propose_nothing() -> None:
    iv = interview()
    messages = [sent("jane@acme.com", AT + timedelta(hours=3), "<a@x>")]
    assert propose([iv], messages, skip={"<a@x>"}) == []
    replied = iv.model_copy()
    object.__setattr__(replied, "replied_at", AT + timedelta(hours=5))
    assert propose([replied], [received("jane@acme.com", AT + timedelta(hours=6))]) == []


def test_one_proposal_per_step_however_many_messages() -> None:
    iv = interview()
    messages = [sent("jane@acme.com", AT + timedelta(hours=h), f"<{h}@x>") for h in (2, 3, 4)]
    messages += [received("jane@acme.com", AT + timedelta(hours=h), f"<r{h}@x>") for h in (5, 6)]
    found = propose([iv], messages)
    assert [(p.action, p.step, p.message.message_id) for p in found] == [
        ("done", "email", "<2@x>"),
        ("replied", None, "<r5@x>"),
    ]


def test_since_is_the_oldest_interview_open_or_with_a_step_pending() -> None:
    old_closed = interview(1, AT - timedelta(days=30)).model_copy(update={"closed": True})
    old_closed.steps = [s.model_copy(update={"status": "done"}) for s in old_closed.steps]
    pending_closed = interview(2, AT - timedelta(days=20)).model_copy(update={"closed": True})
    current = interview(3, AT)
    assert default_since([old_closed, current]) == AT
    assert default_since([old_closed, pending_closed, current]) == AT - timedelta(days=20)
    assert default_since([old_closed]) is None


# ----- which step a sent message ticks (`_sent_step`), rule by rule --------------------

JANE = Interviewer(name="Jane Doe", email="jane@acme.com")
RAJ = Interviewer(name="Raj Patel", email="raj@acme.com")
CLOSED = AT + timedelta(days=10)


def step(name: str, who: str | None = None, done_at: datetime | None = None, **fields) -> Step:
    """A step due a day after the interview: done at `done_at` when given, else pending."""
    status = fields.pop("status", "done" if done_at else "pending")
    return Step(
        step=name, who=who, due=AT + timedelta(days=1), status=status, done_at=done_at, **fields
    )


def closed(*steps: Step, closed_at: datetime | None = CLOSED) -> Interview:
    return make_interview(JANE, steps=steps, closed=True, closed_at=closed_at)


def test_a_closed_interviews_reply_is_ticked_only_by_mail_sent_after_it_was_closed() -> None:
    iv = closed(step("email", "Jane Doe", AT + timedelta(hours=3)), step("reply"))
    second = timedelta(seconds=1)
    assert _sent_step(iv, "jane@acme.com", CLOSED - second) is None
    assert _sent_step(iv, "jane@acme.com", CLOSED) is None  # the moment it was closed
    assert _sent_step(iv, "jane@acme.com", CLOSED + second) == ("reply", None)


def test_a_closed_interview_with_no_close_time_takes_any_mail_for_its_reply() -> None:
    """An interview closed before close times were kept: any message after it counts."""
    iv = closed(step("email", "Jane Doe", AT + timedelta(hours=3)), step("reply"), closed_at=None)
    assert _sent_step(iv, "jane@acme.com", AT + timedelta(hours=5)) == ("reply", None)


@given(st.integers(min_value=-3 * 24 * 3600, max_value=3 * 24 * 3600), st.booleans())
@example(seconds=0, kept=True)  # sent the moment it was closed
def test_a_closed_interviews_reply_is_any_mail_after_the_close(seconds: int, kept: bool) -> None:
    """Drawn around the close: the reply is ticked exactly when the message is later, or
    at any time after the interview when the close time was not kept."""
    iv = closed(step("email", "Jane Doe", AT + timedelta(hours=3)), step("reply"),
                closed_at=CLOSED if kept else None)  # fmt: skip
    found = _sent_step(iv, "jane@acme.com", CLOSED + timedelta(seconds=seconds))
    assert found == (("reply", None) if seconds > 0 or not kept else None)


@pytest.mark.parametrize("reply", ["done", "skipped", "none"])
def test_a_closed_interview_with_no_reply_pending_takes_nothing(reply: str) -> None:
    """Its other steps, still pending (closed before they were done), are never ticked."""
    steps = [step("email", "Jane Doe"), step("checkin")]
    if reply != "none":
        steps.append(step("reply", done_at=CLOSED, status=reply))
    iv = closed(*steps)
    for when in (AT + timedelta(hours=5), CLOSED + timedelta(days=1)):
        assert _sent_step(iv, "jane@acme.com", when) is None


def test_a_person_with_no_email_step_of_their_own_ticks_the_one_for_no_one() -> None:
    """Raj's thank-you is his: a message to Jane, who has none, ticks the shared one."""
    iv = make_interview(
        JANE, RAJ, steps=[step("email", "Raj Patel"), step("checkin"), step("email")]
    )
    assert _sent_step(iv, "jane@acme.com", AT + timedelta(hours=5)) == ("email", None)
    assert _sent_step(iv, "raj@acme.com", AT + timedelta(hours=5)) == ("email", "Raj Patel")


def test_a_person_with_no_email_step_at_all_ticks_nothing() -> None:
    """No step of hers, none for no one: neither Raj's thank-you nor the check-in."""
    iv = make_interview(JANE, RAJ, steps=[step("email", "Raj Patel"), step("checkin")])
    for when in (AT + timedelta(hours=5), AT + timedelta(days=5)):
        assert _sent_step(iv, "jane@acme.com", when) is None


def test_a_skipped_thank_you_makes_no_later_message_a_checkin() -> None:
    iv = make_interview(
        JANE,
        steps=[step("email", "Jane Doe", AT + timedelta(hours=3), status="skipped"),
               step("checkin")],
    )  # fmt: skip
    assert _sent_step(iv, "jane@acme.com", AT + timedelta(days=5)) is None


def test_a_checkin_is_ticked_only_when_one_is_pending() -> None:
    """Jane's thank-you done, the check-in done: Raj's pending thank-you is no check-in."""
    iv = make_interview(
        JANE,
        RAJ,
        steps=[step("email", "Jane Doe", AT + timedelta(hours=3)), step("email", "Raj Patel"),
               step("checkin", done_at=AT + timedelta(days=3))],
    )  # fmt: skip
    assert _sent_step(iv, "jane@acme.com", AT + timedelta(days=5)) is None


def test_a_checkin_counts_from_exactly_a_day_after_the_thank_you_was_ticked() -> None:
    ticked = AT + timedelta(hours=3)
    iv = make_interview(JANE, steps=[step("email", "Jane Doe", ticked), step("checkin")])
    day = timedelta(days=1)
    assert _sent_step(iv, "jane@acme.com", ticked + day - timedelta(seconds=1)) is None
    assert _sent_step(iv, "jane@acme.com", ticked + day) == ("checkin", None)


def test_a_checkin_counts_only_after_the_last_checkin_ticked() -> None:
    last = AT + timedelta(days=3)
    steps = [step("email", "Jane Doe", AT + timedelta(hours=3)), step("checkin", done_at=last)]
    iv = make_interview(JANE, steps=[*steps, step("checkin")])
    assert _sent_step(iv, "jane@acme.com", last) is None  # that check-in itself
    assert _sent_step(iv, "jane@acme.com", last + timedelta(seconds=1)) == ("checkin", None)
    # a check-in done with no time kept: no later message can be told from it
    undated = make_interview(
        JANE, steps=[steps[0], step("checkin", status="done"), step("checkin")]
    )
    assert _sent_step(undated, "jane@acme.com", AT + timedelta(days=9)) is None


# ----- an answer to the user's own message (`_answers`) ---------------------------------


def test_an_answer_to_mail_sent_to_a_later_rounds_interviewer_is_the_applications() -> None:
    first = make_interview(JANE, id=1)
    second = make_interview(RAJ, id=2, at=AT + timedelta(days=7), previous=1, round=2)
    other = make_interview(Interviewer(name="Bob", email="bob@globex.com"), id=3)
    by_id = {iv.id: iv for iv in (first, second, other)}
    sent_to = {"t@x": ("raj@acme.com",), "b@x": ("bob@globex.com",)}
    answer = received("lisa@acme.com", AT + timedelta(days=8))
    to_raj = replace(answer, answers=("t@x",))
    assert _answers(to_raj, first, by_id, sent_to)
    assert _answers(to_raj, second, by_id, sent_to)
    assert not _answers(to_raj, other, by_id, sent_to)
    to_bob = replace(answer, answers=("b@x",))
    assert not _answers(to_bob, second, by_id, sent_to)
    assert not _answers(answer, second, by_id, sent_to)  # answers nothing


# ----- why a message is a machine's (`machine_sent`) -------------------------------------

#: A message's marks, and the reason `machine_sent` gives: the mark itself, in lower case.
REASONS = [
    ({"auto_submitted": "Auto-Replied (vacation)"}, "Auto-Submitted: auto-replied"),
    ({"auto_submitted": "auto-generated; owner-email=x@y"}, "Auto-Submitted: auto-generated"),
    ({"auto_submitted": ""}, "Auto-Submitted: (empty)"),
    ({"auto_submitted": " (no value) "}, "Auto-Submitted: (empty)"),
    ({"precedence": " BULK "}, "Precedence: bulk"),
    ({"precedence": "Junk"}, "Precedence: junk"),
    ({"precedence": "List"}, "Precedence: list"),
    ({"listed": True}, "a mailing list (List-Id or List-Unsubscribe)"),
    ({"sender": "No-Reply@acme.com"}, "sent from no-reply@"),
    ({"reply_to": "do-not-reply@acme.com"}, "Reply-To do-not-reply@"),
    ({"sender": "mailer-daemon@acme.com", "reply_to": "postmaster@acme.com"},
     "sent from mailer-daemon@"),
    # the local part is all before the last @: a quoted one may hold an @ of its own
    ({"sender": '"lisa@no-reply"@acme.com'}, 'sent from "lisa@no-reply"@'),
    ({"reply_to": '"jobs@notifications"@acme.com'}, 'Reply-To "jobs@notifications"@'),
]  # fmt: skip


@pytest.mark.parametrize(("marks", "reason"), REASONS, ids=[r for _, r in REASONS])
def test_machine_sent_names_the_mark_that_gave_it_away(marks: dict, reason: str) -> None:
    msg = replace(received("lisa@acme.com", AT + timedelta(hours=5)), **marks)
    assert machine_sent(msg) == reason


def test_machine_sent_reads_header_names_and_values_in_any_case() -> None:
    """The headers as a mail program may write them, read back by `parse_headers`."""
    headers = [
        ("AUTO-SUBMITTED", "Auto-Replied", "Auto-Submitted: auto-replied"),
        ("auto-submitted", "NO", None),
        ("PRECEDENCE", "BULK", "Precedence: bulk"),
        ("precedence", "LIST", "Precedence: list"),
        ("LIST-ID", "Team <team.acme.com>", "a mailing list (List-Id or List-Unsubscribe)"),
        ("list-unsubscribe", "<mailto:u@acme.com>", "a mailing list (List-Id or List-Unsubscribe)"),
        ("REPLY-TO", "Acme <NoReply@Acme.COM>", "Reply-To noreply@"),
    ]
    for name, value, reason in headers:
        mail = EmailMessage()
        mail["Message-ID"] = "<r1@acme.com>"
        mail["Date"] = "Thu, 26 Nov 2026 08:00:00 +0000"
        mail["From"] = "Lisa <lisa@acme.com>"
        mail["To"] = "sam@example.com"
        mail[name] = value
        msg = parse_headers(mail.as_bytes(), "inbox")
        assert msg is not None
        assert machine_sent(msg) == reason, name
    # a list's marks on an answer to the user's own message are no machine's
    assert machine_sent(msg, answers_user=True) == "Reply-To noreply@"
    listed = replace(msg, reply_to="", precedence="list", listed=True)
    assert machine_sent(listed, answers_user=True) is None


# ----- rounds and applications (`application`, `_latest_open_before`) -------------------


class Lookups(dict):
    """`by_id` that fails a test instead of looping: at most `limit` rounds looked up."""

    limit = 10

    def __getitem__(self, key):
        self.limit -= 1
        assert self.limit >= 0, "application() kept following `previous`"
        return super().__getitem__(key)


def test_an_application_is_its_first_round_among_those_given() -> None:
    first = make_interview(JANE, id=1)
    second = make_interview(JANE, id=2, previous=1, round=2)
    third = make_interview(JANE, id=3, previous=2, round=3)
    assert application(third, Lookups({1: first, 2: second, 3: third})) == 1
    # a previous round not given (deleted, or not read) ends the chain where it breaks
    assert application(third, Lookups({2: second, 3: third})) == 2
    assert application(second, Lookups({2: second})) == 2


def test_an_application_whose_rounds_loop_ends_where_the_loop_closes() -> None:
    """Damaged links (3 -> 1 -> 2 -> 1) end at the first round seen twice, not forever."""
    one = make_interview(JANE, id=1, previous=2, round=2)
    two = make_interview(JANE, id=2, previous=1, round=2)
    three = make_interview(JANE, id=3, previous=1, round=3)
    assert application(three, Lookups({1: one, 2: two, 3: three})) == 2
    assert application(one, Lookups({1: one, 2: two})) == 2


def test_a_round_held_at_the_very_time_of_a_message_is_not_held_before_it() -> None:
    """A recruiter for two companies writes at the very time of her second interview:
    that one is not held yet, so the message is the first company's reply."""
    recruiter = (("Lisa Chen", "lisa@talent-agency.com"),)
    acme = interview(1, AT, recruiter)
    beta = interview(2, AT + timedelta(hours=5), recruiter, company="Beta Ltd")
    found = propose([acme, beta], [received("lisa@talent-agency.com", beta.at)])
    assert [(p.interview, p.action) for p in found] == [(1, "replied")]
    later = propose([acme, beta], [received("lisa@talent-agency.com", beta.at + timedelta(1))])
    assert later == []  # held by then: either company's


# ----- every message and every address is looked at (`propose`) -------------------------


def test_a_declined_message_leaves_the_later_ones_proposed() -> None:
    messages = [
        sent("jane@acme.com", AT + timedelta(hours=3), "<declined@x>"),
        sent("jane@acme.com", AT + timedelta(hours=4), "<thanks@x>"),
        received("jane@acme.com", AT + timedelta(hours=6)),
    ]
    found = propose([interview()], messages, skip={"<declined@x>"})
    assert [(p.action, p.message.message_id) for p in found] == [
        ("done", "<thanks@x>"),
        ("replied", "<r@x>"),
    ]


def test_every_recipient_of_a_sent_message_is_looked_at() -> None:
    """A friend first, then Jane (To and Cc): Jane's thank-you; a message to Jane, whose
    step is proposed already, and to Raj: Raj's."""
    iv = interview(people=(("Jane Doe", "jane@acme.com"), ("Raj Patel", "raj@acme.com")))
    first = Message("<1@x>", AT + timedelta(hours=3), "Thanks", "sam@example.com",
                    ("friend@gmail.com", "jane@acme.com"), "sent")  # fmt: skip
    both = replace(first, message_id="<2@x>", date=AT + timedelta(hours=4),
                   to=("jane@acme.com", "raj@acme.com"))  # fmt: skip
    found = propose([iv], [first, both])
    assert [(p.step, p.who, p.message.message_id) for p in found] == [
        ("email", "Jane Doe", "<1@x>"),
        ("email", "Raj Patel", "<2@x>"),
    ]


def test_a_reply_or_a_checkin_is_proposed_once_however_many_messages() -> None:
    done = closed(step("email", "Jane Doe", AT + timedelta(hours=3)), step("reply"))
    after = [sent("jane@acme.com", CLOSED + timedelta(days=d), f"<{d}@x>") for d in (1, 2)]
    assert [(p.step, p.message.message_id) for p in propose([done], after)] == [("reply", "<1@x>")]
    iv = interview(email_done_at=AT + timedelta(hours=3))
    later = [sent("jane@acme.com", AT + timedelta(days=d), f"<{d}@x>") for d in (3, 5)]
    assert [(p.step, p.message.message_id) for p in propose([iv], later)] == [("checkin", "<3@x>")]


# ----- free mail, domains, and what a message must mention ------------------------------


@pytest.mark.parametrize(
    ("domain", "free"),
    [
        ("gmail.com", True),
        ("Gmail.COM.", True),  # any case, and the root's dot
        ("hotmail.nl", True),  # a provider's name, then one short label
        ("yahoo.com.au", True),  # or two
        ("gmx.a", True),  # of one letter
        ("gmail", False),  # a name alone is no domain
        ("gmail.", False),
        ("gmail..com", False),
        ("live.shop", False),  # a label of four letters: a company's name
        ("outlook.com.mx.net", False),  # three labels
        ("livenation.com", False),
        ("acme.com", False),
    ],
)
def test_free_mail_is_a_listed_domain_or_a_providers_name_and_a_country(
    domain: str, free: bool
) -> None:
    assert is_free_mail(domain) is free


def test_a_domain_is_what_follows_the_last_at_in_lower_case() -> None:
    assert domain_of("Lisa@Acme.COM") == "acme.com"
    assert domain_of("lisa@acme.com.") == "acme.com"
    assert domain_of(" lisa@acme.com ") == "acme.com"
    assert domain_of('"lisa@home.example"@acme.com') == "acme.com"
    assert domain_of("") == ""


def test_wanted_are_the_interviewers_addresses_and_the_companies_domains() -> None:
    acme = interview(people=(("Jane Doe", "Jane@Acme.com"), ("Raj Patel", "raj@gmail.com")))
    beta = interview(2, people=(("Bo Li", "bo@beta.io"), ("No Mail", None)), company="Beta")
    sent_to, received_from = wanted([acme, beta])
    assert sent_to == ["bo@beta.io", "jane@acme.com", "raj@gmail.com"]
    assert received_from == ["@acme.com", "@beta.io", *sent_to]  # gmail.com: free mail
    assert wanted([]) == ([], [])


def test_a_second_reply_to_an_interview_stops_nothing_after_it() -> None:
    """Jane writes twice (one reply proposed), then Beta's interviewer: Beta's reply."""
    acme = interview()
    beta = interview(2, people=(("Bo Li", "bo@beta.io"),), company="Beta")
    messages = [received("jane@acme.com", AT + timedelta(hours=h), f"<{h}@x>") for h in (5, 6)] + [
        received("bo@beta.io", AT + timedelta(hours=7), "<bo@x>")
    ]
    found = propose([acme, beta], messages)
    assert [(p.interview, p.action, p.message.message_id) for p in found] == [
        (1, "replied", "<5@x>"),
        (2, "replied", "<bo@x>"),
    ]
