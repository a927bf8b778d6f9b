"""Start bursts under gunicorn: N signed-in candidates press Start on a Tier-I mock at one instant.

Run from the repository root:  python benchmarks/start_burst.py [--bursts 200 500 1000] [--duration 12]
For each N: how many exam pages arrived (successes), errors, the time until the last exam page, and p50/p99 of
each candidate's wait (Start pressed → exam page received). With --spread S the N presses come evenly spaced over
S seconds instead of at one instant ("a thousand candidates pressing Start in the same ten seconds"), and each
wait counts from that candidate's own press. Then, in the same server, the cost of a start against a
save: 16 candidates send starts back to back, then saves, in alternating slices (as save_answer.py does), and the
ratio of their request rates is a start's cost in saves. SQLite in a temporary folder by default; PostgreSQL when
TRAINER_DATABASE_URL names a database containing "bench" (its tables are dropped and rebuilt).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # so `python benchmarks/start_burst.py` finds trainer/ and benchmarks/

from sqlalchemy import make_url  # noqa: E402

from benchmarks import cpu  # noqa: E402
from benchmarks.candidate import PASSWORD, BenchFailure, Candidate, Client, save_answer  # noqa: E402
from benchmarks.save_answer import (  # noqa: E402
    PhaseResult,
    bench_environment,
    free_port,
    run_rounds,
    start_gunicorn,
    stop_gunicorn,
)

MOCK = "/tests/tier1-2025"
TARGET_SECONDS, TARGET_P99, TARGET_RATIO = 10.0, 1.0, 5.0


def prepare_database(url: str, candidates: int, pool: int) -> list[str]:
    """Schema from the migrations, the bundled bank, the generated pool and the candidates; their e-mails.

    The candidates share one password hash: hashing a thousand scrypt passwords is not what is measured.
    """
    import random

    from trainer import create_app
    from trainer.auth.models import User
    from trainer.auth.service import create_user
    from trainer.bank.pool import refill
    from trainer.bank.service import import_bank
    from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
    from trainer.bank.validation import check_bank
    from trainer.extensions import db, make_engine
    from trainer.schema import rebuild

    engine = make_engine(url)
    rebuild(engine)
    engine.dispose()
    app = create_app()
    emails = [f"candidate{i}@bench.example" for i in range(candidates)]
    with app.app_context():
        root = REPO_ROOT / "question_bank"
        import_bank(db.session, check_bank(root), load_taxonomy(find_taxonomy(root)))
        refill(db.session, random.Random(1), pool)
        first = create_user(db.session, emails[0], PASSWORD, name="Bench Candidate")
        db.session.add_all(User(email=e, name="Bench Candidate", password_hash=first.password_hash) for e in emails[1:])
        db.session.commit()
    db.session.remove()
    db.engine.dispose()
    return emails


def sign_in(port: int, email: str) -> Client:
    client = Client(port)
    client.connection.timeout = 300  # signing in is preparation, and scrypt is slow on a busy machine
    client.post_form("/login", {"email": email, "password": PASSWORD, "csrf_token": client.csrf_token("/login")})
    return client


def start_and_load(client: Client, token: str) -> str:
    """Press Start (declaration ticked) and load the exam page it leads to; the attempt's path."""
    headers, _ = client.post_form(MOCK, {"declaration": "y", "csrf_token": token})
    path = urlsplit(headers["Location"]).path
    if not path.startswith("/attempts/"):
        raise BenchFailure(f"Start redirected to {headers['Location']}, not to an attempt")
    _, page = client.expect(200, "GET", path)
    if b'id="exam-data"' not in page:
        raise BenchFailure(f"{path} is not the exam page")
    return path


def press_instant(origin: float, index: int, count: int, spread: float) -> float:
    """Sleep until candidate `index` of `count` is due to press (evenly spaced over `spread` seconds from `origin`,
    all at `origin` when `spread` is 0); the instant it pressed, on the `time.perf_counter` clock."""
    due = origin + spread * index / count
    time.sleep(max(0.0, due - time.perf_counter()))
    return time.perf_counter()


def burst(clients: list[Client], port: int, server_pid: int, spread: float = 0.0) -> dict:
    """Every client presses Start, at one instant or spread over `spread` seconds; successes, errors, waits, the
    time from the first press to the last exam page, and where the CPU went from the first press on (not while the
    instructions pages' tokens were fetched)."""
    tokens = [c.csrf_token("/tests") for c in clients]
    for client in clients:
        client.connection.close()  # fresh connections, as browsers that sat on the instructions page would open
        client.connection = type(client.connection)(client.connection.host, port, timeout=120)
    gate = threading.Barrier(len(clients) + 1)
    waits: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    origin: list[float] = []

    def press(index: int, client: Client, token: str) -> None:
        gate.wait()
        began = press_instant(origin[0], index, len(clients), spread)
        try:
            start_and_load(client, token)
        except Exception as exc:  # counted, reported, not raised: the figure is how many fail
            with lock:
                errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
            return
        with lock:
            waits.append(time.perf_counter() - began)

    threads = [
        threading.Thread(target=press, args=(i, client, token), daemon=True)
        for i, (client, token) in enumerate(zip(clients, tokens, strict=True))
    ]
    for thread in threads:
        thread.start()
    before = cpu.sample(server_pid)
    origin.append(time.perf_counter())
    gate.wait()
    for thread in threads:
        thread.join()
    last = time.perf_counter() - origin[0]
    usage = cpu.describe(before, cpu.sample(server_pid), len(clients))
    return {"n": len(clients), "ok": len(waits), "errors": errors, "last": last, "waits": waits, "cpu": usage}


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def start_only(candidate: Candidate) -> None:
    """One Start as the instructions page sends it (the exam page is not loaded)."""
    candidate.client.post_form(MOCK, {"declaration": "y", "csrf_token": candidate.token})


def cost_ratio(port: int, clients: list[Client], duration: float, rounds: int) -> tuple[PhaseResult, PhaseResult]:
    """16 candidates, each with a mock open: back-to-back starts against back-to-back saves, alternating."""
    candidates = []
    for client in clients:
        path = start_and_load(client, client.csrf_token("/tests"))
        candidates.append(Candidate(client, f"{path}/steps", client.csrf_token(path)))
    slices = run_rounds({"start": start_only, "save": save_answer}, candidates, duration, rounds, 50_000)
    return PhaseResult.merged(slices["start"]), PhaseResult.merged(slices["save"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bursts", type=int, nargs="+", default=[200, 500, 1000], help="candidates per burst")
    parser.add_argument(
        "--spread", type=float, default=0.0, help="seconds over which the presses are spread (default 0: one instant)"
    )
    parser.add_argument("--duration", type=float, default=12.0, help="seconds per phase of the cost ratio")
    parser.add_argument("--rounds", type=int, default=6, help="alternating slices of the cost ratio")
    parser.add_argument("--pool", type=int, default=40, help="generated items prepared per generator")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as folder:
        os.environ.update(bench_environment(Path(folder)))
        os.environ["TRAINER_GENERATED_POOL_SIZE"] = str(args.pool)  # the server finds the pool full
        url = os.environ["TRAINER_DATABASE_URL"]
        print(f"Preparing {make_url(url).get_backend_name()} ...", flush=True)
        emails = prepare_database(url, max(args.bursts), args.pool)
        port = free_port()
        log = Path(folder) / "gunicorn.log"
        server = start_gunicorn(port, args.workers, args.threads, log)
        try:
            print(f"Signing in {len(emails)} candidates ...", flush=True)
            with ThreadPoolExecutor(16) as pool:
                clients = list(pool.map(lambda e: sign_in(port, e), emails))
            results = []
            for n in args.bursts:
                results.append(burst(clients[:n], port, server.pid, args.spread))
                print(f"  burst of {n}: {results[-1]['ok']} ok, {results[-1]['last']:.1f} s", flush=True)
                time.sleep(2)
            start, save = cost_ratio(port, clients[:16], args.duration, args.rounds)
        except BenchFailure:
            print(log.read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            stop_gunicorn(server)
    report(results, start, save, make_url(url).get_backend_name(), args)


def report(results: list[dict], start: PhaseResult, save: PhaseResult, backend: str, args) -> None:
    print(f"\n{backend}: gunicorn {args.workers} workers x {args.threads} threads, {os.cpu_count()} CPUs; "
          f"{presses(args.spread)}")  # fmt: skip
    print(f"{'N':>6}{'ok':>7}{'errors':>8}{'last page s':>13}{'p50 s':>8}{'p99 s':>8}")
    for r in results:
        p50 = percentile(r["waits"], 50) if r["waits"] else float("nan")
        p99 = percentile(r["waits"], 99) if r["waits"] else float("nan")
        print(f"{r['n']:>6}{r['ok']:>7}{len(r['errors']):>8}{r['last']:>13.2f}{p50:>8.2f}{p99:>8.2f}")
        for error in sorted(set(r["errors"]))[:3]:
            print(f"        e.g. {error}")
        print(f"        {r['cpu']}")
    ratio = save.rps / start.rps
    print(f"start: {start.rps:.1f}/s (p50 {start.percentile(50):.0f} ms), save: {save.rps:.1f}/s (p50 "
          f"{save.percentile(50):.0f} ms); a start costs {ratio:.2f} saves (target <= {TARGET_RATIO:g})")  # fmt: skip
    biggest = results[-1]
    targets = against_targets(biggest["n"], biggest["ok"], biggest["last"], biggest["waits"], args.spread)
    print(f"{biggest['n']} starts: {targets}; a start <= {TARGET_RATIO:g} saves {verdict(ratio <= TARGET_RATIO)}")


def presses(spread: float) -> str:
    return f"pressed evenly over {spread:g} s" if spread else "pressed at one instant"


def against_targets(n: int, ok: int, last: float, waits: list[float], spread: float) -> str:
    """The burst against #12's targets. At one instant: all N exam pages within 10 s, and the p99 wait (which there
    is close to the last page's, every candidate queueing behind the rest). Spread over S seconds: all N served,
    the p99 wait from each candidate's own press, and how long after the last press the last page came."""
    p99 = percentile(waits, 99) if waits else float("inf")
    wait = f"p99 < {TARGET_P99:g} s {verdict(p99 < TARGET_P99)} ({p99:.2f} s)"
    if not spread:
        return f"all within {TARGET_SECONDS:g} s {verdict(ok == n and last <= TARGET_SECONDS)}; {wait}"
    after = last - spread * (n - 1) / n
    return f"all {n} served {verdict(ok == n)}; {wait}; the last page {after:.2f} s after the last press"


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


if __name__ == "__main__":
    main()
