"""Sign-in limits: ten failures for one e-mail lock that e-mail, not everyone behind the same address."""

from __future__ import annotations

import pytest

from tests.auth.conftest import CSRF_META
from tests.factories import PASSWORD, make_user
from trainer import create_app
from trainer.extensions import db, limiter

NAT = {"REMOTE_ADDR": "203.0.113.7"}  # a coaching centre: every candidate behind one address
ELSEWHERE = {"REMOTE_ADDR": "198.51.100.20"}


@pytest.fixture
def limited_app(app):
    """The test app with rate limits on (the shared configuration turns them off)."""
    limited = create_app(app.config | {"RATELIMIT_ENABLED": True})
    with limited.app_context():
        for email in ("victim@example.com", "neighbour@example.com"):
            make_user(db.session, email=email)
        db.session.commit()
    limiter.reset()
    yield limited
    limiter.reset()


def attempt(app, email: str, password: str, address: dict):
    client = app.test_client()
    csrf = CSRF_META.search(client.get("/login", environ_base=address).text).group(1)
    data = {"csrf_token": csrf, "email": email, "password": password}
    return client.post("/login", data=data, environ_base=address)


def test_ten_failures_lock_the_email_from_every_address(limited_app):
    for _ in range(10):
        assert attempt(limited_app, "victim@example.com", "wrong password", NAT).status_code == 422

    assert attempt(limited_app, "Victim@Example.com", PASSWORD, ELSEWHERE).status_code == 429
    assert attempt(limited_app, "victim@example.com", "wrong password", NAT).status_code == 429


def test_the_locked_email_does_not_lock_others_behind_the_same_address(limited_app):
    for _ in range(10):
        attempt(limited_app, "victim@example.com", "wrong password", NAT)

    assert attempt(limited_app, "neighbour@example.com", PASSWORD, NAT).status_code == 302


def test_successful_sign_ins_do_not_count(limited_app):
    for _ in range(12):
        assert attempt(limited_app, "neighbour@example.com", PASSWORD, NAT).status_code == 302


def test_one_address_still_has_a_higher_limit_of_its_own(limited_app):
    limit = int(limited_app.config["LOGIN_RATE_LIMIT"].split()[0])
    assert limit > 10
    for n in range(limit):
        email = f"someone{n}@example.com"  # a different e-mail each time: only the address limit applies
        assert attempt(limited_app, email, "wrong password", NAT).status_code == 422

    assert attempt(limited_app, "neighbour@example.com", PASSWORD, NAT).status_code == 429
    assert attempt(limited_app, "neighbour@example.com", PASSWORD, ELSEWHERE).status_code == 302
