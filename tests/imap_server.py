"""A real IMAP server (Dovecot) on a free loopback port, for the mail tests.

Started from its own configuration in a fresh folder: a passwd-file user, a Maildir,
a `Sent` folder with the `\\Sent` special-use flag, plain IMAP on one port and IMAP
over TLS (a self-signed certificate for 127.0.0.1) on another. Messages are put in
with the standard library's imaplib (APPEND), as a mail program would.

Without Dovecot the tests skip, saying how to get it; when .ci/run installed it
(FOLLOWUP_TEST_DOVECOT=1), a server that does not start fails the test instead.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

USER = "sam@example.com"
PASSWORD = "correct horse"

CONFIG = """\
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
info_log_path = {folder}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = yes
ssl_cert = <{folder}/cert.pem
ssl_key = <{folder}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
# A refused login answers at once (Dovecot waits 2 s by default, and its shutdown waits
# for that): the tests of a wrong password need no delay to mean anything.
auth_failure_delay = 0
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
mail_location = maildir:{folder}/mail/%u
mail_fsync = never
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = 0
first_valid_gid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={folder}/mail/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


def dovecot() -> str:
    exe = shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None
    )
    if exe is None:
        if os.environ.get("FOLLOWUP_TEST_DOVECOT"):
            pytest.fail("FOLLOWUP_TEST_DOVECOT is set but dovecot is not installed")
        pytest.skip(
            "dovecot is not installed (Debian package `dovecot-imapd`; .ci/run installs it): "
            "no real IMAP server to test `followup mail` against"
        )
    return exe


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    host: str
    port: int
    tls_port: int
    folder: Path
    cert: Path
    user: str = USER
    password: str = PASSWORD

    def connect(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4(self.host, self.port)
        conn.login(self.user, self.password)
        return conn

    def append(self, folder: str, msg: EmailMessage, flags: str = "") -> None:
        conn = self.connect()
        try:
            typ, data = conn.append(folder, flags, None, msg.as_bytes())
            assert typ == "OK", data
        finally:
            conn.logout()

    def state(self) -> dict[str, list[tuple[bytes, bytes]]]:
        """Per folder, each message's UID and flags, and the folder's counts: to prove that
        reading changed nothing."""
        conn = self.connect()
        try:
            found = {}
            for folder in ("INBOX", "Sent"):
                _, status = conn.status(folder, "(MESSAGES UNSEEN RECENT)")
                conn.select(folder, readonly=True)
                _, data = conn.fetch("1:*", "(UID FLAGS)")
                found[folder] = [status[0], *[d for d in data if d]]
            return found
        finally:
            conn.logout()

    def files(self) -> dict[str, bytes]:
        root = self.folder / "mail"
        return {
            str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file() and "dovecot" not in p.name
        }


def message(
    sender: str,
    to: list[str],
    subject: str,
    date: datetime,
    msgid: str,
    cc: list[str] | None = None,
    body: str = "Hello.\n",
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = msgid
    msg.set_content(body)
    return msg


def _certificate(folder: Path) -> None:
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        check=True, capture_output=True,
    )  # fmt: skip


@contextlib.contextmanager
def dovecot_server() -> Iterator[Server]:
    exe = dovecot()
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no certificate for the IMAP server")
    # Not under pytest's tmp_path: the mail user (nobody, when root runs the tests) must
    # be able to reach its Maildir, and pytest's folders are private to us.
    folder = Path(tempfile.mkdtemp(prefix="fu-imap-"))
    folder.chmod(0o755)
    root = os.getuid() == 0
    if root:
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid
        internal, internal_group = "dovecot", "dovecot"
        login = "dovenull"
    else:
        uid, gid = os.getuid(), os.getgid()
        me = pwd.getpwuid(uid).pw_name
        internal, internal_group, login = me, me, me
    for sub in ("run", "state", "mail"):
        (folder / sub).mkdir()
    if root:
        os.chown(folder / "mail", uid, gid)
    _certificate(folder)
    (folder / "key.pem").chmod(0o600)
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    port, tls_port = free_port(), free_port()
    if not root:
        import grp

        internal_group = grp.getgrgid(gid).gr_name
    config = folder / "dovecot.conf"
    config.write_text(
        CONFIG.format(
            folder=folder, port=port, tls_port=tls_port, uid=uid, gid=gid,
            internal=internal, internal_group=internal_group, login=login,
        )
    )  # fmt: skip
    proc = subprocess.Popen(
        [exe, "-F", "-c", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own group, with every process it starts
    )
    try:
        server = Server("127.0.0.1", port, tls_port, folder, folder / "cert.pem")
        deadline = time.monotonic() + 10
        while True:
            try:
                server.connect().logout()
                break
            except (OSError, imaplib.IMAP4.error) as exc:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log = (folder / "dovecot.log").read_text(errors="replace")[-600:]
                    out = proc.stdout.read().decode(errors="replace")[-600:] if proc.poll() else ""
                    why = f"dovecot did not start here ({exc}): {out} {log}".strip()
                    if os.environ.get("FOLLOWUP_TEST_DOVECOT"):
                        pytest.fail(why)
                    pytest.skip(why)
                time.sleep(0.1)
        yield server
    finally:
        # The whole group at once: a server of the tests' own keeps nothing worth a clean
        # stop, and Dovecot's takes 1 to 4 s (it waits for its children one by one).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        shutil.rmtree(folder, ignore_errors=True)
