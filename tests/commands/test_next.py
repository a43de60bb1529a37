"""`followup next`, driven through the real command line."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from conftest import ACME, add, unchanged
from followup.core.checklist import derive_steps, step_keys
from followup.core.models import Interview, Interviewer

# ----------------------------------------------------------------------------
# Edits keep progress: no edit turns a done or skipped step back into a pending one.
#
# Adding the first named interviewer to an interview recorded without any gives that
# person the steps done so far; removing the last one gives them back to no one; every
# other edit (names, times, decision date, topics, the next round) leaves finished steps
# as they were. Through the CLI, and through the checklist engine directly.


def steps(run) -> dict[tuple[str, str | None], tuple[str, str | None, str | None]]:
    """(kind, who) -> (status, done_at, reason) of `show --json` output."""
    return {
        (s["step"], s["who"]): (s["status"], s["done_at"], s["reason"]) for s in run.json()["steps"]
    }


def show(cli):
    run = cli("show", "1", "--json")
    assert run.code == 0, run.stderr
    return steps(run)


def test_the_next_round_leaves_the_earlier_rounds_finished_steps_alone(cli):
    cli("add", "Acme Corp", "--at", "2026-11-20 14:00", "--with", "Jane Doe")
    cli("done", "1", "email")
    cli("skip", "1", "card", "--reason", "no address")
    cli("done", "1", "checkin", env={"FOLLOWUP_NOW": "2026-11-25T10:00:00+00:00"})
    cli("skip", "1", "checkin", "--reason", "they called")
    before = show(cli)
    run = cli("next", "1", "--at", "2026-11-25 14:00", "--with", "Jane Doe")
    assert run.code == 0, run.stderr
    assert show(cli) == before  # the check-ins finished keep their reason, not "next round"


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def steps_followthrough(iv: dict, kind: str) -> list[dict]:
    return [s for s in iv["steps"] if s["step"] == kind]


def show_followthrough(cli, ref: str) -> dict:
    run = cli("show", ref, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def test_next_records_the_next_round(cli):
    first = add(cli, *ACME, "--decision", "friday")
    second = add(
        cli, "next", "acme", "--at", "2026-12-01 10:00", "--with", "Kim Lee <kim@acme.com>"
    )
    assert second["id"] == 2 and second["company"] == "Acme Corp"
    assert second["role"] == "Data Analyst"
    assert second["round"] == 2 and second["previous"] == 1
    assert second["uid"] != first["uid"]
    assert [p["name"] for p in second["interviewers"]] == ["Kim Lee"]
    assert {s["step"] for s in second["steps"]} == {"email", "linkedin", "card", "phone", "checkin"}
    earlier = show_followthrough(cli, "1")
    (checkin,) = steps_followthrough(earlier, "checkin")
    assert checkin["status"] == "skipped" and checkin["reason"] == "next round"
    assert all(s["status"] == "pending" for s in steps_followthrough(earlier, "card"))  # still due
    third = add(cli, "next", "2", "--role", "Senior Data Analyst", "--at", "2026-12-08 10:00")
    assert (third["round"], third["previous"], third["role"]) == (3, 2, "Senior Data Analyst")


def test_next_errors_leave_the_store_alone(cli, files):
    add(cli, *ACME)
    unchanged(cli, files, "next", "nobody")
    unchanged(cli, files, "next", "acme", "--with", "<not-an-email>")
    unchanged(cli, files, "next", "acme", "--decision", "whenever")
    assert cli("next").code == 2


def test_next_on_a_closed_round_by_number_keeps_it_closed(cli):
    add(cli, *ACME)
    assert cli("close", "acme", "--outcome", "no-response").code == 0
    second = add(cli, "next", "1", "--with", "Kim Lee")
    assert (second["round"], second["previous"], second["closed"]) == (2, 1, False)
    assert show_followthrough(cli, "1")["closed"] is True


# ----------------------------------------------------------------------------
# People carry across rounds: in `next`, a --with that names someone of an earlier round
# of the same application is that person (their email filled in, no second LinkedIn step);
# `--same-panel` brings every interviewer of INTERVIEW.


def steps_of(run) -> list[tuple[str, str | None]]:
    return [(s["step"], s["who"]) for s in run.json()["steps"]]


def people_of(run) -> dict[str, dict]:
    return {p["name"] or p["email"]: p for p in run.json()["interviewers"]}


def test_a_name_alone_is_the_person_of_the_earlier_round(cli):
    assert cli(*ACME).code == 0
    run = cli("next", "1", "--at", "2026-12-01 10:00", "--with", "Jane Doe", "--json")
    assert run.code == 0, run.stderr
    assert people_of(run)["Jane Doe"]["email"] == "jane@acme.com"
    assert steps_of(run) == [
        ("email", "Jane Doe"),
        ("card", "Jane Doe"),
        ("phone", None),
        ("checkin", None),
    ]  # no second linkedin step: they are connected already
    assert "Jane Doe was on #1" in run.stderr and "jane@acme.com filled in" in run.stderr


def test_the_name_ignores_case_and_accents_and_keeps_the_recorded_spelling(cli):
    jose = "José Núñez <jn@acme.com>"
    assert cli("add", "Acme", "--at", "yesterday 2pm", "--with", jose).code == 0
    run = cli("next", "acme", "--at", "tomorrow", "--with", "jose NUNEZ", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["interviewers"] == [
        {"name": "José Núñez", "email": "jn@acme.com", "met_in": 1}
    ]
    assert ("linkedin", "José Núñez") not in steps_of(run)


def test_a_new_person_gets_all_three_steps_and_no_met_in(cli):
    assert cli(*ACME).code == 0
    run = cli("next", "1", "--at", "2026-12-01 10:00", "--with", "Kim Lee", "--with", "raj patel",
              "--json")  # fmt: skip
    assert run.code == 0, run.stderr
    people = people_of(run)
    assert "met_in" not in people["Kim Lee"] and people["Raj Patel"]["met_in"] == 1
    keys = steps_of(run)
    assert ("linkedin", "Kim Lee") in keys and ("linkedin", "Raj Patel") not in keys
    assert ("email", "Raj Patel") in keys and ("card", "Raj Patel") in keys


def test_the_same_email_is_the_same_person_and_the_name_given_wins_with_a_word(cli):
    assert cli(*ACME).code == 0
    run = cli("next", "1", "--at", "2026-12-01 10:00", "--with", "J. Doe <JANE@acme.com>", "--json")
    assert run.code == 0, run.stderr
    assert people_of(run)["J. Doe"]["met_in"] == 1
    assert ("linkedin", "J. Doe") not in steps_of(run)
    assert "#1 has them as Jane Doe; this round uses J. Doe" in run.stderr


def test_the_same_name_with_another_email_keeps_the_new_email_and_says_so(cli):
    assert cli(*ACME).code == 0
    run = cli("next", "1", "--at", "2026-12-01 10:00", "--with", "Jane Doe <jd@new.org>", "--json")
    assert run.code == 0, run.stderr
    assert people_of(run)["Jane Doe"] == {"name": "Jane Doe", "email": "jd@new.org", "met_in": 1}
    assert "#1 has jane@acme.com; this round uses jd@new.org" in run.stderr


def test_same_panel_brings_everyone_and_with_adds_or_completes(cli):
    assert cli(*ACME).code == 0
    run = cli("next", "1", "--same-panel", "--at", "2026-12-01 10:00",
              "--with", "Raj Patel <raj@acme.com>", "--with", "Kim Lee", "--json")  # fmt: skip
    assert run.code == 0, run.stderr
    assert run.json()["interviewers"] == [
        {"name": "Jane Doe", "email": "jane@acme.com", "met_in": 1},
        {"name": "Raj Patel", "email": "raj@acme.com", "met_in": 1},
        {"name": "Kim Lee", "email": None},
    ]
    linkedin = [who for step, who in steps_of(run) if step == "linkedin"]
    assert linkedin == ["Kim Lee"]
    assert "Brought Jane Doe from #1" in run.stderr


def test_same_panel_of_an_interview_with_no_one_named_says_so(cli):
    assert cli("add", "Soc", "--at", "yesterday 2pm").code == 0
    run = cli("next", "soc", "--same-panel", "--at", "tomorrow", "--json")
    assert run.code == 0 and run.json()["interviewers"] == []
    assert "names no interviewers: --same-panel brought no one" in run.stderr


def test_a_person_of_any_earlier_round_counts_and_keeps_their_first_round(cli):
    assert cli(*ACME).code == 0
    assert cli("next", "1", "--at", "2026-12-01 10:00", "--with", "Kim Lee").code == 0
    assert cli("close", "1").code == 0  # an earlier round closed is still the application's
    run = cli("next", "2", "--at", "2026-12-03 10:00", "--with", "jane doe", "--with", "kim lee",
              "--json")  # fmt: skip
    assert run.code == 0, run.stderr
    people = people_of(run)
    assert (people["Jane Doe"]["met_in"], people["Kim Lee"]["met_in"]) == (1, 2)
    assert not [s for s in steps_of(run) if s[0] == "linkedin"]


def test_another_application_of_the_same_company_is_no_earlier_round(cli):
    assert cli(*ACME).code == 0
    assert cli("add", "Acme Corp", "--at", "2026-11-25 16:00", "--with", "Kim Lee").code == 0
    run = cli("next", "2", "--at", "2026-12-01 10:00", "--with", "Jane Doe", "--json")
    assert run.code == 0, run.stderr
    assert people_of(run)["Jane Doe"] == {"name": "Jane Doe", "email": None}
    assert ("linkedin", "Jane Doe") in steps_of(run)


def test_a_bad_round_changes_nothing(cli, files):
    assert cli(*ACME).code == 0
    before = files()
    run = cli("next", "9", "--same-panel", "--with", "Jane Doe")
    assert run.code == 1 and "no interview #9" in run.stderr
    assert files() == before


NAMES = st.lists(
    st.tuples(st.sampled_from(["Ann", "Bo", "Cy", "Di", "Ed"]), st.booleans()),
    min_size=0,
    max_size=5,
    unique_by=lambda t: t[0],
)


@given(NAMES)
def test_linkedin_steps_go_to_exactly_the_people_new_to_the_application(panel):
    people = [Interviewer(name=n, met_in=1 if met else None) for n, met in panel]
    keys = step_keys(people)
    assert [who for kind, who in keys if kind == "linkedin"] == (
        [n for n, met in panel if not met] if people else [None]
    )
    for kind in ("email", "card"):
        assert [who for k, who in keys if k == kind] == ([n for n, _ in panel] or [None])
    at = datetime(2026, 11, 25, 14, tzinfo=UTC)
    iv = Interview(id=2, uid="u", company="Acme", at=at, interviewers=people, created_at=at)
    iv.steps = derive_steps(iv)
    assert [(s.step, s.who) for s in iv.steps if s.step != "checkin"] == keys
    again = derive_steps(iv.model_copy(update={"at": at.replace(hour=16)}), retime=True)
    assert [(s.step, s.who) for s in again if s.step != "checkin"] == keys


# ----------------------------------------------------------------------------
# Times read right, or refused: zones typed after a time, 15h, negative amounts, dates
# that read two ways, dates without a year, weekdays said of the future, and long WHENs.
#
# Each rule is pinned on core/when.py (and core/zones.py) directly and through the CLI.


def test_next_at_reads_forward(cli):
    # Wednesday 25 November at 11:00: "wednesday 10am" is next week's, not this
    # morning's (which would make every step of the new round 7 days overdue at once)
    env = {"FOLLOWUP_NOW": "2026-11-25T11:00:00+00:00"}
    assert cli("add", "Acme", "--at", "2026-11-20 10:00", env=env).code == 0
    run = cli("next", "acme", "--at", "wednesday 10am", "--json", env=env)
    assert run.code == 0, run.stderr
    doc = run.json()
    assert doc["at"] == "2026-12-02T10:00:00+00:00"
    assert not any(step["overdue"] for step in doc["steps"])
    # a date without a year is the coming one there too
    run = cli("next", "acme", "--at", "december 3", "--json", env=env)
    assert run.json()["at"] == "2026-12-03T09:00:00+00:00"


def test_a_round_out_of_order_with_the_rounds_around_it_is_refused(cli, files):
    """`next --at yesterday` made round 2 come before round 1 at 14:00, and the first
    round's check-in was skipped as if it had come after; an `edit --at` could swap
    them too."""
    add(cli, "add", "Acme", "--at", "yesterday 2pm")
    before = files()
    run = cli("next", "acme", "--at", "yesterday")  # 09:00, before round 1
    assert run.code == 1
    assert run.stderr == (
        "error: round 2 of Acme can't be at 2026-11-25 09:00: it follows #1 Acme, at "
        "2026-11-25 14:00; give --at a later time\n"
    )
    assert files() == before
    assert add(cli, "next", "acme", "--at", "yesterday 2pm")["round"] == 2  # the same time
    assert add(cli, "edit", "2", "--at", "today 9am")["at"] == "2026-11-26T09:00:00+00:00"
    before = files()
    late = cli("edit", "1", "--at", "today 9:30")
    assert late.code == 1
    assert late.stderr == (
        "error: #1 Acme can't be at 2026-11-26 09:30: #2 Acme (round 2) follows it, at "
        "2026-11-26 09:00; give --at an earlier time\n"
    )
    early = cli("edit", "2", "--at", "yesterday 1pm")
    assert early.code == 1 and "it follows #1 Acme, at 2026-11-25 14:00" in early.stderr
    assert files() == before
    # the same time as the round after it is no disorder
    assert add(cli, "edit", "1", "--at", "today 9am")["at"] == "2026-11-26T09:00:00+00:00"


def test_the_order_of_rounds_is_read_in_the_local_zone(cli):
    """The refusal shows times as the user typed them: Tokyo's, not UTC."""
    tokyo = {"TZ": "Asia/Tokyo"}
    assert cli("add", "Acme", "--at", "2026-11-26 15:00", env=tokyo).code == 0
    run = cli("next", "acme", "--at", "2026-11-26 14:00", env=tokyo)
    assert "can't be at 2026-11-26 14:00: it follows #1 Acme, at 2026-11-26 15:00" in run.stderr
