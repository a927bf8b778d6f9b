"""The server restarts in the middle of a mock: nothing answered is lost and the clock goes on from the deadline."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_nothing_lost import (
    attempt_row,
    expect_saved,
    expect_shows,
    save_and_next,
    saved_mark,
    server_answers,
    sign_in,
    wait_for_server,
    wait_journal_empty,
)
from tests.factories import make_bank, make_user
from trainer.config import PROJECT_ROOT
from trainer.core.clock import utcnow
from trainer.extensions import db

pytestmark = pytest.mark.browser

SERVE = (
    "import sys\n"
    "from werkzeug.serving import run_simple\n"
    "from trainer import create_app\n"
    "run_simple('127.0.0.1', int(sys.argv[1]), create_app(), threaded=True)\n"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    """The app in a process of its own on a fixed port, which a test can stop and start again."""

    def __init__(self, env: dict[str, str], log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env, self.log = env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", SERVE, str(self.port)],
                cwd=PROJECT_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the server process exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/login", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        pytest.fail(f"the server did not answer within 30 s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def server(app, database_url, tmp_path):
    """The app served by a separate process against the test database (stopped again whatever happens)."""
    env = os.environ | {
        "TRAINER_DATABASE_URL": database_url,
        "TRAINER_SECRET_KEY": "a fixed key, so the session survives a restart",
        "TRAINER_INSTANCE_PATH": str(tmp_path / "instance"),
        "TRAINER_RATELIMIT_ENABLED": "false",
    }
    process = ServerProcess(env, tmp_path / "server.log")
    try:
        process.start()
        yield process
    finally:
        process.stop()


def seconds_left(page: Page) -> int:
    hours, minutes, seconds = map(int, page.locator("#timer").inner_text().split(":"))
    return hours * 3600 + minutes * 60 + seconds


def test_a_server_restart_mid_exam_loses_no_answer_and_keeps_the_clock(app, server, page: Page):
    with app.app_context():
        make_bank(db.session)  # enough for a full Tier-I mock
        email = make_user(db.session).email
        db.session.commit()
    sign_in(page, server.url, email)
    page.goto(f"{server.url}/tests/tier1-2025")
    page.get_by_label("I have read and understood the instructions", exact=False).check()
    page.get_by_role("button", name="I am ready to begin").click()
    expect(page.locator("#timer")).to_have_text(re.compile(r"00:59:\d\d|01:00:00"))
    attempt_id = int(re.search(r"/attempts/(\d+)", page.url).group(1))

    answered = {}
    for shown in (2, 0, 3):
        answered[save_and_next(page, shown)] = shown
    for position in answered:
        expect_saved(page, position)
    wait_journal_empty(page, attempt_id)
    assert server_answers(app, attempt_id) == answered

    server.stop()
    left_before, stopped_at = seconds_left(page), time.monotonic()
    late = save_and_next(page, 1)  # answered while the server is down
    answered[late] = 1
    expect(page.locator("#offline-banner")).to_be_visible()
    expect(saved_mark(page, late)).to_have_attribute("hidden", "")
    assert late not in server_answers(app, attempt_id)

    server.start()
    expect(page.locator("#offline-banner")).to_be_hidden(timeout=15_000)  # the page retries by itself
    expect_saved(page, late)
    wait_for_server(page, app, attempt_id, answered)

    page.reload()
    expect(page.locator("#timer")).to_have_text(re.compile(r"00:\d\d:\d\d"))
    left = (attempt_row(app, attempt_id).deadline - utcnow()).total_seconds()
    assert abs(seconds_left(page) - left) <= 3
    assert abs(seconds_left(page) - (left_before - (time.monotonic() - stopped_at))) <= 3
    for position, shown in answered.items():
        expect_shows(page, position, shown)
    expect(page.locator("#offline-banner")).to_be_hidden()
