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
