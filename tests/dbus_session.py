"""A private session D-Bus (a real dbus-daemon) and a notification server on it, for tests.

The server is written here with jeepney, the client that followup uses: it owns the
name org.freedesktop.Notifications, answers GetCapabilities, GetServerInformation
and Notify, and records every Notify call it receives.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

NOTIFICATIONS = "org.freedesktop.Notifications"


#: A session bus with no service folders: nothing on this machine (a real notification
#: daemon, say) can be started by activation, so the tests see only their own server.
CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def dbus_daemon() -> str:
    """The dbus-daemon executable, or skip the test saying how to get it."""
    exe = shutil.which("dbus-daemon")
    if exe is None:
        pytest.skip(
            "dbus-daemon is not installed (Debian package `dbus`; .ci/run installs it): "
            "no real session bus to test notifications against"
        )
    return exe


@contextlib.contextmanager
def private_bus() -> Iterator[str]:
    """Start a session dbus-daemon (its own config, no activation) in a fresh folder; yield
    its address."""
    exe = dbus_daemon()
    # A short folder: a unix socket path must fit in 108 bytes, and tmp_path can be long.
    folder = Path(tempfile.mkdtemp(prefix="fu-bus-"))
    config = folder / "bus.conf"
    config.write_text(CONFIG.format(socket=folder / "bus"))
    proc = subprocess.Popen(
        [exe, f"--config-file={config}", "--nofork", "--nopidfile", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        address = proc.stdout.readline().strip()
        if not address:
            proc.wait(timeout=5)
            pytest.skip(f"dbus-daemon did not start here: {proc.stderr.read().strip()[:300]}")
        yield address
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            stream.close()
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Notify:
    """One Notify call as the server received it."""

    app_name: str
    replaces_id: int
    icon: str
    summary: str
    body: str
    actions: list[str]
    hints: dict
    expire_timeout: int


@dataclass
class NotificationServer:
    """org.freedesktop.Notifications on `address`, recording Notify calls in `calls`.

    `refuse`: how many Notify calls to answer with an error first (a service that fails,
    then works; those calls go to `refused`). `before_reply`: called with each Notify
    accepted, before the answer goes back. `answered`: how many Notify calls were answered.
    """

    address: str
    capabilities: tuple[str, ...] = ("body",)
    calls: list[Notify] = field(default_factory=list)
    refuse: int = 0
    refused: list[Notify] = field(default_factory=list)
    before_reply: Callable[[Notify], None] | None = None
    answered: int = 0
    #: The unique bus name of each Notify call's sender (`connected` asks about them).
    senders: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> NotificationServer:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import unwrap_msg

        self._conn = open_dbus_connection(bus=self.address)
        reply = self._conn.send_and_get_reply(
            message_bus.RequestName(NOTIFICATIONS, 4),  # 4: do not queue
            timeout=5,
        )
        assert unwrap_msg(reply) == (1,), "could not own org.freedesktop.Notifications"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return self

    def _serve(self) -> None:
        from jeepney import HeaderFields, MessageType, new_error, new_method_return

        while not self._stop.is_set():
            try:
                msg = self._conn.receive(timeout=0.05)
            except TimeoutError:
                continue
            except OSError:
                return
            if msg.header.message_type is not MessageType.method_call:
                continue
            member = msg.header.fields.get(HeaderFields.member)
            if msg.header.fields.get(HeaderFields.interface) != NOTIFICATIONS:
                # A strict server: the spec leaves a call without its interface to the
                # server, which may refuse it; followup always names the interface.
                reply = new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod")
            elif member == "Notify" and len(self.refused) < self.refuse:
                with self._lock:
                    self.refused.append(Notify(*msg.body))
                reply = new_error(msg, "org.freedesktop.DBus.Error.Failed", "s", ("busy",))
            elif member == "Notify":
                call = Notify(*msg.body)
                with self._lock:
                    self.calls.append(call)
                    self.senders.append(msg.header.fields.get(HeaderFields.sender))
                    number = len(self.calls)
                if self.before_reply is not None:
                    self.before_reply(call)
                reply = new_method_return(msg, "u", (number,))
            elif member == "GetCapabilities":
                reply = new_method_return(msg, "as", (list(self.capabilities),))
            elif member == "GetServerInformation":
                reply = new_method_return(msg, "ssss", ("test", "followup-tests", "1", "1.2"))
            else:
                reply = new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod")
            self._conn.send(reply)
            if member == "Notify":
                with self._lock:
                    self.answered += 1

    def received(self) -> list[Notify]:
        """The Notify calls so far (each is recorded before it is answered, so a sender
        that has its reply is already in the list)."""
        with self._lock:
            return list(self.calls)

    def connected(self, name: str) -> bool:
        """Whether the bus still has a client called `name` (a sender that hung up: no)."""
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import unwrap_msg

        with open_dbus_connection(bus=self.address) as conn:
            reply = conn.send_and_get_reply(message_bus.NameHasOwner(name), timeout=5)
            return bool(unwrap_msg(reply)[0])

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._conn.close()
