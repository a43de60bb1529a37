"""docs/examples.py runs the code beside it, not whichever copy of followup is installed:
otherwise a change to the source would not show in the README's examples, nor in the
test that checks them, wherever an older copy is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from followup import __version__

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "docs" / "examples.py"
posix_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("bash") is None,
    reason="the examples run on a Linux pseudo-terminal with bash",
)

DOC = "<!-- example: which -->\n```console\n$ followup --version\n```\n"


def rebuilt(script: Path, doc: Path) -> str:
    """The example's block after `script` rebuilt it."""
    doc.write_text(DOC)
    done = subprocess.run(
        [sys.executable, str(script), str(doc)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return doc.read_text().split("```console\n")[1].split("```")[0]


@posix_only
def test_the_examples_run_the_source_beside_the_script(tmp_path):
    # A copy of the repository whose source says another version: the python running
    # the script has followup installed, from elsewhere, at __version__.
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "docs").mkdir()
    shutil.copy(SCRIPT, copy / "docs" / "examples.py")
    init = copy / "src" / "followup" / "__init__.py"
    text, found = re.subn(r'__version__ = "[^"]*"', '__version__ = "9.9.9"', init.read_text())
    assert found == 1 and __version__ != "9.9.9"
    init.write_text(text)

    assert rebuilt(copy / "docs" / "examples.py", tmp_path / "copy.md") == (
        "$ followup --version\nfollowup 9.9.9\n"  # the copy's code ran, not the installed one
    )
    here = rebuilt(SCRIPT, tmp_path / "here.md")
    assert here == f"$ followup --version\nfollowup {__version__}\n"  # this one, its own
