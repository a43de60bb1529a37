"""Reading the mailbox to learn what was sent and who replied: `followup mail`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli.commands import command
from followup.cli.environment import env, is_terminal
from followup.cli.options import JsonOpt
from followup.cli.result import Result
from followup.cli.settings import rules
from followup.core.text import clean
from followup.errors import FollowupError

if TYPE_CHECKING:
    from followup.features.config import Settings
    from followup.features.mail_match import Proposal
    from followup.features.mailbox import Message, Secret

#: The keyring service under which `mail --login` keeps the IMAP password.
KEYRING_SERVICE = "followup"
PASSWORD_VARIABLE = "FOLLOWUP_IMAP_PASSWORD"


@command()
def mail(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="WHEN",
            help="Read mail from then on (default: the oldest interview that is open or has "
            "a step pending).",
            show_default=False,
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Apply every proposal.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List the proposals; change nothing.")
    ] = False,
    login: Annotated[
        bool,
        typer.Option(
            "--login",
            help="Keep the IMAP password in the system keyring (asked for, or read from stdin).",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> Result:
    """Sources (followup config): mail.imap.host and mail.imap.user (the password from
    FOLLOWUP_IMAP_PASSWORD or the keyring, or an OAuth2 token from
    mail.imap.token_command), or mail.maildir. In a terminal it asks per proposal;
    --yes applies them all; --dry-run, or no terminal without --yes, only lists them.

    Example: followup mail --dry-run

    Example: followup mail --since 2026-11-01 --yes
    """
    from followup.features.config_file import read_settings
    from followup.storage.locations import config_dir

    settings = read_settings(config_dir())
    if login:
        return _login(settings)
    from followup.features import mail_loop, mail_match

    e = env()
    doc = e.store.read_open()
    interviews = [*doc.interviews, *e.store.read_closed(doc)]  # awaiting ones too
    if since is not None:
        from followup.core.when import parse_interview_time

        start = parse_interview_time(since, e.now)
        if start > e.now:
            raise FollowupError(
                f"--since {since[:60]!r} is {start.astimezone():%Y-%m-%d %H:%M}, a time to come: "
                'no mail is dated then yet; give a day past (e.g. --since "2 weeks ago")'
            )
    else:
        start = mail_match.default_since(interviews)
    if start is None:
        return Result({"proposals": [], "applied": []}).say(
            "Nothing to match mail against: no interview is open or has a step pending."
        )
    messages = _read(settings, start, mail_match.wanted(interviews))
    memory = mail_loop.read_memory(e.store)
    proposals = mail_match.propose(interviews, messages, skip=memory.skip())
    by_id = {iv.id: iv for iv in interviews}
    result = Result(lambda: {"proposals": [p.to_json() for p in proposals], "applied": applied})
    applied: list[dict] = []
    result.say(
        f"Read {len(messages)} message(s) since {start.astimezone().strftime('%Y-%m-%d %H:%M')}: "
        f"{len(proposals)} proposal(s)."
    )
    if not proposals:
        return result
    asking = not yes and not dry_run and is_terminal()
    listing = dry_run or (not yes and not asking)
    if listing:
        for p in proposals:
            result.show(_line(p, by_id))
        if not dry_run:
            result.hint("No terminal to ask in: nothing was changed. `followup mail --yes` "
                        "applies them all.")  # fmt: skip
        return result
    accepted: list[Proposal] = []
    declined: list[str] = []
    for p in proposals:
        if asking:
            sys.stderr.write(_line(p, by_id) + "\n")
            if not typer.confirm("Apply?", default=True, err=True):
                declined.append(p.message.message_id)
                continue
        accepted.append(p)
    done: list[Proposal] = []
    if accepted:
        with e.store.change(e.now) as change:
            done = mail_loop.apply(change, accepted, e.now, rules=rules())
    mail_loop.remember(e.store, declined=declined)
    applied[:] = [p.to_json() for p in done]
    for p in done:
        result.show("applied: " + _line(p, by_id))
    if declined:
        result.say(f"Declined {len(declined)}: they will not be proposed again.")
    return result


def _line(p: Proposal, by_id: dict) -> str:
    """`#1 Acme Corp: tick email (Jane Doe): sent 2026-11-25 18:00 "Thanks" to jane@acme.com`."""
    iv = by_id.get(p.interview)
    company = clean(iv.company) if iv is not None else ""
    m = p.message
    when = m.date.astimezone().strftime("%Y-%m-%d %H:%M")
    if p.action == "done":
        what = f"tick {p.step}" + (f" ({clean(p.who)})" if p.who else "")
        how = f"sent {when} {clean(repr(m.subject))} to {clean(', '.join(m.to))}"
    else:
        what = "record a reply"
        how = f"received {when} {clean(repr(m.subject))} from {clean(m.sender)}"
    return f"#{p.interview} {company}: {what}: {how}"


# ----- the mailbox ---------------------------------------------------------------------


def _read(settings: Settings, since, wanted: tuple[list[str], list[str]]) -> list[Message]:
    from followup.features import mailbox

    maildir = settings.get("mail.maildir")
    if maildir:
        root = Path(os.path.expanduser(str(maildir)))
        return mailbox.read_maildir(root, str(settings.get("mail.maildir_sent")), since)
    host, user = settings.get("mail.imap.host"), settings.get("mail.imap.user")
    if not host or not user:
        missing = "mail.imap.host" if not host else "mail.imap.user"
        raise FollowupError(
            f"no mailbox to read: {missing} is not set: set `followup config mail.imap.host "
            "imap.example.com` and `followup config mail.imap.user you@example.com`, or "
            "`followup config mail.maildir PATH`"
        )
    account = mailbox.ImapAccount(
        host=str(host),
        user=str(user),
        port=int(settings.get("mail.imap.port")),
        security=str(settings.get("mail.imap.security")),
        sent=settings.get("mail.imap.sent"),
        inbox=str(settings.get("mail.imap.inbox")),
    )
    mailbox.check_security(account)
    narrow = mailbox.Wanted(sent_to=wanted[0], received_from=wanted[1])
    return mailbox.read_imap(account, _secret(settings, account.user), since, wanted=narrow)


def _secret(settings: Settings, user: str) -> Secret:
    """The OAuth2 token that mail.imap.token_command prints, else FOLLOWUP_IMAP_PASSWORD,
    else the password kept in the keyring."""
    from followup.features.mailbox import Secret

    command_line = settings.get("mail.imap.token_command")
    if command_line:
        return Secret(_run_token_command(str(command_line)), oauth2=True)
    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        return Secret(password)
    stored = _keyring_call(
        "read the password from", lambda k: k.get_password(KEYRING_SERVICE, user)
    )
    if stored:
        return Secret(stored)
    raise FollowupError(
        f"no IMAP password for {user!r}: set {PASSWORD_VARIABLE}, run `followup mail --login` "
        "to keep it in the system keyring, or set mail.imap.token_command"
    )


def _run_token_command(command_line: str) -> str:
    """Run the token command (its words split as a shell would, but no shell runs it)."""
    import shlex
    import subprocess

    try:
        argv = shlex.split(command_line)
    except ValueError as exc:
        raise FollowupError(f"mail.imap.token_command cannot be read: {exc}") from None
    if not argv:
        raise FollowupError("mail.imap.token_command is empty")
    try:
        done = subprocess.run(
            argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=60, check=False
        )
    except FileNotFoundError:
        raise FollowupError(
            f"mail.imap.token_command: {argv[0]!r} was not found: check the command"
        ) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise FollowupError(f"mail.imap.token_command could not be run: {exc}") from None
    token = done.stdout.decode("utf-8", "replace").strip()
    if done.returncode != 0 or not token:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise FollowupError(
            f"mail.imap.token_command gave no token (exit {done.returncode}"
            + (f": {why[-1][:200]}" if why else "")
            + "): run it by hand to see why"
        )
    return token.splitlines()[0].strip()


def _keyring_call(doing: str, call):
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover (a dependency)
        raise FollowupError("the keyring package is missing: reinstall followup") from None
    try:
        return call(keyring)
    except KeyringError as exc:
        raise FollowupError(
            f"could not {doing} the system keyring ({exc}): set {PASSWORD_VARIABLE} instead"
        ) from None


def _plain_file_backend(keyring) -> str | None:
    """The name of the keyring backend when it writes passwords in a plain file (as
    keyrings.alt's PlaintextKeyring does, chosen when no system keyring runs) and the
    user did not choose it (PYTHON_KEYRING_BACKEND); else None."""
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if "plaintext" in name.lower() and not os.environ.get("PYTHON_KEYRING_BACKEND"):
        return name
    return None


def _login(settings: Settings) -> Result:
    user = settings.get("mail.imap.user")
    if not user:
        raise FollowupError(
            "mail --login needs mail.imap.user first",
            advice=("config-set", "mail.imap.user", "sam@example.com"),
        )
    plain = _keyring_call("reach", _plain_file_backend)
    if plain:
        raise FollowupError(
            f"the only keyring found ({plain}) keeps passwords in a plain file: nothing was "
            f"stored; set {PASSWORD_VARIABLE} instead, or start a system keyring (GNOME "
            "Keyring, KWallet, the macOS Keychain)"
        )
    if is_terminal():
        password = typer.prompt(f"IMAP password for {user}", hide_input=True, err=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise FollowupError("no password given: nothing was stored")
    _keyring_call(
        "store the password in", lambda k: k.set_password(KEYRING_SERVICE, str(user), password)
    )
    return Result().say(
        f"The password for {clean(str(user))} is in the system keyring (service "
        f"{KEYRING_SERVICE!r}); followup keeps no copy."
    )
