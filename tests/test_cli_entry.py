"""The real entry points on a fresh checkout: `flask --app trainer`, `python run.py`, the WSGI module for gunicorn.

Each runs as an operator would run it, in a process of its own with an empty instance folder, and a configuration
that cannot work is one line on stderr, never a traceback.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

import pytest
from sqlalchemy import select

from trainer import create_app
from trainer.auth.models import User
from trainer.auth.service import authenticate
from trainer.config import PROJECT_ROOT
from trainer.extensions import db

INIT_FIRST = "run `flask --app trainer init` first"


def run(tmp_path, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """Run a command from the project folder with no TRAINER_* setting but the instance folder and `env`."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("TRAINER_", "FLASK_"))}
    clean |= {"TRAINER_INSTANCE_PATH": str(tmp_path / "instance")} | env
    return subprocess.run(args, cwd=PROJECT_ROOT, env=clean, capture_output=True, text=True, timeout=timeout)


def flask(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return run(tmp_path, sys.executable, "-m", "flask", "--app", "trainer", *args, **env)


def one_error_line(process: subprocess.CompletedProcess) -> str:
    """The only line on stderr (beside the notice of a secret key stored on first use): it starts with `Error: `."""
    lines = [line for line in process.stderr.strip().splitlines() if not line.startswith("Stored a new random secret")]
    assert len(lines) == 1 and lines[0].startswith("Error: "), process.stderr
    return lines[0]


def test_init_on_a_fresh_checkout_stores_a_secret_builds_everything_and_shows_the_admin_password_once(tmp_path):
    first = flask(tmp_path, "init", "--admin-email", "Head@Example.com")

    assert first.returncode == 0, first.stderr
    secret = tmp_path / "instance" / "secret_key"
    assert first.stderr.strip() == f"Stored a new random secret key in {secret}."
    assert len(secret.read_text()) == 64 and secret.stat().st_mode & 0o077 == 0
    assert "Loaded the bundled question bank" in first.stdout
    assert "Loaded 21 bundled Tier-I cut-offs" in first.stdout
    password = re.search(r"password: (\S+)", first.stdout).group(1)
    assert "e-mail:   head@example.com" in first.stdout

    again = flask(tmp_path, "init", "--admin-email", "other@example.com")
    assert again.returncode == 0, again.stderr
    assert "password" not in again.stdout and again.stderr == ""
    assert "no account was created for other@example.com" in again.stdout
    assert "cut-offs" not in again.stdout  # loaded once: an admin's later edits are never overwritten

    database = f"sqlite:///{tmp_path / 'instance' / 'trainer.db'}"
    app = create_app({"TESTING": True, "SECRET_KEY": secret.read_text(), "DATABASE_URL": database})
    with app.app_context():
        assert authenticate(db.session, "head@example.com", password).role == "admin"
        assert db.session.scalars(select(User.email)).all() == ["head@example.com"]


def test_init_refuses_an_admin_email_that_is_not_one(tmp_path):
    result = flask(tmp_path, "init", "--admin-email", "nobody")

    assert result.returncode == 2
    assert "'nobody' is not an e-mail address." in result.stderr
    assert not (tmp_path / "instance" / "trainer.db").exists()


def test_a_command_needing_the_schema_on_a_fresh_checkout_says_to_run_init_and_creates_no_database(tmp_path):
    result = flask(tmp_path, "bank", "stats")

    assert result.returncode == 1
    assert one_error_line(result).endswith(INIT_FIRST + ".")
    assert result.stdout == ""
    assert not (tmp_path / "instance" / "trainer.db").exists()


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("nonsense", "TRAINER_DATABASE_URL cannot be used: Could not parse"),
        ("postgres://trainer@localhost/trainer", "Can't load plugin: sqlalchemy.dialects:postgres"),
        ("sqlite:////no/such/folder/trainer.db", "Cannot use the database sqlite:////no/such/folder/trainer.db"),
    ],
)
def test_a_database_url_that_cannot_work_is_one_line_for_flask_and_run_py(tmp_path, url, said):
    for process in (
        flask(tmp_path, "init", TRAINER_DATABASE_URL=url),
        run(tmp_path, sys.executable, "run.py", "--port", str(free_port()), TRAINER_DATABASE_URL=url),
    ):
        assert process.returncode == 1, process.args
        assert said in one_error_line(process)


def test_the_wsgi_module_without_a_secret_key_stops_in_one_line(tmp_path):
    result = run(tmp_path, sys.executable, "-c", "import trainer.wsgi")

    assert result.returncode == 4  # gunicorn's "App failed to load": its master stops rather than re-fork workers
    assert one_error_line(result).startswith("Error: No secret key: set TRAINER_SECRET_KEY")


def test_gunicorn_without_a_secret_key_stops_with_our_line_and_no_traceback(tmp_path):
    pytest.importorskip("gunicorn")
    command = (sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{free_port()}")
    result = run(tmp_path, *command, "trainer.wsgi:app", timeout=60)

    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    ours = [line for line in result.stderr.splitlines() if not line.startswith("[")]
    assert len(ours) == 1 and ours[0].startswith("Error: No secret key"), result.stderr
    assert "Reason: App failed to load." in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
