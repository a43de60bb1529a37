"""`open.dues`: the due times the store writes beside open.json for `followup prompt`,
and the rule that the prompt trusts them only for the very open.json they name."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AT, NOW_DT, make_interview, make_store
from followup import prompt
from followup.core.models import Interviewer, OpenDoc, Step
from followup.storage import dues, store_file
from followup.storage.store import Store

STATUSES = st.sampled_from(["pending", "done", "skipped"])


def written_dues(folder: Path) -> list[float] | None:
    """The due times in `folder`'s open.dues, if it names the open.json beside it."""
    info = os.stat(folder / "open.json")
    return store_file.read_dues(str(folder / store_file.DUES_FILE), info)


def prompt_would_count(folder: Path) -> list[float]:
    """What the prompt counts when it reads open.json itself."""
    return prompt.pending_dues(json.loads((folder / "open.json").read_bytes()))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    open_statuses=st.lists(st.lists(STATUSES, min_size=7, max_size=7), max_size=3),
    closed_statuses=st.lists(st.tuples(STATUSES, STATUSES), max_size=2),
    minutes=st.integers(min_value=-(10**6), max_value=10**6),
    micro=st.integers(min_value=0, max_value=999_999),
)
def test_the_store_writes_what_the_prompt_would_count(
    tmp_path_factory, open_statuses, closed_statuses, minutes, micro
):
    at = AT + timedelta(minutes=minutes, microseconds=micro)
    doc = OpenDoc()
    for n, statuses in enumerate(open_statuses, start=1):
        iv = make_interview("Ann Lee", "Bo Ray", id=n, at=at, derive=True)
        for step, status in zip(iv.steps, statuses, strict=False):
            step.status = status
        doc.interviews.append(iv)
    for n, (reply, other) in enumerate(closed_statuses, start=len(open_statuses) + 1):
        steps = [
            Step(step="reply", due=at + timedelta(days=1), status=reply),
            Step(step="card", who="Ann Lee", due=at, status=other),  # closed: not counted
        ]
        doc.awaiting.append(
            make_interview("Ann Lee", id=n, at=at, closed=True, outcome="offer", steps=steps)
        )
    folder = tmp_path_factory.mktemp("store")
    store = Store(folder)
    with store.lock():
        store.write_open(doc)
    assert written_dues(folder) == prompt_would_count(folder) == dues.pending_dues(doc)


def test_every_change_and_undo_rewrites_it(tmp_path):
    store = make_store(tmp_path, {"company": "Acme", "interviewers": [Interviewer(name="Ann Lee")]})
    first = written_dues(tmp_path)
    assert first is not None and len(first) == 5  # email, linkedin, card for Ann; phone; check-in
    with store.change(NOW_DT) as change:
        change.doc.interviews[0].steps[0].status = "done"
    assert written_dues(tmp_path) == first[1:] == prompt_would_count(tmp_path)
    store.undo(NOW_DT)
    assert written_dues(tmp_path) == first == prompt_would_count(tmp_path)


def test_a_change_that_changes_nothing_leaves_it_as_it_was(tmp_path):
    store = make_store(tmp_path, {"company": "Acme"})
    before = (tmp_path / store_file.DUES_FILE).read_bytes()
    with store.change(NOW_DT):
        pass
    assert (tmp_path / store_file.DUES_FILE).read_bytes() == before


def test_it_names_the_open_json_it_was_written_for(tmp_path):
    make_store(tmp_path, {"company": "Acme"})
    info = os.stat(tmp_path / "open.json")
    lines = (tmp_path / store_file.DUES_FILE).read_bytes().split(b"\n")
    assert lines[:2] == [b"followup-dues 1", store_file.identity(info)]
    assert store_file.identity(info) == (
        f"{info.st_ino} {info.st_size} {info.st_mtime_ns} {info.st_ctime_ns}".encode()
    )
    assert lines[3:] == [b""]
    assert ((tmp_path / store_file.DUES_FILE).stat().st_mode & 0o777) == 0o600


def touched(path: Path, **changes: int) -> os.stat_result:
    """`path`'s stat with some fields changed, as another copy of the file would have."""
    info = os.stat(path)
    fields = {name: getattr(info, name) for name in ("st_ino", "st_size", "st_mtime_ns")}
    fields |= changes

    class Other:
        st_ino, st_size, st_mtime_ns = fields["st_ino"], fields["st_size"], fields["st_mtime_ns"]
        st_ctime_ns = changes.get("st_ctime_ns", info.st_ctime_ns)

    return Other()  # type: ignore[return-value]


@pytest.mark.parametrize("field", ["st_ino", "st_size", "st_mtime_ns", "st_ctime_ns"])
def test_any_other_open_json_is_not_trusted(tmp_path, field):
    make_store(tmp_path, {"company": "Acme"})
    path = str(tmp_path / store_file.DUES_FILE)
    info = os.stat(tmp_path / "open.json")
    assert store_file.read_dues(path, info) is not None
    assert store_file.read_dues(path, touched(tmp_path / "open.json", **{field: 1})) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "followup-dues 2\n{id}\n1.0\n",
        "followup-dues 1\n{id}\n1.0",  # cut short
        "followup-dues 1\n{id}\n1.0\n\n",  # something after
        "followup-dues 1\n{id}\n",  # no line of times
        "followup-dues 1\n{id}\n1.0 soon\n",
        "followup-dues 1\n{id}\nnan\n",
        "followup-dues 1\n{id}\n1.0 inf\n",
        "followup-dues 1\n{id}\n-inf\n",
        "followup-dues 1\n\n1.0\n",
    ],
)
def test_a_damaged_file_is_not_trusted(tmp_path, text):
    make_store(tmp_path, {"company": "Acme"})
    info = os.stat(tmp_path / "open.json")
    path = tmp_path / store_file.DUES_FILE
    path.write_text(text.replace("{id}", store_file.identity(info).decode()))
    assert store_file.read_dues(str(path), info) is None


def test_an_empty_line_of_times_is_nothing_due(tmp_path):
    make_store(tmp_path)
    store = Store(tmp_path)
    with store.lock():
        store.write_open(OpenDoc())
    assert written_dues(tmp_path) == []


def test_a_missing_folder_or_oversized_file_is_not_trusted(tmp_path):
    make_store(tmp_path, {"company": "Acme"})
    info = os.stat(tmp_path / "open.json")
    path = tmp_path / store_file.DUES_FILE
    assert store_file.read_dues(str(tmp_path / "nowhere" / "open.dues"), info) is None
    good = path.read_bytes()
    path.write_bytes(good[:-1] + b" " * store_file.DUES_LIMIT + b"\n")
    assert store_file.read_dues(str(path), info) is None
    path.unlink()
    path.mkdir()
    assert store_file.read_dues(str(path), info) is None


def test_seconds_agree_with_the_prompts_reading_of_the_stored_text():
    for moment in (AT, AT + timedelta(microseconds=1), AT + timedelta(days=-(10**5), seconds=7)):
        assert dues.seconds(moment) == prompt.epoch(moment.isoformat())


def test_a_failed_write_of_it_fails_no_change(tmp_path, monkeypatch):
    store = make_store(tmp_path, {"company": "Acme"})
    before = (tmp_path / store_file.DUES_FILE).read_bytes()

    def refuse(path, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dues, "write_atomic", refuse)
    with store.change(NOW_DT) as change:
        change.doc.interviews[0].steps[0].status = "done"
    assert store.read_open().interviews[0].steps[0].status == "done"
    assert (tmp_path / store_file.DUES_FILE).read_bytes() == before
    assert written_dues(tmp_path) is None  # it names the open.json before the change


def test_a_killed_writes_temporary_file_is_removed_by_the_next_change(tmp_path):
    store = make_store(tmp_path, {"company": "Acme"})
    left = tmp_path / ".open.dues.followup-999999999-abc.tmp"
    left.write_bytes(b"half")
    with store.change(NOW_DT) as change:
        change.doc.interviews[0].steps[0].status = "done"
    assert not left.exists()
