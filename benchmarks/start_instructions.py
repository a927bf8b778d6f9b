"""A fresh candidate's start and first exam page counted in instructions and page faults, which noise cannot move.

Run from the repository root:  python benchmarks/start_instructions.py [--against REV] [--candidates 30]
This machine's speed drifts by a third and more between runs of the same code, so CPU seconds compare two versions
only across many alternating runs. Here fresh candidates each press Start on a Tier-I mock and load its exam page,
through the WSGI app in-process, twice per version of the code: under valgrind's callgrind, which counts the
instructions the process executes (the same count on a busy machine as on a quiet one), and natively, for the
page faults (fresh pages the kernel zeroes, which callgrind does not see) and the CPU time. With --against REV the
same is done with that git revision (exported with `git archive`) on the same database, and the ratios printed.
SQLite in a temporary folder by default; PostgreSQL when TRAINER_DATABASE_URL names a database containing "bench"
(its tables are dropped and rebuilt). Needs valgrind (Debian's package).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CODE_ROOT = Path(os.environ.get("START_CODE", REPO_ROOT))  # the code a child serves with
sys.path.insert(0, str(CODE_ROOT))

MOCK = "/tests/tier1-2025"
WARM = 3  # candidates served before counting: the first start and page of a process pay one-time costs
COLLECTED = re.compile(r"Collected : (\d+)")


def child() -> None:
    """Serve START_EMAILS' candidates (comma-separated): WARM unmeasured, the rest counted; print JSON."""
    from werkzeug.test import EnvironBuilder

    from trainer import create_app
    from trainer.web import warm_up

    app = create_app({"GENERATED_POOL_TOP_UP": False, "RATELIMIT_ENABLED": False})
    warm_up(app)
    cookies = [signed_in(app, email) for email in os.environ["START_EMAILS"].split(",")]

    def call(environ: dict) -> tuple[str, dict, bytes]:
        answer = {}
        body = b"".join(app(environ, lambda status, headers, exc=None: answer.update(status=status, headers=headers)))
        return answer["status"], dict(answer["headers"]), body

    def start_and_load(cookie: str, token: str) -> None:
        headers = {"Cookie": cookie, "Host": "localhost"}
        form = {"declaration": "y", "csrf_token": token}
        status, sent, _ = call(EnvironBuilder(path=MOCK, method="POST", data=form, headers=headers).get_environ())
        if not status.startswith("302") or "/attempts/" not in sent["Location"]:
            raise SystemExit(f"Start answered {status} {sent.get('Location')}")
        path = "/attempts/" + sent["Location"].rpartition("/attempts/")[2]
        status, _, page = call(EnvironBuilder(path=path, headers=headers).get_environ())
        if not status.startswith("200") or b'id="exam-data"' not in page:
            raise SystemExit(f"GET {path} answered {status}, not the exam page")

    for cookie, token in cookies[:WARM]:
        start_and_load(cookie, token)
    counting = os.environ.get("START_CALLGRIND") == "1"
    if counting:  # only the measured candidates are counted, not the imports, the app's creation or the warm-up
        subprocess.run(["callgrind_control", "--instr=on", str(os.getpid())], check=True, capture_output=True)
    before, began = resource.getrusage(resource.RUSAGE_SELF), time.process_time()
    for cookie, token in cookies[WARM:]:
        start_and_load(cookie, token)
    cpu, after = time.process_time() - began, resource.getrusage(resource.RUSAGE_SELF)
    if counting:
        subprocess.run(["callgrind_control", "--instr=off", str(os.getpid())], check=True, capture_output=True)
    print(json.dumps({"cpu": cpu, "faults": after.ru_minflt - before.ru_minflt}), flush=True)


def signed_in(app, email: str) -> tuple[str, str]:
    """A session cookie for the account (made as sign-in makes it, without scrypt) and the tests page's token."""
    from sqlalchemy import select

    from trainer.auth.models import User
    from trainer.extensions import db

    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == email)).one()
        ids = (str(user.id), user.session_generation)
    db.session.remove()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_gen"], session["_fresh"] = ids[0], ids[1], True
    page = client.get("/tests").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    return "; ".join(f"{c.key}={c.value}" for c in client._cookies.values()), token


def run(root: Path, emails: list[str], callgrind: bool, folder: Path) -> dict:
    """One child serving `emails` with the code in `root`; its figures (and instructions, under callgrind)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child"]
    if callgrind:
        out = folder / f"callgrind.{len(list(folder.glob('callgrind.*')))}"
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}", *command]
    env = {**os.environ, "START_CODE": str(root), "START_EMAILS": ",".join(emails),
           "START_CALLGRIND": "1" if callgrind else "0"}  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"the child serving from {root} failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if callgrind:
        figures["instructions"] = int(COLLECTED.search(done.stderr).group(1))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="also count with this git revision")
    parser.add_argument("--candidates", type=int, default=30, help="fresh candidates counted per run")
    parser.add_argument("--keep", metavar="DIR", help="keep callgrind's output files here (for callgrind_annotate)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed (apt-get install valgrind)")

    from sqlalchemy import make_url

    from benchmarks.exam_page import export
    from benchmarks.save_answer import bench_environment
    from benchmarks.start_burst import prepare_database

    codes = {"this tree": REPO_ROOT}
    per_run = WARM + args.candidates
    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as name:
        folder = Path(name)
        env = bench_environment(folder)
        env["TRAINER_LOG_FORMAT"] = "off"
        os.environ.update(env)
        backend = make_url(env["TRAINER_DATABASE_URL"]).get_backend_name()
        print(f"Preparing {backend} ...", flush=True)
        emails = iter(prepare_database(env["TRAINER_DATABASE_URL"], per_run * 2 * (2 if args.against else 1), 40))
        if args.against:
            codes[args.against] = export(args.against, folder / "against")
        results = {}
        for label, root in codes.items():
            print(f"Counting {label} ...", flush=True)
            native = run(root, [next(emails) for _ in range(per_run)], False, folder)
            counted = run(root, [next(emails) for _ in range(per_run)], True, folder)
            results[label] = {**native, "instructions": counted["instructions"]}
        if args.keep:
            Path(args.keep).mkdir(parents=True, exist_ok=True)
            for number, out in enumerate(sorted(folder.glob("callgrind.*"))):
                shutil.copy(out, Path(args.keep) / f"callgrind.{list(codes)[number].replace(' ', '-')}")
    report(results, args.candidates, backend)


def report(results: dict[str, dict], candidates: int, backend: str) -> None:
    print(f"\n{backend}: {candidates} fresh candidates each start a Tier-I mock and load its exam page (in-process)")
    print(f"{'code':>12}{'instructions':>16}{'page faults':>13}{'CPU ms':>9}   (per candidate)")
    for label, r in results.items():
        print(f"{label:>12}{r['instructions'] / candidates / 1e6:>14.1f} M{r['faults'] / candidates:>13.0f}"
              f"{r['cpu'] / candidates * 1000:>9.1f}")  # fmt: skip
    if len(results) == 2:
        new, old = results.values()
        print(f"ratio (this tree / {list(results)[1]}): instructions {new['instructions'] / old['instructions']:.3f}x,"
              f" page faults {new['faults'] / max(old['faults'], 1):.2f}x, CPU time {new['cpu'] / old['cpu']:.2f}x"
              " (CPU time moves with the machine's noise; the other two do not)")  # fmt: skip


if __name__ == "__main__":
    main()
