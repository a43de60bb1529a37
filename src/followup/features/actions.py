"""What the commands do to interviews, as plain functions on a `Change`: add one,
record its next round, edit, close, reopen and remove it. Marking its steps is in
`marking`.

No printing, no Typer, no clock: each takes `now` and returns what it did, and
sets the change's summary (the line `undo` will show).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from followup.core.checklist import (
    DECIDE,
    DEFAULT_RULES,
    Rules,
    after_close_steps,
    checkins,
    derive_steps,
    hand_over,
    keep_snoozed,
)
from followup.core.kinds import AFTER_CLOSE
from followup.core.lookup import describe, find_interview, find_interviewer, who_matches
from followup.core.models import (
    OUTCOMES,
    Interview,
    Interviewer,
    Step,
    Topic,
    new_uid,
    numbered,
)
from followup.core.text import check_text, fold
from followup.core.when import to_local
from followup.errors import FollowupError
from followup.storage.store import Change


def _clean_company(company: str) -> str:
    text = check_text("company", company.strip())
    if not text:
        raise FollowupError('the company name is empty: give one, e.g. "Acme Corp"')
    return text


def _check_people(people: Sequence[Interviewer]) -> None:
    seen: dict[str, Interviewer] = {}
    for person in people:
        key = person.label.casefold()
        if key in seen:
            raise FollowupError(
                f"interviewer {person.label!r} is named twice: steps go by name, so give "
                "each person a different one (e.g. add a surname or initial)"
            )
        seen[key] = person


#: The reason given to the check-ins of a round when the next round is recorded.
NEXT_ROUND = "next round"
#: Keeps the "clear the decision date" request apart from "leave it as it is" (None).
CLEAR = "none"


def find(
    change: Change,
    ref: str,
    wants: Callable[[Interview], bool] | None = None,
    why: str = "it applies",
    *,
    closed_too: bool = False,
) -> Interview:
    """The interview `ref` names, open or (by number, or by company with `closed_too`)
    closed. Among several rounds of one application, see `lookup.find_interview`;
    what was picked goes to `change.notices`."""
    return find_interview(
        ref,
        change.open,
        change.closed_ids(),
        change.closed,
        closed_too=closed_too,
        wants=wants,
        why=why,
        notes=change.notices,
    )


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
    """One to three words that each start with a capital and are not all capitals
    unless they are initials (`Jnae`, `Mary Smith`, `Dr. Lee`, `J. Smith`, `J.R. Lee`;
    not `SQL`, not `the dbt move`)."""
    words = text.split()
    return 0 < len(words) <= 3 and all(
        w[0].isupper()
        and w.replace(".", "").replace("-", "").replace("'", "").isalpha()
        and not (len(w) > 1 and w.isupper() and "." not in w)
        for w in words
    )


def _check_decision(iv: Interview, tz: tzinfo | None = None) -> None:
    """A decision comes after the interview: one on an earlier day is refused (on the
    day itself it is taken as that day: its check-in waits for the interview's end)."""
    if iv.decision is None:
        return
    decided, held = to_local(iv.decision, tz).date(), to_local(iv.at, tz).date()
    if decided < held:
        raise FollowupError(
            f"the decision date {decided.isoformat()} is before the interview "
            f"({held.isoformat()}): they decide after it, so give a day from "
            f'{held.isoformat()} on (e.g. --decision "{held.isoformat()}" or later)'
        )


def add_interview(
    change: Change,
    *,
    company: str,
    at: datetime,
    now: datetime,
    role: str = "",
    interviewers: Sequence[Interviewer] = (),
    notes: str = "",
    topics: Sequence[str] = (),
    decision: datetime | None = None,
    rules: Rules = DEFAULT_RULES,
    previous: Interview | None = None,
) -> Interview:
    """Record an interview (the next round of `previous`, if given) and derive its
    checklist."""
    people = list(interviewers)
    _check_people(people)
    iv = Interview(
        id=change.new_id(),
        uid=new_uid(),
        company=_clean_company(company),
        role=check_text("role", role.strip()),
        at=at,
        interviewers=people,
        notes=check_text("notes", notes, multiline=True),
        topics=parse_topics(topics, people),
        decision=decision,
        round=previous.round + 1 if previous else 1,
        previous=previous.id if previous else None,
        created_at=now,
    )
    _check_decision(iv, rules.tz)
    iv.steps = derive_steps(iv, rules)
    change.open.append(iv)
    change.summary = f"added {describe(iv)}"
    return iv


def next_round(
    change: Change,
    ref: str,
    *,
    at: datetime,
    now: datetime,
    role: str | None = None,
    interviewers: Sequence[Interviewer] = (),
    notes: str = "",
    topics: Sequence[str] = (),
    decision: datetime | None = None,
    rules: Rules = DEFAULT_RULES,
    same_panel: bool = False,
) -> tuple[Interview, Interview, list[Step]]:
    """Record the next round of the application `ref` names (its latest round, when a
    company prefix matches several). The earlier round's pending check-ins are
    skipped (`next round`): the new round has its own. Returns the new round, the
    earlier one, and the check-ins skipped.

    People carry across rounds (see `carry_people`): someone of an earlier round is
    that person again, with their email, and no second `linkedin` step; with
    `same_panel`, everyone on the round `ref` names comes too.
    """
    earlier = find(change, ref)
    people = carry_people(change, earlier, interviewers, same_panel=same_panel)
    iv = add_interview(
        change,
        company=earlier.company,
        at=at,
        now=now,
        role=earlier.role if role is None else role,
        interviewers=people,
        notes=notes,
        topics=topics,
        decision=decision,
        rules=rules,
        previous=earlier,
    )
    skipped = [s for s in checkins(earlier) if s.status == "pending"]
    for s in skipped:
        s.status, s.done_at, s.reason = "skipped", now, NEXT_ROUND
    if earlier.closed:
        change.closed()  # the earlier round's file is rewritten with it
    change.summary = f"added {describe(iv)}, after {describe(earlier)}"
    return iv, earlier, skipped


def application_rounds(change: Change, iv: Interview) -> list[Interview]:
    """`iv` and the rounds before it in its application (following `previous`, open or
    closed), latest first. Closed rounds are read only when one is needed."""
    by_id = {other.id: other for other in change.open}
    found, number, seen = [iv], iv.previous, {iv.id}
    while number is not None and number not in seen:
        seen.add(number)
        if number not in by_id and number in change.doc.closed_ids:
            by_id.update({c.id: c for c in change.closed()})
        if number not in by_id:
            break
        found.append(by_id[number])
        number = by_id[number].previous
    return found


def _same_name(a: str, b: str) -> bool:
    """Whether two names are one, ignoring case, accents and spacing."""
    return bool(a.strip()) and " ".join(fold(a).split()) == " ".join(fold(b).split())


def _same_email(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def carry_people(
    change: Change,
    earlier: Interview,
    given: Sequence[Interviewer],
    *,
    same_panel: bool = False,
) -> list[Interviewer]:
    """The panel of the round after `earlier`: `given` (the `--with` people), each one
    who was on `earlier` or a round before it (the same email, else the same name
    ignoring case and accents) taken as that person, then, with `same_panel`, everyone
    else on `earlier`.

    A person carried over keeps the email they had (when none is given now) and
    `met_in`, the round where the user first met them, so they get no second
    `linkedin` step. An email matches before a name. When what is given differs
    from what was recorded (the same name with another email, the same email with
    another name), what is given now wins, and `change.notices` says so; so does a
    name that several earlier people share (the latest round's is taken).
    """
    rounds = application_rounds(change, earlier)
    # (person, the round they were on), latest round first.
    known = [(p, r) for r in rounds for p in r.interviewers]
    panel = list(earlier.interviewers) if same_panel else []
    people: list[Interviewer | None] = [None] * len(panel)
    for person in given:
        by_email = [(p, r) for p, r in known if _same_email(p.email, person.email)]
        by_name = [(p, r) for p, r in known if _same_name(p.name, person.name)]
        found = by_email or by_name
        if not found:
            people.append(person)
            continue
        old, held = found[0]
        first = old.met_in or _first_round(old, rounds, held)
        # The name as recorded when it is the same name; what is given now otherwise.
        name = old.name if _same_name(old.name, person.name) or not person.name else person.name
        email = person.email if person.email is not None else old.email
        carried = Interviewer(name=name, email=email, met_in=first)
        place = next((n for n, p in enumerate(panel) if _is_same(p, old)), None)
        if place is not None and people[place] is None:
            people[place] = carried
        else:
            people.append(carried)
        change.notices.append(_carried(person, old, held, first, by_email, by_name))
    brought = []
    for n, old in enumerate(panel):
        if people[n] is None:
            people[n] = Interviewer(name=old.name, email=old.email, met_in=old.met_in or earlier.id)
            brought.append(old.label)
    if same_panel and not panel:
        change.notices.append(
            f"{describe(earlier)} names no interviewers: --same-panel brought no one."
        )
    if brought:
        change.notices.append(
            f"Brought {', '.join(brought)} from {describe(earlier)}: no second LinkedIn "
            "step (connected already); email and card as for every round."
        )
    return [p for p in people if p is not None]


def _is_same(a: Interviewer, b: Interviewer) -> bool:
    return _same_email(a.email, b.email) or _same_name(a.name, b.name)


def _first_round(person: Interviewer, rounds: list[Interview], held: Interview) -> int:
    """The number of the earliest round (of `rounds`, latest first) that `person`
    was on, following them back from `held`."""
    first = held.id
    for r in rounds:
        if r.id < first and any(_is_same(person, p) for p in r.interviewers):
            first = r.id
    return first


def _carried(
    given: Interviewer,
    old: Interviewer,
    held: Interview,
    first: int,
    by_email: list[tuple[Interviewer, Interview]],
    by_name: list[tuple[Interviewer, Interview]],
) -> str:
    """What `next` says about a person it took as one of an earlier round."""
    same = _same_name(old.name, given.name) or not given.name
    label = (old.name if same else given.name) or old.email or ""
    said = f"{label} was on #{held.id}: the same person"
    if given.email is None and old.email:
        said += f", email {old.email} filled in"
    elif not given.name and old.name:
        said += f", name {old.name} filled in"
    elif given.email is not None and old.email is None:
        said += f", email {given.email} added"
    said += f"; no second LinkedIn step (connected since #{first})."
    if by_email and given.name and old.name and not _same_name(given.name, old.name):
        said += f" #{held.id} has them as {old.name}; this round uses {given.name}, as you gave it."
    elif not by_email and _differ(given.email, old.email):
        said += (
            f" #{held.id} has {old.email}; this round uses {given.email}, as you gave it"
            " (a different person? give them a different name, such as a surname)."
        )
    emails = {p.email.casefold(): p.email for p, _ in by_name if p.email and not by_email}
    emails.pop((old.email or "").casefold(), None)
    if emails:
        said += (
            f" Earlier rounds also have {label} with {', '.join(emails.values())}; the "
            f"latest, {old.email} of #{held.id}, was taken: give the email to pick another."
        )
    return said


def _differ(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() != b.casefold()


def edit_interview(
    change: Change,
    ref: str,
    *,
    company: str | None = None,
    role: str | None = None,
    at: datetime | None = None,
    notes: str | None = None,
    add_with: Sequence[Interviewer] = (),
    remove_with: Sequence[str] = (),
    rename_with: Sequence[tuple[str, Interviewer]] = (),
    decision: datetime | str | None = None,
    topics: Sequence[str] = (),
    clear_topics: bool = False,
    rules: Rules = DEFAULT_RULES,
) -> tuple[Interview, list[str]]:
    """Change an interview's details; due times follow. Returns it and what changed.

    `rename_with` pairs a `--who` prefix with the person's corrected name and/or
    email (a part left out is kept); their steps, in whatever state, stay theirs.
    `decision` is a datetime, `CLEAR` to clear it, or None to leave it. `topics` are
    added to the interview's, after clearing them all with `clear_topics`.
    """
    iv = find(change, ref)
    what: list[str] = []
    if company is not None and company.strip() != iv.company:
        iv.company = _clean_company(company)
        what.append("company")
    if role is not None and role.strip() != iv.role:
        iv.role = check_text("role", role.strip())
        what.append("role")
    if notes is not None and notes != iv.notes:
        iv.notes = check_text("notes", notes, multiline=True)
        what.append("notes")
    retime = at is not None and at != iv.at
    if retime:
        iv.at = at  # type: ignore[assignment]
        what.append("time")
    new_decision = None if decision == CLEAR else decision
    if decision is not None and new_decision != iv.decision:
        iv.decision = new_decision  # type: ignore[assignment]
        what.append("decision date" if new_decision else "decision date cleared")
        retime = True
    _check_decision(iv, rules.tz)
    people = list(iv.interviewers)
    for prefix, new in rename_with:
        what.extend(_rename(iv, people, prefix, new))
    named = [p.label for p in people]
    for prefix in remove_with:
        gone = find_interviewer(prefix, iv.model_copy(update={"interviewers": people}))
        people.remove(gone)
        what.append(f"removed {gone.label}")
    for person in add_with:
        people.append(_with_own_key(person, people))
        what.append(f"added {person.label}")
    _check_people(people)
    iv.interviewers = people
    labels = {p.label for p in people}
    kept = [t for t in iv.topics if not clear_topics and (t.who is None or t.who in labels)]
    added = parse_topics(topics, people)
    if clear_topics and iv.topics:
        what.append("topics cleared")
    if added:
        what.append(f"{len(added)} topic(s) added")
    if kept + added != iv.topics:
        iv.topics = kept + added
    # Progress stays when the panel goes from no one named to someone, or back.
    iv.steps = hand_over(iv.steps, named, [p.label for p in people])
    iv.steps = keep_snoozed(iv.steps, derive_steps(iv, rules, retime=retime))
    change.summary = f"edited {describe(iv)} ({', '.join(what)})" if what else None
    return iv, what


def _rename(iv: Interview, people: list[Interviewer], prefix: str, new: Interviewer) -> list[str]:
    """Rename the interviewer `prefix` names in `people` (and their steps) to `new`."""
    old = find_interviewer(prefix, iv.model_copy(update={"interviewers": people}))
    renamed = Interviewer(
        name=new.name or old.name,
        email=new.email if new.email is not None else old.email,
        met_in=old.met_in,  # still met in that earlier round: still no LinkedIn step
    )
    if (renamed.name, renamed.email) == (old.name, old.email):
        return []
    if old.identity != renamed.label:  # the calendar keeps their events: same UIDs
        renamed.key = old.identity
    clash = next(
        (p for p in people if p is not old and p.label.casefold() == renamed.label.casefold()),
        None,
    )
    if clash is not None:
        raise FollowupError(
            f"can't rename {old.label} to {renamed.label!r}: {clash.label} is already on "
            f"{describe(iv)}; give a name that tells them apart"
        )
    people[people.index(old)] = renamed
    for s in iv.steps:
        if s.who == old.label:
            s.who = renamed.label
    for topic in iv.topics:  # "Jane: their move to dbt" stays Jane's
        if topic.who == old.label:
            topic.who = renamed.label
    return [f"{old} is now {renamed}"]


def _with_own_key(person: Interviewer, people: list[Interviewer]) -> Interviewer:
    """`person`, joining `people`, with a key of their own: their label, unless someone
    renamed holds it as their key (then `Name (2)`), so that no two share calendar UIDs."""
    taken = {p.identity for p in people}
    if person.label not in taken:
        return person
    return person.model_copy(update={"key": numbered(person.label, taken)})


def close_interview(
    change: Change,
    ref: str,
    now: datetime,
    outcome: str | None = None,
    *,
    deadline: datetime | None = None,
    rules: Rules = DEFAULT_RULES,
) -> tuple[Interview, bool, str | None]:
    """Close an interview: it leaves `status` and `list`. Returns it, whether it changed,
    and the outcome it had before (an interview closed already gets a new outcome).

    An offer or a rejection adds a pending `reply` step, due `due.reply` after now; an
    offer with a `deadline` (when it must be answered by) adds a `decide` step due then.
    Earlier rounds closed with it get neither (see `answer_steps`)."""
    if outcome is not None and outcome not in OUTCOMES:
        raise FollowupError(f"unknown outcome {outcome!r}: use one of {', '.join(OUTCOMES)}")
    iv = find(change, ref)
    before = iv.outcome
    if deadline is not None and (outcome or iv.outcome) != "offer":
        raise FollowupError(
            f"a deadline is for an offer: close {describe(iv)} with --outcome offer to give one"
        )
    if iv.closed:
        new_outcome = outcome not in (None, iv.outcome)
        if not new_outcome and deadline in (None, iv.deadline):
            return iv, False, before
        change.closed()  # its file is rewritten with the new outcome
        if new_outcome:
            iv.outcome = outcome  # type: ignore[assignment]
            earlier = f" from {before}" if before else ""
            change.summary = f"changed the outcome of {describe(iv)}{earlier} to {outcome}"
        else:
            change.summary = f"set the deadline of {describe(iv)}"
        answer_steps(iv, now, rules, deadline)
        return iv, True, before
    earlier = _earlier_open_rounds(change, iv) if outcome is not None else []
    for closing in [iv, *earlier]:
        change.open.remove(closing)
        closing.closed, closing.closed_at = True, now
        closing.outcome = outcome  # type: ignore[assignment]
        change.closed().append(closing)
    answer_steps(iv, now, rules, deadline)
    change.summary = f"closed {describe(iv)}" + (f" ({outcome})" if outcome else "")
    if earlier:
        # An outcome ends the application: its earlier rounds have nothing left to do.
        listed = ", ".join(describe(r) for r in earlier)
        change.summary += f" and its earlier round(s) {listed}"
        change.notices.append(
            f"Also closed {listed}: an earlier round of the same application ({outcome})."
        )
    return iv, True, before


def answer_steps(
    iv: Interview, now: datetime, rules: Rules, deadline: datetime | None = None
) -> None:
    """Give a closed interview the `reply` and `decide` steps its outcome calls for.

    An offer or a rejection gets one `reply` (added once: a changed outcome keeps the one
    it has); an offer with a deadline gets one `decide`, due at the deadline (a new
    deadline moves it). A pending step that the outcome no longer calls for goes; a done
    or skipped one stays, as history."""
    if deadline is not None:
        iv.deadline = deadline
    if iv.outcome != "offer":
        iv.deadline = None
    wanted = {s.step: s for s in after_close_steps(iv.outcome, iv.deadline, rules, now)}
    kept: list[Step] = []
    for s in iv.steps:
        if s.step in AFTER_CLOSE and s.status == "pending" and s.step not in wanted:
            continue
        if s.step == DECIDE and s.status == "pending" and iv.deadline is not None:
            s.due, s.snoozed_from = iv.deadline, None
        kept.append(s)
    have = {s.step for s in kept}
    iv.steps = kept + [s for kind, s in wanted.items() if kind not in have]


def _earlier_open_rounds(change: Change, iv: Interview) -> list[Interview]:
    """The open rounds that came before `iv` in its application (following `previous`)."""
    by_id = {other.id: other for other in change.open}
    found: list[Interview] = []
    number, seen = iv.previous, {iv.id}
    while number is not None and number not in seen:
        seen.add(number)
        if number in by_id:
            found.append(by_id[number])
            number = by_id[number].previous
        else:
            closed = next((c for c in change.closed() if c.id == number), None)
            number = closed.previous if closed else None
    return sorted(found, key=lambda r: r.id)


def reopen_interview(change: Change, ref: str) -> tuple[Interview, bool]:
    """Reopen a closed interview (its outcome and deadline cleared, its steps as they
    were, but for a pending reply or decision, which answered that outcome).

    `ref` may name a closed interview by company. Returns it and whether it changed
    (False: it was open already).
    """
    iv = find_interview(ref, change.open, change.closed_ids(), change.closed, closed_too=True)
    if not iv.closed:
        return iv, False
    change.closed().remove(iv)
    iv.closed, iv.closed_at, iv.outcome, iv.deadline = False, None, None, None
    # Its reply and decision answered the outcome, which is gone: pending ones go too.
    iv.steps = [s for s in iv.steps if not (s.step in AFTER_CLOSE and s.status == "pending")]
    later = next((n for n, other in enumerate(change.open) if other.id > iv.id), None)
    change.open.insert(len(change.open) if later is None else later, iv)
    change.summary = f"reopened {describe(iv)}"
    return iv, True


def remove_interview(change: Change, iv: Interview) -> None:
    """Delete an interview (found with `find`). Its number is never given out again."""
    if iv.closed:
        change.closed().remove(iv)
    else:
        change.open.remove(iv)
    change.summary = f"removed {describe(iv)}"
