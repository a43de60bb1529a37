"""What `followup mail` applies (features/mail_loop.py): ticks and replies in one change,
the note a reply adds to the private notes, the line `undo` shows, and the file that
remembers declined proposals."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import AT, NOW_DT, make_interview, make_store
from followup.core.checklist import DEFAULT_SCHEDULE, Schedule, checkins
from followup.core.models import Interview, Interviewer, OpenDoc
from followup.core.text import CONTROL, check_text
from followup.features.mail_loop import (
    Memory,
    apply,
    memory_bytes,
    parse_memory,
    read_memory,
    remember,
)
from followup.features.mail_match import DONE, REPLIED, Proposal
from followup.features.mailbox import Message
from followup.storage.change import Change
from followup.storage.store import Store

JANE = Interviewer(name="Jane Doe", email="jane@acme.com")
RAJ = Interviewer(name="Raj Patel", email="raj@acme.com")
#: When the thank-yous were sent (the evening of the interview) and the reply came.
SENT = AT + timedelta(hours=4)
HEARD = NOW_DT - timedelta(hours=1)
#: The notes' limit, and what a reply adds: "Reply 2026-11-26: " before the note.
NOTES_LIMIT = 5000
DATED = "Reply 2026-11-26: "


def acme(home: Path, notes: str = "") -> Store:
    return make_store(home, {"company": "Acme Corp", "interviewers": [JANE, RAJ], "notes": notes})


def tick(step: str = "email", who: str | None = "Jane Doe", to: str = "jane@acme.com") -> Proposal:
    message = Message(f"<{step}-{who}@x>", SENT, "Thank you", "sam@example.com", (to,), "sent")
    return Proposal(1, DONE, step, who, message)


def reply(subject: str = "Re: Thank you", sender: str = "jane@acme.com") -> Proposal:
    message = Message("<r@x>", HEARD, subject, sender, ("sam@example.com",), "inbox")
    return Proposal(1, REPLIED, None, None, message)


def run(
    store: Store, proposals: list[Proposal], rules: Schedule = DEFAULT_SCHEDULE
) -> tuple[list[Proposal], str | None]:
    """Apply `proposals` in one change: what was applied, and the change's summary."""
    with store.change(NOW_DT) as change:
        applied = apply(change, proposals, NOW_DT, rules=rules)
    return applied, change.summary


def first(store: Store) -> Interview:
    return store.read_open().interviews[0]


# ----- the line `undo` shows --------------------------------------------------------------


@pytest.mark.parametrize(
    ("proposals", "summary"),
    [
        ([tick()], "mail: ticked 1 step(s)"),
        ([reply()], "mail: recorded 1 reply(ies)"),
        (
            [tick(), tick(who="Raj Patel", to="raj@acme.com"), reply()],
            "mail: ticked 2 step(s) and recorded 1 reply(ies)",
        ),
    ],
)
def test_the_undo_line_of_a_mail_run_counts_its_ticks_and_replies(home, proposals, summary):
    applied, said = run(acme(home), proposals)
    assert applied == proposals
    assert said == summary


def test_a_mail_run_that_changes_nothing_says_so(home):
    store = acme(home)
    run(store, [tick()])
    assert run(store, [tick()]) == ([], "mail: nothing")  # ticked already


def test_a_tick_that_names_no_step_ticks_nothing(home):
    store = acme(home)
    nameless = Proposal(1, DONE, None, "Jane Doe", tick().message)
    assert run(store, [nameless]) == ([], "mail: nothing")
    assert {s.status for s in first(store).steps} == {"pending"}


def test_a_ticked_checkin_adds_the_next_one_by_the_rules_given(home):
    """A check-in found sent is ticked by the same rules as `followup done`: with
    `checkin.max` at 1 no second check-in follows it."""
    store = acme(home)
    run(store, [tick("checkin", None)], rules=Schedule(checkin_max=1))
    assert [s.status for s in checkins(first(store))] == ["done"]
    other = acme(home / "other")
    run(other, [tick("checkin", None)])
    assert [s.status for s in checkins(first(other))] == ["done", "pending"]


# ----- the note a reply adds --------------------------------------------------------------


def test_a_replys_note_quotes_its_subject_and_sender_without_control_characters(home):
    store = acme(home)
    run(store, [reply("Re:\tThank you\x1b[31m  again\r\n", "jane@acme.com")])
    iv = first(store)
    assert iv.replied_at == HEARD
    assert iv.notes == "Reply 2026-11-26: Re: Thank you [31m again (from jane@acme.com)"


@pytest.mark.parametrize(
    ("subject", "quoted"),
    [
        ("s" * 119 + "!", "s" * 119 + "!"),  # 120 characters: whole
        ("s" * 119 + "!?", "s" * 119 + "\u2026"),  # 121: cut to 120 with the ellipsis
        ("s" * 300, "s" * 119 + "\u2026"),
    ],
)
def test_a_long_subject_is_cut_to_120_characters_in_the_note(home, subject, quoted):
    store = acme(home)
    run(store, [reply(subject)])
    assert first(store).notes == f"Reply 2026-11-26: {quoted} (from jane@acme.com)"


@pytest.mark.parametrize(
    ("sender", "quoted"),
    [
        ("j" * 242 + "@example.com", "j" * 242 + "@example.com"),  # 254 characters: whole
        ("j" * 243 + "@example.com", "j" * 243 + "@example.c\u2026"),  # 255: cut to 254
    ],
)
def test_a_long_sender_is_cut_to_254_characters_in_the_note(home, sender, quoted):
    store = acme(home)
    run(store, [reply("Hi", sender)])
    assert first(store).notes == f"Reply 2026-11-26: Hi (from {quoted})"


def test_a_replys_note_fills_the_notes_to_their_last_character(home):
    line = DATED + "Re: Thank you (from jane@acme.com)"
    notes = "n" * (NOTES_LIMIT - 1 - len(line))
    store = acme(home, notes)
    assert run(store, [reply()]) == ([reply()], "mail: recorded 1 reply(ies)")
    assert first(store).notes == f"{notes}\n{line}"
    assert len(first(store).notes) == NOTES_LIMIT


def test_a_reply_is_recorded_without_a_note_when_the_notes_are_full(home):
    """A message is never refused for what its sender wrote: when the notes cannot take
    the note, the reply is recorded and the notes are left as they were."""
    line = DATED + "Re: Thank you (from jane@acme.com)"
    notes = "n" * (NOTES_LIMIT - len(line))  # one character too many with the line
    store = acme(home, notes)
    assert run(store, [reply()]) == ([reply()], "mail: recorded 1 reply(ies)")
    iv = first(store)
    assert (iv.replied_at, iv.notes) == (HEARD, notes)


SHORT_OR_LONG = st.one_of(st.text(max_size=30), st.text(min_size=110, max_size=300))


@given(subject=SHORT_OR_LONG, sender=SHORT_OR_LONG.filter(lambda t: "(from" not in t))
def test_a_reply_is_never_refused_for_what_its_sender_wrote(tmp_path_factory, subject, sender):
    """Whatever the subject and sender hold, the reply is recorded, and its note is one
    line the notes may hold: no control character, blanks made single spaces, the
    subject at most 120 characters (cut with an ellipsis) and the sender at most 254."""
    doc = OpenDoc(next_id=2, interviews=[make_interview(JANE, RAJ, derive=True)])
    change = Change(Store(tmp_path_factory.getbasetemp() / "unwritten"), doc)  # in memory
    assert apply(change, [reply(subject, sender)], NOW_DT) == [reply(subject, sender)]
    notes = change.open[0].notes
    assert check_text("notes", notes) == notes and not CONTROL.search(notes)
    assert notes.startswith(DATED) and notes.endswith(")")
    quoted_subject, quoted_sender = notes[len(DATED) : -1].rsplit("(from ", 1)
    quoted_subject = quoted_subject.removesuffix(" ")  # none before "(from" when empty
    for text, quoted, most in ((subject, quoted_subject, 120), (sender, quoted_sender, 254)):
        plain = " ".join(CONTROL.sub(" ", text).split())
        if len(plain) <= most:
            assert quoted == plain
        else:
            assert quoted == plain[: most - 1] + "\u2026"


# ----- mail.json ----------------------------------------------------------------------------


def test_the_memory_file_is_sorted_indented_json_with_its_format_and_version():
    memory = Memory({"<b@example.com>", "<a@example.com>"})
    data = memory_bytes(memory)
    assert data == (
        b'{\n "format": "followup-mail",\n "version": 1,\n "declined": [\n'
        b'  "<a@example.com>",\n  "<b@example.com>"\n ]\n}\n'
    )
    assert parse_memory(data) == memory


def test_declined_message_ids_are_remembered_and_added_to(home):
    store = acme(home)
    assert read_memory(store) == Memory()  # no mail.json yet
    remember(store, declined=["<a@example.com>"])
    remember(store, declined=["<b@example.com>", "<a@example.com>"])
    assert read_memory(store) == Memory({"<a@example.com>", "<b@example.com>"})


@pytest.mark.parametrize(
    "data",
    [
        None,
        b"",
        b"{not json",
        b'["<a@example.com>"]',
        b'{"format": "followup-remind", "version": 1, "declined": ["<a@example.com>"]}',
        b'{"format": "followup-mail", "version": 1, "declined": 5}',
        b'{"format": "followup-mail", "version": 1}',
    ],
)
def test_a_memory_file_that_cannot_be_read_is_an_empty_memory(data):
    """It is only a convenience: at worst a declined proposal is proposed again."""
    assert parse_memory(data) == Memory()
