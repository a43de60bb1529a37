"""Fitting a draft into its limit: the richest wording that fits, a template's last
sentences left out, a text cut at a word, and the LinkedIn note, the one draft built
to a character limit (what it leaves out is said on the `Draft`, defined here for
`drafts.py`, which makes them, and this module, which fits them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from followup.core.text import cut_words
from followup.features.templates import Fill
from followup.features.wording import SENTENCE, SENTENCE_END, enjoyed, role_at, sentence


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


def shortest(
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


def fit_sentences(text: str, limit: int) -> tuple[str, int, bool]:
    """`text` without as many final sentences as it takes to fit `limit`.

    Returns the text, how many sentences were left out, and whether it still had to
    be cut mid-sentence (the first sentence alone was too long).
    """
    body = text.rstrip()
    if len(body) <= limit:
        return body, 0, False
    ends = [m.start() for m in SENTENCE_END.finditer(body)]
    for dropped, end in enumerate(reversed(ends), start=1):
        if end <= limit:
            return body[:end], dropped, False
    return cut_words(body, limit), len(ends), True


#: The note's wordings. The person at place N on a panel gets thanks N % 3 and
#: closing line N // 3 % 3 (and the enjoyed line of N % 3), so that the notes to
#: one panel differ by more than the name even when they share every topic; each
#: says only what the interview holds (never a detail the user did not give).
_THANKS_ROLE = (
    "thank you for talking with me about {role_at}.",
    "thanks for meeting with me about {role_at}.",
    "many thanks for your time on {role_at}.",
)
_THANKS = (
    "thank you for the interview at {company}.",
    "thanks for meeting with me at {company}.",
    "many thanks for your time at {company}.",
)
_ENJOYED = ("I enjoyed", "I especially enjoyed", "I really enjoyed")
_CLOSERS = (
    "I'd be glad to stay in touch.",
    "I'd like to keep in touch.",
    "It would be great to stay connected.",
)


def linkedin_note(
    v: Fill, options: list[str], form: str, limit: int, result: Draft, variant: int
) -> tuple[str, Fill, str | None]:
    """The richest personal note that fits `limit`, and the notes it used; worded
    after the person's place on the panel, `variant`.

    Least important first: the sign-off (LinkedIn shows who sent it), the closing
    line, the end of the notes, the notes, the role. Greeting and thanks always stay;
    when even they do not fit, they are cut at a word. What was left out, and
    whether the text was cut, go on `result`.
    """
    first, second = variant % 3, variant // 3 % 3
    has_role = v.has("role")
    for keep_role in (True, False):
        for n_index, notes in enumerate([*options, None]):
            for closer, sign in ((True, True), (True, False), (False, False)):
                f = v.fork()
                if keep_role:
                    thanks = _THANKS_ROLE[first].format(role_at=role_at(f))
                else:
                    thanks = _THANKS[first].format(company=f["company"])
                parts = [f"Hi {f['first_name']},", thanks]
                if notes:
                    parts.append(_linkedin_notes(notes, form, _ENJOYED[first]))
                if closer:
                    parts.append(_CLOSERS[second])
                if sign:
                    parts.append(f"Best, {f['my_name']}")
                text = " ".join(parts)
                if len(text) > limit:
                    continue
                left = [] if sign else ["the sign-off"]
                if not closer:
                    left.append("the closing line")
                if options and n_index == len(options):
                    left.append("your topics")
                elif n_index:
                    left.append("some of your topics")
                if not keep_role and has_role:
                    left.append("the role")
                result.left_out = left
                return text, f, notes
    f = v.fork()
    text = f"Hi {f['first_name']}, " + _THANKS[first].format(company=f["company"])
    short = cut_words(text, limit)
    result.left_out = ["the sign-off", "the closing line"]
    if options:
        result.left_out.append("your topics")
    if has_role:
        result.left_out.append("the role")
    result.cut = short != text
    return short, f, None


def _linkedin_notes(notes: str, form: str, enjoyed_: str) -> str:
    if form == SENTENCE:
        return f"{enjoyed_} our conversation. {sentence(notes)}"
    return sentence(f"{enjoyed_} {enjoyed(notes, form, 'our conversation about')}")
