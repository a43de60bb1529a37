"""After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
replies, the shared phone step, and business days, driven through the real CLI.

Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
Wednesday 25 Nov 14:00.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ACME, env_for_subprocess


def add(cli, *args: str) -> dict:
    run = cli(*args, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def steps(iv: dict, kind: str) -> list[dict]:
    return [s for s in iv["steps"] if s["step"] == kind]


def show(cli, ref: str) -> dict:
    run = cli("show", ref, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def unchanged(cli, files, *args: str, code: int = 1) -> str:
    """Run a command that must fail, leaving every file as it was; return its stderr."""
    before = files()
    run = cli(*args)
    assert run.code == code, (run.code, run.stdout, run.stderr)
    assert files() == before
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1, run.stderr
    return run.stderr


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
    assert show(cli, "1")["uid"] == iv["uid"]


def test_phone_is_due_four_hours_after_the_interview(cli):
    iv = add(cli, *ACME)
    (phone,) = steps(iv, "phone")
    assert phone["due"] == "2026-11-25T18:00:00+00:00"
    fresh = add(cli, "add", "Globex")  # right now: nothing overdue
    assert not any(s["overdue"] for s in fresh["steps"])
    assert steps(fresh, "phone")[0]["due"] == "2026-11-26T14:00:00+00:00"


def test_ticking_phone_ticks_it_on_every_open_interview_with_one_undo(cli):
    add(cli, *ACME)
    add(cli, "add", "Globex")
    add(cli, "add", "Initech")
    assert cli("close", "initech").code == 0
    run = cli("done", "globex", "phone")
    assert run.code == 0, run.stderr
    assert "#1" in run.stderr and "Acme Corp" in run.stderr  # says which others
    for ref in ("1", "2"):
        assert steps(show(cli, ref), "phone")[0]["status"] == "done"
    assert steps(show(cli, "3"), "phone")[0]["status"] == "pending"  # closed: left alone
    assert cli("undo").code == 0
    for ref in ("1", "2"):
        assert steps(show(cli, ref), "phone")[0]["status"] == "pending"


def test_done_phone_json_lists_every_step_it_ticked(cli):
    add(cli, *ACME)
    add(cli, "add", "Globex")
    changed = cli("done", "1", "phone", "--json").json()
    assert sorted((s["interview"], s["step"], s["status"]) for s in changed) == [
        (1, "phone", "done"),
        (2, "phone", "done"),
    ]


def test_status_next_puts_the_email_before_the_voicemail_check(cli):
    add(cli, *ACME)
    run = cli("status")
    assert run.code == 0
    next_line = next(line for line in run.stderr.splitlines() if line.startswith("Next:"))
    assert "thank-you email" in next_line and "voicemail" not in next_line


def test_a_checkin_without_a_decision_date_is_due_five_business_days_after(cli):
    iv = add(cli, *ACME)
    (checkin,) = steps(iv, "checkin")
    assert checkin["who"] is None and checkin["status"] == "pending"
    # Wed 25 14:00 + 5bd: Thu, Fri, Mon, Tue, Wed
    assert checkin["due"] == "2026-12-02T14:00:00+00:00"


@pytest.mark.parametrize(
    ("phrase", "decision", "checkin"),
    [
        ("friday", "2026-11-27T09:00:00+00:00", "2026-12-01T09:00:00+00:00"),
        ("next week", "2026-12-04T09:00:00+00:00", "2026-12-08T09:00:00+00:00"),
        ("in 2 weeks", "2026-12-10T09:00:00+00:00", "2026-12-14T09:00:00+00:00"),
        ("2026-12-04", "2026-12-04T09:00:00+00:00", "2026-12-08T09:00:00+00:00"),
        ("tomorrow", "2026-11-27T09:00:00+00:00", "2026-12-01T09:00:00+00:00"),
    ],
)
def test_decision_phrases_look_forward(cli, phrase, decision, checkin):
    iv = add(cli, *ACME, "--decision", phrase)
    assert iv["decision"] == decision
    assert steps(iv, "checkin")[0]["due"] == checkin


def test_edit_decision_moves_a_pending_checkin_and_none_clears_it(cli):
    add(cli, *ACME)
    iv = add(cli, "edit", "acme", "--decision", "2026-12-04")
    assert iv["decision"] == "2026-12-04T09:00:00+00:00"
    assert steps(iv, "checkin")[0]["due"] == "2026-12-08T09:00:00+00:00"
    iv = add(cli, "edit", "acme", "--decision", "none")
    assert iv["decision"] is None
    assert steps(iv, "checkin")[0]["due"] == "2026-12-02T14:00:00+00:00"
    # --at moves it too while it is pending
    iv = add(cli, "edit", "acme", "--at", "2026-11-26 09:00")
    assert steps(iv, "checkin")[0]["due"] == "2026-12-03T09:00:00+00:00"


def test_a_decision_before_the_interview_or_unreadable_is_refused(cli, files):
    add(cli, *ACME)
    assert "2026-11-20" in unchanged(cli, files, "edit", "acme", "--decision", "2026-11-20")
    assert "someday soon" in unchanged(cli, files, "edit", "acme", "--decision", "someday soon")
    assert "next decade" in unchanged(cli, files, "add", "Globex", "--decision", "next decade")


def test_done_checkin_adds_the_next_until_checkin_max_then_suggests_closing(cli):
    add(cli, *ACME)
    first = cli("done", "acme", "checkin", "--json").json()
    # the one ticked, and the one it added
    assert [(s["step"], s["status"]) for s in first] == [
        ("checkin", "done"),
        ("checkin", "pending"),
    ]
    iv = show(cli, "acme")
    done, pending = steps(iv, "checkin")
    assert done["status"] == "done" and pending["status"] == "pending"
    assert pending["due"] == "2026-12-03T10:00:00+00:00"  # 5bd after now
    later = {"FOLLOWUP_NOW": "2026-12-03T11:00:00+00:00"}  # the second is due
    second = cli("done", "acme", "checkin", env=later)
    assert second.code == 0
    assert "already done" not in second.stderr  # the first check-in is history, not news
    iv = show(cli, "acme")
    assert [s["status"] for s in steps(iv, "checkin")] == ["done", "done"]
    assert "already done: Check-in" in cli("done", "acme", "checkin", env=later).stderr
    for command in (("show", "acme"), ("list",), ("status",)):
        run = cli(*command)
        text = run.stdout + run.stderr
        assert "no reply after 2 check-ins" in text, command
    assert "followup close 1 --outcome no-response" in cli("status").stderr


def test_skipping_a_checkin_adds_no_further_one(cli):
    add(cli, *ACME)
    assert cli("skip", "acme", "check-in", "--reason", "they called").code == 0
    iv = show(cli, "acme")
    assert [s["status"] for s in steps(iv, "checkin")] == ["skipped"]
    assert "no reply" not in cli("show", "acme").stdout


def test_checkin_max_setting(cli):
    assert cli("config", "checkin.max", "1").code == 0
    add(cli, *ACME)
    assert cli("done", "acme", "checkin").code == 0
    assert len(steps(show(cli, "acme"), "checkin")) == 1
    assert "no reply after 1 check-in" in cli("show", "acme").stdout
    assert cli("config", "checkin.max", "0").code == 0
    assert steps(add(cli, "add", "Globex"), "checkin") == []


def test_reopening_a_checkin_takes_back_the_one_it_added(cli):
    add(cli, *ACME)
    assert cli("done", "acme", "checkin").code == 0
    assert cli("reopen", "acme", "checkin").code == 0
    assert [s["status"] for s in steps(show(cli, "acme"), "checkin")] == ["pending"]


def test_checkin_draft_mentions_the_decision_date(cli):
    add(cli, *ACME, "--decision", "friday")
    assert cli("config", "name", "Sam Lee").code == 0
    run = cli("draft", "acme", "checkin", "--who", "raj")
    assert run.code == 0, run.stderr
    subject, blank, *body = run.stdout.splitlines()
    assert subject.startswith("Subject: ") and blank == ""
    text = "\n".join(body)
    assert "Dear Raj," in text
    assert "27 November" in text  # the decision date
    assert "Data Analyst" in text and "Sam Lee" in text
    assert len(text.split()) < 120
    # with no --who, it goes to the company's team and says how to write to one person
    run = cli("draft", "acme", "checkin")
    assert run.code == 0 and "Dear Acme Corp team," in run.stdout and "--who" in run.stderr


def test_holidays_country_skips_public_holidays(cli):
    assert cli("config", "holidays.country", "US").code == 0
    iv = add(cli, *ACME)
    # Thanksgiving (Thu 26 Nov) does not count: Fri, Mon, Tue, Wed, Thu
    assert steps(iv, "checkin")[0]["due"] == "2026-12-03T14:00:00+00:00"


def test_every_due_setting_takes_business_days(cli):
    for key, value in (
        ("due.email", "1bd"),
        ("due.card", "2bd"),
        ("due.linkedin", "1bd4h"),
        ("due.phone", "2h"),
        ("due.checkin", "3bd"),
        ("due.checkin_no_date", "4bd"),
        ("due.checkin_again", "1bd"),
    ):
        run = cli("config", key, value)
        assert run.code == 0, (key, run.stderr)
    iv = add(cli, "add", "Acme", "--at", "2026-11-27 14:00")  # a Friday
    due = {s["step"]: s["due"] for s in iv["steps"]}
    assert due["email"] == "2026-11-30T14:00:00+00:00"
    assert due["card"] == "2026-12-01T14:00:00+00:00"
    assert due["linkedin"] == "2026-11-30T18:00:00+00:00"
    assert due["phone"] == "2026-11-27T16:00:00+00:00"
    assert due["checkin"] == "2026-12-03T14:00:00+00:00"


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("checkin.max", "6", "0 to 5"),
        ("checkin.max", "two", "whole number"),
        ("due.checkin", "2bdx", "duration"),
        ("holidays.country", "Narnia", "ISO 3166"),
        ("holidays.country", "XX", "ISO 3166"),
    ],
)
def test_bad_new_settings_are_refused(cli, files, key, value, words):
    assert words in unchanged(cli, files, "config", key, value)


def test_a_subdivision_needs_a_known_country(cli, files):
    assert cli("config", "holidays.country", "DE").code == 0
    assert "BY" in unchanged(cli, files, "config", "holidays.subdivision", "ZZ")
    assert cli("config", "holidays.subdivision", "BY").code == 0


#: Runs followup's entry point in a fresh interpreter, then says whether `holidays` was
#: imported (sys.modules, checked at exit, whatever the command did).
_PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('HOLIDAYS', 'holidays' in sys.modules, file=sys.stderr))\n"
    "sys.argv = ['followup', *sys.argv[1:]]\n"
    "from followup.__main__ import main\n"
    "main()\n"
)


def test_holidays_is_not_imported_without_a_business_day_sum(home):
    """Speed: `status` and clock-only sums never load the holidays package."""
    env = env_for_subprocess(home)

    def imported(*args: str) -> bool:
        run = subprocess.run(
            [sys.executable, "-c", _PROBE, *args], env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        (said,) = [line for line in run.stderr.splitlines() if line.startswith("HOLIDAYS ")]
        return said == "HOLIDAYS True"

    assert not imported("add", "Acme", "--with", "Jane")  # no holidays.country set
    assert not imported("config", "due.phone", "2h")
    assert imported("config", "holidays.country", "US")  # checked against the package
    for command in (("status",), ("list",), ("status", "--json"), ("show", "1")):
        assert not imported(*command), command
    assert not imported("done", "1", "email")  # no business-day sum
    assert imported("add", "Globex")  # its check-in is a business-day sum with holidays


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
    earlier = show(cli, "1")
    (checkin,) = steps(earlier, "checkin")
    assert checkin["status"] == "skipped" and checkin["reason"] == "next round"
    assert all(s["status"] == "pending" for s in steps(earlier, "card"))  # still due
    third = add(cli, "next", "2", "--role", "Senior Data Analyst")
    assert (third["round"], third["previous"], third["role"]) == (3, 2, "Senior Data Analyst")


def test_list_groups_the_rounds_of_an_application(cli):
    add(cli, *ACME)
    add(cli, "add", "Globex")
    add(cli, "next", "acme")
    run = cli("list")
    lines = run.stdout.splitlines()
    acme = [i for i, line in enumerate(lines) if "Acme" in line or "round 2" in line]
    globex = [i for i, line in enumerate(lines) if "Globex" in line]
    # Acme's two rounds are together, round 1 then round 2, though #2 is Globex
    assert len(acme) == 2 and acme[1] == acme[0] + 1 and globex == [acme[1] + 1], run.stdout
    assert "round 2" in lines[acme[1]].lower()


def test_a_prefix_matching_several_rounds_never_ticks_the_wrong_one(cli, files):
    add(cli, *ACME)
    add(cli, "next", "acme", "--with", "Kim Lee")
    # the card is pending on both rounds: refused, naming both
    err = unchanged(cli, files, "done", "acme", "card")
    assert "#1" in err and "#2" in err and "round" in err
    # the thank-you email to Kim exists on round 2 only: that one
    run = cli("done", "acme", "email", "--who", "kim")
    assert run.code == 0, run.stderr
    assert steps(show(cli, "2"), "email")[0]["status"] == "done"
    # once round 1's cards are done, "acme card" can only mean round 2's
    assert cli("done", "1", "card").code == 0
    assert cli("done", "acme", "card").code == 0
    assert steps(show(cli, "2"), "card")[0]["status"] == "done"
    # reading commands take the latest round, and say so
    run = cli("show", "acme")
    assert run.code == 0 and "#2" in run.stdout and "round" in run.stderr


def test_next_errors_leave_the_store_alone(cli, files):
    add(cli, *ACME)
    unchanged(cli, files, "next", "nobody")
    unchanged(cli, files, "next", "acme", "--with", "<not-an-email>")
    unchanged(cli, files, "next", "acme", "--decision", "whenever")
    assert cli("next").code == 2


def test_notes_never_reach_a_draft(cli):
    add(cli, *ACME, "--notes", "salary 90k, red flags", "--topic", "their move to dbt")
    assert cli("config", "name", "Sam Lee").code == 0
    for kind in ("email", "linkedin", "card", "checkin"):
        run = cli("draft", "acme", kind, "--who", "jane")
        assert run.code == 0, (kind, run.stderr)
        assert "90k" not in run.stdout and "red flags" not in run.stdout, kind
    assert "dbt" in cli("draft", "acme", "email", "--who", "jane").stdout


def test_topics_for_one_person_make_each_panel_email_different(cli):
    iv = add(
        cli, *ACME,
        "--topic", "Python testing strategy",
        "--topic", "Jane: their move to dbt",
        "--topic", "Raj: the on-call rota",
    )  # fmt: skip
    assert iv["topics"] == [
        {"text": "Python testing strategy", "who": None},
        {"text": "their move to dbt", "who": "Jane Doe"},
        {"text": "the on-call rota", "who": "Raj Patel"},
    ]
    jane = cli("draft", "acme", "email", "--who", "jane").stdout
    raj = cli("draft", "acme", "email", "--who", "raj").stdout
    assert "dbt" in jane and "on-call" not in jane
    assert "on-call" in raj and "dbt" not in raj
    assert "Python testing strategy" in jane + raj  # a proper noun keeps its case

    def body(text: str) -> list[str]:
        return [line for line in text.splitlines()[2:] if line and not line.startswith("Dear")]

    assert body(jane) != body(raj)
    assert len(" ".join(body(jane)).split()) <= 110  # shorter than the old four paragraphs
    assert "make a real contribution from the start" not in jane


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


def test_export_writes_version_2_and_version_1_files_still_import(cli, tmp_path, home):
    add(cli, *ACME, "--topic", "dbt", "--decision", "friday")
    out = tmp_path / "out.json"
    assert cli("export", "--output", str(out)).code == 0
    doc = json.loads(out.read_text())
    assert doc["version"] == 3
    (iv,) = doc["interviews"]
    assert iv["topics"] == [{"text": "dbt", "who": None}] and iv["uid"]
    old = {
        "format": "followup",
        "version": 1,
        "interviews": [
            {
                "id": 7, "company": "Initech", "role": "", "at": "2026-11-20T10:00:00+00:00",
                "interviewers": [], "notes": "TPS reports", "closed": False, "outcome": None,
                "steps": [],
            }
        ],
    }  # fmt: skip
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(old))
    run = cli("import", str(path))
    assert run.code == 0, run.stderr
    assert "topics" in run.stderr
    imported = next(i for i in cli("list", "--json").json() if i["company"] == "Initech")
    assert imported["topics"] == [{"text": "TPS reports", "who": None}]
    assert imported["uid"]


@pytest.mark.parametrize(
    ("outcome", "words"),
    [("offer", ("written offer", "by when")), ("rejected", ("keep me in mind", "in touch"))],
)
def test_reply_drafts_after_the_decision(cli, outcome, words):
    add(cli, *ACME)
    assert cli("config", "name", "Sam Lee").code == 0
    closing = cli("close", "acme", "--outcome", outcome)
    assert closing.code == 0
    assert "followup draft 1 reply" in closing.stderr
    run = cli("draft", "1", "reply", "--who", "jane")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("Subject: ")
    assert "Dear Jane," in run.stdout and "Sam Lee" in run.stdout
    for word in words:
        assert word in run.stdout.lower(), word


def test_reply_needs_an_offer_or_a_rejection(cli, files):
    add(cli, *ACME)
    err = unchanged(cli, files, "draft", "acme", "reply", "--who", "jane")
    assert "offer" in err and "rejected" in err and "close" in err
    assert cli("close", "acme", "--outcome", "withdrawn").code == 0
    assert "withdrawn" in unchanged(cli, files, "draft", "1", "reply", "--who", "jane")


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("add", ("--decision", "--topic", "Example:")),
        ("edit", ("--decision", "--topic", "--clear-topics", "Example:")),
        ("next", ("--decision", "--topic", "--with", "--json", "Example:")),
        ("draft", ("checkin", "reply", "Example:")),
    ],
)
def test_help_names_the_new_options_with_an_example(cli, command, options):
    run = cli(command, "--help")
    assert run.code == 0
    for option in options:
        assert option in run.stdout, (command, option)


def test_completion_offers_the_new_words(home):
    env = env_for_subprocess(
        home, _FOLLOWUP_COMPLETE="complete_bash", COMP_WORDS="followup done 1 ch", COMP_CWORD="3"
    )
    run = subprocess.run(
        [sys.executable, "-m", "followup"], env=env, capture_output=True, text=True
    )
    assert "checkin" in run.stdout.split()
    env.update(COMP_WORDS="followup ne", COMP_CWORD="1")
    run = subprocess.run(
        [sys.executable, "-m", "followup"], env=env, capture_output=True, text=True
    )
    assert "next" in run.stdout.split()


def test_a_csv_topics_column_becomes_topics_and_notes_stay_private(cli, tmp_path):
    path = tmp_path / "apps.csv"
    path.write_text(
        "company,at,interviewers,notes,topics\n"
        'Hooli,2026-11-23 15:00,Gavin Belson; Denpok,salary 90k,"Gavin: scale; the roadmap"\n'
    )
    run = cli("import", str(path))
    assert run.code == 0, run.stderr
    (iv,) = cli("list", "--json").json()
    assert iv["notes"] == "salary 90k"
    assert iv["topics"] == [
        {"text": "scale", "who": "Gavin Belson"},
        {"text": "the roadmap", "who": None},
    ]


def test_a_reply_without_a_role_names_the_company_once(cli):
    add(cli, "add", "Initech", "--with", "Bill Lumbergh")
    assert cli("close", "initech", "--outcome", "offer").code == 0
    text = cli("draft", "1", "reply").stdout
    assert "Dear Initech team," in text and "the position at Initech." in text
    assert "Initech at Initech" not in text


def test_next_on_a_closed_round_by_number_keeps_it_closed(cli):
    add(cli, *ACME)
    assert cli("close", "acme", "--outcome", "no-response").code == 0
    second = add(cli, "next", "1", "--with", "Kim Lee")
    assert (second["round"], second["previous"], second["closed"]) == (2, 1, False)
    assert show(cli, "1")["closed"] is True


def test_each_checkin_is_its_own_calendar_event(cli):
    add(cli, *ACME)
    first = cli("export", "--format", "ics").stdout
    assert cli("done", "acme", "checkin").code == 0
    second = cli("export", "--format", "ics").stdout

    def checkin_uids(text: str) -> list[str]:
        events = text.split("BEGIN:VEVENT")[1:]
        return [
            line.split(":", 1)[1]
            for event in events
            if "Check-in" in event
            for line in event.splitlines()
            if line.startswith("UID:")
        ]

    (was,) = checkin_uids(first)
    now = checkin_uids(second)
    # the done one stays, cancelled (so a calendar drops it); the next is a new event
    assert was in now and len(now) == 2
    done = next(e for e in second.split("BEGIN:VEVENT")[1:] if f"UID:{was}" in e)
    assert "STATUS:CANCELLED" in done


def test_upgraded_notes_longer_than_a_topic_are_cut_at_a_word_notes_kept():
    from followup.core.text import LIMITS
    from followup.storage.migrations import notes_as_topics

    long = "word " * 100 + "\n  second   line  \n\n"
    topics = notes_as_topics(long)
    assert [t["text"] for t in topics][1] == "second line"
    first = topics[0]["text"]
    assert len(first) <= LIMITS["topic"] and first.endswith("word…")


def test_import_refuses_a_topic_with_a_control_character(cli, tmp_path, files):
    add(cli, *ACME, "--topic", "dbt")
    out = tmp_path / "out.json"
    assert cli("export", "--output", str(out)).code == 0
    doc = json.loads(out.read_text())
    doc["interviews"][0]["topics"][0]["text"] = "dbt\x1b[2J"
    out.write_text(json.dumps(doc))
    err = unchanged(cli, files, "import", str(out))
    assert "topics[0].text" in err and "control character" in err
