"""Checks on text: what users may type, and how it is shown safely.

One definition shared by the models (typed text), the settings, the store's and the
importer's error messages, and every display path.
"""

from __future__ import annotations

import re
from typing import Any

from followup.errors import FollowupError

#: Terminal control characters (C0, DEL, C1, which includes U+0085 NEXT LINE), the line
#: and paragraph separators (U+2028, U+2029), and the invisible direction marks, embeddings,
#: overrides and isolates (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) that can
#: make text display as something it is not: refused where typed or imported, escaped
#: where shown.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: An email address, loosely: something@domain.tld, no spaces or angle brackets.
EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")
#: Longest text a field may hold, in characters.
LIMITS = {
    "company": 200,
    "role": 200,
    "name": 200,
    "email": 254,
    "notes": 5000,
    "reason": 500,
    "topic": 300,
}


def check_text(field: str, text: str, *, multiline: bool = False) -> str:
    """`text` if a `field` may hold it, else a FollowupError that says why.

    Refused: terminal control characters (which could rewrite the screen when
    shown) and text longer than `LIMITS[field]`; line breaks only in notes.
    """
    allowed = "\n\t" if multiline else ""
    bad = next((m for m in CONTROL.finditer(text) if m.group() not in allowed), None)
    if bad:
        char = bad.group().encode("unicode_escape").decode("ascii")
        raise FollowupError(
            f"{field} {text[:40]!r} has a control character ({char}): type it again without it"
        )
    limit = LIMITS[field]
    if len(text) > limit:
        raise FollowupError(
            f"{field} too long: {len(text)} characters, and the most is {limit}: shorten it"
        )
    return text


def clean(text: str) -> str:
    """User text made safe for a terminal: control characters shown as escapes (`\\x1b`)."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def short(value: Any, width: int = 40, *, as_json: bool = False) -> str:
    """A value as an error message quotes it: its repr (or JSON), cut to `width` characters."""
    if as_json and not isinstance(value, str):
        import json  # error paths only

        text = json.dumps(value, ensure_ascii=False)
    else:
        text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


#: Apostrophes as phones and word processors type them, read as the plain one.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def fold(text: str) -> str:
    """`text` as lookups compare it: no accents, no case ("Société" -> "societe").

    Decomposes (NFKD), drops the combining marks, casefolds, and reads typographic
    apostrophes as `'`.
    """
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.strip().translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def cut_words(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, marked with '…'."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    space = text.rfind(" ", 0, limit)  # a space just before the mark ends a word that fits
    head = text[:space] if space > 0 else text[: limit - 1]
    return head.rstrip(" ,;:") + "…"


def quoted(text: str, limit: int = 60) -> str:
    """What the user typed, as an error quotes it: in quotes, at most `limit` characters
    of it (a longer text is cut, marked with '…'), so a pasted page is not echoed back."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)
