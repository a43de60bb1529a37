"""The settings file, `config.toml`: read, checked whole, and written under a lock.

Read with the standard library's `tomllib`, only when the file exists; written with
`tomli_w`, imported only when writing, atomically through `storage.files` while the
settings folder's lock is held, so that two `followup config` commands at once both
land. A hand-edited file is checked key by key like `followup config KEY VALUE`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followup.errors import FollowupError
from followup.features.config import (
    BY_KEY,
    CONFIG_FILE,
    KEYS,
    Setting,
    Settings,
    check_value,
    setting,
)


def _flatten(doc: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in doc.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = value
    return flat


def _line_of(text: str, key: str) -> str:
    """' (line N)' where `key`'s last part is assigned in `text`, when it can be found."""
    leaf = re.escape(key.rsplit(".", 1)[-1])
    pattern = re.compile(rf"^\s*(?:[\w\-\"'.]+\.)?[\"']?{leaf}[\"']?\s*=", re.MULTILINE)
    match = pattern.search(text)
    return f" (line {text.count(chr(10), 0, match.start()) + 1})" if match else ""


@dataclass(frozen=True)
class _Problem:
    """A line of `config.toml` that cannot be used: its key, where it is, what is wrong."""

    key: str
    line: str  # " (line N)", or "" when it cannot be found
    what: str
    known: bool


def _check_file(data: bytes, path: Path) -> tuple[dict[str, Any], list[_Problem]]:
    """The good values of a `config.toml`, and the lines that are not.

    Text that is not UTF-8 or not TOML raises at once: only a person can fix that.
    """
    import tomllib

    try:
        text = data.decode("utf-8")
        doc = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise FollowupError(
            f"{path} is not UTF-8 text (byte {exc.start}): save it as UTF-8; it was left as it is"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise FollowupError(
            f"{path} is not valid TOML: {exc}; fix that line by hand (the file was left as it is)"
        ) from None
    values: dict[str, Any] = {}
    problems: list[_Problem] = []
    for key, value in _flatten(doc).items():
        line = _line_of(text, key)
        if key not in BY_KEY:
            try:
                setting(key)
            except FollowupError as exc:
                problems.append(_Problem(key, line, str(exc), known=False))
                continue
        entry = BY_KEY[key]
        # A number may be quoted by hand; text must be text (a bare 12 is no name).
        allowed = (str, int) if entry.number else (str,)
        if isinstance(value, bool) or not isinstance(value, allowed):
            wanted = "a whole number" if entry.number else 'text in quotes ("...")'
            problems.append(_Problem(key, line, f"{key} = {value!r} should be {wanted}", True))
            continue
        try:
            values[key] = entry.check(str(value))
        except ValueError as exc:
            problems.append(_Problem(key, line, f"bad value for {key}: {exc}", True))
    return values, problems


def _refusal(problems: list[_Problem], path: Path) -> FollowupError:
    """The error for a file with bad lines; it offers a command only where that command works."""
    if len(problems) > 1:
        listed = "; ".join(f"{p.line.strip(' ()') or p.key}: {p.what}" for p in problems)
        return FollowupError(
            f"{path} has {len(problems)} bad settings ({listed}): fix those lines by hand "
            "(the file was left as it is)"
        )
    (problem,) = problems
    where = f"{path}{problem.line}"
    if not problem.known:
        return FollowupError(f"{where}: {problem.what}; fix or remove that line")
    return FollowupError(
        f"{where}: {problem.what}; fix that line",
        advice=("config-set", problem.key, BY_KEY[problem.key].example),
    )


def parse_settings(data: bytes, path: Path) -> Settings:
    """Check the bytes of a `config.toml`; errors name the file, the line and the fix."""
    values, problems = _check_file(data, path)
    if problems:
        raise _refusal(problems, path)
    return Settings(values)


def config_path(folder: Path) -> Path:
    return folder / CONFIG_FILE


def _read_bytes(folder: Path) -> bytes | None:
    from followup.storage.files import read_bytes

    return read_bytes(config_path(folder))


def read_settings(folder: Path) -> Settings:
    """The settings in `folder`'s `config.toml`; all defaults when there is none."""
    data = _read_bytes(folder)
    return Settings() if data is None else parse_settings(data, config_path(folder))


def _values_to_change(folder: Path, key: str) -> tuple[dict[str, Any], bool]:
    """The values that setting or clearing `key` keeps, and whether `key`'s line is bad.

    A bad value of `key` itself is what the change repairs; a bad line for any other
    key still refuses, as does a file that is not TOML.
    """
    data = _read_bytes(folder)
    if data is None:
        return {}, False
    path = config_path(folder)
    values, problems = _check_file(data, path)
    if any(p.key != key for p in problems):
        raise _refusal(problems, path)
    return values, bool(problems)


_HEADER = (
    "# followup settings. Change them with `followup config KEY VALUE`;\n"
    "# `followup config` lists every key. This file is rewritten by followup.\n\n"
)


def dump_settings(values: Mapping[str, Any]) -> bytes:
    """`values` as the text of a `config.toml`, keys in the order of `SETTINGS`."""
    import tomli_w

    doc: dict[str, Any] = {}
    for key in KEYS:
        if key not in values:
            continue
        *tables, leaf = key.split(".")
        target = doc
        for table in tables:
            target = target.setdefault(table, {})
        target[leaf] = values[key]
    return (_HEADER + tomli_w.dumps(doc)).encode("utf-8")


#: The lock file of the settings folder: the store's own when they share a folder.
LOCK_FILE = ".lock"


def write_settings(folder: Path, values: Mapping[str, Any]) -> None:
    """Replace `folder`'s `config.toml` atomically (private, 0600); call under `_locked`."""
    from followup.storage.files import remove_temps, write_atomic

    remove_temps(config_path(folder))  # of a save that was killed: we hold the lock
    write_atomic(config_path(folder), dump_settings(values))


@contextlib.contextmanager
def _locked(folder: Path, timeout: float) -> Iterator[None]:
    """The settings folder made (private) if needed, and its lock held."""
    from followup.storage.files import make_private_dir
    from followup.storage.locks import locked

    if folder.exists() and not folder.is_dir():
        raise FollowupError(f"{folder} is not a folder: point FOLLOWUP_HOME at a folder")
    make_private_dir(folder)
    with locked(folder / LOCK_FILE, timeout):
        yield


def set_value(
    folder: Path, key: str, raw: str, *, lock_timeout: float = 10.0
) -> tuple[Setting, Any, bool]:
    """Check and store one value. Returns the setting, the value, and whether it changed.

    The file is read and written under the lock, so settings changed at once by
    several commands are all kept.
    """
    entry = setting(key)
    value = check_value(entry.key, raw)
    with _locked(folder, lock_timeout):
        current, repairing = _values_to_change(folder, entry.key)
        if current.get(entry.key) == value and not repairing:
            return entry, value, False
        if entry.verify is not None:
            entry.verify(entry.key, value, current)
        write_settings(folder, {**current, entry.key: value})
    return entry, value, True


def unset_value(folder: Path, key: str, *, lock_timeout: float = 10.0) -> tuple[Setting, bool]:
    """Clear one value (back to its default). Returns the setting and whether it was set."""
    entry = setting(key)
    if not config_path(folder).exists():
        _values_to_change(folder, entry.key)  # a folder in the way still says so
        return entry, False
    with _locked(folder, lock_timeout):
        current, repairing = _values_to_change(folder, entry.key)
        if entry.key not in current and not repairing:
            return entry, False
        write_settings(folder, {k: v for k, v in current.items() if k != entry.key})
    return entry, True


# ----- settings carried by an export ---------------------------------------------------

#: Parts of a key that mark a secret: never exported, never imported.
SECRET_WORDS = ("password", "secret", "token")


def is_secret(key: str) -> bool:
    """Whether a setting holds (or could lead to) a secret: it never leaves this machine."""
    return any(word in key.lower() for word in SECRET_WORDS)


def exported_settings(settings: Settings) -> dict[str, Any]:
    """The settings an export carries: every key `followup config` lists, with the value
    in force (None: not set, no default), secrets left out."""
    return {key: settings.get(key) for key in KEYS if not is_secret(key)}


class SettingsImport:
    """`import --settings`: the settings a file carries, checked at once, and the new
    `config.toml` they make from the current one (`new_bytes`, called under the lock).

    Each key takes the file's value in force: a value is set (unless it is the default
    and not set here), a null clears the local one. `replaced` lists (key, value in
    force before, after) for each value that changes.
    """

    def __init__(self, carried: Mapping[str, Any], source: str) -> None:
        self.values: dict[str, Any] = {}
        self.replaced: list[tuple[str, Any, Any]] = []
        for key, raw in carried.items():
            if is_secret(key):
                raise FollowupError(
                    f"{source}: settings.{key} looks like a secret: followup never takes one "
                    "from a file; remove it"
                )
            if key not in BY_KEY:
                raise FollowupError(
                    f"{source}: settings.{key} is not a setting this followup knows (it "
                    f"knows {', '.join(KEYS)}): upgrade followup, or remove it from the file"
                )
            entry = BY_KEY[key]
            allowed = (str, int) if entry.number else (str,)
            if raw is not None and (isinstance(raw, bool) or not isinstance(raw, allowed)):
                raise FollowupError(
                    f"{source}: bad value at settings.{key}: {raw!r} should be "
                    + ("a whole number" if entry.number else "text")
                    + " or null"
                )
            try:
                self.values[key] = None if raw is None else entry.check(str(raw))
            except ValueError as exc:
                raise FollowupError(f"{source}: bad value at settings.{key}: {exc}") from None

    def new_bytes(self, current: bytes | None, path: Path | None = None) -> bytes | None:
        """The new `config.toml` (None: nothing changes); fills `replaced`."""
        where = path or Path(CONFIG_FILE)
        values: dict[str, Any] = {}
        if current is not None:
            values, problems = _check_file(current, where)
            if any(p.key not in self.values for p in problems):
                raise _refusal([p for p in problems if p.key not in self.values], where)
        before = Settings(values)
        new = dict(values)
        for key, value in self.values.items():
            if value is None or (value == BY_KEY[key].default and key not in values):
                new.pop(key, None)
            else:
                new[key] = value
        after = Settings(new)
        self.replaced = [
            (key, before.get(key), after.get(key))
            for key in KEYS
            if before.get(key) != after.get(key)
        ]
        for key, _, value in self.replaced:
            entry = BY_KEY[key]
            if entry.verify is not None and value is not None:
                entry.verify(key, value, new)
        if new == values and current is not None:
            return None
        if not new and current is None:
            return None
        return dump_settings(new)
