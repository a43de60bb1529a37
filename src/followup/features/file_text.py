"""An imported file's bytes as text, and which format it holds.

Text is UTF-8, with or without the byte-order mark that Excel writes, or UTF-16/32
with a byte-order mark (what Windows PowerShell's `>` writes); UTF-16 without one is
recognised and refused with how to save the file. The format is `json` or `csv`, from
the file's name, else from its first character.
"""

from __future__ import annotations

from followup.errors import FollowupError

#: Byte-order marks of the encodings read besides UTF-8 (Windows PowerShell's `>` writes
#: UTF-16 with one; Excel's "Unicode Text" too), longest first.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def looks_utf16(data: bytes) -> bool:
    """Whether `data` looks like UTF-16 text with no byte-order mark: in mostly-ASCII
    text, every other byte (the odd ones, or the even ones) is zero."""
    head = data[:200]
    return len(head) >= 8 and any(
        head[start::2].count(0) >= 0.8 * len(head[start::2]) for start in (0, 1)
    )


def decode(data: bytes, source: str, kind: str = "csv") -> str:
    """The text of a `kind` ("json" or "csv") file: UTF-8, with or without the byte-order
    mark that Excel writes, or UTF-16/32 with a byte-order mark."""
    how = "save it as UTF-8" + (" (in Excel: 'CSV UTF-8')" if kind == "csv" else "")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise FollowupError(
                    f"{source} starts as {encoding.upper()} but is not: {how}"
                ) from None
    if looks_utf16(data):
        raise FollowupError(
            f"{source} looks like UTF-16 without a byte-order mark, not UTF-8: {how}"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FollowupError(
            f"{source}: line {line} is not UTF-8 (byte 0x{data[exc.start]:02x}): {how}"
        ) from None


def guess_format(name: str, data: bytes) -> str:
    """'json' or 'csv': from the file's ending, else from its first character."""
    low = name.lower()
    for ending in ("json", "csv"):
        if low.endswith("." + ending):
            return ending
    if low.endswith((".ics", ".ical", ".ifb", ".icalendar")):
        raise FollowupError(
            f"{name} is a calendar file: followup exports calendars but imports only json and csv",
            advice=("import-formats",),
        )
    head = data.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:1]
    return "json" if head in (b"{", b"[") else "csv"
