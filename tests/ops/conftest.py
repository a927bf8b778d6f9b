"""Fixtures of the operations tests: the Redis the rate-limit tests share counters through."""

from __future__ import annotations

import os
import random
import uuid
from dataclasses import dataclass

import pytest

# Database 5 of the local Redis unless TRAINER_TEST_REDIS_URL says otherwise.
REDIS_URL = os.environ.get("TRAINER_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@dataclass(frozen=True)
class RedisStore:
    url: str
    client: object  # redis.Redis
    address: str  # a client address of the test's own: its counters' keys name it
    email: str  # an e-mail address of the test's own, likewise

    def counter_keys(self) -> list[str]:
        return sorted(
            key.decode() for marker in (self.address, self.email) for key in self.client.scan_iter(f"*{marker}/*")
        )


def reachable_redis() -> str | None:
    """REDIS_URL if the Redis client is installed and the server answers, else None."""
    try:
        import redis
    except ImportError:
        return None
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
        return REDIS_URL
    except redis.RedisError:
        return None
    finally:
        client.close()


@pytest.fixture
def redis_store():
    """A reachable Redis and names of the test's own; the test is skipped, saying why, when there is none.

    The limiter's key prefix is fixed once per process, so a test's counters are told apart by the client address
    and e-mail they count, and exactly those keys are removed afterwards."""
    redis = pytest.importorskip("redis", reason="the Redis client is installed with the 'test' extra")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as exc:
        client.close()
        pytest.skip(f"no Redis at {REDIS_URL} ({exc}); set TRAINER_TEST_REDIS_URL")
    address = f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"  # a benchmarking range, never a user
    store = RedisStore(REDIS_URL, client, address, f"limits-{uuid.uuid4().hex[:12]}@example.com")
    try:
        yield store
    finally:
        for key in store.counter_keys():
            client.delete(key)
        client.close()
