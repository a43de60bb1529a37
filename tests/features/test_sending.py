"""Handing a draft to the mail program: the mailto: URL, the .eml file, the clipboard.

The functions are called directly. The programs they run (`xdg-open`, `open`, `xclip`,
...) are stand-ins: small scripts in a folder of the test's own, found through the
`path` argument (never the real opener or clipboard), that record what they received.
"""

from __future__ import annotations

import email
import email.policy
import errno
import os
import re
import signal
import stat
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.text import fold
from followup.errors import FollowupError
from followup.features import sending
from followup.features.sending import MailDraft

pytestmark = pytest.mark.skipif(os.name != "posix", reason="stand-in programs are shell scripts")

URL = sending.mailto_url(["jane@acme.com"], MailDraft("Thanks & more", "Hi Jane;\n$(ls)"))


def program(folder: Path, name: str, body: str, *, shell: str = "/bin/sh") -> Path:
    """An executable script `name` in `folder` running `body`."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(f"#!{shell}\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder passed as `path`. PATH (which the functions must not read) holds only
    the system's folders, for the scripts' own `cat` and `sleep`."""
    monkeypatch.setenv("PATH", "/bin:/usr/bin")
    folder = tmp_path / "bin"
    folder.mkdir()
    return folder


@pytest.fixture
def typed_ahead():
    """This process's stdin (fd 0) is a pipe holding a line, as if typed ahead."""
    read, write = os.pipe()
    os.write(write, b"typed ahead\n")
    os.close(write)
    saved = os.dup(0)
    os.dup2(read, 0)
    os.close(read)
    yield
    os.dup2(saved, 0)
    os.close(saved)


def raised(call) -> FollowupError:
    with pytest.raises(FollowupError) as caught:
        call()
    return caught.value


def wait_for(path: Path, seconds: float = 5.0) -> None:
    end = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < end:
        time.sleep(0.02)


# ----- the draft as text, a URL and a file ----------------------------------------------


def test_a_draft_without_a_subject_line_is_all_body() -> None:
    text = "Dear Jane,\n\nThank you.\n"
    assert sending.split_draft(text) == MailDraft("", text)
    assert sending.split_draft("Subject:  Thanks \n\nHi\n") == MailDraft("Thanks", "Hi\n")


def test_a_mailto_url_encodes_every_reserved_character_but_the_at_of_addresses() -> None:
    url = sending.mailto_url(
        ["jane@acme.com", "li@acme.com"], MailDraft("Re: 1/2 & more", "See a/b?\nBye")
    )
    assert url == (
        "mailto:jane@acme.com,li@acme.com"
        "?subject=Re%3A%201%2F2%20%26%20more&body=See%20a%2Fb%3F%0D%0ABye"
    )
    assert sending.mailto_url(["a/b@acme.com"], MailDraft("", "x")) == (
        "mailto:a%2Fb@acme.com?body=x"
    )


def test_a_draft_too_long_for_a_url_gets_one_that_says_where_the_file_is() -> None:
    eml = Path("/home/sam/drafts/3-email-jane-doe.eml")
    url = sending.too_long_url(["jane@acme.com"], MailDraft("Thanks", "x" * 5000), eml)
    query = parse_qs(urlsplit(url).query)
    assert query["subject"] == ["Thanks"]
    assert query["body"] == [
        "This draft is too long for a mailto link. The whole draft is in "
        "/home/sam/drafts/3-email-jane-doe.eml: open that file in your mail program, "
        "or paste it from there.\r\n"
    ]


def test_an_eml_is_an_unsent_message_with_the_headers_spelled_as_mail_programs_write() -> None:
    data = sending.eml_bytes(
        ["jane@acme.com", "li@acme.com"],
        MailDraft("Merci, José", "Hello Jane,\nthanks.\n"),
        "sam@example.com",
        "Lee, Sam",
    )
    # ASCII addresses: the SMTP policy, so a header that is not ASCII (the subject) is
    # an encoded word, readable by every mail program.
    assert data == (
        b"X-Unsent: 1\r\n"
        b'From: "Lee, Sam" <sam@example.com>\r\n'
        b"To: jane@acme.com, li@acme.com\r\n"
        b"Subject: Merci, =?utf-8?q?Jos=C3=A9?=\r\n"
        b'Content-Type: text/plain; charset="utf-8"\r\n'
        b"Content-Transfer-Encoding: 7bit\r\n"
        b"MIME-Version: 1.0\r\n"
        b"\r\n"
        b"Hello Jane,\r\nthanks.\r\n"
    )


@pytest.mark.parametrize("given", ['"jane.doe"@acme.com', '"jane doe"@acme.com', '"a"@acme.com'])
def test_a_quoted_local_part_is_quoted_once(given: str) -> None:
    data = sending.eml_bytes([given], MailDraft("Hi", "x\n"))
    msg = email.message_from_bytes(data, policy=email.policy.default)
    (address,) = msg["To"].addresses
    assert (address.username, address.domain) == (given[1:-10], "acme.com")
    assert address.addr_spec == (given if " " in given else given.replace('"', ""))


@pytest.mark.parametrize(
    ("given", "username"),
    [('"@acme.com', '"'), ('jane"@acme.com', 'jane"'), ('"jane@acme.com', '"jane'),
     ('""@acme.com', "")],  # the last as the email package itself reads it
)  # fmt: skip
def test_only_a_local_part_quoted_at_both_ends_loses_its_quotes(given: str, username: str):
    data = sending.eml_bytes([given], MailDraft("Hi", "x\n"))
    (address,) = email.message_from_bytes(data, policy=email.policy.default)["To"].addresses
    assert address.username == username


def test_the_domain_of_an_address_is_what_follows_its_last_at() -> None:
    data = sending.eml_bytes(["first@last@example.com"], MailDraft("Hi", "x\n"))
    assert b'\r\nTo: "first@last"@example.com\r\n' in data
    msg = email.message_from_bytes(data, policy=email.policy.default)
    (address,) = msg["To"].addresses
    assert (address.username, address.domain) == ("first@last", "example.com")


@pytest.mark.parametrize(
    ("interview", "step", "who", "name"),
    [
        (3, "email", "Jane O'Doe", "3-email-jane-o-doe.eml"),
        (12, "checkin", "  Dr. Jane   O'Doe, PhD. ", "12-checkin-dr-jane-o-doe-phd.eml"),
        (5, "email", "Li Wu 2", "5-email-li-wu-2.eml"),
        (3, "email", "José Ñúñez", "3-email-jose-nunez.eml"),
        (4, "card", "Zoë Ångström-İnce", "4-card-zoe-angstrom-ince.eml"),
        (1, "reply", None, "1-reply.eml"),
        (2, "email", "", "2-email.eml"),
        (2, "email", "!!!", "2-email.eml"),
    ],
)
def test_an_eml_is_named_for_the_interview_step_and_person(
    interview: int, step: str, who: str | None, name: str
) -> None:
    assert sending.eml_name(interview, step, who) == name


@given(st.one_of(st.none(), st.text()))
def test_an_eml_name_holds_only_lowercase_letters_digits_and_single_dashes(
    who: str | None,
) -> None:
    name = sending.eml_name(7, "email", who)
    assert re.fullmatch(r"7-email(-[a-z0-9]+)*\.eml", name)
    words = re.findall(r"[a-z0-9]+", fold(who or ""))  # the name's letters, accents gone
    assert name == "-".join(["7", "email", *words]) + ".eml"


# ----- the opener -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "name"), [("darwin", "open"), ("linux", "xdg-open"), ("freebsd14", "xdg-open")]
)
def test_the_opener_is_open_on_macos_and_xdg_open_elsewhere(platform: str, name: str) -> None:
    assert sending.opener(platform) == name


@pytest.mark.parametrize(("platform", "name"), [("darwin", "open"), ("linux", "xdg-open")])
def test_the_opener_gets_the_url_as_its_one_argument_and_nothing_on_stdin(
    bin_dir: Path, tmp_path: Path, typed_ahead, capfd, platform: str, name: str
) -> None:
    args, stdin = tmp_path / "args", tmp_path / "stdin"
    program(
        bin_dir,
        name,
        f'printf "%s\\n" "$#" "$@" > "{args}"; cat > "{stdin}"; echo chatter; echo note >&2',
    )
    sending.open_url(URL, platform, str(bin_dir))
    assert args.read_text() == f"1\n{URL}\n"
    assert stdin.read_text() == ""  # not what the user typed ahead
    assert capfd.readouterr() == ("", "")  # what it prints is not followup's to show


def test_the_opener_is_looked_for_on_the_path_given(bin_dir: Path, tmp_path: Path, monkeypatch):
    got, decoy = tmp_path / "got", tmp_path / "decoy"
    program(bin_dir, "xdg-open", f'printf "%s" "$1" > "{got}"')
    program(tmp_path / "elsewhere", "xdg-open", f'printf "%s" "$1" > "{decoy}"')
    monkeypatch.setenv("PATH", f"{tmp_path / 'elsewhere'}:/bin:/usr/bin")
    sending.open_url(URL, "linux", str(bin_dir))
    assert got.read_text() == URL
    assert not decoy.exists()


def test_an_opener_not_found_is_an_error_that_says_to_print_the_url(
    bin_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    program(tmp_path / "elsewhere", "xdg-open", "exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path / 'elsewhere'}:/bin:/usr/bin")
    error = raised(lambda: sending.open_url(URL, "linux", str(bin_dir)))
    assert str(error) == (
        "xdg-open was not found, so the draft cannot be opened in your mail program"
    )
    assert error.advice == ("send-print", "")


def test_an_opener_that_cannot_start_says_why(bin_dir: Path) -> None:
    exe = bin_dir / "xdg-open"
    exe.write_text("not a program\n")
    exe.chmod(0o755)
    error = raised(lambda: sending.open_url(URL, "linux", str(bin_dir)))
    why = f"[Errno {errno.ENOEXEC}] {os.strerror(errno.ENOEXEC)}: '{exe}'"
    assert str(error) == f"xdg-open could not be run: {why}"
    assert error.advice == ("send-print", "")


def test_an_opener_that_hangs_is_given_up_after_30_seconds(bin_dir: Path, monkeypatch) -> None:
    exe = program(bin_dir, "xdg-open", "exec sleep 10")
    asked: list[object] = []
    real_run = subprocess.run

    def run(*args, **kwargs):
        asked.append(kwargs.get("timeout"))
        return real_run(*args, **{**kwargs, "timeout": 0.3})  # not 30 s in a test

    monkeypatch.setattr(subprocess, "run", run)
    error = raised(lambda: sending.open_url(URL, "linux", str(bin_dir)))
    assert asked == [30]
    assert str(error) == (
        f"xdg-open could not be run: Command '{[str(exe), URL]}' timed out after 0.3 seconds"
    )
    assert error.advice == ("send-print", "")


@pytest.mark.parametrize(
    ("code", "stderr", "said"),
    [
        (3, b"", "xdg-open failed (exit 3)"),
        (3, b"  \n", "xdg-open failed (exit 3)"),
        (
            4,
            b"first\nsecond\nno mail program is set up\n",
            "xdg-open failed (exit 4: no mail program is set up)",
        ),
        (1, b"caf\xe9 not found\n", "xdg-open failed (exit 1: caf\ufffd not found)"),
        (1, b"x" * 300 + b"\n", "xdg-open failed (exit 1: " + "x" * 200 + ")"),
    ],
)
def test_an_opener_that_fails_gives_its_exit_code_and_last_line(
    bin_dir: Path, tmp_path: Path, code: int, stderr: bytes, said: str
) -> None:
    (tmp_path / "err").write_bytes(stderr)
    program(bin_dir, "xdg-open", f'cat "{tmp_path / "err"}" >&2; exit {code}')
    error = raised(lambda: sending.open_url(URL, "linux", str(bin_dir)))
    assert str(error) == said
    assert error.advice == ("send-print", "")


# ----- the clipboard --------------------------------------------------------------------

ALL_TOOLS = ("wl-copy", "xclip", "xsel", "pbcopy")


@pytest.mark.parametrize(
    ("present", "env", "chosen"),
    [
        (ALL_TOOLS, {"WAYLAND_DISPLAY": "wayland-0"}, ("wl-copy",)),
        (ALL_TOOLS, {}, ("xclip", "-selection", "clipboard")),
        (ALL_TOOLS, {"WAYLAND_DISPLAY": ""}, ("xclip", "-selection", "clipboard")),
        (ALL_TOOLS, None, ("wl-copy",)),  # no environment given: wl-copy is not ruled out
        (("wl-copy", "xsel", "pbcopy"), {}, ("xsel", "--clipboard", "--input")),
        (("wl-copy", "pbcopy"), {}, ("pbcopy",)),
        (("wl-copy",), {}, None),
        ((), {"WAYLAND_DISPLAY": "wayland-0"}, None),
    ],
)
def test_the_first_clipboard_tool_found_is_chosen_with_the_arguments_that_read_stdin(
    bin_dir: Path, present: tuple[str, ...], env: dict[str, str] | None, chosen
) -> None:
    for name in present:
        program(bin_dir, name, "exit 0")
    want = None if chosen is None else (str(bin_dir / chosen[0]), *chosen[1:])
    assert sending.clipboard_tool(str(bin_dir), env) == want


def test_clipboard_tools_are_looked_for_on_the_path_given(
    bin_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    program(bin_dir, "xsel", "exit 0")
    program(tmp_path / "elsewhere", "xclip", "exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path / 'elsewhere'}:/bin:/usr/bin")
    assert sending.clipboard_tool(str(bin_dir), {}) == (
        str(bin_dir / "xsel"),
        "--clipboard",
        "--input",
    )


def test_copy_text_gives_the_text_on_stdin_and_says_which_tool(
    bin_dir: Path, tmp_path: Path, capfd
) -> None:
    args, got = tmp_path / "args", tmp_path / "got"
    program(
        bin_dir,
        "xclip",
        f'printf "%s\\n" "$@" > "{args}"; cat > "{got}"; echo chatter; echo note >&2',
    )
    text = "Hi Jane,\n$(rm -rf ~) `id` café ✓\n"
    assert sending.copy_text(text, str(bin_dir), {}) == "xclip"
    assert args.read_text() == "-selection\nclipboard\n"
    assert got.read_bytes() == text.encode("utf-8")
    assert capfd.readouterr() == ("", "")  # what the tool prints is not followup's to show


def test_copy_text_uses_the_path_and_environment_given(
    bin_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    got, decoy = tmp_path / "got", tmp_path / "decoy"
    program(bin_dir, "wl-copy", f'cat > "{tmp_path / "wl"}"')
    program(bin_dir, "xclip", f'cat > "{got}"')
    program(tmp_path / "elsewhere", "xclip", f'cat > "{decoy}"')
    monkeypatch.setenv("PATH", f"{tmp_path / 'elsewhere'}:/bin:/usr/bin")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")  # not the environment given
    assert sending.copy_text("hello", str(bin_dir), {"DISPLAY": ":0"}) == "xclip"
    assert got.read_text() == "hello"
    assert not decoy.exists() and not (tmp_path / "wl").exists()


def test_no_clipboard_tool_is_an_error_naming_them(bin_dir: Path) -> None:
    error = raised(lambda: sending.copy_text("hello", str(bin_dir), {}))
    assert str(error) == (
        "no clipboard tool was found (looked for wl-copy, xclip, xsel, pbcopy): "
        "install one (xclip, say); the draft command prints the text instead"
    )


def test_a_clipboard_tool_still_running_after_2_seconds_has_the_text(
    bin_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    """xclip and xsel stay alive to serve the selection: copy_text does not wait for
    them to exit (this one would fail, had it been waited for)."""
    got, pid = tmp_path / "got", tmp_path / "pid"
    program(bin_dir, "xclip", f'echo $$ > "{pid}"; cat > "{got}"; sleep 5; echo late >&2; exit 1')
    asked: list[object] = []
    real_wait = subprocess.Popen.wait

    def wait(self, timeout=None):
        asked.append(timeout)
        return real_wait(self, timeout=None if timeout is None else 0.3)  # not 2 s in a test

    monkeypatch.setattr(subprocess.Popen, "wait", wait)
    try:
        assert sending.copy_text("hello", str(bin_dir), {}) == "xclip"
        assert asked == [2]
        wait_for(got)
        assert got.read_text() == "hello"
    finally:
        wait_for(pid)
        with suppress(ProcessLookupError, ValueError):
            os.killpg(int(pid.read_text()), signal.SIGTERM)


def test_the_clipboard_tool_runs_in_a_session_of_its_own(bin_dir: Path, tmp_path: Path) -> None:
    """So that it outlives followup (and its terminal) while it serves the clipboard."""
    seen = tmp_path / "seen"
    program(
        bin_dir,
        "xclip",
        f"import os, sys\nsys.stdin.read()\n"
        f"open({str(seen)!r}, 'w').write(str(os.getsid(0) == os.getpid()))",
        shell=sys.executable,
    )
    assert sending.copy_text("hello", str(bin_dir), {}) == "xclip"
    assert seen.read_text() == "True"


def test_a_clipboard_tool_that_cannot_start_says_why(bin_dir: Path) -> None:
    exe = program(bin_dir, "xclip", "", shell="/no/such/shell")
    error = raised(lambda: sending.copy_text("hello", str(bin_dir), {}))
    why = f"[Errno {errno.ENOENT}] {os.strerror(errno.ENOENT)}: '{exe}'"
    assert str(error) == f"xclip could not be run: {why}"


@pytest.mark.parametrize(
    ("code", "stderr", "said"),
    [
        (3, b"", "xclip failed (exit 3)"),
        (3, b" \n", "xclip failed (exit 3)"),
        (
            1,
            b"Error: Can't open display: (null)\n",
            "xclip failed (exit 1): Error: Can't open display: (null)",
        ),
        (1, b"caf\xe9 not found\n", "xclip failed (exit 1): caf\ufffd not found"),
        (1, b"x" * 300 + b"\n", "xclip failed (exit 1): " + "x" * 200),
        # several lines: the last, so that the error stays one line
        (
            1,
            b"Warning: odd locale\nError: no display\n",
            "xclip failed (exit 1): Error: no display",
        ),
    ],
)
def test_a_clipboard_tool_that_fails_gives_its_exit_code_and_message(
    bin_dir: Path, tmp_path: Path, code: int, stderr: bytes, said: str
) -> None:
    (tmp_path / "err").write_bytes(stderr)
    program(bin_dir, "xclip", f'cat > /dev/null; cat "{tmp_path / "err"}" >&2; exit {code}')
    error = raised(lambda: sending.copy_text("hello", str(bin_dir), {}))
    assert str(error) == said
