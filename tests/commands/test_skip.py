"""`followup skip`, driven through the real command line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import ACME, NOW, add
from populate import copy_fixture

# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


def steps_of(interview: dict) -> dict[tuple[str, str | None], dict]:
    return {(s["step"], s["who"]): s for s in interview["steps"]}


def test_skip_records_reason_and_reopen_restores_pending(cli):
    add_acme(cli)
    assert cli("skip", "1", "note", "--who", "raj", "--reason", "no address").code == 0
    card = steps_of(cli("show", "1", "--json").json())[("card", "Raj Patel")]
    assert card["status"] == "skipped" and card["reason"] == "no address" and card["done_at"]
    result = cli("reopen", "1", "handwritten", "--who", "raj")
    assert result.code == 0
    card = steps_of(cli("show", "1", "--json").json())[("card", "Raj Patel")]
    assert card["status"] == "pending" and card["done_at"] is None and card["reason"] is None
    again = cli("reopen", "1", "card", "--who", "raj").stderr
    assert "already pending: Handwritten card" in again and "pending again" not in again


# ----------------------------------------------------------------------------
# Edits keep progress: no edit turns a done or skipped step back into a pending one.
#
# Adding the first named interviewer to an interview recorded without any gives that
# person the steps done so far; removing the last one gives them back to no one; every
# other edit (names, times, decision date, topics, the next round) leaves finished steps
# as they were. Through the CLI, and through the checklist engine directly.


def steps(run) -> dict[tuple[str, str | None], tuple[str, str | None, str | None]]:
    """(kind, who) -> (status, done_at, reason) of `show --json` output."""
    return {
        (s["step"], s["who"]): (s["status"], s["done_at"], s["reason"]) for s in run.json()["steps"]
    }


def show(cli):
    run = cli("show", "1", "--json")
    assert run.code == 0, run.stderr
    return steps(run)


SKIPPED = ("skipped", NOW, "no account")


def test_removing_the_last_person_keeps_a_skip_over_a_pending_step(cli):
    cli("add", "Acme Corp", "--at", "2026-11-25 14:00", "--with", "Jane", "--with", "Raj")
    cli("skip", "1", "linkedin", "--who", "raj", "--reason", "no account")
    cli("edit", "1", "--remove-with", "jane", "--remove-with", "raj")
    assert show(cli)[("linkedin", None)] == SKIPPED


# ----------------------------------------------------------------------------
# After the thank-yous: decision dates, check-ins, rounds, private notes and topics,
# replies, the shared phone step, and business days, driven through the real CLI.
#
# Now is Thursday 26 Nov 2026 10:00 UTC (Thanksgiving in the US); Acme's interview was
# Wednesday 25 Nov 14:00.


def steps_followthrough(iv: dict, kind: str) -> list[dict]:
    return [s for s in iv["steps"] if s["step"] == kind]


def show_followthrough(cli, ref: str) -> dict:
    run = cli("show", ref, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def test_skipping_a_checkin_adds_no_further_one(cli):
    add(cli, *ACME)
    assert cli("skip", "acme", "check-in", "--reason", "they called").code == 0
    iv = show_followthrough(cli, "acme")
    assert [s["status"] for s in steps_followthrough(iv, "checkin")] == ["skipped"]
    assert "no reply" not in cli("show", "acme").stdout


# ----------------------------------------------------------------------------
# The files around the store get the store's care (issue 13): export targets, symlinked
# files, settings written at once, imports held to add's checks, odd clocks and zones.
#
# Each test drives the real CLI (in-process or as a process) and failed before the fix.


def clear_error(run, *words: str) -> None:
    """Exit 1 with one line that is not a crash report, naming `words`."""
    err = run.stderr
    assert run.code == 1 if hasattr(run, "code") else run.returncode == 1, err
    assert "unexpected" not in err and "Traceback" not in err, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, (word, err)


def test_a_skip_reason_is_held_to_the_text_rules(cli, files):
    assert cli("add", "Acme Corp").code == 0
    before = files()
    clear_error(cli("skip", "1", "card", "--reason", "no\x1b]8;;https://x\x07address"), "reason")
    clear_error(cli("skip", "1", "card", "--reason", "r" * 501), "reason")
    assert files() == before
    assert cli("skip", "1", "card", "--reason", "remote interview").code == 0


# ----------------------------------------------------------------------------
# Rules of the store (storage.store, change, files, validation) that a user relies on:
# what is said and kept when a save fails halfway, and how each damaged file is named.


def fail_open_json_rename(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """Make the rename of a new open.json into place fail, as on a full disk."""
    real = os.replace

    def replace(source, dest, *args, **kwargs):
        if Path(dest) == home / "open.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(source, dest, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_the_upgrade_notice_comes_with_the_first_change_that_is_saved(cli, home, monkeypatch):
    copy_fixture(1, home)
    with monkeypatch.context() as m:
        fail_open_json_rename(m, home)
        failed = cli("skip", "initech", "card")
    assert failed.code == 1 and "backup/v1" not in failed.stderr
    assert (home / "backup" / "v1" / "open.json").is_file()  # the originals were kept
    saved = cli("skip", "initech", "card")
    assert saved.code == 0 and "Your data was upgraded" in saved.stderr
    assert "Your data was upgraded" not in cli("skip", "initech", "linkedin").stderr
