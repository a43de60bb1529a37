"""Sending one notification: over a real private session D-Bus, and through osascript."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
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


# ----- macOS: osascript, with the text as data ---------------------------------------


HOSTILE = Notification(
    "followup: 1 overdue", '#1 Evil" & (do shell script "touch /tmp/pwned") & "\\ Co: card'
)


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
