"""Rate-limit counters live in Redis when TRAINER_RATELIMIT_STORAGE_URI says so (two app servers sharing them:
tests/ops/test_two_servers.py); a Redis that is down never stops a sign-in."""

from __future__ import annotations

import pytest

from tests.factories import CSRF_META
from trainer import create_app
from trainer.config import ConfigError
from trainer.extensions import limiter
from trainer.ops import ratelimits


def limited_app(app, storage: str):
    return create_app(
        {key: app.config[key] for key in ("TESTING", "DATABASE_URL", "SECRET_KEY")}
        | {
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": storage,
            "LOGIN_RATE_LIMIT": "3 per minute",
        }
    )


def failed_sign_in(client, email: str = "nobody@example.com") -> int:
    token = CSRF_META.search(client.get("/login").text).group(1)
    return client.post("/login", data={"email": email, "password": "wrong", "csrf_token": token}).status_code


@pytest.fixture
def restored_limiter(app):
    """The limiter object is one per process: whatever a test sets up, later tests find it as they expect."""
    yield
    limiter._storage_dead = False  # a test that saw Redis down leaves the limiter on its in-memory fallback
    create_app(app.config)  # binds the limiter to the test configuration's storage again


def test_the_counters_are_kept_in_redis(app, redis_store, restored_limiter):
    client = limited_app(app, redis_store.url).test_client()
    client.environ_base["REMOTE_ADDR"] = redis_store.address

    assert [failed_sign_in(client, redis_store.email) for _ in range(4)] == [422, 422, 422, 429]
    assert redis_store.counter_keys() == [
        f"LIMITS:LIMITER/aso-trainer/{redis_store.address}/auth.login/3/1/minute",
        f"LIMITS:LIMITER/aso-trainer/account:{redis_store.email}/auth.login/10/15/minute",
    ]
    assert client.get("/healthz").json["rate_limit_storage"] == "ok"


def test_with_redis_down_sign_ins_are_limited_per_server_and_the_site_answers(app, restored_limiter):
    client = limited_app(app, "redis://127.0.0.1:1/0").test_client()

    health = client.get("/healthz")
    assert health.status_code == 200 and health.json["rate_limit_storage"] == "unreachable"
    assert [failed_sign_in(client) for _ in range(4)] == [422, 422, 422, 429]


def test_a_redis_url_without_the_redis_client_says_what_to_install(monkeypatch):
    monkeypatch.setattr(ratelimits, "redis_installed", lambda: False)

    with pytest.raises(ConfigError, match=r"the Redis client is not installed: pip install -e '\.\[redis\]'"):
        ratelimits.prepare_rate_limit_storage({"RATELIMIT_STORAGE_URI": "redis://cache:6379/0"})


def test_redis_gets_timeouts_unless_configured_otherwise():
    config = {"RATELIMIT_STORAGE_URI": "redis://cache:6379/0", "RATELIMIT_STORAGE_OPTIONS": {"socket_timeout": 3}}

    ratelimits.prepare_rate_limit_storage(config)

    assert config["RATELIMIT_STORAGE_OPTIONS"] == {"socket_connect_timeout": 1, "socket_timeout": 3}
