"""Configuration: class defaults, then TRAINER_* environment variables, then test overrides."""

from __future__ import annotations

import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The configuration cannot run the site; the message says what to set."""


class Config:
    """Defaults; every key can be set as TRAINER_<KEY> in the environment."""

    SECRET_KEY: str | None = None
    DATABASE_URL: str | None = None  # default: SQLite file in the instance folder
    BANK_PATH = str(PROJECT_ROOT / "question_bank")
    SAVE_GRACE_SECONDS = 10  # in-flight saves accepted this long after a deadline
    WTF_CSRF_TIME_LIMIT = None  # a CSRF token must outlive a 2-hour exam; it is tied to the session anyway
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute"


SECRET_FILE = "secret_key"


def database_url(config: dict, instance_path: str) -> str:
    """The configured database URL, or the default SQLite file in the instance folder."""
    return config.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'trainer.db'}"


def resolve_secret_key(config: dict, instance_path: str) -> None:
    """Take the secret key from config, else from instance/secret_key; refuse to run without one."""
    if config.get("SECRET_KEY"):
        return
    stored = Path(instance_path) / SECRET_FILE
    if stored.exists():
        config["SECRET_KEY"] = stored.read_text().strip()
        return
    if config.get("TESTING") or config.get("DEBUG"):
        config["SECRET_KEY"] = "insecure-development-key"
        return
    raise ConfigError(
        "No secret key: set TRAINER_SECRET_KEY in the environment (e.g. the output of "
        "`python -c 'import secrets; print(secrets.token_hex(32))'`), or run `flask --app trainer init` (or "
        f"`python run.py`) once, which stores a random key in {stored}."
    )


def ensure_secret_file(instance_path: str) -> bool:
    """Create instance/secret_key with a random key if it does not exist; True if created."""
    stored = Path(instance_path) / SECRET_FILE
    if stored.exists():
        return False
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_text(secrets.token_hex(32))
    stored.chmod(0o600)
    return True
