"""A real gunicorn serving the app in processes of its own, which a test starts, stops, kills and starts again."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from trainer.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn on a port of its own with the given TRAINER_* settings; its output goes to `log`.

    The master and its workers form a process group of their own, so `kill()` takes them all down at once, as a
    crash of the machine's app server would."""

    def __init__(self, settings: dict[str, str], log: Path, app: str = "trainer.wsgi:app", workers: int = 1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = os.environ | settings
        self.log, self.app, self.workers = log, app, workers
        self.process: subprocess.Popen | None = None

    def start(self, ready_path: str = "/login", timeout: float = 60) -> Gunicorn:
        """Start and wait until `ready_path` answers (up to a minute on a busy machine)."""
        self.launch()
        return self.wait_ready(ready_path, timeout)

    def launch(self) -> None:
        """Start without waiting (several servers start side by side; then `wait_ready` each)."""
        pytest.importorskip("gunicorn", reason="gunicorn is installed with the 'test' and 'serve' extras")
        command = [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--threads", "4"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "2", self.app]
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_ready(self, ready_path: str = "/login", timeout: float = 60) -> Gunicorn:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.process.returncode}:\n{self.log_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + ready_path, timeout=5):
                    return self
            except urllib.error.HTTPError:
                return self  # it answers (a 503 from /healthz is an answer too)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.kill()
        pytest.fail(f"gunicorn did not answer within {timeout:.0f} s:\n{self.log_text()[-3000:]}")

    def stop(self) -> None:
        """A graceful stop (SIGTERM to the master), a kill if it takes too long."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """kill -9 of the master and every worker: no request in flight is finished, nothing is cleaned up."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def log_text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""


def stop_all(servers: list[Gunicorn]) -> None:
    """Stop several servers at once (each takes up to its graceful timeout to let connections go)."""
    for server in servers:
        if server.process is not None and server.process.poll() is None:
            server.process.terminate()
    for server in servers:
        server.stop()
