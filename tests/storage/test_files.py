"""storage.files: tested directly, and through the commands."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import env_for_subprocess, snapshot
from populate import fill

# ----------------------------------------------------------------------------
# `followup doctor` removes the temporary files that followup processes killed mid-write
# left behind (of the store, settings, reminder state, exports), and says so; never a live
# process's file, a symlink, or a file of another name.


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX")
def test_a_save_names_its_temporary_file_after_its_process(tmp_path):
    from followup.storage import files

    seen = []
    real = files.os.replace

    def spy(source, target):
        seen.append(Path(source).name)
        real(source, target)

    files.os.replace = spy
    try:
        files.write_atomic(tmp_path / "remind.json", b"{}")
    finally:
        files.os.replace = real
    assert re.fullmatch(rf"\.remind\.json\.followup-{os.getpid()}-\w+\.tmp", seen[0])


# ----------------------------------------------------------------------------
# The files around the store get the store's care (issue 13): export targets, symlinked
# files, settings written at once, imports held to add's checks, odd clocks and zones.
#
# Each test drives the real CLI (in-process or as a process) and failed before the fix.


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


BAD_IMPORTS = {
    "escape": ({"company": "Evil\x1b[2JCo"}, "interviews[0].company"),
    "osc 8 link": ({"notes": "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07"}, "notes"),
    "right-to-left override": ({"company": "Acme\u202eevil"}, "company"),
    "right-to-left mark": ({"role": "Analyst\u200f"}, "role"),
    "line separator": ({"name": "Jane\u2028Doe"}, "name"),
    "2 MB company": ({"company": "x" * 2_000_000}, "company"),
    "3 MB notes": ({"notes": "n" * 3_000_000}, "notes"),
    "year 1": ({"at": "0001-01-01T00:00:00+00:00"}, "interviews[0].at"),
    "year 9999": ({"at": "9999-12-31T10:00:00+00:00"}, "interviews[0].at"),
    "before 1970": ({"created_at": "1969-07-20T20:17:00+00:00"}, "created_at"),
    "years ahead": ({"at": "2031-01-01T10:00:00+00:00"}, "interviews[0].at"),
}


@pytest.mark.parametrize("case", list(BAD_IMPORTS))
def test_json_import_refuses_what_add_refuses(cli, home, tmp_path, case):
    changes, where = BAD_IMPORTS[case]
    path = _export_with(cli, tmp_path, **changes)
    before = snapshot(home)
    for args in (("import", str(path)), ("import", str(path), "--dry-run")):
        run = cli(*args)
        clear_error(run, where)
        assert len(run.stderr) < 400, run.stderr
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("now", "args"),
    [
        ("0001-01-01T00:00", ("add", "Acme", "--at", "yesterday")),
        ("0001-01-01T00:00", ("status",)),
        ("9999-12-30T10:00", ("add", "Acme")),
        ("9999-12-30T10:00", ("status",)),
        ("1969-12-31T23:00", ("add", "Acme")),
    ],
)
def test_a_clock_out_of_range_is_named(cli, files, now, args):
    run = cli(*args, env={"FOLLOWUP_NOW": now})
    clear_error(run, "FOLLOWUP_NOW")
    assert files() == {}


# ----- 6. umask 000 -------------------------------------------------------------------------


def test_umask_000_never_makes_open_folders(tmp_path):
    user = tmp_path / "user"
    user.mkdir(mode=0o700)
    env = {
        k: v
        for k, v in env_for_subprocess(tmp_path).items()
        if k not in ("FOLLOWUP_HOME",) and not k.startswith("XDG_")
    }
    env["HOME"] = str(user)
    for args in (("config", "name", "Sam Lee"), ("add", "Acme Corp")):
        done = subprocess.run(
            [sys.executable, "-m", "followup", *args],
            capture_output=True,
            text=True,
            env=env,
            preexec_fn=lambda: os.umask(0),
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
    made = [p for p in user.rglob("*")]
    assert any(p.name == "config.toml" for p in made) and any(p.name == "open.json" for p in made)
    for path in made:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_a_named_pipe_in_place_of_open_json_is_refused_not_waited_on(home):
    from cli.test_completion import complete

    home.mkdir()
    os.mkfifo(home / "open.json")
    done = followup(home, "status", timeout=30)
    assert done.returncode == 1 and "not a regular file" in done.stderr, done.stderr
    assert complete(home, "followup done ") == []  # completion gives up quietly, at once
    from followup.prompt import UNREADABLE

    done = followup(home, "prompt", timeout=30)  # the shell prompt too: on every prompt
    assert done.returncode == 0 and done.stdout == UNREADABLE + "\n", done
    assert stat.S_ISFIFO((home / "open.json").lstat().st_mode)


# ----------------------------------------------------------------------------
# Bad files are refused with a precise message and kept byte for byte; versions; privacy.


def test_data_is_private_whatever_the_umask(cli, home):
    old = os.umask(0)
    try:
        fill(cli)
        assert cli("undo").code == 0
    finally:
        os.umask(old)
    paths = [home, *home.rglob("*")]
    assert len(paths) > 8
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_a_new_data_folder_and_its_parents_are_private(cli, tmp_path):
    deep = tmp_path / "a" / "b" / "followup"
    assert cli("add", "Acme", env={"FOLLOWUP_HOME": str(deep)}).code == 0
    for path in (tmp_path / "a", tmp_path / "a" / "b", deep):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path


# ----- write_folder: complete or absent, and an error that says why ------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_folder_whose_file_cannot_be_written_is_not_made_and_the_reason_is_kept(
    tmp_path, monkeypatch
):
    from followup.errors import StoreError
    from followup.storage import files

    def refuses(path, data, *args, **kwargs):
        raise StoreError(f"could not write {path.name}: disk said no")

    monkeypatch.setattr(files, "write_atomic", refuses)
    with pytest.raises(StoreError) as info:
        files.write_folder(tmp_path / "v2", {"open.json": b"{}"})
    assert str(info.value) == "could not write open.json: disk said no"
    assert _leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_renamed_into_place_says_why_in_words(tmp_path, monkeypatch):
    import errno

    from followup.errors import StoreError
    from followup.storage import files

    real = files.os.replace

    def full(source, target):  # the files are written; the folder's own rename fails
        if Path(source).is_dir():
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    monkeypatch.setattr(files.os, "replace", full)
    with pytest.raises(StoreError) as info:
        files.write_folder(tmp_path / "v2", {"open.json": b"{}"})
    assert str(info.value) == files.os_problem(OSError(errno.ENOSPC, "No space left on device"))
    assert "No space left on device" in str(info.value)
    assert _leftovers(tmp_path) == []


def test_a_failure_after_the_folder_is_in_place_is_a_store_error_not_a_crash(tmp_path, monkeypatch):
    """The folder was renamed into place, then syncing its parent failed: the working
    folder is gone already, and removing it must not hide the error."""
    import errno

    from followup.errors import StoreError
    from followup.storage import files

    real = files.fsync_dir

    def fails(path):  # only the sync of the folder that received `v2`
        if Path(path) == tmp_path:
            raise OSError(errno.EIO, "Input/output error")
        real(path)

    monkeypatch.setattr(files, "fsync_dir", fails)
    with pytest.raises(StoreError) as info:
        files.write_folder(tmp_path / "v2", {"open.json": b"{}"})
    assert "Input/output error" in str(info.value)
    assert (tmp_path / "v2" / "open.json").read_bytes() == b"{}"


# ----- a new file only: a name that exists is never replaced -------------------------------


def _without_hard_links(monkeypatch) -> None:
    """A file system without hard links (FAT, some network shares): link is refused."""
    import errno

    def refuse(*_args):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard links", "no hard links"])
def test_a_new_only_write_over_a_file_that_exists_names_it_and_leaves_it(
    tmp_path, monkeypatch, hard_links
):
    from followup.storage import files

    if not hard_links:
        _without_hard_links(monkeypatch)
    there = tmp_path / "out.json"
    there.write_text("the user's")
    with pytest.raises(files.Exists) as caught:
        files.write_atomic(there, b"ours", new_only=True)
    assert str(caught.value) == f"{there} exists"
    assert there.read_text() == "the user's" and os.listdir(tmp_path) == ["out.json"]


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard links", "no hard links"])
def test_a_new_only_write_makes_a_private_file(tmp_path, monkeypatch, hard_links):
    from followup.storage import files

    if not hard_links:
        _without_hard_links(monkeypatch)
    new = tmp_path / "out.json"
    files.write_atomic(new, b"ours", new_only=True)
    assert new.read_bytes() == b"ours" and os.listdir(tmp_path) == ["out.json"]
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


def test_a_temp_name_that_cannot_be_removed_after_the_link_is_not_a_failure(tmp_path, monkeypatch):
    """The file is in place: the leftover name goes with a later run's clean-up."""
    from followup.storage import files

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "unlink", refuse)
    new = tmp_path / "out.json"
    assert files.write_atomic(new, b"ours", new_only=True) == new
    assert new.read_bytes() == b"ours"
    (left,) = [p for p in tmp_path.iterdir() if p != new]
    assert files.temp_pattern("out.json").match(left.name)


@pytest.mark.parametrize("exists", [True, False])
def test_a_failed_write_says_whether_a_file_was_kept(tmp_path, monkeypatch, exists):
    """'the file was left as it was' where there was one; else 'nothing was written'."""
    from followup.errors import StoreError
    from followup.storage.files import write_atomic

    target = tmp_path / "out.json"
    if exists:
        target.write_bytes(b"before")

    def refuse(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StoreError) as caught:
        write_atomic(target, b"after")
    kept = "the file was left as it was" if exists else "nothing was written"
    assert str(caught.value).endswith(f"; {kept}")
    assert (target.read_bytes() if exists else target.exists()) == (b"before" if exists else False)
    assert [p.name for p in tmp_path.iterdir()] == (["out.json"] if exists else [])


def test_a_folder_the_disk_will_not_sync_is_a_failed_save_with_advice(tmp_path, monkeypatch):
    """EIO on fsync of the folder is a save not known to be on disk: said, with `doctor`;
    a folder that cannot be synced at all (EINVAL) is passed over."""
    import errno

    from followup.cli.advice import error_text
    from followup.storage.files import fsync_dir
    from followup.storage.os_problems import NotDurable

    def eio(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", eio)
    with pytest.raises(NotDurable) as caught:
        fsync_dir(tmp_path)
    assert error_text(caught.value) == (
        f"the disk did not confirm the save in {tmp_path}: the disk reported an input/output "
        "error (it may be failing) (Input/output error); run `followup doctor` to check your "
        "data"
    )

    def einval(fd):
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(os, "fsync", einval)
    assert fsync_dir(tmp_path) is None


def test_a_file_in_a_linked_folder_is_written_by_the_path_given(tmp_path):
    """Only a link at the file itself is followed: a folder reached through a link keeps
    the path the user gave (in messages, and in what is returned)."""
    from followup.storage.files import real_path, write_atomic

    (tmp_path / "real").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    given_path = tmp_path / "linked" / "out.json"
    assert real_path(given_path) == given_path
    assert write_atomic(given_path, b"data") == given_path
    assert (tmp_path / "real" / "out.json").read_bytes() == b"data"
    (tmp_path / "real" / "target.json").write_bytes(b"old")
    (tmp_path / "real" / "link.json").symlink_to("target.json")
    assert real_path(tmp_path / "real" / "link.json") == tmp_path / "real" / "target.json"


def test_a_temporary_file_that_cannot_be_removed_leaves_the_first_error(tmp_path, monkeypatch):
    """The write failed, then removing its temporary file failed too: the user hears of
    the write, not of the clean-up."""
    from followup.errors import StoreError
    from followup.storage.files import write_atomic

    def refuse(*_args, **_kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "unlink", refuse)
    with pytest.raises(StoreError) as caught:
        write_atomic(tmp_path / "out.json", b"after")
    assert str(caught.value).startswith(f"could not write {tmp_path / 'out.json'}: ")


def test_a_folder_that_cannot_be_made_is_named_with_the_way_out(tmp_path, monkeypatch):
    from followup.errors import StoreError
    from followup.storage.files import make_private_dir

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as under_a_file:
        make_private_dir(blocker / "home")
    assert str(under_a_file.value) == (
        f"cannot create {blocker / 'home'}: a part of that path is a file, not a folder; "
        "point FOLLOWUP_HOME at a folder"
    )

    def refuse(self, *_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(StoreError) as denied:
        make_private_dir(tmp_path / "denied")
    assert str(denied.value).startswith(f"could not create {tmp_path / 'denied'}: ")
    assert "ermission" in str(denied.value)


def test_a_parent_made_meanwhile_by_another_process_is_gone_past(tmp_path, monkeypatch):
    """Another followup made `a` between the look and the mkdir: `a/b/c` is still made."""
    from followup.storage.files import make_private_dir

    real = Path.mkdir

    def racing(self, *args, **kwargs):
        if self == tmp_path / "a":
            real(self, *args, **kwargs)  # the other process's
            raise FileExistsError(17, "File exists")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", racing)
    make_private_dir(tmp_path / "a" / "b" / "c")
    assert (tmp_path / "a" / "b" / "c").is_dir()


def test_a_file_that_cannot_be_read_is_named_with_what_to_do(tmp_path, monkeypatch):
    from followup.errors import StoreError
    from followup.storage import files

    pipe = tmp_path / "open.json"
    os.mkfifo(pipe)
    with pytest.raises(StoreError) as fifo:
        files.read_bytes(pipe)
    assert str(fifo.value) == (
        f"{pipe} is not a regular file (a named pipe or a device?): replace it with a file, "
        "or remove it"
    )

    def refuse(path, limit=None):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "read_regular", refuse)
    with pytest.raises(StoreError) as denied:
        files.read_bytes(tmp_path / "x.json")
    assert str(denied.value).startswith(f"could not read {tmp_path / 'x.json'}: ")
