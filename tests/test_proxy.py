"""Behind TRAINER_PROXY_COUNT trusted proxies the site sees each client's own address and scheme (rate limits
included); without one, X-Forwarded-* headers are ignored. Neither server names its version."""

from __future__ import annotations

import re
import threading
import urllib.request

import pytest
from flask import jsonify, request, url_for
from werkzeug.serving import make_server

from tests.factories import PASSWORD, make_user
from tests.servers import Gunicorn
from trainer import create_app
from trainer.extensions import db

CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')
PROXY = "10.0.0.5"  # the reverse proxy's own address, as the app server sees it


@pytest.fixture
def make_app(app):
    """An app like the test app but with other settings (same database; `app` empties it afterwards)."""

    def build(**overrides):
        return create_app({key: app.config[key] for key in ("TESTING", "DATABASE_URL", "SECRET_KEY")} | overrides)

    return build


def with_echo(app):
    """The app plus a route that reports what it believes about the request."""

    @app.route("/test-echo")
    def echo():
        return jsonify(
            address=request.remote_addr,
            secure=request.is_secure,
            link=url_for("auth.login", _external=True),
        )

    return app.test_client()


def test_behind_one_proxy_the_client_address_scheme_and_host_are_the_forwarded_ones(make_app):
    client = with_echo(make_app(PROXY_COUNT=1))
    forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "exam.example"}

    seen = client.get("/test-echo", headers=forwarded, environ_base={"REMOTE_ADDR": PROXY}).json

    assert seen == {"address": "203.0.113.7", "secure": True, "link": "https://exam.example/login"}


def test_a_client_cannot_pass_itself_off_as_another_through_the_proxy(make_app):
    # The client sends its own X-Forwarded-For; the proxy appends the address it really saw. Only the last counts.
    client = with_echo(make_app(PROXY_COUNT=1))

    seen = client.get(
        "/test-echo", headers={"X-Forwarded-For": "1.2.3.4, 203.0.113.7"}, environ_base={"REMOTE_ADDR": PROXY}
    )

    assert seen.json["address"] == "203.0.113.7"


def test_without_a_proxy_configured_forwarded_headers_are_ignored(make_app):
    client = with_echo(make_app())
    forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}

    seen = client.get("/test-echo", headers=forwarded, environ_base={"REMOTE_ADDR": PROXY}).json

    assert seen == {"address": PROXY, "secure": False, "link": "http://localhost/login"}


def failed_sign_ins(app, address: str, times: int) -> list[bool]:
    """`times` failed sign-ins (a different unknown e-mail each, so only the address is common) from one client
    reaching the site through the proxy; whether each was refused as too many (429)."""
    client = app.test_client()
    client.environ_base.update(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    token = CSRF_META.search(client.get("/login").text).group(1)
    return [
        client.post("/login", data={"email": f"n{n}@example.com", "password": "wrong", "csrf_token": token}).status_code
        == 429
        for n in range(times)
    ]


def test_behind_the_proxy_each_client_has_its_own_sign_in_limit(make_app):
    app = make_app(PROXY_COUNT=1, RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")

    assert failed_sign_ins(app, "203.0.113.7", 4) == [False, False, False, True]  # one client is slowed down...
    assert failed_sign_ins(app, "198.51.100.9", 3) == [False, False, False]  # ...the next one behind the proxy is not


def test_without_a_proxy_configured_a_forged_address_does_not_escape_the_limit(make_app):
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")

    assert failed_sign_ins(app, "203.0.113.7", 3) == [False, False, False]
    assert failed_sign_ins(app, "198.51.100.9", 1) == [True]  # the same client, claiming another address


def server_header(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers["Server"]


def test_the_development_server_does_not_name_its_version(app):
    from run import RequestHandler

    server = make_server("127.0.0.1", 0, app, request_handler=RequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert server_header(f"http://127.0.0.1:{server.server_port}/login") == "ASO Trainer"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_gunicorn_does_not_name_its_version(app, tmp_path):
    settings = {
        "TRAINER_DATABASE_URL": app.config["DATABASE_URL"],
        "TRAINER_SECRET_KEY": "test-secret",
        "TRAINER_INSTANCE_PATH": str(tmp_path),
    }
    server = Gunicorn(settings, tmp_path / "gunicorn.log").start()
    try:
        assert server_header(f"{server.url}/login") == "gunicorn"  # the name only, never gunicorn/<version>
    finally:
        server.stop()


def test_over_https_behind_the_proxy_signing_in_works_with_the_referrer_browsers_send(make_app):
    # Over https Flask-WTF also demands a same-origin Referer on every form; Referrer-Policy: same-origin keeps it.
    app = make_app(PROXY_COUNT=1, HTTPS=True)
    with app.app_context():
        email = make_user(db.session).email
        db.session.commit()
    client = app.test_client()
    client.environ_base.update(
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_HOST="exam.example",
    )
    page = client.get("/login")
    assert "; Secure" in page.headers["Set-Cookie"] and "max-age" in page.headers["Strict-Transport-Security"]
    form = {"email": email, "password": PASSWORD, "csrf_token": CSRF_META.search(page.text).group(1)}

    refused = client.post("/login", data=form)  # no Referer: refused as a possibly cross-site form
    assert refused.status_code == 400 and "referrer header is missing" in refused.text
    signed_in = client.post("/login", data=form, headers={"Referer": "https://exam.example/login"})
    assert signed_in.status_code == 302
    assert client.get("/tests").status_code == 200


def test_trusted_hosts_refuse_a_forwarded_host_that_is_not_the_site(make_app):
    client = with_echo(make_app(PROXY_COUNT=1, TRUSTED_HOSTS=["exam.example"]))

    assert client.get("/test-echo", headers={"X-Forwarded-Host": "exam.example"}).status_code == 200
    assert client.get("/test-echo", headers={"X-Forwarded-Host": "evil.example"}).status_code == 400
