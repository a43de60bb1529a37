"""Machine-sent mail is never a company's reply (features/mail_match.py `machine_sent`).

A shipping notice from amazon.com is not Amazon's answer to an interview, and an
out-of-office reply is not Jane's. The rules, one by one: pure matching tests, then the
headers read back through a real IMAP server (Dovecot) and a Maildir, then the Amazon
case through the whole command.
"""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ACME
from followup.core.models import Interview, Interviewer, Step
from followup.features.mail_match import machine_sent, propose
from followup.features.mailbox import Message, parse_headers
from imap_server import Server, dovecot_server, message

AT = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
THANKS = "<thanks@example.com>"


def interview(
    n: int = 1, at: datetime = AT, email: str = "jane@acme.com", previous: int | None = None
) -> Interview:
    return Interview(
        id=n,
        uid=f"u{n}",
        company="Acme Corp",
        at=at,
        interviewers=[Interviewer(name="Jane Doe", email=email)],
        previous=previous,
        round=2 if previous else 1,
        steps=[
            Step(step="email", who="Jane Doe", due=at + timedelta(days=1)),
            Step(step="checkin", due=at + timedelta(days=7)),
        ],
    )


def thank_you(to: str = "jane@acme.com", msgid: str = THANKS) -> Message:
    return Message(msgid, AT + timedelta(hours=4), "Thank you", "sam@example.com", (to,), "sent")


def received(sender: str = "lisa@acme.com", hours: float = 20, msgid: str = "<r@x>", **marks):
    return Message(
        msgid, AT + timedelta(hours=hours), "Re", sender, ("sam@example.com",), "inbox", **marks
    )


def replies(found) -> list[tuple[int, str]]:
    return [(p.interview, p.message.message_id) for p in found if p.action == "replied"]


# ----- the rules, one by one ---------------------------------------------------------

#: One mark each, as parse_headers gives them; each alone makes a message a machine's.
MARKS = {
    "auto-generated": {"auto_submitted": "auto-generated"},
    "auto-replied": {"auto_submitted": "auto-replied"},
    "auto-notified": {"auto_submitted": "auto-notified"},
    "auto-submitted with parameters": {"auto_submitted": "auto-generated; owner-email=x@y"},
    "auto-submitted unknown value": {"auto_submitted": "x-robot"},
    "auto-submitted empty": {"auto_submitted": ""},
    "precedence bulk": {"precedence": "bulk"},
    "precedence junk": {"precedence": "junk"},
    "precedence list": {"precedence": "list"},
    "list-id or list-unsubscribe": {"listed": True},
    "reply-to no-reply": {"reply_to": "no-reply@acme.com"},
}

MACHINE_LOCAL_PARTS = [
    "no-reply", "noreply", "no_reply", "no.reply", "NoReply", "donotreply", "do-not-reply",
    "do_not_reply", "messages-noreply", "account-security-noreply", "digital-no-reply",
    "noreply+tag", "notification", "notifications", "linkedin-notifications",
    "noreplyaccount", "calendar-notification", "jobalerts-noreply", "drive-shares-dm-noreply",
    "mailer-daemon", "MAILER-DAEMON", "postmaster",
]  # fmt: skip
PERSON_LOCAL_PARTS = [
    "lisa", "nora", "reply", "replies", "leonor.eply", "info", "careers", "recruiting",
    "talent", "post", "master", "daemon", "jobs", "hr", "noreen", "bruno.r",
]  # fmt: skip


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("sender", ["jane@acme.com", "lisa@acme.com"])
def test_a_message_with_a_machines_mark_is_no_reply(mark: str, sender: str) -> None:
    """From the company's domain or from the interviewer herself: no reply."""
    msg = received(sender, **MARKS[mark])
    assert machine_sent(msg) is not None
    found = propose([interview()], [thank_you(), msg])
    assert [(p.action, p.step) for p in found] == [("done", "email")]
    # the same message without the mark is a reply: the mark alone made the difference
    plain = received(sender)
    assert replies(propose([interview()], [plain])) == [(1, "<r@x>")]


@pytest.mark.parametrize("local", MACHINE_LOCAL_PARTS)
def test_a_no_reply_sender_is_no_reply(local: str) -> None:
    msg = received(f"{local.lower()}@acme.com")
    assert machine_sent(msg) is not None
    assert replies(propose([interview()], [msg])) == []


@pytest.mark.parametrize("local", PERSON_LOCAL_PARTS)
def test_a_person_like_sender_at_the_company_is_still_a_reply(local: str) -> None:
    msg = received(f"{local}@acme.com")
    assert machine_sent(msg) is None
    assert replies(propose([interview()], [msg])) == [(1, "<r@x>")]


@pytest.mark.parametrize("value", ["no", "No", "no (a person wrote this)", "no; x=y"])
def test_auto_submitted_no_is_a_person(value: str) -> None:
    msg = received(auto_submitted=value.lower())
    assert machine_sent(msg) is None
    assert replies(propose([interview()], [msg])) == [(1, "<r@x>")]


@pytest.mark.parametrize("value", ["normal", "first-class", "urgent", ""])
def test_other_precedence_values_are_a_person(value: str) -> None:
    assert machine_sent(received(precedence=value)) is None


@given(
    st.lists(st.sampled_from(sorted(MARKS)), min_size=1, max_size=4),
    st.sampled_from(["jane@acme.com", "lisa@acme.com", "careers@acme.com"]),
    st.floats(min_value=0.01, max_value=24 * 30),
)
def test_no_machine_message_ever_records_a_reply(
    marks: list[str], sender: str, hours: float
) -> None:
    fields: dict = {}
    for mark in marks:
        fields |= MARKS[mark]
    machine = received(sender, hours, "<m@x>", **fields)
    assert replies(propose([interview()], [thank_you(), machine])) == []


def test_a_machines_message_does_not_hide_a_persons_later_one() -> None:
    """The first message from the domain is a notice: Lisa's, later, is the reply."""
    notice = received("shipment-tracking@acme.com", 5, "<n@x>", listed=True)
    lisa = received("lisa@acme.com", 30, "<lisa@x>")
    assert replies(propose([interview()], [notice, lisa])) == [(1, "<lisa@x>")]


# ----- an answer to the user's own message ------------------------------------------


def test_a_reply_all_through_the_companys_list_answering_the_thank_you_is_a_reply() -> None:
    """Lisa answers the thank-you through recruiting@acme.com, a group list that marks
    every message with List-Id, List-Unsubscribe and Precedence: list."""
    group = {"listed": True, "precedence": "list"}
    via_list = received("lisa@acme.com", answers=("other@x", THANKS.strip("<>")), **group)
    assert replies(propose([interview()], [thank_you(), via_list])) == [(1, "<r@x>")]
    # the same message answering nothing the user sent is a list's, and no reply
    assert replies(propose([interview()], [via_list])) == []
    unanswered = received("lisa@acme.com", answers=("unknown@x",), **group)
    assert replies(propose([interview()], [thank_you(), unanswered])) == []


def test_an_answer_to_a_message_sent_to_someone_else_is_no_exception() -> None:
    """The message answered was sent to a friend, not to this application's interviewer."""
    msg = received("lisa@acme.com", answers=("f@x",), listed=True)
    friend = thank_you("friend@gmail.com", "<f@x>")
    assert replies(propose([interview()], [friend, msg])) == []
    # a message sent to an interviewer of another application is no exception either
    other = interview(2, AT - timedelta(days=3), "bob@globex.com")
    to_bob = thank_you("bob@globex.com", "<f@x>")
    assert replies(propose([interview(), other], [to_bob, msg])) == []


def test_an_answer_to_a_thank_you_of_an_earlier_round_is_the_application_s() -> None:
    first = interview(1, AT)
    second = interview(2, AT + timedelta(hours=10), "raj@acme.com", previous=1)
    msg = received("lisa@acme.com", 20, answers=(THANKS.strip("<>"),), listed=True)
    assert replies(propose([first, second], [thank_you(), msg])) == [(2, "<r@x>")]


@pytest.mark.parametrize(
    "mark", ["auto-replied", "precedence bulk", "precedence junk", "reply-to no-reply"]
)
def test_answering_the_thank_you_excuses_no_other_mark(mark: str) -> None:
    """An out-of-office reply answers the thank-you too: it is still a machine's."""
    msg = received("jane@acme.com", answers=(THANKS.strip("<>"),), **MARKS[mark])
    assert replies(propose([interview()], [thank_you(), msg])) == []
    no_reply = received("no-reply@acme.com", answers=(THANKS.strip("<>"),))
    assert replies(propose([interview()], [thank_you(), no_reply])) == []


# ----- the headers, as read ------------------------------------------------------------


def head(*lines: str) -> bytes:
    base = [
        "Message-ID: <r1@acme.com>",
        "Date: Thu, 26 Nov 2026 08:00:00 +0000",
        "From: Lisa <lisa@acme.com>",
        "To: sam@example.com",
        "Subject: Next steps",
    ]
    return ("\r\n".join(base + list(lines)) + "\r\n\r\n").encode()


def test_parse_headers_reads_the_machine_marks_and_the_answered_ids() -> None:
    msg = parse_headers(
        head(
            "auto-submitted: Auto-Generated",
            "PRECEDENCE: Bulk",
            "Reply-To: Amazon <No-Reply@Amazon.com>",
            "In-Reply-To: <thanks@example.com>",
            "References: <a@x>\r\n <thanks@example.com>\r\n\t<b@y>",
        ),
        "inbox",
    )
    assert msg is not None
    assert (msg.auto_submitted, msg.precedence, msg.listed) == ("auto-generated", "bulk", False)
    assert msg.reply_to == "no-reply@amazon.com"
    assert msg.answers == ("thanks@example.com", "a@x", "b@y")
    bare = parse_headers(head(), "inbox")
    assert bare is not None
    assert (bare.auto_submitted, bare.precedence, bare.listed, bare.reply_to, bare.answers) == (
        None, None, False, "", ()
    )  # fmt: skip


@pytest.mark.parametrize(
    "line", ["List-Id: Recruiting <recruiting.acme.com>", "List-Unsubscribe: <mailto:u@acme.com>"]
)
def test_parse_headers_reads_a_list_header_as_a_list(line: str) -> None:
    msg = parse_headers(head(line), "inbox")
    assert msg is not None and msg.listed


# ----- through Dovecot and a Maildir -----------------------------------------------


def marked(sender: str, subject: str, hour: float, msgid: str, *headers: tuple[str, str]):
    when = datetime(2026, 11, 25, 18, 30, tzinfo=UTC) + timedelta(hours=hour)
    msg = message(sender, ["sam@example.com"], subject, when, msgid)
    for name, value in headers:
        msg[name] = value
    return msg


#: Each inbox message but the last has one machine's mark; all are from Acme's domain or
#: from Jane, after the interview, and earlier than Lisa's reply (the last): a rule read
#: wrong makes its message the reply proposed.
MESSAGES = [
    ("Sent", message("sam@example.com", ["jane@acme.com"], "Thank you, Jane",
                     datetime(2026, 11, 25, 18, 0, tzinfo=UTC), THANKS)),
    ("INBOX", marked("Jane Doe <jane@acme.com>", "Out of office", 0, "<ooo@acme.com>",
                     ("Auto-Submitted", "auto-replied"), ("In-Reply-To", THANKS))),
    ("INBOX", marked("careers@acme.com", "Your application", 1, "<ats@acme.com>",
                     ("Auto-Submitted", "auto-generated"))),
    ("INBOX", marked("news@acme.com", "Acme weekly", 2, "<bulk@acme.com>",
                     ("Precedence", "bulk"))),
    ("INBOX", marked("jane@acme.com", "Win a prize", 3, "<junk@acme.com>",
                     ("Precedence", "junk"))),
    ("INBOX", marked("hr@acme.com", "Benefits", 4, "<plist@acme.com>",
                     ("Precedence", "list"))),
    ("INBOX", marked("team@acme.com", "All hands", 5, "<listid@acme.com>",
                     ("List-Id", "Team <team.acme.com>"))),
    ("INBOX", marked("shipment-tracking@acme.com", "Your package has shipped", 6,
                     "<ship@acme.com>", ("List-Unsubscribe", "<mailto:unsub@acme.com>"))),
    ("INBOX", marked("store@acme.com", "Your order", 7, "<order@acme.com>",
                     ("Reply-To", "no-reply@acme.com"))),
    ("INBOX", marked("no-reply@acme.com", "Sign-in alert", 8, "<noreply@acme.com>")),
    ("INBOX", marked("MAILER-DAEMON@acme.com", "Undelivered Mail", 9, "<bounce@acme.com>")),
    ("INBOX", marked("notifications@acme.com", "New login", 10, "<notif@acme.com>")),
    # Lisa's reply-all, through Acme's recruiting group list: a person's answer
    ("INBOX", marked("Lisa Chen <lisa@acme.com>", "Re: Thank you, Jane", 13.5,
                     "<next@acme.com>", ("List-Id", "Recruiting <recruiting.acme.com>"),
                     ("List-Unsubscribe", "<mailto:recruiting+unsubscribe@acme.com>"),
                     ("Precedence", "list"), ("In-Reply-To", THANKS),
                     ("References", THANKS))),
]  # fmt: skip
WANTED = [("done", "<thanks@example.com>"), ("replied", "<next@acme.com>")]


@pytest.fixture(scope="module")
def server() -> Server:
    with dovecot_server() as s:
        for folder, msg in MESSAGES:
            s.append(folder, msg)
        yield s


def proposals(run) -> list[tuple[str, str]]:
    assert run.code == 0, run.stderr
    return [(p["action"], p["message_id"]) for p in run.json()["proposals"]]


def test_through_dovecot_only_the_persons_reply_counts(cli, server: Server, monkeypatch) -> None:
    settings = {
        "mail.imap.host": server.host,
        "mail.imap.port": str(server.port),
        "mail.imap.user": server.user,
        "mail.imap.security": "none",
    }
    for key, value in settings.items():
        assert cli("config", key, value).code == 0
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", server.password)
    assert cli(*ACME).code == 0
    before = server.state(), server.files()
    run = cli("mail", "--dry-run", "--json")
    assert proposals(run) == WANTED
    # every message was fetched (the marks were read from the server), and passed over
    assert "Read 13 message(s)" in cli("mail", "--dry-run").stderr
    assert (server.state(), server.files()) == before


def test_through_a_maildir_only_the_persons_reply_counts(cli, tmp_path: Path) -> None:
    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    sent = box.add_folder("Sent")
    for folder, msg in MESSAGES:
        m = mailbox.MaildirMessage(msg)
        m.set_subdir("cur")
        (sent if folder == "Sent" else box).add(m)
    assert cli(*ACME).code == 0
    assert cli("config", "mail.maildir", str(tmp_path / "Mail")).code == 0
    assert proposals(cli("mail", "--dry-run", "--json")) == WANTED


# ----- the Amazon case, end to end ---------------------------------------------------


def raw(msgid: str, date: str, sender: str, subject: str, *extra: str) -> bytes:
    lines = [f"Message-ID: <{msgid}>", f"Date: {date}", f"From: {sender}",
             "To: sam@example.com", f"Subject: {subject}", *extra]  # fmt: skip
    return ("\r\n".join(lines) + "\r\n\r\nHello.\r\n").encode()


def test_amazons_shipping_notice_is_not_amazons_reply(cli, tmp_path: Path) -> None:
    """QA's case: Jane interviewed Sam at Amazon; "Your package has shipped" from
    shipment-tracking@amazon.com must not be recorded as Amazon's reply (it would skip
    the check-in). Jane's own answer, a day later, is."""
    root = tmp_path / "Mail"
    for folder in (root, root / ".Sent"):
        for sub in ("cur", "new", "tmp"):
            (folder / sub).mkdir(parents=True)
    notices = [
        raw("ship1@amazon.com", "Wed, 25 Nov 2026 19:00:00 +0000",
            '"Amazon.com" <shipment-tracking@amazon.com>', "Your package has shipped",
            "Reply-To: no-reply@amazon.com"),
        raw("ship2@amazon.com", "Wed, 25 Nov 2026 20:00:00 +0000",
            '"Amazon.com" <shipment-tracking@amazon.com>', "Your package has shipped",
            "List-Unsubscribe: <https://www.amazon.com/unsubscribe>"),
        raw("deals@amazon.com", "Wed, 25 Nov 2026 21:00:00 +0000",
            '"Amazon.com" <store-news@amazon.com>', "Deals for you", "Precedence: bulk"),
        raw("sec@amazon.com", "Wed, 25 Nov 2026 22:00:00 +0000",
            '"Amazon" <account-update@amazon.com>', "Your password was changed",
            "Auto-Submitted: auto-generated"),
    ]  # fmt: skip
    for n, data in enumerate(notices):
        (root / "cur" / f"{n}.x:2,").write_bytes(data)
    add = ("add", "Amazon", "--at", "2026-11-25 14:00", "--with", "Jane Doe <jane@amazon.com>")
    assert cli(*add).code == 0
    assert cli("config", "mail.maildir", str(root)).code == 0
    run = cli("mail", "--yes", "--json")
    assert run.code == 0, run.stderr
    assert run.json() == {"proposals": [], "applied": []}
    shown = cli("show", "1", "--json").json()
    assert shown["replied_at"] is None
    assert [s["status"] for s in shown["steps"] if s["step"] == "checkin"] == ["pending"]
    # Jane's own answer is a reply
    (root / "cur" / "jane.x:2,").write_bytes(
        raw(
            "jane@amazon.com",
            "Thu, 26 Nov 2026 08:00:00 +0000",
            "Jane Doe <jane@amazon.com>",
            "Re: Thank you",
        )
    )
    again = cli("mail", "--yes", "--json")
    assert [(p["action"], p["who"]) for p in again.json()["applied"]] == [("replied", "Jane Doe")]
    assert cli("show", "1", "--json").json()["replied_at"] == "2026-11-26T08:00:00+00:00"
