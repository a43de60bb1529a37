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


# ----- a terminal: the grid's lines as Rich writes them ---------------------------

# No tab: cells hold user text through `clean`, which shows a tab as `\t`.
_WORDS = st.text(alphabet="ab -東é\x07\r", max_size=12)
_STYLES = st.sampled_from(["", "bold", "dim", "bold red", "green"])


def _styled_text(words: str, style: str, spans: list[tuple[int, int, str]]):
    from rich.text import Text

    text = Text(words, style=style)
    for start, end, span in spans:
        text.stylize(span, start, end)
    return text


_CELLS = st.one_of(
    _WORDS,
    st.tuples(_WORDS, _STYLES),
    st.builds(
        _styled_text,
        _WORDS,
        _STYLES,
        st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12), _STYLES), max_size=2),
    ),
)


class _AsText:
    """The grid as lines of `Text` (Grid.lines), each measured and cropped by Rich."""

    def __init__(self, table: grid.Grid) -> None:
        self.table = table

    def __rich_console__(self, console, options):
        yield from self.table.lines(options.max_width)


def _printed(renderable, width: int) -> str:
    import io

    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out, width=width, force_terminal=True, color_system="truecolor", no_color=False
    )
    console.print(renderable)
    return out.getvalue()


@given(
    rows=st.lists(st.tuples(_CELLS, _CELLS, _CELLS, _CELLS), max_size=4),
    width=st.integers(8, 50),
)
def test_a_terminal_gets_the_same_bytes_as_from_the_lines_as_text(rows, width):
    table = grid.Grid(
        grid.Column("#", "right"),
        grid.Column("Name", wrap=True),
        grid.Column("Note", shrink=True, optional=1),
        grid.Column("When", optional=2),
    )
    for row in rows:
        table.add_row(*row)
    assert _printed(table, width) == _printed(_AsText(table), width)


def test_a_terminal_gets_styles_and_no_trailing_spaces():
    from rich.text import Text

    table = grid.Grid(grid.Column("Step"), grid.Column("Due"), grid.Column("Note"))
    table.add_row("Thank-you email", ("2 d overdue", "bold red"), Text("late \x07", style="dim"))
    table.add_row("Card", "in 5 h", "")
    lines = _printed(table, 60).splitlines()
    assert lines[1] == "Thank-you email  \x1b[1;31m2 d overdue\x1b[0m  \x1b[2mlate\x1b[0m"
    assert lines[2] == "Card             in 5 h"
