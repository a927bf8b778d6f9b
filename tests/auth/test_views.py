"""Registering, signing in and out: field errors where the field is, CSRF, hashed passwords, safe redirects."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from tests.factories import PASSWORD, make_user
from trainer.auth.models import User
from trainer.extensions import db

CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')
NEW_PASSWORD = "a sound passphrase"


def token(client, url: str = "/register") -> str:
    return CSRF_META.search(client.get(url).text).group(1)


def registration(client, **changes) -> dict:
    return {
        "csrf_token": token(client),
        "name": "Asha Verma",
        "email": "asha@example.com",
        "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
        "category": "OBC",
        "scribe_eligible": "y",
    } | changes


def field_error(html: str, field: str) -> str | None:
    """The error shown under a field, if any; the field must point at it for screen readers."""
    match = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', html, re.S)
    if match is None:
        return None
    widget = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{field}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in widget and f'aria-describedby="{field}-error"' in widget
    return match.group(1).strip()


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


def signed_in(client) -> bool:
    return client.get("/tests").status_code == 200


def sign_in(client, email: str, password: str = PASSWORD, next_url: str | None = None):
    url = "/login" if next_url is None else f"/login?next={next_url}"
    return client.post(url, data={"csrf_token": token(client, "/login"), "email": email, "password": password})


@pytest.fixture
def member(app) -> str:
    with app.app_context():
        user = make_user(db.session, email="member@example.com")
        db.session.commit()
        return user.email


def test_registering_makes_an_account_you_then_sign_in_to(app, client):
    response = client.post("/register", data=registration(client, email="Asha@Example.COM"))

    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert "Your account is ready: sign in with your e-mail and password." in client.get("/login").text
    assert not signed_in(client)  # no sign-in on registering: the answer for a taken e-mail must be the same
    assert sign_in(client, "asha@example.com", NEW_PASSWORD).status_code == 302
    assert "Asha Verma" in client.get("/tests").text
    with app.app_context():
        user = db.session.scalar(select(User))
        assert (user.email, user.name, user.role) == ("asha@example.com", "Asha Verma", "candidate")
        assert (user.category, user.scribe_eligible) == ("OBC", True)
        assert NEW_PASSWORD not in user.password_hash
        assert user.password_hash.startswith("scrypt:")
        assert check_password_hash(user.password_hash, NEW_PASSWORD)
    assert "20 minutes" in client.get("/tests/tier1-2025").text  # the PwBD flag reaches the exam


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "asha.example.com"}, "email", "This does not look like an e-mail address."),
        ({"password": "short", "confirm": "short"}, "password", "Use at least 8 characters."),
        ({"confirm": "a different passphrase"}, "confirm", "The two passwords differ."),
        ({"name": ""}, "name", "Please enter your name."),
        ({"password": "password123", "confirm": "password123"}, "password", "This is a very common password."),
        ({"password": "Asha.Example.com", "confirm": "Asha.Example.com"}, "password", "Do not use your e-mail"),
    ],
)
def test_registration_errors_are_shown_at_the_field(app, client, member, changes, field, message):
    before = user_count(app)

    response = client.post("/register", data=registration(client, **changes))

    assert response.status_code == 422
    html = response.text
    assert field_error(html, field).startswith(message)
    others = [f for f in ("name", "email", "password", "confirm") if f != field]
    assert all(field_error(html, other) is None for other in others)
    assert 'value="Asha Verma"' in html or field == "name"  # what was typed is kept
    assert user_count(app) == before
    assert not signed_in(client)


def test_registering_a_taken_email_answers_exactly_as_a_new_one(app, client, member):
    new = client.post("/register", data=registration(client, email="new@example.com"))
    new_page = client.get("/login").text
    taken = client.post("/register", data=registration(client, email="MEMBER@example.com"))
    taken_page = client.get("/login").text

    assert (taken.status_code, taken.headers["Location"]) == (new.status_code, new.headers["Location"])
    tokens = re.compile(r'(content|value)="[\w.-]{40,}"')  # each page's CSRF token is signed afresh
    assert tokens.sub("", taken_page) == tokens.sub("", new_page)
    assert "Your account is ready: sign in with your e-mail and password." in taken_page
    assert user_count(app) == 2  # member and new: the taken e-mail made no second account
    assert sign_in(client, member, NEW_PASSWORD).status_code == 422  # nor changed the member's password


def test_a_wrong_password_does_not_sign_you_in(client, member):
    for email, password in ((member, "not the password"), ("nobody@example.com", PASSWORD)):
        response = sign_in(client, email, password)

        assert response.status_code == 422
        assert field_error(response.text, "password") == "Wrong e-mail or password."
        assert not signed_in(client)


def test_signing_in_takes_you_back_to_the_page_you_asked_for(client, member):
    bounced = client.get("/progress")
    assert bounced.status_code == 302
    assert urlsplit(bounced.headers["Location"]).path == "/login"

    response = sign_in(client, member, next_url="/progress")

    assert response.status_code == 302 and response.headers["Location"] == "/progress"


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "/%09/evil.example/", "javascript:alert(1)"],
)
def test_the_next_parameter_cannot_send_you_off_site(client, member, target):
    response = sign_in(client, member, next_url=target)

    assert response.status_code == 302
    # Browsers read a backslash as a slash, so "/\\host" would leave the site as "//host" does.
    where = urlsplit(urljoin("http://localhost/login", response.headers["Location"].replace("\\", "/")))
    assert (where.scheme, where.netloc) == ("http", "localhost")
    assert signed_in(client)


def test_signing_out_needs_a_post(client, member):
    sign_in(client, member)

    assert client.get("/logout").status_code == 405
    assert signed_in(client)
    response = client.post("/logout", data={"csrf_token": token(client, "/tests")})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert "You are signed out." in client.get("/login").text
    assert not signed_in(client)


def test_forms_posted_without_the_csrf_token_are_refused(app, client, member):
    form = registration(client)
    del form["csrf_token"]
    assert client.post("/register", data=form).status_code == 400
    assert user_count(app) == 1

    assert client.post("/login", data={"email": member, "password": PASSWORD}).status_code == 400
    assert not signed_in(client)

    sign_in(client, member)
    assert client.post("/logout").status_code == 400
    assert signed_in(client)


def test_with_email_configured_the_owner_of_a_taken_address_is_told(app, client, member, outbox):
    client.post("/register", data=registration(client, email="member@example.com"))
    client.post("/register", data=registration(client, email="new@example.com"))

    (notice,) = outbox.to("member@example.com")
    assert notice["Subject"] == "Someone tried to register with your e-mail"
    assert "http://localhost/login" in notice.get_content()
    (welcome,) = outbox.to("new@example.com")
    assert welcome["Subject"] == "Your ASO Trainer account"


def test_a_failing_mail_server_does_not_change_the_answer(app, client, member, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr("trainer.auth.mail.smtplib.SMTP", refuse)
    app.config["SMTP_HOST"] = "smtp.invalid"

    for email in ("member@example.com", "new@example.com"):
        response = client.post("/register", data=registration(client, email=email))
        assert response.status_code == 302 and response.headers["Location"] == "/login"
