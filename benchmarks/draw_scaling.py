"""Does drawing a paper grow with the bank, or with use? In-process timings of a Tier-I start (100 questions).

Run from the repository root:  python benchmarks/draw_scaling.py [--sizes 1000 10000 100000] [--earlier 1000]
The bundled bank and the generated pool are loaded, then synthetic hand-written items are added (written straight
into the tables, rendered once and copied) until the bank holds each size; at each size a fresh candidate's start
is timed (draw, attempt and slot inserts, commit), median of --repeat. At the first size it is timed again after
--earlier committed starts by other candidates. SQLite in a temporary folder by default; PostgreSQL when
TRAINER_DATABASE_URL names a database containing "bench" (its tables are dropped and rebuilt).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import func, insert, make_url, select, text  # noqa: E402

from benchmarks.save_answer import bench_environment  # noqa: E402

TIER1_SUBJECTS = ("reasoning", "awareness", "quant", "english")
_users = itertools.count()


def static_count(session) -> int:
    from trainer.bank.models import Question

    return session.scalar(select(func.count(Question.id)).where(Question.kind == "static"))


def pad_bank(session, total: int, rng: random.Random) -> None:
    """Add synthetic published questions over the Tier-I topics until the hand-written bank holds `total`."""
    from trainer.bank.models import Question, QuestionVersion, Topic, restamp
    from trainer.bank.rendering import render_version

    have = static_count(session)
    if have >= total:
        return
    topics = list(session.scalars(select(Topic).where(Topic.section.in_(TIER1_SUBJECTS))))
    html = render_version("Synthetic question $x^2$?", ["one", "two", "three", "four"], "Because one.", None)
    next_q = (session.scalar(select(func.max(Question.id))) or 0) + 1
    next_v = (session.scalar(select(func.max(QuestionVersion.id))) or 0) + 1
    for start in range(have, total, 5000):
        questions, versions = [], []
        for n in range(start, min(total, start + 5000)):
            topic = topics[n % len(topics)]
            qid, vid = next_q + n - have, next_v + n - have
            questions.append(
                {"id": qid, "uid": f"synthetic-{n}", "status": "published", "kind": "static", "current_version_id": vid,
                 "topic_id": topic.id, "draw_key": rng.random(), "shuffle": True, "group_version_id": None}
            )  # fmt: skip
            versions.append(
                {"id": vid, "question_id": qid, "number": 1, "topic_id": topic.id, "subtopic": "",
                 "difficulty": "medium", "language": "en", "stem": f"Synthetic question {n} $x^2$?",
                 "options": ["one", "two", "three", "four"], "answer": n % 4, "explanation": "Because one.",
                 "source": "benchmark", "shuffle": True, "content_hash": f"{n:064d}", "rendered": html}
            )  # fmt: skip
        session.execute(insert(Question), questions)
        session.execute(insert(QuestionVersion), versions)
        restamp(session)  # written past the ORM: tell the app processes' draw indexes, as an import would
        session.commit()
    if session.bind.dialect.name == "postgresql":  # the ids above were given, not drawn from the sequences
        for table in ("question", "question_version"):
            session.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            )
        session.commit()


def index_load_seconds(session) -> float:
    """How long this process takes to prepare its draw index once after the bank changed (not per start)."""
    from trainer.bank import drawindex

    began = time.perf_counter()
    drawindex.load(session, None)
    return time.perf_counter() - began


def new_candidate(session):
    from trainer.auth.models import User

    user = User(email=f"drawer{next(_users)}@bench.example", name="Bench", password_hash="x")
    session.add(user)
    session.commit()
    return user


def time_starts(session, repeat: int) -> list[tuple[float, float]]:
    """(wall, CPU of this process) seconds per start of a fresh candidate (each start committed, as the view does).

    The CPU time is the figure to compare on a shared machine: on SQLite it is the whole start's work; on
    PostgreSQL the server's part is missing from it."""
    from trainer.core.clock import utcnow
    from trainer.exam.paper import start_attempt
    from trainer.exam.patterns import get_pattern

    pattern, seconds = get_pattern("tier1-2025"), []
    for n in range(repeat + 2):
        user = new_candidate(session)
        began, cpu = time.perf_counter(), time.process_time()
        start_attempt(session, user, pattern, utcnow(), random.Random(n))
        session.commit()
        if n >= 2:  # the first two warm caches up (statement cache, connection pool)
            seconds.append((time.perf_counter() - began, time.process_time() - cpu))
    return seconds


def earlier_starts(session, count: int) -> None:
    """`count` committed starts by 100 other candidates, as a busy week would leave them."""
    from trainer.core.clock import utcnow
    from trainer.exam.paper import start_attempt
    from trainer.exam.patterns import get_pattern

    users = [new_candidate(session) for _ in range(100)]
    for n in range(count):
        start_attempt(session, users[n % len(users)], get_pattern("tier1-2025"), utcnow(), random.Random(10_000 + n))
        session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--earlier", type=int, default=1000, help="committed starts before the second timing")
    parser.add_argument("--repeat", type=int, default=11, help="timed starts per point")
    parser.add_argument("--pool", type=int, default=40, help="generated items prepared per generator")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as folder:
        os.environ.update(bench_environment(Path(folder)))
        url = os.environ["TRAINER_DATABASE_URL"]
        from tests.factories import load_bundled_bank
        from trainer import create_app
        from trainer.bank.models import Question
        from trainer.bank.pool import refill
        from trainer.extensions import db, make_engine
        from trainer.schema import rebuild

        engine = make_engine(url)
        rebuild(engine)
        engine.dispose()
        app = create_app()
        rows, loads = [], []
        with app.app_context():
            session = db.session
            load_bundled_bank(session)
            refill(session, random.Random(1), args.pool, done=session.commit)
            session.commit()
            rng = random.Random(2)
            for number, size in enumerate(args.sizes):
                pad_bank(session, size, rng)
                loads.append((size, index_load_seconds(session)))
                rows.append((f"{size:,} items", time_starts(session, args.repeat), static_count(session)))
                print(f"  {rows[-1][0]}: {median(rows[-1][1], 0) * 1000:.0f} ms", flush=True)
                if number == 0 and args.earlier:
                    earlier_starts(session, args.earlier)
                    label = f"{size:,} items after {args.earlier:,} starts"
                    rows.append((label, time_starts(session, args.repeat), static_count(session)))
                    print(f"  {rows[-1][0]}: {median(rows[-1][1], 0) * 1000:.0f} ms", flush=True)
            generated = session.scalar(select(func.count(Question.id)).where(Question.kind == "generator"))
        db.session.remove()
        db.engine.dispose()
    report(rows, generated, make_url(url).get_backend_name(), args)
    for size, seconds in loads:
        print(f"draw index, prepared once per process after a bank change, at {size:,} items: {seconds * 1000:.0f} ms")


def median(timings: list[tuple[float, float]], which: int) -> float:
    return statistics.median(t[which] for t in timings)


def report(rows, generated: int, backend: str, args) -> None:
    print(f"\n{backend}: a fresh candidate's Tier-I start (100 questions), in-process, {os.cpu_count()} CPUs")
    print(f"{'bank':<32}{'hand-written':>14}{'median ms':>11}{'p90 ms':>9}{'CPU ms':>9}")
    for label, timings, static in rows:
        p90 = statistics.quantiles([t[0] for t in timings], n=10)[-1]
        print(
            f"{label:<32}{static:>14,}{median(timings, 0) * 1000:>11.0f}{p90 * 1000:>9.0f}"
            f"{median(timings, 1) * 1000:>9.0f}"
        )
    for which, name in ((0, "wall"), (1, "CPU")):
        first, last = median(rows[0][1], which), median(rows[-1][1], which)
        line = f"{name}: {rows[-1][0]} / {rows[0][0]}: {last / first:.2f}x (target <= 2x)"
        if args.earlier:
            line += f"; after {args.earlier:,} starts / before: {median(rows[1][1], which) / first:.2f}x (no growth)"
        print(line)
    print(f"generated items stored: {generated} (the pool; starts add none)")


if __name__ == "__main__":
    main()
