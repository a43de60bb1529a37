"""features.config: tested directly, and through the commands that use it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import env_for_subprocess
from followup.core import durations
from followup.core.business_days import NO_HOLIDAYS, Delay, Holidays
from followup.core.checklist import Schedule
from followup.core.kinds import BY_NAME, CHECKIN_AGAIN, CHECKIN_NO_DATE
from followup.core.text import CONTROL
from followup.errors import FollowupError
from followup.features import config, config_file

# ----------------------------------------------------------------------------
# `followup config`: the profile and the user's due-time rules in config.toml.


@pytest.mark.parametrize(
    ("text", "named"),
    [('email = 3\nphone = "x"\n', "line 1: email = 3 should be text in quotes"),
     ('email = 3\nphone = "x"\n', "line 2: bad value for phone: 'x' is not a phone number"),
     ('email = 3\nnmae = "Sam"\n', "line 2: unknown setting 'nmae'")],
)  # fmt: skip
@pytest.mark.parametrize(
    "command", [("config", "email", "sam@example.com"), ("config", "email", "--unset")]
)
def test_a_repair_refuses_while_other_lines_are_bad_naming_them(
    cli, home, files, text, named, command
):
    home.mkdir()
    (home / "config.toml").write_text(text)
    before = files()
    run = cli(*command)
    assert run.code == 1
    assert "has 2 bad settings" in run.stderr and named in run.stderr
    assert "fix those lines by hand" in run.stderr
    assert "set it with" not in run.stderr  # no command is offered that would fail too
    assert files() == before


_SPAN = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}


# ----- the module -------------------------------------------------------------------


@given(st.lists(st.tuples(st.integers(0, 200), st.sampled_from("mhd")), min_size=1, max_size=3))
def test_durations_read_back_as_their_sum(parts):
    text = " ".join(f"{n}{u}" for n, u in parts)
    total = sum((n * _SPAN[u] for n, u in parts), timedelta(0))
    if total > durations.MAX_DELAY:
        with pytest.raises(ValueError, match="at most 30d"):
            durations.parse_duration(text)
        return
    tidy, span = durations.parse_duration(text)
    assert span == total
    assert tidy == text.replace(" ", "")
    assert durations.parse_duration(tidy) == (tidy, span)


@pytest.mark.parametrize(
    ("text", "tidy", "minutes"),
    [("90m", "90m", 90), ("36 hours", "36h", 2160), ("2 Days", "2d", 2880), ("1w", "1w", 10080)],
)
def test_durations_accept_words_and_keep_the_users_unit(text, tidy, minutes):
    assert durations.parse_duration(text) == (tidy, timedelta(minutes=minutes))


@pytest.mark.parametrize("text", ["", "24", "h", "1.5h", "2 fortnights", "1h x", "-2h"])
def test_durations_refuse_what_is_not_one(text):
    with pytest.raises(ValueError, match="not a duration"):
        durations.parse_duration(text)


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "name": st.text(min_size=1, max_size=40).filter(
                lambda s: CONTROL.search(s) is None and s.strip()
            ),
            "linkedin.limit": st.integers(50, 2000),
            "due.email": st.sampled_from(["90m", "24h", "2d", "1d12h"]),
        },
    )
)
def test_what_is_written_reads_back_the_same(values):
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    settings = config_file.parse_settings(config_file.dump_settings(values), Path("config.toml"))
    assert dict(settings.values) == values


def test_unknown_key_error_lists_every_key():
    with pytest.raises(FollowupError) as info:
        config.setting("limit")
    assert all(key in str(info.value) for key in config.KEYS)


def test_status_and_a_cheap_add_do_not_import_toml_or_drafts(home):
    """`status` is benchmarked: settings and drafts code must stay off its path."""
    probe = (
        "import sys\n"
        "from followup.__main__ import main\n"
        "sys.argv = ['followup', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "bad = {'tomllib', 'tomli_w', 'followup.features.config', 'followup.features.drafts'}\n"
        "bad &= set(sys.modules)\n"
        "sys.stderr.write('IMPORTED:' + ','.join(sorted(bad)))\n"
    )
    env = env_for_subprocess(home)
    subprocess.run([sys.executable, "-c", probe, "add", "Acme"], env=env, check=True)
    run = subprocess.run(
        [sys.executable, "-c", probe, "status"], env=env, capture_output=True, text=True
    )
    assert run.stderr.rstrip().endswith("IMPORTED:"), run.stderr
    add = subprocess.run(
        [sys.executable, "-c", probe, "add", "Beta"], env=env, capture_output=True, text=True
    )
    # add reads the due rules: with no config.toml it loads no settings code at all,
    assert add.stderr.rstrip().endswith("IMPORTED:"), add.stderr
    # and with one, it parses TOML but never loads the writer.
    (home / "config.toml").write_text('[due]\nemail = "2h"\n')
    add = subprocess.run(
        [sys.executable, "-c", probe, "add", "Gamma"], env=env, capture_output=True, text=True
    )
    assert add.stderr.rstrip().endswith("IMPORTED:followup.features.config,tomllib"), add.stderr


def test_a_settings_folder_that_is_a_file_is_named(cli, home, monkeypatch, files):
    home.mkdir()
    (home / "file").write_text("x")
    monkeypatch.setenv("FOLLOWUP_HOME", str(home / "file"))
    before = files()
    for args in (("config",), ("config", "name", "Sam")):
        run = cli(*args)
        assert run.code == 1
        assert f"{home / 'file'} is not a folder" in run.stderr
    assert files() == before


# ----------------------------------------------------------------------------
# The rules of `followup config` a user relies on: what each key accepts, up to which
# bound, the whole error that a refused value gets, how keys are spelled, the holiday
# region checks, and the rules that the settings in force make.


EMAIL_254 = "s" * 64 + "@" + "e" * 185 + ".com"  # 254 characters


PHONE_40 = "+1 " + "5" * 37


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


@pytest.mark.parametrize(
    ("key", "value", "stored"),
    [
        ("mail.imap.host", " imap.example.com ", "imap.example.com"),
        ("mail.imap.host", "MX.Example.com", "MX.Example.com"),
        ("mail.imap.host", "h" * 253, "h" * 253),
        ("mail.imap.port", "1", 1),
        ("mail.imap.port", " 65535 ", 65535),
    ],
)
def test_a_mail_server_at_the_bounds_is_kept(key, value, stored):
    assert config.check_value(key, value) == stored


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        ("mail.imap.host", " ", "the host is empty: give one, as in imap.gmail.com, or use "
         "--unset"),
        ("mail.imap.host", "h" * 254, "the host is 254 characters long: at most 253"),
        ("mail.imap.host", "imap example.com", "'imap example.com' is not a host name: write "
         "it like imap.gmail.com"),
        ("mail.imap.host", "imap.example.com/", "'imap.example.com/' is not a host name: "
         "write it like imap.gmail.com"),
        ("mail.imap.host", "sam@example.com", "'sam@example.com' is not a host name: write it "
         "like imap.gmail.com"),
        ("mail.imap.port", "0", "0 is out of range: use a port from 1 to 65535"),
        ("mail.imap.port", "65536", "65536 is out of range: use a port from 1 to 65535"),
        ("mail.imap.port", "imaps", "'imaps' is not a whole number: use a port number such as 993"),
        ("mail.imap.security", "SSL", "'SSL' is not a way to connect: use tls (port 993), "
         "starttls (port 143), or none (only for a server on this machine)"),
    ],
)  # fmt: skip
def test_a_mail_server_that_cannot_be_is_refused_saying_what_to_write(key, value, why):
    with pytest.raises(FollowupError) as caught:
        config.check_value(key, value)
    assert str(caught.value) == f"bad value for {key}: {why}"


def test_business_days_make_no_sense_for_the_reminder_window():
    with pytest.raises(FollowupError) as caught:
        config.check_value("remind.within", "2bd")
    assert str(caught.value).startswith("bad value for remind.within: '2bd' is not a duration")
    assert caught.value.advice == ("config-example", "remind.within", "6h")


# ----- the settings in force -------------------------------------------------------------


def test_the_defaults_make_the_built_in_rules():
    assert config.Settings().rules() == Schedule()
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
