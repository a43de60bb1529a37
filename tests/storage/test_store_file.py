"""`followup prompt` finds and reads the store through the store's own code
(`storage/store_file.py`), so the two cannot drift apart."""

from __future__ import annotations

import os
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup import prompt
from followup.errors import StoreError
from followup.storage import files, locations, store_file


def test_prompt_and_store_share_one_finder_and_one_reader():
    assert prompt.data_dir is store_file.data_folder
    assert prompt.read_regular is store_file.read_regular is files.read_regular
    assert prompt.OPEN_FILE == store_file.OPEN_FILE == "open.json"


words = st.text(string.ascii_letters + "./~ ", max_size=12)


@given(
    home=st.one_of(st.just(""), words),
    user=st.sampled_from(["/home/me", "/home/me/", "relative", ""]),
    xdg=st.one_of(st.none(), st.sampled_from(["/x/data", "rel/data", "", " "])),
)
def test_prompt_and_store_agree_on_the_data_folder(home, user, xdg):
    env = {"FOLLOWUP_HOME": home, "HOME": user}
    if xdg is not None:
        env["XDG_DATA_HOME"] = xdg
    if not home.strip() and not os.path.isabs(user):
        return  # platformdirs answers for both, from the real environment
    assert locations.data_dir(env) == Path(prompt.data_dir(env))


@pytest.mark.parametrize(
    ("env", "platform", "folder"),
    [
        ({"HOME": "/home/me"}, "linux", "/home/me/.local/share/followup"),
        ({"HOME": "/home/me", "XDG_DATA_HOME": "/x/data"}, "linux", "/x/data/followup"),
        ({"HOME": "/home/me", "XDG_DATA_HOME": ""}, "linux", "/home/me/.local/share/followup"),
        ({"HOME": "/Users/me"}, "darwin", "/Users/me/Library/Application Support/followup"),
        ({"FOLLOWUP_HOME": "/data/fu", "HOME": "/home/me"}, "linux", "/data/fu"),
        ({"FOLLOWUP_HOME": "  ", "HOME": "/home/me"}, "linux", "/home/me/.local/share/followup"),
    ],
)
def test_the_data_folder_follows_each_platforms_rule(env, platform, folder):
    assert store_file.data_folder(env, platform) == folder


def test_followup_home_may_start_with_a_tilde():
    env = {"FOLLOWUP_HOME": "~/fu", "HOME": "/home/me"}
    assert store_file.data_folder(env, "linux") == os.path.expanduser("~/fu")


@pytest.mark.parametrize(
    ("env", "platform"),
    [({}, "linux"), ({"HOME": "relative"}, "linux"), ({"HOME": "/Users/me", "XDG_DATA_HOME": "/x"},
                                                      "darwin"), ({"HOME": "/h"}, "win32")],
)  # fmt: skip
def test_without_a_rule_of_its_own_platformdirs_answers(env, platform, monkeypatch, tmp_path):
    """No usable HOME, XDG on macOS, other systems: platformdirs' answer, which it
    takes from the process's environment."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    from platformdirs import user_data_dir

    assert store_file.data_folder(env, platform) == user_data_dir("followup", appauthor=False)


def test_a_relative_xdg_data_home_is_ignored_by_both(tmp_path):
    # The XDG rule: a relative path in XDG_DATA_HOME is invalid and is ignored.
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": "relative/data"}
    expected = tmp_path / ".local" / "share" / "followup"
    assert locations.data_dir(env) == expected
    assert prompt.data_dir(env, "linux") == str(expected)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_by_both_without_waiting(home, tmp_path):
    home.mkdir()
    os.mkfifo(home / "open.json")
    assert prompt.read_line(os.environ) == prompt.UNREADABLE
    with pytest.raises(StoreError, match="not a regular file"):
        files.read_bytes(home / "open.json")


def test_a_file_over_the_limit_is_not_read(tmp_path):
    big = tmp_path / "big"
    big.write_bytes(b"x" * 10)
    assert store_file.read_regular(big, limit=10) == b"x" * 10
    with pytest.raises(store_file.TooLarge):
        store_file.read_regular(big, limit=9)


def test_what_is_not_a_regular_file_is_named_with_its_path(tmp_path):
    """The errors of read_regular name the path and what it is, for the commands' words."""
    from followup.storage.store_file import NotRegular, TooLarge

    with pytest.raises(IsADirectoryError) as folder:
        store_file.read_regular(tmp_path)
    assert str(folder.value) == f"{tmp_path} is a folder"
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(NotRegular) as fifo:
        store_file.read_regular(pipe)
    assert str(fifo.value) == f"{pipe} is not a regular file"
    big = tmp_path / "big"
    big.write_bytes(b"x" * 11)
    with pytest.raises(TooLarge) as large:
        store_file.read_regular(big, limit=10)
    assert str(large.value) == f"{big} is over 10 bytes"
