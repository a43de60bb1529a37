"""Reading the user's mailbox, read-only: the headers of the messages sent and received.

Two sources. IMAP (through `imapclient`): each folder is opened with EXAMINE (read-only:
the server changes no flag), only messages since a date are searched for (SEARCH SINCE),
and only a few header fields are fetched with BODY.PEEK (which never sets \\Seen).
A Maildir kept in step by mbsync or offlineimap (through the standard library's
`mailbox`): files are only opened for reading, never renamed or written, and only
their headers are parsed.

Every way the server or the disk can fail becomes one FollowupError, said plainly:
nothing here prints, and nothing the user stores is changed by reading.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from followup.errors import FollowupError

#: The header fields read: nothing else of a message is fetched. From Reply-To on, they
#: tell a machine's message from a person's, and an answer to the user's own (mail_match).
FIELDS = (
    "MESSAGE-ID", "DATE", "SUBJECT", "FROM", "TO", "CC", "REPLY-TO",
    "AUTO-SUBMITTED", "PRECEDENCE", "LIST-ID", "LIST-UNSUBSCRIBE", "IN-REPLY-TO", "REFERENCES",
)  # fmt: skip
_FETCH = f"BODY.PEEK[HEADER.FIELDS ({' '.join(FIELDS)})]"
_REPLY_KEY = f"BODY[HEADER.FIELDS ({' '.join(FIELDS)})]".encode()
#: Messages fetched per FETCH command.
BATCH = 500
SECURITY = ("tls", "starttls", "none")


@dataclass(frozen=True)
class Message:
    """What matching needs of one message: its headers (addresses in lower case)."""

    message_id: str
    date: datetime
    subject: str
    sender: str
    #: To and Cc.
    to: tuple[str, ...] = field(default_factory=tuple)
    #: "sent" or "inbox".
    folder: str = "inbox"
    #: The first address in Reply-To, lower case ("" when there is none).
    reply_to: str = ""
    #: The Auto-Submitted header (RFC 3834), lower case; None when there is none.
    auto_submitted: str | None = None
    #: The Precedence header, lower case; None when there is none.
    precedence: str | None = None
    #: Whether it has a List-Id or a List-Unsubscribe header (a mailing list's marks).
    listed: bool = False
    #: The Message-IDs it answers (In-Reply-To and References), without their brackets.
    answers: tuple[str, ...] = field(default_factory=tuple)


def parse_headers(raw: bytes, folder: str) -> Message | None:
    """A message's headers, or None when it has no usable Date or Message-ID."""
    from email.parser import HeaderParser
    from email.policy import compat32

    # Read as UTF-8 (RFC 6532 allows it in headers, and many programs send it anyway);
    # bytes that are not UTF-8 become U+FFFD rather than the header being lost.
    head = HeaderParser(policy=compat32).parsestr(raw.decode("utf-8", "replace"))
    msgid = _text(head.get("Message-ID")).strip()
    try:
        date = parsedate_to_datetime(_text(head.get("Date")))
    except (TypeError, ValueError, IndexError):
        return None
    if not msgid or date is None:
        return None
    if date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    # Addresses are parsed from the header as written: decoded first, an encoded name
    # holding a quote or an angle bracket (`Jane "JD" Doe`) would swallow its address.
    senders = [a.lower() for _, a in getaddresses([_raw(head.get("From"))]) if "@" in a]
    reply_to = [a.lower() for _, a in getaddresses([_raw(head.get("Reply-To"))]) if "@" in a]
    to = [
        a.lower()
        for _, a in getaddresses([_raw(v) for v in head.get_all("To", []) + head.get_all("Cc", [])])
        if "@" in a
    ]
    return Message(
        message_id=msgid,
        date=date.astimezone(UTC),
        subject=" ".join(_text(head.get("Subject")).split()),
        sender=senders[0] if senders else "",
        to=tuple(dict.fromkeys(to)),
        folder=folder,
        reply_to=reply_to[0] if reply_to else "",
        auto_submitted=_lower(head.get("Auto-Submitted")),
        precedence=_lower(head.get("Precedence")),
        listed=head.get("List-Id") is not None or head.get("List-Unsubscribe") is not None,
        answers=tuple(
            dict.fromkeys(
                ref
                for name in ("In-Reply-To", "References")
                for value in head.get_all(name, [])
                for ref in message_ids(_raw(value))
            )
        ),
    )


def message_ids(text: str) -> list[str]:
    """The Message-IDs in a header such as References (`<a@x> <b@y>`), brackets off; a
    value with no brackets at all is taken whole."""
    found = re.findall(r"<([^<>\s]+)>", text)
    if found:
        return found
    return text.split() if len(text.split()) == 1 else []


def _lower(value: object) -> str | None:
    """A header's value in lower case, folding undone; None when it is absent."""
    return None if value is None else " ".join(_text(value).split()).lower()


def _raw(value: object) -> str:
    """A header as written, encoded words left as they are."""
    return "" if value is None else str(value)


def _text(value: object) -> str:
    """A header as text, encoded words (=?utf-8?...?=) decoded."""
    if value is None:
        return ""
    from email.header import decode_header, make_header

    try:
        return str(make_header(decode_header(str(value))))
    except (UnicodeDecodeError, LookupError, ValueError):
        return str(value)


# ----- IMAP ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImapAccount:
    """Where and how to log in; the secret is given separately (never stored by followup)."""

    host: str
    user: str
    port: int = 993
    security: str = "tls"
    sent: str | None = None
    inbox: str = "INBOX"


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine (`localhost`, 127.0.0.0/8, ::1)."""
    if host.strip().lower() in ("localhost", "localhost.localdomain"):
        return True
    with contextlib.suppress(ValueError):
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    return False


def check_security(account: ImapAccount) -> None:
    if account.security not in SECURITY:
        raise FollowupError(
            f"mail.imap.security {account.security!r} is not one of {', '.join(SECURITY)}"
        )
    if account.security == "none" and not is_loopback(account.host):
        raise FollowupError(
            f"mail.imap.security none sends your password unencrypted, so it is refused for "
            f"{account.host} (only for this machine: localhost, 127.0.0.1): use tls or starttls",
            advice=("config-set", "mail.imap.security", "tls"),
        )


@dataclass(frozen=True)
class Secret:
    """A password, or an OAuth2 access token (XOAUTH2)."""

    value: str
    oauth2: bool = False


def _where(account: ImapAccount) -> str:
    return f"{account.host}:{account.port}"


@contextlib.contextmanager
def _imap_errors(account: ImapAccount, doing: str) -> Iterator[None]:
    """The ways a server fails, each as one plain line."""
    import imaplib
    import ssl

    from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

    where = _where(account)
    try:
        yield
    except FollowupError:
        raise
    except LoginError as exc:
        why = _short(exc)
        raise FollowupError(
            f"{where} refused the login of {account.user!r}"
            + (f" ({why})" if why else "")
            + ": check the user and the password (or the token)",
            advice=("mail-login", ""),
        ) from None
    except ssl.SSLError as exc:
        raise FollowupError(
            f"the secure connection to {where} failed ({_short(exc)}): check mail.imap.port "
            "and mail.imap.security (tls is usually port 993, starttls port 143)"
        ) from None
    except ConnectionRefusedError:
        raise FollowupError(
            f"{where} refused the connection: check mail.imap.host and mail.imap.port"
        ) from None
    except TimeoutError:
        raise FollowupError(f"{where} did not answer in time while {doing}: try again") from None
    except socket.gaierror as exc:
        raise FollowupError(
            f"{account.host!r} could not be found ({_short(exc)}): check mail.imap.host"
        ) from None
    except (IMAPClientAbortError, imaplib.IMAP4.abort, EOFError, ConnectionError) as exc:
        raise FollowupError(
            f"{where} closed the connection while {doing} ({_short(exc) or 'no reason given'}): "
            "nothing was changed; try again"
        ) from None
    except (IMAPClientError, imaplib.IMAP4.error) as exc:
        raise FollowupError(f"{where} answered an error while {doing}: {_short(exc)}") from None
    except OSError as exc:
        raise FollowupError(f"could not reach {where}: {_short(exc)}") from None


def _short(exc: BaseException) -> str:
    text = str(exc)
    if text.startswith("b'") or text.startswith('b"'):
        with contextlib.suppress(Exception):
            text = eval_bytes(text)
    return " ".join(text.split())[:200]


def eval_bytes(text: str) -> str:
    """`b'...'` as imaplib words its errors, as plain text."""
    import ast

    value = ast.literal_eval(text)
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def any_of(fields: tuple[str, ...], values: list[str]) -> list[str]:
    """IMAP SEARCH criteria true when any of `fields` contains any of `values`
    (`OR TO a OR CC a TO b ...`): the server narrows, matching stays exact here."""
    keys = [[name, value] for value in values for name in fields]
    if not keys:
        return []
    tokens = keys[-1]
    for key in reversed(keys[:-1]):
        tokens = ["OR", *key, *tokens]
    return tokens


@dataclass(frozen=True)
class Wanted:
    """What matching can use: the addresses sent to, the addresses and domains received
    from. Only messages that mention one of them are fetched; None fetches every one."""

    sent_to: list[str] | None = None
    received_from: list[str] | None = None


def read_imap(
    account: ImapAccount,
    secret: Secret,
    since: datetime,
    *,
    wanted: Wanted = Wanted(),
    timeout: float = 60.0,
) -> list[Message]:
    """The headers of the messages since `since` in the sent folder and the inbox."""
    import logging
    import ssl

    from imapclient import IMAPClient

    # imapclient logs warnings (a server's error worded in UTF-8, say) that Python would
    # print on stderr: what goes wrong reaches the user as one FollowupError instead.
    quiet = logging.getLogger("imapclient")
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())
    check_security(account)
    context = ssl.create_default_context()
    with _imap_errors(account, "connecting"):
        client = IMAPClient(
            account.host,
            port=account.port,
            ssl=account.security == "tls",
            ssl_context=context,
            timeout=timeout,
        )
    try:
        if account.security == "starttls":
            with _imap_errors(account, "starting TLS"):
                client.starttls(context)
        with _imap_errors(account, "logging in"):
            if secret.oauth2:
                client.oauth2_login(account.user, secret.value)
            else:
                client.login(account.user, secret.value)
        with _imap_errors(account, "finding the sent folder"):
            sent = account.sent or _sent_folder(client)
        sent_to = None if wanted.sent_to is None else any_of(("TO", "CC"), wanted.sent_to)
        received = None if wanted.received_from is None else any_of(("FROM",), wanted.received_from)
        messages = _read_folder(client, account, sent, "sent", since, sent_to)
        messages += _read_folder(client, account, account.inbox, "inbox", since, received)
        return messages
    finally:
        with contextlib.suppress(Exception):
            client.logout()
        with contextlib.suppress(Exception):
            client.shutdown()


def _sent_folder(client) -> str:
    """The folder flagged \\Sent (RFC 6154), else `Sent`."""
    found = client.find_special_folder(b"\\Sent")
    return found or "Sent"


def _read_folder(
    client, account: ImapAccount, folder: str, kind: str, since: datetime, narrow: list | None
):
    from imapclient.exceptions import IMAPClientError

    try:
        client.select_folder(folder, readonly=True)  # EXAMINE
    except IMAPClientError as exc:
        which = "mail.imap.sent" if kind == "sent" else "mail.imap.inbox"
        raise FollowupError(
            f"{_where(account)} has no folder {folder!r} ({_short(exc)}): set {which} to the "
            "folder's name",
            advice=("config-set", which, '"Sent Items"' if kind == "sent" else "INBOX"),
        ) from None
    if narrow is not None and not narrow:
        return []  # nobody to look for
    with _imap_errors(account, f"reading {folder!r}"):
        # SINCE compares dates only, in the server's zone: a day earlier, then filter.
        ids = client.search(["SINCE", (since - timedelta(days=1)).date(), *(narrow or [])])
        found: list[Message] = []
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            for data in client.fetch(chunk, [_FETCH]).values():
                raw = data.get(_REPLY_KEY)
                if raw is None:
                    raw = next((v for k, v in data.items() if k.startswith(b"BODY[")), b"")
                msg = parse_headers(raw or b"", kind)
                if msg is not None and msg.date >= since:
                    found.append(msg)
    return found


# ----- Maildir -------------------------------------------------------------------------


def read_maildir(root: Path, sent: str, since: datetime) -> list[Message]:
    """The headers of the messages since `since` in a Maildir (its inbox) and its sent
    folder (a Maildir++ subfolder such as `.Sent`). Files are only read."""
    if not (root / "cur").is_dir() and not (root / "new").is_dir():
        raise FollowupError(
            f"{root} is not a Maildir (it has no cur/ or new/ folder): set mail.maildir to the "
            "folder that mbsync or offlineimap keeps",
            advice=("config-set", "mail.maildir", "~/Mail/work"),
        )
    sent_dir = root / sent
    if not sent_dir.is_dir():
        raise FollowupError(
            f"the Maildir {root} has no sent folder {sent!r}: set mail.maildir_sent to its name",
            advice=("config-set", "mail.maildir_sent", ".Sent"),
        )
    return _maildir_folder(sent_dir, "sent", since) + _maildir_folder(root, "inbox", since)


def _maildir_folder(folder: Path, kind: str, since: datetime) -> list[Message]:
    found: list[Message] = []
    for sub in ("cur", "new"):
        try:
            entries = list(os_scandir(folder / sub))
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise FollowupError(f"could not read {folder / sub}: {exc.strerror}") from None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            with contextlib.suppress(OSError):
                msg = parse_headers(_head(Path(entry.path)), kind)
                if msg is not None and msg.date >= since:
                    found.append(msg)
    return found


def os_scandir(path: Path):
    import os

    with os.scandir(path) as it:
        yield from it


def _head(path: Path, limit: int = 64 * 1024) -> bytes:
    """A message file's header block (up to the first blank line), opened read-only."""
    with open(path, "rb") as f:
        data = f.read(limit)
    for sep in (b"\r\n\r\n", b"\n\n"):
        end = data.find(sep)
        if end >= 0:
            return data[: end + len(sep)]
    return data


#: A function that returns the secret when it is needed (a keyring lookup, a command).
SecretSource = Callable[[], Secret]
