"""features.calendar_export: tested directly, and through the commands that use it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from conftest import ACME, NOW_DT, make_interview
from followup import __version__
from followup.core.checklist import derive_steps
from followup.core.models import Interview, Interviewer, Step, Topic
from followup.features.calendar_export import entries, export_ics, soon, step_uid

# ----------------------------------------------------------------------------
# `followup export`: the JSON envelope, CSV for spreadsheets, ICS for calendars.


@pytest.fixture
def sample(cli):
    """Three interviews: one with two interviewers (a step done), one plain, one closed."""
    assert cli(*ACME).code == 0
    assert cli("add", "=cmd|' /C calc'!A0", "--at", "2026-11-25 15:00").code == 0
    assert cli("add", "Initech", "--at", "2026-11-20 10:00").code == 0
    assert cli("close", "3", "--outcome", "withdrawn").code == 0  # no reply step added
    assert cli("done", "acme", "email", "--who", "jane").code == 0


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_ics_has_an_event_with_alarm_per_pending_step_of_open_interviews(cli, sample):
    run = cli("export", "--format", "ics")
    assert run.code == 0
    found = events(run.stdout.encode())
    live = [e for e in found if str(e["STATUS"]) == "CONFIRMED"]
    # Acme: 8 steps, 1 done -> 7; the =cmd one: 5; Initech is closed -> 0
    assert len(live) == 12
    by_summary = {str(e["SUMMARY"]): e for e in live}
    jane = by_summary["LinkedIn · Jane Doe · Acme Corp"]
    assert jane.decoded("DTSTART") == datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    assert "Jane Doe <jane@acme.com>" in str(jane["DESCRIPTION"])
    assert "followup done 1 linkedin --who Jane" in str(jane["DESCRIPTION"])
    assert "Thank-you email · Jane Doe · Acme Corp" not in by_summary  # done
    assert "Overdue: Phone ready · Acme Corp" in by_summary  # no one's step: no person
    assert not any("Initech" in s for s in by_summary)
    alarms = [a for e in live for a in e.walk("VALARM")]
    assert len(alarms) == 12
    assert all(a.decoded("TRIGGER").total_seconds() < 0 for a in alarms)
    # What is finished stays, cancelled and without an alarm: Jane's email, closed Initech
    gone = [e for e in found if str(e["STATUS"]) == "CANCELLED"]
    initech = next(iv for iv in cli("list", "--all", "--json").json() if iv["id"] == 3)
    finished = ["Acme Corp", *["Initech"] * len(initech["steps"])]
    assert sorted(str(e["SUMMARY"]).split(" · ")[-1] for e in gone) == finished
    assert not any(e.walk("VALARM") for e in gone)
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids)


def test_ics_uids_are_stable_and_a_ticked_step_is_cancelled(cli, sample):
    def export() -> dict[str, tuple[str, str]]:
        found = events(cli("export", "-f", "ics").stdout.encode())
        return {str(e["UID"]): (str(e["SUMMARY"]), str(e["STATUS"])) for e in found}

    before = export()
    assert export() == before
    assert cli("done", "1", "card", "--who", "raj").code == 0
    after = export()
    assert set(after) == set(before)
    changed = {uid for uid in after if after[uid] != before[uid]}
    assert [after[uid] for uid in changed] == [
        ("Handwritten card · Raj Patel · Acme Corp", "CANCELLED")
    ]
    # a new time moves the event, not its identity
    assert cli("edit", "1", "--at", "2026-11-25 16:00").code == 0
    assert set(export()) == set(after)


def ics_uids(cli) -> dict[str, str]:
    """Each event's UID and its summary, as the calendar file has them."""
    return {
        str(e["UID"]): str(e["SUMMARY"]) for e in events(cli("export", "-f", "ics").stdout.encode())
    }


def test_renaming_an_interviewer_keeps_their_events_uids(cli, sample, home):
    before = ics_uids(cli)
    assert cli("edit", "acme", "--rename-with", "raj", "Rajesh Patel <raj@acme.com>").code == 0
    after = ics_uids(cli)
    assert set(after) == set(before)  # the calendar updates the events: no copies
    renamed = {uid for uid in after if "Rajesh Patel" in after[uid]}
    assert len(renamed) == 3 and all("Raj Patel ·" in before[uid] for uid in renamed)
    assert cli("edit", "acme", "--rename-with", "rajesh", "R. Patel").code == 0
    assert set(ics_uids(cli)) == set(before)  # and again
    assert cli("edit", "acme", "--rename-with", "r.", "Raj Patel").code == 0  # back
    assert ics_uids(cli) == before
    assert '"key"' not in (home / "open.json").read_text()  # back to the label: no key


def test_someone_added_under_a_renamed_persons_old_name_gets_events_of_their_own(cli, sample):
    before = ics_uids(cli)
    assert cli("edit", "acme", "--rename-with", "raj", "Rajesh Patel").code == 0
    assert cli("edit", "acme", "--add-with", "Raj Patel").code == 0
    after = ics_uids(cli)
    assert set(before) < set(after)  # Rajesh keeps his; the new Raj Patel gets new ones
    assert sorted(after[uid] for uid in set(after) - set(before)) == [
        "Handwritten card · Raj Patel · Acme Corp",
        "LinkedIn · Raj Patel · Acme Corp",
        "Thank-you email · Raj Patel · Acme Corp",
    ]
    people = cli("show", "acme", "--json").json()["interviewers"]
    assert people[1:] == [
        {"name": "Rajesh Patel", "email": None, "key": "Raj Patel"},
        {"name": "Raj Patel", "email": None, "key": "Raj Patel (2)"},
    ]
    assert cli("edit", "acme", "--rename-with", "raj p", "Raj Kumar").code == 0
    assert set(ics_uids(cli)) == set(after)  # the newcomer's key is kept in turn


def test_a_renamed_persons_key_goes_through_export_and_import(cli, sample, home, tmp_path):
    assert cli("edit", "acme", "--rename-with", "raj", "Rajesh Patel").code == 0
    before = ics_uids(cli)
    backup = tmp_path / "backup.json"
    assert cli("export", "--output", str(backup)).code == 0
    shutil.rmtree(home)
    assert cli("import", str(backup)).code == 0
    assert ics_uids(cli) == before


def test_uids_of_people_never_renamed_are_what_they_always_were():
    """A store from before keys: the same UIDs as then (the uid, kind and label hashed)."""
    import hashlib

    iv = Interview(
        id=1, uid="0123", company="Acme", at=NOW_DT, interviewers=[Interviewer(name="Jane Doe")]
    )
    iv.steps = derive_steps(iv)
    email = next(s for s in iv.steps if s.step == "email")
    digest = hashlib.sha256(b"0123\nemail\nJane Doe").hexdigest()[:24]
    assert step_uid(iv, email) == f"followup-email-{digest}@followup"
    assert "key" not in iv.model_dump_json()  # and the store's bytes stay as they were


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.sampled_from(["Raj", "Rajesh Patel", "R. Patel", "Raj Patel", "Jay"]), max_size=4)
)
def test_any_renames_keep_every_uid(names):
    from followup.features.actions import _rename

    iv = Interview(
        id=1, uid="u", company="Acme", at=NOW_DT,
        interviewers=[Interviewer(name="Jane Doe"), Interviewer(name="Raj Patel")],
    )  # fmt: skip
    iv.steps = derive_steps(iv)
    before = sorted(step_uid(iv, s) for s in iv.steps)
    for name in names:
        people = list(iv.interviewers)
        current = people[1].label
        if name.casefold() == "jane doe":
            continue
        _rename(iv, people, current, Interviewer(name=name))
        iv.interviewers = people
        assert sorted(step_uid(iv, s) for s in iv.steps) == before, (names, people)


def test_ics_of_no_pending_steps_says_so(cli):
    run = cli("export", "-f", "ics")
    assert run.code == 0
    assert events(run.stdout.encode()) == []
    assert "nothing to do" in run.stderr


@settings(max_examples=60, deadline=None)
@given(
    company=st.text(min_size=1).filter(str.strip),
    who=st.text(
        alphabet=st.characters(blacklist_characters="<>", blacklist_categories=("Cs",)), min_size=1
    ).filter(lambda s: s.strip() and "@" not in s),
    notes=st.text(),
)
def test_ics_carries_any_user_text_as_text(company, who, notes):
    person = Interviewer(name=who.strip())  # any text, as a store may hold it
    iv = Interview(
        id=4, uid="uid-4", company=company, at=NOW_DT, interviewers=[person], notes=notes
    )
    iv.steps = derive_steps(iv)
    found = events(export_ics([iv], NOW_DT))
    assert len(found) == len(iv.steps)

    def visible(text: str) -> str:  # what RFC 5545 TEXT can hold: no control characters
        return "".join(
            c
            for c in text
            if c in "\t\n" or not (ord(c) < 32 or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF)
        )

    summaries = {str(e["SUMMARY"]) for e in found}
    assert f"LinkedIn · {visible(person.label)} · {visible(company)}" in summaries
    assert {str(e["UID"]) for e in found} == {step_uid(iv, s) for s in iv.steps}


def _khal() -> str | None:
    beside = Path(sys.executable).with_name("khal")
    return str(beside) if beside.exists() else shutil.which("khal")


@pytest.mark.skipif(
    _khal() is None, reason="khal is not installed (pip install -e '.[calendar-client]')"
)
def test_a_real_calendar_client_reads_the_ics(cli, sample, tmp_path):
    ics = tmp_path / "followups.ics"
    assert cli("export", "-o", str(ics)).code == 0
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[followup]]\npath = {tmp_path / 'cal'}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "default_timezone = UTC\nlocal_timezone = UTC\n"
    )
    run = subprocess.run(
        [_khal(), "-c", str(config), "printics", "-f", "{uid}|{title}|{start}|{status}", str(ics)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"TZ": "UTC", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    # Every step is an event: to do, or cancelled (Jane's email, done; closed Initech's)
    interviews = cli("list", "--all", "--json").json()
    expected = sum(len(iv["steps"]) for iv in interviews)
    assert lines[0] == f"{expected} events found in {ics}"
    rows = {line.split("|")[1]: line.split("|") for line in lines[1:]}
    assert rows["LinkedIn · Jane Doe · Acme Corp"][2] == "2026-11-27 14:00"
    # The UID follows the interview's uid, not its number (which an import may change).
    assert rows["Overdue: Phone ready · Acme Corp"][0].startswith("followup-phone-")
    assert rows["Overdue: Phone ready · Acme Corp"][2] == "2026-11-26 10:30"  # today, soon
    cancelled = [row for row in rows.values() if "CANCELLED" in row[3]]
    initech = next(iv for iv in interviews if iv["id"] == 3)
    finished = ["Acme Corp", *["Initech"] * len(initech["steps"])]
    assert sorted(row[1].split(" · ")[-1] for row in cancelled) == finished
    assert len(rows) == expected


# ----------------------------------------------------------------------------
# `export --format ics` never writes private notes: event descriptions hold topics only.


@settings(max_examples=20, deadline=None)
@given(
    notes=st.text(min_size=1),
    topics=st.lists(st.text(min_size=1, max_size=30), max_size=3),
)
def test_the_notes_change_nothing_in_the_calendar(notes, topics):
    """Whatever the notes say, the calendar is the same byte for byte as with none."""

    def calendar(with_notes: str) -> bytes:
        iv = Interview(
            id=3, uid="uid-3", company="Acme", at=datetime(2026, 11, 25, 14, tzinfo=UTC),
            interviewers=[Interviewer(name="Jane Doe")], notes=with_notes,
            topics=[Topic(text=t) for t in topics],
        )  # fmt: skip
        iv.steps = derive_steps(iv)
        return export_ics([iv], NOW_DT)

    assert calendar(notes) == calendar("")


# ----------------------------------------------------------------------------
# Rules of the calendar export (`followup export --format ics`) a calendar user relies on:
# what each event says, when it starts and reminds, which events are cancelled, and that
# every export outranks the earlier ones.


NEW_YORK = ZoneInfo("America/New_York")


JANE = Interviewer(name="Jane Doe", email="jane@acme.com")


RAJ = Interviewer(name="Raj Patel")


def interview(id: int = 7, people=(JANE, RAJ), company="Acme Corp", **more) -> Interview:
    """Acme Corp, 25 Nov 15:00 UTC: email due 26 Nov 15:00, phone (overdue) 25 Nov 19:00."""
    iv = make_interview(*people, id=id, company=company, at=datetime(2026, 11, 25, 15, tzinfo=UTC))
    for key, value in more.items():
        setattr(iv, key, value)
    iv.steps = derive_steps(iv)
    return iv


def events_calendar(data: bytes) -> dict[str, object]:
    """The events by summary (every summary below is unique)."""
    found = list(Calendar.from_ical(data).walk("VEVENT"))
    by_summary = {str(e["SUMMARY"]): e for e in found}
    assert len(by_summary) == len(found)
    return by_summary


def step(iv: Interview, kind: str, who: str | None = None) -> Step:
    return next(s for s in iv.steps if s.step == kind and s.who == who)


# ----- the calendar and its events -------------------------------------------------------


def test_the_calendar_names_itself_and_its_maker():
    cal = Calendar.from_ical(export_ics([interview()], NOW_DT))
    assert str(cal["PRODID"]) == f"-//followup//followup {__version__}//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["X-WR-CALNAME"]) == "followup"


def test_an_event_says_what_to_do_for_whom_and_how_to_tick_it_off():
    topics = [Topic(text="dbt", who="Jane Doe"), Topic(text="the Q3 rebuild")]
    iv = interview(role="Data Analyst", notes="met at the fair", topics=topics)
    found = events_calendar(export_ics([iv], NOW_DT))
    jane = found["LinkedIn · Jane Doe · Acme Corp"]
    assert str(jane["DESCRIPTION"]) == (
        "LinkedIn connection request with a personal note.\n"
        "For: Jane Doe <jane@acme.com>\n"
        "Interview #7: Acme Corp, Data Analyst\n"
        "Topics: dbt; the Q3 rebuild\n"
        "When it is done: followup done 7 linkedin --who Jane"
    )
    raj = found["Handwritten card · Raj Patel · Acme Corp"]
    assert str(raj["DESCRIPTION"]).splitlines()[1] == "For: Raj Patel"
    assert str(raj["DESCRIPTION"]).splitlines()[3] == "Topics: the Q3 rebuild"
    assert str(raj["DESCRIPTION"]).endswith("followup done 7 card --who Raj")
    checkin = found["Check-in · Acme Corp"]  # no one's step: no person, no --who
    assert str(checkin["DESCRIPTION"]) == (
        "A short email asking where things stand, after the decision date.\n"
        "Interview #7: Acme Corp, Data Analyst\n"
        "Topics: dbt; the Q3 rebuild\n"
        "When it is done: followup done 7 checkin"
    )


def test_the_tick_command_picks_the_person_and_is_quoted_for_a_shell():
    """A name with a quote broke the pasted line; two Janes got a --who that picks both."""
    people = [
        Interviewer(name="D'Angelo Russell"),
        Interviewer(name="Jane Doe"),
        Interviewer(name="Jane Roe"),
    ]
    found = events_calendar(export_ics([interview(people=people)], NOW_DT))
    ticks = {
        title: str(event["DESCRIPTION"]).splitlines()[-1]
        for title, event in found.items()
        if title.startswith("LinkedIn")
    }
    assert ticks == {
        "LinkedIn · D'Angelo Russell · Acme Corp": (
            "When it is done: followup done 7 linkedin --who 'D'\"'\"'Angelo'"
        ),
        "LinkedIn · Jane Doe · Acme Corp": (
            "When it is done: followup done 7 linkedin --who 'Jane Doe'"
        ),
        "LinkedIn · Jane Roe · Acme Corp": (
            "When it is done: followup done 7 linkedin --who 'Jane Roe'"
        ),
    }


def test_with_one_interviewer_no_role_and_no_notes_the_event_says_only_what_is_known():
    iv = interview(people=[RAJ])
    email = events_calendar(export_ics([iv], NOW_DT))["Thank-you email · Raj Patel · Acme Corp"]
    assert str(email["DESCRIPTION"]) == (
        "Thank-you email, as soon as you can (within 24 hours).\n"
        "For: Raj Patel\n"
        "Interview #7: Acme Corp\n"
        "When it is done: followup done 7 email"
    )


def test_an_interviewer_known_by_email_only_is_named_by_it():
    iv = interview(people=[Interviewer(email="hr@acme.com")])
    email = events_calendar(export_ics([iv], NOW_DT))["Thank-you email · hr@acme.com · Acme Corp"]
    assert str(email["DESCRIPTION"]).splitlines()[1] == "For: <hr@acme.com>"


def test_a_step_due_later_starts_then_lasts_15_minutes_and_reminds_30_minutes_before():
    found = events_calendar(export_ics([interview()], NOW_DT))
    email = found["Thank-you email · Jane Doe · Acme Corp"]
    start = datetime(2026, 11, 26, 15, tzinfo=UTC)
    assert email.decoded("DTSTART") == start
    assert email.decoded("DTEND") == start + timedelta(minutes=15)
    assert email.decoded("DTSTAMP") == NOW_DT
    assert str(email["STATUS"]) == "CONFIRMED"
    assert [str(c) for c in email["CATEGORIES"].cats] == ["followup"]
    [alarm] = email.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == "Thank-you email · Jane Doe · Acme Corp"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-30)


def test_every_export_outranks_the_earlier_ones_by_its_seconds_since_2020():
    later = NOW_DT + timedelta(seconds=1)
    for moment in (NOW_DT, later):
        for event in events_calendar(export_ics([interview()], moment)).values():
            seconds = (moment - datetime(2020, 1, 1, tzinfo=UTC)).total_seconds()
            assert int(event["SEQUENCE"]) == int(seconds)


def test_an_export_dated_before_2020_has_sequence_zero():
    iv = interview()
    for s in iv.steps:
        s.due = datetime(2019, 12, 31, 12, tzinfo=UTC)
    moment = datetime(2019, 12, 31, 10, tzinfo=UTC)
    found = events_calendar(export_ics([iv], moment))
    assert {int(e["SEQUENCE"]) for e in found.values()} == {0}


# ----- overdue steps ---------------------------------------------------------------------


def test_an_overdue_step_comes_soon_today_saying_when_it_was_due_in_local_time():
    found = events_calendar(export_ics([interview()], NOW_DT, NEW_YORK))
    phone = found["Overdue: Phone ready · Acme Corp"]
    assert phone.decoded("DTSTART") == datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
    assert phone.decoded("DTEND") == datetime(2026, 11, 26, 10, 45, tzinfo=UTC)
    assert str(phone["STATUS"]) == "CONFIRMED"
    assert str(phone["DESCRIPTION"]) == (
        "Overdue: it was due Wed 25 Nov 14:00.\n"  # 19:00 UTC is 14:00 in New York
        "Answer unknown numbers; professional voicemail greeting.\n"
        "Interview #7: Acme Corp\n"
        "When it is done: followup done 7 phone"
    )
    [alarm] = phone.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == "Overdue: Phone ready · Acme Corp"
    # no zone given: the system's (TZ=UTC in the tests)
    utc = events_calendar(export_ics([interview()], NOW_DT))["Overdue: Phone ready · Acme Corp"]
    assert str(utc["DESCRIPTION"]).startswith("Overdue: it was due Wed 25 Nov 19:00.\n")


def test_a_step_due_exactly_now_is_not_overdue():
    iv = interview()
    step(iv, "phone").due = NOW_DT
    found = events_calendar(export_ics([iv], NOW_DT))
    assert found["Phone ready · Acme Corp"].decoded("DTSTART") == NOW_DT


@pytest.mark.parametrize(
    ("now", "start"),
    [
        ("10:00:00", "10:30"),
        ("10:00:30", "10:45"),  # 10:30 would remind 30 s before the export
        ("10:01:00", "10:45"),
        ("10:14:59", "10:45"),
        ("10:15:00", "10:45"),
        ("10:15:00.000001", "11:00"),
        ("23:45:00", "00:15"),
    ],
)
def test_an_overdue_step_goes_to_the_next_quarter_hour_at_least_30_minutes_on(now, start):
    moment = datetime.fromisoformat(f"2026-11-26T{now}+00:00")
    placed = soon(moment)
    assert placed.strftime("%H:%M:%S.%f") == f"{start}:00.000000"
    assert timedelta(minutes=30) <= placed - moment < timedelta(minutes=45)


@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(9000, 1, 1)))
def test_an_overdue_steps_reminder_never_fires_before_the_export(moment):
    moment = moment.replace(tzinfo=UTC)
    placed = soon(moment)
    assert placed - timedelta(minutes=30) >= moment  # the reminder is still to come
    assert placed - moment < timedelta(minutes=45)  # and it is the first quarter that fits
    assert (placed.minute % 15, placed.second, placed.microsecond) == (0, 0, 0)


def test_a_finished_step_is_cancelled_saying_how_and_when_and_has_no_reminder():
    iv = interview()
    done = step(iv, "email", "Jane Doe")
    done.status, done.done_at = "done", datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    skipped = step(iv, "card", "Raj Patel")
    skipped.status, skipped.done_at, skipped.reason = "skipped", NOW_DT, "no address"
    phone = step(iv, "phone")  # overdue, but finished: stays at its due time
    phone.status, phone.done_at = "done", None
    found = events_calendar(export_ics([iv], NOW_DT, NEW_YORK))
    email = found["Thank-you email · Jane Doe · Acme Corp"]
    assert str(email["STATUS"]) == "CANCELLED"
    assert str(email["DESCRIPTION"]).splitlines()[:2] == [
        "Cancelled: done on Thu 26 Nov 04:30.",
        "Thank-you email, as soon as you can (within 24 hours).",
    ]
    assert email.decoded("DTSTART") == done.due
    assert list(email.walk("VALARM")) == []
    card = found["Handwritten card · Raj Patel · Acme Corp"]
    assert str(card["DESCRIPTION"]).splitlines()[0] == (
        "Cancelled: skipped on Thu 26 Nov 05:00. (no address)"
    )
    ready = found["Phone ready · Acme Corp"]  # no "Overdue:"
    assert str(ready["DESCRIPTION"]).splitlines()[0] == "Cancelled: done."
    assert ready.decoded("DTSTART") == phone.due
    assert [str(e["STATUS"]) for e in found.values()].count("CANCELLED") == 3


@pytest.mark.parametrize(
    ("outcome", "why"),
    [
        ("rejected", "Cancelled: the interview was closed (rejected)."),
        (None, "Cancelled: the interview was closed."),
    ],
)
def test_the_steps_of_a_closed_interview_are_cancelled_saying_so(outcome, why):
    iv = interview(closed=True, closed_at=NOW_DT - timedelta(days=1), outcome=outcome)
    done = step(iv, "email", "Jane Doe")
    done.status, done.done_at = "done", datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    found = events_calendar(export_ics([iv], NOW_DT))
    assert len(found) == len(iv.steps)
    assert {str(e["STATUS"]) for e in found.values()} == {"CANCELLED"}
    assert not any(e.walk("VALARM") for e in found.values())
    phone = found["Phone ready · Acme Corp"]  # overdue, but closed: at its due time
    assert phone.decoded("DTSTART") == step(iv, "phone").due
    assert str(phone["DESCRIPTION"]).splitlines()[0] == why
    email = found["Thank-you email · Jane Doe · Acme Corp"]
    assert str(email["DESCRIPTION"]).splitlines()[0] == "Cancelled: done on Thu 26 Nov 09:30."


@pytest.mark.parametrize(
    ("closed_ago", "kept"),
    [
        (timedelta(days=30), True),
        (timedelta(days=30, seconds=1), False),
        (None, False),  # closed, no one knows when: long ago
    ],
)
def test_a_closed_interview_stays_in_the_calendar_for_30_days(closed_ago, kept):
    closed_at = None if closed_ago is None else NOW_DT - closed_ago
    old = interview(id=3, closed=True, closed_at=closed_at)
    found = events_calendar(export_ics([old, interview(id=4, company="Globex")], NOW_DT))
    assert any(summary.endswith("Acme Corp") for summary in found) is kept
    assert "Thank-you email · Raj Patel · Globex" in found


def test_control_characters_are_left_out_and_line_breaks_and_tabs_kept():
    iv = interview(company="Acme\x07 Corp\x1b", topics=[Topic(text="line one\nline\ttwo\x00\x7f")])
    found = events_calendar(export_ics([iv], NOW_DT))
    email = found["Thank-you email · Jane Doe · Acme Corp"]
    assert "Topics: line one\nline\ttwo\n" in str(email["DESCRIPTION"])
    assert "Interview #7: Acme Corp\n" in str(email["DESCRIPTION"])


def test_each_step_has_its_own_uid_the_same_in_every_export_whatever_its_number():
    iv = interview()
    chain = Step(step="checkin", due=datetime(2026, 12, 9, 15, tzinfo=UTC))
    iv.steps.append(chain)  # a second check-in, as `followup checkin` chains them

    def uids(*ivs: Interview, now: datetime = NOW_DT) -> list[str]:
        return [str(e["UID"]) for e in Calendar.from_ical(export_ics(ivs, now)).walk("VEVENT")]

    first = uids(iv)
    assert len(first) == len(iv.steps) == len(set(first))
    assert uids(iv, now=NOW_DT + timedelta(days=1)) == first
    moved = iv.model_copy(update={"id": 12, "company": "Acme Inc"}, deep=True)
    for s in moved.steps:
        s.due += timedelta(hours=2)
    assert uids(moved) == first  # an import may renumber; a new time moves the event
    other = iv.model_copy(update={"uid": "uid-other"}, deep=True)
    assert not set(uids(other)) & set(first)
    assert all(uid.endswith("@followup") for uid in first)


def test_each_entry_says_whether_it_is_due_overdue_or_cancelled():
    iv = interview()
    step(iv, "card", "Raj Patel").status = "skipped"
    kinds = {(s.step, s.who): kind for _, s, kind, _ in entries([iv], NOW_DT)}
    assert kinds == {
        ("email", "Jane Doe"): "due", ("email", "Raj Patel"): "due",
        ("linkedin", "Jane Doe"): "due", ("linkedin", "Raj Patel"): "due",
        ("card", "Jane Doe"): "due", ("card", "Raj Patel"): "cancelled",
        ("phone", None): "overdue", ("checkin", None): "due",
    }  # fmt: skip


def test_a_check_in_keeps_its_uid_when_another_is_chained_after_it():
    iv = interview()
    before = {
        str(e["SUMMARY"]): str(e["UID"])
        for e in Calendar.from_ical(export_ics([iv], NOW_DT)).walk()
        if e.name == "VEVENT"
    }
    iv.steps.append(Step(step="checkin", due=datetime(2026, 12, 9, 15, tzinfo=UTC)))
    after = [
        (str(e["SUMMARY"]), str(e["UID"]), e.decoded("DTSTART"))
        for e in Calendar.from_ical(export_ics([iv], NOW_DT)).walk("VEVENT")
    ]
    first, second = [(uid, start) for summary, uid, start in after if "Check-in" in summary]
    assert first == (before["Check-in · Acme Corp"], datetime(2026, 12, 2, 15, tzinfo=UTC))
    assert second[0] not in before.values()
    assert {summary: uid for summary, uid, _ in after if "Check-in" not in summary} == {
        summary: uid for summary, uid in before.items() if "Check-in" not in summary
    }


def test_a_name_holding_a_lone_surrogate_still_gets_its_events_and_uids():
    # a mis-encoded command line can store one; the calendar must still be written
    odd = Interviewer(name="Ren\udce9e")
    iv = interview(people=[odd, RAJ])
    found = Calendar.from_ical(export_ics([iv], NOW_DT)).walk("VEVENT")
    uids = {str(e["UID"]) for e in found}
    assert len(uids) == len(found) == len(iv.steps)
    assert "LinkedIn · Rene · Acme Corp" in {str(e["SUMMARY"]) for e in found}


def test_uids_are_the_same_in_every_version_of_followup():
    """Calendars hold the UIDs of exports made by earlier versions: a new version that
    named the same steps otherwise would make every re-import add copies. These are
    the UIDs of one interview's steps as followup has always made them."""
    from followup.core.checklist import DEFAULT_SCHEDULE, derive_steps, follow_up_checkin
    from followup.core.models import Interview, Interviewer
    from followup.features.calendar_export import step_uid

    iv = Interview(
        id=7, uid="0123456789abcdef0123456789abcdef", company="Acme",
        at=datetime(2026, 11, 25, 14, tzinfo=UTC),
        interviewers=[Interviewer(name="Jane Doe", email="jane@acme.com"),
                      Interviewer(name="Raj Patel")],
    )  # fmt: skip
    iv.steps = derive_steps(iv)
    first = next(s for s in iv.steps if s.step == "checkin")
    first.status, first.done_at = "done", datetime(2026, 12, 2, 14, tzinfo=UTC)
    iv.steps.append(follow_up_checkin(iv, DEFAULT_SCHEDULE, first.done_at))
    assert [(s.step, s.who, step_uid(iv, s)) for s in iv.steps] == [
        ("email", "Jane Doe", "followup-email-4d96ac47f4cdc3feb22e26d1@followup"),
        ("email", "Raj Patel", "followup-email-74aa37181d2187bbb3e5d046@followup"),
        ("linkedin", "Jane Doe", "followup-linkedin-6df134fffcbeae3d7daf0976@followup"),
        ("linkedin", "Raj Patel", "followup-linkedin-11bfd96acfd19f1769179ed8@followup"),
        ("card", "Jane Doe", "followup-card-9bb9445d9ad9386b398a2ef9@followup"),
        ("card", "Raj Patel", "followup-card-4ed15513ed10bc925e9e239d@followup"),
        ("phone", None, "followup-phone-a185f0ceee7e23f708118f7e@followup"),
        ("checkin", None, "followup-checkin-acf445cf7f6f6108578fca48@followup"),
        ("checkin", None, "followup-checkin-1215fd0ea06dccbfbbc1e43d@followup"),
    ]
