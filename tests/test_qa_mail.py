"""QA of the mail loop: what a mailbox may hold that must not break or fool it, and
the draft files `send` writes, read back as a mail program reads them."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ACME, env_for_subprocess


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


# ----- a reply whose subject holds what the notes refuse --------------------------


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


# ----- a sent message dated in the future -------------------------------------------


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


# ----- a recruiter for two companies --------------------------------------------------


def test_a_recruiter_for_two_applications_stays_ambiguous_once_one_is_closed(
    cli, tmp_path: Path
) -> None:
    """Rita recruits for Acme and Globex. Closing Acme does not make her address
    Globex's: her mail may be about Acme still, so no reply is proposed for Globex."""
    rita = "Rita Rec <rita@talentco.com>"
    assert cli("add", "Acme Corp", "--at", "2026-11-20 14:00", "--with", rita).code == 0
    assert cli("add", "Globex", "--at", "2026-11-24 10:00", "--with", rita).code == 0
    assert cli("close", "1", "--outcome", "withdrawn").code == 0
    use(
        cli,
        maildir(
            tmp_path / "md",
            inbox=[raw("r1@talentco.com", "Wed, 25 Nov 2026 12:00:00 +0000",
                       "rita@talentco.com", "sam@example.com", "About your application")],
        ),
    )  # fmt: skip
    run = cli("mail", "--dry-run", "--json")
    assert run.code == 0, run.stderr
    assert run.json()["proposals"] == []


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


# ----- the draft file `send --via eml` writes -----------------------------------------


def eml_headers(cli, tmp_path: Path, *args: str):
    out = tmp_path / "draft.eml"
    run = cli("send", *args, "--via", "eml", "--output", str(out))
    assert run.code == 0, run.stderr
    return email.message_from_bytes(out.read_bytes(), policy=email.policy.default)


def test_a_name_with_a_comma_is_one_sender_in_the_draft(cli, tmp_path: Path) -> None:
    """`Lee, Sam` unquoted in From would read as two addresses, `Lee` and `Sam <...>`."""
    assert cli(*ACME).code == 0
    assert cli("config", "name", "Lee, Sam").code == 0
    assert cli("config", "email", "sam@example.com").code == 0
    msg = eml_headers(cli, tmp_path, "1", "email", "--who", "jane")
    senders = msg["From"].addresses
    assert [(a.display_name, a.addr_spec) for a in senders] == [("Lee, Sam", "sam@example.com")]


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


# ----- an IMAP folder that is missing, named with an accent -------------------------


def test_a_missing_folder_with_an_accent_is_one_line_and_changes_nothing(
    cli, files, monkeypatch
) -> None:
    """The server words its error in UTF-8; imapclient logged a warning about decoding
    it, a second line on stderr."""
    from imap_server import dovecot_server

    assert cli(*ACME).code == 0
    with dovecot_server() as server:
        for key, value in (
            ("mail.imap.host", server.host),
            ("mail.imap.port", str(server.port)),
            ("mail.imap.user", server.user),
            ("mail.imap.security", "none"),
            ("mail.imap.inbox", "Boîte"),
        ):
            assert cli("config", key, value).code == 0
        monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", server.password)
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


# ----- free mail under another country's domain ---------------------------------------


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


def test_a_company_domain_that_only_starts_like_a_free_mail_one_still_counts() -> None:
    from followup.features.mail_match import is_free_mail

    assert is_free_mail("gmail.com") and is_free_mail("hotmail.co.jp")
    assert not is_free_mail("acme.com")
    assert not is_free_mail("mailchimp.com") and not is_free_mail("livenation.com")


# ----- --since to come --------------------------------------------------------------


def test_since_a_time_to_come_is_refused_not_read_as_nothing(cli, tmp_path: Path, files) -> None:
    """`--since 2027-01-01` read no message at all and said so as if all were well."""
    assert cli(*ACME).code == 0
    use(cli, maildir(tmp_path / "md"))
    before = files()
    run = cli("mail", "--dry-run", "--since", "2027-01-01")
    assert run.code == 1
    assert run.stderr.count("\n") == 1 and "2027-01-01" in run.stderr
    assert files() == before


# ----- a closed interview waiting for its reply -----------------------------------------


def test_the_reply_to_an_offer_is_ticked_by_the_message_sent_after_closing(
    cli, tmp_path: Path
) -> None:
    """A closed interview with its reply pending lives in open.json's `awaiting`: `mail`
    read only the open interviews and the history, so it never saw one."""
    assert cli(*ACME).code == 0
    closing = {"FOLLOWUP_NOW": "2026-11-25T16:00:00+00:00"}
    assert cli("close", "1", "--outcome", "offer", env=closing).code == 0
    use(
        cli,
        maildir(
            tmp_path / "md",
            sent=[raw("s1@example.com", "Thu, 26 Nov 2026 08:00:00 +0000", "sam@example.com",
                      "jane@acme.com", "Re: your offer")],
        ),
    )  # fmt: skip
    run = cli("mail", "--yes", "--json")
    assert run.code == 0, run.stderr
    assert [(p["interview"], p["step"]) for p in run.json()["applied"]] == [(1, "reply")]
    steps = cli("show", "1", "--json").json()["steps"]
    assert next(s for s in steps if s["step"] == "reply")["status"] == "done"


# ----- a display name encoded with a quote in it ------------------------------------------


@pytest.mark.parametrize(
    "name", ["=?utf-8?q?Jane_=22JD=22_Doe?=", "=?utf-8?q?x=22?=", "=?utf-8?b?IkphbmU=?="]
)
def test_an_encoded_name_with_a_quote_keeps_its_address(name: str) -> None:
    """Encoded words were decoded before the addresses were parsed, so a `"` in a name
    (`Jane "JD" Doe`, as Outlook encodes it) ate the address: no tick, no reply."""
    from followup.features.mailbox import parse_headers

    head = (
        f"Message-ID: <a@b>\r\nDate: Wed, 25 Nov 2026 18:00:00 +0000\r\n"
        f"From: {name} <Jane@Acme.com>\r\nTo: {name} <jane@acme.com>, raj@acme.com\r\n"
        f"Cc: {name} <lisa@acme.com>\r\nSubject: x\r\n\r\n"
    ).encode()
    msg = parse_headers(head, "inbox")
    assert msg is not None
    assert msg.sender == "jane@acme.com"
    assert msg.to == ("jane@acme.com", "raj@acme.com", "lisa@acme.com")


def test_a_header_in_raw_utf8_is_read_as_utf8() -> None:
    """RFC 6532 headers (and many programs' 8-bit subjects): they read as U+FFFD."""
    from followup.features.mailbox import parse_headers

    head = (
        "Message-ID: <a@b>\r\nDate: Wed, 25 Nov 2026 18:00:00 +0000\r\n"
        "From: José <JOSÉ@acmé.com>\r\nTo: sam@example.com\r\nSubject: Réponse\r\n\r\n"
    ).encode()
    msg = parse_headers(head, "inbox")
    assert msg is not None
    assert (msg.sender, msg.subject) == ("josé@acmé.com", "Réponse")


# ----- snoozing the decision past the offer's deadline -------------------------------------


def test_the_decide_step_cannot_be_snoozed_past_the_offers_deadline(cli, files) -> None:
    """The deadline is the company's: a decide step put off past it would count down
    "6 days left" for an offer that lapses in 3."""
    assert cli(*ACME).code == 0
    assert cli("close", "1", "--outcome", "offer", "--deadline", "2026-11-29").code == 0
    before = files()
    run = cli("snooze", "1", "decide", "--until", "2026-12-05")
    assert run.code == 1
    assert run.stderr.count("\n") == 1 and "deadline" in run.stderr
    assert files() == before
    assert cli("snooze", "1", "decide", "--until", "2026-11-28").code == 0


# ----- a thank-you and a check-in found in one run ------------------------------------


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


# ----- a keyring that is a plain file ------------------------------------------------------


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
