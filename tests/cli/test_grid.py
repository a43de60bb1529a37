"""cli.grid: how wide text is on a terminal, measured quickly and exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from followup.cli import grid


@given(st.text())
def test_the_quick_width_is_richs_width_for_any_text(text):
    assert grid.width_of(text) == cell_len(text)


@pytest.mark.parametrize(
    ("text", "width"),
    [("Acme Corp", 9), ("tab\there", 7), ("bell\x07", 4), ("東京", 4), ("José", 4), ("", 0)],
)
def test_control_characters_take_no_cell_and_wide_ones_two(text, width):
    assert grid.width_of(text) == width
