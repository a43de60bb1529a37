"""The terminal paths: `add` asks for the fields, `remove` asks before deleting.

A real pseudo-terminal, so `isatty()` is true as it is for a user.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import env_for_subprocess
from terminal import list_all, run_in_terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def test_add_with_no_company_asks_for_each_field(home):
    code, screen = run_in_terminal(
        home,
        ["add"],
        [
            ("Company", "Acme Corp"),
            ("Role", "Data Analyst"),
            ("When", "tomorrow 25:00"),  # unreadable: asked again
            ("When", "yesterday 3pm"),
            ("Interviewer", "Jane Doe <jane@acme.com>"),
            ("Interviewer", "Raj <oops>"),  # bad email: asked again
            ("Interviewer", "Raj Patel"),
            ("Interviewer", ""),
            ("decide", "whenever"),  # unreadable: asked again
            ("decide", "friday"),
            ("Topic", "Jane: their move to dbt"),
            ("Topic", "dashboards"),
            ("Topic", ""),
            ("Private notes", "salary 90k"),
        ],
    )
    assert code == 0, screen
    assert "tomorrow 25:00" in screen and "'oops'" in screen and "'whenever'" in screen
    [iv] = list_all(home)
    assert iv["company"] == "Acme Corp" and iv["role"] == "Data Analyst"
    assert iv["at"] == "2026-11-25T15:00:00+00:00"
    assert [p["name"] for p in iv["interviewers"]] == ["Jane Doe", "Raj Patel"]
    assert iv["decision"] == "2026-11-27T09:00:00+00:00"
    assert iv["topics"] == [
        {"text": "their move to dbt", "who": "Jane Doe"},
        {"text": "dashboards", "who": None},
    ]
    assert iv["notes"] == "salary 90k"
    assert len(iv["steps"]) == 8


def test_add_asked_with_a_blank_decision_records_none(home):
    code, screen = run_in_terminal(
        home,
        ["add"],
        [("Company", "Globex"), ("Role", ""), ("When", "now"), ("Interviewer", ""),
         ("decide", ""), ("Topic", ""), ("Private notes", "")],
    )  # fmt: skip
    assert code == 0, screen
    [iv] = list_all(home)
    assert iv["decision"] is None and iv["topics"] == [] and iv["notes"] == ""


def test_remove_asks_and_no_keeps_the_interview(home):
    subprocess.run(
        [sys.executable, "-m", "followup", "add", "Acme"],
        env=env_for_subprocess(home),
        check=True,
        capture_output=True,
    )
    code, screen = run_in_terminal(home, ["remove", "acme"], [("Remove #1 Acme", "n")])
    assert code == 0 and "Nothing removed" in screen
    assert len(list_all(home)) == 1
    code, screen = run_in_terminal(home, ["remove", "acme"], [("Remove #1 Acme", "y")])
    assert code == 0 and "Removed #1 Acme" in screen
    assert list_all(home) == []
