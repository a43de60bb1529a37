"""The four follow-up steps: the one place that defines them.

Everything else (parsing, the checklist engine, rendering, help text, JSON)
derives names, labels, aliases and default delays from `KINDS`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import NamedTuple

from followup.errors import FollowupError


class Kind(NamedTuple):
    """One kind of follow-up step. (A NamedTuple: every command pays for its class at
    start-up, and a frozen dataclass costs several times more to create.)"""

    name: str
    label: str
    aliases: tuple[str, ...]
    per_interviewer: bool
    default_delay: timedelta
    summary: str
    action: str


KINDS: tuple[Kind, ...] = (
    Kind(
        name="email",
        label="Thank-you email",
        aliases=("thank-you",),
        per_interviewer=True,
        default_delay=timedelta(hours=24),
        summary="thank-you email, as soon as you can (within 24 hours)",
        action="send the thank-you email",
    ),
    Kind(
        name="linkedin",
        label="LinkedIn",
        aliases=(),
        per_interviewer=True,
        default_delay=timedelta(hours=48),
        summary="LinkedIn connection request with a personal note",
        action="send a LinkedIn request with a personal note",
    ),
    Kind(
        name="card",
        label="Handwritten card",
        aliases=("note", "handwritten"),
        per_interviewer=True,
        default_delay=timedelta(hours=48),
        summary="handwritten thank-you card, posted quickly",
        action="write and post the thank-you card",
    ),
    Kind(
        name="phone",
        label="Phone ready",
        aliases=("voicemail",),
        per_interviewer=False,
        default_delay=timedelta(0),
        summary="answer unknown numbers; professional voicemail greeting",
        action="set a professional voicemail greeting and answer unknown numbers",
    ),
)

BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
KIND_NAMES: tuple[str, ...] = tuple(k.name for k in KINDS)
_LOOKUP: dict[str, str] = {word: k.name for k in KINDS for word in (k.name, *k.aliases)}
#: Every word accepted as a STEP, canonical names first (for completion and help).
STEP_WORDS: tuple[str, ...] = (*KIND_NAMES, *(a for k in KINDS for a in k.aliases))


#: What a draft of each kind is called in a sentence ("the LinkedIn note to Jane Doe").
DRAFT_NOUNS: dict[str, str] = {
    "email": "thank-you email",
    "linkedin": "LinkedIn note",
    "card": "thank-you card",
    "phone": "voicemail greeting",
}


def draft_noun(name: str) -> str:
    """'LinkedIn note': what a draft of kind `name` is called in a sentence."""
    return DRAFT_NOUNS.get(name) or BY_NAME[name].label.lower()


def parse_kind(word: str) -> str:
    """Return the canonical step name for `word` (a name or alias, any case)."""
    name = _LOOKUP.get(word.strip().lower())
    if name is None:
        accepted = ", ".join(STEP_WORDS)
        raise FollowupError(f"unknown step {word!r}: use one of {accepted}")
    return name


def order(name: str) -> int:
    """Position of a kind in `KINDS`, for stable sorting."""
    return KIND_NAMES.index(name)
