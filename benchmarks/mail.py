"""Benchmark `followup mail --dry-run` on a large mailbox served by a real Dovecot.

Run:  .venv/bin/python benchmarks/mail.py [--messages 10000] [--runs 5]

It starts Dovecot on a free loopback port (as the tests do, tests/imap_server.py),
appends N messages split between Sent and INBOX (every one dated after the interviews,
most to and from people who are no interviewer, a few that match), records 20
interviews, and times whole `followup mail --dry-run --json` processes. It prints the
median and the spread, and the proposals found. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import imaplib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from imap_server import dovecot_server, message

FOLLOWUP = str(Path(sys.executable).parent / "followup")
NOW = datetime(2026, 11, 26, 10, tzinfo=UTC)
START = NOW - timedelta(days=30)


def fill(server, count: int) -> None:
    conn = imaplib.IMAP4(server.host, server.port)
    conn.login(server.user, server.password)
    try:
        for n in range(count):
            when = START + timedelta(minutes=n * 4)
            if n % 2:
                folder = "Sent"
                to = f"jane{n % 20}@company{n % 20}.com" if n % 500 == 1 else f"x{n}@other.org"
                msg = message(server.user, [to], f"Message {n}", when, f"<s{n}@bench>")
            else:
                folder = "INBOX"
                sender = f"hr@company{n % 20}.com" if n % 500 == 0 else f"news{n}@lists.org"
                msg = message(sender, [server.user], f"Message {n}", when, f"<i{n}@bench>")
            conn.append(folder, "", None, msg.as_bytes())
    finally:
        conn.logout()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="fu-mail-bench-"))
    with dovecot_server() as server:
        t0 = time.perf_counter()
        fill(server, args.messages)
        print(f"appended {args.messages} messages in {time.perf_counter() - t0:.1f} s")
        env = dict(os.environ, FOLLOWUP_HOME=str(home), FOLLOWUP_NOW=NOW.isoformat(), TZ="UTC")
        env["FOLLOWUP_IMAP_PASSWORD"] = server.password

        def run(*argv: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [FOLLOWUP, *argv], env=env, capture_output=True, text=True, check=True
            )

        for n in range(20):
            at = (START - timedelta(days=1) + timedelta(hours=n)).isoformat()
            run("add", f"Company {n}", "--at", at, "--with", f"Jane {n} <jane{n}@company{n}.com>")
        for key, value in (
            ("mail.imap.host", server.host),
            ("mail.imap.port", str(server.port)),
            ("mail.imap.user", server.user),
            ("mail.imap.security", "none"),
        ):
            run("config", key, value)
        times = []
        found = None
        for _ in range(args.runs):
            t0 = time.perf_counter()
            found = run("mail", "--dry-run", "--json")
            times.append(time.perf_counter() - t0)
        proposals = json.loads(found.stdout)["proposals"]
        print(
            f"followup mail --dry-run on {args.messages} messages (Sent and INBOX), "
            f"{args.runs} runs: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}); {len(proposals)} proposals"
        )


if __name__ == "__main__":
    main()
