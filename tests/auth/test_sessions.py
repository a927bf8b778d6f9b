"""Sessions end on the server: a saved cookie stops working after sign-out, sign-out everywhere, a password
change or an admin disabling the account; the CSRF secret is new at every sign-in and sign-out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.auth.conftest import CSRF_META, client_with_cookie, session_cookie, sign_in, signed_in, token
from tests.factories import PASSWORD
from trainer.auth import service
from trainer.auth.models import User
from trainer.extensions import db

NEW_PASSWORD = "mango orchard by the river"


@pytest.fixture
def member(make_account) -> str:
    return make_account(email="member@example.com")


def saved_cookie_after_sign_in(client, email) -> str:
    assert sign_in(client, email).status_code == 302
    return session_cookie(client)


def assert_replay_refused(app, cookie: str) -> None:
    """The saved cookie reaches neither pages, nor the token endpoint, nor a state change."""
    thief = client_with_cookie(app, cookie)
    page = thief.get("/tests")
    assert page.status_code == 302 and page.headers["Location"].startswith("/login")
    answer = thief.get("/auth/token", headers={"Accept": "application/json"})
    assert answer.status_code == 401 and "signed out" in answer.json["error"]
    started = thief.post("/tests/tier1-2025", data={"declaration": "y"}, headers={"Accept": "application/json"})
    assert started.status_code in (400, 401)  # its CSRF token, if any, is no longer the session's either


def test_a_cookie_saved_before_sign_out_is_signed_out(app, client, member):
    cookie = saved_cookie_after_sign_in(client, member)
    assert signed_in(client_with_cookie(app, cookie))  # the copy works while the session lives

    client.post("/logout", data={"csrf_token": token(client, "/tests")})

    assert_replay_refused(app, cookie)


def test_sign_out_everywhere_ends_other_sessions_and_keeps_this_one(app, client, member):
    phone = app.test_client()
    phone_cookie = saved_cookie_after_sign_in(phone, member)
    cookie = saved_cookie_after_sign_in(client, member)

    response = client.post("/account/sign-out-everywhere", data={"csrf_token": token(client, "/account")})

    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert "You are signed out on every other device." in client.get("/account").text
    assert signed_in(client)
    assert not signed_in(phone)
    assert_replay_refused(app, phone_cookie)
    assert_replay_refused(app, cookie)  # this browser's own earlier cookie too


def test_a_password_change_ends_every_other_session(app, client, member):
    phone = app.test_client()
    saved_cookie_after_sign_in(phone, member)
    cookie = saved_cookie_after_sign_in(client, member)

    response = client.post(
        "/account/password",
        data={"csrf_token": token(client, "/account/password"), "current": PASSWORD}
        | {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert signed_in(client) and not signed_in(phone)
    assert_replay_refused(app, cookie)


def test_an_admin_disabling_the_account_ends_its_sessions_and_sign_in(app, client, member, make_account):
    cookie = saved_cookie_after_sign_in(client, member)
    admin = app.test_client()
    sign_in(admin, make_account(email="boss@example.com", role="admin"))
    with app.app_context():
        member_id = service.find_user(db.session, member).id

    response = admin.post(
        f"/admin/users/{member_id}", data={"csrf_token": token(admin, "/admin/users"), "action": "disable"}
    )

    assert response.status_code == 302
    assert not signed_in(client)
    assert_replay_refused(app, cookie)
    again = sign_in(client, member)
    assert again.status_code == 422 and "This account is disabled. Ask an administrator." in again.text
    assert not signed_in(client)


def test_a_session_from_before_the_generation_existed_is_signed_out(app, client, member):
    saved_cookie_after_sign_in(client, member)
    with client.session_transaction() as cookie_session:
        del cookie_session["_gen"]  # a cookie issued by the site before this change

    assert not signed_in(client)


def test_the_session_keeps_the_generation_not_the_password(app, client, member):
    sign_in(client, member)
    with client.session_transaction() as cookie_session:
        stored = dict(cookie_session)
    with app.app_context():
        generation = db.session.scalar(select(User.session_generation).where(User.email == member))
    assert stored["_gen"] == generation
    assert not any(PASSWORD in str(value) for value in stored.values())


def test_the_csrf_token_changes_at_sign_in_and_a_token_from_before_is_refused(app, client, member):
    before = token(client, "/login")

    sign_in(client, member)
    after = token(client, "/tests")

    assert before != after
    refused = client.post("/logout", data={"csrf_token": before})
    assert refused.status_code == 400 and signed_in(client)
    assert client.post("/logout", data={"csrf_token": after}).status_code == 302


def test_the_csrf_token_changes_at_sign_out(app, client, member):
    sign_in(client, member)
    inside = token(client, "/tests")
    client.post("/logout", data={"csrf_token": inside})

    refused = client.post("/login", data={"csrf_token": inside, "email": member, "password": PASSWORD})

    assert refused.status_code == 400 and not signed_in(client)


def test_csrf_tokens_expire(app, client, member, monkeypatch):
    sign_in(client, member)
    old = token(client, "/tests")
    app.config["WTF_CSRF_TIME_LIMIT"] = 6 * 3600
    import itsdangerous.timed

    real_now = itsdangerous.timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: real_now(self) + 7 * 3600)

    assert client.post("/logout", data={"csrf_token": old}).status_code == 400
    fresh = client.get("/auth/token", headers={"Accept": "application/json"}).json["csrf_token"]
    assert client.post("/logout", data={"csrf_token": fresh}).status_code == 302


def test_the_token_endpoint_gives_a_fresh_token_that_is_never_cached(client, member):
    sign_in(client, member)

    response = client.get("/auth/token", headers={"Accept": "application/json"})

    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    fresh = response.json["csrf_token"]
    assert client.post("/logout", data={"csrf_token": fresh}).status_code == 302


def test_the_token_endpoint_answers_json_401_when_signed_out(client):
    for headers in ({"Accept": "application/json"}, {"Accept": "application/json", "Content-Type": "application/json"}):
        response = client.get("/auth/token", headers=headers)
        assert response.status_code == 401 and response.is_json
        assert "signed out" in response.json["error"]
    page = client.get("/auth/token", headers={"Accept": "text/html,*/*;q=0.8"})  # a person following a link
    assert page.status_code == 302 and page.headers["Location"].startswith("/login")


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://localhost:8080"},  # another port is another site
        {"Referer": "https://evil.example/page"},
        {"Origin": "https://evil.example", "Referer": "http://localhost/tests"},
    ],
)
def test_a_state_change_sent_from_another_site_is_refused(client, member, headers):
    sign_in(client, member)
    csrf = token(client, "/tests")

    page = client.post("/logout", data={"csrf_token": csrf}, headers=headers)
    script = client.post("/logout", json={}, headers=headers | {"X-CSRFToken": csrf})

    assert page.status_code == 403 and "came from another site" in page.text
    assert script.status_code == 403 and "came from another site" in script.json["error"]
    assert signed_in(client)


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://localhost"}, {"Referer": "http://localhost/tests"}, {}, {"Origin": "HTTP://LOCALHOST"}],
)
def test_a_state_change_from_this_site_passes_the_origin_check(client, member, headers):
    sign_in(client, member)

    response = client.post("/logout", data={"csrf_token": token(client, "/tests")}, headers=headers)

    assert response.status_code == 302 and not signed_in(client)


def test_over_https_the_origin_must_be_https_and_the_referer_is_required(app, member):
    """Behind the proxy, ProxyFix gives the request the scheme and host the browser used; the check compares those."""
    site = "https://trainer.example.org"
    browser = app.test_client()
    login_page = browser.get("/login", base_url=site).text
    csrf = CSRF_META.search(login_page).group(1)
    signed = browser.post(
        "/login",
        base_url=site,
        data={"csrf_token": csrf, "email": member, "password": PASSWORD},
        headers={"Origin": site, "Referer": f"{site}/login"},
    )
    assert signed.status_code == 302
    csrf = CSRF_META.search(browser.get("/tests", base_url=site).text).group(1)

    def sign_out(**headers):
        return browser.post("/logout", base_url=site, data={"csrf_token": csrf}, headers=headers)

    assert sign_out(Origin="http://trainer.example.org", Referer=f"{site}/tests").status_code == 403
    assert sign_out(Origin=site).status_code == 400  # strict over https: no Referer, refused (Flask-WTF)
    assert sign_out(Origin=site, Referer=f"{site}/tests").status_code == 302
