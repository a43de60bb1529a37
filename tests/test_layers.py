"""The package keeps its shape (src/followup/__init__.py draws it).

Read from the source with `ast`, never by importing it:

- layers import downwards only: core/ nothing of ours above it, storage/ nothing of
  features/ or cli/, features/ nothing of cli/; every import counts, at the top of a
  module, under `if TYPE_CHECKING:` or inside a function;
- no import circles among our modules, in any of those places;
- no module over MAX_LINES lines;
- only cli/ spells a command line (`followup COMMAND`) in its strings: the layers below
  raise errors with an advice key that cli/advice.py words. Docstrings may name
  commands, and so may the few strings listed in WORDING_ALLOWED, text of a file that
  followup writes.

Each check is a function of a source folder that returns its findings, so the tests at
the end plant a breach in a copy of the source and watch the check report it.
"""

from __future__ import annotations

import ast
import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "followup"
PACKAGE = "followup"

#: Where each part of the package stands, lowest first: a module may import from its
#: own rank and the ranks below. The package itself (`__version__`) and errors.py are
#: beneath everything; prompt.py, the fast shell-prompt line, stands with the command
#: line; __main__.py, the entry point, above it.
RANKS = {
    "followup": 0,
    "followup.errors": 0,
    "followup.core": 1,
    "followup.storage": 2,
    "followup.features": 3,
    "followup.cli": 4,
    "followup.prompt": 4,
    "followup.__main__": 5,
}
MAX_LINES = 450
#: Modules allowed over MAX_LINES for now, each with why. A module listed here that is
#: no longer too long fails the test, so that the allowance goes with it.
LONG_ALLOWED: dict[str, str] = {}
#: (module, text) pairs: strings below cli/ that may spell a command, and why.
WORDING_ALLOWED = {
    ("followup.features.timer", "followup remind"): "the text of the systemd units it "
    "writes: their header and Description= say which command installed them",
    ("followup.features.config_file", "# followup settings. Change them with"): "the "
    "header of the config.toml it writes, for whoever opens the file",
    ("followup.features.calendar_export", "When it is done: followup done"): "the text of "
    "a calendar event in the .ics file it writes, read in a calendar, far from followup",
    ("followup.features.importing", "followup export"): "a noun, not advice: a file that "
    "`followup export` wrote (`is not a followup export`)",
}


# ----- reading the source ---------------------------------------------------------------


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package under `root`, by dotted name (a package by its own)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join([PACKAGE, *parts])] = path
    return found


@functools.cache
def import_statements(text: str) -> list[ast.Import | ast.ImportFrom]:
    """The import statements of a module's `text`, wherever they are. Cached by text:
    the tests below read the same source many times, in copies."""
    return [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Import | ast.ImportFrom)]


def imported(name: str, path: Path, known: set[str]) -> Iterator[tuple[str, int]]:
    """The modules of ours that module `name` imports (and the line), wherever it does."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in import_statements(path.read_text(encoding="utf-8")):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from _ours(alias.name, known, node.lineno)
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                target = submodule if submodule in known else base
                yield from _ours(target, known, node.lineno)


def _ours(target: str, known: set[str], line: int) -> Iterator[tuple[str, int]]:
    while target and target not in known:  # `import followup.core.when.x` is impossible,
        target = target.rpartition(".")[0]  # but a name in a module is not a module
    if target.split(".")[0] == PACKAGE:
        yield target, line


def graph(root: Path) -> dict[str, dict[str, int]]:
    """Each module's imports of ours, with the line of the first."""
    found = modules(root)
    edges: dict[str, dict[str, int]] = {}
    for name, path in found.items():
        edges[name] = {}
        for target, line in imported(name, path, set(found)):
            if target != name:
                edges[name].setdefault(target, line)
    return edges


def rank(module: str) -> int | None:
    """The rank of `module` in RANKS (by its longest listed prefix), or None."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in RANKS:
            return RANKS[".".join(parts[:end])]
    return None


def relative(root: Path, module: str) -> str:
    return str(modules(root)[module].relative_to(root.parent))


# ----- the checks -------------------------------------------------------------------------


def layer_breaches(root: Path) -> list[str]:
    """Imports from a layer above the importer's, and modules with no place in RANKS."""
    problems = []
    for name, targets in graph(root).items():
        own = rank(name)
        if own is None or (name.count(".") == 1 and name not in RANKS):
            problems.append(f"{name} has no place in the layers: add it to RANKS")
            continue
        for target, line in targets.items():
            theirs = rank(target)
            if theirs is not None and theirs > own:
                problems.append(f"{relative(root, name)}:{line} imports {target}, a layer above it")
    return problems


def circles(root: Path) -> list[list[str]]:
    """The import circles among our modules: each as the modules on it, sorted."""
    edges = graph(root)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def long_modules(root: Path) -> list[str]:
    """Modules over MAX_LINES lines (less LONG_ALLOWED), and allowances no longer needed."""
    problems = []
    for path in modules(root).values():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        where = str(path.relative_to(root.parent))
        if lines > MAX_LINES and where not in LONG_ALLOWED:
            problems.append(f"{where} has {lines} lines (at most {MAX_LINES}): split it")
        elif lines <= MAX_LINES and where in LONG_ALLOWED:
            problems.append(f"{where} has {lines} lines now: drop it from LONG_ALLOWED")
    return problems


def command_names() -> list[str]:
    """followup's commands, as shell completion offers them (so every one is seen)."""
    env = {
        **os.environ,
        "_FOLLOWUP_COMPLETE": "complete_bash",
        "COMP_WORDS": "followup ",
        "COMP_CWORD": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", PACKAGE], env=env, capture_output=True, text=True, timeout=60
    )
    names = done.stdout.split()
    assert done.returncode == 0 and {"add", "status", "done"} <= set(names), done
    return names


def strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module (f-strings' fixed parts too), less docstrings."""
    return strings_of(path.read_text(encoding="utf-8"))


@functools.cache
def strings_of(text: str) -> list[tuple[int, str]]:
    tree = ast.parse(text)
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = body[0] if body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def command_lines_below_cli(root: Path, commands: list[str]) -> list[str]:
    """Strings outside cli/ that spell `followup COMMAND`, less WORDING_ALLOWED."""
    spelled = re.compile(rf"\bfollowup ({'|'.join(map(re.escape, commands))})\b")
    problems = []
    for name, path in modules(root).items():
        if rank(name) == RANKS["followup.cli"]:
            continue
        for line, text in strings(path):
            for match in spelled.finditer(text):
                if not any(
                    module == name and allowed in text for module, allowed in WORDING_ALLOWED
                ):
                    where = path.relative_to(root.parent)
                    problems.append(f"{where}:{line} spells `{match[0]}`: use an advice key")
    return sorted(set(problems))


# ----- the tests --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def commands() -> list[str]:
    return command_names()


def test_each_layer_imports_only_from_its_own_and_those_below():
    assert layer_breaches(SRC) == []


def test_no_import_circles():
    assert circles(SRC) == []


def test_no_module_is_too_long_to_read():
    assert long_modules(SRC) == []


def test_only_the_command_line_spells_a_command(commands):
    assert command_lines_below_cli(SRC, commands) == []


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "followup"
    shutil.copytree(SRC, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def added(check, root: Path, *plants: tuple[str, str]) -> list:
    """What `check` finds in `root` once `plants` are made that it did not find before."""
    before = check(root)
    for relative_path, text in plants:
        path = root / relative_path
        path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + text)
    return [found for found in check(root) if found not in before]


@pytest.mark.parametrize(
    ("where", "line", "above"),
    [
        ("core/text.py", "from followup.storage import files", "followup.storage.files"),
        ("core/text.py", "    from followup.cli.advice import error_text", "followup.cli.advice"),
        ("storage/store.py", "import followup.features.config", "followup.features.config"),
        ("features/drafts.py", "from ..cli import render", "followup.cli.render"),
    ],
)
def test_a_planted_import_from_above_is_found(copy, where, line, above):
    if line.startswith(" "):  # inside a function
        line = f"def planted():\n{line}"
    found = added(layer_breaches, copy, (where, f"\n\n{line}\n"))
    assert len(found) == 1 and f"followup/{where}:" in found[0] and above in found[0]


def test_a_module_with_no_layer_is_found(copy):
    found = added(layer_breaches, copy, ("newcomer.py", "X = 1\n"))
    assert found == ["followup.newcomer has no place in the layers: add it to RANKS"]


def test_a_planted_circle_is_found_even_through_type_checking(copy):
    found = added(
        circles,
        copy,
        ("core/planted_a.py", "from followup.core import planted_b\n"),
        (
            "core/planted_b.py",
            "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    from followup.core.planted_a import X\n",
        ),
    )
    assert found == [["followup.core.planted_a", "followup.core.planted_b"]]


def test_a_planted_long_module_is_found(copy):
    too_long = added(long_modules, copy, ("features/planted.py", "X = 1\n" * (MAX_LINES + 1)))
    assert too_long == [
        f"followup/features/planted.py has {MAX_LINES + 1} lines (at most {MAX_LINES}): split it"
    ]
    (copy / "features/planted.py").write_text("X = 1\n" * MAX_LINES)
    assert not [p for p in long_modules(copy) if "planted" in p]


def test_a_planted_command_line_below_the_cli_is_found_but_not_in_a_docstring(copy, commands):
    def check(root: Path) -> list[str]:
        return command_lines_below_cli(root, commands)

    planted = (
        '"""Run `followup doctor` if it breaks: a docstring may say so."""\n\n\n'
        'def f(n):\n    """`followup done` too."""\n'
        '    return f"fix it by hand, or run followup doctor --yes on #{n}"\n'
    )
    found = added(check, copy, ("storage/planted.py", planted))
    assert found == ["followup/storage/planted.py:6 spells `followup doctor`: use an advice key"]
    assert added(check, copy, ("cli/planted.py", 'X = "run `followup doctor`"\n')) == []
