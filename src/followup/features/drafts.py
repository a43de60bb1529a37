"""Ready-to-send drafts of the four follow-ups, filled from an interview and a profile.

The advice they carry is the usual advice after an interview: thank the interviewer
for their time, talk about what was discussed, restate interest in the role and the
company, give contact details; connect on LinkedIn with a personal note, never the
generic request; a handwritten card, posted quickly; answer the phone, with a
professional voicemail greeting. Pure text in, text out: nothing here prints, reads
the disk, the clock or the environment. A user's own wording (a template) is read
and checked by `templates`; what the command line advises about a draft (which
setting to fill in, when to post the card) is the command line's.

User text is data. Built-in drafts are built with plain string joins and a template
is filled in one pass, so a note that contains `{my_name}` or `[bold]` stays as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from followup.core.kinds import KIND_NAMES
from followup.core.models import Interview, Interviewer
from followup.core.text import clean
from followup.errors import FollowupError
from followup.features.config import DEFAULT_LINKEDIN_LIMIT, Profile
from followup.features.templates import Fill, Template

#: The generic LinkedIn request, which a personal note replaces.
GENERIC_REQUEST = "I'd like to add you to my professional network"

EMAIL_WORDS = (40, 110)
#: Drafts that are no step of the checklist: the answer to a decision.
REPLY = "reply"
CHECKIN = "checkin"
REPLY_OUTCOMES = ("offer", "rejected")
DRAFT_KINDS: tuple[str, ...] = (*KIND_NAMES, REPLY)
CARD_WORDS = 70

_TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame"})
#: What may follow a comma in a name without making it "Surname, Given".
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "cpa"})
_SPACE = re.compile(r"\s+")
_NOTE_BREAK = re.compile(r"[;,.!?:]\s|\s[-–—]\s|\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
#: An ordinary capitalised word ("Their", "Walked"), as opposed to "SQL" or "iOS".
_CAPITALISED = re.compile(r"[A-Z][a-z]+(?=[\s,;:.!?'’]|$)")
_INNER_END = re.compile(r"(?<=\w)[.!?]\s+(\w+)")
#: First words that are lowered in the middle of a sentence; any other capitalised word
#: may be a name ("Python testing strategy", "Kubernetes") and keeps its capital.
_LOWERABLE = frozenset({
    "the", "a", "an", "their", "our", "my", "your", "his", "her", "its", "this", "that",
    "these", "those", "how", "what", "why", "when", "where", "which", "who", "some", "any",
    "all", "each", "every", "both", "more", "most", "new", "next", "we", "they", "you",
    "it", "and", "or", "about", "on", "in", "for", "with", "building", "moving",
})  # fmt: skip
#: Past-tense verbs that start notes written as what happened ("Walked through ...").
_EVENT_VERBS = frozenset({
    "walked", "talked", "discussed", "covered", "went", "spoke", "chatted", "reviewed",
    "looked", "dug", "explored", "compared", "debated", "touched", "worked", "whiteboarded",
    "sketched", "brainstormed", "toured", "examined",
})  # fmt: skip


# ----- values ------------------------------------------------------------------------


def inline(text: str) -> str:
    """User text for the middle of a sentence: one line, safe, no final full stop."""
    return clean(_SPACE.sub(" ", text).strip()).rstrip(" .;,:")


def note_options(notes: str) -> list[str]:
    """The notes, then shorter versions cut where a clause ends: least important last."""
    text = _SPACE.sub(" ", notes.replace("\n", "; ")).strip()
    cuts = [m.start() for m in _NOTE_BREAK.finditer(text)]
    options: list[str] = []
    for prefix in [text, *(text[:at] for at in reversed(cuts))]:
        short = inline(prefix)
        if short and short not in options:
            options.append(short)
    return options


#: How notes fit a draft's sentence (see `notes_form`).
TOPIC, EVENT, PHRASE, SENTENCE = "topic", "event", "phrase", "sentence"


def notes_form(notes: str) -> str:
    """How the notes read, from their first word, so that a draft can word them naturally.

    `topic` completes "our conversation about ..." ("the churn dashboard"); `event`
    says what happened ("Walked through the churn dashboard", "We talked about SQL");
    `phrase` is a noun phrase of its own ("Our chat about SQL"); `sentence` is about
    the user ("I asked about on-call") and can only stand as a sentence.
    """
    first = notes.split(maxsplit=1)[0].strip(",;:.!?").casefold() if notes.split() else ""
    if first in _EVENT_VERBS or first == "we":
        return EVENT
    if first in ("our", "my"):
        return PHRASE
    if first in ("i", "i'm", "i've", "i'd"):
        return SENTENCE
    return TOPIC


def natural(text: str, form: str) -> str:
    """`text` for the middle of a sentence: an ordinary leading capital lowered.

    Sentences inside it are joined with semicolons.

    Only a capital followed by lower-case letters is lowered ("Their" -> "their"),
    so "SQL", "iOS" and "McKinsey" stay as typed; a `sentence` keeps its capital.
    """
    if form == SENTENCE:
        return text
    # Inside one sentence: "X. The Y" reads "x; the y", and a final "?" or "!" goes.
    text = _INNER_END.sub(lambda m: "; " + _lower_first(m[1]), text).rstrip(" ?!")
    return _lower_first(text)


def _lower_first(text: str) -> str:
    """Lower an ordinary first word ("Their", "Walked"), never a name ("Python", "Jane")."""
    if not _CAPITALISED.match(text):
        return text
    word = text.split(maxsplit=1)[0].strip(",;:.!?'’").casefold()
    if word not in _LOWERABLE and word not in _EVENT_VERBS:
        return text
    return text[0].lower() + text[1:]


def _sentence(text: str) -> str:
    return text.rstrip(" ?!") + "."


def _enjoyed(notes: str, form: str, conversation: str) -> str:
    """The words after "I (especially) enjoyed" that bring in the notes."""
    if form == EVENT:
        if not notes.casefold().startswith("we "):
            notes = "we " + notes
        return f"the part where {notes}"
    if form == PHRASE:
        return notes
    return f"{conversation} {notes}"


def first_name(person: Interviewer | None) -> str | None:
    """What a greeting calls someone: 'Jane' for Jane Doe, 'Dr. Doe' for Dr. Jane Doe.

    A name with a comma is "Surname, Given": 'Piet' for "van der Berg, Piet", and
    'Dr. van der Berg' for "van der Berg, Dr. Piet".
    """
    if person is None or not person.name.strip():
        return None
    name, surname = person.name, None
    if "," in name:
        before, after = (part.strip() for part in name.split(",", 1))
        if after.replace(".", "").casefold() in _SUFFIXES or not before:
            name = before or after  # "Jane Doe, PhD" is not "Surname, Given"
        elif after:
            surname, name = before, after
        else:
            name = before
    words = name.split()
    if not words:
        return None
    if words[0].rstrip(".").casefold() in _TITLES and (surname or len(words) > 1):
        return f"{words[0]} {surname or words[-1]}"
    return words[0]


def topics_for(iv: Interview, person: Interviewer | None) -> list[str]:
    """The topics a draft to `person` may mention: theirs first, then everyone's.

    Never the notes: they are private.
    """
    label = person.label if person is not None else None
    mine = [t.text for t in iv.topics if t.who is not None and t.who == label]
    shared = [t.text for t in iv.topics if t.who is None]
    return list(dict.fromkeys(mine + shared))


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def topic_options(topics: list[str]) -> list[str]:
    """The topics joined, then with fewer and fewer of them (the first is kept longest):
    the wordings a draft tries until one fits."""
    options = [join_words([inline(t) for t in topics[:n]]) for n in range(len(topics), 0, -1)]
    if len(topics) == 1:
        options += note_options(topics[0])[1:]  # one long topic: cut at its clauses
    return [o for o in dict.fromkeys(options) if o]


def _day(moment: datetime | None) -> str | None:
    """'Friday 27 November': a date as a letter says it, in local time."""
    if moment is None:
        return None
    local = moment.astimezone()
    return f"{local:%A} {local.day} {local:%B}"


def _values(
    iv: Interview, person: Interviewer | None, profile: Profile, kind: str
) -> dict[str, str | None]:
    topics = join_words([inline(t) for t in topics_for(iv, person)])
    if kind == "phone":
        named = [p for p in iv.interviewers if p.name.strip()]
        interviewer = " and ".join(p.name for p in named) or None
        first = " and ".join(filter(None, map(first_name, named))) or None
    else:
        interviewer = (person.name.strip() or None) if person else None
        first = first_name(person)
    raw = {
        "company": iv.company,
        "role": iv.role,
        "interviewer": interviewer,
        "first_name": first,
        "notes": topics,  # old templates' {notes} meant what was discussed
        "my_name": profile.name,
        "my_email": profile.email,
        "my_phone": profile.phone,
        "topics": topics,
        "decision": _day(iv.decision),
    }
    return {k: (inline(v) or None) if v else None for k, v in raw.items()}


# ----- the drafts --------------------------------------------------------------------


@dataclass
class Draft:
    """A draft's text, and what the user should know about it."""

    kind: str
    text: str
    #: Placeholders shown for missing values (`my_name`, `role`, ...), and `notes`
    #: when there were none to make the draft personal.
    missing: set[str] = field(default_factory=set)
    limit: int | None = None
    #: What was left out to fit `limit`, most important last.
    left_out: list[str] = field(default_factory=list)
    #: True when even the shortest wording did not fit and the text was cut mid-sentence.
    cut: bool = False
    #: True when the notes do not complete "our conversation about ..." and the
    #: draft worded them another way.
    reframed: bool = False


def words(text: str) -> int:
    return len(text.split())


def _role_at(v: Fill) -> str:
    if v.has("role"):
        return f"the {v['role']} role at {v['company']}"
    return f"the position at {v['company']}"


#: Openings, thanks for a topic and closings of the thank-you email. Each person on
#: a panel gets the next wording, so that colleagues comparing notes see different
#: emails, not one with the name changed.
_OPENINGS = (
    "Thank you for taking the time to talk with me about {role_at}.",
    "Thank you for meeting with me to discuss {role_at}.",
    "Many thanks for your time and for the conversation about {role_at}.",
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


def _email(v: Fill, notes: str | None, form: str = TOPIC, variant: int = 0) -> str:
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
    opening = pick(_OPENINGS).format(role_at=_role_at(v))
    if notes and form == SENTENCE:
        discussed = f"I enjoyed our discussion. {_sentence(notes)}"
    elif notes:
        what = _enjoyed(notes, form, "our conversation about")
        after = pick(_AFTER).format(company=company)
        discussed = _sentence(pick(_ENJOYED).format(what=what)) + " " + after
    else:
        discussed = pick(_NO_TOPIC).format(company=company)
    paragraphs = [
        f"Dear {v['first_name']},",
        f"{opening} {discussed}",
        pick(_CLOSINGS),
        f"Best regards,\n{v['my_name']}\n{v['my_email']}\n{v['my_phone']}",
    ]
    return f"Subject: {subject}\n\n" + "\n\n".join(paragraphs) + "\n"


def _checkin(v: Fill, notes: str | None, form: str = TOPIC, round_: int = 1) -> str:
    """A short, polite email asking where things stand."""
    company = v["company"]
    about = f"the {v['role']} role" if v.has("role") else f"the position at {company}"
    subject = f"Following up on {about}"
    if v.has("decision"):
        when = (
            f"You mentioned that you hoped to decide by {v['decision']}, so I wanted to "
            "ask whether there is any news"
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
    if notes and form == TOPIC:
        lines.append(
            f"I enjoyed our conversation about {notes}, and I am still very interested in "
            f"joining {company}."
        )
    else:
        lines.append(f"I am still very interested in joining {company}.")
    lines.append(f"Thank you for your time,\n{v['my_name']}\n{v['my_email']}\n{v['my_phone']}")
    return f"Subject: {subject}\n\n" + "\n\n".join(lines) + "\n"


def _reply(v: Fill, outcome: str) -> str:
    """The answer to the decision: an offer received, or a rejection."""
    company = v["company"]
    role_at = _role_at(v)
    sign = f"{v['my_name']}\n{v['my_email']}\n{v['my_phone']}"
    if outcome == "offer":
        subject = f"Thank you for the offer: {v['role'] if v.has('role') else company}"
        body = [
            f"Dear {v['first_name']},",
            f"Thank you very much for the offer for {role_at}. I am delighted to have "
            "received it, and grateful for the time you and the team gave me.",
            "Could you send me the written offer, with the details of the package, and let "
            "me know by when you would like my answer? I will come back to you as soon as "
            "I have read it, and I am happy to talk if anything needs discussing.",
            f"With many thanks,\n{sign}",
        ]
    else:
        subject = f"Thank you: {v['role'] if v.has('role') else 'the interview'} at {company}"
        body = [
            f"Dear {v['first_name']},",
            f"Thank you for letting me know your decision about {role_at}. I am sorry not "
            f"to be going further, but I enjoyed meeting you and learning about the team at "
            f"{company}, and I am grateful for your time.",
            "If another role opens that fits my experience, please keep me in mind: I would "
            "be glad to hear from you. I hope we stay in touch.",
            f"Best wishes,\n{sign}",
        ]
    return f"Subject: {subject}\n\n" + "\n\n".join(body) + "\n"


def _card(v: Fill, notes: str | None, form: str = TOPIC) -> str:
    if notes and form == SENTENCE:
        discussed = f"I especially enjoyed our conversation. {_sentence(notes)}"
    elif notes:
        discussed = _sentence(f"I especially enjoyed {_enjoyed(notes, form, 'talking about')}")
    else:
        discussed = "I enjoyed our conversation and learning how your team works."
    body = (
        f"Thank you for meeting with me about {_role_at(v)}. {discussed} I am excited about "
        "the chance to join your team, and I am grateful for the time you gave me."
    )
    return f"Dear {v['first_name']},\n\n{body}\n\nWith warm thanks,\n{v['my_name']}\n"


def _linkedin_notes(notes: str, form: str) -> str:
    if form == SENTENCE:
        return f"I enjoyed our conversation. {_sentence(notes)}"
    return _sentence(f"I enjoyed {_enjoyed(notes, form, 'our conversation about')}")


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


def _shortest(
    build: Callable[[Fill, str | None], str], v: Fill, options: list[str], fits
) -> tuple[str, Fill, str | None]:
    """The richest text `build` makes that `fits`, using fewer notes as needed.

    Returns the text, its values, and the notes it used (None: none).
    """
    for notes in options:
        attempt = v.fork()
        text = build(attempt, notes)
        if fits(text):
            return text, attempt, notes
    attempt = v.fork()
    return build(attempt, None), attempt, None


def _cut_words(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, marked with '…'."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > 0:
        head = head[:space]
    return head.rstrip(" ,;:") + "…"


def _fit_sentences(text: str, limit: int) -> tuple[str, int, bool]:
    """`text` without as many final sentences as it takes to fit `limit`.

    Returns the text, how many sentences were left out, and whether it still had to
    be cut mid-sentence (the first sentence alone was too long).
    """
    body = text.rstrip()
    if len(body) <= limit:
        return body, 0, False
    ends = [m.start() for m in _SENTENCE_END.finditer(body)]
    for dropped, end in enumerate(reversed(ends), start=1):
        if end <= limit:
            return body[:end], dropped, False
    return _cut_words(body, limit), len(ends), True


def _linkedin(
    v: Fill, options: list[str], form: str, limit: int, result: Draft
) -> tuple[str, Fill, str | None]:
    """The richest personal note that fits `limit`, and the notes it used.

    Least important first: the sign-off (LinkedIn shows who sent it), the closing
    line, the end of the notes, the notes, the role. Greeting and thanks always stay;
    when even they do not fit, they are cut at a word. What was left out, and
    whether the text was cut, go on `result`.
    """
    has_role = v.has("role")
    for keep_role in (True, False):
        for n_index, notes in enumerate([*options, None]):
            for closer, sign in ((True, True), (True, False), (False, False)):
                f = v.fork()
                if keep_role:
                    thanks = f"thank you for talking with me about {_role_at(f)}."
                else:
                    thanks = f"thank you for the interview at {f['company']}."
                parts = [f"Hi {f['first_name']},", thanks]
                if notes:
                    parts.append(_linkedin_notes(notes, form))
                if closer:
                    parts.append("I'd be glad to stay in touch.")
                if sign:
                    parts.append(f"Best, {f['my_name']}")
                text = " ".join(parts)
                if len(text) > limit:
                    continue
                left = [] if sign else ["the sign-off"]
                if not closer:
                    left.append("the closing line")
                if options and n_index == len(options):
                    left.append("your notes")
                elif n_index:
                    left.append("the end of your notes")
                if not keep_role and has_role:
                    left.append("the role")
                result.left_out = left
                return text, f, notes
    f = v.fork()
    text = f"Hi {f['first_name']}, thank you for the interview at {f['company']}."
    short = _cut_words(text, limit)
    result.left_out = ["the sign-off", "the closing line"]
    if options:
        result.left_out.append("your notes")
    if has_role:
        result.left_out.append("the role")
    result.cut = short != text
    return short, f, None


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
    v = Fill(_values(iv, person, profile, kind))
    topics = topics_for(iv, person)
    form = notes_form(inline(topics[0])) if topics else TOPIC
    options = list(dict.fromkeys(filter(None, (natural(o, form) for o in topic_options(topics)))))
    variant = _variant(iv, person)
    result = Draft(kind, "")
    used = None
    if template is not None:
        text = template.fill(v)
        if kind == "linkedin":
            text, dropped, result.cut = _fit_sentences(text, linkedin_limit)
            if dropped:
                result.left_out.append(
                    "the last sentence of your template"
                    if dropped == 1
                    else f"the last {dropped} sentences of your template"
                )
        fill = v
    elif kind == "email":
        text, fill, used = _shortest(
            partial(_email, form=form, variant=variant),
            v,
            options,
            lambda t: words(_body(t)) <= EMAIL_WORDS[1],
        )
    elif kind == CHECKIN:
        round_ = sum(s.status == "done" for s in iv.steps if s.step == CHECKIN) + 1
        text, fill, used = _shortest(
            partial(_checkin, form=form, round_=round_),
            v,
            options,
            lambda t: words(_body(t)) <= EMAIL_WORDS[1],
        )
    elif kind == REPLY:
        text, fill = _reply(v, iv.outcome or ""), v
    elif kind == "card":
        text, fill, used = _shortest(
            partial(_card, form=form), v, options, lambda t: words(t) <= CARD_WORDS
        )
    elif kind == "linkedin":
        text, fill, used = _linkedin(v, options, form, linkedin_limit, result)
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
    if personal and not options and (template is None or "notes" in result.missing):
        result.missing.add("notes")
    return result


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
    """An email draft without its `Subject:` line."""
    return email_text.split("\n\n", 1)[1] if "\n\n" in email_text else email_text
