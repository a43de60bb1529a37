"""The files around the store get the store's care (issue 13): export targets, symlinked
files, settings written at once, imports held to add's checks, odd clocks and zones.

Each test drives the real CLI (in-process or as a process) and failed before the fix.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import env_for_subprocess, snapshot
from populate import fill


def followup(home: Path, *args: str, timeout: float = 60, **env: str):
    return subprocess.run(
        [sys.executable, "-m", "followup", *args],
        capture_output=True,
        text=True,
        env=env_for_subprocess(home, **env),
        timeout=timeout,
    )


def clear_error(run, *words: str) -> None:
    """Exit 1 with one line that is not a crash report, naming `words`."""
    err = run.stderr
    assert run.code == 1 if hasattr(run, "code") else run.returncode == 1, err
    assert "unexpected" not in err and "Traceback" not in err, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, (word, err)


def test_export_refuses_to_replace_a_file_without_force(cli, home, tmp_path):
    fill(cli)
    target = tmp_path / "mine.json"
    target.write_text("my own notes\n")
    target.chmod(0o640)
    run = cli("export", "--output", str(target))
    clear_error(run, str(target), "--force")
    assert target.read_text() == "my own notes\n"
    run = cli("export", "--output", str(target), "--force")
    assert run.code == 0, run.stderr
    assert json.loads(target.read_text())["format"] == "followup"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the user's file keeps its mode


def test_a_new_export_is_private(cli, home, tmp_path):
    fill(cli)
    target = tmp_path / "new.csv"
    old = os.umask(0)
    try:
        assert cli("export", "--output", str(target)).code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_never_uses_a_guessable_temporary_file(cli, home, tmp_path):
    """Another user plants a link (or a readable file) where the temp file would go."""
    fill(cli)
    shared = tmp_path / "shared"
    shared.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    planted = shared / f".out.json.{os.getpid()}.tmp"
    planted.symlink_to(victim)
    spy = shared / f".out2.json.{os.getpid()}.tmp"
    spy.write_text("")
    spy.chmod(0o666)
    assert cli("export", "--output", str(shared / "out.json")).code == 0
    assert cli("export", "--output", str(shared / "out2.json")).code == 0
    assert victim.read_text() == "precious\n"
    assert spy.read_text() == ""  # nothing of the user's went into the planted file
    assert json.loads((shared / "out.json").read_text())["format"] == "followup"
    leftovers = [p.name for p in shared.iterdir() if p.name.endswith(".tmp")]
    assert sorted(leftovers) == sorted(p.name for p in (planted, spy) if os.path.lexists(p))


def test_export_temp_files_are_created_exclusively(cli, home, tmp_path, monkeypatch):
    fill(cli)
    flags: list[int] = []
    real = os.open

    def spy(path, flag, *args, **kwargs):
        if Path(path).parent == tmp_path and Path(path).name.startswith("."):
            flags.append(flag)
        return real(path, flag, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    assert cli("export", "--output", str(tmp_path / "out.json")).code == 0
    assert flags and all(f & os.O_EXCL and f & os.O_CREAT for f in flags if f & os.O_CREAT)


def test_export_writes_into_a_named_pipe(cli, home, tmp_path):
    fill(cli)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    run = cli("export", "--format", "csv", "--output", str(fifo))
    reader.join(timeout=20)
    assert run.code == 0, run.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the pipe was replaced by a file"
    assert got and got[0].startswith(b"interview,company")


def test_export_writes_into_dev_stdout(home, tmp_path):
    followup(home, "add", "Acme Corp")
    out = tmp_path / "captured"
    with out.open("wb") as sink:
        done = subprocess.run(
            [sys.executable, "-m", "followup", "export", "-o", "/dev/stdout", "-f", "json"],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            env=env_for_subprocess(home),
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["interviews"][0]["company"] == "Acme Corp"
    assert out.is_file()


def test_a_terminal_asks_before_replacing(home, tmp_path):
    from terminal import run_in_terminal

    followup(home, "add", "Acme Corp")
    target = tmp_path / "mine.json"
    target.write_text("keep me\n")
    code, screen = run_in_terminal(home, ["export", "-o", str(target)], [("Replace it?", "n")])
    assert code == 0 and "Nothing was written" in screen, screen
    assert target.read_text() == "keep me\n"
    code, screen = run_in_terminal(home, ["export", "-o", str(target)], [("Replace it?", "y")])
    assert code == 0, screen
    assert json.loads(target.read_text())["interviews"][0]["company"] == "Acme Corp"


def test_export_into_a_device_writes_into_it(cli, home):
    fill(cli)
    run = cli("export", "--output", "/dev/null")
    assert run.code == 0, run.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize(
    "target",
    ["open.json", "./open.json", "backup/open.json", "undo/000001.json", ".lock", "config.toml"],
)
def test_export_refuses_the_stores_own_files(cli, home, target):
    fill(cli)
    assert cli("config", "name", "Sam Lee").code == 0
    before = snapshot(home)
    lock = (home / ".lock").read_bytes()
    run = cli("export", "--output", str(home / target), "--force")
    clear_error(run, "followup's own")
    assert snapshot(home) == before and (home / ".lock").read_bytes() == lock


def test_export_refuses_a_link_to_the_store(cli, home, tmp_path):
    fill(cli)
    before = snapshot(home)
    link = tmp_path / "looks-harmless.json"
    link.symlink_to(home / "open.json")
    clear_error(cli("export", "--output", str(link), "--force"), "followup's own")
    hard = tmp_path / "hard.json"
    os.link(home / "open.json", hard)
    clear_error(cli("export", "--output", str(hard), "--force"), "followup's own")
    assert snapshot(home) == before


def test_export_through_a_symlink_replaces_the_real_file(cli, home, tmp_path):
    fill(cli)
    real = tmp_path / "real" / "export.json"
    real.parent.mkdir()
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert cli("export", "--output", str(link), "--force").code == 0
    assert link.is_symlink() and json.loads(real.read_text())["format"] == "followup"


def _appears_meanwhile(monkeypatch, target: Path, text: str) -> None:
    """Another program creates `target` just after the export looked whether it exists."""
    from followup.storage import files

    real = files.existing_file

    def look(path):
        seen = real(path)
        if Path(path) == target:
            target.write_text(text)
        return seen

    monkeypatch.setattr(files, "existing_file", look)


@pytest.mark.parametrize("links", [True, False], ids=["hard links", "no hard links"])
def test_export_without_force_never_replaces_a_file_that_appears_meanwhile(
    cli, home, tmp_path, monkeypatch, links
):
    fill(cli)
    if not links:  # a file system without hard links (FAT, some shares)

        def no_link(*args, **kwargs):
            raise PermissionError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_link)
    target = tmp_path / "out" / "theirs.json"
    target.parent.mkdir()
    _appears_meanwhile(monkeypatch, target, "written by someone else\n")
    run = cli("export", "--output", str(target))
    clear_error(run, str(target), "--force")
    assert target.read_text() == "written by someone else\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["theirs.json"]  # no temp left
    fresh = target.parent / "fresh.json"
    assert cli("export", "--output", str(fresh)).code == 0
    assert json.loads(fresh.read_text())["format"] == "followup"
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["fresh.json", "theirs.json"]


def test_a_killed_export_leaves_a_temp_file_that_the_next_export_removes(cli, home, tmp_path):
    """Only followup's own temporary files whose export is gone: never the user's files, a
    link, or a live export's."""
    fill(cli)
    out = tmp_path / "out"
    out.mkdir()
    killed = subprocess.run(  # dies with the export written to its temp file, not yet linked
        [sys.executable, "-c", "import os, signal, sys; "
         "os.link = lambda *a: os.kill(os.getpid(), signal.SIGKILL); "
         "sys.argv = ['followup', 'export', '--output', sys.argv[1]]; "
         "from followup.__main__ import main; main()", str(out / "export.json")],
        env=env_for_subprocess(home), capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr
    (left,) = out.iterdir()
    assert re.fullmatch(r"\.export\.json\.followup-\d+-\w+\.tmp", left.name)
    assert json.loads(left.read_bytes())["format"] == "followup"  # what the kill cut short
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        keep = {
            ".export.json.abc123.tmp": "the store's pattern, not an export's",
            "notes.tmp": "the user's",
            f".other.csv.followup-{live.pid}-abc.tmp": "a live export's",
            ".x.followup-99999999999999999999-abc.tmp": "no such process number",
        }
        for name, text in keep.items():
            (out / name).write_text(text)
        victim = tmp_path / "victim.txt"
        victim.write_text("precious")
        (out / ".y.followup-1-abc.tmp").symlink_to(victim)  # a link, even named like ours
        assert cli("export", "--format", "csv", "--output", str(out / "steps.csv")).code == 0
        assert not left.exists()
        for name, text in keep.items():
            assert (out / name).read_text() == text, name
        assert (out / ".y.followup-1-abc.tmp").is_symlink() and victim.read_text() == "precious"
    finally:
        live.kill()
        live.wait()


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_a_symlinked_open_json_stays_a_link(cli, home, tmp_path, relative):
    assert cli("add", "Acme Corp").code == 0
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "followup-open.json"
    os.replace(home / "open.json", real)
    (home / "open.json").symlink_to(os.path.relpath(real, home) if relative else real)
    assert cli("add", "Globex").code == 0
    assert cli("done", "acme", "email").code == 0
    assert (home / "open.json").is_symlink()
    companies = [iv["company"] for iv in json.loads(real.read_text())["interviews"]]
    assert companies == ["Acme Corp", "Globex"]
    for name in (home / "undo").iterdir():
        assert not name.is_symlink(), name
    assert cli("undo").code == 0
    assert cli("undo").code == 0
    assert (home / "open.json").is_symlink()
    assert [iv["company"] for iv in cli("list", "--json").json()] == ["Acme Corp"]
    run = cli("doctor")
    assert run.code == 0 and "healthy" in run.stdout, run.stdout + run.stderr


def test_a_symlinked_config_toml_stays_a_link(cli, home, tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "followup.toml"
    real.write_text('name = "Sam Lee"\n')
    home.mkdir()
    (home / "config.toml").symlink_to(os.path.relpath(real, home))
    assert cli("config", "email", "sam@example.com").code == 0
    assert (home / "config.toml").is_symlink()
    text = real.read_text()
    assert "Sam Lee" in text and "sam@example.com" in text


def _export_with(cli, tmp_path, **changes) -> Path:
    fill(cli)
    doc = json.loads(cli("export").stdout)
    iv = doc["interviews"][0]
    iv["id"] = 100
    for key, value in changes.items():
        if key == "name":
            iv["interviewers"][0]["name"] = value
        else:
            iv[key] = value
    path = tmp_path / "in.json"
    path.write_text(json.dumps({**doc, "interviews": [iv]}))
    return path


def test_old_history_is_welcome(cli, home, tmp_path):
    path = _export_with(
        cli,
        tmp_path,
        at="1999-03-01T10:00:00+00:00",
        created_at="1999-03-01T11:00:00+00:00",
    )
    doc = json.loads(path.read_text())
    for step in doc["interviews"][0]["steps"]:
        step["due"] = "1999-03-02T10:00:00+00:00"
    path.write_text(json.dumps(doc))
    run = cli("import", str(path))
    assert run.code == 0, run.stderr


@pytest.mark.parametrize("tz", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_a_hand_edited_far_year_is_refused_and_not_called_healthy(cli, home, tz):
    fill(cli)
    doc = json.loads((home / "open.json").read_text())
    doc["interviews"][0]["at"] = "9999-12-31T20:00:00+00:00"
    (home / "open.json").unlink()
    (home / "open.json").write_text(json.dumps(doc, indent=1))
    for args in (("status",), ("list",), ("show", "1"), ("export",), ("edit", "1", "--role", "x")):
        run = cli(*args, env={"TZ": tz})
        clear_error(run, "interviews[0].at")
    run = cli("doctor", env={"TZ": tz})
    assert run.code == 1 and "healthy" not in run.stdout.splitlines()[-1], run.stdout


def test_a_zone_offset_no_clock_can_have(cli, home):
    assert cli("add", "Acme Corp").code == 0
    for args in (("status",), ("add", "Globex"), ("list",)):
        clear_error(cli(*args, env={"TZ": "UTC+99"}), "TZ")


def test_typed_years_out_of_range_are_refused(cli, files):
    for when in ("1969-07-20 20:17", "0001-01-01 09:00"):
        clear_error(cli("add", "Acme", "--at", when), when)
    assert files() == {}


def test_a_json_file_nested_too_deeply(cli, home, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000)
    clear_error(cli("import", str(path)), str(path))
    path.write_text('{"format": "followup", "version": 1, "interviews": ' + "[" * 100_000)
    clear_error(cli("import", str(path)), str(path))


def test_doctor_leaves_other_files_alone(cli, home):
    fill(cli)
    script = home / "backup" / "sync.sh"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    notes = home / "history" / "README.txt"
    notes.write_text("mine\n")
    notes.chmod(0o644)
    (home / "open.json").chmod(0o644)
    run = cli("doctor", "--yes")
    assert run.code == 0, run.stdout + run.stderr
    assert stat.S_IMODE(script.stat().st_mode) == 0o755
    assert stat.S_IMODE(notes.stat().st_mode) == 0o644
    assert stat.S_IMODE((home / "open.json").stat().st_mode) == 0o600


def test_a_backup_that_cannot_be_written_is_said(cli, home):
    fill(cli)
    backup = home / "backup" / "open.json"
    backup.unlink()
    backup.mkdir()  # anything in the way: the copy fails, the change is made
    run = cli("add", "Newco")
    assert run.code == 0, run.stderr
    assert "backup" in run.stderr and "followup doctor" in run.stderr, run.stderr
    assert "Newco" in (home / "open.json").read_text()


def test_doctor_on_a_full_disk_lists_what_it_did(cli, home, monkeypatch):
    import errno

    fill(cli)
    (home / "open.json").chmod(0o644)
    (home / "backup" / "open.json").unlink()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    run = cli("doctor", "--yes")
    assert run.code == 1
    said = run.stdout + run.stderr
    assert "the disk is full" in said and "set open.json to 600" in said, said
    assert "unexpected" not in said


@pytest.mark.parametrize("char", ["\u200f", "\u061c", "\u2028", "\u2029", "\u0085", "\u200e"])
def test_direction_and_line_characters_are_refused_when_typed(cli, files, char):
    clear_error(cli("add", f"Acme{char}Corp"), "control character")
    clear_error(cli("add", "Acme", "--with", f"Jane{char} Doe"), "control character")
    assert files() == {}


@pytest.mark.parametrize("char", ["\u200f", "\u061c", "\u2028", "\u0085"])
def test_direction_and_line_characters_are_shown_escaped(cli, home, char):
    assert cli("add", "Acme Corp").code == 0
    path = home / "open.json"
    text = path.read_text().replace("Acme Corp", f"Acme{char}Corp")
    path.unlink()
    path.write_text(text)
    run = cli("status")
    escaped = char.encode("unicode_escape").decode()
    assert char not in run.stdout and escaped in run.stdout, run.stdout
    # doctor holds the store to what add accepts, and says how to fix it
    run = cli("doctor")
    assert run.code == 1 and "control character" in run.stdout, run.stdout


def test_a_named_pipe_as_a_template_does_not_hang(home):
    followup(home, "add", "Acme Corp", "--with", "Jane Doe")
    (home / "templates").mkdir()
    os.mkfifo(home / "templates" / "phone.txt")
    done = followup(home, "draft", "1", "phone", timeout=30)
    assert done.returncode == 1, done.stderr
    assert "phone.txt" in done.stderr and "not a regular file" in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (lambda d: d.update(version=True), "version"),
        (lambda d: d["interviews"][0].update(closed=True), "interviews[0].closed"),
        (lambda d: d.update(next_id=True), "next_id"),
        (lambda d: d["interviews"][0].update(id=1.0), "interviews[0].id"),
    ],
    ids=["version true", "closed true", "next_id true", "id 1.0"],
)
def test_hand_edited_types_are_refused(cli, home, edit, where):
    fill(cli)
    doc = json.loads((home / "open.json").read_text())
    edit(doc)
    (home / "open.json").unlink()
    (home / "open.json").write_text(json.dumps(doc, indent=1))
    before = snapshot(home)
    clear_error(cli("status"), where)
    clear_error(cli("add", "Newco"), where)
    assert snapshot(home) == before
    run = cli("doctor")
    assert run.code == 1, run.stdout


def test_undo_names_the_change_and_when_it_was_made(cli, home):
    assert cli("add", "Acme Corp").code == 0
    run = cli("add", "Globex", env={"FOLLOWUP_NOW": "2026-11-26T11:30:00+00:00"})
    assert run.code == 0
    run = cli("undo")
    assert run.code == 0
    said = run.stdout + run.stderr
    assert "Globex" in said and "11:30" in said, said


def test_undo_help_says_it_reverts_any_terminals_change(cli):
    text = " ".join(cli("undo", "--help").stdout.split())
    assert "another terminal" in text or "any process" in text or "any terminal" in text, text
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert "another terminal" in readme or "any terminal" in readme


def test_a_skip_reason_is_held_to_the_text_rules(cli, files):
    assert cli("add", "Acme Corp").code == 0
    before = files()
    clear_error(cli("skip", "1", "card", "--reason", "no\x1b]8;;https://x\x07address"), "reason")
    clear_error(cli("skip", "1", "card", "--reason", "r" * 501), "reason")
    assert files() == before
    assert cli("skip", "1", "card", "--reason", "remote interview").code == 0


def test_a_csv_row_before_1970_or_years_ahead_is_refused(cli, files, tmp_path):
    path = tmp_path / "in.csv"
    for when in ("1969-07-20 20:17", "2031-01-01 10:00"):
        path.write_text(f"company,at\nAcme,{when}\n")
        clear_error(cli("import", str(path)), "row 2", when)
    assert files() == {}


def test_settings_wait_for_the_stores_lock(cli, home):
    from followup.storage.store import Store

    assert cli("add", "Acme Corp").code == 0
    with Store(home).lock():
        done = followup(home, "config", "name", "Sam Lee", FOLLOWUP_LOCK_TIMEOUT="0.5")
    assert done.returncode == 1 and "another followup command" in done.stderr, done.stderr
    assert not (home / "config.toml").exists()
    assert cli("config", "name", "Sam Lee").code == 0
