"""The template language of drafts: a user's wording with placeholders.

A file such as `templates/email.txt` in the settings folder replaces a built-in
draft. `{company}` and the other names in PLACEHOLDERS are filled in, `{{` and `}}`
are literal braces; anything else in braces is an error that names the file and
the place. A template is filled in one pass, so a value that contains `{my_name}`
stays as typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from followup.core.text import clean
from followup.errors import FollowupError
from followup.features.config import TEMPLATES_DIR

#: What a template can say, in the order the README lists them.
PLACEHOLDERS: tuple[str, ...] = (
    "company",
    "role",
    "interviewer",
    "first_name",
    "notes",
    "my_name",
    "my_email",
    "my_phone",
    "topics",
    "decision",
)
#: What a draft shows where a value is missing: visible, so it is never sent unnoticed.
MISSING: Mapping[str, str] = {
    "company": "[the company]",
    "role": "[the role]",
    "interviewer": "[their name]",
    "first_name": "[their name]",
    "notes": "[what you discussed]",
    "my_name": "[your name]",
    "my_email": "[your email]",
    "my_phone": "[your phone]",
    "topics": "[what you discussed]",
    "decision": "[the decision date]",
}
#: The settings that fill the `my_*` placeholders.
PROFILE_KEYS: Mapping[str, str] = {"my_name": "name", "my_email": "email", "my_phone": "phone"}
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")


class Fill:
    """Values for one draft; remembers which missing ones showed as placeholders."""

    def __init__(self, values: Mapping[str, str | None]) -> None:
        self.values = values
        self.shown_missing: set[str] = set()

    def __getitem__(self, key: str) -> str:
        value = self.values[key]
        if value is None:
            self.shown_missing.add(key)
            return MISSING[key]
        return value

    def has(self, key: str) -> bool:
        return self.values[key] is not None

    def fork(self) -> Fill:
        return Fill(self.values)


@dataclass(frozen=True)
class Template:
    """A user's wording for one draft, checked: literal text and placeholder names."""

    parts: tuple[str | tuple[str], ...]

    def fill(self, fill: Fill) -> str:
        """The text with every placeholder filled in, in one pass (values are not re-read)."""
        return "".join(p if isinstance(p, str) else fill[p[0]] for p in self.parts)


def parse_template(text: str, source: str) -> Template:
    """Read a template: `{company}` etc. are placeholders, `{{` and `}}` literal braces.

    A `{...}` that names no placeholder, a `{` never closed on its line and a lone `}`
    are errors naming the file and the line; so is a template with no text at all.
    """
    if not text.strip():
        raise FollowupError(
            f"{source} is empty: write the draft's wording in it, or delete it to use the "
            "built-in wording"
        )
    parts: list[str | tuple[str]] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        _check_braces(text, pos, match.start(), source)
        parts.append(_clean_block(text[pos : match.start()]))
        token = match.group()
        if token in ("{{", "}}"):
            parts.append(token[0])
        else:
            name = match.group(1).strip()
            if name not in PLACEHOLDERS:
                line = text.count("\n", 0, match.start()) + 1
                known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                raise FollowupError(
                    f"{source} line {line}: unknown placeholder {clean(token)}: use one of "
                    f"{known} (write {{{{ and }}}} for a literal brace)"
                )
            parts.append((name,))
        pos = match.end()
    _check_braces(text, pos, len(text), source)
    parts.append(_clean_block(text[pos:]))
    return Template(tuple(p for p in parts if p != ""))


def _check_braces(text: str, start: int, end: int, source: str) -> None:
    """Refuse a single `{` or `}` in literal text: a placeholder typed wrong, most likely."""
    for at in range(start, end):
        if text[at] not in "{}":
            continue
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        where = f"{source} line {line}, column {column}"
        if text[at] == "{":
            rest = re.split(r"[{}\n]", text[at + 1 :], maxsplit=1)[0]
            rest = "{" + rest.rstrip()
            shown = clean(rest if len(rest) <= 30 else rest[:29] + "…")
            raise FollowupError(
                f"{where}: {shown} has no closing brace: close it as in {{first_name}}, "
                "or write {{ for a literal brace"
            )
        raise FollowupError(f"{where}: a }} with no opening brace: write }}}} for a literal brace")


def _clean_block(text: str) -> str:
    """Template text made terminal-safe, its line breaks and tabs kept."""
    return "\n".join("\t".join(map(clean, line.split("\t"))) for line in text.split("\n"))


def template_path(settings_dir: Path, kind: str) -> Path:
    return settings_dir / TEMPLATES_DIR / f"{kind}.txt"


def load_template(settings_dir: Path, kind: str) -> Template | None:
    """The user's template for `kind` from the settings folder, or None to use the built-in."""
    from followup.storage.files import read_bytes

    path = template_path(settings_dir, kind)
    if not path.parent.is_dir():
        return None
    data = read_bytes(path)  # a named pipe or a device is refused, never waited on
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FollowupError(
            f"{path} is not UTF-8 text (byte {exc.start}): save it as UTF-8"
        ) from None
    return parse_template(text.replace("\r\n", "\n").rstrip("\n") + "\n", str(path))
