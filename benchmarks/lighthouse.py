"""Lighthouse (mobile) scores of the site's main pages, the median of a few runs per page.

Run from the repository root, with Lighthouse installed in a folder of its own (not part of the project):
    mkdir -p /tmp/lh && (cd /tmp/lh && npm init -y >/dev/null && npm install lighthouse)
    python benchmarks/lighthouse.py --lighthouse /tmp/lh [--runs 3] [--only exam-questions result]
Starts `run.py` in a temporary instance (SQLite, the bundled bank), signs in an admin and two candidates (one with
the Hindi interface) over HTTP, prepares a mock, a batch and a result, then audits each page with Lighthouse's
default mobile settings (performance, accessibility, best practices). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # so `python benchmarks/lighthouse.py` finds benchmarks/

from benchmarks.candidate import PASSWORD, BenchFailure, Client  # noqa: E402
from benchmarks.save_answer import free_port  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
ADMIN_PASSWORD = re.compile(r"password:\s+(\S+)")


# --- the site -----------------------------------------------------------------------------------------------------


def start_site(instance: Path, port: int) -> tuple[subprocess.Popen, str]:
    """`run.py` in a fresh instance folder; returns the server and the first admin's password it printed."""
    env = os.environ | {
        "TRAINER_INSTANCE_PATH": str(instance),
        "TRAINER_SECRET_KEY": secrets.token_hex(32),
        "TRAINER_LOG_FORMAT": "off",
        "TRAINER_LOGIN_RATE_LIMIT": "1000 per minute",
    }
    env.pop("TRAINER_DATABASE_URL", None)  # always a throw-away SQLite database
    log = instance.parent / "server.log"
    command = [sys.executable, "run.py", "--port", str(port)]
    with log.open("w") as output:  # a file, not a pipe: nobody reads the server's log while Lighthouse runs
        server = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while "is running on" not in log.read_text() and server.poll() is None and time.monotonic() < deadline:
        time.sleep(0.5)
    found = ADMIN_PASSWORD.search(log.read_text())
    if found is None or server.poll() is not None:
        server.kill()
        raise BenchFailure(f"run.py did not start, or printed no admin password:\n{log.read_text()[-2000:]}")
    password = found.group(1)
    time.sleep(1)  # the server binds just after printing
    return server, password


def signed_in(port: int, email: str, password: str) -> Client:
    client = Client(port)
    client.post_form("/login", {"email": email, "password": password, "csrf_token": client.csrf_token("/login")})
    return client


def candidate(port: int, email: str, language: str) -> Client:
    """Register a candidate through the form, sign in, and choose the interface language."""
    client = Client(port)
    fields = {"name": "Lighthouse Candidate", "email": email, "password": PASSWORD, "confirm": PASSWORD}
    client.post_form("/register", fields | {"category": "UR", "csrf_token": client.csrf_token("/register")})
    client = signed_in(port, email, PASSWORD)
    choice = {"language": language, "next": "/tests", "csrf_token": client.csrf_token("/tests")}
    client.post_form("/language", choice)
    return client


def start_mock(client: Client) -> str:
    """Start a Tier-I 2025 mock; returns the exam page's path."""
    form = {"declaration": "y", "csrf_token": client.csrf_token("/tests/tier1-2025")}
    headers, _ = client.post_form("/tests/tier1-2025", form)
    path = urlsplit(headers["Location"]).path
    if not re.fullmatch(r"/attempts/\d+", path):
        raise BenchFailure(f"starting the mock led to {path}")
    return path


def prepare(port: int, admin_password: str) -> tuple[dict, list]:
    """Accounts and data; returns the clients by role, and the pages as (name, role, path or callable)."""
    admin = signed_in(port, "admin@localhost", admin_password)
    english, hindi = candidate(port, "lh-en@example.org", "en"), candidate(port, "lh-hi@example.org", "hi")
    exam, exam_hi = start_mock(english), start_mock(hindi)
    batch_form = {"name": "Morning batch", "description": "", "csrf_token": admin.csrf_token("/batches/new")}
    batch = urlsplit(admin.post_form("/batches/new", batch_form)[0]["Location"]).path
    _, bank = admin.expect(200, "GET", "/authoring/questions")
    question = re.search(r'<td><a href="/authoring/questions/([^"/?]+)"', bank.decode()).group(1)

    def submit_then_result() -> str:
        english.post_form(f"{exam}/submit", {"csrf_token": english.csrf_token(exam)})
        return f"{exam}/result"

    pages = [
        ("home", None, "/"),
        ("login", None, "/login"),
        ("tests", "en", "/tests"),
        ("exam-instructions", "en", "/tests/tier1-2025"),
        ("exam-questions", "en", exam),
        ("exam-questions-hindi", "hi", exam_hi),
        ("result", "en", submit_then_result),
        ("progress", "en", "/progress"),
        ("bank-list", "admin", "/authoring/questions"),
        ("question-editor", "admin", f"/authoring/questions/{question}/edit"),
        ("batch-dashboard", "admin", batch),
        ("live-mocks", "admin", "/institute/live-mocks"),
    ]
    return {"admin": admin, "en": english, "hi": hindi}, pages


# --- Lighthouse ---------------------------------------------------------------------------------------------------


def audit(lighthouse: Path, url: str, cookies: dict, out: Path) -> dict:
    """One Lighthouse run (mobile, the default); returns its report."""
    command = [
        "node", str(lighthouse / "node_modules" / "lighthouse" / "cli" / "index.js"), url,
        "--output=json", f"--output-path={out}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
    ]  # fmt: skip
    if cookies:
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    env = os.environ | {"CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for _ in range(3):  # Lighthouse sometimes fails to record a trace (NO_NAVSTART): run it again
        if subprocess.run(command, env=env, timeout=300).returncode == 0:
            break
    else:
        raise BenchFailure(f"Lighthouse failed three times on {url}")
    return json.loads(out.read_text())


def summary(report: dict) -> dict:
    """Scores (0-100), the layout shift and paint times, and the audits that did not pass."""
    categories = report["categories"]
    audits = report["audits"]
    failing = set()
    for name in CATEGORIES:
        for ref in categories[name]["auditRefs"]:
            result = audits[ref["id"]]
            if result.get("score") is not None and result["score"] < (0.9 if name == "performance" else 1):
                failing.add(f"{name}:{ref['id']}")
    figures = {name: round(100 * categories[name]["score"]) for name in CATEGORIES}
    figures["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    figures["lcp"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    figures["tbt"] = audits["total-blocking-time"]["numericValue"]
    return figures | {"failing": failing}


def report_page(name: str, runs: list[dict]) -> str:
    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    failing = sorted({f for run in runs for f in run["failing"]})
    row = (
        f"| {name} | {median('performance'):.0f} | {median('accessibility'):.0f} | {median('best-practices'):.0f} "
        f"| {median('cls'):.3f} | {median('lcp'):.1f} s | {median('tbt'):.0f} ms |"
    )
    return row + (f"  failing in some run: {', '.join(failing)}" if failing else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", type=Path, default=Path("/tmp/lh"), help="folder with node_modules/lighthouse")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is printed)")
    parser.add_argument("--only", nargs="*", help="audit only these pages (by name)")
    parser.add_argument("--keep", type=Path, help="keep every Lighthouse JSON report in this folder")
    args = parser.parse_args()
    if not (args.lighthouse / "node_modules" / "lighthouse").is_dir():
        sys.exit(f"No Lighthouse in {args.lighthouse}: see the command at the top of this file.")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        port = free_port()
        server, admin_password = start_site(Path(folder) / "instance", port)
        try:
            try:
                clients, pages = prepare(port, admin_password)
            except BenchFailure:
                print((Path(folder) / "server.log").read_text()[-4000:], file=sys.stderr)
                raise
            reports = args.keep or Path(folder)
            reports.mkdir(parents=True, exist_ok=True)
            print(f"Lighthouse {CATEGORIES}, mobile, {args.runs} runs per page, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
            print("| page | performance | accessibility | best practices | CLS | LCP | TBT |")
            print("|---|---|---|---|---|---|---|")
            for name, role, path in pages:
                if args.only and name not in args.only:
                    continue
                path = path() if callable(path) else path
                cookies = clients[role].cookies if role else {}
                runs = [
                    summary(
                        audit(args.lighthouse, f"http://127.0.0.1:{port}{path}", cookies, reports / f"{name}-{i}.json")
                    )
                    for i in range(args.runs)
                ]
                print(report_page(name, runs), flush=True)
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
