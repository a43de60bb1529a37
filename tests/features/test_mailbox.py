"""QA of the mail loop: what a mailbox may hold that must not break or fool it, and
the draft files `send` writes, read back as a mail program reads them."""

from __future__ import annotations

import pytest


def test_a_company_domain_that_only_starts_like_a_free_mail_one_still_counts() -> None:
    from followup.features.mail_match import is_free_mail

    assert is_free_mail("gmail.com") and is_free_mail("hotmail.co.jp")
    assert not is_free_mail("acme.com")
    assert not is_free_mail("mailchimp.com") and not is_free_mail("livenation.com")


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
