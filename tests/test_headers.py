"""Every response, from every route in the URL map, carries the security headers; no page is stored in a cache."""

from __future__ import annotations

import random
import re

import pytest

from tests.factories import make_bank, make_user
from trainer import create_app
from trainer.auth.models import User
from trainer.config import ConfigError
from trainer.core.clock import utcnow
from trainer.exam import paper
from trainer.exam.patterns import get_pattern
from trainer.extensions import db

CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')
TIER1 = "tier1-2025"
STATIC = "/static/css/site.css"


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy", "")
    directives = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in directives}


def check_headers(response, what: str, stored: bool = False) -> None:
    """The headers every response must carry; `stored` for static files, which caches may keep."""
    csp = policy(response)
    assert csp.get("default-src") == ["'self'"], what
    assert csp.get("script-src") == ["'self'"], what  # no inline script, no eval, no other origin
    assert csp.get("style-src") == ["'self'"], what  # no inline style: bank content cannot restyle the page
    assert csp.get("img-src") == ["'self'", "data:"], what  # no third party learns who opened a question
    assert csp.get("object-src") == ["'none'"] and csp.get("base-uri") == ["'none'"], what
    assert csp.get("form-action") == ["'self'"] and csp.get("frame-ancestors") == ["'none'"], what
    assert not any("unsafe" in s or "*" in s or ":" in s.strip("'") for s in sum(csp.values(), []) if s != "data:")
    assert response.headers.get("X-Content-Type-Options") == "nosniff", what
    assert response.headers.get("X-Frame-Options") == "DENY", what
    assert response.headers.get("Referrer-Policy") == "same-origin", what
    assert {"camera=()", "microphone=()", "geolocation=()"} <= set(
        response.headers.get("Permissions-Policy", "").replace(" ", "").split(",")
    ), what
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", what
    assert "Strict-Transport-Security" not in response.headers, what  # only when served over https
    cache = response.headers.get("Cache-Control", "")
    assert ("no-store" in cache) != stored, (what, cache)


NUMERIC = {"int", "id"}  # URL converters that take a number
URL_VARIABLE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")  # <converter(arguments):name>


def every_request(app, values: dict):
    """(method, url) for every route and method; unknown URL arguments get a made-up value (headers are
    checked on whatever answers: page, redirect, 404). Signing out goes last so it cannot cut the walk short."""
    pairs = []
    for rule in app.url_map.iter_rules():
        numeric = {
            name
            for converter, name in re.findall(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", rule.rule)
            if converter in NUMERIC
        }
        args = {name: values.get(name, 1 if name in numeric else "x") for name in rule.arguments}
        url = rule.build(args)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            pairs.append((rule.endpoint == "auth.logout", method, url))
    return [(method, url) for _, method, url in sorted(pairs)]


def send(client, method: str, url: str, token: str):
    if method == "POST":  # a valid token and an empty body: reaches every view, which answers as it sees fit
        return client.post(url, json={"steps": []}, headers={"X-CSRFToken": token})
    return client.open(url, method=method)


def walk(app, client, values: dict, token: str) -> list[int]:
    statuses = []
    for method, url in every_request(app, values):
        response = send(client, method, url, token)
        check_headers(
            response, f"{method} {url} → {response.status_code}", stored=url.startswith(("/static/", "/favicon.ico"))
        )
        statuses.append(response.status_code)
    return statuses


@pytest.fixture
def values(app):
    """A drawable bank and an account that owns an attempt; the URL values every route can be filled with."""
    with app.app_context():
        questions = make_bank(db.session)
        db.session.commit()
    return {"code": TIER1, "uid": questions[0].uid, "filename": "css/site.css"}


def start_attempt(app, user_id: int) -> int:
    with app.app_context():
        user = db.session.get(User, user_id)
        attempt = paper.start_attempt(db.session, user, get_pattern(TIER1), utcnow(), random.Random(4))
        db.session.commit()
        return attempt.id


def test_every_route_answers_visitors_with_the_headers(app, client, values):
    with app.app_context():
        owner = make_user(db.session)
        db.session.commit()
        owner_id = owner.id
    values["attempt_id"] = start_attempt(app, owner_id)
    token = CSRF_META.search(client.get("/login").text).group(1)

    statuses = walk(app, client, values, token)
    assert statuses.count(200) >= 4 and 302 in statuses  # the public pages rendered, the rest redirected


@pytest.mark.parametrize("role", ["candidate", "admin"])
def test_every_route_answers_signed_in_users_with_the_headers(app, client, auth, values, role):
    user = auth.login(role=role)
    values["attempt_id"] = start_attempt(app, user.id)

    statuses = walk(app, client, values, auth.token("/tests"))
    assert statuses.count(200) >= 6  # tests, instructions, the exam screen, progress, the JSON save, ...


def test_the_exam_screen_and_the_result_page_are_never_stored(app, client, auth, values):
    user = auth.login()
    attempt_id = start_attempt(app, user.id)

    screen = client.get(f"/attempts/{attempt_id}")
    assert screen.status_code == 200 and screen.headers["Cache-Control"] == "no-store"
    client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": auth.token("/tests")})
    result = client.get(f"/attempts/{attempt_id}/result")
    assert result.status_code == 200 and "Your result" in result.text
    check_headers(result, "the result page")
    assert result.headers["Cache-Control"] == "no-store"


def test_sign_in_and_register_pages_with_their_tokens_are_never_stored(client):
    for url in ("/login", "/register"):
        response = client.get(url)
        assert response.status_code == 200 and CSRF_META.search(response.text)
        check_headers(response, url)


def test_error_pages_and_json_errors_carry_the_headers(app, client):
    @app.route("/test-fails")
    def fails():
        raise RuntimeError("a bug")

    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer 500 as in production instead of raising into the test
    token = CSRF_META.search(client.get("/login").text).group(1)
    cases = {
        "404 page": client.get("/no-such-page"),
        "404 JSON": client.get("/no-such-page", headers={"Accept": "application/json"}),
        "405 page": client.delete("/login"),
        "500 page": client.get("/test-fails"),
        "401 JSON": client.post("/attempts/1/steps", json={"steps": []}, headers={"X-CSRFToken": token}),
        "400 CSRF": client.post("/login", data={"email": "a@example.com"}),
    }
    assert [r.status_code for r in cases.values()] == [404, 404, 405, 500, 401, 400]
    for what, response in cases.items():
        check_headers(response, what)


def test_static_files_carry_the_headers_and_stay_cacheable(client):
    first = client.get(STATIC)
    check_headers(first, STATIC, stored=True)
    again = client.get(STATIC, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304  # the browser keeps its copy and only revalidates it


def test_over_https_hsts_is_sent_and_cookies_are_secure(app, client, database_url):
    plain = client.get("/login")
    assert "Strict-Transport-Security" not in plain.headers
    assert "Secure" not in plain.headers["Set-Cookie"]

    secure_app = create_app(app.config | {"HTTPS": True})
    secure = secure_app.test_client().get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "; Secure" in secure.headers["Set-Cookie"]
    assert secure_app.config["REMEMBER_COOKIE_SECURE"] and secure_app.config["PREFERRED_URL_SCHEME"] == "https"


@pytest.mark.parametrize(("word", "on"), [("1", True), ("true", True), ("on", True), ("0", False), ("off", False)])
def test_trainer_https_reads_the_usual_words(monkeypatch, app, word, on):
    monkeypatch.setenv("TRAINER_HTTPS", word)
    config = {key: app.config[key] for key in ("TESTING", "DATABASE_URL", "SECRET_KEY")}
    assert create_app(config).config["SESSION_COOKIE_SECURE"] is on


@pytest.mark.parametrize(("key", "value"), [("TRAINER_HTTPS", "maybe"), ("TRAINER_PROXY_COUNT", "-1")])
def test_a_wrong_setting_is_one_clear_line(monkeypatch, app, key, value):
    monkeypatch.setenv(key, value)
    config = {key: app.config[key] for key in ("TESTING", "DATABASE_URL", "SECRET_KEY")}
    with pytest.raises(ConfigError, match=f"^{key} must be .*{value}") as error:
        create_app(config)
    assert "\n" not in str(error.value)


def test_the_favicon_may_be_cached_for_a_week(client):
    """Every page's icon is fetched once, not at each page (it was sent with no-store beside its week's Expires)."""
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=604800"
