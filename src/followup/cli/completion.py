"""Shell completion values. They run on every TAB, so they read `open.json` with the
plain `json` module (no pydantic, no history) and give up quietly on any problem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def open_interviews(folder: Path) -> list[dict[str, Any]]:
    """The open interviews as raw JSON objects; [] when the store is missing or odd."""
    from followup.errors import FollowupError
    from followup.storage.files import read_bytes

    try:  # read_bytes: a named pipe in the way is refused, not waited on (on every TAB)
        interviews = json.loads(read_bytes(folder / "open.json") or b"")["interviews"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError, FollowupError):
        return []
    return [iv for iv in interviews if isinstance(iv, dict)] if isinstance(interviews, list) else []


def one_word(label: str, others: list[str], incomplete: str = "") -> str:
    """A value for `label` that a shell inserts as one word and that names it alone.

    The first word when no other label starts with it (`Jane` for "Jane Doe"),
    else the whole label; prefix lookups make either one find the same thing. What
    was typed keeps its case (`ja` -> `jane`): lookups ignore case, and the shell
    offers only values that start with what was typed.
    """
    first = label.split(" ")[0]
    low = first.casefold()
    unique = first and not any(o.casefold().startswith(low) for o in others if o != label)
    word = first if unique and low.startswith(incomplete.casefold()) else label
    return incomplete + word[len(incomplete) :]


def interviews(folder: Path, incomplete: str) -> list[tuple[str, str]]:
    """(value, help) for INTERVIEW: numbers, and companies, of open interviews."""
    found: list[tuple[str, str]] = []
    low = incomplete.casefold()
    rows = open_interviews(folder)
    companies = [str(iv.get("company", "")) for iv in rows]
    for iv, company in zip(rows, companies, strict=True):
        number = str(iv.get("id", ""))
        if number.startswith(incomplete):
            found.append((number, company))
        elif company.casefold().startswith(low):
            found.append((one_word(company, companies, incomplete), f"#{number}"))
    return found


def _labels(iv: dict[str, Any]) -> list[str]:
    people = iv.get("interviewers")
    if not isinstance(people, list):
        return []
    labels = (str(p.get("name") or p.get("email") or "") for p in people if isinstance(p, dict))
    return [label for label in labels if label]


def _matching(rows: list[dict[str, Any]], ref: str) -> list[dict[str, Any]]:
    text = ref.strip().removeprefix("#")
    if text.isascii() and text.isdigit():
        return [iv for iv in rows if str(iv.get("id")) == text]
    low = text.casefold()
    return [iv for iv in rows if str(iv.get("company", "")).casefold().startswith(low)]


def interviewers(folder: Path, incomplete: str, ref: str | None) -> list[tuple[str, str]]:
    """(value, help) for --who: the interviewers of the interview named so far, else of all."""
    rows = open_interviews(folder)
    if ref:
        rows = _matching(rows, ref)
    low = incomplete.casefold()
    found: dict[str, str] = {}
    for iv in rows:
        labels = _labels(iv)
        for label in labels:
            if label.casefold().startswith(low):
                found.setdefault(
                    one_word(label, labels, incomplete), f"#{iv.get('id')} {iv.get('company')}"
                )
    return list(found.items())
