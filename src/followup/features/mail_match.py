"""Matching mail to interviews: which step a sent message ticks, and who replied.

Pure functions: messages and interviews in, proposals out. The rules are right before
they are clever, and a missed proposal is better than a wrong tick:

- A person is an address: a recipient equal (ignoring case) to an interviewer's
  address is that interviewer; nothing is guessed from names.
- A company's mail domain is the domain of one of its interviewers' addresses, never a
  free-mail domain (`is_free_mail`): a gmail.com interviewer makes every gmail.com
  sender no one in particular.
- Nothing dated before the interview counts. A person (or domain) in several rounds
  is taken for the latest round held before the message; one in several applications
  (a recruiter for two companies) is ambiguous, and nothing is proposed.
- A sent message ticks that person's pending `email` step; when it is done already,
  the pending `checkin` (only for a message a day or more after the thank-you was
  ticked, and after the last check-in was); of a closed interview, its pending `reply`.
- A received message from an interviewer's address or the company's domain proposes
  `replied`, once: for an interview with no reply recorded, the first such message that
  a person sent. A machine's message (`machine_sent`: an automatic answer, bulk mail,
  a mailing list, a no-reply sender) never counts: a shipping notice from amazon.com is
  not Amazon's answer, nor an out-of-office reply Jane's. The one exception is a list's
  marks on a message that answers one the user sent to that application's interviewers
  (a reply-all that came through the company's group list is still a person's reply).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from followup.core.models import Interview
from followup.features.mailbox import Message, message_ids

#: Mail domains that belong to no company: their users are people, not employers.
FREE_MAIL = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.fr",
        "yahoo.de",
        "yahoo.es",
        "yahoo.it",
        "yahoo.ca",
        "yahoo.co.in",
        "yahoo.co.jp",
        "ymail.com",
        "rocketmail.com",
        "outlook.com",
        "outlook.fr",
        "outlook.de",
        "hotmail.com",
        "hotmail.co.uk",
        "hotmail.fr",
        "hotmail.de",
        "hotmail.it",
        "hotmail.es",
        "live.com",
        "live.co.uk",
        "live.fr",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "aim.com",
        "proton.me",
        "protonmail.com",
        "protonmail.ch",
        "pm.me",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "gmx.at",
        "gmx.ch",
        "web.de",
        "mail.com",
        "email.com",
        "yandex.com",
        "yandex.ru",
        "ya.ru",
        "zoho.com",
        "zohomail.com",
        "fastmail.com",
        "fastmail.fm",
        "hey.com",
        "tutanota.com",
        "tutanota.de",
        "tuta.io",
        "mailbox.org",
        "posteo.de",
        "posteo.net",
        "qq.com",
        "163.com",
        "126.com",
        "sina.com",
        "sohu.com",
        "mail.ru",
        "bk.ru",
        "inbox.ru",
        "list.ru",
        "rambler.ru",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "sfr.fr",
        "laposte.net",
        "t-online.de",
        "freenet.de",
        "libero.it",
        "virgilio.it",
        "tiscali.it",
        "alice.it",
        "btinternet.com",
        "sky.com",
        "virginmedia.com",
        "comcast.net",
        "verizon.net",
        "att.net",
        "sbcglobal.net",
        "bellsouth.net",
        "cox.net",
        "charter.net",
        "earthlink.net",
        "optonline.net",
        "shaw.ca",
        "rogers.com",
        "sympatico.ca",
        "bigpond.com",
        "optusnet.com.au",
        "seznam.cz",
        "centrum.cz",
        "wp.pl",
        "o2.pl",
        "interia.pl",
        "onet.pl",
        "rediffmail.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "nate.com",
        "uol.com.br",
        "bol.com.br",
        "terra.com.br",
        "hushmail.com",
        "duck.com",
    ]
)

#: Free-mail providers that have a domain in many countries (hotmail.nl, yahoo.com.au,
#: gmx.fr): their name followed by a country's or a generic suffix is free mail too.
FREE_MAIL_BRANDS = frozenset(
    [
        "gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn",
        "aol", "gmx", "yandex", "icloud", "protonmail", "zoho", "rediffmail", "libero",
    ]
)  # fmt: skip


def is_free_mail(domain: str) -> bool:
    """Whether `domain` belongs to a free-mail provider: listed in `FREE_MAIL`, or a
    provider's name then a suffix of at most two short labels (`hotmail.co.uk`)."""
    domain = domain.lower().rstrip(".")
    if domain in FREE_MAIL:
        return True
    brand, _, suffix = domain.partition(".")
    labels = suffix.split(".")
    return (
        brand in FREE_MAIL_BRANDS and 1 <= len(labels) <= 2 and all(0 < len(x) <= 3 for x in labels)
    )


#: What the local part of a machine's From or Reply-To contains (`no-reply`,
#: `messages-noreply`, `no_reply+x`, `account-notifications`, `MAILER-DAEMON`): no-reply
#: and do-not-reply (with `-`, `_`, `.` or nothing between the words), notification,
#: mailer-daemon, postmaster. Kept small on purpose: `info@`, `careers@` or `jobs@` may
#: well be a recruiter writing.
MACHINE_SENDER = re.compile(
    r"no[-_.]?reply|do[-_.]?not[-_.]?reply|notification|mailer[-_.]?daemon|postmaster"
)
#: Precedence values of mail sent to many (RFC 2076); `list` is a mailing list's.
BULK = frozenset(["bulk", "junk"])


def machine_sent(msg: Message, *, answers_user: bool = False) -> str | None:
    """Why `msg` was sent by a machine, not a person (a header, or the name of its sender
    or of its Reply-To); None when nothing says so. `answers_user`: it answers a message
    the user sent to an interviewer, so a mailing list's marks (List-Id, List-Unsubscribe,
    Precedence: list) are taken for the company's group list that carried a person's
    reply-all."""
    if msg.auto_submitted is not None:
        value = msg.auto_submitted.partition(";")[0].partition("(")[0].strip().lower()
        if value != "no":  # RFC 3834: anything else, unknown values included, is automatic
            return f"Auto-Submitted: {value or '(empty)'}"
    precedence = (msg.precedence or "").strip().lower()
    if precedence in BULK:
        return f"Precedence: {precedence}"
    if not answers_user:
        if precedence == "list":
            return "Precedence: list"
        if msg.listed:
            return "a mailing list (List-Id or List-Unsubscribe)"
    for address in (msg.sender, msg.reply_to):
        local = address.rpartition("@")[0].lower()
        if MACHINE_SENDER.search(local):
            return f"sent from {local}@" if address == msg.sender else f"Reply-To {local}@"
    return None


#: A message sent within this long after the thank-you was ticked is taken for the
#: thank-you itself (ticked before it was sent), never for a check-in.
SAME_MESSAGE = timedelta(days=1)
DONE = "done"
REPLIED = "replied"


@dataclass(frozen=True)
class Proposal:
    """One thing the mailbox suggests: tick a step, or record a reply."""

    interview: int
    action: str  # DONE or REPLIED
    step: str | None
    who: str | None
    message: Message

    def to_json(self) -> dict:
        m = self.message
        return {
            "interview": self.interview,
            "action": self.action,
            "step": self.step,
            "who": self.who,
            "message_id": m.message_id,
            "date": m.date.isoformat(),
            "subject": m.subject,
            "from": m.sender,
            "to": list(m.to),
        }


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(".")


def company_domains(iv: Interview) -> set[str]:
    """The mail domains of an interview's company: its interviewers' domains, free mail out."""
    found = {domain_of(p.email) for p in iv.interviewers if p.email}
    return {d for d in found if d and not is_free_mail(d)}


def application(iv: Interview, by_id: dict[int, Interview]) -> int:
    """The number of an application's first round (rounds are linked by `previous`)."""
    seen = {iv.id}
    while iv.previous is not None and iv.previous in by_id and iv.previous not in seen:
        iv = by_id[iv.previous]
        seen.add(iv.id)
    return iv.id


def wanted(interviews: Iterable[Interview]) -> tuple[list[str], list[str]]:
    """What a message must mention to matter: the interviewers' addresses (sent to), and
    those addresses and the companies' domains (received from)."""
    addresses = sorted({p.email.lower() for iv in interviews for p in iv.interviewers if p.email})
    domains = sorted({d for iv in interviews for d in company_domains(iv)})
    return addresses, sorted(set(addresses) | {"@" + d for d in domains})


def default_since(interviews: Iterable[Interview]) -> datetime | None:
    """The time of the oldest interview that is open or has a pending step (None: none)."""
    times = [
        iv.at for iv in interviews if not iv.closed or any(s.status == "pending" for s in iv.steps)
    ]
    return min(times) if times else None


def _latest_before(
    candidates: Sequence[Interview], when: datetime, by_id: dict[int, Interview]
) -> Interview | None:
    """The latest round held before `when`; None when none was, or when the rounds found
    belong to more than one application (ambiguous)."""
    held = [iv for iv in candidates if iv.at < when]
    if not held:
        return None
    if len({application(iv, by_id) for iv in held}) > 1:
        return None
    return max(held, key=lambda iv: (iv.at, iv.id))


def _latest_open_before(
    candidates: Sequence[Interview], when: datetime, by_id: dict[int, Interview]
) -> Interview | None:
    """The latest open round held before `when`, of the one application the rounds held
    before it belong to (closed ones count: a recruiter for two companies stays
    ambiguous once one of them is closed); None when there is none, or several."""
    held = [iv for iv in candidates if iv.at < when]
    if not held or len({application(iv, by_id) for iv in held}) > 1:
        return None
    return _latest_before([iv for iv in held if not iv.closed], when, by_id)


def _answers(
    msg: Message, iv: Interview, by_id: dict[int, Interview], sent_to: dict[str, tuple[str, ...]]
) -> bool:
    """Whether `msg` answers (In-Reply-To or References) a message the user sent to an
    interviewer of `iv`'s application (any of its rounds)."""
    to = {a for ref in msg.answers for a in sent_to.get(ref, ())}
    if not to:
        return False
    first = application(iv, by_id)
    return any(
        p.email and p.email.lower() in to
        for other in by_id.values()
        if application(other, by_id) == first
        for p in other.interviewers
    )


def _email_of(iv: Interview, address: str):
    return next((p for p in iv.interviewers if p.email and p.email.lower() == address), None)


def propose(
    interviews: Sequence[Interview],
    messages: Iterable[Message],
    *,
    skip: frozenset[str] | set[str] = frozenset(),
) -> list[Proposal]:
    """The proposals `messages` make about `interviews` (open and closed), oldest message
    first; messages whose Message-ID is in `skip` (declined before) make none."""
    by_id = {iv.id: iv for iv in interviews}
    by_address: dict[str, list[Interview]] = {}
    by_domain: dict[str, list[Interview]] = {}
    for iv in interviews:
        for p in iv.interviewers:
            if p.email:
                by_address.setdefault(p.email.lower(), []).append(iv)
        for d in company_domains(iv):
            by_domain.setdefault(d, []).append(iv)
    messages = sorted(messages, key=lambda m: (m.date, m.message_id))
    #: What the user sent, by Message-ID (brackets off): to whom.
    sent_to = {
        ref: m.to for m in messages if m.folder == "sent" for ref in message_ids(m.message_id)
    }
    proposals: list[Proposal] = []
    taken: set[tuple[int, str, str | None]] = set()
    #: Thank-yous proposed in this run, as if ticked then: a later message may be a check-in.
    sent: dict[tuple[int, str | None], datetime] = {}
    for msg in messages:
        if msg.message_id in skip:
            continue
        if msg.folder == "sent":
            for address in msg.to:
                iv = _latest_before(by_address.get(address, []), msg.date, by_id)
                if iv is None:
                    continue
                found = _sent_step(iv, address, msg.date, sent)
                if found is None or (iv.id, *found) in taken:
                    continue
                taken.add((iv.id, *found))
                if found[0] == "email":
                    sent[(iv.id, found[1])] = msg.date
                proposals.append(Proposal(iv.id, DONE, found[0], found[1], msg))
        else:
            candidates = by_address.get(msg.sender) or by_domain.get(domain_of(msg.sender), [])
            iv = _latest_open_before(candidates, msg.date, by_id)
            if iv is None or iv.replied_at is not None:
                continue
            if (iv.id, REPLIED, None) in taken:
                continue
            if machine_sent(msg, answers_user=_answers(msg, iv, by_id, sent_to)):
                continue  # a machine's message: a later one from a person may still count
            taken.add((iv.id, REPLIED, None))
            person = _email_of(iv, msg.sender)
            proposals.append(Proposal(iv.id, REPLIED, None, person.label if person else None, msg))
    return proposals


def _sent_step(
    iv: Interview,
    address: str,
    when: datetime,
    sent: dict[tuple[int, str | None], datetime] | None = None,
) -> tuple[str, str | None] | None:
    """(step, who) that a message sent to `address` at `when` ticks on `iv`, or None.
    `sent`: the email steps proposed already in this run (taken as ticked then)."""
    person = _email_of(iv, address)
    if person is None:
        return None
    if iv.closed:
        reply = next((s for s in iv.steps if s.step == "reply" and s.status == "pending"), None)
        if reply is not None and (iv.closed_at is None or when > iv.closed_at):
            return "reply", None
        return None
    email = next((s for s in iv.steps if s.step == "email" and s.who == person.label), None)
    if email is None:
        email = next((s for s in iv.steps if s.step == "email" and s.who is None), None)
    proposed = (sent or {}).get((iv.id, email.who)) if email is not None else None
    if email is not None and email.status == "pending" and proposed is None:
        return "email", email.who
    if email is None or (email.status != "done" and proposed is None):
        return None  # skipped on purpose, or no such step: nothing to tick
    # The email is done: a later message is a check-in, if one is pending and this
    # message came after the thank-you and after the last check-in ticked.
    checkin = next((s for s in iv.steps if s.step == "checkin" and s.status == "pending"), None)
    if checkin is None:
        return None
    done_at = email.done_at if proposed is None else proposed
    if done_at is None or when < done_at + SAME_MESSAGE:
        return None  # the thank-you itself, ticked by hand before it was sent
    ticked = [s.done_at for s in iv.steps if s.step == "checkin" and s.status == "done"]
    if any(t is None or when <= t for t in ticked):
        return None
    return "checkin", None
