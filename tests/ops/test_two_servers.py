"""Two gunicorn servers on one database (and one Redis), as behind a load balancer: one candidate moves between
them mid-exam and notices nothing; sign-in limits count across both."""

from __future__ import annotations

import json
import random
from urllib.parse import urlencode

import pytest

from tests.ops.candidate import (
    Browser,
    candidate_with_a_topic_bank,
    open_exam,
    save_step,
    send_steps,
    sign_in,
    start_topic_test,
)
from tests.ops.conftest import reachable_redis
from tests.servers import Gunicorn, stop_all
from trainer.exam.models import Attempt, Step
from trainer.extensions import db

SHARED_SECRET = "one secret key for every app server"


def pair(database_url: str, tmp_path, **settings) -> tuple[Gunicorn, Gunicorn]:
    """Servers A and B: same database, secret key and rate-limit store; separate instance folders, so nothing they
    share passes through a local file."""
    servers = []
    for name in ("a", "b"):
        env = {
            "TRAINER_DATABASE_URL": database_url,
            "TRAINER_SECRET_KEY": SHARED_SECRET,
            "TRAINER_INSTANCE_PATH": str(tmp_path / f"instance-{name}"),
            "TRAINER_PROXY_COUNT": "1",  # as behind the balancer: the client's address comes from X-Forwarded-For
            "TRAINER_RATELIMIT_STORAGE_URI": reachable_redis() or "memory://",
            "TRAINER_LOG_FORMAT": "json",
        } | settings
        servers.append(Gunicorn(env, tmp_path / f"server-{name}.log"))
    for server in servers:
        server.launch()
    return tuple(server.wait_ready("/healthz") for server in servers)


@pytest.fixture(scope="module")
def servers(database_url, tmp_path_factory):
    """One pair for the module (each test makes its own data: the `app` fixture empties the tables after it)."""
    started = []
    try:
        folder = tmp_path_factory.mktemp("two-servers")
        started.extend(pair(database_url, folder, TRAINER_LOGIN_RATE_LIMIT="3 per minute"))
        yield started
    finally:
        stop_all(started)


def random_address() -> str:
    return f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"


def request_lines(server: Gunicorn) -> list[dict]:
    return [json.loads(line) for line in server.log_text().splitlines() if line.startswith('{"time"')]


def test_a_candidate_moving_between_servers_mid_exam_keeps_answers_time_and_one_grade(app, servers):
    a, b = servers
    email = candidate_with_a_topic_bank(app)
    cookies: dict[str, str] = {}
    address = random_address()
    on_a, on_b = Browser(a.port, cookies, address), Browser(b.port, cookies, address)
    assert on_a.page("/healthz") and on_b.page("/healthz")

    sign_in(on_a, email)
    attempt_path = start_topic_test(on_a)  # start on A
    started, token = open_exam(on_a, attempt_path)

    # Save on B, with the token of A's page: the session and the CSRF token are the same to both servers.
    acked = send_steps(on_b, attempt_path, token, [save_step("s1", 0, 2), save_step("s2", 1, 0)])["acked"]
    assert acked == ["s1", "s2"]

    reloaded, token = open_exam(on_a, attempt_path)  # reload on A
    assert [q["choice"] for q in reloaded["questions"]] == [2, 0, None]
    assert reloaded["deadline"] == started["deadline"]  # the same clock on both servers

    on_b.post_form(f"{attempt_path}/submit", {"csrf_token": token})  # submit on B
    on_a.page(f"{attempt_path}/result")  # result on A
    record = json.loads(on_a.expect(200, "GET", f"{attempt_path}/result.json")[1])
    on_a.post_form(f"{attempt_path}/submit", {"csrf_token": token})  # a second submit, from the other server

    questions = record["questions"]
    assert [q["answer"] == q["option_order"][shown] for q, shown in zip(questions, (2, 0))] == [True, True]
    assert questions[2]["answer"] is None
    expected = sum(q["marks_right"] if q["answer"] == q["key"] else -q["marks_wrong"] for q in questions[:2])
    assert record["totals"]["total"] == pytest.approx(expected)
    with app.app_context():
        attempt = db.session.get(Attempt, int(attempt_path.rsplit("/", 1)[1]))
        assert attempt.state == "submitted" and attempt.score == pytest.approx(expected)
        assert attempt.deadline.isoformat() == started["deadline"]
        assert db.session.query(Step).filter_by(attempt_id=attempt.id, kind="save").count() == 2

    # Each server logged its own share of the journey, with the candidate's id and no secret.
    served_by_a = {(line["method"], line["path"]) for line in request_lines(a) if line["user_id"] == attempt.user_id}
    served_by_b = {(line["method"], line["path"]) for line in request_lines(b) if line["user_id"] == attempt.user_id}
    assert ("POST", "/tests/topic") in served_by_a and ("GET", f"{attempt_path}/result") in served_by_a
    assert ("POST", f"{attempt_path}/steps") in served_by_b and ("POST", f"{attempt_path}/submit") in served_by_b
    assert token not in a.log_text() + b.log_text()


def test_sign_in_limits_count_across_both_servers(app, servers, redis_store):
    a, b = servers
    address = redis_store.address  # counted under an address of this test's own (the fixture removes its keys)
    on_a, on_b = Browser(a.port, {}, address), Browser(b.port, {}, address)

    def failed_sign_in(browser: Browser) -> int:
        form = {"email": redis_store.email, "password": "wrong", "csrf_token": browser.csrf_token("/login")}
        status, _, _ = browser.request(
            "POST", "/login", urlencode(form).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
        )
        return status

    # Three a minute from one address: the third on A after two on B is still allowed, the fourth (on B) is not.
    assert [failed_sign_in(s) for s in (on_b, on_b, on_a, on_b, on_a)] == [422, 422, 422, 429, 429]
    assert on_a.page("/healthz") and json.loads(on_a.page("/healthz"))["rate_limit_storage"] == "ok"
