"""Live-mock start burst under gunicorn: N signed-in candidates press Start on one open live mock at the same moment.

For each N: a fresh database (the bundled bank, N candidates, frozen papers as shifts, a live mock open now), then
gunicorn; the candidates sign in one by one (not measured), wait at a barrier, and all at once POST Start and load
the exam page it redirects to. Prints successes, errors, the time from the press to the last exam page, and the
p50/p99 of each candidate's press-to-page time. Target (#8, #13): 1,000 of 1,000 within 10 s, p99 < 1 s on
PostgreSQL. With --spread S the presses come evenly spaced over S seconds ("a thousand candidates pressing Start
in the same ten seconds"), each candidate's time counted from its own press.

With `--audience batch` the live mock is offered to one batch holding every candidate (not to everyone), so each
start also checks that the candidate is in the batch, as an institute's batch-only mock does.

Run from the repository root:  python benchmarks/livemock_start.py [--candidates 200,500,1000] [--shifts 2]
    [--audience all|batch] [--spread 10]
SQLite in a temporary folder by default; PostgreSQL when TRAINER_DATABASE_URL is set to a database whose name
contains "bench" or is given with --wipe NAME (its tables are dropped and rebuilt).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import func, insert, make_url, select  # noqa: E402

from benchmarks import cpu  # noqa: E402
from benchmarks.candidate import PASSWORD, BenchFailure, Client  # noqa: E402
from benchmarks.save_answer import free_port, prepare_database, start_gunicorn, stop_gunicorn  # noqa: E402
from benchmarks.start_burst import against_targets, press_instant, presses  # noqa: E402

START_FORM = re.compile(r'action="(/live-mocks/\d+/start)"')


def environment(instance: Path, wipe: str) -> dict[str, str]:
    url = os.environ.get("TRAINER_DATABASE_URL") or f"sqlite:///{instance / 'bench.db'}"
    name = make_url(url).database or ""
    if make_url(url).get_backend_name() != "sqlite" and "bench" not in name and name != wipe:
        raise SystemExit(f"Refusing to wipe {name!r}: use a database whose name contains 'bench', or --wipe it.")
    return {
        "TRAINER_DATABASE_URL": url,
        "TRAINER_SECRET_KEY": secrets.token_hex(32),
        "TRAINER_INSTANCE_PATH": str(instance),
        "TRAINER_LOGIN_RATE_LIMIT": "100000 per minute",  # every candidate signs in from 127.0.0.1
    }


def prepare(url: str, candidates: int, shifts: int, audience: str = "all") -> list[str]:
    """Fresh schema, the bundled bank, the candidates, `shifts` frozen papers and a live mock open now: offered to
    everyone, or (`audience` "batch") to one batch that holds every candidate."""
    from trainer import create_app
    from trainer.auth.models import User
    from trainer.auth.service import create_user
    from trainer.core.clock import utcnow
    from trainer.extensions import db
    from trainer.institute import livemocks, papers

    prepare_database(url, 0)  # the schema from the migrations and the bundled bank, as save_answer.py has them
    emails = [f"candidate{i}@bench.example" for i in range(candidates)]
    with create_app().app_context():
        staff = create_user(db.session, "staff@bench.example", PASSWORD, name="Bench Staff", role="instructor")
        first = create_user(db.session, emails[0], PASSWORD, name="Bench Candidate")
        # One password hash for all: hashing a thousand passwords is not what is measured.
        rows = [{"email": e, "name": f"Bench Candidate {n}", "password_hash": first.password_hash}
                for n, e in enumerate(emails[1:], 1)]  # fmt: skip
        if rows:
            db.session.execute(insert(User), rows)
        frozen = []
        for n in range(shifts):
            paper = papers.new_paper(db.session, f"Bench shift {n + 1}", "tier1-2025", staff, random.Random(n))
            papers.draw(db.session, paper, paper.blueprint, random.Random(n))
            frozen.append(papers.freeze(db.session, paper, utcnow()).id)
        now = utcnow()
        batch_ids = (batch_of_everyone(db.session, staff, emails, now),) if audience == "batch" else ()
        plan = livemocks.Schedule("Bench live mock", now - timedelta(minutes=1), now + timedelta(hours=2),
                                  now + timedelta(hours=4), tuple(frozen), audience=batch_ids)  # fmt: skip
        livemocks.schedule(db.session, plan, staff, now)
        db.session.commit()
    db.session.remove()
    db.engine.dispose()
    return emails


def batch_of_everyone(session, staff, emails: list[str], now) -> int:
    """A batch of the instructor's holding every candidate (member rows written in one insert); its id."""
    from trainer.auth.models import User
    from trainer.batches import service
    from trainer.batches.models import BatchMember

    batch = service.create_batch(session, staff, "Bench batch", "", None, now, random.Random(0))
    user_ids = session.scalars(select(User.id).where(User.email.in_(emails))).all()
    session.execute(insert(BatchMember), [{"batch_id": batch.id, "user_id": u, "joined_at": now} for u in user_ids])
    return batch.id


def sign_in(port: int, email: str) -> tuple[Client, str, str]:
    """A signed-in candidate's connection, the Start form's address and its CSRF token (from the tests page)."""
    client = Client(port)
    client.connection.timeout = 120
    client.post_form("/login", {"email": email, "password": PASSWORD, "csrf_token": client.csrf_token("/login")})
    _, html = client.expect(200, "GET", "/tests")
    page = html.decode()
    found = START_FORM.search(page)
    if found is None:
        raise BenchFailure("the tests page shows no Start button for the live mock")
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    return client, found.group(1), token


def press_start(client: Client, path: str, token: str) -> float:
    """Start, then load the exam page it leads to; returns the seconds the start request took."""
    began = time.perf_counter()
    body = urlencode({"csrf_token": token}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    response_headers, _ = client.expect(302, "POST", path, body, headers)
    started = time.perf_counter() - began
    attempt = urlsplit(response_headers["Location"]).path
    if not re.fullmatch(r"/attempts/\d+", attempt):
        raise BenchFailure(f"Start redirected to {attempt}, not to an attempt")
    _, page = client.expect(200, "GET", attempt)
    if b"Question 1" not in page:
        raise BenchFailure(f"{attempt} shows no first question")
    return started


def burst(signed_in: list[tuple[Client, str, str]], spread: float) -> dict:
    """Everyone presses Start, at the same moment or spread over `spread` seconds; per candidate the press-to-page
    time, or the error."""
    gate = threading.Barrier(len(signed_in) + 1)
    outcomes: list = [None] * len(signed_in)
    origin: list[float] = []

    def run(index: int) -> None:
        client, path, token = signed_in[index]
        gate.wait()
        began = press_instant(origin[0], index, len(signed_in), spread)
        try:
            started = press_start(client, path, token)
            outcomes[index] = ("ok", time.perf_counter() - began, started, time.perf_counter())
        except Exception as exc:  # every failure is counted and its first kinds printed
            outcomes[index] = ("error", repr(exc)[:200], None, time.perf_counter())

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(signed_in))]
    for thread in threads:
        thread.start()
    origin.append(time.perf_counter())
    gate.wait()
    pressed = origin[0]
    for thread in threads:
        thread.join()
    good = [o for o in outcomes if o[0] == "ok"]
    return {
        "ok": good,
        "errors": [o[1] for o in outcomes if o[0] == "error"],
        "last_page": max((o[3] for o in good), default=pressed) - pressed,
    }


def count_attempts(url: str) -> tuple[int, int]:
    from trainer import create_app
    from trainer.exam.models import Attempt
    from trainer.extensions import db
    from trainer.institute.models import LiveMockEntry

    with create_app().app_context():
        counts = (
            db.session.scalar(select(func.count(Attempt.id))),
            db.session.scalar(select(func.count(LiveMockEntry.id))),
        )
    db.session.remove()
    db.engine.dispose()
    return counts


def ms(values: list[float], p: int) -> float:
    if len(values) < 2:
        return (values[0] if values else 0.0) * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] * 1000


def one_size(n: int, args, folder: Path) -> None:
    url = os.environ["TRAINER_DATABASE_URL"]
    emails = prepare(url, n, args.shifts, args.audience)
    port = free_port()
    server = start_gunicorn(port, args.workers, args.threads, folder / f"gunicorn-{n}.log")
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            signed_in = list(pool.map(lambda e: sign_in(port, e), emails))
        before = cpu.sample(server.pid)
        result = burst(signed_in, args.spread)
        usage = cpu.describe(before, cpu.sample(server.pid), n)
    finally:
        stop_gunicorn(server)
    attempts, entries = count_attempts(url)
    total = [o[1] for o in result["ok"]]
    starts = [o[2] for o in result["ok"]]
    print(f"N={n:>5}  ok {len(result['ok']):>5}  errors {len(result['errors']):>4}  "
          f"last exam page {result['last_page']:6.2f} s  press-to-page p50 {ms(total, 50):7.0f} ms  "
          f"p99 {ms(total, 99):7.0f} ms  start POST p50 {ms(starts, 50):6.0f} ms  p99 {ms(starts, 99):6.0f} ms  "
          f"attempts {attempts}  entries {entries}", flush=True)  # fmt: skip
    print(f"        {usage}", flush=True)
    for kind, count in _kinds(result["errors"]):
        print(f"        {count} x {kind}")
    print(f"        {against_targets(n, len(result['ok']), result['last_page'], total, args.spread)}", flush=True)


def _kinds(errors: list[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for error in errors:
        counts[error[:120]] = counts.get(error[:120], 0) + 1
    return sorted(counts.items(), key=lambda kv: -kv[1])[:5]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", default="200,500,1000", help="burst sizes, comma-separated")
    parser.add_argument("--shifts", type=int, default=2, help="frozen papers in the live mock (default 2)")
    parser.add_argument(
        "--audience",
        choices=("all", "batch"),
        default="all",
        help="offer the live mock to all candidates (default) or to one batch holding them all",
    )
    parser.add_argument(
        "--spread", type=float, default=0.0, help="seconds over which the presses are spread (default 0: one instant)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--wipe", default="", help="the PostgreSQL database name you allow to be wiped")
    args = parser.parse_args()
    sizes = [int(n) for n in args.candidates.split(",")]
    with tempfile.TemporaryDirectory(prefix="trainer-livemock-") as folder:
        os.environ.update(environment(Path(folder), args.wipe))
        url = os.environ["TRAINER_DATABASE_URL"]
        print(f"{make_url(url).get_backend_name()}: gunicorn {args.workers} workers x {args.threads} threads, "
              f"{args.shifts} shifts, offered to {'one batch of them all' if args.audience == 'batch' else 'all'}, "
              f"{os.cpu_count()} CPUs (client and server share them); "
              f"{presses(args.spread)}", flush=True)  # fmt: skip
        for n in sizes:
            one_size(n, args, Path(folder))


if __name__ == "__main__":
    main()
