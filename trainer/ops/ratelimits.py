"""Rate-limit counters shared by every app server: TRAINER_RATELIMIT_STORAGE_URI=redis://host:6379/0."""

from __future__ import annotations

import importlib.util

from trainer.config import ConfigError

REDIS_SCHEMES = ("redis://", "rediss://", "redis+sentinel://", "redis+cluster://")
# A Redis that hangs must not hang sign-ins: after a second the limiter counts in this process's memory instead
# (RATELIMIT_IN_MEMORY_FALLBACK_ENABLED) and tries Redis again later.
REDIS_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}


def prepare_rate_limit_storage(config: dict) -> None:
    """Check the rate-limit store can be used and give Redis its timeouts; ConfigError saying what to install."""
    uri = str(config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if not uri.startswith(REDIS_SCHEMES):
        return
    if not redis_installed():
        raise ConfigError(
            f"TRAINER_RATELIMIT_STORAGE_URI is {uri.split('://')[0]}://… but the Redis client is not installed: "
            "pip install -e '.[redis]'."
        )
    config["RATELIMIT_STORAGE_OPTIONS"] = REDIS_TIMEOUTS | dict(config.get("RATELIMIT_STORAGE_OPTIONS") or {})


def redis_installed() -> bool:
    return importlib.util.find_spec("redis") is not None
