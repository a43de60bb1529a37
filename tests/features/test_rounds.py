"""features.rounds: who a next round (`followup next`) takes as someone of an earlier round
of the same application, and what it says about each, tested directly."""

from __future__ import annotations

import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import AT, NOW_DT
from followup.core.models import Interviewer
from followup.features import actions
from followup.features.rounds import application_rounds, carry_people, earlier_open_rounds
from followup.storage.store import Store

P = Interviewer.parse
LINKEDIN = "no second LinkedIn step"


def application(home: Path, *panels: list[Interviewer]) -> Store:
    """A store holding one application: a round per panel (#1 first), each the next
    round of the one before (added as they are, nobody carried over)."""
    store = Store(home)
    with store.change(NOW_DT) as change:
        earlier = None
        for panel in panels:
            earlier = actions.add_interview(
                change, company="Acme Corp", at=AT, now=NOW_DT, interviewers=panel,
                previous=earlier,
            )  # fmt: skip
    return store


def carry(
    store: Store, *given: Interviewer, same_panel: bool = False
) -> tuple[list[Interviewer], list[str]]:
    """The panel of the round after the latest, with `given`; and what `next` says."""
    with store.change(NOW_DT) as change:
        latest = max(change.open, key=lambda iv: iv.id)
        people = (
            carry_people(change, latest, list(given), same_panel=True)
            if same_panel
            else carry_people(change, latest, list(given))
        )
        return people, list(change.notices)


def test_a_name_given_alone_is_the_person_recorded_with_their_email(home: Path):
    store = application(home, [P("Jane Doe <jane@acme.com>")])
    people, said = carry(store, P("jane  DOE"))
    assert people == [Interviewer(name="Jane Doe", email="jane@acme.com", met_in=1)]
    assert said == [
        f"Jane Doe was on #1: the same person, email jane@acme.com filled in; {LINKEDIN} "
        "(connected since #1)."
    ]


def test_an_email_given_alone_is_the_person_recorded_with_their_name(home: Path):
    store = application(home, [P("Jane Doe <jane@acme.com>")])
    people, said = carry(store, P("<JANE@acme.com>"))
    assert people == [Interviewer(name="Jane Doe", email="JANE@acme.com", met_in=1)]
    assert said == [
        f"Jane Doe was on #1: the same person, name Jane Doe filled in; {LINKEDIN} "
        "(connected since #1)."
    ]


def test_someone_known_by_email_alone_is_named_by_it(home: Path):
    store = application(home, [P("<jane@acme.com>")])
    people, said = carry(store, P("jane@acme.com"))
    assert people == [Interviewer(email="jane@acme.com", met_in=1)]
    assert said == [f"jane@acme.com was on #1: the same person; {LINKEDIN} (connected since #1)."]


def test_someone_given_as_recorded_is_taken_without_remark(home: Path):
    store = application(home, [P("Jane Doe <jane@acme.com>"), P("Raj Patel")])
    people, said = carry(store, P("Jane Doe <jane@acme.com>"), P("Raj Patel"))
    assert people == [
        Interviewer(name="Jane Doe", email="jane@acme.com", met_in=1),
        Interviewer(name="Raj Patel", met_in=1),
    ]
    assert said == [
        f"Jane Doe was on #1: the same person; {LINKEDIN} (connected since #1).",
        f"Raj Patel was on #1: the same person; {LINKEDIN} (connected since #1).",
    ]


def test_an_email_given_for_someone_recorded_without_one_is_added(home: Path):
    store = application(home, [P("Raj Patel")])
    people, said = carry(store, P("Raj Patel <raj@acme.com>"))
    assert people == [Interviewer(name="Raj Patel", email="raj@acme.com", met_in=1)]
    assert said == [
        f"Raj Patel was on #1: the same person, email raj@acme.com added; {LINKEDIN} "
        "(connected since #1)."
    ]


def test_the_same_email_under_another_name_takes_the_name_given_and_says_so(home: Path):
    store = application(home, [P("Jane Doe <jane@acme.com>")])
    people, said = carry(store, P("Jane Smith <jane@acme.com>"))
    assert people == [Interviewer(name="Jane Smith", email="jane@acme.com", met_in=1)]
    assert said == [
        f"Jane Smith was on #1: the same person; {LINKEDIN} (connected since #1). #1 has "
        "them as Jane Doe; this round uses Jane Smith, as you gave it."
    ]


def test_the_same_name_with_another_email_takes_the_email_given_and_asks(home: Path):
    store = application(home, [P("Jane Doe <jane@acme.com>")])
    people, said = carry(store, P("Jane Doe <jane@home.org>"))
    assert people == [Interviewer(name="Jane Doe", email="jane@home.org", met_in=1)]
    assert said == [
        f"Jane Doe was on #1: the same person; {LINKEDIN} (connected since #1). #1 has "
        "jane@acme.com; this round uses jane@home.org, as you gave it (a different person? "
        "give them a different name, such as a surname)."
    ]


def test_a_name_with_other_emails_in_earlier_rounds_takes_the_latest_naming_the_rest(
    home: Path,
):
    store = application(
        home,
        [P("Jane Doe <jane@old.com>")],
        [P("Jane Doe <jane@mid.com>")],
        [P("Jane Doe <JANE@acme.com>")],
        [P("Jane Doe <jane@acme.com>")],
    )
    people, said = carry(store, P("Jane Doe"))
    assert people == [Interviewer(name="Jane Doe", email="jane@acme.com", met_in=1)]
    assert said == [
        f"Jane Doe was on #4: the same person, email jane@acme.com filled in; {LINKEDIN} "
        "(connected since #1). Earlier rounds also have Jane Doe with jane@mid.com, "
        "jane@old.com; the latest, jane@acme.com of #4, was taken: give the email to pick "
        "another."
    ]


def test_someone_first_met_under_another_name_is_connected_since_that_round(home: Path):
    """Followed back by email as well as by name: `J. Doe` of #1 and `Jane Doe` of #2 are
    one person, so the LinkedIn connection dates from #1."""
    store = application(
        home, [P("J. Doe <jane@acme.com>")], [P("Jane Doe <jane@acme.com>")], [P("Raj Patel")]
    )
    people, said = carry(store, P("Jane Doe"))
    assert people == [Interviewer(name="Jane Doe", email="jane@acme.com", met_in=1)]
    assert said == [
        f"Jane Doe was on #2: the same person, email jane@acme.com filled in; {LINKEDIN} "
        "(connected since #1)."
    ]


def test_a_name_whose_latest_round_has_no_email_names_the_earlier_emails(home: Path):
    """Every earlier email is named, even one no command would take (an import or a
    hand-edited store can hold it), and the one taken is said to have none."""
    store = application(home, [Interviewer(name="Jane Doe", email="XXXX")], [P("Jane Doe")])
    people, said = carry(store, P("Jane Doe"))
    assert people == [Interviewer(name="Jane Doe", met_in=1)]
    assert said == [
        f"Jane Doe was on #2: the same person; {LINKEDIN} (connected since #1). Earlier "
        "rounds also have Jane Doe with XXXX; the latest, the one with no email on #2, was "
        "taken: give the email to pick another."
    ]


LETTERS = "aeinoszAEINOSZéèñçÉ"
ACCENTLESS = str.maketrans("éèñçÉ", "eencE")


@settings(max_examples=40)
@given(
    words=st.lists(st.text(LETTERS, min_size=1, max_size=6), min_size=1, max_size=3),
    gaps=st.lists(st.sampled_from([" ", "  ", "   "]), min_size=3, max_size=3),
    upper=st.booleans(),
    accents=st.booleans(),
)
def test_a_name_given_in_another_case_spacing_or_without_accents_is_the_same_person(
    words, gaps, upper, accents
):
    recorded = " ".join(words)
    typed = "".join(w + g for w, g in zip(words, gaps, strict=False)).strip()
    typed = typed.upper() if upper else typed.lower()
    typed = typed if accents else typed.translate(ACCENTLESS)
    with tempfile.TemporaryDirectory() as folder:
        store = application(Path(folder), [P(recorded)])
        people, said = carry(store, P(typed))
    assert people == [Interviewer(name=recorded, met_in=1)]
    assert said == [f"{recorded} was on #1: the same person; {LINKEDIN} (connected since #1)."]


def test_the_same_panel_brings_the_rest_of_the_earlier_round_in_its_order(home: Path):
    store = application(home, [P("Jane Doe <jane@acme.com>"), P("Raj Patel"), P("Mia Wong")])
    people, said = carry(store, P("raj patel"), same_panel=True)
    assert people == [
        Interviewer(name="Jane Doe", email="jane@acme.com", met_in=1),
        Interviewer(name="Raj Patel", met_in=1),
        Interviewer(name="Mia Wong", met_in=1),
    ]
    assert said == [
        f"Raj Patel was on #1: the same person; {LINKEDIN} (connected since #1).",
        f"Brought Jane Doe, Mia Wong from #1 Acme Corp: {LINKEDIN} (connected already); "
        "email and card as for every round.",
    ]


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Stop what runs inside after `seconds` (an endless walk fails instead of hanging)."""

    def stop(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    before = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM (POSIX)")
def test_a_loop_of_previous_links_in_a_hand_edited_store_is_walked_once(home: Path):
    store = application(home, [P("Jane Doe")], [P("Raj Patel")], [P("Mia Wong")])
    with store.change(NOW_DT) as change:
        first, second, third = sorted(change.open, key=lambda iv: iv.id)
        first.previous = 2  # #3 -> #2 -> #1 -> #2 -> ...
        with within(2):
            assert application_rounds(change, third) == [third, second, first]
            assert application_rounds(change, second) == [second, first]
            assert earlier_open_rounds(change, third) == [first, second]


def test_a_previous_round_that_is_nowhere_ends_the_rounds_without_reading_closed_ones(
    home: Path, monkeypatch
):
    store = application(home, [P("Jane Doe")], [P("Raj Patel")])
    with store.change(NOW_DT) as change:
        second = max(change.open, key=lambda iv: iv.id)
        second.previous = 99  # a round removed by hand
        monkeypatch.setattr(type(change), "closed", lambda _: pytest.fail("read closed ones"))
        assert application_rounds(change, second) == [second]


# ----- the order of rounds ----------------------------------------------------------------


def test_a_round_out_of_order_is_refused_in_the_zone_of_the_rules(home: Path):
    """next_round and edit_interview hold a round between the one it follows and the one
    that follows it, and say the times in the rules' zone (Tokyo: UTC+9)."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from followup.core.checklist import Schedule
    from followup.errors import FollowupError

    tokyo = Schedule(tz=ZoneInfo("Asia/Tokyo"))
    store = application(home, [P("Jane Doe")])  # round 1 at AT: 25 Nov 14:00 UTC
    with pytest.raises(FollowupError) as caught, store.change(NOW_DT) as change:
        actions.next_round(change, "1", at=AT - timedelta(hours=1), now=NOW_DT, rules=tokyo)
    assert str(caught.value) == (
        "round 2 of Acme Corp can't be at 2026-11-25 22:00: it follows #1 Acme Corp, at "
        "2026-11-25 23:00; give --at a later time"
    )
    with store.change(NOW_DT) as change:
        actions.next_round(change, "1", at=AT + timedelta(hours=2), now=NOW_DT, rules=tokyo)
    with pytest.raises(FollowupError) as caught, store.change(NOW_DT) as change:
        actions.edit_interview(change, "1", at=AT + timedelta(hours=3), rules=tokyo)
    assert str(caught.value) == (
        "#1 Acme Corp can't be at 2026-11-26 02:00: #2 Acme Corp (round 2) follows it, at "
        "2026-11-26 01:00; give --at an earlier time"
    )
    with pytest.raises(FollowupError) as caught, store.change(NOW_DT) as change:
        actions.edit_interview(change, "2", at=AT - timedelta(hours=1), rules=tokyo)
    assert "can't be at 2026-11-25 22:00: it follows #1 Acme Corp, at 2026-11-25 23:00" in (
        str(caught.value)
    )


def test_a_round_is_held_to_the_one_it_follows_not_to_rounds_before_that(home: Path):
    """In a store already out of order (an import, a hand edit: round 2 before round 1),
    a third round needs only to follow round 2."""
    from datetime import timedelta

    store = application(home, [P("Jane Doe")], [P("Kim Lee")])
    with store.change(NOW_DT) as change:
        second = next(iv for iv in change.open if iv.id == 2)
        second.at = AT - timedelta(hours=5)  # before round 1, as a file may bring it
    with store.change(NOW_DT) as change:
        third, _, _ = actions.next_round(change, "2", at=AT - timedelta(hours=4), now=NOW_DT)
    assert (third.round, third.previous) == (3, 2)
