"""Naming an interview (INTERVIEW) and an interviewer (--who): the rules users rely on.

Through the CLI where a command shows the effect, and the engine for the exact messages.
"""

from __future__ import annotations

import pytest

from conftest import AT, make_interview
from followup.core.lookup import describe, find_interview, find_interviewer
from followup.core.models import Interview, Interviewer
from followup.errors import Ambiguous, NotFound


def iv(id: int, company: str, *people: str, role: str = "") -> Interview:
    return make_interview(*people, id=id, company=company, role=role)


def test_exact_wins_only_when_it_names_one_interview():
    open_ = [iv(1, "Acme"), iv(2, "ACME"), iv(3, "Acme Labs")]
    with pytest.raises(Ambiguous, match=r"^'acme' matches 3 open interviews: #1 Acme, #2 ACME, "):
        find_interview("acme", open_)
    with pytest.raises(Ambiguous, match=r"^'acme' matches 2 open interviews: #1 Acme, #2 ACME;"):
        find_interview("acme", open_[:2])
    assert find_interview("ACME LABS", open_).id == 3


def test_a_closed_interview_is_found_by_number_only():
    closed = [iv(4, "Initech", role="QA")]
    calls = []

    def load():
        calls.append(1)
        return closed

    assert find_interview("4", [iv(1, "Acme")], [4], load).id == 4
    with pytest.raises(NotFound, match=r"^no interview #4: open interviews are #1 Acme$"):
        find_interview("4", [iv(1, "Acme")], [], load)  # not listed as closed
    with pytest.raises(NotFound) as info:
        find_interview("init", [iv(1, "Acme")], [4], load)
    assert str(info.value) == (
        "'init' names no open interview, only closed ones (#4 Initech (QA)): a closed "
        "interview goes by its number (#4)"
    )
    assert info.value.advice == ("reopen-closed", 4)
    calls.clear()
    with pytest.raises(NotFound, match=r"^no open interview's company starts with 'init': "):
        find_interview("init", [iv(1, "Acme")], [], load)
    assert calls == []  # no closed interviews: the history is not read


def test_a_number_that_is_also_a_company_name_is_read_as_a_number():
    with pytest.raises(NotFound) as info:
        find_interview("1234", [iv(1, "1234 Studios"), iv(2, "12345 Inc")])
    assert str(info.value) == (
        "no interview #1234; a number is read as an interview number first, "
        "and '1234' is the company of #1, #2: use that number"
    )


def test_a_negative_number_is_a_wrong_number_unless_a_company_starts_with_it():
    with pytest.raises(NotFound, match=r"^no interview -1: interview numbers start at 1, and open"):
        find_interview("-1", [iv(1, "Acme")])
    with pytest.raises(NotFound, match=r"^no interview -2: .* there are no open interviews"):
        find_interview("#-2", [])
    assert find_interview("-1", [iv(1, "Acme"), iv(2, "-1 Labs")]).id == 2  # a prefix


def test_naming_nothing_says_how_to_name_an_interview():
    for text in ("  ", "#"):
        with pytest.raises(NotFound, match=r"^no interview given: name one by its number or"):
            find_interview(text, [iv(1, "Acme")])


def test_the_open_interviews_are_listed_when_none_matches():
    with pytest.raises(NotFound) as info:
        find_interview("zzz", [])
    assert (
        str(info.value)
        == "no open interview's company starts with 'zzz': there are no open interviews"
    )
    assert info.value.advice == ("add-first",)
    eight = [iv(n, f"Co{n}") for n in range(1, 9)]
    with pytest.raises(NotFound) as info:
        find_interview("zzz", eight)
    assert str(info.value).endswith(
        "open interviews are #1 Co1, #2 Co2, #3 Co3, #4 Co4, #5 Co5, #6 Co6, #7 Co7, #8 Co8"
    )
    assert info.value.advice == ("list-all",)
    with pytest.raises(NotFound) as info:
        find_interview("99", [*eight, iv(9, "Co9")])
    assert str(info.value).endswith("#8 Co8 and 1 more")
    with pytest.raises(NotFound) as info:
        find_interview("99", [*eight, iv(9, "Co9"), iv(10, "Co10")])
    assert str(info.value).endswith("#8 Co8 and 2 more")
    assert info.value.advice == ("list-all",)


def test_describe_names_number_company_and_role():
    assert describe(iv(3, "Acme Corp", role="Data Analyst")) == "#3 Acme Corp (Data Analyst)"
    assert describe(iv(3, "Acme Corp")) == "#3 Acme Corp"


def test_who_picks_the_exact_name_over_longer_names_it_begins():
    people = iv(1, "Acme", "Jane", "Jane Doe", "Janet")
    assert find_interviewer("jane", people).name == "Jane"
    assert find_interviewer("JANE D", people).name == "Jane Doe"
    assert find_interviewer(" janet ", people).name == "Janet"
    with pytest.raises(Ambiguous) as info:
        find_interviewer("ja", people)
    assert str(info.value) == "'ja' matches Jane, Jane Doe, Janet on #1 Acme: type more of the name"


def test_who_by_email_when_the_person_has_no_name():
    people = Interview(
        id=1, uid="uid-1", company="Acme", at=AT, interviewers=[Interviewer(email="raj@acme.com")]
    )
    assert find_interviewer("raj@", people).email == "raj@acme.com"


def test_an_empty_or_unknown_who_names_the_people_there_are():
    people = iv(1, "Acme", "Jane Doe")
    for text in ("", "  "):
        with pytest.raises(NotFound) as info:
            find_interviewer(text, people)
        assert str(info.value) == f"no interviewer on #1 Acme matches {text!r}: they are Jane Doe"
    with pytest.raises(NotFound, match=r"^#1 Acme has no named interviewers, so --who"):
        find_interviewer("jane", iv(1, "Acme"))


def test_a_company_of_closed_interviews_lists_the_first_five():
    closed = [iv(n, f"Initech {n}") for n in range(2, 8)]
    with pytest.raises(NotFound) as info:
        find_interview("initech", [iv(1, "Acme")], [c.id for c in closed], lambda: closed)
    assert str(info.value).startswith(
        "'initech' names no open interview, only closed ones (#2 Initech 2, #3 Initech 3, "
        "#4 Initech 4, #5 Initech 5, #6 Initech 6): "
    )


def test_the_engine_says_it_applies_when_the_command_gives_no_reason():
    first = iv(1, "Acme", "Jane")
    second = iv(2, "Acme", "Kim").model_copy(update={"round": 2, "previous": 1})
    with pytest.raises(Ambiguous) as info:
        find_interview("acme", [first, second], wants=lambda _: True)
    assert str(info.value) == (
        "'acme' names 2 rounds of Acme, and it applies on #1 Acme and #2 Acme (round 2): "
        "use the number, as in `1`"
    )


def test_rounds_are_grouped_by_their_first_round_whatever_order_they_come_in():
    from followup.core.lookup import application_roots

    one = iv(1, "Acme")
    two = iv(2, "Acme").model_copy(update={"round": 2, "previous": 1})
    three = iv(3, "Acme").model_copy(update={"round": 3, "previous": 2})
    other = iv(4, "Globex")
    expected = {1: 1, 2: 1, 3: 1, 4: 4}
    assert application_roots([one, two, three, other]) == expected
    assert application_roots([three, other, two, one]) == expected  # newest first
    # a round whose earlier round is not among them (closed, say) starts its own group
    assert application_roots([two, three]) == {2: 2, 3: 2}
    assert application_roots([three]) == {3: 3}
    # a hand-edited loop of `previous` ends, and the loop is one application
    loop_a = iv(5, "Loop").model_copy(update={"previous": 6})
    loop_b = iv(6, "Loop").model_copy(update={"previous": 5})
    for order in ([loop_a, loop_b], [loop_b, loop_a]):
        roots = application_roots(order)
        assert set(roots) == {5, 6} and len(set(roots.values())) == 1 <= len(roots), roots
        assert set(roots.values()) <= {5, 6}


def test_a_round_leading_into_a_loop_of_previous_links_it_is_not_part_of_ends():
    # A hand-edited store: #7's earlier round is #8, and #8 and #9 name each other. The
    # walk from #7 meets the loop away from where it started; it must still end (an alarm
    # turns an endless walk into a failure rather than a hung test run), with the same
    # answer whichever interview comes first.
    import signal

    from followup.core.lookup import application_roots

    tail = iv(7, "Loop").model_copy(update={"previous": 8})
    loop_a = iv(8, "Loop").model_copy(update={"previous": 9})
    loop_b = iv(9, "Loop").model_copy(update={"previous": 8})

    def endless(*_):
        raise AssertionError("application_roots walked a loop of `previous` without end")

    old = signal.signal(signal.SIGALRM, endless)
    try:
        for order in ([tail, loop_a, loop_b], [tail, loop_b, loop_a], [loop_b, loop_a, tail]):
            signal.alarm(5)
            roots = application_roots(order)
            signal.alarm(0)
            # one application, whose first round is the loop's lowest number
            assert roots == {7: 8, 8: 8, 9: 8}, (order, roots)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_a_negative_number_ends_with_the_advice_of_any_unknown_interview():
    # `done -1 email`: the line ends as for any interview not found, with where to look
    # (the open ones listed) or, with none open, how to add one.
    with pytest.raises(NotFound) as info:
        find_interview("-1", [iv(1, "Acme")])
    assert info.value.advice == ("list-all",)
    with pytest.raises(NotFound) as info:
        find_interview("-1", [])
    assert info.value.advice == ("add-first",)


@pytest.mark.parametrize(
    ("names", "words"),
    [
        (["Jane Doe", "Raj Patel"], ["Jane", "Raj"]),
        # "Jane" picks both: the whole name
        (["Jane Doe", "Jane Roe"], ["Jane Doe", "Jane Roe"]),
        (["Jane Doe", "Janet Roe"], ["Jane Doe", "Janet"]),
        # accents and case as --who compares them
        (["José Núñez", "jose Smith"], ["José Núñez", "jose Smith"]),
        (["Ann"], ["Ann"]),
    ],
)
def test_who_word_is_the_shortest_word_that_picks_the_person_out(names, words):
    from followup.core.lookup import find_interviewer, who_word

    iv = make_interview(*names)
    assert [who_word(p, iv.interviewers) for p in iv.interviewers] == words
    for person, word in zip(iv.interviewers, words, strict=True):
        assert find_interviewer(word, iv) == person


def test_who_word_of_a_person_known_by_email_alone_is_the_email():
    from followup.core.lookup import who_word

    iv = make_interview(Interviewer(email="hr@acme.com"), "Hank Scorpio")
    assert who_word(iv.interviewers[0], iv.interviewers) == "hr@acme.com"
