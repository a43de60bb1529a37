"""The step-level merge itself (`core.merge`), for any two histories made from one export.

Each side starts from the same copy of an interview and then ticks, skips and reopens
steps, edits fields, adds, renames and removes interviewers, each at its own times.
Whatever they did: importing either into the other loses no step done or skipped on
either side, importing twice changes nothing, and both directions agree.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from followup.core.merge import Merged, merge_interviews, merge_step, merged_fields
from followup.core.models import Interview, Interviewer, Step, numbered, problems
from followup.core.text import LIMITS
from followup.features.importing import last_change

START = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
NAMES = ("Jane Doe", "Raj Patel", "Kim Lee", "Ana Ruiz", "Bo Chen")


def person_steps(label: str | None) -> list[Step]:
    due = START + timedelta(hours=24)
    return [Step(step=kind, who=label, due=due) for kind in ("email", "linkedin", "card")]


def common(people: int) -> Interview:
    """The interview as both machines had it after the last exchange."""
    names = NAMES[:people]
    steps = [s for name in names for s in person_steps(name)] or person_steps(None)
    steps += [
        Step(step="phone", due=START + timedelta(hours=4)),
        Step(step="checkin", due=START + timedelta(days=7)),
    ]
    return Interview(
        id=1,
        uid="u1",
        company="Acme",
        role="Engineer",
        at=START,
        interviewers=[Interviewer(name=n) for n in names],
        steps=steps,
        updated_at=START,
    )


# One operation: (what, a number to pick with, a second number).
OPS = st.tuples(
    st.sampled_from(["done", "skip", "reopen", "edit", "add", "rename", "remove"]),
    st.integers(0, 30),
    st.integers(0, 30),
)
#: A history: operations at strictly increasing minutes after the common export.
HISTORY = st.lists(st.tuples(OPS, st.integers(1, 90)), max_size=8)


def play(iv: Interview, history, offset: int) -> Interview:
    """`history` applied to a copy of `iv`, as the commands would change it."""
    iv = iv.model_copy(deep=True)
    minute = 0
    for (what, n, m), gap in history:
        minute += gap
        t = START + timedelta(hours=30, minutes=minute * 2 + offset)  # sides rarely tie
        steps = iv.steps
        if what in ("done", "skip", "reopen") and steps:
            step = steps[n % len(steps)]
            if what == "reopen":
                if step.status == "pending":
                    continue
                step.status, step.done_at, step.reason = "pending", None, None
            elif step.status == "pending":
                step.status, step.done_at = ("done" if what == "done" else "skipped"), t
                chain = [s for s in steps if s.step == "checkin"]
                if what == "done" and step.step == "checkin" and len(chain) < 3:
                    steps.append(Step(step="checkin", due=t + timedelta(days=7)))
            else:
                continue
        elif what == "edit":
            iv.role = f"role {n}"
        elif what == "add":  # as `edit --add-with`: a name of their own, a key of their own
            name = NAMES[n % len(NAMES)]
            if name.casefold() in {p.label.casefold() for p in iv.interviewers}:
                continue
            if not iv.interviewers:
                continue
            ids = {p.identity for p in iv.interviewers}
            key = numbered(name, ids) if name in ids else None  # named like a renamed one
            iv.interviewers.append(Interviewer(name=name, key=key))
            steps.extend(person_steps(name))
        elif what == "rename" and iv.interviewers:  # as `edit --rename-with`
            person = iv.interviewers[n % len(iv.interviewers)]
            # a new name, or (m >= 25) one of NAMES: back to their own, or someone's old
            # one; (m >= 28) in lower case, a name that differs only in case
            new = f"{NAMES[m % len(NAMES)]} {m}" if m < 25 else NAMES[m % len(NAMES)]
            new = new.lower() if m >= 28 else new
            if new.casefold() in {p.label.casefold() for p in iv.interviewers if p is not person}:
                continue
            if new == person.label:
                continue
            old = person.label
            person.key = person.identity if person.identity != new else None
            person.name = new
            for s in steps:
                if s.who == old:
                    s.who = new
        elif what == "remove" and len(iv.interviewers) > 1:
            person = iv.interviewers.pop(n % len(iv.interviewers))
            iv.steps = [s for s in steps if s.who != person.label]
        else:
            continue
        iv.updated_at = t
    return iv


def imported(here: Interview, there: Interview) -> Merged:
    """`there` (a file's copy) imported into `here`, as `import` decides who wins fields."""
    return merge_interviews(here, there, fields_from_there=last_change(there) > last_change(here))


def finished(iv: Interview) -> dict[tuple[str, str | None, int], str]:
    """Each step done or skipped, by kind, person (identity) and place in its chain."""
    ids = {p.label: p.identity for p in iv.interviewers}
    seen: dict[tuple[str, str | None], int] = {}
    found = {}
    for s in iv.steps:
        key = (s.step, None if s.who is None else ids.get(s.who, s.who))
        n = seen[key] = seen.get(key, -1) + 1
        if s.status != "pending":
            found[(*key, n)] = s.status
    return found


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 3), HISTORY, HISTORY)
# Each side renames someone to the same new name ("Jane Doe 0"): Raj on one, with his
# email done; Jane on the other, which also removes Raj and is changed last. Raj stays
# for his tick, and must not share a name with Jane (issue 20).
@example(
    people=2,
    ha=[(("done", 3, 0), 1), (("rename", 1, 0), 1)],
    hb=[(("rename", 0, 0), 1), (("remove", 1, 0), 1)],
)
def test_either_import_loses_no_finished_step_and_a_second_one_changes_nothing(people, ha, hb):
    base = common(people)
    a, b = play(base, ha, 0), play(base, hb, 1)
    for here, there in ((a, b), (b, a)):
        merged = imported(here, there).interview
        kept = finished(merged)
        for side in (here, there):
            for key, status in finished(side).items():
                assert key in kept, (key, side.steps, merged.steps)
                # done anywhere stays done; skipped stays at least skipped
                assert kept[key] == "done" or status == "skipped", key
        # the merged copy is a whole interview: every step's person is on it, and no two
        # people share a name (steps go by name) or an identity (calendar UIDs do)
        labels = {p.label for p in merged.interviewers}
        assert all(s.who is None or s.who in labels for s in merged.steps)
        people = merged.interviewers
        assert len({p.label.casefold() for p in people}) == len(people), people
        assert len({p.identity for p in people}) == len(people), people
        # importing the same file again, or the other copy again, changes nothing
        assert not imported(merged, there).changed
        assert not imported(merged, here).changed
    if last_change(a) != last_change(b):
        ab, ba = imported(b, a).interview, imported(a, b).interview
        assert ab.model_dump() == ba.model_dump()  # both machines end up the same


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 3), HISTORY, HISTORY)
def test_fields_come_whole_from_the_copy_changed_last(people, ha, hb):
    base = common(people)
    a, b = play(base, ha, 0), play(base, hb, 1)
    merged = imported(a, b)
    winner = b if last_change(b) > last_change(a) else a
    for name in merged_fields():
        if name != "interviewers":  # people with steps done elsewhere are kept too
            assert getattr(merged.interview, name) == getattr(winner, name), name
    assert merged.interview.updated_at == max(a.updated_at, b.updated_at)
    assert [name for name, _, _ in merged.replaced] == [
        name for name in merged_fields() if getattr(a, name) != getattr(merged.interview, name)
    ]


def test_fields_merged_are_every_field_but_the_own_ones():
    assert set(merged_fields()) == set(Interview.model_fields) - {
        "id", "uid", "steps", "updated_at",
    }  # fmt: skip


def _step(status: str, minute: int | None, reason: str | None = None) -> Step:
    done_at = None if minute is None else START + timedelta(minutes=minute)
    return Step(step="card", due=START, status=status, done_at=done_at, reason=reason)


def test_the_step_rule_case_by_case():
    pending, later_pending = _step("pending", None), _step("pending", None)
    later_pending.due = START + timedelta(hours=1)
    assert merge_step(pending, later_pending, there_wins=True) is later_pending
    assert merge_step(pending, later_pending, there_wins=False) is pending
    done, skipped = _step("done", 30), _step("skipped", 10, "not needed")
    assert merge_step(pending, done, there_wins=False) is done
    assert merge_step(skipped, pending, there_wins=True) is skipped
    both = merge_step(done, skipped, there_wins=False)
    assert (both.status, both.done_at, both.reason) == ("done", START + timedelta(minutes=10), None)
    assert merge_step(skipped, done, there_wins=True) == both
    early = _step("done", 5)
    assert merge_step(done, early, there_wins=False) is early
    assert merge_step(early, done, there_wins=True) is early
    same = _step("done", 30)
    assert merge_step(done, same, there_wins=True) is same  # a tie: the winner's copy
    assert merge_step(done, same, there_wins=False) is done


# ----------------------------------------------------------------------------
# Sync when both machines renamed someone to the same name (issue 20).
#
# On the laptop Raj Patel is renamed "Sam Park", with his email done; on the desktop, later,
# Jane Doe is renamed "Sam Park" and Raj removed. Raj stays for his tick, and steps go by
# name: he is kept as "Sam Park (2)", so no two people of one interview share a name, no
# tick is lost, and a second exchange changes nothing.


AT = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


@given(st.text(min_size=1, max_size=8), st.lists(st.text(max_size=12), max_size=8))
def test_numbered_gives_the_name_or_the_first_number_no_one_has(name, taken):
    found = numbered(name, taken)
    used = {t.casefold() for t in taken}
    assert found.casefold() not in used
    if name.casefold() not in used:
        assert found == name
    else:
        n = int(found.removeprefix(f"{name} (").removesuffix(")"))
        assert found == f"{name} ({n})" and n >= 2
        assert all(f"{name} ({k})".casefold() in used for k in range(2, n))


def test_numbered_ignores_case():
    assert numbered("Sam Park", ["sam park", "SAM PARK (2)"]) == "Sam Park (3)"


def _copy(people: list[Interviewer], steps: list[Step]) -> Interview:
    return Interview(id=1, uid="u1", company="Acme", at=AT, interviewers=people, steps=steps)


def _done(kind: str, who: str) -> Step:
    return Step(step=kind, who=who, due=AT, status="done", done_at=AT)


def test_a_kept_person_whose_name_is_free_keeps_it_as_it_was():
    kim = Interviewer(name="Kim Lee")
    loser = _copy([kim], [_done("email", "Kim Lee")])
    merged = merge_interviews(
        loser, _copy([Interviewer(name="Jane Doe")], []), fields_from_there=True
    )
    assert merged.kept_people == [(kim, kim)]
    assert [p.label for p in merged.interview.interviewers] == ["Jane Doe", "Kim Lee"]


def test_a_kept_person_named_like_one_on_the_winner_gets_the_next_free_number():
    # Raj, renamed "Sam Park" here; there Jane is "Sam Park" and someone is "Sam Park (2)"
    raj = Interviewer(name="sam park", key="Raj Patel")  # a name differing only in case
    loser = _copy([raj], [_done("email", "sam park")])
    winner = _copy(
        [Interviewer(name="Sam Park", key="Jane Doe"), Interviewer(name="Sam Park (2)")], []
    )
    merged = merge_interviews(loser, winner, fields_from_there=True)
    kept = Interviewer(name="sam park (3)", key="Raj Patel")
    assert merged.kept_people == [(raj, kept)]
    assert merged.interview.steps == [_done("email", "sam park (3)")]
    again = merge_interviews(merged.interview, loser, fields_from_there=False)
    assert not again.changed


def test_a_name_kept_under_a_number_stays_within_the_longest_name_accepted():
    long = "A" * LIMITS["name"]  # the longest name `add` accepts, taken on the winner
    loser = _copy([Interviewer(name=long, key="Raj Patel")], [_done("email", long)])
    winner = _copy([Interviewer(name=long, key="Jane Doe")], [])
    merged = merge_interviews(loser, winner, fields_from_there=True).interview
    kept = merged.interviewers[1]
    assert kept.name == "A" * (LIMITS["name"] - 4) + " (2)"
    assert list(problems(merged, AT)) == []


def test_a_kept_person_renamed_by_a_number_keeps_their_old_name_as_their_key():
    """So that a later merge still knows them as the person they were."""
    kim = Interviewer(name="Kim Lee")
    loser = _copy([kim], [_done("email", "Kim Lee")])
    winner = _copy([Interviewer(name="Kim Lee", key="Jane Doe")], [])
    merged = merge_interviews(loser, winner, fields_from_there=True)
    assert merged.kept_people == [(kim, Interviewer(name="Kim Lee (2)", key="Kim Lee"))]


def test_a_kept_person_numbered_back_to_the_name_their_key_holds_needs_no_key():
    sam = Interviewer(name="Sam", key="Sam (2)")  # once "Sam (2)", renamed "Sam" since
    loser = _copy([sam], [_done("email", "Sam")])
    winner = _copy([Interviewer(name="Sam")], [])
    merged = merge_interviews(loser, winner, fields_from_there=True)
    assert merged.kept_people == [(sam, Interviewer(name="Sam (2)"))]


# ----------------------------------------------------------------------------
# What a user relies on after a sync, rule by rule (issue 24: the mutation run's survivors).

JANE, RAJ, KIM = (Interviewer(name=n) for n in ("Jane Doe", "Raj Patel", "Kim Lee"))


def _pending(kind: str, who: str | None, hours: int = 24) -> Step:
    return Step(step=kind, who=who, due=AT + timedelta(hours=hours))


def test_the_ticks_and_steps_reported_are_exactly_those_new_to_this_store():
    here = _copy(
        [JANE],
        [_done("email", "Jane Doe"), _pending("linkedin", "Jane Doe"),
         _pending("card", "Jane Doe"), _pending("checkin", None)],
    )  # fmt: skip
    ticked, checkin = _done("linkedin", "Jane Doe"), _done("checkin", None)
    later = _pending("checkin", None, hours=24 * 14)  # the next of the chain
    there = _copy(
        [JANE],
        [_done("email", "Jane Doe"), ticked, _pending("card", "Jane Doe"), checkin, later],
    )
    merged = merge_interviews(here, there, fields_from_there=True)
    # the email, done on both, and the card, pending on both, are nothing new here
    assert merged.ticks == [ticked, checkin]
    assert merged.added == [later]


def test_a_step_pending_on_both_sides_is_as_the_copy_changed_last_has_it():
    mine = _pending("email", "Jane Doe")
    snoozed = _pending("email", "Jane Doe", hours=72)
    snoozed.snoozed_from = mine.due  # snoozed on the other machine
    here, there = _copy([JANE], [mine]), _copy([JANE], [snoozed])
    merged = merge_interviews(here, there, fields_from_there=True)
    assert merged.interview.steps == [snoozed]
    merged = merge_interviews(here, there, fields_from_there=False)
    assert merged.interview.steps == [mine]


def test_a_step_done_on_both_sides_keeps_the_earlier_time():
    early, late = _done("email", "Jane Doe"), _done("email", "Jane Doe")
    late.done_at = AT + timedelta(hours=2)
    for there_wins in (True, False):
        for here, there in (([early], [late]), ([late], [early])):
            merged = merge_interviews(
                _copy([JANE], here), _copy([JANE], there), fields_from_there=there_wins
            )
            assert merged.interview.steps == [early]


def test_a_person_renamed_on_one_side_is_paired_with_their_steps_on_the_other():
    sam = Interviewer(name="Sam Patel", key="Raj Patel")  # Raj, renamed here
    here = _copy([JANE, sam], [_pending("email", "Jane Doe"), _done("email", "Sam Patel")])
    there = _copy([JANE, RAJ], [_pending("email", "Jane Doe"), _pending("email", "Raj Patel")])
    merged = merge_interviews(here, there, fields_from_there=False)
    assert merged.interview.steps == here.steps  # one email for him, done, under his new name
    assert not merged.changed
    # the other way: his steps take the name the winning copy gives him
    merged = merge_interviews(there, here, fields_from_there=True)
    assert merged.interview.steps == here.steps
    assert merged.ticks == [here.steps[1]] and merged.added == []


def test_a_person_removed_by_the_copy_changed_last_stays_with_all_their_steps_for_one_tick():
    # there, changed last, removed Raj and Kim; here Kim's email was done meanwhile
    jane = [_pending("email", "Jane Doe"), _pending("linkedin", "Jane Doe")]
    raj = [_pending("email", "Raj Patel"), _pending("linkedin", "Raj Patel")]
    kim = [_done("email", "Kim Lee"), _pending("linkedin", "Kim Lee")]
    here = _copy([JANE, RAJ, KIM], jane + raj + kim)
    merged = merge_interviews(here, _copy([JANE], jane), fields_from_there=True)
    assert merged.interview.interviewers == [JANE, KIM]  # Raj, with nothing finished, goes
    assert merged.interview.steps == jane + kim
    assert merged.kept_people == [(KIM, KIM)]


def test_a_person_listed_twice_in_the_copy_that_loses_is_kept_once():
    # a hand-edited file lists Kim twice; the copy here, changed last, no longer has her
    there = _copy([KIM, KIM], [_done("email", "Kim Lee")])
    merged = merge_interviews(_copy([JANE], []), there, fields_from_there=False)
    assert merged.kept_people == [(KIM, KIM)]
    assert merged.interview.interviewers == [JANE, KIM]
    assert merged.interview.steps == [_done("email", "Kim Lee")]


def test_a_step_of_someone_the_interview_does_not_list_stays_theirs_in_the_copy_that_wins():
    # a hand-edited store: Raj is gone from the people, not from the steps
    here = _copy([JANE], [_pending("email", "Jane Doe"), _done("email", "Raj Patel")])
    there = _copy([JANE], [_pending("email", "Jane Doe")])
    merged = merge_interviews(here, there, fields_from_there=False)
    assert merged.interview.steps == here.steps
    assert not merged.changed
