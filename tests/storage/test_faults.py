"""The outside world fails: every file operation of a save, a full disk, no permission.

Whatever fails, a command exits 0 with its change saved, or exits 1 with one
clear line, the data byte for byte as it was, and no temp file left behind.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from followup.storage.store import Store
from populate import fill, restore

# The file operations a save makes, and how each is made to fail.
FAULTS = {
    "open": errno.EACCES,
    "write": errno.ENOSPC,
    "fsync": errno.EIO,
    "close": errno.EIO,
    "replace": errno.ENOSPC,
    "link": errno.EMLINK,
    "mkdir": errno.EACCES,
    "unlink": errno.EACCES,
}

SCENARIOS = {
    "add": ("add", "Newco", "--with", "Ann Lee <ann@newco.example>"),
    "done": ("done", "acme", "linkedin", "card"),
    "close": ("close", "initech", "--outcome", "offer"),  # writes a history file
    "remove a closed one": ("remove", "2", "--yes"),
    "undo": ("undo",),
}


class Faults:
    """Counts the file operations of a command, or fails the n-th one."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        self.fail_at: int | None = None
        for name, code in FAULTS.items():
            monkeypatch.setattr(os, name, self._wrap(name, code, getattr(os, name)))

    def _wrap(self, name, code, real):
        def call(*args, **kwargs):
            self.calls.append(name)
            if self.fail_at is not None and len(self.calls) == self.fail_at:
                if name == "close" and args and isinstance(args[0], int):
                    real(*args, **kwargs)  # the descriptor is closed; close still reports EIO
                raise OSError(code, os.strerror(code))
            return real(*args, **kwargs)

        return call


#: A new interview's uid is random: two runs of one `add` differ there alone.
NO_UID = {"interviews": {"__all__": {"uid"}}}


def without_uids(data: bytes) -> bytes:
    return re.sub(rb'"uid": "[0-9a-f]{32}"', b'"uid": ""', data)


def temp_files(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_each_file_operation_failing_leaves_the_data_whole(cli, files, home, monkeypatch, scenario):
    fill(cli)
    args = SCENARIOS[scenario]
    pristine = files()
    store = Store(home)
    # The reference: the same command with nothing failing.
    faults = Faults(monkeypatch)
    assert cli(*args).code == 0
    operations, after = list(faults.calls), files()
    after_state = (
        store.read_open().model_dump(exclude=NO_UID),
        [iv.model_dump(exclude={"uid"}) for iv in store.read_all()],
    )
    assert len(operations) >= 8, operations
    outcomes = {"unchanged": 0, "saved": 0, "backup said": 0}
    for n in range(1, len(operations) + 1):
        restore(home, pristine)
        faults.calls.clear()
        faults.fail_at = n
        run = cli(*args)
        faults.fail_at = None
        failed = f"{operations[n - 1]} #{n}"
        assert run.code in (0, 1), (failed, run.stderr)
        assert "Traceback" not in run.stderr and "unexpected" not in run.stderr, (failed, run)
        assert not temp_files(home), (failed, temp_files(home))
        if files() == pristine:
            assert run.code == 1, (failed, "nothing was saved, yet it exited 0")
            assert run.stderr.startswith("error: ") and run.stderr.count("\n") == 1, run.stderr
            outcomes["unchanged"] += 1
            continue
        # Saved: the change is all there (only best-effort extras may be missing).
        state = (
            store.read_open().model_dump(exclude=NO_UID),
            [iv.model_dump(exclude={"uid"}) for iv in store.read_all()],
        )
        assert state == after_state, (
            failed,
            operations,
            run.code,
            run.stderr,
            sorted(set(files()) ^ set(pristine)),
            [k for k in pristine if files().get(k) != pristine[k]],
        )
        assert without_uids(files()["open.json"]) == without_uids(after["open.json"]), failed
        if run.code == 1:
            assert "did not confirm the save" in run.stderr, (failed, run.stderr)
        elif without_uids(files().get("backup/open.json", b"")) != without_uids(after["open.json"]):
            # saved, but the backup copy was not: said, not passed over in silence
            assert "backup copy was not" in run.stderr, (failed, run.stderr)
            outcomes["backup said"] += 1
        outcomes["saved"] += 1
    assert outcomes["unchanged"] >= 5 and outcomes["saved"] >= 5, outcomes
    assert outcomes["backup said"] >= 1, outcomes
    print(f"{scenario}: {len(operations)} operations failed one at a time: {outcomes}")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only"),
        (errno.EDQUOT, "quota"),
    ],
)
def test_failures_are_explained(cli, files, home, monkeypatch, code, words):
    fill(cli)
    before = files()

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", fail)
    run = cli("add", "Newco")
    assert run.code == 1
    assert words in run.stderr and "open.json" in run.stderr, run.stderr
    assert files() == before and not temp_files(home)


def test_a_data_folder_that_is_a_file(cli, tmp_path):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("my notes")
    for home in (not_a_folder, not_a_folder / "followup"):
        for args in (("status",), ("add", "Acme"), ("undo",), ("doctor",)):
            run = cli(*args, env={"FOLLOWUP_HOME": str(home)})
            assert run.code == 1, (args, run.stderr)
            said = run.stdout + run.stderr  # doctor reports on stdout
            assert "is not a folder" in said or "is a file" in said, said
    assert not_a_folder.read_text() == "my notes"


@pytest.mark.parametrize("value", ["-1", "inf", "nan", "soon", "1e9"])
def test_a_lock_timeout_that_could_hang_is_refused(cli, files, value):
    run = cli("add", "Acme", env={"FOLLOWUP_LOCK_TIMEOUT": value})
    assert run.code == 1 and "FOLLOWUP_LOCK_TIMEOUT" in run.stderr, run.stderr
    assert files() == {}


# ----- the real thing -------------------------------------------------------------------


@pytest.fixture
def small_disk():
    """A 256 KiB tmpfs (needs root and a kernel that lets us mount)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    folder = Path(tempfile.mkdtemp(prefix="followup-full-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip(f"mounting a tmpfs was refused: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


def test_a_full_disk(cli, small_disk, monkeypatch):
    home = small_disk / "followup"
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    fill(cli)
    stats = os.statvfs(small_disk)
    free = stats.f_bavail * stats.f_frsize
    (small_disk / "filler").write_bytes(b"x" * (free - 4 * 1024))  # leave 4 KiB
    from conftest import snapshot

    before = snapshot(home)
    run = cli("add", "Newco", "--notes", "n" * 4_900)
    assert run.code == 1, run.stderr
    assert "the disk is full" in run.stderr and "No space left on device" in run.stderr
    assert snapshot(home) == before and not temp_files(home)
    assert cli("status").code == 0
    # Free some space: the next save works and the store is healthy.
    (small_disk / "filler").unlink()
    assert cli("add", "Newco").code == 0
    assert cli("doctor").code == 0


def test_a_folder_that_refuses_writes(cli, files, home):
    """Real permission errors (as root, which ignores modes: immutable folders)."""
    fill(cli)
    before = files()
    folders = [str(p) for p in (home, *home.rglob("*")) if p.is_dir()]
    if os.geteuid() == 0:
        lock, unlock = ["chattr", "+i", *folders], ["chattr", "-i", *folders]
    else:
        lock, unlock = ["chmod", "0500", *folders], ["chmod", "0700", *folders]
    done = subprocess.run(lock, capture_output=True, text=True)
    if done.returncode != 0:
        subprocess.run(unlock, capture_output=True)
        pytest.skip(f"could not make the folders read-only: {done.stderr.strip()}")
    try:
        assert cli("status").code == 0
        for args in (("add", "Newco"), ("done", "acme", "linkedin"), ("undo",)):
            run = cli(*args)
            assert run.code == 1, (args, run.stderr)
            assert "not permitted" in run.stderr or "permission denied" in run.stderr, run.stderr
        assert files() == before and not temp_files(home)
    finally:
        subprocess.run(unlock, check=True)


def test_a_save_is_flushed_before_the_rename_and_the_folder_after(tmp_path, monkeypatch):
    """Durability can't be seen without a power cut: check the order of the calls instead."""
    from followup.storage.files import write_atomic

    log: list[str] = []
    for name in ("fsync", "replace"):
        real = getattr(os, name)

        def call(*args, _name=name, _real=real):
            target = args[0] if _name == "fsync" else args[1]
            log.append(
                f"{_name} {os.readlink(f'/proc/self/fd/{target}') if _name == 'fsync' else target}"
            )
            return _real(*args)

        monkeypatch.setattr(os, name, call)
    target = tmp_path / "open.json"
    write_atomic(target, b"{}")
    assert [line.split(" ")[0] for line in log] == ["fsync", "replace", "fsync"], log
    temp = log[0].split(" ", 1)[1]
    assert re.fullmatch(rf"{tmp_path}/\.open\.json\.followup-{os.getpid()}-\w+\.tmp", temp), temp
    assert log[1:] == [f"replace {target}", f"fsync {tmp_path}"]


def test_text_that_is_not_unicode_is_refused_and_nothing_written(cli, files):
    """`followup add $'caf\\xe9'` in a UTF-8 terminal: Python hands over a lone surrogate."""
    assert cli("add", "Acme").code == 0
    before = files()
    for args in (("add", "caf\udce9"), ("edit", "1", "--notes", "caf\udce9")):
        run = cli(*args)
        assert run.code == 1 and "not valid Unicode" in run.stderr, run.stderr
        assert files() == before


# ----- the files around the store: settings, exports, a symlinked open.json ---------------

OTHER_WRITERS = ("config", "export new", "export --force", "symlinked open.json")


def _writer(name: str, cli, home: Path, tmp_path: Path):
    """(args, the file watched, its folder) for a writer of a file beside the store."""
    fill(cli)
    out = tmp_path / "out"
    out.mkdir()
    if name == "config":
        assert cli("config", "name", "Old Name").code == 0
        return ("config", "name", "New Name"), home / "config.toml"
    if name.startswith("export"):
        watched = out / "export.json"
        if name == "export --force":
            watched.write_bytes(b"the user's old export\n")
        return ("export", "--output", str(watched), "--force"), watched
    watched = out / "real-open.json"
    os.replace(home / "open.json", watched)
    (home / "open.json").symlink_to(os.path.relpath(watched, home))
    return ("add", "Newco"), watched


@pytest.mark.parametrize("name", OTHER_WRITERS)
def test_each_file_operation_failing_leaves_other_files_whole(
    cli, home, tmp_path, monkeypatch, name
):
    args, watched = _writer(name, cli, home, tmp_path)
    old_bytes = watched.read_bytes() if watched.exists() else None
    old = without_uids(old_bytes) if old_bytes is not None else None
    keep_home = {p: p.read_bytes() for p in home.rglob("*") if p.is_file() and not p.is_symlink()}
    faults = Faults(monkeypatch)
    assert cli(*args).code == 0
    operations, new = list(faults.calls), without_uids(watched.read_bytes())
    outcomes = {"unchanged": 0, "saved": 0}
    for n in range(1, len(operations) + 1):
        faults.fail_at = None
        for path in home.rglob("*"):
            if path.is_file() and not path.is_symlink() and path not in keep_home:
                path.unlink()
        for path, data in keep_home.items():
            path.write_bytes(data)
        if old_bytes is None:
            watched.unlink(missing_ok=True)
        else:
            watched.write_bytes(old_bytes)
        faults.calls.clear()
        faults.fail_at = n
        run = cli(*args)
        faults.fail_at = None
        failed = f"{operations[n - 1]} #{n}"
        assert run.code in (0, 1), (failed, run.stderr)
        assert "Traceback" not in run.stderr and "unexpected" not in run.stderr, (failed, run)
        assert not temp_files(watched.parent) and not temp_files(home), failed
        now = without_uids(watched.read_bytes()) if watched.exists() else None
        if now == old:
            assert run.code == 1, (failed, "nothing was saved, yet it exited 0")
            assert run.stderr.startswith("error: ") and run.stderr.count("\n") == 1, run.stderr
            outcomes["unchanged"] += 1
        else:
            assert now == new, failed
            assert run.code == 0 or "did not confirm" in run.stderr, (failed, run.stderr)
            outcomes["saved"] += 1
        if name == "symlinked open.json":
            assert (home / "open.json").is_symlink(), failed
    assert outcomes["unchanged"] >= 3 and outcomes["saved"] >= 1, outcomes
    print(f"{name}: {len(operations)} operations failed one at a time: {outcomes}")
