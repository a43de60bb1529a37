"""The rules of `followup config` a user relies on: what each key accepts, up to which
bound, the whole error that a refused value gets, how keys are spelled, the holiday
region checks, and the rules that the settings in force make."""

from __future__ import annotations

import pytest

KEYS = (
    "name, email, phone, linkedin.limit, due.email, due.linkedin, due.card, due.phone, "
    "due.checkin, due.checkin_no_date, due.checkin_again, due.reply, checkin.max, "
    "holidays.country, "
    "holidays.subdivision, remind.within"
)


EMAIL_254 = "s" * 64 + "@" + "e" * 185 + ".com"  # 254 characters


PHONE_40 = "+1 " + "5" * 37


def refused(key: str, message: str, example: str) -> str:
    return f"error: bad value for {key}: {message} (example: followup config {key} {example})\n"


@pytest.mark.parametrize(
    ("key", "value", "error"),
    [
        ("name", "  ", refused(
            "name", 'the name is empty: give one, as in "Sam Lee", or use --unset', '"Sam Lee"')),
        ("name", "Sam\tLee", refused(
            "name", "the name 'Sam\\tLee' has control characters: type it on one line",
            '"Sam Lee"')),
        ("name", "S" * 101, refused(
            "name", "the name is 101 characters long: at most 100", '"Sam Lee"')),
        ("email", " ", refused(
            "email", "the email is empty: give one, as in sam@example.com, or use --unset",
            "sam@example.com")),
        ("email", "x" + EMAIL_254, refused(
            "email", "the email is 255 characters long: at most 254", "sam@example.com")),
        ("email", "sam.example.com", refused(
            "email", "'sam.example.com' is not an email address: write it like sam@example.com",
            "sam@example.com")),
        ("phone", "", refused(
            "phone", 'the phone number is empty: give one, as in "+1 555 0100", or use --unset',
            '"+1 555 0100"')),
        ("phone", "555\r0100", refused(
            "phone", "the phone number '555\\r0100' has control characters: type it on one line",
            '"+1 555 0100"')),
        ("phone", PHONE_40 + "5", refused(
            "phone", "the phone number is 41 characters long: at most 40", '"+1 555 0100"')),
        ("phone", "1234", refused(
            "phone", "'1234' is not a phone number: use digits, spaces and + ( ) - ., such as "
            '"+1 555 0100"', '"+1 555 0100"')),
        ("phone", "call 555 0100", refused(
            "phone", "'call 555 0100' is not a phone number: use digits, spaces and + ( ) - ., "
            'such as "+1 555 0100"', '"+1 555 0100"')),
        ("linkedin.limit", "lots", refused(
            "linkedin.limit", "'lots' is not a whole number: use 200 (a free LinkedIn account) "
            "or 300 (premium)", "300")),
        ("linkedin.limit", "49", refused(
            "linkedin.limit", "49 is out of range: use a number from 50 to 2000", "300")),
        ("linkedin.limit", "2001", refused(
            "linkedin.limit", "2001 is out of range: use a number from 50 to 2000", "300")),
        ("checkin.max", "two", refused(
            "checkin.max", "'two' is not a whole number: use a number of check-ins from 0 to 5",
            "3")),
        ("checkin.max", "6", refused(
            "checkin.max", "6 is out of range: use 0 to 5 check-ins", "3")),
        ("holidays.country", "U5", refused(
            "holidays.country", "'U5' is not a country code: use an ISO 3166 code such as US, "
            "GB or DE", "US")),
        ("holidays.subdivision", "-CA", refused(
            "holidays.subdivision", "'-CA' is not a subdivision code: use one such as CA, BY or "
            "SCT", "CA")),
    ],
)  # fmt: skip
def test_a_refused_value_gets_one_whole_line_naming_the_fix(cli, files, key, value, error):
    cli("config", "name", "Sam Lee")
    before = files()
    run = cli("config", key, "--", value)
    assert (run.code, run.stdout, run.stderr) == (1, "", error)
    assert files() == before


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("nmae", f"unknown setting 'nmae': did you mean name? the settings are {KEYS}"),
        ("DUE.CRAD", f"unknown setting 'DUE.CRAD': did you mean due.card? the settings are {KEYS}"),
        ("colour", f"unknown setting 'colour': the settings are {KEYS}"),
    ],
)
def test_an_unknown_key_names_the_likely_one_and_lists_them_all(cli, files, typed, error):
    run = cli("config", typed, "x")
    assert (run.code, run.stderr) == (1, f"error: {error}\n")
    assert files() == {}


def test_keys_are_read_in_any_case_and_with_spaces_around(cli):
    assert cli("config", " Name ", "Sam Lee").code == 0
    assert cli("config", "NAME").stdout == "Sam Lee\n"
    assert cli("config", "name", "--json").json() == {
        "key": "name",
        "value": "Sam Lee",
        "source": "set",
    }


def test_a_subdivision_needs_a_country_first(cli, files):
    run = cli("config", "holidays.subdivision", "BY")
    assert (run.code, run.stderr) == (
        1,
        "error: holidays.subdivision needs a country first: followup config holidays.country DE\n",
    )
    assert files() == {}


def test_a_country_is_checked_with_the_subdivision_already_set(cli, home):
    assert cli("config", "holidays.country", "DE").code == 0
    assert cli("config", "holidays.subdivision", "by").code == 0
    before = (home / "config.toml").read_bytes()
    # BY is a German state, not a US one: the pair would be wrong, so US is refused.
    run = cli("config", "holidays.country", "US")
    assert run.code == 1
    assert run.stderr.startswith(
        "error: holidays.subdivision 'BY' is not a subdivision of US: use one of AK, AL, "
    )
    assert (home / "config.toml").read_bytes() == before
    # Without the subdivision, US alone is fine.
    assert cli("config", "holidays.subdivision", "--unset").code == 0
    assert cli("config", "holidays.country", "US").code == 0


def test_a_subdivision_is_checked_against_the_country_set(cli):
    assert cli("config", "holidays.country", "US").code == 0
    run = cli("config", "holidays.subdivision", "BY")
    assert run.code == 1
    assert run.stderr.startswith("error: holidays.subdivision 'BY' is not a subdivision of US")
    assert cli("config", "holidays.subdivision", "ca").code == 0
    assert cli("config", "holidays.subdivision").stdout == "CA\n"
