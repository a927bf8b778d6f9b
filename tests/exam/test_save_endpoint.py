"""The save endpoint never loses a batch: bad steps are refused one by one, and it always answers JSON."""

from __future__ import annotations

import pytest

from tests.auth.conftest import client_with_cookie
from tests.auth.conftest import sign_in as auth_sign_in
from tests.auth.conftest import token as auth_token
from tests.exam.test_views import bank, count_steps, post_steps, start_mock, token_of  # noqa: F401 (fixture)
from trainer.auth.models import User
from trainer.core.clock import utcnow
from trainer.exam.models import Attempt
from trainer.exam.step_input import MAX_STEPS
from trainer.extensions import db


@pytest.fixture
def exam(client, auth, bank):  # noqa: F811
    auth.login()
    attempt_id, page = start_mock(client)
    return attempt_id, token_of(page)


@pytest.mark.parametrize(
    "bad", [{"choice": "1"}, {"choice": 1.5}, {"choice": [1]}, {"at": "0001-01-01T00:00:00+23:59"}]
)
def test_one_malformed_step_costs_only_itself(app, client, exam, bad):
    attempt_id, token = exam
    steps = [
        {"id": "v0", "kind": "view", "position": 0},
        {"id": "bad", "kind": "save", "position": 0, "choice": 0, **bad},
        {"id": "s1", "kind": "save", "position": 1, "choice": 2},
    ]

    response = post_steps(client, attempt_id, steps, token)

    assert response.status_code == 200 and response.is_json
    body = response.get_json()
    assert sorted(body["acked"]) == ["s1", "v0"]
    assert list(body["refused"]) == ["bad"]
    assert count_steps(app, attempt_id) == 2
    saved = {s["position"]: s["choice"] for s in body["state"]}
    assert saved[1] == 2


def test_true_is_not_option_one(app, client, exam):
    attempt_id, token = exam

    body = post_steps(client, attempt_id, [{"id": "t", "kind": "save", "position": True, "choice": True}], token)

    assert body.get_json()["refused"]["t"].startswith("the question's position")
    assert count_steps(app, attempt_id) == 0


def test_over_long_ids_are_refused_not_cut(app, client, exam):
    attempt_id, token = exam
    prefix = "x" * 64
    steps = [{"id": prefix + str(n), "kind": "save", "position": n, "choice": 0} for n in range(2)]

    body = post_steps(client, attempt_id, steps, token).get_json()

    assert body["acked"] == []
    assert [m["index"] for m in body["malformed"]] == [0, 1]
    assert count_steps(app, attempt_id) == 0


def test_steps_past_the_maximum_are_deferred_and_stored_when_sent_again(app, client, exam):
    attempt_id, token = exam
    steps = [{"id": f"v{n}", "kind": "view", "position": n % 25} for n in range(MAX_STEPS + 3)]

    body = post_steps(client, attempt_id, steps, token).get_json()

    assert len(body["acked"]) == MAX_STEPS
    assert body["deferred"] == [f"v{n}" for n in range(MAX_STEPS, MAX_STEPS + 3)]
    again = post_steps(client, attempt_id, steps[MAX_STEPS:], token).get_json()
    assert sorted(again["acked"]) == sorted(body["deferred"])
    assert count_steps(app, attempt_id) == MAX_STEPS + 3


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("[" * 30_000 + "]" * 30_000, 400),  # nested past Python's recursion limit
        ('{"steps": [', 400),
        ('{"steps": 5}', 400),
        ('{"steps": [' + ",".join(['{"id": "a", "kind": "view", "position": 0}'] * 2000) + "]}", 413),
    ],
)
def test_a_bad_body_gets_a_json_answer_never_an_html_page(app, client, exam, body, status):
    attempt_id, token = exam

    response = client.post(
        f"/attempts/{attempt_id}/steps", data=body, content_type="application/json", headers={"X-CSRFToken": token}
    )

    assert response.status_code == status
    assert response.is_json and response.get_json()["error"]
    assert count_steps(app, attempt_id) == 0


def test_a_huge_body_is_refused_before_it_is_read(client, exam):
    attempt_id, token = exam

    response = client.post(
        f"/attempts/{attempt_id}/steps",
        data=b"{" + b" " * (2 * 1024 * 1024) + b"}",
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert response.status_code == 413 and response.is_json


def test_a_stale_token_is_told_apart_from_other_failures(client, exam):
    attempt_id, _ = exam

    response = post_steps(client, attempt_id, [{"id": "v", "kind": "view", "position": 0}], "stale-token")

    assert response.status_code == 400
    assert response.get_json()["code"] == "csrf"


def test_a_wrong_method_on_the_save_endpoint_answers_json(client, exam):
    attempt_id, _ = exam

    response = client.get(f"/attempts/{attempt_id}/steps", headers={"Accept": "application/json"})

    assert response.status_code == 405 and response.is_json


def test_an_unexpected_error_answers_json_to_a_script(app, client, exam, monkeypatch):
    attempt_id, token = exam

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("trainer.exam.saving.save_steps", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False

    response = post_steps(client, attempt_id, [{"id": "v", "kind": "view", "position": 0}], token)

    assert response.status_code == 500 and response.is_json
    assert "kept" in response.get_json()["error"]


@pytest.mark.parametrize("ending", ["sign out", "sign out everywhere elsewhere", "disable"])
def test_a_save_from_an_ended_session_is_refused_and_stores_nothing(app, client, exam, ending):
    attempt_id, token = exam
    with app.app_context():
        owner = db.session.get(User, db.session.get(Attempt, attempt_id).user_id)
    cookie = client.get_cookie("session").value
    step = [{"id": "v", "kind": "view", "position": 0}]
    assert post_steps(client_with_cookie(app, cookie), attempt_id, step, token).status_code == 200

    if ending == "sign out":
        client.post("/logout", data={"csrf_token": token})
    elif ending == "sign out everywhere elsewhere":
        laptop = app.test_client()
        auth_sign_in(laptop, owner.email)
        laptop.post("/account/sign-out-everywhere", data={"csrf_token": auth_token(laptop, "/account")})
    else:
        with app.app_context():
            db.session.get(User, owner.id).disabled_at = utcnow()
            db.session.commit()

    late = [{"id": "s", "kind": "save", "position": 0, "choice": 1}]
    response = post_steps(client_with_cookie(app, cookie), attempt_id, late, token)
    assert response.status_code == 401 and "signed out" in response.get_json()["error"]
    assert count_steps(app, attempt_id) == 1
