"""Regrading one question's graded attempts (trainer.reports.regrading.regrade_question) for N candidates.

Every candidate sits a full Tier-I mock on a bank the paper draws whole (so every attempt shows the question); the
question's key is then corrected and the attempts regraded. Prints the regrade's time, attempts per second and SQL
statements per attempt. Run from the repository root: `python benchmarks/regrade.py [--candidates N]` (SQLite in a
temporary folder), or with TRAINER_DATABASE_URL set to a PostgreSQL database whose name contains "bench".
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.factories import make_bank, make_user  # noqa: E402
from tests.reports.conftest import correct_key  # noqa: E402
from tests.results.sitting import T0, by_section, sit  # noqa: E402
from trainer import create_app  # noqa: E402
from trainer.extensions import db  # noqa: E402
from trainer.reports.regrading import regrade_question  # noqa: E402
from trainer.schema import rebuild  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=300)
    args = parser.parse_args()
    url = os.environ.get("TRAINER_DATABASE_URL")
    if url and "bench" not in url:
        raise SystemExit("TRAINER_DATABASE_URL must name a database containing 'bench' (every table is dropped).")
    folder = tempfile.mkdtemp()
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "DATABASE_URL": url or f"sqlite:///{folder}/b.db"})
    with app.app_context():
        rebuild(db.engine)
        make_bank(db.session)
        first = None
        for n in range(args.candidates):
            attempt = sit(db.session, make_user(db.session), by_section(quant="R" if n % 2 else "W"), seed=n)
            first = first or attempt
            db.session.commit()
        question = next(s for s in first.slots if s.section == "quant").version.question
        correct_key(db.session, question, (question.versions[0].answer + 1) % 4)
        db.session.commit()
        statements = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(1))
        started = time.perf_counter()
        log = regrade_question(db.session, question, "key", None, "benchmark", T0)
        db.session.commit()
        elapsed = time.perf_counter() - started
    print(f"{db.engine.dialect.name}: regraded {log.attempts} attempts ({log.changed} scores changed) in "
          f"{elapsed:.2f} s = {log.attempts / elapsed:.0f} attempts/s; {len(statements) / log.attempts:.2f} SQL "
          "statements per attempt")  # fmt: skip


if __name__ == "__main__":
    main()
