"""`followup mail` against a real IMAP server (Dovecot) and a real Maildir.

One server for the module, with a fixed set of messages put in by imaplib: reading
must change nothing in it (flags and counts are compared before and after each test).
"""

from __future__ import annotations

import json
import mailbox
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import ACME, env_for_subprocess, snapshot
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


def read_from(server: Server, cli, monkeypatch: pytest.MonkeyPatch, **more: str) -> None:
    """The settings for reading `server` (and `more`, as `inbox="X"` for mail.imap.inbox),
    the password in the environment."""
    for key, value in (
        ("mail.imap.host", server.host),
        ("mail.imap.port", str(server.port)),
        ("mail.imap.user", server.user),
        ("mail.imap.security", "none"),
        *((f"mail.imap.{k}", v) for k, v in more.items()),
    ):
        assert cli("config", key, value).code == 0
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", server.password)


@pytest.fixture
def imap(server: Server, cli, monkeypatch: pytest.MonkeyPatch) -> Server:
    """`server`, set up to be read; afterwards, proof that the mailbox was not changed."""
    read_from(server, cli, monkeypatch)
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


def test_a_wrong_password(cli, files, monkeypatch) -> None:
    # A server of its own: after a refused login, Dovecot makes the next login from the
    # same address wait 4 s, and the other tests (and `imap`'s check) log in.
    assert cli(*ACME).code == 0
    with dovecot_server() as server:
        server.append(*MESSAGES[0])
        read_from(server, cli, monkeypatch)
        before, mailbox_before = files(), server.files()
        monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", "wrong")
        refused(cli("mail", "--yes"), "refused the login", server.user)
        assert server.files() == mailbox_before  # the Maildir: messages and their flags
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


# ----------------------------------------------------------------------------
# QA of the mail loop: what a mailbox may hold that must not break or fool it, and
# the draft files `send` writes, read back as a mail program reads them.


def maildir(root: Path, sent: list[bytes] = (), inbox: list[bytes] = ()) -> Path:
    """A Maildir (its inbox and its .Sent folder) holding these raw messages."""
    for folder, raws in ((root / ".Sent", sent), (root, inbox)):
        for sub in ("cur", "new", "tmp"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        for n, raw in enumerate(raws):
            (folder / "cur" / f"{n}.qa:2,S").write_bytes(raw)
    return root


def raw(msgid: str, date: str, sender: str, to: str, subject: str) -> bytes:
    return (
        f"Message-ID: <{msgid}>\r\nDate: {date}\r\nFrom: {sender}\r\nTo: {to}\r\n"
        f"Subject: {subject}\r\n\r\nHello.\r\n"
    ).encode()


def use(cli, root: Path) -> None:
    assert cli("config", "mail.maildir", str(root)).code == 0


def test_a_reply_whose_subject_has_control_characters_is_still_recorded(
    cli, tmp_path: Path
) -> None:
    """An RFC 2047 subject decodes to ESC and a right-to-left override: followup must not
    refuse the whole `mail --yes` (every run, for good) because its notes refuse them."""
    assert cli(*ACME).code == 0
    subject = "=?utf-8?b?TmV4dCBzdGVwcyDigK4gdGVzdCAbWzJK?="  # "Next steps \u202e test \x1b[2J"
    use(
        cli,
        maildir(
            tmp_path / "md",
            inbox=[raw("r1@acme.com", "Thu, 26 Nov 2026 08:00:00 +0000", "lisa@acme.com",
                       "sam@example.com", subject)],
        ),
    )  # fmt: skip
    run = cli("mail", "--yes")
    assert run.code == 0, run.stderr
    shown = cli("show", "1", "--json").json()
    assert shown["replied_at"] == "2026-11-26T08:00:00+00:00"
    assert "\x1b" not in shown["notes"] and "\u202e" not in shown["notes"]
    assert "Next steps" in shown["notes"]


def test_a_reply_with_a_subject_longer_than_the_notes_hold_is_still_recorded(
    cli, tmp_path: Path
) -> None:
    assert cli(*ACME).code == 0
    use(
        cli,
        maildir(
            tmp_path / "md",
            inbox=[raw("r1@acme.com", "Thu, 26 Nov 2026 08:00:00 +0000", "lisa@acme.com",
                       "sam@example.com", "Re: " + "long " * 1200)],
        ),
    )  # fmt: skip
    run = cli("mail", "--yes")
    assert run.code == 0, run.stderr
    shown = cli("show", "1", "--json").json()
    assert shown["replied_at"] == "2026-11-26T08:00:00+00:00"
    assert len(shown["notes"]) <= 5000


def test_a_message_dated_in_the_future_ticks_its_step_now_not_then(cli, tmp_path: Path) -> None:
    """A Date header a year ahead (a wrong clock, or a forged header) must not put a
    tick in the future: it is ticked at the latest now, as a reply is recorded."""
    assert cli(*ACME).code == 0
    use(
        cli,
        maildir(
            tmp_path / "md",
            sent=[raw("t1@example.com", "Thu, 25 Nov 2027 18:00:00 +0000", "sam@example.com",
                      "jane@acme.com", "Thanks")],
        ),
    )  # fmt: skip
    run = cli("mail", "--yes")
    assert run.code == 0, run.stderr
    steps = cli("show", "1", "--json").json()["steps"]
    email_step = next(s for s in steps if s["step"] == "email" and s["who"] == "Jane Doe")
    assert email_step["status"] == "done"
    assert email_step["done_at"] == "2026-11-26T10:00:00+00:00"


def test_rounds_of_one_application_are_not_ambiguous(cli, tmp_path: Path) -> None:
    """Jane in rounds 1 and 2 of Acme: her reply is round 2's (the latest held before it)."""
    assert cli(*ACME).code == 0
    assert cli("next", "1", "--at", "2026-11-26 09:00", "--same-panel").code == 0
    use(
        cli,
        maildir(
            tmp_path / "md",
            inbox=[raw("r1@acme.com", "Thu, 26 Nov 2026 09:30:00 +0000", "jane@acme.com",
                       "sam@example.com", "Thanks for coming in")],
        ),
    )  # fmt: skip
    run = cli("mail", "--dry-run", "--json")
    assert run.code == 0, run.stderr
    assert [(p["interview"], p["action"]) for p in run.json()["proposals"]] == [(2, "replied")]


def test_a_missing_folder_with_an_accent_is_one_line_and_changes_nothing(
    cli, files, monkeypatch
) -> None:
    """The server words its error in UTF-8; imapclient logged a warning about decoding
    it, a second line on stderr."""
    assert cli(*ACME).code == 0
    with dovecot_server() as server:
        read_from(server, cli, monkeypatch, inbox="Boîte")
        before = files()
        run = subprocess.run(
            [sys.executable, "-m", "followup", "mail", "--yes"],
            capture_output=True,
            text=True,
            env=env_for_subprocess(Path(os.environ["FOLLOWUP_HOME"])),
            timeout=60,
        )
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1, run.stderr
    assert "Boîte" in run.stderr and "mail.imap.inbox" in run.stderr
    assert files() == before


@pytest.mark.parametrize(
    "domain", ["hotmail.nl", "yahoo.com.au", "outlook.co.uk", "gmx.fr", "live.nl", "aol.de"]
)
def test_free_mail_of_any_country_is_no_company_domain(cli, tmp_path: Path, domain: str) -> None:
    """Jane writes from her own free-mail address: another sender of that provider is no
    one in particular, whatever the country's domain (the list named only some)."""
    assert (
        cli("add", "Acme", "--at", "2026-11-25 14:00", "--with", f"Jane <jane@{domain}>").code == 0
    )
    use(
        cli,
        maildir(
            tmp_path / "md",
            inbox=[raw("r1@x", "Thu, 26 Nov 2026 08:00:00 +0000", f"stranger@{domain}",
                       "sam@example.com", "Hello")],
        ),
    )  # fmt: skip
    run = cli("mail", "--dry-run", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["proposals"] == []


def test_since_a_time_to_come_is_refused_not_read_as_nothing(cli, tmp_path: Path, files) -> None:
    """`--since 2027-01-01` read no message at all and said so as if all were well."""
    assert cli(*ACME).code == 0
    use(cli, maildir(tmp_path / "md"))
    before = files()
    run = cli("mail", "--dry-run", "--since", "2027-01-01")
    assert run.code == 1
    assert run.stderr.count("\n") == 1 and "2027-01-01" in run.stderr
    assert files() == before


def test_one_run_ticks_the_thank_you_and_the_check_in_sent_a_week_later(
    cli, tmp_path: Path
) -> None:
    """The check-in was taken for a second thank-you while the first was only proposed:
    it took a second `mail` run to be found."""
    assert cli(*ACME).code == 0
    use(
        cli,
        maildir(
            tmp_path / "md",
            sent=[
                raw("s1@example.com", "Wed, 25 Nov 2026 18:00:00 +0000", "sam@example.com",
                    "jane@acme.com", "Thank you"),
                raw("s2@example.com", "Wed, 25 Nov 2026 20:00:00 +0000", "sam@example.com",
                    "jane@acme.com", "PS: the link"),
                raw("s3@example.com", "Wed, 02 Dec 2026 09:00:00 +0000", "sam@example.com",
                    "jane@acme.com", "Checking in"),
            ],
        ),
    )  # fmt: skip
    later = {"FOLLOWUP_NOW": "2026-12-04T10:00:00+00:00"}
    run = cli("mail", "--yes", "--json", env=later)
    assert run.code == 0, run.stderr
    applied = [(p["step"], p["message_id"]) for p in run.json()["applied"]]
    assert applied == [("email", "<s1@example.com>"), ("checkin", "<s3@example.com>")]
    assert cli("mail", "--dry-run", "--json", env=later).json()["proposals"] == []


def test_login_refuses_a_keyring_that_writes_the_password_in_a_plain_file(
    cli, tmp_path: Path, monkeypatch
) -> None:
    """With no system keyring running, `keyring` falls back to keyrings.alt's
    PlaintextKeyring when it is installed (the test extra the README installs): the
    password would lie in a plain file. Chosen on purpose (PYTHON_KEYRING_BACKEND), it is
    the user's call."""
    import base64

    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from conftest import snapshot

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    before = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    try:
        assert cli("config", "mail.imap.user", "sam@example.com").code == 0
        run = cli("mail", "--login", input="hunter2\n")
    finally:
        keyring.set_keyring(before)
    assert run.code == 1
    assert run.stderr.count("\n") == 1 and "FOLLOWUP_IMAP_PASSWORD" in run.stderr
    secret = base64.b64encode(b"hunter2")
    assert not any(secret in data for data in snapshot(tmp_path / "data").values())
