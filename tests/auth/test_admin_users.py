"""The admin's users page: search, change a role, disable and enable; nobody else may use it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.auth.conftest import sign_in, signed_in, token
from trainer.auth.models import User
from trainer.extensions import db


@pytest.fixture
def people(app, make_account) -> dict[str, int]:
    """e-mail -> id of a few accounts."""
    make_account(email="asha.verma@example.com", name="Asha Verma")
    make_account(email="ravi@example.com", name="Ravi Kumar")
    make_account(email="teacher@coaching.example", name="Meena Iyer", role="instructor")
    make_account(email="boss@example.com", name="Chief", role="admin")
    with app.app_context():
        return {user.email: user.id for user in db.session.scalars(select(User))}


@pytest.fixture
def admin(app, people):
    client = app.test_client()
    sign_in(client, "boss@example.com")
    return client


def listed(client, query: str = "") -> list[str]:
    page = client.get("/admin/users", query_string={"q": query} if query else None)
    assert page.status_code == 200
    return re.findall(r"<tr id=\"user-\d+\">\s*<td>([^<]+)</td>", page.text)


def act(client, user_id: int, action: str, **fields):
    data = {"csrf_token": token(client, "/admin/users"), "action": action} | fields
    return client.post(f"/admin/users/{user_id}", data=data)


def user(app, email: str) -> User:
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


def test_search_finds_accounts_by_email_or_name(admin):
    assert len(listed(admin)) == 4
    assert listed(admin, "VERMA") == ["asha.verma@example.com"]
    assert listed(admin, "coaching") == ["teacher@coaching.example"]
    assert listed(admin, "kumar") == ["ravi@example.com"]
    assert listed(admin, "%") == []  # typed text, not a pattern
    assert listed(admin, "nobody") == []


def test_the_admin_changes_a_role(app, admin, people):
    response = act(admin, people["ravi@example.com"], "role", role="instructor", q="ravi")

    assert response.status_code == 302 and response.headers["Location"] == "/admin/users?q=ravi"
    assert "ravi@example.com is now instructor." in admin.get("/admin/users").text
    assert user(app, "ravi@example.com").role == "instructor"
    ravi = app.test_client()
    sign_in(ravi, "ravi@example.com")
    assert ravi.get("/authoring/questions").status_code == 200


def test_an_unknown_role_or_action_changes_nothing(app, admin, people):
    act(admin, people["ravi@example.com"], "role", role="superuser")
    act(admin, people["ravi@example.com"], "delete")

    assert user(app, "ravi@example.com").role == "candidate" and user(app, "ravi@example.com").is_active
    assert "Choose what to do with the account." in admin.get("/admin/users").text


def test_disable_and_enable(app, admin, people):
    ravi = app.test_client()
    sign_in(ravi, "ravi@example.com")

    act(admin, people["ravi@example.com"], "disable")

    assert "ravi@example.com is disabled and signed out everywhere." in admin.get("/admin/users").text
    assert not signed_in(ravi)
    assert sign_in(ravi, "ravi@example.com").status_code == 422
    assert "disabled" in admin.get("/admin/users", query_string={"q": "ravi"}).text
    act(admin, people["ravi@example.com"], "enable")
    assert sign_in(ravi, "ravi@example.com").status_code == 302


def test_an_admin_cannot_lock_themself_out(app, admin, people):
    act(admin, people["boss@example.com"], "disable")
    assert "You cannot disable your own account." in admin.get("/admin/users").text
    act(admin, people["boss@example.com"], "role", role="candidate")
    assert "You cannot change your own role; ask another admin." in admin.get("/admin/users").text
    assert user(app, "boss@example.com").role == "admin" and signed_in(admin)


def test_an_unknown_account_is_404(admin):
    assert act(admin, 987654, "disable").status_code == 404
    assert act(admin, 2**63, "disable").status_code == 404  # past the database's integer range


@pytest.mark.parametrize("email", ["ravi@example.com", "teacher@coaching.example"])
def test_candidates_and_instructors_get_403(app, people, email):
    client = app.test_client()
    sign_in(client, email)

    assert client.get("/admin/users").status_code == 403
    assert act(client, people["ravi@example.com"], "disable").status_code == 403
    reset = client.post(
        f"/admin/users/{people['ravi@example.com']}/reset-link", data={"csrf_token": token(client, "/tests")}
    )
    assert reset.status_code == 403
    assert user(app, "ravi@example.com").is_active
    assert 'href="/admin/users"' not in client.get("/tests").text


def test_the_admin_sees_the_users_link(admin):
    assert 'href="/admin/users"' in admin.get("/tests").text


def test_an_action_without_the_csrf_token_is_refused(app, admin, people):
    response = admin.post(f"/admin/users/{people['ravi@example.com']}", data={"action": "disable"})

    assert response.status_code == 400 and user(app, "ravi@example.com").is_active
