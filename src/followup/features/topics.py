"""The topics of an interview as typed (`--topic`): for everyone, or for one
interviewer (`NAME: TEXT`), checked like any text the user types.
"""

from __future__ import annotations

from collections.abc import Sequence

from followup.core.lookup import who_matches
from followup.core.models import Interviewer, Topic
from followup.core.text import check_text
from followup.errors import FollowupError


def parse_topics(texts: Sequence[str], people: Sequence[Interviewer]) -> list[Topic]:
    """Read `--topic` values: `TEXT` for everyone, `NAME: TEXT` for the interviewer NAME
    names, as `--who` reads it (`lookup.who_matches`: the start of any part of the name,
    `Mary` for "Dr. Mary-Jane O'Brien"). A NAME that looks like a name (one to three
    capitalised words) must name someone on the panel: a typo (`Jnae:`) is refused
    rather than quoted to everyone. Text before the colon that is no name (`SQL:`,
    `how they deploy:`) keeps the topic whole, for everyone; a NAME that fits several
    people is an error."""
    topics: list[Topic] = []
    for raw in texts:
        text = " ".join(raw.split())
        who = None
        head, colon, rest = text.partition(":")
        name = head.strip()
        if colon and name and rest.strip() and len(head.split()) <= 3:
            named = who_matches(name, people)
            if len(named) > 1:
                listed = ", ".join(p.label for p in named)
                raise FollowupError(
                    f"topic {raw!r}: {name!r} could be {listed}: type more of the "
                    "name, or leave it out for a topic for everyone"
                )
            if named:
                who, text = named[0].label, rest.strip()
            elif people and _looks_like_a_name(name):
                listed = ", ".join(p.label for p in people)
                raise FollowupError(
                    f"topic {raw!r}: {name!r} names no interviewer (they are {listed}): "
                    f'fix the name, as in "{people[0].label}: {rest.strip()}", or, for a '
                    f"topic for everyone, put no colon after {name!r}"
                )
            elif _looks_like_a_name(name):  # no one named: it would go to the whole team
                raise FollowupError(
                    f"topic {raw!r} is for {name!r}, but no interviewer is named: add them "
                    f'(--with "{name}", or --add-with in edit), or, for a topic for '
                    f"everyone, put no colon after {name!r}"
                )
        text = check_text("topic", text)
        if not text:
            raise FollowupError(f"empty topic {raw!r}: say what you talked about")
        topics.append(Topic(text=text, who=who))
    return topics


def _looks_like_a_name(text: str) -> bool:
    """Whether `text` (one to three words: parse_topics asks for no more) is words that
    each start with a capital and are not all capitals unless they are initials (`Jnae`,
    `Mary Smith`, `Dr. Lee`, `J. Smith`, `J.R. Lee`; not `SQL`, not `the dbt move`)."""
    return all(
        w[0].isupper()
        and w.replace(".", "").replace("-", "").replace("'", "").isalpha()
        and not (len(w) > 1 and w.isupper() and "." not in w)
        for w in text.split()
    )
