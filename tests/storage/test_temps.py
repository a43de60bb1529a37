"""storage.temps and files.write_folder: the working folder of an upgrade's copies is named
like every temporary file of ours, and one a killed process left is removed, never a live
process's, a link, a folder of another user's or of another name."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.storage import files, temps

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX")


def gone_pid() -> int:
    """The number of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


@contextmanager
def running() -> Iterator[int]:
    """A process that is still running (it waits on its input) for the length of the block."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)  # fmt: skip
    try:
        yield child.pid
    finally:
        child.kill()
        child.wait()
        child.stdin.close()


def left_folder(path: Path) -> Path:
    """A working folder as a killed `write_folder` leaves it: files written, some nested."""
    (path / "history").mkdir(parents=True)
    (path / "open.json").write_bytes(b'{"version": 1}')
    (path / "history" / "2026.json").write_bytes(b"{}")
    return path


# ----- write_folder's working folder -------------------------------------------------


def test_write_folder_works_in_a_folder_named_like_our_temps_then_leaves_none(
    tmp_path, monkeypatch
):
    seen: list[tuple[str, int, list[str]]] = []
    real = os.replace

    def watch(src, dst, *args, **kwargs):
        if os.path.isdir(src):  # the working folder, about to be renamed into place
            mode = stat.S_IMODE(os.lstat(src).st_mode)
            seen.append((os.path.basename(src), mode, sorted(os.listdir(src))))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", watch)
    old_mask = os.umask(0o277)  # would make mkdir's folder unwritable (0500)
    try:
        files.write_folder(tmp_path / "v1", {"open.json": b"one", "undo/000001.json": b"two"})
    finally:
        os.umask(old_mask)
    [(name, mode, listed)] = seen
    assert re.fullmatch(rf"\.v1\.followup-{os.getpid()}-\w+\.tmp", name), name
    match = temps.TEMP_NAME.match(name)
    assert match is not None and int(match[1]) == os.getpid()  # doctor can tell whose it is
    assert mode == 0o700 and listed == ["open.json", "undo"]
    assert sorted(os.listdir(tmp_path)) == ["v1"]  # renamed into place: nothing else left
    assert (tmp_path / "v1" / "undo" / "000001.json").read_bytes() == b"two"


def test_two_write_folders_of_one_process_never_share_a_working_folder(tmp_path, monkeypatch):
    """A name no one can guess (mkdtemp), not just the pid that an older process had too."""
    names: list[str] = []
    real = os.replace

    def watch(src, dst, *args, **kwargs):
        if os.path.isdir(src):
            names.append(os.path.basename(src))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", watch)
    files.write_folder(tmp_path / "v1", {"a": b"1"})
    files.write_folder(tmp_path / "v2", {"a": b"2"})
    assert len(names) == 2 and names[0].split(".")[-2] != names[1].split(".")[-2]


# ----- remove_dead_temp_folders ------------------------------------------------------


def test_a_folder_left_by_a_dead_process_goes_with_all_it_holds(tmp_path):
    dead = gone_pid()
    outside = tmp_path / "precious.txt"
    outside.write_text("precious")
    backup = tmp_path / "backup"
    left = left_folder(backup / f".v1.followup-{dead}-a1b2c3d4.tmp")
    (left / "link").symlink_to(outside)  # a link inside: removed, never followed
    assert temps.remove_dead_temp_folders(backup) == [left]
    assert not os.path.lexists(left)
    assert outside.read_text() == "precious"
    assert temps.remove_dead_temp_folders(backup) == []  # nothing left to say


def test_a_live_process_s_folder_is_kept(tmp_path):
    with running() as pid:
        left = left_folder(tmp_path / f".v1.followup-{pid}-a1b2c3d4.tmp")
        assert temps.remove_dead_temp_folders(tmp_path, old_upgrade_folders=True) == []
        old = left_folder(tmp_path / f".v2.{pid}.tmp")
        assert temps.remove_dead_temp_folders(tmp_path, old_upgrade_folders=True) == []
        assert (left / "open.json").exists() and (old / "open.json").exists()


def test_a_link_a_file_and_folders_of_other_names_are_left(tmp_path):
    dead = gone_pid()
    target = left_folder(tmp_path / "mine")
    link = tmp_path / f".v1.followup-{dead}-a1b2c3d4.tmp"
    link.symlink_to(target, target_is_directory=True)
    a_file = tmp_path / f".v2.followup-{dead}-e5f6g7h8.tmp"  # the files' remover's business
    a_file.write_text("left over")
    others = [
        left_folder(tmp_path / name)
        for name in (
            f"v1.followup-{dead}-a1.tmp",  # not hidden
            f".v1.followup-{dead}-.tmp",  # no random part
            f".v1.followup-{dead}-a1.tmp.old",
            f".v1.{dead}.tmp",  # the old form, outside backup/
            ".v1.followup-x-a1.tmp",
            "notes.tmp",
        )
    ]
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert temps.remove_dead_temp_folders(tmp_path) == []
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before
    assert link.is_symlink() and (target / "open.json").exists()
    assert a_file.read_text() == "left over" and all((p / "open.json").exists() for p in others)


def test_the_old_form_in_backup_goes(tmp_path):
    dead = gone_pid()
    old = left_folder(tmp_path / f".v1.{dead}.tmp")
    new = left_folder(tmp_path / f".v2.followup-{dead}-zz99.tmp")
    assert sorted(temps.remove_dead_temp_folders(tmp_path, old_upgrade_folders=True)) == sorted(
        [old, new]
    )
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.getuid() != 0, reason="giving a folder to another user needs root")
def test_a_folder_of_another_user_s_is_left(tmp_path):
    dead = gone_pid()
    theirs = left_folder(tmp_path / f".v1.followup-{dead}-a1b2c3d4.tmp")
    os.chown(theirs, os.getuid() + 4242, -1)
    assert temps.remove_dead_temp_folders(tmp_path) == []
    assert (theirs / "open.json").exists()


def test_a_folder_that_cannot_be_removed_whole_is_not_listed(tmp_path, monkeypatch):
    dead = gone_pid()
    left = left_folder(tmp_path / f".v1.followup-{dead}-a1b2c3d4.tmp")
    real = os.unlink

    def refuse(path, *args, **kwargs):
        if os.path.basename(path) == "2026.json":
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refuse)
    assert temps.remove_dead_temp_folders(tmp_path) == []
    assert (left / "history" / "2026.json").exists()  # kept, for the next doctor to try


# ----- which names go: any name, a dead and a live process ---------------------------


#: Forms of names: ours, the old one of upgrades (in backup/ only), and near misses.
FORMS = {
    ".{base}.followup-{pid}-{rand}.tmp": "ours",
    ".v{n}.{pid}.tmp": "old",
    "{base}.followup-{pid}-{rand}.tmp": "not hidden",
    ".{base}.followup-{pid}-.tmp": "no random part",
    ".{base}.followup-{pid}-{rand}.tmp~": "another suffix",
    ".{base}.followup-x{pid}-{rand}.tmp": "no pid",
    ".{base}.{pid}-{rand}.tmp": "not followup's",
    "v{n}.{pid}.tmp": "old, not hidden",
    ".v{n}.{pid}.tmp.old": "old, another suffix",
    ".vx{n}.{pid}.tmp": "old, no version",
}


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("whose", ["dead", "live"])
@pytest.mark.parametrize("in_backup", [True, False])
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    base=st.text(alphabet="abvAB09_-", min_size=1, max_size=6),
    rand=st.text(alphabet="abzAZ09_", min_size=1, max_size=8),
    n=st.integers(min_value=0, max_value=999),
)
def test_only_names_of_ours_with_a_dead_process_go(
    dead_and_live, form, base, rand, n, whose, in_backup
):
    dead, live = dead_and_live
    name = form.format(base=base, rand=rand, n=n, pid=dead if whose == "dead" else live)
    kind = FORMS[form]
    expected = whose == "dead" and (kind == "ours" or (kind == "old" and in_backup))
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        left_folder(folder / name)
        removed = temps.remove_dead_temp_folders(folder, old_upgrade_folders=in_backup)
        assert removed == ([folder / name] if expected else []), (name, kind)
        assert (folder / name).exists() is not expected


@pytest.fixture(scope="module")
def dead_and_live() -> Iterator[tuple[int, int]]:
    with running() as live:
        yield gone_pid(), live


def test_whether_a_process_is_gone_is_only_asked_never_signalled(monkeypatch):
    """Signal 0 asks; any other would reach the process. A pid of 0 or below names a
    group (or every process): never asked, and never counted as gone."""
    sent: list[tuple[int, int]] = []
    real_kill = os.kill

    def kill(pid: int, signal: int) -> None:
        sent.append((pid, signal))
        real_kill(pid, signal)

    monkeypatch.setattr(os, "kill", kill)
    for group in (0, -1, -os.getpgrp()):
        assert temps.process_gone(group) is False
    assert sent == []
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as child:
        try:
            assert temps.process_gone(child.pid) is False
            assert sent == [(child.pid, 0)]
        finally:
            child.kill()
    dead = gone_pid()
    assert temps.process_gone(dead) is True and sent[-1] == (dead, 0)


# ----- remove_dead_temps: files ------------------------------------------------------------


def _refusing(monkeypatch, name: str, refused: Path) -> None:
    """os.`name` fails with EACCES on `refused` (as for a file made read-only by another
    process), and works on everything else."""
    real = getattr(os, name)

    def call(path, *args, **kwargs):
        if Path(path) == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, call)


@pytest.mark.parametrize("fails", ["unlink", "lstat"])
def test_a_dead_temp_file_that_cannot_be_removed_or_read_is_passed_over(
    tmp_path, monkeypatch, fails
):
    dead = gone_pid()
    first, second = (tmp_path / f".open.json.followup-{dead}-{x}.tmp" for x in ("aaa", "bbb"))
    for path in (first, second):
        path.write_text("half written")
    _refusing(monkeypatch, fails, first)
    assert temps.remove_dead_temps(tmp_path) == [second]
    assert first.exists() and not second.exists()


def test_a_file_named_like_an_old_upgrade_folder_is_not_a_temp_file(tmp_path):
    """`.vN.<pid>.tmp` is how an upgrade's working folder was once named, in backup/: a
    file of that name anywhere is the user's, even when the pid is a dead one."""
    named = tmp_path / f".v2.{gone_pid()}.tmp"
    named.write_text("someone's")
    assert temps.remove_dead_temps(tmp_path) == []
    assert named.read_text() == "someone's"
