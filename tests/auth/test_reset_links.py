"""One-time password-reset links: issued by an admin (page or CLI), e-mailed when SMTP is set, used once, expire."""

from __future__ import annotations

import re

import pytest

from tests.auth.conftest import sign_in, signed_in, token
from tests.auth.test_views import field_error
from tests.factories import PASSWORD
from trainer.auth import service
from trainer.auth.models import User
from trainer.extensions import db

NEW_PASSWORD = "mango orchard by the river"
LINK = re.compile(r'id="reset-link" type="text" value="([^"]+)"')


@pytest.fixture
def admin(app, make_account):
    client = app.test_client()
    sign_in(client, make_account(email="boss@example.com", role="admin"))
    return client


@pytest.fixture
def member_id(app, make_account) -> int:
    email = make_account(email="member@example.com", name="Asha Verma")
    with app.app_context():
        return service.find_user(db.session, email).id


def issue(admin, user_id: int):
    return admin.post(f"/admin/users/{user_id}/reset-link", data={"csrf_token": token(admin, "/admin/users")})


def reset(client, path: str, password: str = NEW_PASSWORD):
    return client.post(path, data={"csrf_token": token(client, path), "password": password, "confirm": password})


def test_an_admin_issues_a_link_that_sets_a_new_password_once(app, admin, member_id):
    issued = issue(admin, member_id)
    assert issued.status_code == 200 and issued.headers["Cache-Control"] == "no-store"
    link = LINK.search(issued.text).group(1)
    assert link.startswith("http://localhost/reset-password/")
    assert "E-mail is not configured" in issued.text
    path = link.removeprefix("http://localhost")
    visitor = app.test_client()
    old_session = app.test_client()
    sign_in(old_session, "member@example.com")

    form = visitor.get(path)
    assert form.status_code == 200 and "member@example.com" in form.text
    done = reset(visitor, path)

    assert done.status_code == 302 and done.headers["Location"] == "/login"
    assert "Your new password is set. Sign in with it." in visitor.get("/login").text
    assert not signed_in(old_session)  # the reset ends every session of the account
    assert sign_in(visitor, "member@example.com", PASSWORD).status_code == 422
    assert sign_in(visitor, "member@example.com", NEW_PASSWORD).status_code == 302
    again = app.test_client().get(path)
    assert again.status_code == 404 and "This reset link was already used." in again.text
    assert reset(app.test_client(), path, "another fine passphrase").status_code == 404


def test_a_link_expires(app, admin, member_id, monkeypatch):
    path = LINK.search(issue(admin, member_id).text).group(1).removeprefix("http://localhost")
    import itsdangerous.timed

    real_now = itsdangerous.timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: real_now(self) + 25 * 3600)

    response = app.test_client().get(path)

    assert response.status_code == 404 and "This reset link has expired." in response.text


@pytest.mark.parametrize("token_text", ["not-a-token", "eyJ1c2VyIjoxfQ.ZZZZZZ.forged-signature-here"])
def test_a_wrong_link_is_refused(client, member_id, token_text):
    response = client.get(f"/reset-password/{token_text}")

    assert response.status_code == 404 and "This reset link is not valid." in response.text


def test_a_weak_new_password_is_refused_and_the_link_still_works(app, admin, member_id):
    path = LINK.search(issue(admin, member_id).text).group(1).removeprefix("http://localhost")
    visitor = app.test_client()

    refused = reset(visitor, path, "Asha Verma")

    assert refused.status_code == 422
    assert field_error(refused.text, "password") == "Do not use your e-mail address or your name as your password."
    assert reset(visitor, path).status_code == 302


def test_the_link_is_emailed_when_smtp_is_configured(app, admin, member_id, outbox):
    issued = issue(admin, member_id)

    link = LINK.search(issued.text).group(1)
    assert "It was also e-mailed to member@example.com." in issued.text
    (message,) = outbox.to("member@example.com")
    assert message["From"] == "site@example.com" and "new ASO Trainer password" in message["Subject"]
    assert link in message.get_content() and "24 hours" in message.get_content()


def test_a_disabled_account_gets_no_link(app, admin, member_id):
    admin.post(f"/admin/users/{member_id}", data={"csrf_token": token(admin, "/admin/users"), "action": "disable"})

    response = issue(admin, member_id)

    assert response.status_code == 302
    assert "is disabled: enable the account before resetting its password" in admin.get("/admin/users").text


def test_the_cli_prints_a_working_link(app, runner, member_id):
    app.config["PUBLIC_URL"] = "https://trainer.example.org"

    result = runner.invoke(args=["users", "reset-link", "Member@Example.com"])

    assert result.exit_code == 0, result.output
    link = result.stdout.strip().splitlines()[-1]
    assert link.startswith("https://trainer.example.org/reset-password/")
    path = link.removeprefix("https://trainer.example.org")
    assert reset(app.test_client(), path).status_code == 302
    unknown = runner.invoke(args=["users", "reset-link", "nobody@example.com"])
    assert unknown.exit_code == 1 and "No user with e-mail nobody@example.com." in unknown.output


def test_the_link_is_emailed_in_the_language_the_account_chose(app, admin, make_account, outbox):
    email = make_account(email="hindi@example.com", name="Sunita Devi")
    with app.app_context():
        user = service.find_user(db.session, email)
        user.locale, user_id = "hi", user.id
        db.session.commit()

    issue(admin, user_id)  # the admin reads the site in English

    (message,) = outbox.to("hindi@example.com")
    assert message["Subject"] == "ASO Trainer का नया पासवर्ड सेट करें"
    body = message.get_content()
    assert "24 घंटे के भीतर" in body and "administrator" not in body and "/reset-password/" in body


def test_without_a_preference_the_link_is_emailed_in_the_language_of_the_request(app, admin, member_id, outbox):
    admin.set_cookie("lang", "hi")
    issue(admin, member_id)
    admin.set_cookie("lang", "en")
    issue(admin, member_id)

    hindi, english = outbox.to("member@example.com")
    assert hindi["Subject"] == "ASO Trainer का नया पासवर्ड सेट करें"
    assert english["Subject"] == "Set a new ASO Trainer password" and "within 24 hours" in english.get_content()


def test_the_cli_emails_the_link_in_the_accounts_language(app, runner, member_id, outbox):
    with app.app_context():
        db.session.get(User, member_id).locale = "hi"
        db.session.commit()

    result = runner.invoke(args=["users", "reset-link", "member@example.com"])

    assert result.exit_code == 0 and "Sent to member@example.com." in result.output  # the command speaks English
    (message,) = outbox.to("member@example.com")
    assert message["Subject"] == "ASO Trainer का नया पासवर्ड सेट करें"


def test_a_mail_server_refusing_the_link_is_reported_in_the_admins_language(app, admin, member_id, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr("trainer.auth.mail.smtplib.SMTP", refuse)
    app.config["SMTP_HOST"] = "smtp.invalid"
    admin.set_cookie("lang", "hi")
    page = issue(admin, member_id).text
    assert "member@example.com को ई-मेल नहीं भेजा जा सका (connection refused)।" in page
    assert LINK.search(page)  # the link is still shown, to hand over another way
    admin.set_cookie("lang", "en")
    assert "The e-mail to member@example.com could not be sent (connection refused)." in issue(admin, member_id).text
