"""Rebuild the examples in README.md (and docs/*.md) from real runs of followup.

    python docs/examples.py              # rerun every marked example, rewrite its output
    python docs/examples.py --check      # change nothing; exit 1 with a diff if any is stale
    python docs/examples.py --only tour  # rerun one session (and leave the others as they are)
    python docs/examples.py docs/x.md    # other Markdown files (default: README.md, docs/*.md)

`tests/test_readme.py` runs `--check`, so an example that no longer matches what the
program prints fails the tests: after changing what a command prints, run this script
and commit the README it rewrites.

Marking an example
------------------

Put an HTML comment (invisible on GitHub) on the line before a fenced block::

    <!-- example: tour -->
    ```console
    $ followup add "Acme Corp" --at "yesterday 2pm" \\
        --with "Jane Doe <jane@acme.com>"
    (anything here is replaced by what the commands print)
    $ followup status
    ```

Lines starting with `$ ` are commands; a command continues on the next line when its
line ends with a backslash, or when the next line starts with `> ` (a shell's second
prompt, for here-documents). Every other line of the block is output: the script
replaces it with what the commands print, stdout and stderr interleaved as a terminal
shows them (each command runs on a pseudo-terminal, so `followup` behaves as it does
for a user; colours are off). That `followup` is the code in `src/` beside this script,
run by the Python that runs the script, whatever copy of followup is installed. A
command's exit code is not shown; write the block so that a reader can tell
(`error: ...` says it).

`tour` names a *session*: every block with the same name runs, in the order of the
files, against the same data, so a later block sees what earlier ones added. Each
session starts empty, in its own temporary home folder (`HOME`, with the XDG folders
under it, so the default data and settings folders are used; FOLLOWUP_HOME is unset),
which is also the working folder; its path is shown as `/home/sam`.

Options follow the name, as `key=value` (quote a value with spaces):

    now=2026-11-26T10:00    FOLLOWUP_NOW from this block on (default 2026-11-26T10:00,
                            a Thursday); naive means the session's zone
    tz=Europe/Berlin        TZ from this block on (default UTC)
    columns=100             terminal width from this block on (default 80)
    stderr=#                print stderr after stdout, each line prefixed with "# "
                            (for drafts, whose text is stdout alone); this block only
    needs=jq                tools the block runs besides followup; without them,
                            --check skips the block (saying so) and a rewrite fails

Commands the reader need not see (making a file, say) go in the comment, one per line
after the first, each starting with `$ `; they run before the block's own commands:

    <!-- example: import
    $ printf 'company,at\\nUmbrella,2026-11-20 10:00\\n' > applications.csv
    -->

A marker and its block may be indented alike (a block inside a list item).

A command ending in ` <TAB>` shows what shell completion offers at that point (bash's
completion, run for real), its candidates on one line.

Needs a POSIX system (pseudo-terminals) with bash; the default data folders are
platformdirs' Linux ones, so the expected text is Linux's.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The code the examples run: the source beside this script, not an installed copy.
SOURCE = ROOT / "src"
DEFAULTS = {"now": "2026-11-26T10:00", "tz": "UTC", "columns": "80"}
SHOWN_HOME = "/home/sam"
MARKER = re.compile(r"^\s*<!--\s*example:\s*(?P<head>[^\n]*?)\s*(?P<end>-->)?\s*$")
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+|~~~+)")
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-B]")
TIMEOUT = 120


class ExampleError(Exception):
    """A marked example that cannot be run or rewritten."""


@dataclass
class Block:
    """One marked fenced block: where it is, its session, options and commands."""

    file: Path
    line: int  # 1-based line of the marker, for messages
    session: str
    options: dict[str, str]
    hidden: list[str]
    commands: list[list[str]]  # each command as the lines it is written on
    body: tuple[int, int]  # the block's content: lines [start, end) of the file
    indent: str = ""  # a block inside a list item is indented
    output: list[str] = field(default_factory=list)


def _commands(lines: list[str]) -> list[list[str]]:
    """The commands written in `lines` (`$ ` lines and their continuations)."""
    commands: list[list[str]] = []
    continues = False
    for line in lines:
        if commands and (continues or line.startswith("> ")):
            commands[-1].append(line)
        elif line.startswith("$ "):
            commands.append([line])
        else:
            continues = False
            continue
        continues = line.endswith("\\")
    return commands


def parse(path: Path) -> tuple[list[str], list[Block]]:
    """The lines of a Markdown file and its marked blocks."""
    lines = path.read_text(encoding="utf-8").split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = MARKER.match(lines[i])
        if not match:
            i += 1
            continue
        start = i
        where = f"{path.name}:{start + 1}"
        hidden: list[str] = []
        if not match["end"]:
            i += 1
            while i < len(lines) and lines[i].strip() != "-->":
                hidden.append(lines[i])
                i += 1
            if i == len(lines):
                raise ExampleError(f"{where}: the example comment is never closed with -->")
        try:
            name, *pairs = shlex.split(match["head"])
        except ValueError as exc:
            raise ExampleError(f"{where}: can't read the marker: {exc}") from None
        options = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep or key not in {*DEFAULTS, "stderr", "needs"}:
                raise ExampleError(
                    f"{where}: unknown option {pair!r}: use now=, tz=, columns=, stderr=#, needs="
                )
            options[key] = value
        i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        fence = FENCE.match(lines[i]) if i < len(lines) else None
        if not fence:
            raise ExampleError(f"{where}: the marker is not followed by a fenced block")
        body_start = i + 1
        i = body_start
        indent = fence["indent"]
        while i < len(lines) and not lines[i].strip().startswith(fence["fence"]):
            i += 1
        if i == len(lines):
            raise ExampleError(f"{where}: the fenced block is never closed")
        commands = _commands([ln.removeprefix(indent) for ln in lines[body_start:i]])
        if not commands:
            raise ExampleError(f"{where}: the block has no command (a line starting with '$ ')")
        blocks.append(
            Block(
                path, start + 1, name, options, _hidden(hidden), commands, (body_start, i), indent
            )
        )
        i += 1
    return lines, blocks


def _hidden(lines: list[str]) -> list[str]:
    return ["\n".join(_strip_prompts(c)) for c in _commands([ln.strip() for ln in lines])]


def _strip_prompts(command: list[str]) -> list[str]:
    """A written command as the shell should read it: without `$ ` and `> ` prompts."""
    first, *rest = command
    return [first[2:], *(ln[2:] if ln.startswith("> ") else ln for ln in rest)]


def launcher(target: Path) -> None:
    """Write `target`: a `followup` command that runs SOURCE (the code beside this
    script) with this interpreter, whatever copy of followup is installed.

    Its first line has the shell start Python on the file itself, as pip's launchers do
    where a `#!` line cannot hold the interpreter's path (spaces, length); Python reads
    that line as a string. The program sees itself run as `followup`, as installed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    python = shlex.quote(sys.executable)
    target.write_text(
        "#!/bin/sh\n"
        f"'''exec' {python} \"$0\" \"$@\"\n"
        "' '''\n"
        "import sys\n"
        f"sys.path.insert(0, {str(SOURCE)!r})\n"
        "from followup.__main__ import main\n"
        "sys.exit(main())\n"
    )
    target.chmod(0o755)


class Session:
    """A temporary home where one session's commands run, one after another."""

    def __init__(self, name: str, root: Path) -> None:
        self.name = name
        self.home = root / name / "home" / "sam"
        self.home.mkdir(parents=True)
        self.settings = dict(DEFAULTS)
        bindir = root / "bin"
        path = [str(bindir), str(Path(sys.executable).parent), os.environ.get("PATH", "")]
        self.path = os.pathsep.join(path)

    def env(self) -> dict[str, str]:
        home = str(self.home)
        return {
            "PATH": self.path,
            "HOME": home,
            "USER": "sam",
            "LOGNAME": "sam",
            "XDG_DATA_HOME": f"{home}/.local/share",
            "XDG_CONFIG_HOME": f"{home}/.config",
            "XDG_CACHE_HOME": f"{home}/.cache",
            "XDG_STATE_HOME": f"{home}/.local/state",
            "FOLLOWUP_NOW": self.settings["now"],
            "TZ": self.settings["tz"],
            "COLUMNS": self.settings["columns"],
            "LINES": "40",
            "NO_COLOR": "1",
            "TERM": "dumb",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }

    def run(self, command: str, stderr_apart: bool = False) -> str:
        """Run one shell command on a pseudo-terminal; return what it printed."""
        if command.endswith(" <TAB>"):
            return self.complete(command.removesuffix(" <TAB>"))
        import fcntl
        import pty
        import struct
        import termios

        leader, follower = pty.openpty()
        size = struct.pack("HHHH", 40, int(self.settings["columns"]), 0, 0)
        fcntl.ioctl(follower, termios.TIOCSWINSZ, size)
        proc = subprocess.Popen(
            ["bash", "--noprofile", "--norc", "-c", command],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.PIPE if stderr_apart else follower,
            cwd=self.home,
            env=self.env(),
            start_new_session=True,
        )
        os.close(follower)
        chunks = {leader: b"", **({proc.stderr.fileno(): b""} if proc.stderr else {})}
        open_fds = set(chunks)
        while open_fds:
            ready, _, _ = select.select(list(open_fds), [], [], TIMEOUT)
            if not ready:
                proc.kill()
                raise ExampleError(f"{self.name}: {command!r} ran for {TIMEOUT} s")
            for fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:  # EIO: the terminal's last writer has gone
                    data = b""
                if data:
                    chunks[fd] += data
                else:
                    open_fds.discard(fd)
        proc.wait()
        os.close(leader)
        text = self.tidy(chunks[leader])
        if proc.stderr:
            err = self.tidy(chunks[proc.stderr.fileno()])
            proc.stderr.close()
            text += "".join(f"# {line}\n" for line in err.splitlines())
        return text

    def complete(self, words: str) -> str:
        """What bash completion offers after `words` (followup's own completion)."""
        split = shlex.split(words)
        env = {
            **self.env(),
            "_FOLLOWUP_COMPLETE": "complete_bash",
            "COMP_WORDS": " ".join([*split, ""]),
            "COMP_CWORD": str(len(split)),
        }
        done = subprocess.run(
            [split[0]], env=env, cwd=self.home, capture_output=True, timeout=TIMEOUT, check=False
        )
        return "  ".join(self.tidy(done.stdout).split()) + "\n"

    def tidy(self, raw: bytes) -> str:
        """Terminal output as text: no escapes or CRs, the temporary home shown as /home/sam."""
        text = ESCAPES.sub("", raw.decode("utf-8", "replace")).replace("\r", "")
        text = text.replace(str(self.home), SHOWN_HOME).replace(
            str(self.home.parent.parent), "/tmp/example"
        )
        lines = [line.rstrip() for line in text.split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        return "".join(line + "\n" for line in lines)


def run_blocks(blocks: list[Block], root: Path, check: bool) -> list[Block]:
    """Run `blocks`, each session's in order, sessions side by side (one per core: they
    share nothing); return those that were run."""
    by_session: dict[str, list[Block]] = {}
    for block in blocks:
        by_session.setdefault(block.session, []).append(block)
    launcher(root / "bin" / "followup")  # before the threads, which all use it
    workers = min(len(by_session), os.cpu_count() or 1) or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(run_session, name, found, root, check) for name, found in by_session.items()
        ]
        results = [future.result() for future in futures]  # in order: the first error wins
    ran: list[Block] = []
    for done, notes in results:
        ran.extend(done)
        for note in notes:
            print(note, file=sys.stderr)
    return ran


def run_session(
    name: str, blocks: list[Block], root: Path, check: bool
) -> tuple[list[Block], list[str]]:
    """Run one session's `blocks` in order; return those that were run, and what was
    skipped, as lines to print."""
    session: Session | None = None
    ran: list[Block] = []
    for i, block in enumerate(blocks):
        where = f"{block.file.name}:{block.line}"
        missing = [
            t for t in block.options.get("needs", "").split(",") if t and not shutil.which(t)
        ]
        if missing:
            why = f"{', '.join(missing)} not installed"
            if not check:
                raise ExampleError(f"{where}: can't run the example: {why}")
            notes = [f"skipped {where} ({name}): {why}"]
            notes += [
                f"skipped {b.file.name}:{b.line} ({name}): an earlier block skipped"
                for b in blocks[i + 1 :]
            ]
            return ran, notes
        if session is None:
            session = Session(name, root)
        session.settings.update({k: v for k, v in block.options.items() if k in DEFAULTS})
        for command in block.hidden:
            session.run(command)
        output: list[str] = []
        for command in block.commands:
            output.extend(command)
            printed = session.run("\n".join(_strip_prompts(command)), "stderr" in block.options)
            output.extend(printed.splitlines())
        block.output = output
        ran.append(block)
    return ran, []


def rebuild(paths: list[Path], only: set[str] | None, check: bool) -> int:
    """Rerun the examples of `paths`; rewrite them, or (check) report the stale ones."""
    parsed = {path: parse(path) for path in paths}
    blocks = [b for _, found in parsed.values() for b in found if only is None or b.session in only]
    if only and not blocks:
        raise ExampleError(f"no example is in session {', '.join(sorted(only))}")
    with tempfile.TemporaryDirectory(prefix="followup-examples-") as tmp:
        ran = run_blocks(blocks, Path(tmp), check)
    stale = 0
    for path, (lines, found) in parsed.items():
        new = list(lines)
        for block in sorted((b for b in found if b in ran), key=lambda b: -b.body[0]):
            start, end = block.body
            new[start:end] = [(block.indent + ln).rstrip() for ln in block.output]
        if new == lines:
            continue
        name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        if check:
            stale += 1
            sys.stdout.writelines(
                difflib.unified_diff(
                    [ln + "\n" for ln in lines],
                    [ln + "\n" for ln in new],
                    f"{name} (as written)",
                    f"{name} (as the program prints it)",
                )
            )
        else:
            tmp_file = path.with_name(f".{path.name}.examples-tmp")
            tmp_file.write_text("\n".join(new), encoding="utf-8")
            os.replace(tmp_file, path)
            print(f"rewrote {name}", file=sys.stderr)
    if check and stale:
        print(
            f"{stale} file(s) have stale examples: run `python docs/examples.py` and commit",
            file=sys.stderr,
        )
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Rebuild the README's examples from real runs of followup."
    )
    parser.add_argument(
        "files", nargs="*", type=Path, help="Markdown files (default: README.md, docs/*.md)"
    )
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    parser.add_argument("--only", action="append", metavar="SESSION", help="run only this session")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.files] or [
        ROOT / "README.md",
        *sorted((ROOT / "docs").glob("*.md")),
    ]
    try:
        return rebuild(paths, set(args.only) if args.only else None, args.check)
    except ExampleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
