"""The one renderer: a command's Result printed as JSON or for people."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from followup.cli.result import Result, emit


def never() -> str:
    raise AssertionError("built although nobody reads it")


def test_json_prints_the_data_and_notes_only(capsys: pytest.CaptureFixture[str]) -> None:
    result = Result(lambda: {"id": 3, "company": "Société"})
    result.say("Added #3").show(never).hint(never).note("a note for scripts too").write("raw")
    emit(result, as_json=True)
    out, err = capsys.readouterr()
    assert json.loads(out) == {"id": 3, "company": "Société"}
    assert "Société" in out  # not \u00e9
    assert err == "a note for scripts too\n"


def test_people_get_every_item_in_order_and_never_the_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = Result(never)
    result.say("first").show("result line", lambda: ["built", "lazily"]).hint("then a hint")
    result.write("verbatim\ttext\n").note("a note")
    emit(result)
    out, err = capsys.readouterr()
    assert out == "result line\nbuilt\nlazily\nverbatim\ttext\n"
    assert err == "first\nthen a hint\na note\n"


def test_messages_show_control_characters_as_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    emit(Result().say("Added \x1b[31mAcme").show("Closed \x1b]0;title\x07"))
    out, err = capsys.readouterr()
    assert err == "Added \\x1b[31mAcme\n"
    assert out == "Closed \\x1b]0;title\\x07\n"


def test_emit_prints_each_item_once(capsys: pytest.CaptureFixture[str]) -> None:
    result = Result().show("before the question")
    emit(result)
    result.show("after it")
    emit(result)
    assert capsys.readouterr().out == "before the question\nafter it\n"


def test_a_command_without_json_prints_nothing_on_stdout_with_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    emit(Result().say("Set name to Sam.").show("table"), as_json=True)
    assert capsys.readouterr() == ("", "")


def test_bytes_are_written_as_they_are(capsys: pytest.CaptureFixture[bytes]) -> None:
    emit(Result().write(b"BEGIN:VCALENDAR\r\n"))
    assert capsys.readouterr().out == "BEGIN:VCALENDAR\r\n"


def test_json_output_imports_no_rich(home) -> None:
    """--json never pays for Rich: the tables are built only for people."""
    code = (
        "import sys\n"
        "from followup.__main__ import main\n"
        "sys.argv = ['followup', 'status', '--json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('rich')), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert json.loads(run.stdout) == []
    assert run.stderr.strip().splitlines()[-1] == "[]"


def test_the_cli_exits_with_the_result_code(cli, home) -> None:
    (home / "open.json").parent.mkdir(parents=True, exist_ok=True)
    (home / "open.json").write_text("{not json")
    run = cli("doctor", "--json")
    assert run.code == 1
    assert json.loads(run.stdout)["healthy"] is False
    assert run.stderr == ""
