"""The follow-up steps: the one place that defines them.

Everything else (parsing, the checklist engine, rendering, help text, JSON)
derives names, labels, aliases and default delays from `KINDS`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import NamedTuple

from followup.core.business_days import Delay
from followup.errors import FollowupError


class Kind(NamedTuple):
    """One kind of follow-up step. (A NamedTuple: every command pays for its class at
    start-up, and a frozen dataclass costs several times more to create.)"""

    name: str
    label: str
    aliases: tuple[str, ...]
    per_interviewer: bool
    #: After the interview (a check-in: after the decision date; see CHECKIN_*).
    default_delay: Delay
    summary: str
    action: str
    #: Which step `status` suggests first among those due: lower is more valuable.
    value: int
    #: Due only on a business day: it reaches people at work (a due time that falls on
    #: a weekend or holiday moves to the next business day, same clock time).
    working_day: bool = False
    #: Added when the interview is closed, not derived from it: its due time counts
    #: from the closing (`reply`) or is the offer's deadline (`decide`), and `status`
    #: still lists it on a closed interview while it is pending.
    after_close: bool = False


KINDS: tuple[Kind, ...] = (
    Kind(
        name="email",
        label="Thank-you email",
        aliases=("thank-you",),
        per_interviewer=True,
        default_delay=Delay(0, timedelta(hours=24)),
        summary="thank-you email, as soon as you can (within 24 hours)",
        action="send the thank-you email",
        value=0,
    ),
    Kind(
        name="linkedin",
        label="LinkedIn",
        aliases=(),
        per_interviewer=True,
        default_delay=Delay(0, timedelta(hours=48)),
        summary="LinkedIn connection request with a personal note",
        action="send a LinkedIn request with a personal note",
        value=3,
    ),
    Kind(
        name="card",
        label="Handwritten card",
        aliases=("note", "handwritten"),
        per_interviewer=True,
        default_delay=Delay(0, timedelta(hours=48)),
        summary="handwritten thank-you card, posted quickly",
        action="write and post the thank-you card",
        value=2,
    ),
    Kind(
        name="phone",
        label="Phone ready",
        aliases=("voicemail",),
        per_interviewer=False,
        default_delay=Delay(0, timedelta(hours=4)),
        summary="answer unknown numbers; professional voicemail greeting",
        action="set a professional voicemail greeting and answer unknown numbers",
        value=4,
    ),
    Kind(
        name="checkin",
        label="Check-in",
        aliases=("check-in",),
        per_interviewer=False,
        default_delay=Delay(2),
        summary="a short email asking where things stand, after the decision date",
        action="send a short check-in email asking where things stand",
        value=1,
        working_day=True,
    ),
    Kind(
        name="reply",
        label="Reply",
        aliases=(),
        per_interviewer=False,
        default_delay=Delay(1),
        summary="answer their decision: thank them, and for an offer ask for it in writing",
        action="reply to their decision",
        value=0,
        after_close=True,
    ),
    Kind(
        name="decide",
        label="Decide",
        aliases=(),
        per_interviewer=False,
        default_delay=Delay(),
        summary="answer the offer by its deadline",
        action="decide on the offer and tell them",
        value=0,
        after_close=True,
    ),
)

#: A check-in with no decision date: this long after the interview.
CHECKIN_NO_DATE = Delay(5)
#: The next check-in: this long after the last one was sent.
CHECKIN_AGAIN = Delay(5)
#: How many check-ins an interview gets at most, and the most a user may ask for.
CHECKIN_MAX = 2
CHECKIN_MAX_RANGE = (0, 5)

BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
KIND_NAMES: tuple[str, ...] = tuple(k.name for k in KINDS)
#: The kinds that closing an interview adds (`reply`, `decide`): they outlive the checklist.
AFTER_CLOSE: tuple[str, ...] = tuple(k.name for k in KINDS if k.after_close)
#: The kinds of an interview's own checklist, derived from it while it is open.
CHECKLIST_NAMES: tuple[str, ...] = tuple(k.name for k in KINDS if not k.after_close)
_LOOKUP: dict[str, str] = {word: k.name for k in KINDS for word in (k.name, *k.aliases)}
#: Every word accepted as a STEP, canonical names first (for completion and help).
STEP_WORDS: tuple[str, ...] = (*KIND_NAMES, *(a for k in KINDS for a in k.aliases))


#: What a draft of each kind is called in a sentence ("the LinkedIn note to Jane Doe").
DRAFT_NOUNS: dict[str, str] = {
    "email": "thank-you email",
    "linkedin": "LinkedIn note",
    "card": "thank-you card",
    "phone": "voicemail greeting",
    "reply": "reply",
}


def draft_noun(name: str) -> str:
    """'LinkedIn note': what a draft of kind `name` is called in a sentence."""
    return DRAFT_NOUNS.get(name) or BY_NAME[name].label.lower()


def parse_kind(word: str) -> str:
    """Return the canonical step name for `word` (a name or alias, any case)."""
    name = _LOOKUP.get(word.strip().lower())
    if name is None:
        from followup.core.guess import did_you_mean

        accepted = ", ".join(STEP_WORDS)
        guess = did_you_mean(word, STEP_WORDS, same=_LOOKUP.get)
        raise FollowupError(f"unknown step {word!r}{guess}: use one of {accepted}")
    return name


def order(name: str) -> int:
    """Position of a kind in `KINDS`, for stable sorting."""
    return KIND_NAMES.index(name)
