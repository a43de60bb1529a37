"""`followup mail` against a real IMAP server (Dovecot) and a real Maildir.

One server for the module, with a fixed set of messages put in by imaplib: reading
must change nothing in it (flags and counts are compared before and after each test).
"""

from __future__ import annotations

import json
import mailbox
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import ACME, snapshot
from followup.cli.commands import mail as mail_command
from imap_server import Server, dovecot_server, message

#: (folder, message): the mailbox every test reads.
MESSAGES = [
    # the thank-you, sent after the interview: ticks Jane's email
    ("Sent", message("sam@example.com", ["jane@acme.com"], "Thank you, Jane",
                     datetime(2026, 11, 25, 18, 0, tzinfo=UTC), "<thanks@example.com>")),
    # sent to Jane before the interview (scheduling it): counts for nothing
    ("Sent", message("sam@example.com", ["jane@acme.com"], "See you Wednesday",
                     datetime(2026, 11, 20, 9, 0, tzinfo=UTC), "<before@example.com>")),
    # to someone who is no interviewer: nothing
    ("Sent", message("sam@example.com", ["friend@gmail.com"], "Went well!",
                     datetime(2026, 11, 25, 19, 0, tzinfo=UTC), "<friend@example.com>")),
    # from the company's domain after the interview: a reply
    ("INBOX", message("Lisa Chen <lisa@acme.com>", ["sam@example.com"], "Next steps",
                      datetime(2026, 11, 26, 8, 0, tzinfo=UTC), "<next@acme.com>")),
    # from a free-mail address: no one in particular
    ("INBOX", message("someone@gmail.com", ["sam@example.com"], "Hi",
                      datetime(2026, 11, 26, 7, 0, tzinfo=UTC), "<hi@gmail.com>")),
    # from Jane before the interview: nothing
    ("INBOX", message("jane@acme.com", ["sam@example.com"], "Invitation",
                      datetime(2026, 11, 19, 9, 0, tzinfo=UTC), "<invite@acme.com>")),
]  # fmt: skip
WANTED = [
    {"interview": 1, "action": "done", "step": "email", "who": "Jane Doe",
     "message_id": "<thanks@example.com>", "date": "2026-11-25T18:00:00+00:00",
     "subject": "Thank you, Jane", "from": "sam@example.com", "to": ["jane@acme.com"]},
    {"interview": 1, "action": "replied", "step": None, "who": None,
     "message_id": "<next@acme.com>", "date": "2026-11-26T08:00:00+00:00",
     "subject": "Next steps", "from": "lisa@acme.com", "to": ["sam@example.com"]},
]  # fmt: skip


@pytest.fixture(scope="module")
def server() -> Server:
    with dovecot_server() as s:
        for folder, msg in MESSAGES:
            s.append(folder, msg, r"(\Seen)" if folder == "Sent" else "")
        yield s


@pytest.fixture
def imap(server: Server, cli, monkeypatch: pytest.MonkeyPatch) -> Server:
    """The settings for reading `server`, the password in the environment; afterwards,
    proof that the mailbox was not changed."""
    for key, value in (
        ("mail.imap.host", server.host),
        ("mail.imap.port", str(server.port)),
        ("mail.imap.user", server.user),
        ("mail.imap.security", "none"),
    ):
        assert cli("config", key, value).code == 0
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", server.password)
    before = server.state(), server.files()
    yield server
    assert (server.state(), server.files()) == before, "reading changed the mailbox"


def test_dry_run_proposes_the_thank_you_and_the_reply_and_changes_nothing(
    cli, imap: Server, files
) -> None:
    assert cli(*ACME).code == 0
    before = files()
    run = cli("mail", "--dry-run", "--json")
    assert run.code == 0, run.stderr
    assert run.json() == {"proposals": WANTED, "applied": []}
    assert files() == before
    human = cli("mail", "--dry-run")
    assert '#1 Acme Corp: tick email (Jane Doe): sent 2026-11-25 18:00 "Thank you, Jane"' in (
        human.stdout.replace("'", '"')
    )
    assert "lisa@acme.com" in human.stdout


def test_nothing_before_the_interview_counts_even_with_an_early_since(cli, imap: Server) -> None:
    assert cli(*ACME).code == 0
    run = cli("mail", "--dry-run", "--json", "--since", "2026-11-01")
    assert run.code == 0, run.stderr
    assert run.json()["proposals"] == WANTED


def test_yes_ticks_the_email_at_the_time_it_was_sent_and_a_second_run_does_nothing(
    cli, imap: Server, files
) -> None:
    assert cli(*ACME).code == 0
    run = cli("mail", "--yes", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["applied"] == WANTED
    steps = cli("show", "1", "--json").json()["steps"]
    email = next(s for s in steps if s["step"] == "email" and s["who"] == "Jane Doe")
    assert email["status"] == "done"
    assert email["done_at"] == "2026-11-25T18:00:00+00:00"
    # the reply from lisa@acme.com is recorded as `followup replied` records one
    shown = cli("show", "1", "--json").json()
    assert shown["replied_at"] == "2026-11-26T08:00:00+00:00"
    checkin = next(s for s in steps if s["step"] == "checkin")
    assert (checkin["status"], checkin["reason"]) == ("skipped", "they replied")
    others = [s for s in steps if s is not email and s is not checkin]
    assert all(s["status"] == "pending" for s in others)
    after = files()
    again = cli("mail", "--yes", "--json")
    assert again.code == 0, again.stderr
    assert again.json() == {"proposals": [], "applied": []}
    assert files() == after
    undone = cli("undo")
    assert undone.code == 0 and "mail" in undone.stderr + undone.stdout
    # undo takes the tick and the reply back: both are proposed again
    assert cli("show", "1", "--json").json()["replied_at"] is None
    assert cli("mail", "--dry-run", "--json").json()["proposals"] == WANTED


def test_no_terminal_without_yes_lists_and_changes_nothing(cli, imap: Server, files) -> None:
    assert cli(*ACME).code == 0
    before = files()
    run = cli("mail")
    assert run.code == 0, run.stderr
    assert "tick email (Jane Doe)" in run.stdout
    assert "--yes" in run.stderr
    assert files() == before


def test_a_declined_proposal_is_not_proposed_again(
    cli, imap: Server, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    assert cli(*ACME).code == 0
    monkeypatch.setattr(mail_command, "is_terminal", lambda: True)
    run = cli("mail", input="n\ny\n")
    assert run.code == 0, run.stderr
    assert "Declined 1" in run.stderr
    # the questions go to stderr, so that stdout stays the results (or the JSON) alone
    assert run.stderr.count("Apply?") == 2 and "Apply?" not in run.stdout
    assert "applied: #1 Acme Corp: record a reply" in run.stdout
    steps = cli("show", "1", "--json").json()["steps"]
    status = {(s["step"], s["who"]): s["status"] for s in steps}
    assert status[("email", "Jane Doe")] == "pending"
    again = cli("mail", "--dry-run", "--json")
    assert [p["message_id"] for p in again.json()["proposals"]] == []
    state = json.loads((home / "mail.json").read_text())
    assert state["declined"] == ["<thanks@example.com>"]
    assert "recorded" not in state  # a reply recorded is the interview's replied_at


def test_the_latest_round_held_before_the_message_gets_the_tick(cli, imap: Server) -> None:
    assert cli(*ACME).code == 0
    # a second round with Jane on the 28th: after the thank-you of the 25th
    assert cli("next", "1", "--at", "2026-11-28 10:00", "--with", "Jane Doe").code == 0
    run = cli("mail", "--dry-run", "--json", "--since", "2026-11-01")
    assert run.code == 0, run.stderr
    assert [(p["interview"], p["step"]) for p in run.json()["proposals"]] == [
        (1, "email"),
        (1, None),
    ]


def test_the_password_is_read_from_the_keyring_stored_by_login(
    cli, imap: Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: Path
) -> None:
    keyring_home = tmp_path / "keyring"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(keyring_home))
    monkeypatch.delenv("FOLLOWUP_IMAP_PASSWORD")
    assert cli(*ACME).code == 0
    missing = cli("mail", "--dry-run")
    assert missing.code == 1
    assert "no IMAP password" in missing.stderr and "mail --login" in missing.stderr
    stored = cli("mail", "--login", input=imap.password + "\n")
    assert stored.code == 0, stored.stderr
    run = cli("mail", "--dry-run", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["proposals"] == WANTED
    # kept by the keyring (this backend stores it base64-encoded), and in no file of ours
    import base64

    forms = (imap.password.encode(), base64.b64encode(imap.password.encode()))
    assert any(forms[1] in data for data in snapshot(keyring_home).values())
    assert not any(f in data for f in forms for data in snapshot(home).values())


# ----- errors: one plain line, exit 1, nothing changed ---------------------------------


def refused(run, *words: str) -> None:
    assert run.code == 1, (run.stdout, run.stderr)
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), run.stderr
    assert "Traceback" not in run.stderr
    for word in words:
        assert word in run.stderr


def test_a_wrong_password(cli, imap: Server, files, monkeypatch) -> None:
    assert cli(*ACME).code == 0
    before = files()
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", "wrong")
    refused(cli("mail", "--yes"), "refused the login", imap.user)
    assert files() == before


def test_a_refused_connection(cli, imap: Server, files) -> None:
    assert cli(*ACME).code == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]  # bound, not listening: connections are refused
        assert cli("config", "mail.imap.port", str(closed)).code == 0
        before = files()
        refused(cli("mail", "--yes"), "refused the connection")
    assert files() == before


def test_a_certificate_that_is_not_trusted_is_a_tls_failure(cli, imap: Server, files) -> None:
    assert cli(*ACME).code == 0
    assert cli("config", "mail.imap.security", "tls").code == 0
    assert cli("config", "mail.imap.port", str(imap.tls_port)).code == 0
    before = files()
    refused(cli("mail", "--yes"), "secure connection", "failed")
    assert files() == before


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_tls_and_starttls_with_a_trusted_certificate(
    cli, imap: Server, security: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(imap.cert))
    assert cli(*ACME).code == 0
    port = imap.tls_port if security == "tls" else imap.port
    assert cli("config", "mail.imap.security", security).code == 0
    assert cli("config", "mail.imap.port", str(port)).code == 0
    run = cli("mail", "--dry-run", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["proposals"] == WANTED


def test_a_missing_folder(cli, imap: Server, files) -> None:
    assert cli(*ACME).code == 0
    assert cli("config", "mail.imap.sent", "Sent Items").code == 0
    before = files()
    refused(cli("mail", "--yes"), "no folder 'Sent Items'", "mail.imap.sent")
    assert files() == before


def test_no_encryption_is_refused_for_a_server_elsewhere(cli, files) -> None:
    assert cli(*ACME).code == 0
    for key, value in (("mail.imap.host", "imap.example.com"), ("mail.imap.user", "sam"),
                       ("mail.imap.security", "none")):  # fmt: skip
        assert cli("config", key, value).code == 0
    before = files()
    refused(cli("mail", "--yes", env={"FOLLOWUP_IMAP_PASSWORD": "x"}), "unencrypted")
    assert files() == before


def test_the_server_dropping_the_connection_mid_fetch(
    cli, imap: Server, files, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imapclient import IMAPClient

    real_fetch = IMAPClient.fetch

    def dropped(self, *args, **kwargs):
        self._imap.sock.shutdown(socket.SHUT_RDWR)  # the line goes dead under the client
        return real_fetch(self, *args, **kwargs)

    monkeypatch.setattr(IMAPClient, "fetch", dropped)
    assert cli(*ACME).code == 0
    before = files()
    refused(cli("mail", "--yes"), "closed the connection", "nothing was changed")
    assert files() == before


def test_the_token_command_gives_the_token_used_with_xoauth2(
    cli, imap: Server, files, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imapclient import IMAPClient

    seen: list[tuple[str, str, str]] = []
    real = IMAPClient.oauth2_login

    def recording(self, user, access_token, mech="XOAUTH2", vendor=None):
        seen.append((user, access_token, mech))
        return real(self, user, access_token, mech, vendor)

    monkeypatch.setattr(IMAPClient, "oauth2_login", recording)
    monkeypatch.delenv("FOLLOWUP_IMAP_PASSWORD")
    assert cli(*ACME).code == 0
    # the token is made by the command, so it is not in the command's own text
    command = f"{sys.executable} -c \"print('tok-' + str(6 * 7) + ' ')\""
    assert cli("config", "mail.imap.token_command", command).code == 0
    before = files()
    run = cli("mail", "--yes")
    # Dovecot here has no OAuth2 passdb: it refuses the token, in one plain line
    refused(run, "refused the login")
    assert seen == [(imap.user, "tok-42", "XOAUTH2")]
    assert files() == before
    assert not any(b"tok-42" in data for data in files().values())


def test_a_token_command_that_fails_says_so(cli, files) -> None:
    assert cli(*ACME).code == 0
    for key, value in (("mail.imap.host", "127.0.0.1"), ("mail.imap.user", "sam"),
                       ("mail.imap.token_command", f"{sys.executable} -c 'import sys; "
                        "sys.exit(\"expired\")'")):  # fmt: skip
        assert cli("config", key, value).code == 0
    before = files()
    refused(cli("mail", "--yes"), "gave no token", "expired")
    assert files() == before


# ----- a Maildir ---------------------------------------------------------------------


def make_maildir(root: Path) -> None:
    box = mailbox.Maildir(root, create=True)
    sent = box.add_folder("Sent")  # Maildir++: the subfolder `.Sent`
    for folder, msg in MESSAGES:
        target = sent if folder == "Sent" else box
        m = mailbox.MaildirMessage(msg)
        m.set_subdir("cur")
        if folder == "Sent":
            m.set_flags("S")
        target.add(m)


def maildir_state(root: Path) -> dict[str, tuple[bytes, float]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    } | {str(p.relative_to(root)) + "/": (b"", p.stat().st_mtime) for p in root.rglob("*")}


def test_a_maildir_gives_the_same_proposals_and_is_left_as_it_was(
    cli, tmp_path: Path, files
) -> None:
    root = tmp_path / "Mail"
    make_maildir(root)
    before = maildir_state(root)
    assert cli(*ACME).code == 0
    assert cli("config", "mail.maildir", str(root)).code == 0
    dry = cli("mail", "--dry-run", "--json")
    assert dry.code == 0, dry.stderr
    assert dry.json() == {"proposals": WANTED, "applied": []}
    run = cli("mail", "--yes", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["applied"] == WANTED
    assert maildir_state(root) == before
    assert sorted(os.listdir(root / ".Sent" / "cur")) == sorted(
        k.split("/")[-1] for k in before if k.startswith(".Sent/cur/") and not k.endswith("/")
    )


def test_a_folder_that_is_no_maildir_is_refused(cli, tmp_path: Path, files) -> None:
    assert cli(*ACME).code == 0
    assert cli("config", "mail.maildir", str(tmp_path)).code == 0
    before = files()
    refused(cli("mail", "--yes"), "is not a Maildir")
    assert files() == before


def test_there_is_no_password_setting_to_put_in_config_toml(cli, home: Path, files) -> None:
    before = files()
    run = cli("config", "mail.imap.password", "hunter2")
    assert run.code == 1 and "unknown setting" in run.stderr
    assert files() == before
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[mail.imap]\npassword = "hunter2"\n')
    hand_edited = cli("mail", "--dry-run")
    assert hand_edited.code == 1 and "mail.imap.password" in hand_edited.stderr
