"""Save-answer throughput under gunicorn, against a bare one-row insert through the same stack.

Run from the repository root:  python benchmarks/save_answer.py [--duration 12] [--rounds 6] [--candidates 16]
SQLite in a temporary folder by default; PostgreSQL when TRAINER_DATABASE_URL points at a database whose name
contains "bench" (its tables are dropped and rebuilt). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # so `python benchmarks/save_answer.py` finds trainer/ and benchmarks/

from sqlalchemy import make_url  # noqa: E402

from benchmarks.candidate import (  # noqa: E402
    HOST,
    PASSWORD,
    BenchFailure,
    Candidate,
    bare_insert,
    save_answer,
    sign_in_and_start,
)

TARGET = 0.8  # save-answer requests/s must reach this share of the bare insert's
WARMUP_REQUESTS = 3  # per candidate and phase, not timed: first-use costs (query compilation, pools) stay out


# --- load: one thread per candidate, all starting together ------------------------------------------------------


@dataclass
class PhaseResult:
    name: str
    latencies: list[float]
    seconds: float

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, p: int) -> float:
        """The p-th percentile latency in milliseconds."""
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1] * 1000

    @classmethod
    def merged(cls, slices: list[PhaseResult]) -> PhaseResult:
        return cls(slices[0].name, [t for s in slices for t in s.latencies], sum(s.seconds for s in slices))


def run_rounds(phases: dict, candidates: list[Candidate], duration: float, rounds: int, max_requests: int):
    """Alternate the phases in short slices (A B, B A, A B, ...) so that the machine's drift hits both alike.

    Returns each phase's slices, in order.
    """
    slices: dict[str, list[PhaseResult]] = {name: [] for name in phases}
    for number in range(rounds):
        order = list(phases) if number % 2 == 0 else list(reversed(phases))
        for name in order:
            slices[name].append(run_phase(name, phases[name], candidates, duration / rounds, max_requests))
    return slices


def run_phase(name: str, send, candidates: list[Candidate], duration: float, max_requests: int) -> PhaseResult:
    """Every candidate sends `send` back to back for `duration` seconds (or max_requests); stop all on a failure."""
    start = threading.Barrier(len(candidates) + 1)
    stop = threading.Event()
    errors: list[BaseException] = []

    def drive(candidate: Candidate) -> None:
        candidate.latencies = []
        try:
            for _ in range(WARMUP_REQUESTS):
                send(candidate)
            start.wait()
            deadline = time.perf_counter() + duration
            while not stop.is_set() and time.perf_counter() < deadline and len(candidate.latencies) < max_requests:
                began = time.perf_counter()
                send(candidate)
                candidate.latencies.append(time.perf_counter() - began)
        except BaseException as exc:  # raised again by the main thread
            errors.append(exc)
            stop.set()
            start.abort()

    threads = [threading.Thread(target=drive, args=(c,), daemon=True) for c in candidates]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):  # a candidate failed; its error is raised below
        start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    if errors:
        raise BenchFailure(f"{name}: {errors[0]}") from errors[0]
    return PhaseResult(name, [t for c in candidates for t in c.latencies], seconds)


# --- database and server ----------------------------------------------------------------------------------------


def bench_environment(instance: Path) -> dict[str, str]:
    """TRAINER_* settings shared by this process (data preparation) and gunicorn."""
    url = os.environ.get("TRAINER_DATABASE_URL") or f"sqlite:///{instance / 'bench.db'}"
    if make_url(url).get_backend_name() != "sqlite" and "bench" not in (make_url(url).database or ""):
        raise SystemExit(f"Refusing to wipe {make_url(url).database!r}: use a database whose name contains 'bench'.")
    return {
        "TRAINER_DATABASE_URL": url,
        "TRAINER_SECRET_KEY": secrets.token_hex(32),
        "TRAINER_INSTANCE_PATH": str(instance),
        # The candidates all sign in from 127.0.0.1 within a second; the real limit would refuse most of them.
        "TRAINER_LOGIN_RATE_LIMIT": "10000 per minute",
    }


def prepare_database(url: str, candidates: int) -> list[str]:
    """Rebuild the schema from the migrations, load the bundled bank, create the candidates; return their e-mails."""
    from benchmarks.bench_app import create_bench_table
    from trainer import create_app
    from trainer.auth.service import create_user
    from trainer.bank.service import import_bank
    from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
    from trainer.bank.validation import check_bank
    from trainer.extensions import db, make_engine
    from trainer.schema import rebuild

    engine = make_engine(url)
    rebuild(engine)
    create_bench_table(engine)
    engine.dispose()

    app = create_app()
    emails = [f"candidate{i}@bench.example" for i in range(candidates)]
    with app.app_context():
        root = REPO_ROOT / "question_bank"
        import_bank(db.session, check_bank(root), load_taxonomy(find_taxonomy(root)))
        for email in emails:
            create_user(db.session, email, PASSWORD, name="Bench Candidate")
        db.session.commit()
    db.session.remove()
    db.engine.dispose()
    return emails


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn",
        "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
        "--bind", f"{HOST}:{port}", "--error-logfile", str(log),
        "benchmarks.bench_app:create_bench_app()",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=REPO_ROOT, env=os.environ | {"PYTHONPATH": str(REPO_ROOT)})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchFailure(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    stop_gunicorn(server)
    raise BenchFailure(f"gunicorn did not start listening within 60 s:\n{log.read_text()[-3000:]}")


def stop_gunicorn(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- report -----------------------------------------------------------------------------------------------------


def report(save_slices: list[PhaseResult], insert_slices: list[PhaseResult], header: str) -> None:
    save, insert = PhaseResult.merged(save_slices), PhaseResult.merged(insert_slices)
    print(header)
    print(f"{'':<14}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for phase in (save, insert):
        print(
            f"{phase.name:<14}{len(phase.latencies):>10}{phase.rps:>10.1f}"
            f"{phase.percentile(50):>10.1f}{phase.percentile(99):>10.1f}"
        )
    ratio = save.rps / insert.rps
    verdict = "met" if ratio >= TARGET else "NOT met"
    print(f"save-answer / insert: {ratio:.2f}x  (target >= {TARGET:.2f}x: {verdict})")
    by_round = [s.rps / i.rps for s, i in zip(save_slices, insert_slices, strict=True)]
    print(f"by round: {'  '.join(f'{r:.2f}x' for r in by_round)}  (the spread is the machine's noise)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=12.0, help="seconds per phase, all rounds (default 12)")
    parser.add_argument("--rounds", type=int, default=6, help="alternating slices per phase (default 6)")
    parser.add_argument("--candidates", type=int, default=16, help="concurrent simulated candidates (default 16)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--max-requests", type=int, default=50_000, help="per candidate and slice (default 50000)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as folder:
        os.environ.update(bench_environment(Path(folder)))
        url = os.environ["TRAINER_DATABASE_URL"]
        print(f"Preparing {make_url(url).get_backend_name()} ({make_url(url).render_as_string()}) ...", flush=True)
        emails = prepare_database(url, args.candidates)
        port = free_port()
        server = start_gunicorn(port, args.workers, args.threads, Path(folder) / "gunicorn.log")
        try:
            # One after another: setting up is not what is measured.
            candidates = [sign_in_and_start(port, email) for email in emails]
            phases = {"save answer": save_answer, "bare insert": bare_insert}
            slices = run_rounds(phases, candidates, args.duration, args.rounds, args.max_requests)
        except BenchFailure:
            print((Path(folder) / "gunicorn.log").read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            stop_gunicorn(server)
    header = (
        f"\n{make_url(url).get_backend_name()}: gunicorn {args.workers} workers x {args.threads} threads, "
        f"{args.candidates} candidates, {args.duration:g} s per phase in {args.rounds} alternating rounds, "
        f"{os.cpu_count()} CPUs"
    )
    report(slices["save answer"], slices["bare insert"], header)


if __name__ == "__main__":
    main()
