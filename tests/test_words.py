"""What followup says: words that read right, hints only where they help, Ctrl-C and a
bare `followup` handled as a user expects."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ACME, env_for_subprocess
from terminal import list_all


def test_status_names_the_linkedin_note_properly(cli):
    cli("add", "Umbrella", "--at", "2026-11-24 10:00", "--with", "Happy Hogan")
    cli("done", "umbrella", "email", "phone", "card")  # the LinkedIn note is next
    result = cli("status")
    assert "the linkedin" not in result.stderr.lower().replace("the linkedin note", "")
    assert "LinkedIn note to Happy Hogan" in result.stderr


def test_an_export_put_where_the_store_belongs_is_named_as_one(cli, home, files):
    cli(*ACME)
    data = cli("export").stdout
    (home / "open.json").write_text(data)
    before = files()
    result = cli("status")
    assert result.code == 1
    assert "it has its format" not in result.stderr
    assert "export" in result.stderr and "followup import" in result.stderr
    assert files() == before


def test_a_utf16_json_file_with_a_byte_order_mark_imports(cli, tmp_path):
    # Windows PowerShell's `followup export > backup.json` writes UTF-16 with a BOM.
    cli(*ACME)
    path = tmp_path / "backup"
    path.write_bytes(cli("export").stdout.encode("utf-16"))
    result = cli("import", str(path), env={"FOLLOWUP_HOME": str(tmp_path / "other")})
    assert result.code == 0, result.stderr
    assert "Acme Corp" in result.stdout


def test_a_utf16_json_file_without_a_mark_is_named_as_utf16_not_excel_csv(cli, tmp_path, files):
    cli(*ACME)
    path = tmp_path / "backup.json"
    path.write_bytes(cli("export").stdout.encode("utf-16-le"))
    before = files()
    result = cli("import", str(path))
    assert result.code == 1
    assert "UTF-16" in result.stderr and "UTF-8" in result.stderr
    assert "CSV UTF-8" not in result.stderr
    assert files() == before


def test_a_utf16_csv_file_without_a_mark_gets_the_excel_hint(cli, tmp_path, files):
    path = tmp_path / "apps.csv"
    path.write_bytes("company,at\nAcme,2026-11-25 10:00\n".encode("utf-16-le"))
    result = cli("import", str(path))
    assert result.code == 1
    assert "UTF-16" in result.stderr and "CSV UTF-8" in result.stderr


def test_a_huge_csv_cell_is_called_too_long_not_an_open_quote(cli, tmp_path, files):
    path = tmp_path / "apps.csv"
    path.write_text(f'company,at,notes\nAcme,2026-11-25 10:00,"{"x" * 200_000}"\n')
    before = files()
    result = cli("import", str(path))
    assert result.code == 1
    assert "quote" not in result.stderr
    assert "row 2" in result.stderr and "notes" in result.stderr
    assert "200000" in result.stderr or "200,000" in result.stderr
    assert files() == before


def test_ticking_one_step_does_not_repeat_the_undo_hint(cli):
    cli(*ACME)
    result = cli("done", "acme", "email", "--who", "jane")
    assert result.code == 0
    assert "undo" not in result.stderr


def test_ticking_several_at_once_mentions_undo(cli):
    cli(*ACME)
    result = cli("done", "acme", "email")  # both interviewers' emails
    assert result.code == 0
    assert "followup undo" in result.stderr


# ----- Ctrl-C and a bare `followup` --------------------------------------------------


def _own_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty on stdin."""
    import fcntl
    import termios

    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


#: How long the terminal may stay silent: generous, for a machine busy with other work.
PATIENCE = 60.0


def _read_until(leader: int, screen: bytes, wanted: bytes | None) -> bytes:
    """`screen` and what the pty shows next, until `wanted` is on it (None: until the
    terminal closes, its last user gone). Fails, showing the screen, after PATIENCE
    seconds: no fixed wait, so a slow start is waited for and a quick one is not."""
    import select

    deadline = time.monotonic() + PATIENCE
    while wanted is None or wanted not in screen:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"waited {PATIENCE:.0f} s for {wanted!r}; the terminal showed {screen!r}")
        if not select.select([leader], [], [], left)[0]:
            continue
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: every process holding the terminal has closed it
            chunk = b""
        if not chunk:
            if wanted is None:
                return screen
            pytest.fail(f"the terminal closed before showing {wanted!r}: {screen!r}")
        screen += chunk
    return screen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_ctrl_c_in_the_interactive_add_says_nothing_was_recorded_and_exits_130(home):
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "followup", "add"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env_for_subprocess(home, COLUMNS="100"),
        preexec_fn=_own_terminal,  # so that Ctrl-C reaches it as SIGINT, as in a shell
    )
    os.close(follower)
    try:
        screen = _read_until(leader, b"", b"Company")
        os.write(leader, b"Acme\r")
        screen = _read_until(leader, screen, b"Role")  # asked, and waiting for the answer
        os.write(leader, b"\x03")  # Ctrl-C, as the terminal sends it
        screen = _read_until(leader, screen, None)
        code = proc.wait(timeout=PATIENCE)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        os.close(leader)
    text = screen.decode(errors="replace")
    assert code == 130, text
    assert "Nothing was recorded" in text and "Aborted" not in text
    assert list_all(home) == []


def test_a_bare_followup_prints_help_and_exits_2_as_a_usage_error(home):
    bare = subprocess.run(
        [sys.executable, "-m", "followup"],
        capture_output=True,
        text=True,
        env=env_for_subprocess(home),
    )
    assert bare.returncode == 2
    assert bare.stdout == ""  # a script's stdout stays clean
    assert "Usage:" in bare.stderr and "status" in bare.stderr
    assert "followup status" in bare.stderr.splitlines()[-1]  # says what to run


def test_help_asked_for_exits_0_on_stdout(home):
    for flag in ("--help", "-h"):
        run = subprocess.run(
            [sys.executable, "-m", "followup", flag],
            capture_output=True,
            text=True,
            env=env_for_subprocess(home),
        )
        assert run.returncode == 0 and "Usage:" in run.stdout and run.stderr == ""
