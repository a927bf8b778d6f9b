"""Configuration: class defaults, then TRAINER_* environment variables, then test overrides."""

from __future__ import annotations

import secrets
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The configuration cannot run the site; the message says what to set."""


class Config:
    """Defaults; every key can be set as TRAINER_<KEY> in the environment."""

    SECRET_KEY: str | None = None
    DATABASE_URL: str | None = None  # default: SQLite file in the instance folder
    BANK_PATH = str(PROJECT_ROOT / "question_bank")
    MAX_CONTENT_LENGTH = 1024 * 1024  # bytes in a request body; the exam's saves take at most 64 KB of it
    SAVE_GRACE_SECONDS = 10  # in-flight saves accepted this long after a deadline
    # A CSRF token lasts six hours (longer than any exam); the secret behind it is replaced at sign-in and sign-out.
    # An open exam page whose token was refused fetches a fresh one from /auth/token.
    WTF_CSRF_TIME_LIMIT = 6 * 3600
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    RATELIMIT_KEY_PREFIX = "aso-trainer"  # the counters' keys in a Redis shared with other sites
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # Redis down: count per app server meanwhile, never fail a sign-in
    LOGIN_RATE_LIMIT = "30 per minute"  # per client address: a coaching centre's NAT is many candidates
    ACCOUNT_LOGIN_RATE_LIMIT = "10 per 15 minutes"  # failed sign-ins per e-mail address, whoever sends them
    RESET_LINK_HOURS = 24  # a password-reset link works once, for this long
    PUBLIC_URL: str | None = None  # e.g. https://trainer.example.org: links printed by the CLI start with it
    SMTP_HOST: str | None = None  # e-mail is sent only when this is set
    SMTP_PORT = 587
    SMTP_USER: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_FROM: str | None = None  # default: SMTP_USER
    SMTP_SECURITY = "starttls"  # "starttls", "ssl" (usually port 465) or "none" (a relay on localhost)
    HTTPS = False  # served over https (behind a TLS proxy): HSTS, Secure cookies, https links
    PROXY_COUNT = 0  # trusted reverse proxies in front that set X-Forwarded-For/-Proto/-Host; 0 = none
    REQUIRE_SECOND_READER = False  # publishing a question needs an instructor other than its last editor
    LOG_FORMAT = "json"  # one line per request: json, text or off (trainer/ops/requestlog.py)
    GENERATED_POOL_SIZE = 40  # generated items kept ready per generator (`flask bank refill-generated`)
    GENERATED_POOL_TOP_UP = True  # after a start, top a generator's pool up in the background when it is half empty
    IMPORT_FOLDER: str | None = None  # where web-import uploads wait between steps (default: instance/imports)
    TIMEZONE = "Asia/Kolkata"  # times are shown and typed in this zone (IST); stored in UTC


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


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def flag(config: dict, key: str) -> bool:
    """A yes/no setting; TRAINER_<KEY> may be 1/0, true/false, yes/no or on/off. ConfigError otherwise."""
    value = config.get(key)
    if isinstance(value, bool) or value is None:
        return bool(value)
    word = str(value).strip().lower()
    if word in TRUE_WORDS | FALSE_WORDS:
        return word in TRUE_WORDS
    raise ConfigError(f"TRAINER_{key} must be 1 or 0 (or true/false, yes/no, on/off), not {value!r}.")


def whole_number(config: dict, key: str) -> int:
    """A whole number setting of 0 or more (e.g. TRAINER_PROXY_COUNT=1). ConfigError otherwise."""
    value = config.get(key) or 0
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"TRAINER_{key} must be a whole number of 0 or more, not {value!r}.")
    return value


def check_timezone(config: dict) -> None:
    """TRAINER_TIMEZONE must name a zone of the IANA database (e.g. Asia/Kolkata, UTC). ConfigError otherwise."""
    name = config["TIMEZONE"]
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ConfigError(f"TRAINER_TIMEZONE must name a time zone such as Asia/Kolkata or UTC, not {name!r}.") from exc


def apply_https(config: dict) -> None:
    """Over https, cookies travel only on https and links built outside a request say https."""
    config["HTTPS"] = flag(config, "HTTPS")
    if config["HTTPS"]:
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
        config["PREFERRED_URL_SCHEME"] = "https"


def ensure_secret_file(instance_path: str) -> bool:
    """Create instance/secret_key with a random key if it does not exist; True if created."""
    stored = Path(instance_path) / SECRET_FILE
    if stored.exists():
        return False
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_text(secrets.token_hex(32))
    stored.chmod(0o600)
    return True
