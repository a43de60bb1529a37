"""Print the shape of the code: module sizes and the longest functions.

Run:  .venv/bin/python benchmarks/code_shape.py [--top 10] [SRC]

Lines are physical lines of each module; a function's length runs from its `def`
to its last line (decorators and docstring included). Nothing here asserts: it
prints figures for notes and reviews (no module over ~450 lines is the aim).
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", nargs="?", default=str(Path(__file__).parent.parent / "src"))
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    root = Path(args.src)
    modules: list[tuple[int, str]] = []
    functions: list[tuple[int, str]] = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(root))
        modules.append((len(text.splitlines()), name))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                functions.append((node.end_lineno - start + 1, f"{name}:{node.name}"))
    total = sum(n for n, _ in modules)
    print(f"{len(modules)} modules, {total} lines; largest first:")
    for lines, name in sorted(modules, reverse=True):
        print(f"  {lines:5d}  {name}")
    print(f"the {args.top} longest functions:")
    for lines, name in sorted(functions, reverse=True)[: args.top]:
        print(f"  {lines:5d}  {name}")


if __name__ == "__main__":
    main()
