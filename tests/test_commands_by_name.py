"""The command line knows its commands by name: one module per command, imported only
when it runs, its summary written once; and it uses only public APIs of its libraries."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from followup.cli import usage
from followup.cli.commands import COMMANDS, build

ROOT = Path(__file__).resolve().parent.parent
COMMANDS_DIR = ROOT / "src" / "followup" / "cli" / "commands"


def declared(path: Path) -> list[str]:
    """The command names a module declares with `@command(...)`."""
    names = []
    for node in ast.parse(path.read_text()).body:
        for deco in getattr(node, "decorator_list", []):
            if isinstance(deco, ast.Call) and getattr(deco.func, "id", "") == "command":
                given_name = deco.args[0].value if deco.args else None
                names.append(given_name or node.name.replace("_", "-"))
    return names


def test_each_command_is_found_by_its_name():
    by_module = {p.stem: declared(p) for p in COMMANDS_DIR.glob("*.py") if p.name != "__init__.py"}
    assert sorted(by_module) == sorted(n + "_" if n == "import" else n for n in COMMANDS)
    for module, names in by_module.items():
        assert names == [module.removesuffix("_")], module


def test_a_summary_is_written_once_and_heads_the_command_s_help():
    for name, summary in COMMANDS.items():
        command = build(name)
        assert command.help.startswith(summary + "\n\n") or command.help == summary, name
        doc = inspect.getdoc(command.callback) or ""
        assert summary.split(". ")[0] not in doc, f"{name}: its docstring repeats the summary"


def test_the_help_lists_each_command_as_its_own_help_would(cli):
    out = cli("--help").stdout
    listing = out.split("Commands:\n", 1)[1].splitlines()
    shown = dict(line.strip().split(None, 1) for line in listing if line.strip())
    assert list(shown) == list(COMMANDS)
    # Click's own rule: the list gets the width less 6 and the longest name (80 in tests)
    limit = 80 - 6 - max(len(n) for n in COMMANDS)
    for name, text in shown.items():
        assert text == build(name).get_short_help_str(limit), name


def test_a_command_is_built_once_per_process():
    assert build("status") is build("status")


def test_a_negative_number_is_an_option_s_value_where_the_option_takes_one(cli):
    assert cli("add", "Acme", "--with", "Jane").code == 0
    result = cli("done", "1", "email", "--who", "-2")
    assert result.code == 1 and "'-2'" in result.stderr and "no such option" not in result.stderr
    result = cli("reopen", "-3")
    assert result.code == 1 and result.stderr.startswith("error: no interview -3")


option_words = st.sampled_from(["--who", "-w", "--json", "-a", "--days", "-d7", "--", "x", "1"])


@given(st.lists(st.one_of(option_words, st.integers(-99, 99).map(str)), max_size=8))
def test_shielding_numbers_loses_nothing(args):
    class Option:
        param_type_name = "option"
        is_flag = count = False
        nargs = 1
        opts, secondary_opts = ["--who", "-w"], []

    shielded: set[str] = set()
    shield = usage._shield_numbers([Option()], args, shielded)
    assert [usage._bare(a, shielded) for a in shield] == args
    for before, after in zip(args, shield, strict=True):
        assert after == before or (after == " " + before and usage.NEGATIVE.fullmatch(before))


def private_imports(path: Path) -> list[str]:
    """Imports of a library's private module or name (`typer._click`, `from _json ...`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
            names: list[str] = []
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
            names = [alias.name for alias in node.names]
        else:
            continue
        for module in modules:
            if module.split(".")[0] in ("followup", "conftest", "__future__"):
                continue
            parts = module.split(".") + names
            if any(p.startswith("_") and not p.startswith("__") for p in parts):
                found.append(f"{path.relative_to(ROOT)}: {module} {names or ''}")
    return found


def test_only_public_apis_of_libraries_are_used():
    paths = [*ROOT.joinpath("src").rglob("*.py"), *ROOT.joinpath("tests").rglob("*.py")]
    assert [hit for p in paths for hit in private_imports(p)] == []
    # nor is a library's private name patched by the tests
    patched = "typer.testing." + "_"  # spelled apart, so that this file does not match
    for path in ROOT.joinpath("tests").rglob("*.py"):
        assert patched not in path.read_text(), path
