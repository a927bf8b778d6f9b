"""The exam page's cost in-process: CPU time and SQL statements of one view, at 25 and 100 questions.

Run from the repository root:  python benchmarks/exam_page.py [--against main] [--rounds 7] [--pages 10] [--fresh]
A candidate has a Tier-I mock (100 questions) and a sectional test (25) open; each page is loaded --pages times per
round and the median round is printed: CPU ms per page (time.process_time, the figure to compare on a shared
machine), SQL statements (of the first view and of a later one), KB, and the cost of each further question. With
--fresh, each round also opens --pages freshly started mocks once each (every child its own), as a start burst's
exam pages are: the first view of an attempt, in a process that has served pages before. With --against REF the
same pages are served by that git revision too (exported with `git archive`), from the same database, the two
alternating round by round so that the machine's drift falls on both, and the ratio is printed; the two pages are
compared byte for byte (CSRF tokens and the clock left out). SQLite in a temporary folder by default; PostgreSQL when
TRAINER_DATABASE_URL names a database containing "bench" (its tables are dropped and rebuilt).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CODE_ROOT = Path(os.environ.get("EXAM_PAGE_CODE", REPO_ROOT))  # the code a child serves the pages with
sys.path.insert(0, str(CODE_ROOT))

PAPERS = (("sectional", 25), ("mock", 100))
EMAIL = "exam-page@bench.example"
VOLATILE = re.compile(r'(name="csrf-token" content|name="csrf_token" type="hidden" value'
                      r'|type="hidden" name="csrf_token" value)="[^"]*"|serverNow": "[^"]*"'
                      r'|<span id="timer"[^>]*>[^<]*')  # fmt: skip


def prepare(url: str, fresh: int = 0) -> None:
    """Schema, the bundled bank and its generated pool, one candidate with a mock and a sectional test open, and
    `fresh` more mocks for first views, each drawn for another candidate (what a candidate has seen shapes the
    draw) and handed to this one."""
    from tests.factories import load_bundled_bank, make_user
    from trainer import create_app
    from trainer.auth.models import User
    from trainer.bank.pool import refill
    from trainer.core.clock import utcnow
    from trainer.exam import paper
    from trainer.exam.patterns import get_pattern, sectional_pattern
    from trainer.extensions import db, make_engine
    from trainer.schema import rebuild

    engine = make_engine(url)
    rebuild(engine)
    engine.dispose()
    app = create_app({"GENERATED_POOL_TOP_UP": False})
    with app.app_context():
        load_bundled_bank(db.session)
        refill(db.session, random.Random(1), 40)
        user = make_user(db.session, email=EMAIL)
        tier1 = get_pattern("tier1-2025")
        for n, pattern in enumerate((sectional_pattern(tier1, "quant"), tier1)):
            attempt = paper.start_attempt(db.session, user, pattern, utcnow(), random.Random(n), mode="strict")
            assert len(attempt.slots) == PAPERS[n][1], (pattern.code, len(attempt.slots))
        for n in range(fresh):  # each drawn for a candidate of its own, as a burst's are, and opened by this one
            drawer = User(email=f"fresh{n}@bench.example", name="Bench Candidate", password_hash=user.password_hash)
            db.session.add(drawer)
            db.session.flush()
            attempt = paper.start_attempt(db.session, drawer, tier1, utcnow(), random.Random(100 + n), mode="strict")
            attempt.user_id = user.id
        db.session.commit()
    db.session.remove()
    db.engine.dispose()


def serve() -> None:
    """Child: sign in, then for each `run K` line on stdin load every paper's page K times, and K fresh mocks once
    each (its share of them: EXAM_PAGE_SHARE "i/n" takes every n-th from the i-th); answer with JSON."""
    from sqlalchemy import event, select

    from tests.factories import PASSWORD, Auth
    from trainer import create_app
    from trainer.exam.models import Attempt
    from trainer.extensions import db

    app = create_app({"GENERATED_POOL_TOP_UP": False, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    client.post("/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": Auth(app, client).token()})
    with app.app_context():
        ids = list(db.session.scalars(select(Attempt.id).order_by(Attempt.id)))
    paths = {name: f"/attempts/{aid}" for (name, _), aid in zip(PAPERS, ids[: len(PAPERS)], strict=True)}
    share, children = (int(n) for n in os.environ.get("EXAM_PAGE_SHARE", "0/1").split("/"))
    fresh = iter(ids[len(PAPERS) + share :: children])
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    pages = {}
    for name, path in paths.items():
        views = []
        for _ in range(2):  # the first view compiles templates and fills the process's caches; the second is warm
            statements.clear()
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"GET {path}: {response.status_code}")
            views.append((len(statements), VOLATILE.sub("", response.get_data(as_text=True))))
        (first, page), (again, warm) = views
        pages[name] = {"statements": again, "first_statements": first, "bytes": len(response.data), "page": warm,
                       "first_same": page == warm}  # fmt: skip
    print(json.dumps(pages), flush=True)
    for line in sys.stdin:
        count, fresh_count = (int(n) for n in line.split()[1:])
        cpu = {}
        for name, path in paths.items():
            began = time.process_time()
            for _ in range(count):
                client.get(path)
            cpu[name] = (time.process_time() - began) / count
        cpu["fresh"], cpu["fresh_statements"] = first_views(
            client, [f"/attempts/{next(fresh)}" for _ in range(fresh_count)], statements
        )
        print(json.dumps(cpu), flush=True)


def first_views(client, paths: list[str], statements: list[str]) -> tuple[float, float]:
    """CPU seconds and SQL statements per page of these pages' first views (0, 0 if there are none)."""
    if not paths:
        return 0.0, 0.0
    statements.clear()
    began = time.process_time()
    for path in paths:
        if client.get(path).status_code != 200:
            raise SystemExit(f"GET {path}: not 200")
    return (time.process_time() - began) / len(paths), len(statements) / len(paths)


class Child:
    """A process serving the pages with the code in `root`."""

    def __init__(self, root: Path, env: dict[str, str]):
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve"],
            env={**os.environ, **env, "EXAM_PAGE_CODE": str(root)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.pages = json.loads(self._line())
        self.rounds: list[dict[str, float]] = []

    def _line(self) -> str:
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the child serving from {self.process.args} stopped")
        return line

    def run(self, count: int, fresh: int) -> None:
        self.process.stdin.write(f"run {count} {fresh}\n")
        self.process.stdin.flush()
        self.rounds.append(json.loads(self._line()))

    def median_ms(self, name: str) -> float:
        return statistics.median(r[name] for r in self.rounds) * 1000

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def export(revision: str, folder: Path) -> Path:
    """The tree of a git revision, written into `folder`."""
    archive = subprocess.run(["git", "-C", str(REPO_ROOT), "archive", revision], check=True, capture_output=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="also serve the pages with this git revision")
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds; the median is printed")
    parser.add_argument("--pages", type=int, default=10, help="page loads per paper and round")
    parser.add_argument("--fresh", action="store_true", help="also first views of freshly started mocks")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve()

    from sqlalchemy import make_url

    from benchmarks.save_answer import bench_environment

    codes = 2 if args.against else 1
    fresh = args.pages if args.fresh else 0
    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as folder:
        env = bench_environment(Path(folder))
        env["TRAINER_LOG_FORMAT"] = "off"
        os.environ.update(env)
        print(f"Preparing {make_url(env['TRAINER_DATABASE_URL']).get_backend_name()} ...", flush=True)
        prepare(env["TRAINER_DATABASE_URL"], fresh * args.rounds * codes)
        children = {"this tree": Child(REPO_ROOT, {**env, "EXAM_PAGE_SHARE": f"0/{codes}"})}
        if args.against:
            root = export(args.against, Path(folder) / "against")
            children[args.against] = Child(root, {**env, "EXAM_PAGE_SHARE": f"1/{codes}"})
        try:
            for _ in range(args.rounds):
                for child in children.values():
                    child.run(args.pages, fresh)
        finally:
            for child in children.values():
                child.close()
    report(children, make_url(env["TRAINER_DATABASE_URL"]).get_backend_name(), args)


def report(children: dict[str, Child], backend: str, args) -> None:
    print(f"\n{backend}: the exam page in-process, median of {args.rounds} rounds x {args.pages} loads, "
          f"{os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f})")  # fmt: skip
    (small, n_small), (big, n_big) = PAPERS
    print(f"{'code':<14}{'questions':>10}{'CPU ms':>9}{'statements (first view)':>25}{'KB':>6}")
    for label, child in children.items():
        for name, questions in PAPERS:
            page = child.pages[name]
            statements = f"{page['statements']} ({page['first_statements']})"
            print(f"{label:<14}{questions:>10}{child.median_ms(name):>9.2f}{statements:>25}"
                  f"{page['bytes'] / 1024:>6.0f}")  # fmt: skip
        if args.fresh:
            statements = statistics.mean(r["fresh_statements"] for r in child.rounds)
            print(f"{label:<14}{'100 fresh':>10}{child.median_ms('fresh'):>9.2f}{statements:>25.2f}")
        each = (child.median_ms(big) - child.median_ms(small)) / (n_big - n_small)
        rest = child.median_ms(big) - n_big * each
        print(f"{'':<14}each further question: {each:.3f} ms; the rest of a page: {rest:.2f} ms")
    for label, child in children.items():
        if not all(page["first_same"] for page in child.pages.values()):
            print(f"{label}: a page's first view DIFFERS from its second")
    if len(children) == 2:
        (_, new), old = children.items()
        compare(new, old, args.fresh)


def compare(new: Child, old_pair: tuple[str, Child], fresh: bool) -> None:
    """The ratio of each page's cost, and whether the two codes' pages are the same byte for byte."""
    old_label, old = old_pair
    for name, questions in (*PAPERS, *((("fresh", "100 fresh"),) if fresh else ())):
        ratio = new.median_ms(name) / old.median_ms(name)
        same = "" if name == "fresh" else "; page same byte for byte"
        if name != "fresh" and new.pages[name]["page"] != old.pages[name]["page"]:
            same = "; page DIFFERENT"
            diff = difflib.unified_diff(old.pages[name]["page"].splitlines(), new.pages[name]["page"].splitlines(),
                                        old_label, "this tree", n=1, lineterm="")  # fmt: skip
            same += "\n" + "\n".join(list(diff)[:24])  # where they part, so the difference can be found
        print(f"{questions} questions: this tree costs {ratio:.2f}x {old_label} ({1 / ratio:.1f}x faster){same}")


if __name__ == "__main__":
    main()
