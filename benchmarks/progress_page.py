"""The progress, result and tests pages at 10, 100 and 1,000 graded attempts: time and SQL queries per view.

Run from the repository root: `python benchmarks/progress_page.py` (SQLite in a temporary folder) or with
TRAINER_DATABASE_URL pointing at a database whose name contains "bench" (every table in it is dropped).
Attempts are made through the services (draw, one batch of saves, submit) with a fixed rng: every tenth a full
strict Tier-I mock, the others ten-question practice topic tests.
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

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # so `python benchmarks/progress_page.py` finds trainer/ and tests/

from sqlalchemy import event, make_url  # noqa: E402

from tests.factories import Auth, load_bundled_bank  # noqa: E402
from trainer import create_app  # noqa: E402
from trainer.auth.models import User  # noqa: E402
from trainer.exam import paper, saving, service  # noqa: E402
from trainer.exam.patterns import get_pattern, topic_pattern  # noqa: E402
from trainer.exam.saving import ClientStep  # noqa: E402
from trainer.extensions import db, make_engine  # noqa: E402
from trainer.schema import rebuild  # noqa: E402

SIZES = (10, 100, 1000)
T0 = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


def graded_attempt(user: User, n: int, rng: random.Random) -> int:
    """Attempt number n: draw it, answer every question (right 60% of the time) in one batch, submit."""
    tier1 = get_pattern("tier1-2025")
    full = n % 10 == 0
    pattern = tier1 if full else topic_pattern(tier1, "quant", ("percentage", "geometry", "algebra"), 10)
    at = T0 + timedelta(hours=n)
    attempt = paper.start_attempt(db.session, user, pattern, at, rng, mode="strict" if full else "practice")
    steps = []
    for slot in attempt.slots:
        key = slot.option_order.index(slot.version.answer)
        choice = key if rng.random() < 0.6 else (key + 1) % 4
        steps += [ClientStep(f"v{slot.position}", "view", slot.position, None)]
        steps += [ClientStep(f"s{slot.position}", "save", slot.position, choice)]
    saving.save_steps(db.session, attempt.id, (user.id, 0), steps, at + timedelta(minutes=1), 10)
    service.submit(db.session, attempt, at + timedelta(minutes=5), 10)
    db.session.commit()
    return attempt.id


def measure(client, path: str, repeat: int) -> tuple[float, int, int]:
    """Median milliseconds, SQL statements and bytes of one GET of `path`."""
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    client.get(path)  # warm the caches (templates, patterns)
    times = []
    for _ in range(repeat):
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", record)
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        event.remove(db.engine, "before_cursor_execute", record)
        if response.status_code != 200:
            raise SystemExit(f"GET {path}: {response.status_code}")
    return statistics.median(times), len(statements), len(response.data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="page views per figure (the median is printed)")
    args = parser.parse_args()
    url = os.environ.get("TRAINER_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/progress-bench.db"
    if not url.startswith("sqlite") and "bench" not in (make_url(url).database or ""):
        raise SystemExit("refusing a database whose name does not contain 'bench': every table in it is dropped")
    engine = make_engine(url)
    rebuild(engine)
    engine.dispose()
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    client = app.test_client()
    with app.app_context():
        load_bundled_bank(db.session)
        db.session.commit()
    user = Auth(app, client).login()
    rng = random.Random(2026)
    made, last = 0, None
    print(
        f"{'attempts':>8}  {'progress ms':>11}  {'queries':>7}  {'KB':>5}  {'result ms':>9}  {'queries':>7}"
        f"  {'tests ms':>8}  {'queries':>7}"
    )
    for size in SIZES:
        start = time.perf_counter()
        with app.app_context():
            account = db.session.get(User, user.id)
            while made < size:
                last = graded_attempt(account, made, rng)
                made += 1
        built = time.perf_counter() - start
        progress = measure(client, "/progress", args.repeat)
        result = measure(client, f"/attempts/{last}/result", args.repeat)
        tests = measure(client, "/tests", args.repeat)  # lists 20 of them, however many there are
        print(
            f"{size:>8}  {progress[0]:>11.1f}  {progress[1]:>7}  {progress[2] / 1024:>5.0f}  "
            f"{result[0]:>9.1f}  {result[1]:>7}  {tests[0]:>8.1f}  {tests[1]:>7}   (attempts made in {built:.0f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
