"""Where a burst's CPU went: the app server's processes, the benchmark's own client, and PostgreSQL's backends.

On a 2-core machine the three share the cores, so the time until the last page is set by their sum; this splits
it, from /proc (Linux), so that a change to one of them can be judged by its own CPU time.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[str, int, float, int] | None:
    """(command name, parent pid, CPU seconds used by the process and its reaped children so far, and the page
    faults they took: each a fresh page the kernel had to find and zero)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    minflt, cminflt, majflt, cmajflt, utime, stime, cutime, cstime = (int(f) for f in fields[7:15])
    return name, int(fields[1]), (utime + stime + cutime + cstime) / TICKS, minflt + cminflt + majflt + cmajflt


def _processes() -> dict[int, tuple[str, int, float, int]]:
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            found[int(entry)] = stat
    return found


@dataclass(frozen=True)
class Usage:
    server: float  # seconds of CPU: the server process and its descendants (gunicorn's workers)
    client: float  # this process (the simulated candidates)
    database: float  # every process named postgres (0 on SQLite)
    wall: float
    server_faults: int = 0  # page faults of the server's processes


def sample(server_pid: int) -> Usage:
    processes = _processes()
    tree, grew = {server_pid}, True
    while grew:
        more = {pid for pid, (_, parent, *_) in processes.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return Usage(
        server=sum(processes[pid][2] for pid in tree if pid in processes),
        client=time.process_time(),
        database=sum(cpu for name, _, cpu, _ in processes.values() if name == "postgres"),
        wall=time.perf_counter(),
        server_faults=sum(processes[pid][3] for pid in tree if pid in processes),
    )


def describe(before: Usage, after: Usage, requests: int, what: str = "candidate") -> str:
    """CPU per `what` of each party, and what share of the machine's cores the burst kept busy."""
    server, client, database = (getattr(after, k) - getattr(before, k) for k in ("server", "client", "database"))
    wall = after.wall - before.wall
    busy = (server + client + database) / (wall * (os.cpu_count() or 1)) if wall else 0.0
    per = 1000 / max(requests, 1)
    faults = (after.server_faults - before.server_faults) * per / 1000
    return (f"CPU per {what}: server {server * per:.1f} ms ({faults:.0f} page faults), client {client * per:.1f} ms, "
            f"database {database * per:.1f} ms; the cores were {busy:.0%} busy with these")  # fmt: skip
