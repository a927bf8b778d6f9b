"""Rank and percentile lookup (trainer.results.service.standings) with 100 and with 100,000 counted first attempts.

Prints, for each size, the lookup's median time and its SQL query count, and their ratio. The distribution tables
are filled directly (one bin per distinct score, as grading keeps them); the candidate looked up has a real
attempt row. Run from the repository root: `python benchmarks/percentile.py` (SQLite in a temporary folder), or
with TRAINER_DATABASE_URL set to a PostgreSQL database whose name contains "bench" (every table is dropped).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event, func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trainer import create_app  # noqa: E402
from trainer.auth.service import create_user  # noqa: E402
from trainer.exam.models import Attempt  # noqa: E402
from trainer.extensions import db  # noqa: E402
from trainer.results import service  # noqa: E402
from trainer.results.distribution import to_centimarks  # noqa: E402
from trainer.results.models import TOTAL, FirstAttempt, ScoreBin  # noqa: E402
from trainer.schema import rebuild  # noqa: E402

SECTIONS = ("reasoning", "awareness", "quant", "english")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def section_score(rng: random.Random, skill: float) -> tuple[float, float]:
    """(marks, seconds) of one simulated Tier-I section: 25 questions, +2 / −0.5."""
    attempted = rng.randint(10, 25)
    right = sum(rng.random() < skill for _ in range(attempted))
    return 2 * right - 0.5 * (attempted - right), rng.uniform(400, 900)


def fill(session, code: str, candidates: int, rng: random.Random) -> None:
    """The bins `candidates` graded first attempts leave behind, written in one bulk insert."""
    counts: Counter = Counter()
    seconds: Counter = Counter()
    for _ in range(candidates):
        skill = rng.betavariate(4, 3)
        total, total_seconds = 0.0, 0.0
        for section in SECTIONS:
            marks, spent = section_score(rng, skill)
            counts[(section, to_centimarks(marks))] += 1
            seconds[(section, to_centimarks(marks))] += spent
            total, total_seconds = total + marks, total_seconds + spent
        counts[(TOTAL, to_centimarks(total))] += 1
        seconds[(TOTAL, to_centimarks(total))] += total_seconds
    rows = [
        {"pattern_code": code, "section": s, "centimarks": c, "count": n, "seconds": seconds[(s, c)]}
        for (s, c), n in counts.items()
    ]
    session.execute(insert(ScoreBin), rows)


def looked_up_attempt(session, code: str) -> Attempt:
    """A graded attempt of a candidate, counted as their first: the one whose standing is read."""
    user = create_user(session, f"bench-{code}@example.com", "bench candidate password", name="Bench")
    sections = {s: {"right": 15, "wrong": 5, "blank": 5, "score": 27.5, "max_marks": 50.0} for s in SECTIONS}
    attempt = Attempt(
        user_id=user.id, pattern_code=code, pattern={"kind": "full"}, mode="strict", state="submitted",
        started_at=T0, deadline=T0, finished_at=T0, score=110.0,
        result={"total": 110.0, "max": 200.0, "sections": sections, "answers": []},
    )  # fmt: skip
    session.add(attempt)
    session.flush()
    session.add(FirstAttempt(user_id=user.id, pattern_code=code, attempt_id=attempt.id))
    return attempt


def query_count(session, attempt: Attempt) -> tuple[int, service.Standings]:
    """The SQL statements one lookup runs, and what it found."""
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        standings = service.standings(session, attempt)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return len(statements), standings


def timings(session, attempts: list[Attempt], repeats: int, rounds: int = 10) -> list[float]:
    """Median seconds of one lookup for each attempt, measured in alternating rounds so drift hits all alike."""
    times: list[list[float]] = [[] for _ in attempts]
    for _ in range(rounds):
        for spent, attempt in zip(times, attempts):
            for _ in range(max(1, repeats // rounds)):
                started = time.perf_counter()
                service.standings(session, attempt)
                spent.append(time.perf_counter() - started)
    return [statistics.median(spent) for spent in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 100_000])
    parser.add_argument("--repeats", type=int, default=500)
    args = parser.parse_args()
    url = os.environ.get("TRAINER_DATABASE_URL")
    if url and "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Refusing a database whose name does not contain 'bench': every table in it is dropped.")
    url = url or f"sqlite:///{tempfile.mkdtemp(prefix='percentile-bench-')}/bench.db"
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    with app.app_context():
        rebuild(db.engine)
        rng, attempts, bins = random.Random(2026), [], []
        for size in args.sizes:
            fill(db.session, f"bench-{size}", size, rng)
            attempts.append(looked_up_attempt(db.session, f"bench-{size}"))
            bins.append(db.session.scalar(select(func.count()).where(ScoreBin.pattern_code == f"bench-{size}")))
        db.session.commit()
        counted = [query_count(db.session, attempt) for attempt in attempts]
        medians = timings(db.session, attempts, args.repeats)
        backend = db.engine.url.get_backend_name()
    for size, bin_count, (queries, standings), seconds in zip(args.sizes, bins, counted, medians):
        overall = standings.overall
        print(
            f"{size:>9,} first attempts: {seconds * 1000:6.3f} ms, {queries} queries ({bin_count} bins stored); "
            f"110 marks rank {overall.rank:,} of {overall.candidates:,}, percentile {overall.percentile:.1f}"
        )
    print(
        f"ratio {args.sizes[-1]:,} / {args.sizes[0]:,}: time {medians[-1] / medians[0]:.2f}x, "
        f"queries {counted[-1][0]} / {counted[0][0]} ({backend})"
    )


if __name__ == "__main__":
    main()
