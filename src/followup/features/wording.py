"""How an interview's words read in a draft: names, topics, notes and dates.

Pure wording shared by every kind of draft: a first name from "Dr. Jane Doe" or
"Doe, Jane", topics joined as a sentence says them, notes turned into a phrase that
keeps proper nouns' capitals. Nothing here reads the disk, the clock or the environment.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from followup.core.models import Interview, Interviewer
from followup.core.text import clean
from followup.features.config import Profile

if TYPE_CHECKING:
    from followup.features.templates import Fill

#: Whom a letter greets when the interview names no one.
NOBODY = "Hiring Team"
#: The drafts that, without `--who`, go to the company's team rather than one person.
TEAM_KINDS = frozenset({"checkin", "reply"})
_TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame"})
#: What may follow a comma in a name without making it "Surname, Given".
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "cpa"})
_SPACE = re.compile(r"\s+")
_NOTE_BREAK = re.compile(r"[;,.!?:]\s|\s[-–—]\s|\n")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
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
    words = notes.split(maxsplit=1)
    first = words[0].strip(",;:.!?").casefold() if words else ""
    # "we" alone says nothing happened: it is a topic like any word
    if first in _EVENT_VERBS or (first == "we" and len(words) > 1):
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
    return text if form == SENTENCE else inside(text)


def inside(text: str) -> str:
    """`natural` for notes that are not a sentence of the user's: inside one sentence,
    "X. The Y" reads "x; the y", and a final "?" or "!" goes."""
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


def sentence(text: str) -> str:
    return text.rstrip(" ?!") + "."


def enjoyed(notes: str, form: str, conversation: str) -> str:
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
    mine = [_yours(t.text) for t in iv.topics if t.who is not None and t.who == label]
    shared = [t.text for t in iv.topics if t.who is None]
    return list(dict.fromkeys(mine + shared))


_THEIR = re.compile(r"\b([Tt])heir\b")


def _yours(text: str) -> str:
    """A topic noted as someone's ("their move to dbt") as a letter to them says it."""
    return _THEIR.sub(lambda m: "Your" if m[1] == "T" else "your", text)


def team(company: str) -> str:
    """'Acme Corp team': whom a check-in or a reply to no one person greets."""
    return f"{inline(company)} team"


def also(topic: str, place: int = 0) -> str:
    """A topic after the first, as a sentence of its own (without its full stop): "We
    also talked about the Snowflake stack" (at an odd `place` among the others: "I
    also enjoyed hearing about ..."), "We also toured the office", "I also enjoyed our
    chat about SQL", "I asked about on-call"."""
    text = inline(topic)
    form = notes_form(text)
    if form == SENTENCE:
        return text.rstrip(" ?!")
    if form == PHRASE:
        return f"I also enjoyed {inside(text)}"
    if form == EVENT:
        first, _, rest = text.partition(" ")
        return "We also " + inside(rest if first.casefold() == "we" else text)
    if place % 2:
        return f"I also enjoyed hearing about {inside(text)}"
    return f"We also talked about {inside(text)}"


def topic_sentences(topics: list[str]) -> list[str]:
    """The topics as a draft says them, then with fewer and fewer of them (the first
    is kept longest): the first as a phrase that ends a sentence ("our conversation
    about ..." follows from how it reads), each other one a sentence of its own, so
    that two topics are never glued into one ("your move to dbt. We also talked
    about the Snowflake stack", not "your move to dbt and Snowflake stack"). One long
    topic is also offered cut at its clauses."""
    if not topics:
        return []
    lead = inline(topics[0])
    form = notes_form(lead)
    first = natural(lead, form)
    more = [also(t, n) for n, t in enumerate(topics[1:])]
    options = [first + "".join(f". {m}" for m in more[:n]) for n in range(len(more), 0, -1)]
    options.append(first)
    if len(topics) == 1:
        options += [natural(o, form) for o in note_options(topics[0])[1:]]
    return [o for o in dict.fromkeys(options) if o]


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def join_topics(topics: list[str]) -> str:
    """The topics as one run of words: 'a, b and c', each after the first inside the
    sentence (`We toured the office` reads `we toured the office`)."""
    words = [inline(t) for t in topics]
    return join_words(words[:1] + [_lower_first(w) for w in words[1:]])


def topic_options(topics: list[str]) -> list[str]:
    """The topics joined, then with fewer and fewer of them (the first is kept longest):
    the wordings a draft tries until one fits."""
    options = [join_topics(topics[:n]) for n in range(len(topics), 0, -1)]
    if len(topics) == 1:
        options += note_options(topics[0])[1:]  # one long topic: cut at its clauses
    return [o for o in dict.fromkeys(options) if o]


def _day(moment: datetime | None) -> str | None:
    """'Friday 27 November': a date as a letter says it, in local time."""
    if moment is None:
        return None
    local = moment.astimezone()
    return f"{local:%A} {local.day} {local:%B}"


def values(
    iv: Interview, person: Interviewer | None, profile: Profile, kind: str
) -> dict[str, str | None]:
    topics = join_topics(topics_for(iv, person))
    if kind == "phone":
        named = [p for p in iv.interviewers if p.name.strip()]
        interviewer = " and ".join(p.name for p in named) or None
        first = " and ".join(filter(None, map(first_name, named))) or None
    else:
        interviewer = (person.name.strip() or None) if person else None
        first = first_name(person)
        if person is None and kind in TEAM_KINDS:
            first = team(iv.company)  # a check-in or a reply to everyone: "Dear Acme team"
        elif person is None and kind != "linkedin":
            first = NOBODY  # a phone screen with no one named: "Dear Hiring Team"
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


def role_at(v: Fill) -> str:
    """The role as a thank-you names it: "the Data Analyst role at Acme", or "the
    position at Acme" when no role was given."""
    if v.has("role"):
        return f"the {v['role']} role at {v['company']}"
    return f"the position at {v['company']}"
