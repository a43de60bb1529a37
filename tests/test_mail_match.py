"""Matching mail to interviews (features/mail_match.py): pure rules, property-tested.

A missed proposal is better than a wrong tick: these tests draw messages and interviews
and check that nothing is proposed that the rules do not allow.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup.core.models import Interview, Interviewer, Step
from followup.features.mail_match import FREE_MAIL, company_domains, default_since, propose
from followup.features.mailbox import Message

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
