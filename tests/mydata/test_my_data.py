"""My data: the export holds the candidate's own data and nobody else's; deletion asks for the password, closes
open attempts, keeps anonymised answers, and leaves an old session cookie unable to change or read anything."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from tests.auth.conftest import client_with_cookie, session_cookie
from tests.auth.test_views import registration
from tests.exam.test_views import bank as bank  # noqa: F401 (fixture)
from tests.exam.test_views import exam_data, post_steps, start_mock, token_of
from tests.factories import PASSWORD, Auth
from tests.progress.test_review_views import answer_and_submit, quant_positions
from trainer.auth.models import User
from trainer.core.clock import utcnow
from trainer.exam.models import Attempt, Step
from trainer.extensions import db
from trainer.mydata import export
from trainer.progress.models import TopicProgress
from trainer.progress.review_models import ReviewCard


def sit_mock(client) -> int:
    """A Tier-I mock with every quant answer wrong and the rest right, submitted; returns its id."""
    attempt_id, page = start_mock(client)
    quant = quant_positions(page)
    answer_and_submit(client, attempt_id, page, wrong=quant, right=set(range(100)) - quant)
    return attempt_id


def test_the_export_holds_my_profile_attempts_steps_progress_and_reviews_and_nobody_elses(app, client, auth, bank):
    other = Auth(app, app.test_client())
    someone = other.login(email="someone@example.com")
    theirs = sit_mock(other.client)
    me = auth.login(email="me@example.com")
    mine = sit_mock(client)

    response = client.get("/account/export")

    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith('inline; filename="aso-trainer-my-data-')
    text = response.get_data(as_text=True)
    data = json.loads(text)
    assert data["profile"]["email"] == "me@example.com" and data["profile"]["id"] == me.id
    assert "password" not in text and me.password_hash not in text
    assert [a["id"] for a in data["attempts"]] == [mine]
    attempt = data["attempts"][0]
    assert len(attempt["questions"]) == 100 and attempt["result"]["total"] == attempt["score"]
    assert {"view", "save", "submit"} <= {step["kind"] for step in attempt["steps"]}
    assert sum(row["attempted"] for row in data["progress"]) == 100
    assert len(data["reviews"]) == 25 and all(card["lapses"] == 1 for card in data["reviews"])
    assert "someone@example.com" not in text and theirs != mine and someone.id != me.id


def test_the_export_reads_attempts_a_page_at_a_time_and_pages_change_nothing(app, client, auth, bank, monkeypatch):
    user = auth.login()
    first, second = sit_mock(client), sit_mock(client)
    with app.app_context():
        whole = export.export_document(db.session, db.session.get(User, user.id), utcnow())
        monkeypatch.setattr(export, "ATTEMPTS_PER_PAGE", 1)
        pages = list(export.attempt_pages(db.session, user.id))
        paged = export.export_document(db.session, db.session.get(User, user.id), utcnow())
    assert [[a["id"] for a in page] for page in pages] == [[first], [second]]
    assert [a["id"] for a in paged["attempts"]] == [first, second]
    assert paged["attempts"] == whole["attempts"]


def test_deleting_asks_for_the_password(app, client, auth, bank):
    user = auth.login()
    page = client.get("/account/delete")
    assert page.status_code == 200 and "This cannot be undone" in page.text

    wrong = client.post("/account/delete", data={"csrf_token": token_of(page.text), "password": "not it at all"})
    empty = client.post("/account/delete", data={"csrf_token": token_of(page.text), "password": ""})

    assert wrong.status_code == 422 and "That is not your password" in wrong.text
    assert empty.status_code == 422 and "Type your password" in empty.text
    with app.app_context():
        assert db.session.get(User, user.id).disabled_at is None
    assert client.get("/account/export").status_code == 200


@pytest.fixture
def deleted(app, client, auth, bank):
    """A candidate with a graded mock and an open one, deleted; the session cookie saved before, and the ids."""
    user = auth.login(email="leaving@example.com")
    graded = sit_mock(client)
    open_id, open_page = start_mock(client)
    assert post_steps(client, open_id, [{"id": "v0", "kind": "view", "position": 0}], token_of(open_page)).json
    cookie = session_cookie(client)
    token = token_of(client.get("/account/delete").text)

    response = client.post("/account/delete", data={"csrf_token": token, "password": PASSWORD})

    assert response.status_code == 302 and response.headers["Location"] == "/login"
    return {"user": user.id, "graded": graded, "open": open_id, "cookie": cookie, "token": token}


def test_deleting_removes_personal_data_and_keeps_anonymised_answers(app, deleted):
    with app.app_context():
        user = db.session.get(User, deleted["user"])
        assert user.email == f"deleted-{user.id}@deleted.invalid" and user.name == "Deleted account"
        assert user.disabled_at is not None and user.password_hash == "!deleted"
        for model in (ReviewCard, TopicProgress):
            assert db.session.scalar(select(func.count()).select_from(model).where(model.user_id == user.id)) == 0
        attempts = db.session.scalars(select(Attempt).where(Attempt.user_id == user.id)).all()
        assert sorted(a.id for a in attempts) == sorted([deleted["graded"], deleted["open"]])
        assert all(a.state != "in_progress" and a.result is not None for a in attempts)  # the open one was graded
        assert db.session.scalar(select(func.count(Step.id)).where(Step.attempt_id == deleted["graded"])) > 100


def test_after_deletion_the_old_cookie_can_neither_export_nor_save(app, client, deleted):
    assert "Your account is deleted" in client.get("/login").text
    thief = client_with_cookie(app, deleted["cookie"])

    export_page = thief.get("/account/export")
    assert export_page.status_code == 302 and export_page.headers["Location"].startswith("/login")
    assert thief.get("/account/export", headers={"Accept": "application/json"}).status_code == 401
    step = [{"id": "late", "kind": "save", "position": 0, "choice": 1}]
    saved = post_steps(thief, deleted["open"], step, deleted["token"])
    assert saved.status_code == 401 and "signed out" in saved.json["error"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Step.id)).where(Step.client_id == "late")) == 0


def test_an_admin_cannot_enable_a_deleted_account(app, client, auth, deleted):
    auth.login(role="admin")  # deleting signed this browser out
    token = auth.token("/admin/users")

    response = client.post(
        f"/admin/users/{deleted['user']}", data={"csrf_token": token, "action": "enable"}, follow_redirects=True
    )

    assert "deleted by its owner and cannot be enabled again" in response.text
    with app.app_context():
        assert db.session.get(User, deleted["user"]).disabled_at is not None


def test_the_email_of_a_deleted_account_can_register_again(app, client, deleted):
    response = client.post("/register", data=registration(client, email="leaving@example.com"))

    assert response.status_code == 302
    with app.app_context():
        fresh = db.session.scalar(select(User).where(User.email == "leaving@example.com"))
        assert fresh is not None and fresh.id != deleted["user"]


def test_the_only_admin_cannot_delete_their_account(app, client, auth):
    auth.login(role="admin")
    token = token_of(client.get("/account/delete").text)

    response = client.post("/account/delete", data={"csrf_token": token, "password": PASSWORD})

    assert response.status_code == 422 and "only admin" in response.text


def test_the_account_page_offers_download_and_deletion(client, auth):
    auth.login()
    page = client.get("/account").text
    assert 'href="/account/export"' in page and "Download my data" in page
    assert 'href="/account/delete"' in page


def test_a_review_session_page_is_an_exam_page(client, auth, bank):
    """The review session opens on the ordinary exam screen (practice mode)."""
    auth.login()
    sit_mock(client)
    progress = client.get("/progress").text
    response = client.post("/progress/reviews", data={"csrf_token": token_of(progress)})
    data = exam_data(client.get(response.headers["Location"]).text)
    assert len(data["questions"]) == 25
