"""Guessing what a mistyped word meant: `linkdin` is `linkedin`.

Pure: a word, the words it may have meant, and the few that are a letter or two
away (a letter missing, added, changed, or two swapped), nearest first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable


def distance(a: str, b: str) -> int:
    """The number of letters to add, drop, change or swap (two side by side) to turn
    `a` into `b` (the optimal string alignment distance)."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def close_words(
    word: str,
    choices: Iterable[str],
    *,
    most: int = 3,
    same: Callable[[str], Hashable] | None = None,
) -> list[str]:
    """The `choices` at most a letter or two from `word` (case ignored), nearest first
    (ties in the order given): two letters for words of six letters or more, one
    for shorter ones (`crd` is `card`, but `ab` is nothing). Of choices that `same`
    maps to one thing (`checkin` and `check-in`), only the nearest."""
    typed = word.strip().casefold()
    if not typed:
        return []
    allowed = 2 if len(typed) >= 6 else 1
    scored = []
    for n, choice in enumerate(dict.fromkeys(choices)):
        d = distance(typed, choice.casefold())
        if 0 < d <= allowed:
            scored.append((d, n, choice))
    close = [choice for _, _, choice in sorted(scored)]
    if same is not None:
        seen: set[Hashable] = set()
        close = [c for c in close if not (same(c) in seen or seen.add(same(c)))]
    return close[:most]


def did_you_mean(
    word: str, choices: Iterable[str], same: Callable[[str], Hashable] | None = None
) -> str:
    """' (did you mean linkedin?)' for a word a letter or two from one of `choices`,
    else ''."""
    close = close_words(word, choices, same=same)
    return f" (did you mean {' or '.join(close)}?)" if close else ""
