"""core.text: how values are quoted in messages, tested directly."""

from __future__ import annotations

from followup.core.text import short


def test_a_value_is_quoted_whole_up_to_the_width_and_cut_with_dots_beyond():
    assert short("x" * 38) == repr("x" * 38)  # 40 characters with its quotes
    assert short("x" * 39) == repr("x" * 39)[:37] + "..."
    assert len(short("x" * 39)) == 40
    assert short([1, 2], width=6) == "[1, 2]"
    assert short([1, 2, 3], width=6) == "[1,..."


def test_a_value_quoted_as_json_keeps_its_letters_as_typed():
    assert short({"company": "Société Générale"}, as_json=True) == (
        '{"company": "Société Générale"}'
    )
    assert short(None, as_json=True) == "null"
    assert short("text", as_json=True) == "'text'"  # a string stays its repr


def test_typed_text_is_quoted_whole_up_to_its_limit_and_cut_with_an_ellipsis_beyond():
    from followup.core.text import quoted

    assert quoted("x" * 60) == repr("x" * 60)
    assert quoted("x" * 61) == repr("x" * 59 + "\u2026")
    assert quoted("abcd", 4) == "'abcd'"
    assert quoted("abcde", 4) == "'abc\u2026'"


def test_a_line_of_text_refuses_a_tab_or_a_newline_naming_it_and_notes_take_both():
    import pytest

    from followup.core.text import check_text
    from followup.errors import FollowupError

    for char, shown in (("\t", "\\t"), ("\n", "\\n"), ("\x1b", "\\x1b")):
        with pytest.raises(FollowupError) as info:
            check_text("company", f"Acme{char}Corp")
        assert str(info.value) == (
            f"company {f'Acme{char}Corp'!r} has a control character ({shown}): type it again "
            "without it"
        )
    assert check_text("notes", "talked about\n\tdashboards", multiline=True) == (
        "talked about\n\tdashboards"
    )
    with pytest.raises(FollowupError, match=r"\(\\x1b\)"):
        check_text("notes", "a\x1bb", multiline=True)
