"""The README tells the truth: its examples are what the program prints (rebuilt by
docs/examples.py), and it points at nothing a clone lacks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from followup.cli.app import COMMANDS, load

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SCRIPT = ROOT / "docs" / "examples.py"
posix_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("bash") is None,
    reason="the examples run on a Linux pseudo-terminal with bash (their paths are Linux's)",
)


def examples(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


@posix_only
def test_every_readme_example_is_what_the_program_prints():
    run = examples("--check")
    assert run.returncode == 0, (
        "stale README examples: run `python docs/examples.py` and commit.\n"
        + run.stdout[-6000:]
        + run.stderr
    )


def test_every_console_block_is_rebuilt_by_the_script():
    lines = README.read_text().split("\n")
    unmarked = []
    for i, line in enumerate(lines):
        if line.lstrip().startswith("```console"):
            before = next((ln for ln in reversed(lines[:i]) if ln.strip()), "").strip()
            if not (before.startswith("<!-- example:") or before == "-->"):
                unmarked.append(f"README.md:{i + 1}")
    assert unmarked == [], "mark these with <!-- example: SESSION --> (see docs/examples.py)"


def test_the_readme_points_at_nothing_outside_the_repository():
    text = README.read_text()
    assert "../" not in text
    assert "CLI.md" not in text and "shared/" not in text
    for link in re.findall(r"\]\(([^)]+)\)", text):
        if not link.startswith(("http://", "https://", "#", "$")):  # $style: starship
            assert (ROOT / link).exists(), link


def test_the_readme_names_exactly_the_commands_that_take_json():
    app = load()
    import typer.main

    group = typer.main.get_command(app)
    takes = sorted(
        name
        for name in COMMANDS
        if any("--json" in p.opts for p in group.get_command(None, name).params)  # type: ignore[attr-defined]
    )
    sentence = next(line for line in README.read_text().split("\n\n") if "take `--json`" in line)
    named = sorted(set(re.findall(r"`(\w+)`", sentence.split("take `--json`")[0])))
    assert named == takes


def test_the_readme_says_how_long_the_tests_take():
    assert re.search(r"test suite takes (about )?\d+( to \d+)? minutes", README.read_text())


@posix_only
def test_the_script_rewrites_a_stale_example_and_check_finds_it(tmp_path):
    doc = tmp_path / "example.md"
    doc.write_text(
        "Intro.\n\n"
        "<!-- example: demo\n"
        "$ printf 'company,at\\nUmbrella,2026-11-20 10:00\\n' > apps.csv\n"
        "-->\n"
        "```console\n"
        '$ followup add "Acme Corp" \\\n'
        "    --with Jane\n"
        "this line is stale\n"
        "$ followup import apps.csv\n"
        "```\n\n"
        "<!-- example: demo stderr=# -->\n"
        "```text\n"
        "$ followup draft acme email\n"
        "```\n"
    )
    stale = examples("--check", str(doc))
    assert stale.returncode == 1 and "this line is stale" in stale.stdout
    assert "this line is stale" in doc.read_text()  # --check changes nothing
    assert examples(str(doc)).returncode == 0
    text = doc.read_text()
    assert "this line is stale" not in text
    assert "    --with Jane\nAdded interview #1" in text and "#1 Acme Corp" in text
    assert "Imported 1 interview(s) from apps.csv" in text  # the hidden command ran
    assert "printf" not in text.split("-->")[1]
    assert "Subject: Thank you" in text and "\n# " in text  # stderr after stdout, with '# '
    assert examples("--check", str(doc)).returncode == 0


def test_the_script_refuses_a_marker_without_a_block(tmp_path):
    doc = tmp_path / "bad.md"
    doc.write_text("<!-- example: demo -->\nNo block here.\n")
    run = examples("--check", str(doc))
    assert run.returncode == 2 and "bad.md:1" in run.stderr


@posix_only
def test_sessions_run_apart_and_a_missing_tool_skips_the_rest_of_its_session(tmp_path):
    doc = tmp_path / "sessions.md"
    block = "```console\n$ followup {}\n```\n\n"
    doc.write_text(
        "<!-- example: one -->\n" + block.format('add "Acme Corp" --with Jane')
        + "<!-- example: two -->\n" + block.format('add "Globex" --with Hank')
        + "<!-- example: one -->\n" + block.format("list")
        + "<!-- example: two needs=no-such-tool-here -->\n" + block.format("list")
        + "<!-- example: two -->\n" + block.format("status")
        + "<!-- example: three -->\n" + block.format("list")
    )  # fmt: skip
    check = examples("--check", str(doc))
    assert check.returncode == 1  # the blocks that ran are stale: they show no output yet
    assert check.stderr.splitlines()[:2] == [
        "skipped sessions.md:16 (two): no-such-tool-here not installed",
        "skipped sessions.md:21 (two): an earlier block skipped",
    ]
    rewrite = examples(str(doc))
    assert rewrite.returncode == 2 and "sessions.md:16" in rewrite.stderr
    assert "no-such-tool-here" in rewrite.stderr and "Added" not in doc.read_text()
    # without the block that needs the tool, each session sees its own interviews only
    doc.write_text(doc.read_text().replace(" needs=no-such-tool-here", ""))
    assert examples(str(doc)).returncode == 0, doc.read_text()
    outputs = [part.split("```")[0] for part in doc.read_text().split("```console\n")[1:]]
    assert "Acme Corp" in outputs[2] and "Globex" not in outputs[2]
    assert "Globex" in outputs[3] and "Acme" not in outputs[3]
    assert "Globex" in outputs[4] and "Acme" not in outputs[4]
    assert outputs[5].startswith("$ followup list\nNo open interviews.")
