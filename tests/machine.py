"""Machines for the sync tests: each its own FOLLOWUP_HOME, driven through the real CLI."""

from __future__ import annotations

from pathlib import Path

from conftest import snapshot


def at(moment: str) -> dict[str, str]:
    """Run a command at another 'now'."""
    return {"FOLLOWUP_NOW": moment}


def hour(n: int) -> dict[str, str]:
    """'Now' n hours after 10:00 on 26 November."""
    return at(f"2026-11-26T{10 + n:02d}:00:00+00:00")


class Machine:
    """One machine: its own FOLLOWUP_HOME, driven through the real CLI."""

    def __init__(self, cli, tmp_path: Path, name: str) -> None:
        self.cli, self.home, self.tmp = cli, tmp_path / name, tmp_path
        self.name = name

    def run(self, *args: str, when: int = 0, code: int = 0):
        result = self.cli(*args, env={"FOLLOWUP_HOME": str(self.home), **hour(when)})
        assert result.code == code, (args, result.stdout, result.stderr)
        return result

    def export(self, when: int = 0, name: str | None = None) -> Path:
        path = self.tmp / (name or f"{self.name}-{when}.json")
        path.unlink(missing_ok=True)
        self.run("export", "--output", str(path), when=when)
        return path

    def steps(self, number: int = 1) -> dict[tuple[str, str | None], list[str]]:
        shown = self.run("show", str(number), "--json", when=9).json()
        found: dict[tuple[str, str | None], list[str]] = {}
        for s in shown["steps"]:
            found.setdefault((s["step"], s["who"]), []).append(s["status"])
        return found

    def files(self) -> dict[str, bytes]:
        return snapshot(self.home)
