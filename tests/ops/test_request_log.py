"""One log line per request, with method, path, status, duration, request id and user; no secret ever."""

from __future__ import annotations

import json
import logging
import re

import pytest

from tests.factories import PASSWORD, make_user
from trainer import create_app
from trainer.config import ConfigError
from trainer.extensions import db

LOGGER = "trainer.request"


@pytest.fixture
def lines(caplog):
    """The request lines logged so far, as text."""
    caplog.set_level(logging.INFO, logger=LOGGER)
    return lambda: [record.getMessage() for record in caplog.records if record.name == LOGGER]


def app_with(app, **overrides):
    return create_app({key: app.config[key] for key in ("TESTING", "DATABASE_URL", "SECRET_KEY")} | overrides)


def test_each_request_is_one_json_line_with_its_user_time_and_id(client, auth, lines):
    user = auth.login()
    before = len(lines())

    response = client.get("/tests?page=2")

    [line] = lines()[before:]
    fields = json.loads(line)
    assert {k: fields[k] for k in ("event", "method", "path", "status", "user_id")} == {
        "event": "request",
        "method": "GET",
        "path": "/tests",  # the query string is never logged
        "status": 200,
        "user_id": user.id,
    }
    assert isinstance(fields["duration_ms"], float) and fields["duration_ms"] >= 0
    assert re.fullmatch(r"[0-9a-f]{32}", fields["request_id"])
    assert response.headers["X-Request-ID"] == fields["request_id"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", fields["time"])


def test_anonymous_requests_and_errors_are_logged_too(client, lines):
    client.get("/healthz")
    client.get("/no-such-page")

    logged = [json.loads(line) for line in lines()]
    assert [(f["path"], f["status"], f["user_id"]) for f in logged] == [
        ("/healthz", 200, None),
        ("/no-such-page", 404, None),
    ]


def test_no_password_email_token_or_body_reaches_the_log(app, client, auth, lines):
    with app.app_context():
        email = make_user(db.session, email="secretive@example.com").email
        db.session.commit()
    token = auth.token()
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    client.get("/reset-password/a-secret-reset-token")

    text = "\n".join(lines())
    for secret in (PASSWORD, email, token, "a-secret-reset-token", client.get_cookie("session").value):
        assert secret not in text
    assert json.loads(lines()[-1])["path"] == "/reset-password/<token>"


def test_a_request_id_from_the_trusted_proxy_is_kept_any_other_replaced(app, lines):
    behind_proxy = app_with(app, PROXY_COUNT=1).test_client()
    direct = app_with(app).test_client()

    kept = behind_proxy.get("/healthz", headers={"X-Request-ID": "nginx-4f2a"})
    malformed = behind_proxy.get("/healthz", headers={"X-Request-ID": "evil\u2028id " * 20})
    forged = direct.get("/healthz", headers={"X-Request-ID": "nginx-4f2a"})

    assert kept.headers["X-Request-ID"] == "nginx-4f2a"
    assert malformed.headers["X-Request-ID"] != forged.headers["X-Request-ID"]
    for response in (malformed, forged):
        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])
    assert [json.loads(line)["request_id"] for line in lines()][0] == "nginx-4f2a"


def test_the_text_format_is_one_readable_line_and_off_logs_nothing(app, lines):
    app_with(app, LOG_FORMAT="text").test_client().get("/healthz")
    app_with(app, LOG_FORMAT="off").test_client().get("/healthz")

    [line] = lines()
    assert re.fullmatch(r"\S+Z GET /healthz 200 \d+\.\d+ms request=[0-9a-f]{32} user=-", line)


def test_an_unknown_format_stops_the_app_saying_what_to_set(app):
    with pytest.raises(ConfigError, match="TRAINER_LOG_FORMAT must be one of json, text, off, not 'xml'"):
        app_with(app, LOG_FORMAT="xml")
