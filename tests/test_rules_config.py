"""The rules of `followup config` a user relies on: what each key accepts, up to which
bound, the whole error that a refused value gets, how keys are spelled, the holiday
region checks, and the rules that the settings in force make."""

from __future__ import annotations

import importlib.util
from datetime import timedelta

import pytest

from followup.core.business_days import NO_HOLIDAYS, Delay, Holidays
from followup.core.checklist import Rules
from followup.core.kinds import BY_NAME, CHECKIN_AGAIN, CHECKIN_NO_DATE
from followup.errors import FollowupError
from followup.features import config

KEYS = (
    "name, email, phone, linkedin.limit, due.email, due.linkedin, due.card, due.phone, "
    "due.checkin, due.checkin_no_date, due.checkin_again, due.reply, checkin.max, "
    "holidays.country, "
    "holidays.subdivision, remind.within, mail.imap.host, mail.imap.port, mail.imap.user, "
    "mail.imap.security, mail.imap.sent, mail.imap.inbox, mail.imap.token_command, "
    "mail.maildir, mail.maildir_sent"
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
    ("key", "value", "stored"),
    [
        ("name", "S" * 100, "S" * 100),
        ("email", EMAIL_254, EMAIL_254),
        ("phone", PHONE_40, PHONE_40),
        ("phone", "12345", "12345"),
        ("phone", " (555) 010-0000 ext 12 ", "(555) 010-0000 ext 12"),
        ("linkedin.limit", " 50 ", 50),
        ("linkedin.limit", "2000", 2000),
        ("checkin.max", "0", 0),
        ("checkin.max", "5", 5),
        ("holidays.country", " gb ", "GB"),
        ("holidays.country", "deu", "DEU"),
        ("holidays.subdivision", "ca", "CA"),
        ("holidays.subdivision", "sct", "SCT"),
        ("holidays.subdivision", "nord", "nord"),
        ("holidays.subdivision", " Augsburg ", "Augsburg"),
        ("due.card", "3bd", "3bd"),
        ("remind.within", "90m", "90m"),
    ],
)
def test_values_at_the_bounds_are_kept_as_typed_or_as_codes(key, value, stored):
    """Codes are upper case; longer subdivision names are kept as typed; numbers are ints."""
    assert config.check_value(key, value) == stored


def test_business_days_make_no_sense_for_the_reminder_window():
    with pytest.raises(FollowupError) as caught:
        config.check_value("remind.within", "2bd")
    assert str(caught.value).startswith("bad value for remind.within: '2bd' is not a duration")
    assert caught.value.advice == ("config-example", "remind.within", "6h")


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


# ----- the holiday region ------------------------------------------------------------


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


# ----- the settings in force -------------------------------------------------------------


def test_the_defaults_make_the_built_in_rules():
    assert config.Settings().rules() == Rules()
    assert config.Settings().rules().holidays is NO_HOLIDAYS
    assert config.Settings().profile == config.Profile(None, None, None)
    assert config.Settings().linkedin_limit == 200


def test_every_setting_in_force_reaches_the_rules():
    settings = config.Settings(
        {
            "due.email": "6h",
            "due.card": "1bd2h",
            "due.checkin": "3bd",
            "due.checkin_no_date": "4bd",
            "due.checkin_again": "1bd",
            "checkin.max": 4,
            "holidays.country": "DE",
            "holidays.subdivision": "BY",
            "name": "Sam Lee",
            "email": "sam@example.com",
            "phone": "+1 555 0100",
            "linkedin.limit": 300,
        }
    )
    rules = settings.rules()
    assert rules.delays == {
        "email": Delay(0, timedelta(hours=6)),
        "linkedin": BY_NAME["linkedin"].default_delay,
        "card": Delay(1, timedelta(hours=2)),
        "phone": BY_NAME["phone"].default_delay,
        "checkin": Delay(3),
        "reply": BY_NAME["reply"].default_delay,
        "decide": BY_NAME["decide"].default_delay,
    }
    assert (rules.checkin_no_date, rules.checkin_again, rules.checkin_max) == (
        Delay(4),
        Delay(1),
        4,
    )
    assert rules.holidays == Holidays("DE", "BY")
    assert settings.profile == config.Profile("Sam Lee", "sam@example.com", "+1 555 0100")
    assert settings.linkedin_limit == 300
    country_only = config.Settings({"holidays.country": "GB"}).rules()
    assert country_only.holidays == Holidays("GB", None)
    assert config.Settings({"checkin.max": 0}).rules().checkin_max == 0


def test_a_key_in_force_is_found_in_any_case():
    settings = config.Settings({"checkin.max": 1})
    assert settings.get("CHECKIN.MAX") == 1 and settings.is_set(" checkin.max ")
    assert settings.get("remind.within") == "12h" and not settings.is_set("remind.within")
    assert settings.get("phone") is None


def test_the_due_settings_are_made_from_each_kinds_default_at_start_up():
    """Build the settings module afresh, as a new process does, and read its due keys."""
    spec = importlib.util.spec_from_file_location(config.__name__, config.__file__)
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    due = [s for s in fresh.SETTINGS if s.key.startswith("due.")]
    assert [(s.key, s.help, s.default, s.example) for s in due] == [
        ("due.email", "thank-you email due after", "24h", "24h"),
        ("due.linkedin", "LinkedIn note due after", "48h", "48h"),
        ("due.card", "card due after", "48h", "48h"),
        ("due.phone", "voicemail check due after", "4h", "4h"),
        ("due.checkin", "check-in, after decision", "2bd", "2bd"),
        ("due.checkin_no_date", "check-in, if no decision", str(CHECKIN_NO_DATE), "5bd"),
        ("due.checkin_again", "next check-in after one", str(CHECKIN_AGAIN), "5bd"),
        ("due.reply", "reply to a decision after", "1bd", "1bd"),
    ]
    assert all(s.check("3bd") == "3bd" and not s.number for s in due)
    with pytest.raises(ValueError, match="'soon' is not a duration"):
        due[0].check("soon")
