"""Send one desktop notification: the freedesktop Notifications service over the
session D-Bus (Linux and the BSDs), `osascript` on macOS.

A timer or cron runs `followup remind` with no environment at all, so the session bus
is found as the desktop itself finds it: `DBUS_SESSION_BUS_ADDRESS` when set, else the
per-user socket `/run/user/UID/bus` that systemd-logind and dbus-broker provide.

The D-Bus client is jeepney (pure Python, no compiled parts, no dependencies); it is
imported only when a notification is sent. Nothing here prints: a notification that
cannot be delivered raises `NotDelivered`, whose message says why, and the caller
shows the text some other way.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from followup.errors import FollowupError

APP_NAME = "followup"
BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
#: Seconds to wait for the bus or the notification service (activation included).
TIMEOUT = 5.0
#: Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout).
NOTIFY_SIGNATURE = "susssasa{sv}i"
#: Normal urgency: "critical" would ignore Do Not Disturb and never expire, which is
#: more than a thank-you note deserves.
URGENCY_NORMAL = 1
_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


class NotDelivered(FollowupError):
    """No notification could be shown; the message says why (for one line on stderr)."""


@dataclass(frozen=True)
class Notification:
    """What to show: a one-line title and a body of a few lines, both plain text."""

    title: str
    body: str


def session_bus_address(env: Mapping[str, str], uid: int) -> str:
    """The session bus to use: DBUS_SESSION_BUS_ADDRESS, else the user's standard socket."""
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    return address or f"unix:path=/run/user/{uid}/bus"


def send(
    note: Notification,
    *,
    platform: str,
    bus_address: str | None = None,
    osascript: str = "/usr/bin/osascript",
    timeout: float = TIMEOUT,
) -> str:
    """Show `note` on this `platform` (`sys.platform`); return how it was shown.

    Raises NotDelivered, saying why, when there is no way to show it.
    """
    if platform == "darwin":
        send_osascript(note, osascript, timeout=timeout)
        return "macOS notification"
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly")):
        if not bus_address:
            raise NotDelivered("no session D-Bus address to send the notification to")
        send_dbus(note, bus_address, timeout=timeout)
        return "desktop notification"
    raise NotDelivered(f"desktop notifications are not supported on {platform} yet")


# ----- freedesktop Notifications over D-Bus ------------------------------------


def send_dbus(note: Notification, address: str, *, timeout: float = TIMEOUT) -> int:
    """Call org.freedesktop.Notifications.Notify on the bus at `address`; the id it gave."""
    from jeepney import DBusAddress, DBusErrorResponse, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import unwrap_msg

    where = _describe(address)
    try:
        conn = open_dbus_connection(bus=address, auth_timeout=timeout)
    except FileNotFoundError:
        raise NotDelivered(f"no session D-Bus: {where} does not exist") from None
    except TimeoutError:
        raise NotDelivered(
            f"the session D-Bus at {where} did not answer in {timeout:g} s"
        ) from None
    except (OSError, ValueError, RuntimeError, KeyError) as exc:
        raise NotDelivered(f"could not connect to the session D-Bus at {where}: {exc}") from None
    service = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
    try:
        with conn:
            caps = unwrap_msg(
                conn.send_and_get_reply(
                    new_method_call(service, "GetCapabilities"), timeout=timeout
                )
            )[0]
            # Servers with "body-markup" read the body as a subset of HTML: user text is data.
            body = note.body.translate(_MARKUP) if "body-markup" in caps else note.body
            hints = {"urgency": ("y", URGENCY_NORMAL)}
            call = new_method_call(
                service,
                "Notify",
                NOTIFY_SIGNATURE,
                (APP_NAME, 0, "", note.title, body, [], hints, -1),
            )
            return int(unwrap_msg(conn.send_and_get_reply(call, timeout=timeout))[0])
    except DBusErrorResponse as exc:
        if exc.name in (
            "org.freedesktop.DBus.Error.ServiceUnknown",
            "org.freedesktop.DBus.Error.NameHasNoOwner",
        ):
            raise NotDelivered(
                f"no notification service is running on the session D-Bus at {where}"
            ) from None
        raise NotDelivered(f"the notification service refused the notification: {exc}") from None
    except TimeoutError:
        raise NotDelivered(
            f"the notification service on {where} did not answer in {timeout:g} s"
        ) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise NotDelivered(f"the session D-Bus at {where} failed: {exc}") from None


def _describe(address: str) -> str:
    """`unix:path=/run/user/1000/bus` -> `/run/user/1000/bus`, for messages."""
    if address.startswith("unix:path=") and ";" not in address:
        address = address.removeprefix("unix:path=").split(",", 1)[0]
    if len(address) > 200 or not address.isprintable():  # a paste gone wrong: its start
        from followup.core.text import quoted

        return quoted(address, 200)
    return address


# ----- macOS ----------------------------------------------------------------------

#: The text reaches AppleScript as arguments of its run handler, never as source code,
#: so quotes, backslashes and `" & (do shell script ...)` in a company name are just text.
_APPLESCRIPT = (
    "on run argv",
    "display notification (item 2 of argv) with title (item 1 of argv)",
    "end run",
)


def osascript_command(note: Notification, osascript: str = "/usr/bin/osascript") -> list[str]:
    """The argument list that shows `note` on macOS (no shell is involved)."""
    lines = [arg for line in _APPLESCRIPT for arg in ("-e", line)]
    # The title comes first and never starts with "-", so osascript reads no option from it.
    return [osascript, *lines, note.title, note.body]


def send_osascript(note: Notification, osascript: str, *, timeout: float = TIMEOUT) -> None:
    """Show `note` with osascript's `display notification`."""
    try:
        done = subprocess.run(
            osascript_command(note, osascript),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise NotDelivered(f"{osascript} is not there to show notifications") from None
    except subprocess.TimeoutExpired:
        raise NotDelivered(f"osascript did not finish in {timeout:g} s") from None
    except OSError as exc:
        raise NotDelivered(f"could not run {osascript}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        said = " ".join(done.stderr.split())[:200] or f"exit {done.returncode}"
        raise NotDelivered(f"osascript could not show the notification: {said}")
