"""The batch dashboard and its CSV at 10, 100 and 1,000 members: time, SQL queries and size per view.

The page's member tables show PAGE_SIZE members at a time: the first page and the last are both measured (the
same queries, about the same size, whatever the batch's size); the CSV holds every member.

Run from the repository root: `python benchmarks/batch_dashboard.py` (SQLite in a temporary folder) or with
TRAINER_DATABASE_URL pointing at a database whose name contains "bench" (every table in it is dropped).
The bundled bank's taxonomy gives the heat-map's columns; each member has progress rows in 20 topics and three
strict Tier-I mocks (written as grading stores them), and the batch has one drill assigned.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # so `python benchmarks/batch_dashboard.py` finds trainer/ and tests/

from sqlalchemy import make_url, select  # noqa: E402

from benchmarks.progress_page import measure  # noqa: E402
from tests.batches.helpers import add_history, make_batch, make_member  # noqa: E402
from tests.factories import Auth, load_bundled_bank  # noqa: E402
from trainer import create_app  # noqa: E402
from trainer.auth.models import User  # noqa: E402
from trainer.bank.models import Topic  # noqa: E402
from trainer.batches import assignments  # noqa: E402
from trainer.batches.models import Batch  # noqa: E402
from trainer.batches.paging import PAGE_SIZE  # noqa: E402
from trainer.core.clock import utcnow  # noqa: E402
from trainer.extensions import db, make_engine  # noqa: E402
from trainer.schema import rebuild  # noqa: E402

SIZES = (10, 100, 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="page views per figure (the median is printed)")
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES, help="members at each measurement")
    args = parser.parse_args()
    url = os.environ.get("TRAINER_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/batch-bench.db"
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
    owner = Auth(app, client).login(role="instructor")
    rng, now = random.Random(2026), utcnow()
    with app.app_context():
        batch_id = make_batch(db.session, db.session.get(User, owner.id), now=now).id
        topics = list(db.session.scalars(select(Topic).order_by(Topic.id)))
        first = topics[0]
        target = f"{first.section}/{first.key}"
        staff = db.session.get(User, owner.id)
        assignments.assign(
            db.session, db.session.get(Batch, batch_id), staff, "drill", target, now + timedelta(days=3), "", now
        )
        db.session.commit()
    made = 0
    print(f"{'members':>7}  {'page ms':>7}  {'queries':>7}  {'KB':>5}  {'last pg':>7}  {'ms':>7}  {'queries':>7}  "
          f"{'KB':>5}  {'CSV ms':>6}  {'queries':>7}  {'KB':>5}")  # fmt: skip
    for size in args.sizes:
        start = time.perf_counter()
        with app.app_context():
            batch = db.session.get(Batch, batch_id)
            while made < size:
                member = make_member(db.session, batch, now)
                percents = [rng.uniform(30, 80) for _ in range(3)]
                add_history(
                    db.session, member, rng.sample(topics, 20), now, percents, rng.randint(0, 8), rng.randint(0, 8)
                )
                made += 1
            db.session.commit()
        built = time.perf_counter() - start
        page = measure(client, f"/batches/{batch_id}", args.repeat)
        pages = -(-size // PAGE_SIZE)
        last = measure(client, f"/batches/{batch_id}?page={pages}", args.repeat)
        csv = measure(client, f"/batches/{batch_id}/dashboard.csv", args.repeat)
        print(
            f"{size:>7}  {page[0]:>7.1f}  {page[1]:>7}  {page[2] / 1024:>5.0f}  {pages:>7}  {last[0]:>7.1f}  "
            f"{last[1]:>7}  {last[2] / 1024:>5.0f}  {csv[0]:>6.1f}  {csv[1]:>7}  {csv[2] / 1024:>5.0f}   "
            f"(members made in {built:.0f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
