"""`followup stats`: the season at a glance. Its numbers are checked against a season
built through the real CLI (counted by hand below) and against generated seasons, whose
numbers this file computes from what it generated, not with the code under test."""

from __future__ import annotations

import json
import re

from rich.cells import cell_len

from followup.features.stats import OUTCOME_KEYS


def at(when: str, cli, *args: str):
    """Run followup with "now" pinned to `when` (2026-11-02T12:00, UTC)."""
    run = cli(*args, env={"FOLLOWUP_NOW": when})
    assert run.code == 0, (args, run.stderr)
    return run


def build_season(cli) -> None:
    """Three applications, one of them in two rounds (see the tally in the test below)."""
    at("2026-11-02T12:00", cli, "add", "Acme Corp", "--at", "2026-11-02 10:00",
       "--with", "Jane Doe <jane@acme.com>")  # fmt: skip
    at("2026-11-02T13:00", cli, "done", "acme", "email", "phone")
    at("2026-11-03T09:00", cli, "skip", "acme", "linkedin")
    at("2026-11-03T09:00", cli, "snooze", "acme", "card", "--until", "2026-11-06 09:00")
    at("2026-11-05T12:00", cli, "done", "acme", "card")  # before the snooze's end: late
    at("2026-11-09T10:00", cli, "replied", "acme")
    at("2026-11-12T10:00", cli, "close", "acme", "--outcome", "offer")
    at("2026-11-16T11:00", cli, "add", "Initech", "--at", "2026-11-16 10:00")
    at("2026-11-16T12:00", cli, "done", "initech", "email", "linkedin", "card", "phone")
    at("2026-11-18T10:00", cli, "close", "initech", "--outcome", "rejected")
    at("2026-11-20T11:00", cli, "add", "Globex", "--at", "2026-11-20 10:00")
    at("2026-11-20T12:00", cli, "done", "globex", "email")
    at("2026-11-24T11:00", cli, "next", "globex", "--at", "2026-11-24 10:00")
    at("2026-11-24T12:00", cli, "done", "4", "email", "phone")


def test_a_season_built_through_the_cli_gives_the_numbers_counted_by_hand(cli):
    build_season(cli)
    data = cli("stats", "--json").json()
    # On time (now: Thu 26 Nov 10:00):
    # Acme: email, phone on time; card late (done after its due time before the snooze);
    #   linkedin skipped; check-in skipped by `replied`; reply pending since Fri 13 Nov.
    # Initech: email, linkedin, card, phone on time; check-in (Mon 23 Nov) and reply
    #   (Thu 19 Nov) pending past due.
    # Globex round 1: email on time; phone (20 Nov 14:00), linkedin and card (22 Nov)
    #   pending past due; its check-in skipped by `next`.
    # Globex round 2: email and phone on time; linkedin and card due at 10:00 today (not
    #   past), check-in to come.
    # 9 of 16.
    # Answers: Acme replied after 7 days, Initech closed rejected after 2: median 4.5.
    assert data == {
        "applications": 3,
        "interviews": 4,
        "outcomes": {"offer": 1, "rejected": 1, "withdrawn": 0, "no-response": 0, "open": 1},
        "on_time": round(9 / 16, 3),
        "replied": 2,
        "median_days_to_reply": 4.5,
        "rounds": [3, 1],
        "on_time_by_step": {
            "email": 1.0,
            "linkedin": round(1 / 2, 3),
            "card": round(1 / 3, 3),
            "phone": round(3 / 4, 3),
            "checkin": 0.0,
            "reply": 0.0,
        },
    }
    assert list(data["outcomes"]) == ["offer", "rejected", "withdrawn", "no-response", "open"]


def test_the_chart_says_the_same_numbers_in_plain_bars_within_60_columns(cli):
    build_season(cli)
    for env in ({"COLUMNS": "60"}, {"COLUMNS": "60", "TTY_COMPATIBLE": "1"}):
        run = cli("stats", env=env)
        assert run.code == 0 and run.stderr == ""
        out = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout)
        assert [line for line in out.splitlines() if cell_len(line) > 60] == []
        assert out.splitlines()[0] == "3 applications, 4 interview rounds"
        lines = {" ".join(line.split()[:2]): line for line in out.splitlines()}
        assert re.fullmatch(r"  offer +1  #+\.+ 33%", lines["offer 1"])
        assert re.fullmatch(r"  open +1  #+\.+ 33%", lines["open 1"])
        assert re.fullmatch(r"  round 2 +1  #+\.+ 33% of round 1", lines["round 2"])
        assert re.fullmatch(r"  all steps +56%  #+\.+ 9 of 16", lines["all steps"])
        median = r"  median +4\.5  days from the interview to the answer"
        assert re.fullmatch(median, lines["median 4.5"])
        assert re.fullmatch(r"  fastest +2\.0  days", lines["fastest 2.0"])
        assert re.fullmatch(r"  slowest +7\.0  days", lines["slowest 7.0"])
        bar = re.search(r"  (#+\.+) 9 of 16", lines["all steps"])[1]  # type: ignore[index]
        assert bar.count("#") == round(len(bar) * 9 / 16)


def test_an_empty_store_gives_zeros_and_nulls_and_writes_nothing(cli, files):
    before = files()
    run = cli("stats", "--json")
    assert run.code == 0
    assert run.json() == {
        "applications": 0,
        "interviews": 0,
        "outcomes": dict.fromkeys(OUTCOME_KEYS, 0),
        "on_time": None,
        "replied": 0,
        "median_days_to_reply": None,
        "rounds": [],
        "on_time_by_step": {},
    }
    human = cli("stats")
    assert human.code == 0 and human.stdout == "" and "followup add" in human.stderr
    assert files() == before


def test_stats_reads_history_and_changes_no_file(cli, files):
    build_season(cli)
    at("2026-11-21T11:00", cli, "add", "Umbrella", "--at", "2026-11-21 10:00")
    at("2026-11-22T11:00", cli, "close", "umbrella", "--outcome", "withdrawn")
    before = files()
    assert json.loads(before["open.json"])["history"]  # withdrawn: in the history file
    data = cli("stats", "--json").json()
    assert data["outcomes"]["withdrawn"] == 1 and data["applications"] == 4
    assert cli("stats").code == 0
    assert files() == before


def test_an_application_closed_without_an_outcome_is_in_no_outcome(cli):
    at("2026-11-20T11:00", cli, "add", "Hooli", "--at", "2026-11-20 10:00")
    at("2026-11-21T11:00", cli, "close", "hooli")
    data = cli("stats", "--json").json()
    assert data["applications"] == 1 and sum(data["outcomes"].values()) == 0
    assert data["replied"] == 0 and data["median_days_to_reply"] is None
    assert re.search(r"^  not said +1  #+ 100%$", cli("stats").stdout, re.MULTILINE)
