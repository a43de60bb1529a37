"""`followup prompt`, driven through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ACME, NOW, env_for_subprocess
from followup import prompt
from followup.storage import store_file

# ----------------------------------------------------------------------------
# `followup prompt`: the shell-prompt line, its agreement with `status`, and its speed rules.


def child_prompt(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`followup prompt` as a shell runs it: a new process, through the console entry point."""
    return subprocess.run(
        [sys.executable, "-m", "followup", "prompt"],
        env=env_for_subprocess(home, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def run_prompt(monkeypatch, capsys):
    """`followup prompt`'s own `main`, run in this process with `env` set for the call:
    what a shell runs, less the new process, so that a mutation run sees its code (a
    child process imports the package itself). `child_prompt` is the real thing."""

    def run(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        with monkeypatch.context() as patch:
            for name, value in env.items():
                patch.setenv(name, value)
            time.tzset()
            try:
                prompt.main()
            except SystemExit as stop:
                code = stop.code
            else:
                raise AssertionError("prompt.main returned instead of exiting")
        time.tzset()
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["followup", "prompt"], code, out, err)

    return run


def test_a_child_process_prints_what_main_prints(cli, home, run_prompt):
    assert child_prompt(home).stdout == run_prompt(home).stdout == ""  # no store yet
    assert cli(*ACME).code == 0
    child, here = child_prompt(home, TZ="Asia/Tokyo"), run_prompt(home, TZ="Asia/Tokyo")
    assert (child.stdout, child.stderr, child.returncode) == ("1 overdue, 2 today\n", "", 0)
    assert (here.stdout, here.stderr, here.returncode) == ("1 overdue, 2 today\n", "", 0)
    (home / "open.json").write_text("{")
    assert child_prompt(home).stdout == run_prompt(home).stdout == "followup: ?\n"


def test_counts_overdue_and_due_today(cli, home, run_prompt):
    assert cli(*ACME).code == 0  # phone due yesterday; emails today 14:00; the rest tomorrow
    done = run_prompt(home)
    assert (done.stdout, done.stderr, done.returncode) == ("1 overdue, 2 today\n", "", 0)


def test_only_what_there_is_and_nothing_when_nothing(cli, home, run_prompt):
    assert run_prompt(home).stdout == ""  # no store yet
    assert cli(*ACME).code == 0
    assert run_prompt(home, FOLLOWUP_NOW="2026-11-24T15:00:00+00:00").stdout == ""
    assert run_prompt(home, FOLLOWUP_NOW="2026-11-25T19:00:00+00:00").stdout == "1 overdue\n"
    assert cli("done", "1", "phone").code == 0
    assert run_prompt(home).stdout == "2 today\n"
    assert cli("close", "1").code == 0
    done = run_prompt(home)
    assert (done.stdout, done.stderr, done.returncode) == ("", "", 0)


def test_today_is_the_local_date(cli, home, run_prompt):
    assert cli(*ACME).code == 0
    # 10:00 UTC is 19:00 in Tokyo: the emails (14:00 UTC = 23:00 there) are still today,
    # and linkedin and card (tomorrow 14:00 UTC = 23:00 tomorrow there) are not.
    assert run_prompt(home, TZ="Asia/Tokyo").stdout == "1 overdue, 2 today\n"
    # At 16:00 UTC it is already tomorrow (01:00) in Tokyo: linkedin and card, due at
    # 14:00 UTC tomorrow (23:00 in Tokyo), are due today there, not in London.
    assert run_prompt(home, FOLLOWUP_NOW="2026-11-26T16:00:00+00:00").stdout == "3 overdue\n"
    late = "2026-11-27T01:00:00"  # naive: local time, as FOLLOWUP_NOW documents
    shown = run_prompt(home, TZ="Asia/Tokyo", FOLLOWUP_NOW=late)
    assert shown.stdout == "3 overdue, 4 today\n"


@pytest.mark.parametrize(
    "damage",
    [
        lambda home: (home / "open.json").write_text("{not json"),
        lambda home: (home / "open.json").write_text('{"format": "something-else"}'),
        lambda home: (home / "open.json").write_text(
            '{"format": "followup-store", "interviews": [{"steps": [{"due": "soon"}]}]}'
        ),
        lambda home: (home / "open.json").write_bytes(b"\xff\xfe\x00"),
        lambda home: ((home / "open.json").unlink(), (home / "open.json").mkdir()),
        lambda home: (home / "open.json").unlink(),  # lost, while backup/open.json is there
    ],
    ids=["bad-json", "not-ours", "bad-due", "binary", "a-folder", "lost"],
)
def test_a_store_it_cannot_read_shows_a_question_mark(cli, home, damage, run_prompt):
    assert cli(*ACME).code == 0
    damage(home)
    done = run_prompt(home)
    assert (done.stdout, done.stderr, done.returncode) == ("followup: ?\n", "", 0)


def test_a_bad_followup_now_shows_a_question_mark_not_a_traceback(cli, home, run_prompt):
    assert cli(*ACME).code == 0
    done = run_prompt(home, FOLLOWUP_NOW="next tuesday")
    assert (done.stdout, done.stderr, done.returncode) == ("followup: ?\n", "", 0)
    # as the commands refuse it: no time after the date, not midnight local; nor any
    # character but T, t or a space between the date and the time
    for pinned in ("2026-11-26Z", "2026-11-26X10:00", "2026-11-26-05:00"):
        dated = run_prompt(home, FOLLOWUP_NOW=pinned)
        assert (dated.stdout, dated.stderr, dated.returncode) == ("followup: ?\n", "", 0)


def test_a_pinned_date_alone_or_a_small_t_is_read_as_the_commands_read_it(cli, home, run_prompt):
    """A date alone is its local midnight; `t` between date and time is `T`."""
    assert cli(*ACME).code == 0  # the phone step is due 25 Nov 18:00 UTC
    assert run_prompt(home, FOLLOWUP_NOW="2026-11-25").stdout == "1 today\n"
    assert run_prompt(home, FOLLOWUP_NOW="2026-11-25t19:00").stdout == "1 overdue\n"


@pytest.mark.parametrize("error", [KeyError("interviews"), TypeError("x"), MemoryError()])
def test_an_unforeseen_error_shows_a_question_mark_not_a_traceback(
    cli, home, run_prompt, monkeypatch, error
):
    assert cli(*ACME).code == 0

    def failing(env=None):
        raise error

    monkeypatch.setattr(prompt, "read_line", failing)  # a bug in the reader, say
    done = run_prompt(home)
    assert (done.stdout, done.stderr, done.returncode) == ("followup: ?\n", "", 0)


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "America/New_York"])
@pytest.mark.parametrize(
    "raw",
    [
        "2026-11-26T10:00:00+05:30",
        " 2026-11-26T10:00:00Z ",
        "2026-11-26 10:00Z",
        "2026-11-26T10:00:00z",  # refused by both
        "2026-11-26Z",  # both read it as local midnight
        "2026-11-26T10:00Z:00",
        "2026-11-26T10:00",  # naive: local time
        "2026-03-29T01:30:00",  # a local time London's clocks skip
        "2026-03-08T02:30:00",  # one New York's skip
        "2026-10-25T01:30:00",  # one London's clocks show twice
        "next tuesday",
    ],
)
def test_followup_now_is_read_as_every_command_reads_it(monkeypatch, zone, raw):
    from followup.cli.environment import read_now
    from followup.errors import FollowupError

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        expected = read_now(raw).timestamp()
    except FollowupError:
        with pytest.raises(prompt.Unreadable):
            prompt.read_now(raw)
    else:
        assert prompt.read_now(raw) == expected


def test_an_empty_data_folder_is_no_store_yet(home, run_prompt):
    home.mkdir()  # made, but nothing saved in it yet
    done = run_prompt(home)
    assert (done.stdout, done.stderr, done.returncode) == ("", "", 0)
    (home / store_file.BACKUP_DIR).mkdir()
    (home / store_file.BACKUP_DIR / "open.json").write_text("{}")  # lost: not "nothing due"
    assert run_prompt(home).stdout == "followup: ?\n"


def test_a_closed_stdout_is_no_error(cli, home):
    assert cli(*ACME).code == 0
    reader = subprocess.Popen(
        [sys.executable, "-m", "followup", "prompt"],
        env=env_for_subprocess(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    reader.stdout.close()  # the shell went away before reading
    _, err = reader.communicate(timeout=60)
    assert (reader.returncode, err) == (0, b"")


def test_imports_no_typer_pydantic_rich_or_platformdirs(cli, home):
    assert cli(*ACME).code == 0
    probe = (
        "import sys\n"
        "sys.argv = ['followup', 'prompt']\n"
        "from followup.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('typer', 'click', 'pydantic', 'rich', 'platformdirs', 'followup.cli')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy)\n"
        "print(loaded, file=sys.stderr)\n"  # the prompt closed stdout as it finished
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env_for_subprocess(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.stdout, done.stderr) == ("1 overdue, 2 today\n", "[]\n")


def test_prompt_help_is_the_cli_s(home):
    done = subprocess.run(
        [sys.executable, "-m", "followup", "prompt", "--help"],
        env=env_for_subprocess(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "PS1" in done.stdout and "Example" in done.stdout


ZONES = ["UTC", "Asia/Tokyo", "Pacific/Honolulu", "Europe/Paris", "America/St_Johns"]


# ----- the same numbers as status, whatever the time and zone -----------------------


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(hours=st.integers(min_value=-30, max_value=80), zone=st.sampled_from(ZONES))
def test_agrees_with_status_json(cli, home, monkeypatch, hours, zone):
    if not (home / "open.json").exists():
        for args in (ACME, ("add", "Globex", "--at", "2026-11-26 08:00"), ("add", "Initech")):
            assert cli(*args).code == 0
        assert cli("done", "globex", "email").code == 0
    now = datetime.fromisoformat(NOW) + timedelta(hours=hours)
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    env = {"FOLLOWUP_HOME": str(home), "FOLLOWUP_NOW": now.isoformat()}
    steps = cli("status", "--json", env=env).json()
    today = now.astimezone().date()
    overdue = sum(s["overdue"] for s in steps)
    due_today = sum(
        not s["overdue"] and datetime.fromisoformat(s["due"]).astimezone().date() == today
        for s in steps
    )
    assert prompt.read_line(env) == prompt.line(overdue, due_today)


def test_line_wording():
    assert prompt.line(0, 0) == ""
    assert prompt.line(2, 0) == "2 overdue"
    assert prompt.line(0, 3) == "3 today"
    assert prompt.line(2, 3) == "2 overdue, 3 today"


# ----- where the store is, without platformdirs --------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux rule is checked here")
@pytest.mark.parametrize(
    "xdg",
    [None, "", "/srv/data", "relative/path", "/with space/x"],
)
def test_data_dir_agrees_with_platformdirs(monkeypatch, tmp_path, xdg):
    from platformdirs import user_data_dir

    monkeypatch.delenv("FOLLOWUP_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert prompt.data_dir(os.environ) == user_data_dir("followup", appauthor=False)


def test_data_dir_follows_followup_home(tmp_path):
    assert prompt.data_dir({"FOLLOWUP_HOME": f" {tmp_path} "}) == str(tmp_path)


def test_a_store_in_the_default_folder_is_found(cli, home, tmp_path):
    assert cli(*ACME).code == 0
    me = tmp_path / "me"
    (me / ".local" / "share").mkdir(parents=True)
    (home).rename(me / ".local" / "share" / "followup")
    env = env_for_subprocess(home, HOME=str(me))
    del env["FOLLOWUP_HOME"]
    env.pop("XDG_DATA_HOME", None)
    done = subprocess.run(
        [sys.executable, "-m", "followup", "prompt"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout == "1 overdue, 2 today\n"


def test_counts_ignores_done_skipped_and_closed():
    doc = {
        "format": "followup-store",
        "interviews": [
            {
                "closed": False,
                "steps": [
                    {"status": "pending", "due": "2026-11-26T09:00:00+00:00"},
                    {"status": "done", "due": "2026-11-26T09:00:00+00:00"},
                    {"status": "skipped", "due": "2026-11-26T09:00:00+00:00"},
                    {"status": "pending", "due": "2026-11-26T23:59:00+00:00"},
                ],
            },
            {"closed": True, "steps": [{"status": "pending", "due": "2026-11-20T09:00:00+00:00"}]},
        ],
    }
    now = datetime.fromisoformat(NOW).timestamp()
    assert prompt.counts(doc, now) == (1, 1)
    assert prompt.counts(doc, now + 2 * 86400) == (2, 0)


@pytest.mark.parametrize("parsed", [True, False], ids=["open.json", "open.dues"])
def test_a_closed_offer_counts_its_reply_and_decision_not_its_checklist(
    cli, home, run_prompt, parsed
):
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", "2026-12-04").code == 0
    if parsed:
        (home / "open.dues").unlink()  # the prompt reads open.json itself
    # its emails, LinkedIn notes, cards, phone and check-in stay pending, uncounted;
    # the reply (due 27 November 10:00) and the decision (4 December 23:59) count
    assert run_prompt(home).stdout == ""
    assert run_prompt(home, FOLLOWUP_NOW="2026-11-27T11:00:00+00:00").stdout == "1 overdue\n"
    assert run_prompt(home, FOLLOWUP_NOW="2026-12-04T12:00:00+00:00").stdout == (
        "1 overdue, 1 today\n"
    )


STEP = {"status": "pending", "due": "2026-11-26T09:00:00+00:00"}


@pytest.mark.parametrize(
    "doc",
    [
        {"format": "another-tool", "interviews": [{"steps": [STEP]}]},
        {"interviews": [{"steps": [STEP]}]},
        {"format": "followup-store", "interviews": {}},
        {"format": "followup-store", "interviews": "", "awaiting": []},
        {"format": "followup-store", "interviews": [], "awaiting": {}},
        {"format": "followup-store", "interviews": [{"steps": [STEP]}], "awaiting": ""},
    ],
    ids=["other-format", "no-format", "interviews-a-dict", "interviews-a-string",
         "awaiting-a-dict", "awaiting-a-string"],
)  # fmt: skip
def test_a_document_not_shaped_as_the_store_is_unreadable(doc):
    with pytest.raises(prompt.Unreadable):
        prompt.pending_dues(doc)


def test_a_due_time_shared_by_several_steps_is_read_once(cli, home, monkeypatch):
    # the thank-you emails of one interview, or its LinkedIn notes and cards, share
    # their due time: reading it once per store keeps a large one fast to count
    assert cli(*ACME).code == 0
    globex = ("add", "Globex", "--at", "2026-11-25 14:00", "--with", "Ann", "--with", "Bo")
    assert cli(*globex).code == 0
    doc = json.loads((home / "open.json").read_text())
    texts = [step["due"] for interview in doc["interviews"] for step in interview["steps"]]
    read = []
    real = prompt.epoch
    monkeypatch.setattr(prompt, "epoch", lambda text: read.append(text) or real(text))
    dues = prompt.pending_dues(doc)
    assert dues == [real(text) for text in texts]
    assert sorted(read) == sorted(set(texts)) and len(texts) > len(read)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_json_constant_no_store_holds_is_named_in_the_refusal(constant):
    with pytest.raises(prompt.Unreadable) as refused:
        prompt.parse_json(b'{"due": %s}' % constant.encode())
    assert refused.value.args == (constant,)


@given(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                    timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)),
                                               timezone(-timedelta(hours=8))])))  # fmt: skip
def test_epoch_agrees_with_datetime(moment):
    text = moment.isoformat()
    assert prompt.epoch(text) == pytest.approx(moment.timestamp(), abs=1e-6)
    assert prompt.epoch(moment.astimezone(UTC).isoformat()) == pytest.approx(
        moment.timestamp(), abs=1e-6
    )


@pytest.mark.parametrize(
    "text",
    ["2026-02-29T10:00:00+00:00", "2026-13-01T10:00:00+00:00", "2026-11-26T24:00:00+00:00",
     "2026-11-26T10:00:00", "soon", "2026-11-26 10:00:00+00:00x", ""],
)  # fmt: skip
def test_epoch_refuses_what_datetime_refuses(text):
    with pytest.raises(prompt.Unreadable):
        prompt.epoch(text)


@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
), st.sampled_from(["", " ", "\n\t"]))  # fmt: skip
def test_parse_json_agrees_with_json(value, space):
    data = (space + json.dumps(value, ensure_ascii=False) + space).encode("utf-8")
    assert prompt.parse_json(data) == json.loads(data)


@pytest.mark.parametrize("data", [b"", b"{", b"[1] [2]", b"\xff", b'{"a": 1,}', b"[1"])
def test_parse_json_refuses_what_json_refuses(data):
    with pytest.raises((prompt.Unreadable, ValueError)):
        json.loads(data)
        raise AssertionError("json accepted it")
    with pytest.raises((prompt.Unreadable, ValueError)):
        prompt.parse_json(data)


def test_parse_json_refuses_nan_which_no_store_holds():
    with pytest.raises(prompt.Unreadable):
        prompt.parse_json(b'{"a": NaN}')


def test_the_cli_command_prints_the_same_line(cli, home):
    assert cli(*ACME).code == 0
    run = cli("prompt")
    assert (run.code, run.stdout, run.stderr) == (0, "1 overdue, 2 today\n", "")
    (home / "open.json").write_text("{")
    assert cli("prompt").stdout == "followup: ?\n"


# ----------------------------------------------------------------------------
# `followup prompt` on a store file over 32 MiB prints `followup: ?` at once, without
# reading it: a shell prompt must never wait on a huge file.


LIMIT = 32 * 1024 * 1024


def run_prompt_large(home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "followup", "prompt"],
        env=env_for_subprocess(home),
        capture_output=True,
        text=True,
        timeout=60,
    )


def padded(path: Path, size: int) -> None:
    """The store in `path`, still valid JSON, made `size` bytes long with spaces."""
    data = path.read_bytes()
    path.write_bytes(data + b" " * (size - len(data)))


def test_the_limit_is_32_mib():
    assert prompt.MAX_BYTES == LIMIT


def test_a_sparse_store_over_the_limit_is_not_read(cli, home, monkeypatch):
    assert cli(*ACME).code == 0
    open_json = home / "open.json"
    os.truncate(open_json, 64 * 1024**3)  # 64 GiB that take no room on the disk

    def no_reading(*args, **kwargs):
        raise AssertionError("the prompt read the file")

    monkeypatch.setattr(prompt.os, "fdopen", no_reading)
    monkeypatch.setattr(prompt.os, "read", no_reading)
    assert prompt.read_line(os.environ) == prompt.UNREADABLE
    monkeypatch.undo()
    done = run_prompt_large(home)
    assert (done.stdout, done.stderr, done.returncode) == ("followup: ?\n", "", 0)


def test_a_store_of_the_limit_is_read_and_one_byte_more_is_not(cli, home, monkeypatch):
    # the 32 MiB limit, in this process (the tests above run a child): the same rule
    # for a limit the size of this store
    assert cli(*ACME).code == 0
    size = (home / "open.json").stat().st_size
    monkeypatch.setattr(prompt, "MAX_BYTES", size)
    assert prompt.read_line(os.environ) == "1 overdue, 2 today"
    monkeypatch.setattr(prompt, "MAX_BYTES", size - 1)
    assert prompt.read_line(os.environ) == prompt.UNREADABLE


def test_a_store_that_grew_over_the_limit_once_measured_is_not_read(cli, home, monkeypatch):
    assert cli(*ACME).code == 0
    (home / "open.dues").unlink()  # the prompt reads open.json itself
    open_json = str(home / "open.json")
    measured = os.stat(open_json)
    padded(home / "open.json", LIMIT + 1)  # replaced by the store, say, as the prompt read it
    real_stat = os.stat

    def stat_before(path, *args, **kwargs):
        return measured if os.fspath(path) == open_json else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(prompt.os, "stat", stat_before)
    assert prompt.read_line(os.environ) == prompt.UNREADABLE


@pytest.mark.parametrize(
    ("size", "shown"), [(LIMIT, "1 overdue, 2 today\n"), (LIMIT + 1, "followup: ?\n")]
)
def test_a_valid_store_just_over_the_limit_is_not_counted(cli, home, size, shown):
    assert cli(*ACME).code == 0
    padded(home / "open.json", size)
    done = run_prompt_large(home)
    assert (done.stdout, done.stderr, done.returncode) == (shown, "", 0)


# ----------------------------------------------------------------------------
# `open.dues`: the store's list of due times, read instead of open.json when it names
# this very open.json (storage/dues.py), and never trusted otherwise.


def test_counts_from_the_stores_due_times_without_json(cli, home):
    assert cli(*ACME).code == 0
    assert (home / "open.dues").is_file()
    probe = (
        "import sys\n"
        "sys.argv = ['followup', 'prompt']\n"
        "from followup.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('json' in sys.modules, 'datetime' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env_for_subprocess(home, FOLLOWUP_NOW=""),  # as a shell runs it
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stderr == "False False\n"
    (home / "open.dues").unlink()  # without it, the prompt parses open.json
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env_for_subprocess(home, FOLLOWUP_NOW=""),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stderr == "True False\n"


def test_the_due_times_are_what_it_counts_when_they_name_this_open_json(cli, home, run_prompt):
    assert cli(*ACME).code == 0
    dues = home / "open.dues"
    header, identity, times, end = dues.read_bytes().split(b"\n")
    now = prompt.epoch(NOW)
    # one more overdue, which open.json does not hold: the prompt read this file
    forged = times + b" " + repr(now - 1).encode()
    dues.write_bytes(b"\n".join([header, identity, forged, end]))
    before = prompt.read_line(env_for_subprocess(home))
    assert (before, run_prompt(home).stdout) == ("2 overdue, 2 today", "2 overdue, 2 today\n")


def test_due_times_written_for_another_open_json_are_not_trusted(cli, home, run_prompt):
    assert cli(*ACME).code == 0
    # Ticked by hand (or by an older followup, or a sync tool): open.dues is now stale.
    doc = json.loads((home / "open.json").read_text())
    for step in doc["interviews"][0]["steps"]:
        step["status"] = "done"
    (home / "open.json").write_text(json.dumps(doc))
    assert (home / "open.dues").is_file()
    done = run_prompt(home)
    assert (done.stdout, done.stderr, done.returncode) == ("", "", 0)


def test_a_store_over_the_limit_is_not_counted_even_with_its_due_times(cli, home):
    assert cli(*ACME).code == 0
    padded(home / "open.json", LIMIT + 1)
    info = os.stat(home / "open.json")
    dues = home / "open.dues"
    lines = dues.read_bytes().split(b"\n")
    lines[1] = store_file.identity(info)  # as if the store had written the huge file
    dues.write_bytes(b"\n".join(lines))
    assert prompt.read_line(env_for_subprocess(home)) == prompt.UNREADABLE
