"""Password rules (pure) and the change-password page."""

from __future__ import annotations

import pytest

from tests.auth.conftest import sign_in, signed_in, token
from tests.auth.test_views import field_error
from tests.factories import PASSWORD
from trainer.auth.passwords import password_problem

EMAIL, NAME = "asha.verma@example.com", "Asha Verma"
NEW_PASSWORD = "mango orchard by the river"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "Use at least 8 characters."),
        ("password", "This is a top-10 common password."),
        ("password123", "This is a very common password."),
        ("Password@123", "This is similar to a commonly used password."),
        ("qwertyuiop", "This is a top-100 common password."),
        ("iloveyou1", "This is a very common password."),
        ("asha.verma@example.com", "Do not use your e-mail address or your name as your password."),
        ("ASHA.VERMA", "Do not use your e-mail address or your name as your password."),
        ("Asha Verma", "Do not use your e-mail address or your name as your password."),
        ("ashaverma@example", "Do not use your e-mail address or your name as your password."),
        ("asha1234", "This password is easy to guess."),
        ("x" * 201, "Use at most 200 characters."),
    ],
)
def test_weak_or_personal_passwords_are_refused_with_a_reason(password, message):
    assert password_problem(password, EMAIL, NAME).startswith(message)


@pytest.mark.parametrize("password", [PASSWORD, NEW_PASSWORD, "delhi metro at 6am", "zq8#Lm2pWx", "y" * 60 + "Q7!kd"])
def test_reasonable_passwords_are_accepted(password):
    assert password_problem(password, EMAIL, NAME) is None


def change(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    data = {"csrf_token": token(client, "/account/password"), "current": current, "password": new}
    return client.post("/account/password", data=data | {"confirm": confirm or new})


def test_changing_the_password_needs_the_current_one(client, make_account):
    email = make_account(email="member@example.com")
    sign_in(client, email)

    response = change(client, current="not my password")

    assert response.status_code == 422
    assert field_error(response.text, "current") == "Your current password is not that."
    assert change(client).status_code == 302
    assert "Your password is changed. Every other device was signed out." in client.get("/account").text
    client.post("/logout", data={"csrf_token": token(client, "/tests")})
    assert sign_in(client, email, PASSWORD).status_code == 422
    assert sign_in(client, email, NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("new", "confirm", "field", "message"),
    [
        ("letmein123", None, "password", "This is similar to a commonly used password."),
        ("member@example.com", None, "password", "Do not use your e-mail address or your name as your password."),
        (NEW_PASSWORD, "something else entirely", "confirm", "The two passwords differ."),
    ],
)
def test_a_refused_new_password_says_why_at_its_field(client, make_account, new, confirm, field, message):
    email = make_account(email="member@example.com")
    sign_in(client, email)

    response = change(client, new=new, confirm=confirm)

    assert response.status_code == 422
    assert field_error(response.text, field).startswith(message)
    assert signed_in(client)
    client.post("/logout", data={"csrf_token": token(client, "/tests")})
    assert sign_in(client, email, PASSWORD).status_code == 302  # the old password still works


def test_the_account_page_links_the_password_change_and_sign_out_everywhere(client, make_account):
    sign_in(client, make_account(email="member@example.com", name="Asha Verma"))

    page = client.get("/account").text

    assert "member@example.com" in page and "Asha Verma" in page
    assert 'href="/account/password"' in page and 'action="/account/sign-out-everywhere"' in page
    assert 'href="/account"' in client.get("/tests").text  # reachable from the header


def test_the_account_pages_need_a_sign_in(client):
    for url in ("/account", "/account/password"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
