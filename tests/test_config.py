"""`followup config`: the profile and the user's due-time rules in config.toml."""

from __future__ import annotations

import stat
import subprocess
import sys
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import env_for_subprocess
from followup.core import durations
from followup.core.text import CONTROL
from followup.errors import FollowupError
from followup.features import config, config_file


def test_a_new_user_sees_every_setting_with_its_default(cli):
    run = cli("config", "--json")
    assert run.code == 0
    shown = run.json()
    assert list(shown) == [
        "name",
        "email",
        "phone",
        "linkedin.limit",
        "due.email",
        "due.linkedin",
        "due.card",
        "due.phone",
        "due.checkin",
        "due.checkin_no_date",
        "due.checkin_again",
        "due.reply",
        "checkin.max",
        "holidays.country",
        "holidays.subdivision",
        "remind.within",
        "mail.imap.host",
        "mail.imap.port",
        "mail.imap.user",
        "mail.imap.security",
        "mail.imap.sent",
        "mail.imap.inbox",
        "mail.imap.token_command",
        "mail.maildir",
        "mail.maildir_sent",
    ]
    assert all(v["source"] == "default" for v in shown.values())
    assert shown["remind.within"]["value"] == "12h"
    assert shown["checkin.max"]["value"] == 2 and shown["holidays.country"]["value"] is None
    assert [shown[f"due.{k}"]["value"] for k in ("phone", "checkin", "checkin_again")] == [
        "4h",
        "2bd",
        "5bd",
    ]
    assert shown["name"]["value"] is None
    assert shown["linkedin.limit"]["value"] == 200
    assert [shown[f"due.{k}"]["value"] for k in ("email", "linkedin", "card")] == [
        "24h",
        "48h",
        "48h",
    ]


def test_the_table_says_default_or_set_for_each_key(cli):
    assert cli("config", "name", "Sam Lee").code == 0
    run = cli("config")
    assert run.code == 0
    rows = {line.split()[0]: line for line in run.stdout.splitlines()[1:] if line.strip()}
    assert "Sam Lee" in rows["name"] and " set " in rows["name"]
    assert "(not set)" in rows["email"] and "default" in rows["email"]
    assert "200" in rows["linkedin.limit"] and "default" in rows["linkedin.limit"]
    assert "config.toml" in run.stderr


def test_the_table_fits_80_columns_one_line_a_setting(cli):
    for key, value in (("name", "Samantha Lee-Ward"), ("email", "sam.lee@example.com"),
                       ("phone", "+44 20 7946 0958"), ("linkedin.limit", "300")):  # fmt: skip
        cli("config", key, value)
    lines = cli("config", env={"COLUMNS": "80"}).stdout.splitlines()
    assert len(lines) == 1 + len(config.SETTINGS)  # nothing wrapped onto a second line
    assert lines[0].split() == ["Key", "Value", "Source", "What", "it", "is"]
    assert max(map(len, lines)) <= 80
    for line, entry in zip(lines[1:], config.SETTINGS, strict=True):
        assert line.startswith(entry.key + " ") and line.endswith(entry.help)


def test_values_too_wide_for_the_help_column_leave_it_out_rather_than_wrap(cli):
    name = "Bartholomew-Maximilian Featherstonehaugh III"
    cli("config", "name", name)
    lines = cli("config", env={"COLUMNS": "80"}).stdout.splitlines()
    assert len(lines) == 1 + len(config.SETTINGS)
    assert lines[0].split() == ["Key", "Value", "Source"]
    assert name in lines[1] and max(map(len, lines)) <= 80
    assert "What it is" in cli("config", env={"COLUMNS": "120"}).stdout


def test_set_get_and_unset_a_value(cli, home):
    assert cli("config", "phone", "+1 555 0100").code == 0
    assert cli("config", "phone").stdout == "+1 555 0100\n"
    assert tomllib.loads((home / "config.toml").read_text())["phone"] == "+1 555 0100"
    run = cli("config", "phone", "--unset")
    assert run.code == 0 and "Cleared phone" in run.stderr
    assert cli("config", "phone").stdout == ""
    assert "phone" not in tomllib.loads((home / "config.toml").read_text())


def test_reading_an_unset_key_says_how_to_set_it(cli):
    run = cli("config", "name")
    assert run.code == 0
    assert run.stdout == ""
    assert 'followup config name "Sam Lee"' in run.stderr


def test_nested_keys_are_written_as_toml_tables(cli, home):
    assert cli("config", "linkedin.limit", "300").code == 0
    assert cli("config", "due.card", "2d").code == 0
    doc = tomllib.loads((home / "config.toml").read_text())
    assert doc["linkedin"] == {"limit": 300}
    assert doc["due"] == {"card": "2d"}
    assert cli("config", "linkedin.limit", "--json").json() == {
        "key": "linkedin.limit",
        "value": 300,
        "source": "set",
    }


def test_the_file_is_private_and_keeps_the_other_values(cli, home):
    cli("config", "name", "Sam Lee")
    cli("config", "email", "sam@example.com")
    cli("config", "name", "Samantha Lee")
    path = home / "config.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    doc = tomllib.loads(path.read_text())
    assert doc == {"name": "Samantha Lee", "email": "sam@example.com"}
    assert [p.name for p in home.iterdir() if p.name != ".lock"] == ["config.toml"]  # no temp


def test_quotes_and_backslashes_in_a_name_survive_the_round_trip(cli):
    name = 'Sam "S.J." Lee \\ [bold]x[/]'
    assert cli("config", "name", name).code == 0
    assert cli("config", "name").stdout == name + "\n"


def test_setting_the_same_value_again_changes_nothing(cli, files):
    cli("config", "name", "Sam Lee")
    before = files()
    run = cli("config", "name", "  Sam Lee ")
    assert run.code == 0 and "already" in run.stderr
    assert files() == before


def test_unsetting_what_is_not_set_is_fine_and_writes_nothing(cli, files):
    run = cli("config", "email", "--unset")
    assert run.code == 0 and "was not set" in run.stderr
    assert files() == {}


@pytest.mark.parametrize(
    ("args", "named", "fix"),
    [
        (("nmae", "Sam"), "'nmae'", "did you mean name"),
        (("colour", "red"), "'colour'", "linkedin.limit"),
        (("linkedin.limit", "abc"), "'abc'", "whole number"),
        (("linkedin.limit", "12"), "12", "from 50 to 2000"),
        (("linkedin.limit", "2.5"), "'2.5'", "whole number"),
        (("due.email", "soon"), "'soon'", "90m, 24h, 2d"),
        (("due.email", "--", "-1h"), "'-1h'", "90m, 24h, 2d"),
        (("due.card", "45d"), "'45d'", "at most 30d"),
        (("email", "sam.example.com"), "'sam.example.com'", "sam@example.com"),
        (("phone", "call me"), "'call me'", "+1 555 0100"),
        (("name", "   "), "the name is empty", "--unset"),
        (("name", "Sam\x1b[31mLee"), "control characters", "one line"),
    ],
)
def test_a_bad_key_or_value_is_refused_and_changes_nothing(cli, files, args, named, fix):
    cli("config", "name", "Sam Lee")
    before = files()
    run = cli("config", *args)
    assert run.code == 1
    assert run.stdout == ""
    assert named in run.stderr and fix in run.stderr
    assert run.stderr.startswith("error: ") and run.stderr.count("\n") == 1
    assert "\x1b" not in run.stderr
    assert files() == before


def test_unset_with_a_value_or_without_a_key_is_a_usage_error(cli, files):
    assert cli("config", "phone", "123", "--unset").code == 2
    assert cli("config", "--unset").code == 2
    assert files() == {}


def test_unknown_key_read_is_an_error_too(cli):
    run = cli("config", "due.fax")
    assert run.code == 1 and "unknown setting 'due.fax'" in run.stderr


# ----- a hand-edited file ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "Sam\n', "line 1"),
        ('email = "sam@example.com"\n[due\ncard = "2d"\n', "line 2"),
        ('email = "sam@example.com"\nnmae = "Sam"\n', "(line 2): unknown setting 'nmae'"),
        ('[due]\nemail = "24h"\nfax = "1h"\n', "(line 3): unknown setting 'due.fax'"),
        ("[linkedin]\nlimit = 9\n", "(line 2): bad value for linkedin.limit"),
        ("name = 12\n", "(line 1): name = 12 should be text"),
        ("[due]\ncard = true\n", "due.card = True should be text"),
        ('[linkedin]\nlimit = "x"\n', "bad value for linkedin.limit"),
        (b"name = '\xff'\n", "not UTF-8"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ("config",),
        ("config", "name"),
        ("config", "email", "new@example.com"),
        ("config", "email", "--unset"),
        ("add", "Beta"),
        ("edit", "1", "--at", "today 9:00"),
        ("draft", "1", "email"),
    ],
)
def test_a_broken_config_file_is_named_with_its_line_and_left_alone(
    cli, home, files, text, expected, command
):
    assert cli("add", "Acme").code == 0
    path = home / "config.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    before = files()
    run = cli(*command)
    assert run.code == 1, run.stderr
    assert str(path) in run.stderr
    assert expected in run.stderr
    assert "Traceback" not in run.stderr
    assert files() == before


def test_a_hand_written_quoted_limit_and_dotted_keys_are_read(cli, home):
    home.mkdir()
    (home / "config.toml").write_text('linkedin.limit = "250"\ndue.email = "3h"\n')
    shown = cli("config", "--json").json()
    assert shown["linkedin.limit"] == {"key": "linkedin.limit", "value": 250, "source": "set"}
    assert shown["due.email"]["value"] == "3h"


def test_the_command_a_bad_value_suggests_repairs_it_and_keeps_the_rest(cli, home):
    home.mkdir()
    path = home / "config.toml"
    path.write_text('name = "Sam Lee"\nemail = 3\n[due]\ncard = "3d"\n')
    refused = cli("config")
    assert refused.code == 1
    assert f"{path} (line 2): email = 3 should be text" in refused.stderr
    suggested = refused.stderr.split("set it with followup ", 1)[1].split()
    assert suggested == ["config", "email", "sam@example.com"]
    run = cli(*suggested)
    assert run.code == 0, run.stderr
    assert "Set email to sam@example.com." in run.stderr
    assert tomllib.loads(path.read_text()) == {
        "name": "Sam Lee", "email": "sam@example.com", "due": {"card": "3d"}
    }  # fmt: skip
    assert cli("config").code == 0


@pytest.mark.parametrize(
    "text",
    ["[linkedin]\nlimit = 9\n", '[linkedin]\nlimit = "x"\n', "linkedin.limit = true\n"],
)
def test_unset_clears_a_bad_value(cli, home, text):
    home.mkdir()
    path = home / "config.toml"
    path.write_text('name = "Sam Lee"\n' + text)
    run = cli("config", "linkedin.limit", "--unset")
    assert run.code == 0, run.stderr
    assert "Cleared linkedin.limit: back to its default (200)." in run.stderr
    assert tomllib.loads(path.read_text()) == {"name": "Sam Lee"}
    assert cli("config", "linkedin.limit").stdout == "200\n"


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


def test_a_toml_syntax_error_still_refuses_a_change_with_its_line_and_column(cli, home, files):
    home.mkdir()
    (home / "config.toml").write_text('name = "Sam Lee"\nemail = sam@example.com\n')
    before = files()
    run = cli("config", "email", "sam@example.com")
    assert run.code == 1
    assert "is not valid TOML" in run.stderr and "line 2, column 9" in run.stderr
    assert "fix that line by hand" in run.stderr
    assert files() == before


# ----- due settings -----------------------------------------------------------------


def _due(run, step: str) -> str:
    return next(s["due"] for s in run.json()["steps"] if s["step"] == step)


def test_due_settings_apply_to_new_interviews_not_to_existing_ones(cli):
    old = cli("add", "Oldco", "--at", "2026-11-25 09:00", "--json")
    assert _due(old, "email") == "2026-11-26T09:00:00+00:00"
    assert cli("config", "due.email", "90m").code == 0
    assert cli("config", "due.card", "1d12h").code == 0
    new = cli("add", "Newco", "--at", "2026-11-25 09:00", "--json")
    assert _due(new, "email") == "2026-11-25T10:30:00+00:00"
    assert _due(new, "card") == "2026-11-26T21:00:00+00:00"
    assert _due(new, "linkedin") == "2026-11-27T09:00:00+00:00"  # still the default
    assert _due(new, "phone") == "2026-11-25T13:00:00+00:00"
    still = cli("show", "1", "--json")
    assert _due(still, "email") == "2026-11-26T09:00:00+00:00"
    assert _due(still, "card") == "2026-11-27T09:00:00+00:00"


def test_re_timing_an_interview_uses_the_rules_in_force(cli):
    cli("add", "Oldco", "--at", "2026-11-25 09:00")
    cli("config", "due.email", "2h")
    cli("edit", "1", "--notes", "no new time")
    assert _due(cli("show", "1", "--json"), "email") == "2026-11-26T09:00:00+00:00"
    cli("edit", "1", "--at", "2026-11-25 10:00")
    assert _due(cli("show", "1", "--json"), "email") == "2026-11-25T12:00:00+00:00"


def test_an_interviewer_added_later_gets_the_rules_in_force(cli):
    cli("add", "Oldco", "--at", "2026-11-25 09:00", "--with", "Jane Doe")
    cli("config", "due.linkedin", "3h")
    steps = cli("edit", "1", "--add-with", "Raj Patel", "--json").json()["steps"]
    due = {(s["step"], s["who"]): s["due"] for s in steps}
    assert due["linkedin", "Jane Doe"] == "2026-11-27T09:00:00+00:00"
    assert due["linkedin", "Raj Patel"] == "2026-11-25T12:00:00+00:00"


def test_setting_a_due_delay_says_when_it_applies(cli):
    run = cli("config", "due.email", "12h")
    assert "added or re-timed from now on" in run.stderr


def test_unsetting_a_due_delay_brings_back_the_default(cli):
    cli("config", "due.email", "1h")
    cli("config", "due.email", "--unset")
    new = cli("add", "Newco", "--at", "2026-11-25 09:00", "--json")
    assert _due(new, "email") == "2026-11-26T09:00:00+00:00"


# ----- the module -------------------------------------------------------------------


_SPAN = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}


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
