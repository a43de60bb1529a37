"""`followup prompt` on a store file over 32 MiB prints `followup: ?` at once, without
reading it: a shell prompt must never wait on a huge file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ACME, env_for_subprocess
from followup import prompt

LIMIT = 32 * 1024 * 1024


def run_prompt(home: Path) -> subprocess.CompletedProcess[str]:
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
    done = run_prompt(home)
    assert (done.stdout, done.stderr, done.returncode) == ("followup: ?\n", "", 0)


@pytest.mark.parametrize(
    ("size", "shown"), [(LIMIT, "1 overdue, 2 today\n"), (LIMIT + 1, "followup: ?\n")]
)
def test_a_valid_store_just_over_the_limit_is_not_counted(cli, home, size, shown):
    assert cli(*ACME).code == 0
    padded(home / "open.json", size)
    done = run_prompt(home)
    assert (done.stdout, done.stderr, done.returncode) == (shown, "", 0)
