"""Helpers for the account tests: sign in through the form, copy and replay a session cookie."""

from __future__ import annotations

import re

import pytest

from tests.factories import PASSWORD, make_user
from trainer.extensions import db

CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')


def token(client, url: str = "/login") -> str:
    return CSRF_META.search(client.get(url).text).group(1)


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post("/login", data={"csrf_token": token(client), "email": email, "password": password})


def signed_in(client) -> bool:
    return client.get("/tests").status_code == 200


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def client_with_cookie(app, cookie: str):
    """Another browser holding a copy of a saved session cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


@pytest.fixture
def make_account(app):
    """Create an account (committed); returns its e-mail."""

    def make(**overrides) -> str:
        with app.app_context():
            user = make_user(db.session, **overrides)
            db.session.commit()
            return user.email

    return make


class Outbox(list):
    """Messages handed to the SMTP server, in place of a real one."""

    def to(self, address: str) -> list:
        return [message for message in self if message["To"] == address]


@pytest.fixture
def outbox(app, monkeypatch) -> Outbox:
    """Configure SMTP and catch what the site sends (smtplib.SMTP replaced by a recorder)."""
    sent = Outbox()

    class RecordingSMTP:
        def __init__(self, host, port, timeout=None):
            self.host, self.port = host, port

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self, context=None):
            pass

        def login(self, user, password):
            assert (user, password) == ("mailer", "1234")

        def send_message(self, message):
            sent.append(message)

    monkeypatch.setattr("trainer.auth.mail.smtplib.SMTP", RecordingSMTP)
    app.config.update(
        SMTP_HOST="smtp.example.com", SMTP_USER="mailer", SMTP_PASSWORD=1234, SMTP_FROM="site@example.com"
    )
    return sent
