"""`close --deadline`: a date alone means 23:59 that day, and the year's limit holds for
that time too, not only for the 09:00 a date is first read as."""

from __future__ import annotations

from conftest import ACME


def test_a_deadline_date_whose_2359_is_more_than_a_year_ahead_is_refused(cli, files):
    assert cli(*ACME).code == 0
    before = files()
    # now is 2026-11-26 10:00 UTC: 09:00 on 2027-11-27 is within 366 days, 23:59 is not
    run = cli("close", "1", "--outcome", "offer", "--deadline", "2027-11-27")
    assert run.code == 1
    assert "more than a year from now" in run.stderr
    assert "2027-11-27" in run.stderr
    assert files() == before


def test_a_deadline_date_a_year_ahead_is_taken_at_2359(cli):
    assert cli(*ACME).code == 0
    run = cli("close", "1", "--outcome", "offer", "--deadline", "2027-11-26")
    assert run.code == 0, run.stderr
    assert cli("show", "1", "--json").json()["deadline"] == "2027-11-26T23:59:00+00:00"
