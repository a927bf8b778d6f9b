"""Release of a live mock with 10,000 graded sittings over 3 shifts: normalise, rank, store the standings.

Prints the time of the whole release (trainer.institute.releasing.release: read the sittings, normalise and rank,
replace the stored standings) and, apart, of the pure arithmetic (trainer.institute.normalising.release), over a
few runs; and checks that every run gives the same numbers. Sittings are written directly (users, submitted
attempts with their results, live-mock entries), as grading leaves them.
Run from the repository root: `python benchmarks/release.py [--sittings 10000] [--shifts 3] [--runs 3]` (SQLite in
a temporary folder), or with TRAINER_DATABASE_URL set to a PostgreSQL database whose name contains "bench" or is
given with --wipe NAME (every table is dropped).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, make_url, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trainer import create_app  # noqa: E402
from trainer.auth.models import User  # noqa: E402
from trainer.exam.models import Attempt  # noqa: E402
from trainer.extensions import db  # noqa: E402
from trainer.institute import normalising, releasing  # noqa: E402
from trainer.institute.models import FixedPaper, LiveMock, LiveMockEntry, LiveMockResult, LiveMockShift  # noqa: E402
from trainer.schema import rebuild  # noqa: E402

SECTIONS = ("reasoning", "awareness", "quant", "english")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def section_result(rng: random.Random, skill: float) -> dict:
    """One simulated Tier-I section: 25 questions, +2 / −0.5."""
    attempted = rng.randint(8, 25)
    right = sum(rng.random() < skill for _ in range(attempted))
    wrong = attempted - right
    return {"right": right, "wrong": wrong, "blank": 25 - attempted, "score": 2 * right - 0.5 * wrong,
            "max_marks": 50.0}  # fmt: skip


def fill(session, sittings: int, shifts: int, rng: random.Random) -> LiveMock:
    """A live mock of `shifts` papers and `sittings` graded sittings (each shift a little harder than the last)."""
    papers = [FixedPaper(name=f"Shift {n}", pattern_code="tier1-2025", pattern={}, blueprint={}, state="frozen",
                         frozen_at=T0) for n in range(1, shifts + 1)]  # fmt: skip
    session.add_all(papers)
    mock = LiveMock(title="Bench live mock", opens_at=T0, closes_at=T0 + timedelta(hours=3),
                    release_at=T0 + timedelta(hours=5))  # fmt: skip
    session.add(mock)
    session.flush()
    session.add_all(LiveMockShift(live_mock_id=mock.id, number=n, paper_id=p.id) for n, p in enumerate(papers, 1))
    users = [{"email": f"c{n}@bench.example", "name": f"Candidate {n}", "password_hash": "-"} for n in range(sittings)]
    session.execute(insert(User), users)
    ids = session.scalars(select(User.id).where(User.email.like("%@bench.example")).order_by(User.id)).all()
    attempts = []
    for n, user_id in enumerate(ids):
        shift = n % shifts + 1
        skill = min(0.95, rng.betavariate(4, 3) * (1 - 0.05 * shift) + 0.05)
        sections = {s: section_result(rng, skill) for s in SECTIONS}
        total = sum(s["score"] for s in sections.values())
        attempts.append({"user_id": user_id, "pattern_code": "tier1-2025", "pattern": {}, "mode": "strict",
                         "state": "submitted", "started_at": T0, "deadline": T0 + timedelta(hours=1),
                         "finished_at": T0 + timedelta(hours=1), "score": total,
                         "result": {"total": total, "max": 200.0, "sections": sections, "answers": []}})  # fmt: skip
    session.execute(insert(Attempt), attempts)
    attempt_ids = session.scalars(select(Attempt.id).order_by(Attempt.id)).all()
    entries = [{"live_mock_id": mock.id, "user_id": u, "shift": n % shifts + 1, "attempt_id": a}
               for n, (u, a) in enumerate(zip(ids, attempt_ids, strict=True))]  # fmt: skip
    session.execute(insert(LiveMockEntry), entries)
    session.commit()
    return mock


def standings(session, mock_id: int) -> list[tuple]:
    rows = session.execute(
        select(LiveMockResult.user_id, LiveMockResult.normalised, LiveMockResult.rank, LiveMockResult.percentile)
        .where(LiveMockResult.live_mock_id == mock_id).order_by(LiveMockResult.user_id)
    )  # fmt: skip
    return [tuple(r) for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sittings", type=int, default=10_000)
    parser.add_argument("--shifts", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--wipe", default="", help="the PostgreSQL database name you allow to be wiped")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trainer-release-") as folder:
        url = os.environ.get("TRAINER_DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.db'}"
        name = make_url(url).database or ""
        if make_url(url).get_backend_name() != "sqlite" and "bench" not in name and name != args.wipe:
            raise SystemExit(f"Refusing to wipe {name!r}: use a database whose name contains 'bench', or --wipe it.")
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": True})
        with app.app_context():
            rebuild(db.engine)
            print(f"Filling {args.sittings} sittings over {args.shifts} shifts ({make_url(url).get_backend_name()})",
                  flush=True)  # fmt: skip
            mock = fill(db.session, args.sittings, args.shifts, random.Random(13))
            whole, pure, results = [], [], []
            for run in range(args.runs):
                now = mock.release_at + timedelta(minutes=run)
                began = time.perf_counter()
                releasing.release(db.session, mock, now)
                db.session.commit()
                whole.append(time.perf_counter() - began)
                results.append(standings(db.session, mock.id))
                sittings = releasing.sittings(db.session, mock.id)
                began = time.perf_counter()
                normalising.release(sittings)
                pure.append(time.perf_counter() - began)
            summary = mock.summary[normalising.TOTAL]
        db.session.remove()
        db.engine.dispose()
    same = all(r == results[0] for r in results)
    print(f"{args.sittings} sittings, {args.shifts} shifts, {args.runs} runs, {os.cpu_count()} CPUs")
    print(f"release (read, normalise, rank, store): median {statistics.median(whole):.2f} s, "
          f"runs {' '.join(f'{t:.2f}' for t in whole)}")  # fmt: skip
    print(f"  of which normalise + rank (pure):    median {statistics.median(pure):.2f} s")
    print(f"topper {summary['topper']}, average {summary['average']}, candidates {summary['candidates']}")
    print(f"every run gave the same standings: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
