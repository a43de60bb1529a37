"""Ready-to-send drafts of the four follow-ups, filled from an interview and a profile.

The advice they carry is the usual advice after an interview: thank the interviewer
for their time, talk about what was discussed, restate interest in the role and the
company, give contact details; connect on LinkedIn with a personal note, never the
generic request; a handwritten card, posted quickly; answer the phone, with a
professional voicemail greeting. Pure text in, text out: nothing here prints, reads
the disk, the clock or the environment. A user's own wording (a template) is read
and checked by `templates`; fitting a draft into its limit (the LinkedIn note
above all) is `fitting`'s; what the command line advises about a draft (which
setting to fill in, when to post the card) is the command line's.

User text is data. Built-in drafts are built with plain string joins and a template
is filled in one pass, so a note that contains `{my_name}` or `[bold]` stays as typed.
"""

from __future__ import annotations

from functools import partial

from followup.core.kinds import CHECKLIST_NAMES
from followup.core.models import Interview, Interviewer
from followup.errors import FollowupError
from followup.features.config import DEFAULT_LINKEDIN_LIMIT, Profile
from followup.features.fitting import Draft, fit_sentences, linkedin_note, shortest
from followup.features.templates import Fill, Template
from followup.features.wording import (
    SENTENCE,
    TOPIC,
    enjoyed,
    inline,
    notes_form,
    role_at,
    sentence,
    topic_sentences,
    topics_for,
    values,
)

#: The generic LinkedIn request, which a personal note replaces.
GENERIC_REQUEST = "I'd like to add you to my professional network"

EMAIL_WORDS = (40, 110)
#: Drafts that are no step of the checklist: the answer to a decision.
REPLY = "reply"
CHECKIN = "checkin"
REPLY_OUTCOMES = ("offer", "rejected")
DRAFT_KINDS: tuple[str, ...] = (*CHECKLIST_NAMES, REPLY)
CARD_WORDS = 70

# ----- the drafts --------------------------------------------------------------------


def words(text: str) -> int:
    return len(text.split())


#: Openings, thanks for a topic and closings of the thank-you email. Each person on
#: a panel gets the next wording, so that colleagues comparing notes see different
#: emails, not one with the name changed.
_OPENINGS = (
    "Thank you for taking the time to talk with me about {role_at}.",
    "Thank you for meeting with me to discuss {role_at}.",
    "Many thanks for your time, and for telling me more about {role_at}.",
)
_ENJOYED = ("I especially enjoyed {what}", "I particularly valued {what}", "I appreciated {what}")
_AFTER = (
    "It left me keen to help with that work.",
    "It made me even more interested in joining {company}.",
    "It gave me a clear picture of where I could contribute.",
)
_NO_TOPIC = (
    "I enjoyed learning how your team works, and I came away even more interested in "
    "joining {company}.",
    "Hearing how the team works made me even keener to join {company}.",
    "I came away with a clear picture of the team's work, and even more interested in "
    "joining {company}.",
)
_CLOSINGS = (
    "If I can send anything else, please let me know. I look forward to hearing from you.",
    "Please let me know if there is anything more I can provide. I look forward to hearing "
    "about the next steps.",
    "I would be glad to send anything that helps. I look forward to hearing from you.",
)


def _email(v: Fill, notes: str | None, *, form: str, variant: int) -> str:
    company = v["company"]
    pick = lambda options: options[variant % len(options)]  # noqa: E731
    if v.has("role"):
        subject = pick(
            (
                f"Thank you for the {v['role']} interview",
                f"Thank you: {v['role']} interview at {company}",
                f"Our conversation about the {v['role']} role",
            )
        )
    else:
        subject = pick(
            (
                f"Thank you for the interview at {company}",
                f"Thank you: our interview at {company}",
                f"Our conversation at {company}",
            )
        )
    opening = pick(_OPENINGS).format(role_at=role_at(v))
    if notes and form == SENTENCE:
        discussed = f"I enjoyed our discussion. {sentence(notes)}"
    elif notes:
        what = enjoyed(notes, form, "our conversation about")
        after = pick(_AFTER).format(company=company)
        discussed = sentence(pick(_ENJOYED).format(what=what)) + " " + after
    else:
        discussed = pick(_NO_TOPIC).format(company=company)
    paragraphs = [
        f"Dear {v['first_name']},",
        f"{opening} {discussed}",
        pick(_CLOSINGS),
        f"Best regards,\n{v['my_name']}\n{v['my_email']}\n{v['my_phone']}",
    ]
    return f"Subject: {subject}\n\n" + "\n\n".join(paragraphs) + "\n"


def _checkin(v: Fill, notes: str | None, *, form: str, round_: int, team: bool) -> str:
    """A short, polite email asking where things stand; to the company's `team` (no
    one person), or to the person `v` names. It never claims that they said the
    decision date ("You mentioned ..."): the user may have heard it from someone else."""
    company = v["company"]
    about = f"the {v['role']} role" if v.has("role") else f"the position at {company}"
    subject = f"Following up on {about}"
    who = "the team" if team else "you"
    if v.has("decision"):
        when = (
            f"I understand that {who} hoped to reach a decision by {v['decision']}, so I "
            "wanted to ask whether there is any news"
        )
    else:
        when = "I wanted to ask whether there is any news on the next steps"
    again = "once more " if round_ > 1 else ""
    lines = [
        f"Dear {v['first_name']},",
        f"I hope you are well. I am writing {again}about {about}"
        + (f" at {company}" if v.has("role") else "")
        + f". {when}, or anything more I can send you.",
    ]
    if notes and form == SENTENCE:
        lines.append(
            f"I enjoyed our conversation. {sentence(notes)} I am still very "
            f"interested in joining {company}."
        )
    elif notes:
        conversation = "our conversations about" if team else "our conversation about"
        lines.append(
            sentence(f"I enjoyed {enjoyed(notes, form, conversation)}")
            + f" I am still very interested in joining {company}."
        )
    else:
        lines.append(f"I am still very interested in joining {company}.")
    lines.append(f"Thank you for your time,\n{v['my_name']}\n{v['my_email']}\n{v['my_phone']}")
    return f"Subject: {subject}\n\n" + "\n\n".join(lines) + "\n"


def _reply(v: Fill, outcome: str, *, team: bool) -> str:
    """The answer to the decision: an offer received, or a rejection; to the company's
    `team` (no one person), or to the person `v` names."""
    company = v["company"]
    you = "you all" if team else "you and the team"
    position = role_at(v)
    sign = f"{v['my_name']}\n{v['my_email']}\n{v['my_phone']}"
    if outcome == "offer":
        subject = f"Thank you for the offer: {v['role'] if v.has('role') else company}"
        body = [
            f"Dear {v['first_name']},",
            f"Thank you very much for the offer for {position}. I am delighted to have "
            f"received it, and grateful for the time {you} gave me.",
            "Could you send me the written offer, with the details of the package, and let "
            "me know by when you would like my answer? I will come back to you as soon as "
            "I have read it, and I am happy to talk if anything needs discussing.",
            f"With many thanks,\n{sign}",
        ]
    else:
        subject = f"Thank you: {v['role'] if v.has('role') else 'the interview'} at {company}"
        body = [
            f"Dear {v['first_name']},",
            f"Thank you for letting me know your decision about {position}. I am sorry not "
            f"to be going further, but I enjoyed meeting {'you all' if team else 'you'} and "
            f"learning about the team at {company}, and I am grateful for your time.",
            "If another role opens that fits my experience, please keep me in mind: I would "
            "be glad to hear from you. I hope we stay in touch.",
            f"Best wishes,\n{sign}",
        ]
    return f"Subject: {subject}\n\n" + "\n\n".join(body) + "\n"


#: The card's wordings: each person on a panel gets the next (opening, closing
#: line, sign-off), so that a panel's cards are not one text with the name changed.
_CARD_THANKS = (
    "Thank you for meeting with me about {role_at}.",
    "Thank you so much for taking the time to meet me about {role_at}.",
    "I wanted to write to thank you for our conversation about {role_at}.",
)
_CARD_NO_TOPIC = (
    "I enjoyed our conversation and learning how your team works.",
    "I enjoyed hearing how your team works.",
    "I came away with a much clearer picture of your team's work.",
)
_CARD_CLOSE = (
    "I am excited about the chance to join your team, and I am grateful for the time you gave me.",
    "I would be delighted to join your team, and I hope we meet again soon.",
    "It made me even keener to join {company}. Thank you again for your time.",
)
_CARD_SIGN = ("With warm thanks,", "With many thanks,", "With gratitude,")


def _card(v: Fill, notes: str | None, *, form: str, variant: int) -> str:
    pick = lambda options: options[variant % len(options)]  # noqa: E731
    if notes and form == SENTENCE:
        discussed = f"I especially enjoyed our conversation. {sentence(notes)}"
    elif notes:
        discussed = sentence(f"I especially enjoyed {enjoyed(notes, form, 'talking about')}")
    else:
        discussed = pick(_CARD_NO_TOPIC)
    thanks = pick(_CARD_THANKS).format(role_at=role_at(v))
    close = pick(_CARD_CLOSE).format(company=v["company"])
    body = f"{thanks} {discussed} {close}"
    return f"Dear {v['first_name']},\n\n{body}\n\n{pick(_CARD_SIGN)}\n{v['my_name']}\n"


def _phone(v: Fill) -> str:
    company = v["company"]
    greeting = (
        f"Hello, you have reached {v['my_name']}. I'm sorry I can't take your call right "
        "now. Please leave your name, your number and a short message, and I will call "
        "you back as soon as I can. Thank you."
    )
    about = f"the {v['role']} role" if v.has("role") else "the interview"
    checklist = [
        f"Answer calls from numbers you don't know: it may be {company} with an offer or "
        "another interview.",
        "Record the greeting above as your voicemail greeting, then call your own number "
        "to hear that it says your full name clearly.",
        "Make sure your voicemail is set up and its mailbox is not full.",
        "Check your voicemail every day, and call back the same day.",
        f"Keep your notes on {about} and {company} within reach for when they call.",
    ]
    return (
        "Voicemail greeting (record it on your phone):\n\n"
        f"  {greeting}\n\n"
        f"Ready for the call from {company}:\n" + "".join(f"  - {line}\n" for line in checklist)
    )


def draft(
    kind: str,
    iv: Interview,
    person: Interviewer | None,
    profile: Profile,
    *,
    linkedin_limit: int = DEFAULT_LINKEDIN_LIMIT,
    template: Template | None = None,
) -> Draft:
    """The draft of `kind` for `iv`, addressed to `person` (None for `phone`, or nobody).

    Drafts mention the interview's topics (the person's own first), never its notes.
    """
    if kind not in DRAFT_KINDS:
        raise FollowupError(f"no draft for {kind!r}: use one of {', '.join(DRAFT_KINDS)}")
    if kind == REPLY:
        check_reply(iv)
    v = Fill(values(iv, person, profile, kind))
    topics = topics_for(iv, person)
    form, options = _topic_wordings(topics)
    variant = _variant(iv, person)
    result = Draft(kind, "")
    used = None
    if template is not None:
        text = template.fill(v)
        if kind == "linkedin":
            text, dropped, result.cut = fit_sentences(text, linkedin_limit)
            if dropped:
                result.left_out.append(
                    "the last sentence of your template"
                    if dropped == 1
                    else f"the last {dropped} sentences of your template"
                )
        fill = v
    elif kind == "email":
        text, fill, used = shortest(
            partial(_email, form=form, variant=variant),
            v,
            options,
            lambda t: words(_body(t)) <= EMAIL_WORDS[1],
        )
    elif kind == CHECKIN:
        round_ = sum(s.status == "done" for s in iv.steps if s.step == CHECKIN) + 1
        text, fill, used = shortest(
            partial(_checkin, form=form, round_=round_, team=person is None),
            v,
            options,
            lambda t: words(_body(t)) <= EMAIL_WORDS[1],
        )
    elif kind == REPLY:
        text, fill = _reply(v, iv.outcome or "", team=person is None), v
    elif kind == "card":
        text, fill, used = shortest(
            partial(_card, form=form, variant=variant),
            v,
            options,
            lambda t: words(t) <= CARD_WORDS,
        )
    elif kind == "linkedin":
        text, fill, used = linkedin_note(v, options, form, linkedin_limit, result, variant)
    else:
        text, fill = _phone(v), v
    result.reframed = used is not None and form != TOPIC
    if kind == "linkedin":
        result.limit = linkedin_limit
    result.text = text if text.endswith("\n") else text + "\n"
    result.missing = set(fill.shown_missing) - {"decision", "topics"}
    if "topics" in fill.shown_missing:
        result.missing.add("notes")
    personal = kind in ("email", "linkedin", "card")
    if personal and not options and template is None:
        result.missing.add("notes")
    return result


def _topic_wordings(topics: list[str]) -> tuple[str, list[str]]:
    """How the topics read (the first one's form) and their wordings, richest first:
    the first topic ends the draft's sentence, each other one is a sentence of its
    own (see `wording.topic_sentences`)."""
    if not topics:
        return TOPIC, []
    return notes_form(inline(topics[0])), topic_sentences(topics)


def _variant(iv: Interview, person: Interviewer | None) -> int:
    """Which wording a person on a panel gets: their place on it."""
    if person is None:
        return 0
    for index, other in enumerate(iv.interviewers):
        if other.label == person.label:
            return index
    return 0


def check_reply(iv: Interview) -> None:
    """A reply draft answers a decision: an offer or a rejection, recorded with `close`."""
    if iv.outcome in REPLY_OUTCOMES:
        return
    state = f"closed as {iv.outcome}" if iv.outcome else ("closed" if iv.closed else "open")
    raise FollowupError(
        f"#{iv.id} is {state}: a reply draft answers an offer or a rejection",
        advice=("reply-close", iv.id),
    )


def _body(email_text: str) -> str:
    """An email draft without its `Subject:` line (and the blank line after it)."""
    return email_text.split("\n\n", 1)[1]
