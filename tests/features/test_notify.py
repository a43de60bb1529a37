"""features.notify: tested directly, and through the commands that use it."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dbus_session import NotificationServer, private_bus
from followup.features.notify import (
    APP_NAME,
    NotDelivered,
    Notification,
    osascript_command,
    send,
    send_dbus,
    session_bus_address,
)

# ----------------------------------------------------------------------------
# Sending one notification: over a real private session D-Bus, and through osascript.


NOTE = Notification("followup: 1 overdue", "#1 Acme Corp: email to Jane Doe, overdue 2h")


@pytest.fixture
def bus():
    with private_bus() as address:
        yield address


@pytest.fixture
def server(bus):
    srv = NotificationServer(bus).start()
    yield srv
    srv.stop()


def test_notify_reaches_the_notification_server(server):
    how = send(NOTE, platform="linux", bus_address=server.address)
    [call] = server.received()
    assert how == "desktop notification"
    assert (call.app_name, call.summary, call.body) == (APP_NAME, NOTE.title, NOTE.body)
    assert call.replaces_id == 0
    assert call.actions == []
    assert call.hints == {"urgency": ("y", 1)}
    assert call.expire_timeout == -1


def test_body_markup_is_escaped_only_for_servers_that_read_markup(bus):
    note = Notification("followup: 1 due soon", "#2 <b>Tom & Jerry</b> Ltd: card")
    plain = NotificationServer(bus, capabilities=("body",)).start()
    try:
        send_dbus(note, bus)
    finally:
        plain.stop()
    markup = NotificationServer(bus, capabilities=("body", "body-markup")).start()
    try:
        send_dbus(note, bus)
    finally:
        markup.stop()
    assert plain.received()[0].body == "#2 <b>Tom & Jerry</b> Ltd: card"
    assert markup.received()[0].body == "#2 &lt;b&gt;Tom &amp; Jerry&lt;/b&gt; Ltd: card"


def test_a_bus_with_no_notification_service_is_a_clear_reason(bus):
    with pytest.raises(NotDelivered, match="no notification service is running"):
        send(NOTE, platform="linux", bus_address=bus)


def test_no_bus_at_all_names_the_socket_it_looked_for(tmp_path):
    missing = tmp_path / "run" / "bus"
    with pytest.raises(NotDelivered, match=f"no session D-Bus: {missing} does not exist"):
        send(NOTE, platform="linux", bus_address=f"unix:path={missing}")


def test_an_address_jeepney_cannot_use_is_a_reason_not_a_crash():
    with pytest.raises(NotDelivered, match="could not connect to the session D-Bus"):
        send(NOTE, platform="linux", bus_address="tcp:host=localhost,port=1")
    with pytest.raises(NotDelivered, match="could not connect"):
        send(NOTE, platform="linux", bus_address="garbage")


def test_the_bus_is_found_without_any_environment_as_cron_runs_it():
    assert session_bus_address({}, 1000) == "unix:path=/run/user/1000/bus"
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": " "}, 7) == "unix:path=/run/user/7/bus"
    given = "unix:path=/tmp/x,guid=0123"
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": given}, 1000) == given


def test_other_systems_say_why_nothing_was_shown():
    with pytest.raises(NotDelivered, match="not supported on win32"):
        send(NOTE, platform="win32")


HOSTILE = Notification(
    "followup: 1 overdue", '#1 Evil" & (do shell script "touch /tmp/pwned") & "\\ Co: card'
)


# ----- macOS: osascript, with the text as data ---------------------------------------


def test_osascript_gets_the_text_as_arguments_never_as_script():
    cmd = osascript_command(HOSTILE, "/usr/bin/osascript")
    assert cmd[0] == "/usr/bin/osascript"
    assert cmd[-2:] == [HOSTILE.title, HOSTILE.body]  # verbatim, unquoted, separate
    script = " ".join(cmd[1:-2])
    assert "shell" not in script and "Evil" not in script
    assert cmd[1:-2:2] == ["-e", "-e", "-e"]


@pytest.fixture
def fake_osascript(tmp_path: Path) -> tuple[Path, Path]:
    """An osascript stand-in that records its arguments, one per line (NUL-separated)."""
    log = tmp_path / "argv"
    exe = tmp_path / "osascript"
    exe.write_text(
        f"#!{sys.executable}\nimport sys\nopen({str(log)!r}, 'w').write('\\0'.join(sys.argv[1:]))\n"
    )
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe, log


def test_macos_runs_osascript_with_the_text_intact(fake_osascript):
    exe, log = fake_osascript
    assert send(HOSTILE, platform="darwin", osascript=str(exe)) == "macOS notification"
    argv = log.read_text().split("\0")
    assert argv[-2:] == [HOSTILE.title, HOSTILE.body]
    assert not Path("/tmp/pwned").exists()


def test_macos_failures_are_reasons(tmp_path):
    with pytest.raises(NotDelivered, match="is not there"):
        send(NOTE, platform="darwin", osascript=str(tmp_path / "none"))
    failing = tmp_path / "osascript"
    failing.write_text("#!/bin/sh\necho 'execution error: not allowed' >&2\nexit 1\n")
    failing.chmod(0o755)
    with pytest.raises(NotDelivered, match="execution error: not allowed"):
        send(NOTE, platform="darwin", osascript=str(failing))


@pytest.mark.skipif(sys.platform != "darwin", reason="osascript exists only on macOS")
def test_real_osascript_parses_the_script():  # pragma: no cover - macOS only
    script = [a for a in osascript_command(NOTE)[1:-2]]
    done = subprocess.run(["/usr/bin/osacompile", "-o", os.devnull, *script], check=False)
    assert done.returncode == 0


# ----------------------------------------------------------------------------
# The rules of desktop notifications a user relies on: every reason a notification could
# not be shown is said in full (it is the one line cron mails), with the bus named as a
# person would find it; the Notify call carries exactly what the spec asks; the platforms
# that take the D-Bus way; and osascript on macOS.
#
# The ways a bus can fail that a real dbus-daemon will not show on demand (it never
# answers, or the service hangs up or answers with an error) are played by a small bus
# written here with jeepney's own message parser: just enough of D-Bus (the EXTERNAL
# handshake, Hello) to reach the notification service's part.


NOTE_notify = Notification("followup: 1 overdue", "Phone ready, #1 Acme Corp: 16 h overdue")


def reason(**send_args) -> str:
    with pytest.raises(NotDelivered) as caught:
        send(NOTE_notify, **send_args)
    return str(caught.value)


# ----- which way, on which system -------------------------------------------------------


@pytest.mark.parametrize("platform", ["linux", "freebsd14", "openbsd7", "netbsd10", "dragonfly6"])
def test_linux_and_the_bsds_need_a_session_bus(platform):
    assert reason(platform=platform, bus_address="") == (
        "no session D-Bus address to send the notification to"
    )
    assert reason(platform=platform) == "no session D-Bus address to send the notification to"


@pytest.mark.parametrize("platform", ["freebsd14", "openbsd7", "netbsd10", "dragonfly6"])
def test_the_bsds_send_over_the_bus_as_linux_does(platform):
    with private_bus() as address:
        server = NotificationServer(address).start()
        try:
            how = send(NOTE_notify, platform=platform, bus_address=address)
        finally:
            server.stop()
    assert how == "desktop notification"
    assert [(c.summary, c.body) for c in server.received()] == [
        (NOTE_notify.title, NOTE_notify.body)
    ]


def test_other_systems_are_named_in_the_reason():
    assert reason(platform="win32") == "desktop notifications are not supported on win32 yet"
    assert reason(platform="Darwin", bus_address="x") == (
        "desktop notifications are not supported on Darwin yet"
    )


def test_the_bus_is_the_environments_else_the_users_standard_socket():
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": " unix:path=/b "}, 5) == "unix:path=/b"
    assert session_bus_address({"dbus_session_bus_address": "unix:path=/b"}, 5) == (
        "unix:path=/run/user/5/bus"
    )


# ----- the Notify call ---------------------------------------------------------------


def test_notify_sends_no_icon_and_returns_the_servers_id():
    with private_bus() as address:
        server = NotificationServer(address).start()
        try:
            first = send_dbus(NOTE_notify, address)
            second = send_dbus(Notification("t", "b"), address)
        finally:
            server.stop()
    assert (first, second) == (1, 2)
    call = server.received()[0]
    assert (call.app_name, call.replaces_id, call.icon) == ("followup", 0, "")
    assert (call.actions, call.hints, call.expire_timeout) == ([], {"urgency": ("y", 1)}, -1)


# ----- every reason in full ---------------------------------------------------------------


def test_a_missing_socket_is_named_as_a_path(tmp_path):
    missing = tmp_path / "bus"
    assert reason(platform="linux", bus_address=f"unix:path={missing},guid=0a1b,x=y") == (
        f"no session D-Bus: {missing} does not exist"
    )


def test_a_list_of_addresses_is_named_whole(tmp_path):
    address = f"unix:path={tmp_path / 'a'};unix:path={tmp_path / 'b'}"
    assert reason(platform="linux", bus_address=address) == (
        f"no session D-Bus: {address} does not exist"
    )


def test_an_address_of_another_kind_is_named_whole():
    said = reason(platform="linux", bus_address="tcp:host=localhost,port=1")
    # What follows the address is jeepney's own words (that tcp is not supported).
    assert said.startswith("could not connect to the session D-Bus at tcp:host=localhost,port=1: ")
    assert "tcp" in said.split(": ", 1)[1]


@contextlib.contextmanager
def fake_bus(service: str) -> Iterator[str]:
    """A unix socket that plays a session bus; `service` says how the notification
    service behaves: "deaf" (the bus itself never answers), "mute" (never answers),
    "mute on Notify" (says what it can, then never answers the notification),
    "hang up" (closes the connection), or the name of the D-Bus error it answers; "slow "
    before any of them: the bus answers the login only after 1.5 s."""
    from jeepney import HeaderFields, MessageType, new_error, new_method_return
    from jeepney.low_level import Parser

    folder = Path(tempfile.mkdtemp(prefix="fu-fake-"))
    path = folder / "bus"
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.listen(1)
    stop = threading.Event()

    slow = service.startswith("slow ")
    service = service.removeprefix("slow ")

    def serve() -> None:
        if service == "deaf":
            stop.wait(5)  # connected (the backlog), never answered; then gone
            listener.close()
            return
        conn, _ = listener.accept()
        with conn:
            data = b""
            while b"BEGIN\r\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
                if b"AUTH" in chunk:
                    if slow:
                        time.sleep(1.5)
                    conn.sendall(b"OK 0123456789abcdef0123456789abcdef\r\n")
            parser, serial = Parser(), 0
            parser.add_data(data.split(b"BEGIN\r\n", 1)[1])
            while not stop.is_set():
                msg = parser.get_next_message()
                if msg is None:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    parser.add_data(chunk)
                    continue
                if msg.header.message_type is not MessageType.method_call:
                    continue
                serial += 1
                member = msg.header.fields.get(HeaderFields.member)
                if member == "Hello":
                    conn.sendall(new_method_return(msg, "s", (":1.1",)).serialise(serial))
                elif service == "mute on Notify" and member == "GetCapabilities":
                    conn.sendall(new_method_return(msg, "as", (["body"],)).serialise(serial))
                elif service == "hang up":
                    return
                elif service.startswith("mute"):
                    stop.wait(5)
                    return
                else:
                    conn.sendall(new_error(msg, service, "s", ("no, thanks",)).serialise(serial))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"unix:path={path}"
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=5)
        path.unlink(missing_ok=True)
        folder.rmdir()


def test_a_bus_that_never_answers_is_given_up_on_after_the_timeout():
    with fake_bus("deaf") as address:
        where = address.removeprefix("unix:path=")
        assert reason(platform="linux", bus_address=address, timeout=0.2) == (
            f"the session D-Bus at {where} did not answer in 0.2 s"
        )


def test_a_service_that_never_answers_is_given_up_on_after_the_timeout():
    with fake_bus("mute") as address:
        where = address.removeprefix("unix:path=")
        assert reason(platform="linux", bus_address=address, timeout=0.25) == (
            f"the notification service on {where} did not answer in 0.25 s"
        )


def test_a_service_that_never_answers_the_notification_is_given_up_on_too():
    with fake_bus("mute on Notify") as address:
        where = address.removeprefix("unix:path=")
        assert reason(platform="linux", bus_address=address, timeout=0.25) == (
            f"the notification service on {where} did not answer in 0.25 s"
        )


def test_a_bus_that_hangs_up_is_a_reason():
    with fake_bus("hang up") as address:
        where = address.removeprefix("unix:path=")
        said = reason(platform="linux", bus_address=address)
    assert said.startswith(f"the session D-Bus at {where} failed: ")
    assert len(said) > len(f"the session D-Bus at {where} failed: ")


@pytest.mark.parametrize(
    "error",
    ["org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner"],
)
def test_no_owner_of_the_service_name_means_no_service_running(error):
    with fake_bus(error) as address:
        where = address.removeprefix("unix:path=")
        assert reason(platform="linux", bus_address=address) == (
            f"no notification service is running on the session D-Bus at {where}"
        )


def test_any_other_error_of_the_service_is_quoted():
    with fake_bus("org.example.Error.Refused") as address:
        said = reason(platform="linux", bus_address=address)
    assert said == (
        "the notification service refused the notification: "
        "[org.example.Error.Refused] ('no, thanks',)"
    )


# ----- macOS ------------------------------------------------------------------------------


def test_macos_uses_the_systems_osascript():
    assert osascript_command(NOTE_notify)[0] == "/usr/bin/osascript"
    if Path("/usr/bin/osascript").exists():
        pytest.skip("this machine has /usr/bin/osascript: a test must not show a notification")
    assert reason(platform="darwin") == "/usr/bin/osascript is not there to show notifications"


def osascript(tmp_path: Path, script: str, mode: int = 0o755) -> str:
    exe = tmp_path / "osascript"
    exe.write_text(f"#!/bin/sh\n{script}\n")
    exe.chmod(mode)
    return str(exe)


def test_an_osascript_that_hangs_is_given_up_on(tmp_path):
    exe = osascript(tmp_path, "exec sleep 30")
    assert reason(platform="darwin", osascript=exe, timeout=0.3) == (
        "osascript did not finish in 0.3 s"
    )


def test_an_osascript_that_cannot_run_is_named(tmp_path):
    exe = osascript(tmp_path, "exit 0", mode=0o644)
    if os.access(exe, os.X_OK):  # pragma: no cover - a file system that ignores modes
        pytest.skip("this file system runs files without an execute bit")
    assert reason(platform="darwin", osascript=exe) == f"could not run {exe}: Permission denied"
    assert not stat.S_IMODE(Path(exe).stat().st_mode) & 0o111


def test_what_osascript_said_is_quoted_on_one_line_up_to_200_characters(tmp_path):
    words = " ".join(["denied"] * 60)  # 419 characters
    exe = osascript(tmp_path, f"printf '  {words}\\n\\n' >&2; exit 1")
    assert reason(platform="darwin", osascript=exe) == (
        f"osascript could not show the notification: {words[:200]}"
    )
    silent = osascript(tmp_path, "exit 3")
    assert reason(platform="darwin", osascript=silent) == (
        "osascript could not show the notification: exit 3"
    )


@pytest.mark.skipif(sys.platform == "darwin", reason="needs a stand-in osascript")
def test_a_shown_macos_notification_says_so(tmp_path):
    exe = osascript(tmp_path, "exit 0")
    assert send(NOTE_notify, platform="darwin", osascript=exe) == "macOS notification"


def test_a_bus_slow_to_let_us_in_is_waited_for_as_long_as_the_timeout_says():
    """The time limit holds for the login too: a bus that answers it after 1.5 s is
    waited for under a 4 s limit (jeepney's own default gives up after 1 s)."""
    with fake_bus("slow org.freedesktop.DBus.Error.ServiceUnknown") as address:
        where = address.removeprefix("unix:path=")
        assert reason(platform="linux", bus_address=address, timeout=4) == (
            f"no notification service is running on the session D-Bus at {where}"
        )


@pytest.mark.parametrize("length", [199, 200, 201])
def test_a_bus_address_is_named_whole_up_to_200_characters_then_cut(tmp_path, length):
    path = str(tmp_path / "b")
    path += "x" * (length - len(path))
    said = reason(platform="linux", bus_address=f"unix:path={path}")
    where = path if length <= 200 else repr(path[:199] + "\u2026")
    # a socket's path is at most 108 bytes: the connection says so, naming the path
    assert said == f"could not connect to the session D-Bus at {where}: AF_UNIX path too long"
