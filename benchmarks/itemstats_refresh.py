"""`stats refresh` cost: everything from 10,000 graded attempts, then incrementally after 100 (and 1,000) more.

The graded attempts are written directly (attempt rows with their answers, slots, and the queue rows grading
leaves), simulated from candidates' ability and each question's difficulty; a few questions carry a wrong key.
Prints the time of each refresh with the attempts it read and the versions it recomputed. Run from the repository
root: `python benchmarks/itemstats_refresh.py` (SQLite in a temporary folder), or with TRAINER_DATABASE_URL set to
a PostgreSQL database whose name contains "bench" (every table is dropped).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trainer import create_app  # noqa: E402
from trainer.auth.models import User  # noqa: E402
from trainer.bank.models import Question, QuestionVersion, Topic  # noqa: E402
from trainer.exam.models import Attempt, Slot  # noqa: E402
from trainer.extensions import db  # noqa: E402
from trainer.itemstats.models import ItemBin, ItemStat, ItemStatsPending  # noqa: E402
from trainer.itemstats.refresh import refresh  # noqa: E402
from trainer.schema import rebuild  # noqa: E402

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
RIGHT, WRONG = 2.0, 0.5


def make_bank(session, size: int, rng: random.Random) -> list[tuple[int, int, float]]:
    """`size` published questions (key A..D) as (version id, key, difficulty); every 50th is keyed wrongly."""
    topic = Topic(section="quant", key="bench", name="Bench", weights={"tier1": "1"}, weight_source="bench")
    session.add(topic)
    session.flush()
    session.execute(insert(Question), [{"uid": f"bench-{i:05d}", "status": "published"} for i in range(size)])
    ids = dict(session.execute(select(Question.uid, Question.id)).all())
    rows = [
        {
            "question_id": ids[f"bench-{i:05d}"], "number": 1, "topic_id": topic.id, "difficulty": "medium",
            "stem": f"Bench question {i}?", "options": ["w", "x", "y", "z"], "answer": i % 4,
            "explanation": "-", "source": "bench", "content_hash": f"{i:064d}",
        }
        for i in range(size)
    ]  # fmt: skip
    session.execute(insert(QuestionVersion), rows)
    versions = session.execute(select(QuestionVersion.id, QuestionVersion.answer).order_by(QuestionVersion.id)).all()
    return [(vid, key, rng.gauss(0, 1)) for vid, key in versions]


def sit(session, bank, candidates: int, paper: int, rng: random.Random, start: int) -> None:
    """`candidates` new candidates, each with one graded strict attempt at `paper` questions, queued for refresh."""
    users = [
        {"email": f"bench{start + i}@example.com", "name": "Bench", "password_hash": "!"} for i in range(candidates)
    ]
    session.execute(insert(User), users)
    user_ids = list(session.scalars(select(User.id).where(User.email.like("bench%")).order_by(User.id)))[-candidates:]
    attempts, plans = [], []
    for n, user_id in enumerate(user_ids):
        skill = rng.gauss(0, 1)
        drawn = rng.sample(bank, paper)
        answers = [simulated_answer(rng, skill, difficulty, key, vid) for vid, key, difficulty in drawn]
        true_keys = [key for _vid, key, _d in drawn]
        marks = [0.0 if a is None else (RIGHT if a == k else -WRONG) for a, k in zip(answers, true_keys)]
        finished = T0 + timedelta(seconds=start + n)
        attempts.append(
            {
                "user_id": user_id, "pattern_code": "bench", "pattern": {"kind": "full"}, "mode": "strict",
                "state": "submitted", "started_at": finished - timedelta(hours=1), "deadline": finished,
                "finished_at": finished, "score": sum(marks),
                "result": {"total": sum(marks), "max": RIGHT * paper, "sections": {}, "answers": answers},
            }
        )  # fmt: skip
        plans.append(drawn)
    session.execute(insert(Attempt.__table__), attempts)
    attempt_ids = list(session.scalars(select(Attempt.id).order_by(Attempt.id)))[-candidates:]
    slots = [
        {
            "attempt_id": attempt_id, "position": p, "section": "quant", "version_id": vid,
            "option_order": [0, 1, 2, 3], "marks_right": RIGHT, "marks_wrong": WRONG,
        }
        for attempt_id, drawn in zip(attempt_ids, plans)
        for p, (vid, _key, _d) in enumerate(drawn)
    ]  # fmt: skip
    for start_row in range(0, len(slots), 20_000):
        session.execute(insert(Slot.__table__), slots[start_row : start_row + 20_000])
    session.execute(insert(ItemStatsPending), [{"attempt_id": a} for a in attempt_ids])
    session.commit()


def simulated_answer(rng: random.Random, skill: float, difficulty: float, key: int, vid: int) -> int | None:
    """Right with a logistic chance; otherwise blank or a wrong option. Every 50th question's "key" is the one the
    able candidates avoid (a wrongly keyed question): they answer the option after it."""
    chance = 1 / (1 + math.exp(difficulty - skill))
    if rng.random() < 0.15:
        return None
    known = rng.random() < chance
    if vid % 50 == 0:
        return (key + 1) % 4 if known else rng.randrange(4)
    return key if known else rng.choice([o for o in range(4) if o != key])


def timed_refresh(session, everything: bool) -> tuple[float, int, int, int]:
    started = time.perf_counter()
    report = refresh(session, datetime.now(UTC), everything=everything)
    session.commit()
    return time.perf_counter() - started, report.attempts, report.versions, report.bins


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--paper", type=int, default=100, help="questions per paper")
    parser.add_argument("--bank", type=int, default=1_000, help="published questions papers are drawn from")
    parser.add_argument("--more", type=int, nargs="+", default=[100, 1_000], help="attempts added before each rerun")
    args = parser.parse_args()
    url = os.environ.get("TRAINER_DATABASE_URL")
    if url and "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Refusing a database whose name does not contain 'bench': every table in it is dropped.")
    url = url or f"sqlite:///{tempfile.mkdtemp(prefix='itemstats-bench-')}/bench.db"
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    rng = random.Random(2026)
    with app.app_context():
        session = db.session
        rebuild(db.engine)
        bank = make_bank(session, args.bank, rng)
        started = time.perf_counter()
        sit(session, bank, args.attempts, args.paper, rng, 0)
        written = time.perf_counter() - started
        print(f"wrote {args.attempts:,} graded attempts of {args.paper} questions in {written:.1f} s")
        runs = [("refresh --all", *timed_refresh(session, everything=True))]
        seen = args.attempts
        for more in args.more:
            sit(session, bank, more, args.paper, rng, seen)
            seen += more
            runs.append((f"refresh after {more:,} more", *timed_refresh(session, everything=False)))
        bins = session.scalar(select(func.count()).select_from(ItemBin))
        flagged = session.scalar(select(func.count()).select_from(ItemStat).where(ItemStat.severity >= 400))
        backend = db.engine.url.get_backend_name()
    for name, seconds, attempts, versions, bins_read in runs:
        print(f"{name:<26} {seconds:8.2f} s  {attempts:>6,} attempts read  {versions:>5,} versions recomputed "
              f"from {bins_read:>7,} bins")  # fmt: skip
    print(f"{bins:,} bins stored for {args.bank:,} versions; {flagged} flagged as likely wrong key ({backend})")


if __name__ == "__main__":
    main()
