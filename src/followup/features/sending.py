"""Handing a draft to the user's mail program: followup itself never sends mail.

A mail draft (`Subject: ...`, a blank line, the body) becomes an RFC 6068 `mailto:`
URL that the desktop opens in the mail program, or an RFC 5322 message marked
`X-Unsent: 1` (Thunderbird and Outlook open it as a draft). Any draft can go to the
clipboard through the first clipboard tool found. Programs are run with their
arguments as a list, never through a shell; the draft is given on their stdin or as
one argument, so user text is never a command.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from followup.errors import FollowupError

#: Steps whose draft is an email.
MAIL_STEPS = ("email", "checkin", "reply")
VIAS = ("mailto", "eml", "print", "clipboard")
#: The longest mailto: URL handed over: browsers and mail programs cut longer ones.
MAILTO_LIMIT = 2000
#: Clipboard tools, in the order they are tried, with the arguments that read stdin.
CLIPBOARD_TOOLS: tuple[tuple[str, ...], ...] = (
    ("wl-copy",),
    ("xclip", "-selection", "clipboard"),
    ("xsel", "--clipboard", "--input"),
    ("pbcopy",),
)


@dataclass(frozen=True)
class MailDraft:
    """A mail draft split into its subject and body (line breaks as `\n`)."""

    subject: str
    body: str


def split_draft(text: str) -> MailDraft:
    """`Subject: ...`, a blank line, the body (as `followup draft` prints a mail)."""
    first, _, rest = text.partition("\n")
    if not first.startswith("Subject:"):
        return MailDraft("", text)
    return MailDraft(first[len("Subject:") :].strip(), rest.removeprefix("\n"))


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def mailto_url(to: Sequence[str], draft: MailDraft) -> str:
    """An RFC 6068 URL: addresses, then subject and body percent-encoded as UTF-8, with
    every line break as %0D%0A."""
    addresses = ",".join(quote(a, safe="@") for a in to)
    fields = []
    if draft.subject:
        fields.append("subject=" + quote(draft.subject, safe=""))
    fields.append("body=" + quote(_crlf(draft.body), safe=""))
    return f"mailto:{addresses}?{'&'.join(fields)}"


def too_long_url(to: Sequence[str], draft: MailDraft, eml: Path) -> str:
    """The URL for a draft too long for one: the subject, and a body that says where the
    whole draft is (an .eml file to open instead)."""
    note = MailDraft(
        draft.subject,
        f"This draft is too long for a mailto link. The whole draft is in {eml}: "
        "open that file in your mail program, or paste it from there.\n",
    )
    return mailto_url(to, note)


def eml_bytes(
    to: Sequence[str], draft: MailDraft, sender: str | None = None, name: str | None = None
) -> bytes:
    """An RFC 5322 message marked as unsent (`X-Unsent: 1`), CRLF line ends. `name` is
    the sender's name, quoted as it needs (`"Lee, Sam" <sam@example.com>`). An address
    that is not ASCII is written in UTF-8 (RFC 6532): encoded words are not allowed in
    an address."""
    from email.message import EmailMessage
    from email.policy import SMTP, SMTPUTF8

    addresses = [*to, sender or ""]
    msg = EmailMessage(policy=SMTP if all(a.isascii() for a in addresses) else SMTPUTF8)
    msg["X-Unsent"] = "1"
    if sender:
        msg["From"] = _address(sender, name)
    msg["To"] = [_address(a) for a in to]
    msg["Subject"] = draft.subject
    msg.set_content(draft.body)
    return msg.as_bytes()


def _address(address: str, name: str | None = None):
    from email.headerregistry import Address

    user, _, domain = address.rpartition("@")
    if len(user) > 1 and user.startswith('"') and user.endswith('"'):
        user = user[1:-1]  # a quoted local part: Address quotes it again, once
    return Address(display_name=name or "", username=user, domain=domain)


def eml_name(interview: int, step: str, who: str | None) -> str:
    """A file name for a draft: `3-email-jane-doe.eml` (`3-email-jose-nunez.eml` for
    José Núñez: accents dropped, not the letters)."""
    import re

    from followup.core.text import fold

    tail = re.sub(r"[^a-z0-9]+", "-", fold(who or "")).strip("-")
    return f"{interview}-{step}{'-' + tail if tail else ''}.eml"


# ----- handing over --------------------------------------------------------------------


def opener(platform: str) -> str:
    """The program that opens a URL in the desktop's default application."""
    return "open" if platform == "darwin" else "xdg-open"


def open_url(url: str, platform: str, path: str | None = None) -> None:
    """Open `url` with the desktop's opener, or a FollowupError saying what to do."""
    program = opener(platform)
    exe = shutil.which(program, path=path)
    if exe is None:
        raise FollowupError(
            f"{program} was not found, so the draft cannot be opened in your mail program",
            advice=("send-print", ""),
        )
    try:
        done = subprocess.run(
            [exe, url], stdin=subprocess.DEVNULL, capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise FollowupError(
            f"{program} could not be run: {exc}", advice=("send-print", "")
        ) from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise FollowupError(
            f"{program} failed (exit {done.returncode}"
            + (f": {why[-1][:200]}" if why else "")
            + ")",
            advice=("send-print", ""),
        )


def clipboard_tool(path: str | None = None, env: Mapping[str, str] | None = None):
    """The first clipboard tool found on `path`, with its arguments, or None.
    `wl-copy` is taken only in a Wayland session (WAYLAND_DISPLAY in `env`)."""
    for tool in CLIPBOARD_TOOLS:
        if tool[0] == "wl-copy" and env is not None and not env.get("WAYLAND_DISPLAY"):
            continue
        exe = shutil.which(tool[0], path=path)
        if exe is not None:
            return (exe, *tool[1:])
    return None


def copy_text(text: str, path: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """Put `text` on the clipboard; returns the tool's name. None found: an error naming them."""
    tool = clipboard_tool(path, env)
    if tool is None:
        names = ", ".join(t[0] for t in CLIPBOARD_TOOLS)
        raise FollowupError(
            f"no clipboard tool was found (looked for {names}): install one (xclip, say); "
            "the draft command prints the text instead"
        )
    name = Path(tool[0]).name
    try:
        # xclip and xsel stay alive to serve the selection: do not wait for them to exit.
        proc = subprocess.Popen(
            list(tool),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        assert proc.stdin is not None
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
        try:
            code = proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return name  # still serving the clipboard: it has the text
    except OSError as exc:
        raise FollowupError(f"{name} could not be run: {exc}") from None
    assert proc.stderr is not None
    with proc.stderr:
        why = proc.stderr.read().decode("utf-8", "replace").strip().splitlines() if code else []
    if code != 0:
        # its last line, as for the opener: the error stays one line
        raise FollowupError(f"{name} failed (exit {code}){': ' + why[-1][:200] if why else ''}")
    return name
