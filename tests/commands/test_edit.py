"""`followup edit`, driven through the real command line."""

from __future__ import annotations

import pytest

from conftest import ACME, NOW, add, unchanged

# ----------------------------------------------------------------------------
# Check-ins that move right: with the decision date while pending, never once finished;
# the next one after `due.checkin_again`; `1bd4h` counted business days first; and
# `reopen N checkin` reopening the last one finished. Through the CLI and directly.
#
# "Now" is Thursday 26 November 2026, 10:00 UTC; the interview Wednesday 25 November, 14:00.


def chain(cli, number: str = "1") -> list[tuple[str, str]]:
    """(status, due) of each check-in of interview `number`, in order."""
    run = cli("show", number, "--json")
    assert run.code == 0, run.stderr
    return [(s["status"], s["due"]) for s in run.json()["steps"] if s["step"] == "checkin"]


def ok(run):
    assert run.code == 0, run.stderr
    return run


@pytest.fixture
def acme(cli):
    ok(cli("add", "Acme Corp", "--at", "2026-11-25 14:00"))


#: The second check-in, added by ticking the first now: 5bd after now.
SECOND = "2026-12-03T10:00:00+00:00"


def test_edit_decision_moves_the_second_checkin_while_it_is_pending(cli, acme):
    ok(cli("done", "1", "checkin"))  # early: the first was due Wed 2 Dec
    assert chain(cli) == [("done", "2026-12-02T14:00:00+00:00"), ("pending", SECOND)]
    ok(cli("edit", "1", "--decision", "2026-12-18"))  # a Friday: +2bd is Tuesday 22nd
    assert chain(cli)[1] == ("pending", "2026-12-22T09:00:00+00:00")
    ok(cli("edit", "1", "--decision", "none"))  # back to 5bd after the last one sent
    assert chain(cli)[1] == ("pending", SECOND)


def test_edit_decision_moves_the_only_checkin_while_pending(cli, acme):
    ok(cli("edit", "1", "--decision", "2026-12-04"))
    assert chain(cli) == [("pending", "2026-12-08T09:00:00+00:00")]


@pytest.mark.parametrize("finish", [("done",), ("skip",)])
@pytest.mark.parametrize(
    "edit", [("--decision", "2026-12-18"), ("--at", "2026-11-24 09:00"), ("--decision", "none")]
)
def test_a_finished_checkin_never_moves_even_the_only_one(cli, acme, finish, edit):
    ok(cli("config", "checkin.max", "1"))  # ticking it adds no other
    if edit == ("--decision", "none"):
        ok(cli("edit", "1", "--decision", "2026-12-01"))
    ok(cli(*finish, "1", "checkin"))
    (before,) = chain(cli)
    ok(cli("edit", "1", *edit))
    assert chain(cli) == [before]


# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


def steps_of(interview: dict) -> dict[tuple[str, str | None], dict]:
    return {(s["step"], s["who"]): s for s in interview["steps"]}


# ----- edit --------------------------------------------------------------------------


def test_edit_at_moves_pending_due_times_and_keeps_done(cli):
    add_acme(cli)
    cli("done", "1", "email", "--who", "jane")
    iv = cli("edit", "1", "--at", "2026-11-26 09:00", "--json").json()
    steps = steps_of(iv)
    assert iv["at"] == "2026-11-26T09:00:00+00:00"
    assert steps[("email", "Jane Doe")]["status"] == "done"
    assert steps[("email", "Jane Doe")]["due"] == "2026-11-26T14:00:00+00:00"
    assert steps[("email", "Raj Patel")]["due"] == "2026-11-27T09:00:00+00:00"
    assert steps[("phone", None)]["due"] == "2026-11-26T13:00:00+00:00"
    assert steps[("checkin", None)]["due"] == "2026-12-03T09:00:00+00:00"


def test_edit_adds_and_removes_interviewers(cli):
    add_acme(cli)
    iv = cli(
        "edit", "acme", "--add-with", "Mia Wong <mia@acme.com>", "--remove-with", "raj", "--json"
    ).json()
    assert [p["name"] for p in iv["interviewers"]] == ["Jane Doe", "Mia Wong"]
    whos = {s["who"] for s in iv["steps"]}
    assert whos == {"Jane Doe", "Mia Wong", None}
    assert len(iv["steps"]) == 8


def test_edit_company_role_notes(cli):
    add_acme(cli)
    result = cli("edit", "1", "--company", "Acme Inc", "--role", "Analyst", "--notes", "SQL test")
    assert result.code == 0
    iv = cli("show", "1", "--json").json()
    assert (iv["company"], iv["role"], iv["notes"]) == ("Acme Inc", "Analyst", "SQL test")
    assert all(s["company"] == "Acme Inc" for s in iv["steps"])


def test_edit_with_nothing_to_change_is_a_usage_error(cli, files):
    add_acme(cli)
    before = files()
    result = cli("edit", "1")
    assert result.code == 2 and "nothing to change" in result.stderr
    assert files() == before


# ----------------------------------------------------------------------------
# `followup config`: the profile and the user's due-time rules in config.toml.


def _due(run, step: str) -> str:
    return next(s["due"] for s in run.json()["steps"] if s["step"] == step)


def test_re_timing_an_interview_uses_the_rules_in_force(cli):
    cli("add", "Oldco", "--at", "2026-11-25 09:00")
    cli("config", "due.email", "2h")
    cli("edit", "1", "--notes", "no new time")
    assert _due(cli("show", "1", "--json"), "email") == "2026-11-26T09:00:00+00:00"
    cli("edit", "1", "--at", "2026-11-25 10:00")
    assert _due(cli("show", "1", "--json"), "email") == "2026-11-25T12:00:00+00:00"


# ----------------------------------------------------------------------------
# Drafts speak to the person they go to: a check-in or a reply without --who greets the
# company's team and never says "You mentioned"; a topic for one person reaches no one
# else; topics are joined as sentences; a panel's LinkedIn notes and cards differ by more
# than the name, never by a detail the user did not give.


def test_a_topic_for_someone_with_no_one_named_is_refused(cli, files):
    assert cli("add", "Soc", "--at", "2026-11-25 10:00").code == 0
    before = files()
    run = cli("edit", "soc", "--topic", "Jane: their dbt + Snowflake stack")
    assert run.code == 1 and "no interviewer is named" in run.stderr
    assert "--with" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert files() == before
    assert cli("edit", "soc", "--topic", "SQL: window functions").code == 0  # no name: for all


# ----------------------------------------------------------------------------
# `followup draft`: the words for each follow-up, from the interview and the profile.


NOTES = "their move from spreadsheets to dbt; the Q3 dashboard rebuild"


PROFILE = ("Sam Lee", "sam@example.com", "+1 555 0100")


@pytest.fixture
def acme_drafts(cli):
    """One interview with two interviewers and notes, as a new user records it."""
    run = cli(*ACME, "--topic", NOTES)
    assert run.code == 0, run.stderr
    return run


@pytest.fixture
def profile(cli):
    for key, value in zip(("name", "email", "phone"), PROFILE, strict=True):
        assert cli("config", key, value).code == 0


def body_of(email: str) -> str:
    return email.split("\n\n", 1)[1]


def test_email_says_conversation_once_and_it_never_means_the_conversation(
    cli, acme_drafts, profile
):
    for topics in ((NOTES,), ()):
        cli("edit", "1", "--clear-topics", *(f"--topic={t}" for t in topics))
        body = " ".join(body_of(cli("draft", "1", "email", "--who", "jane").stdout).split())
        assert body.count("conversation") <= 1
        assert "contributing to it" not in body
    assert "I came away even more interested in joining Acme Corp" in body  # no topics


def test_the_notes_go_before_the_role_when_space_runs_out(cli, profile):
    cli("add", "Acme", "--role", "Principal Data Platform Engineer", "--with", "Jane")
    cli("edit", "1", "--topic", "a very long story about everything " * 4)
    cli("config", "linkedin.limit", "100")
    run = cli("draft", "1", "linkedin")
    note = run.stdout.rstrip("\n")
    assert len(note) <= 100
    assert "Principal Data Platform Engineer" in note
    assert "story" not in note
    assert "left out the sign-off, the closing line and your topics" in run.stderr


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


@pytest.fixture
def unnamed(cli):
    """#1 Acme Corp, no one named: its email done, its LinkedIn note skipped (2/5)."""
    assert cli("add", "Acme Corp", "--at", "2026-11-25 14:00").code == 0
    assert cli("done", "1", "email").code == 0
    assert cli("skip", "1", "linkedin", "--reason", "no account").code == 0


DONE = ("done", NOW, None)


def test_an_edit_undone_gives_the_steps_back_to_no_one(cli, unnamed):
    before = show(cli)
    cli("edit", "1", "--add-with", "Jane")
    assert cli("undo").code == 0
    assert show(cli) == before


#: Every other kind of edit, on an interview with Jane Doe and Raj Patel.
OTHER_EDITS = [
    ("--company", "Acme Inc"),
    ("--role", "Lead"),
    ("--notes", "private"),
    ("--at", "2026-11-24 09:00"),
    ("--decision", "2026-12-04"),
    ("--topic", "Jane: their move to dbt"),
    ("--clear-topics",),
    ("--rename-with", "jane", "Janet Doe <janet@acme.com>"),
    ("--add-with", "Mia Wong"),
    ("--remove-with", "raj"),
]


@pytest.mark.parametrize("edit", OTHER_EDITS, ids=lambda e: e[0])
def test_no_other_edit_resets_a_finished_step(cli, edit):
    cli(
        "add", "Acme Corp", "--at", "2026-11-25 14:00", "--decision", "2026-11-30",
        "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel", "--topic", "SQL",
    )  # fmt: skip
    cli("done", "1", "email", "--who", "jane")
    cli("skip", "1", "linkedin", "--who", "jane", "--reason", "no account")
    cli("done", "1", "phone")
    cli("done", "1", "checkin")  # adds the second check-in
    cli("skip", "1", "checkin", "--reason", "they called")
    before = show(cli)
    run = cli("edit", "1", *edit)
    assert run.code == 0, run.stderr
    after = show(cli)
    jane = "Janet Doe" if edit[0] == "--rename-with" else "Jane Doe"
    assert after[("email", jane)] == DONE
    assert after[("linkedin", jane)] == ("skipped", NOW, "no account")
    assert after[("phone", None)] == DONE
    checkins = [
        (s["status"], s["done_at"], s["reason"])
        for s in cli("show", "1", "--json").json()["steps"]
        if s["step"] == "checkin"
    ]
    assert checkins == [DONE, ("skipped", NOW, "they called")]
    finished = {k: v for k, v in before.items() if v[0] != "pending" and k[1] != "Jane Doe"}
    assert {k: after[k] for k in finished} == finished


# ----------------------------------------------------------------------------
# Moving data between machines and tools: imports merge by `uid`, CSV times are local,
# and a calendar learns when a step is ticked off or overdue.


def test_every_interview_has_a_uid_that_never_changes(cli):
    first = cli(*ACME, "--json").json()
    second = cli("add", "Globex", "--json").json()
    assert isinstance(first["uid"], str) and len(first["uid"]) >= 16
    assert first["uid"] != second["uid"]
    cli("edit", "acme", "--company", "Acme Inc", "--at", "2026-11-24 10:00")
    cli("done", "acme", "email")
    cli("close", "acme")
    assert cli("show", "1", "--json").json()["uid"] == first["uid"]
    exported = cli("export").json()["interviews"]
    assert [iv["uid"] for iv in exported] == [first["uid"], second["uid"]]


# ----------------------------------------------------------------------------
# Times that are probably typos: more than a year ago (asked about, not taken silently),
# and local times that do not exist or happen twice (a daylight-saving change).


def test_edit_at_long_ago_is_refused_too_and_yes_confirms(cli, files):
    cli("add", "Acme")
    before = files()
    refused = cli("edit", "acme", "--at", "2020-03-01")
    assert refused.code == 1 and "--yes" in refused.stderr
    assert files() == before
    assert cli("edit", "acme", "--at", "2020-03-01", "--yes").code == 0


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


# ----- the new keys ------------------------------------------------------------------


def test_an_interview_has_the_new_keys(cli):
    iv = add(cli, *ACME)
    assert iv["decision"] is None
    assert iv["topics"] == []
    assert iv["round"] == 1 and iv["previous"] is None
    assert isinstance(iv["uid"], str) and len(iv["uid"]) >= 16
    other = add(cli, "add", "Globex")
    assert other["uid"] != iv["uid"]
    # the uid never changes
    assert cli("edit", "1", "--company", "Acme Inc").code == 0
    assert show_followthrough(cli, "1")["uid"] == iv["uid"]


def test_edit_decision_moves_a_pending_checkin_and_none_clears_it(cli):
    add(cli, *ACME)
    iv = add(cli, "edit", "acme", "--decision", "2026-12-04")
    assert iv["decision"] == "2026-12-04T09:00:00+00:00"
    assert steps_followthrough(iv, "checkin")[0]["due"] == "2026-12-08T09:00:00+00:00"
    iv = add(cli, "edit", "acme", "--decision", "none")
    assert iv["decision"] is None
    assert steps_followthrough(iv, "checkin")[0]["due"] == "2026-12-02T14:00:00+00:00"
    # --at moves it too while it is pending
    iv = add(cli, "edit", "acme", "--at", "2026-11-26 09:00")
    assert steps_followthrough(iv, "checkin")[0]["due"] == "2026-12-03T09:00:00+00:00"


def test_a_topic_for_a_name_that_fits_two_people_is_refused(cli, files):
    add(cli, *ACME, "--with", "Jim Park")
    err = unchanged(cli, files, "edit", "acme", "--topic", "J: overlaps")
    assert "Jane Doe" in err and "Jim Park" in err
    iv = add(cli, "edit", "acme", "--topic", "ji: overlaps")
    assert iv["topics"][-1] == {"text": "overlaps", "who": "Jim Park"}
    # a colon after something that is no name on the panel is just a topic
    # a capitalised word that names nobody may be a typo of a name: refused, not quoted
    said = unchanged(cli, files, "edit", "acme", "--topic", "Kubernetes: how they deploy")
    assert "'Kubernetes' names no interviewer" in said
    iv = add(cli, "edit", "acme", "--topic", "Kubernetes, how they deploy")
    assert iv["topics"][-1] == {"text": "Kubernetes, how they deploy", "who": None}


def test_edit_adds_topics_and_clear_topics_removes_them(cli):
    add(cli, *ACME, "--topic", "dashboards")
    iv = add(cli, "edit", "acme", "--topic", "SQL")
    assert [t["text"] for t in iv["topics"]] == ["dashboards", "SQL"]
    iv = add(cli, "edit", "acme", "--clear-topics", "--topic", "dbt")
    assert [t["text"] for t in iv["topics"]] == ["dbt"]


def test_removing_an_interviewer_removes_their_topics(cli):
    add(cli, *ACME, "--topic", "Raj: on-call", "--topic", "SQL")
    iv = add(cli, "edit", "acme", "--remove-with", "raj")
    assert iv["topics"] == [{"text": "SQL", "who": None}]


# ----------------------------------------------------------------------------
# Naming people and companies as a user types them: empty entries, accents, any part of
# a name, and correcting an interviewer without losing their progress.


def test_edit_add_with_that_names_no_one_changes_nothing(cli, files):
    cli(*ACME)
    before = files()
    result = cli("edit", "acme", "--add-with", " ; ")
    assert result.code == 1
    assert "--add-with" in result.stderr and "' ; '" in result.stderr
    assert files() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("raj", "Jane Doe"), "Jane Doe"),  # a name already on the interview
        (("raj", "JANE DOE"), "Jane Doe"),
        (("raj", "Jáne Doe"), "Jane Doe"),  # accents: `--who` could not tell them apart
        (("zed", "Zed Alvarez"), "Jane Doe, Raj Patel"),  # no such interviewer
        (("raj", "Raj <not-an-email>"), "not-an-email"),
        (("raj", " ; "), "' ; '"),
    ],
)
def test_rename_with_refuses_bad_values_and_changes_nothing(cli, files, args, words):
    cli(*ACME)
    before = files()
    result = cli("edit", "acme", "--rename-with", *args)
    assert result.code == 1, result.stdout
    assert result.stderr.startswith("error:") and words in result.stderr
    assert files() == before


def test_rename_with_needs_two_values(cli, files):
    cli(*ACME)
    before = files()
    result = cli("edit", "acme", "--rename-with", "raj")
    assert result.code == 2
    assert result.stderr.startswith("error: --rename-with in `followup edit` needs 2 values")
    assert files() == before


# ----------------------------------------------------------------------------
# Fixes from a fresh-eyes QA run of the follow-up arc, each driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC; Acme's interview was Wednesday 25 Nov 14:00.


def test_a_decision_said_for_today_is_today_not_next_year(cli):
    friday = {"FOLLOWUP_NOW": "2026-12-04T10:00:00+00:00"}
    iv = cli("add", "Globex", "--at", "2026-12-04 08:00", "--decision", "december 4", "--json",
             env=friday).json()  # fmt: skip
    assert iv["decision"].startswith("2026-12-04")
    ahead = cli("edit", "1", "--decision", "december 5", "--json", env=friday).json()
    assert ahead["decision"].startswith("2026-12-05")


def test_a_topic_prefix_that_is_no_name_stays_whole_for_everyone(cli):
    add(cli, *ACME)
    for text in ("SQL: window functions", "how they deploy: blue-green", "the move: to dbt"):
        iv = add(cli, "edit", "acme", "--topic", text)
        assert iv["topics"][-1] == {"text": text, "who": None}


# ----------------------------------------------------------------------------
# People carry across rounds: in `next`, a --with that names someone of an earlier round
# of the same application is that person (their email filled in, no second LinkedIn step);
# `--same-panel` brings every interviewer of INTERVIEW.


def steps_of_rounds(run) -> list[tuple[str, str | None]]:
    return [(s["step"], s["who"]) for s in run.json()["steps"]]


def test_edits_keep_a_carried_person_without_a_linkedin_step(cli):
    assert cli(*ACME).code == 0
    assert cli("next", "1", "--at", "2026-12-01 10:00", "--with", "Jane Doe").code == 0
    assert cli("edit", "2", "--at", "2026-12-02 11:00").code == 0
    assert cli("edit", "2", "--rename-with", "jane", "Jane Smith").code == 0
    run = cli("show", "2", "--json")
    (jane,) = run.json()["interviewers"]
    assert (jane["name"], jane["email"], jane["met_in"]) == ("Jane Smith", "jane@acme.com", 1)
    assert not [s for s in steps_of_rounds(run) if s[0] == "linkedin"]


# ----------------------------------------------------------------------------
# Rules of the commands that change interviews and their steps (features.actions and
# features.marking), through the store as the CLI uses it, and through the CLI itself.
#
# Each test is a rule a user relies on: which names in a topic are taken for a person,
# what a rename keeps, what the next round takes over, where a reopened interview goes,
# and which check-in `done` and `reopen` mean.


def test_a_rename_with_a_name_only_keeps_the_email_and_everyones_topics(cli):
    assert cli(
        "add", "Acme Corp", "--at", "2026-11-25 14:00",
        "--with", "Jane Doe <jane@acme.com>", "--with", "Raj Patel",
        "--topic", "Jane: their move to dbt", "--topic", "Raj: SQL", "--topic", "hiring plan",
    ).code == 0  # fmt: skip
    assert cli("edit", "acme", "--rename-with", "jane", "Janet Doe").code == 0
    shown = cli("show", "1", "--json").json()
    assert [(p["name"], p["email"]) for p in shown["interviewers"]] == [
        ("Janet Doe", "jane@acme.com"),
        ("Raj Patel", None),
    ]
    assert shown["topics"] == [
        {"text": "their move to dbt", "who": "Janet Doe"},
        {"text": "SQL", "who": "Raj Patel"},
        {"text": "hiring plan", "who": None},
    ]


def test_edit_says_whether_the_decision_date_was_set_or_cleared(cli):
    assert cli("add", "Acme", "--at", "2026-11-25 14:00").code == 0
    run = cli("edit", "1", "--decision", "friday")
    assert run.code == 0 and "Edited #1: decision date." in run.stderr + run.stdout
    run = cli("edit", "1", "--decision", "none")
    assert run.code == 0 and "Edited #1: decision date cleared." in run.stderr + run.stdout


def test_an_edit_that_changes_nothing_says_so_and_writes_nothing(cli, files):
    assert cli("add", "Acme", "--role", "Analyst", "--at", "2026-11-25 14:00").code == 0
    before = files()
    run = cli("edit", "1", "--role", "Analyst", "--company", "Acme")
    assert run.code == 0 and "#1 already had those values." in run.stderr
    assert files() == before  # no undo step for nothing


def test_an_edit_that_only_brings_the_steps_to_the_current_settings_says_so(cli, files):
    assert cli("config", "checkin.max", "0").code == 0
    assert cli("add", "Acme", "--role", "Analyst", "--at", "2026-11-25 14:00").code == 0
    assert cli("config", "checkin.max", "2").code == 0
    run = cli("edit", "1", "--role", "Analyst")
    said = "Edited #1: steps follow the current settings."
    assert (run.code, said in run.stderr) == (0, True), run.stderr
    assert [s["step"] for s in cli("show", "1", "--json").json()["steps"]][-1] == "checkin"
    undone = cli("undo")
    assert "Reverted: edited #1 Acme (Analyst) (steps follow the current settings)" in (
        undone.stdout
    )
    again = cli("edit", "1", "--role", "Analyst", "--company", "Acme")
    assert "Edited #1: steps follow the current settings." in again.stderr
    before = files()
    assert "#1 already had those values." in cli("edit", "1", "--role", "Analyst").stderr
    assert files() == before


# ----------------------------------------------------------------------------
# QA of the trust work: typed times that were read wrong without a word, edits, reminders.
#
# Each test names the case that slipped through: a zone dropped, a date read as another,
# a rule of docs/times.md not kept.


def test_a_number_alone_is_refused_for_a_decision_through_the_cli(cli, files):
    cli("add", "Acme", "--at", "2026-11-25 14:00")
    before = files()
    run = cli("edit", "1", "--decision", "9")
    assert run.code == 1 and "'9'" in run.stderr and run.stderr.count("\n") == 1
    assert files() == before


def test_naming_someone_leaves_the_phone_message_and_check_ins_no_ones(cli, unnamed):
    assert cli("done", "1", "phone", "checkin").code == 0  # and the next check-in is added
    ok(cli("edit", "1", "--add-with", "Jane"))
    after = show(cli)
    assert after[("phone", None)] == after[("email", "Jane")] == DONE
    assert chain(cli) == [
        ("done", "2026-12-02T14:00:00+00:00"),
        ("pending", "2026-12-03T10:00:00+00:00"),
    ]
    everyone = {(s["step"], s["who"]) for s in cli("show", "1", "--json").json()["steps"]}
    assert ("phone", "Jane") not in everyone and ("checkin", "Jane") not in everyone
    assert "Progress  4/6 done" in cli("show", "1").stdout
