"""Running `followup` at a real terminal (a pty), for the tests of what it asks."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time

from conftest import env_for_subprocess


def run_in_terminal(home, args: list[str], answers: list[tuple[str, str]], timeout: float = 20):
    """Run followup on a pty; for each (prompt, answer), wait for the prompt text, then type."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "followup", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env_for_subprocess(home, COLUMNS="120"),
        close_fds=True,
    )
    os.close(follower)
    seen = b""
    transcript = b""
    deadline = time.monotonic() + timeout

    def read_until(needle: bytes) -> None:
        nonlocal seen, transcript
        while needle not in seen:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"never saw {needle!r}; screen was {seen.decode(errors='replace')!r}"
                )
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:
                    break
                seen += chunk
                transcript += chunk

    try:
        for prompt, answer in answers:
            read_until(prompt.encode())
            seen = seen[seen.index(prompt.encode()) + len(prompt) :]
            os.write(leader, answer.encode() + b"\r")
        code = proc.wait(timeout=timeout)
        while True:
            ready, _, _ = select.select([leader], [], [], 0.1)
            if not ready:
                break
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            transcript += chunk
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(leader)
    return code, transcript.decode(errors="replace")


def list_all(home) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "followup", "list", "--all", "--json"],
        capture_output=True,
        text=True,
        env=env_for_subprocess(home),
        check=True,
    )
    return json.loads(out.stdout)
