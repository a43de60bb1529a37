"""`followup send`: a draft handed to the mail program (mailto:, .eml) or the clipboard.

Stand-in programs (`xdg-open`, `xclip`) are put first on PATH; they record what they
received, so the tests see exactly what a real mail program or clipboard would get.
"""

from __future__ import annotations

import email
import email.policy
import os
import stat
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ACME
from followup.features import sending

pytestmark = pytest.mark.skipif(os.name != "posix", reason="stand-in programs are shell scripts")


def fake_program(folder: Path, name: str, record: Path, *, stdin: bool) -> None:
    """A program `name` in `folder` that writes its argument (or its stdin) to `record`."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    body = f'cat > "{record}"' if stdin else f'printf "%s" "$1" > "{record}"'
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder that is the whole PATH (plus /bin for the scripts' own `cat`)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}:/bin:/usr/bin")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return folder


def parse_mailto(url: str) -> tuple[list[str], str, str]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True)
    to = [unquote(a) for a in parts.path.split(",") if a]
    return to, query.get("subject", [""])[0], query["body"][0]


def draft_parts(cli, *args: str) -> tuple[str, str]:
    drafted = cli("draft", *args)
    assert drafted.code == 0, drafted.stderr
    first, _, rest = drafted.stdout.partition("\n")
    assert first.startswith("Subject: ")
    return first.removeprefix("Subject: "), rest.removeprefix("\n")


def test_print_gives_a_mailto_url_with_the_draft_of_followup_draft(cli, files) -> None:
    assert cli(*ACME).code == 0
    before = files()
    run = cli("send", "acme", "email", "--who", "jane", "--via", "print")
    assert run.code == 0, run.stderr
    url = run.stdout.strip()
    assert len(url) <= sending.MAILTO_LIMIT
    assert "%0D%0A" in url and "%0A" not in url.replace("%0D%0A", "")
    to, subject, body = parse_mailto(url)
    want_subject, want_body = draft_parts(cli, "acme", "email", "--who", "jane")
    assert to == ["jane@acme.com"]
    assert subject == want_subject
    assert body == want_body.replace("\n", "\r\n")
    # send ticks nothing, and says how to tick
    assert files() == before
    assert "followup done 1 email --who Jane" in run.stderr


def test_mailto_opens_the_url_with_xdg_open(cli, bin_dir: Path, tmp_path: Path) -> None:
    got = tmp_path / "opened"
    fake_program(bin_dir, "xdg-open", got, stdin=False)
    assert cli(*ACME).code == 0
    printed = cli("send", "acme", "email", "--who", "jane", "--via", "print").stdout.strip()
    run = cli("send", "acme", "email", "--who", "jane")
    assert run.code == 0, run.stderr
    assert got.read_text() == printed


def test_a_checkin_without_who_goes_to_every_interviewer_with_an_address(cli) -> None:
    assert cli(*ACME, "--with", "Li Wu <li@acme.com>").code == 0
    run = cli("send", "acme", "checkin", "--via", "print")
    assert run.code == 0, run.stderr
    to, _, _ = parse_mailto(run.stdout.strip())
    assert to == ["jane@acme.com", "li@acme.com"]


def test_no_address_is_an_error_that_says_how_to_add_one(cli, files) -> None:
    assert cli(*ACME).code == 0
    before = files()
    run = cli("send", "acme", "email", "--who", "raj", "--via", "print")
    assert run.code == 1
    assert run.stdout == ""
    assert "Raj Patel has no email address" in run.stderr
    assert "followup edit 1 --rename-with Raj" in run.stderr
    assert "Traceback" not in run.stderr
    assert files() == before


def test_a_long_draft_also_goes_to_an_eml_that_the_short_url_names(cli, home: Path) -> None:
    assert cli(*ACME).code == 0
    templates = home / "templates"
    templates.mkdir(parents=True)
    long_body = "\n".join(f"Line {n}: thank you again, {{first_name}}, really." for n in range(60))
    (templates / "email.txt").write_text("Subject: Thanks, {first_name}\n\n" + long_body + "\n")
    full = cli("draft", "acme", "email", "--who", "jane").stdout
    assert len(sending.mailto_url(["jane@acme.com"], sending.split_draft(full))) > 2000
    run = cli("send", "acme", "email", "--who", "jane", "--via", "print")
    assert run.code == 0, run.stderr
    url = run.stdout.strip()
    assert len(url) <= sending.MAILTO_LIMIT
    drafts = list((home / "drafts").glob("*.eml"))
    assert len(drafts) == 1
    _, subject, body = parse_mailto(url)
    assert subject == "Thanks, Jane"
    assert str(drafts[0]) in body
    msg = email.message_from_bytes(drafts[0].read_bytes(), policy=email.policy.default)
    assert msg.get_content().replace("\r\n", "\n") == sending.split_draft(full).body


def test_eml_is_an_unsent_rfc5322_message_with_the_draft(cli, tmp_path: Path) -> None:
    assert cli(*ACME).code == 0
    assert cli("config", "name", "Sam Lee").code == 0
    assert cli("config", "email", "sam@example.com").code == 0
    out = tmp_path / "draft.eml"
    run = cli("send", "acme", "email", "--who", "jane", "--via", "eml", "--output", str(out))
    assert run.code == 0, run.stderr
    assert run.stdout.strip() == str(out)
    msg = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    subject, body = draft_parts(cli, "acme", "email", "--who", "jane")
    assert msg["X-Unsent"] == "1"
    assert msg["To"] == "jane@acme.com"
    assert msg["From"] == "Sam Lee <sam@example.com>"
    assert msg["Subject"] == subject
    assert msg.get_content().replace("\r\n", "\n") == body
    again = cli("send", "acme", "email", "--who", "jane", "--via", "eml", "--output", str(out))
    assert again.code == 1 and "exists" in again.stderr


def test_clipboard_is_the_default_for_linkedin(cli, bin_dir: Path, tmp_path: Path) -> None:
    got = tmp_path / "clip"
    fake_program(bin_dir, "xclip", got, stdin=True)
    assert cli(*ACME).code == 0
    run = cli("send", "acme", "linkedin", "--who", "jane")
    assert run.code == 0, run.stderr
    assert got.read_text() == cli("draft", "acme", "linkedin", "--who", "jane").stdout
    assert "xclip" in run.stderr


def test_no_clipboard_tool_is_an_error_naming_them(cli, bin_dir: Path) -> None:
    assert cli(*ACME).code == 0
    run = cli("send", "acme", "card", "--who", "jane")
    assert run.code == 1
    for tool in ("wl-copy", "xclip", "xsel", "pbcopy"):
        assert tool in run.stderr
    assert "Traceback" not in run.stderr


def test_mail_ways_are_refused_for_a_linkedin_note(cli) -> None:
    assert cli(*ACME).code == 0
    run = cli("send", "acme", "linkedin", "--who", "jane", "--via", "mailto")
    assert run.code == 1
    assert "--via clipboard" in run.stderr


#: Characters that a URL must encode, often; any others (accents, emoji) too.
_TEXT = st.text(
    st.one_of(st.sampled_from("\r\n &?=%#+,;é"), st.characters(blacklist_categories=["Cs"])),
    max_size=200,
)


@given(_TEXT, _TEXT)
def test_a_mailto_url_reads_back_to_its_subject_and_body(subject: str, body: str) -> None:
    subject = subject.replace("\r", "").replace("\n", " ").strip()
    url = sending.mailto_url(["a.b+c@example.com"], sending.MailDraft(subject, body))
    assert all(c.isascii() and c not in " \r\n" for c in url)
    to, got_subject, got_body = parse_mailto(url)
    assert to == ["a.b+c@example.com"]
    assert got_subject == subject
    want = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    assert got_body == want


# ----------------------------------------------------------------------------
# QA of the mail loop: what a mailbox may hold that must not break or fool it, and
# the draft files `send` writes, read back as a mail program reads them.


def test_an_address_with_accents_is_written_as_an_address(cli, tmp_path: Path) -> None:
    """Encoded words (=?utf-8?q?...?=) are not allowed inside an address (RFC 2047, 5):
    a mail program shows them as they are. The address is written in UTF-8 (RFC 6532)."""
    assert (
        cli("add", "Acme", "--at", "2026-11-25 14:00", "--with", "José <josé@acmé.com>").code == 0
    )
    out = tmp_path / "draft.eml"
    assert cli("send", "1", "email", "--via", "eml", "--output", str(out)).code == 0
    assert b"=?" not in out.read_bytes().split(b"\r\n\r\n")[0].split(b"\r\nSubject")[0]
    text = out.read_bytes().decode("utf-8")  # RFC 6532: UTF-8 headers
    msg = email.message_from_string(text, policy=email.policy.default)
    assert [a.addr_spec for a in msg["To"].addresses] == ["josé@acmé.com"]
