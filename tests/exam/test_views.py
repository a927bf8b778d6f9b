"""The exam through the browser's eyes: start, save, resume, the deadline, submit, the result page."""

from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import TIER1_SECTIONS, make_question, make_topic, make_user
from trainer.core.clock import utcnow
from trainer.exam import paper, service
from trainer.exam.models import Attempt, Step
from trainer.exam.patterns import get_pattern
from trainer.extensions import db

TIER1 = "tier1-2025"
CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')
EXAM_DATA = re.compile(r'<script id="exam-data" type="application/json">(.*?)</script>', re.S)


def make_explained_bank(session, per_section: int = 25) -> None:
    """Questions whose stem, options and explanation name their id; keys spread over A to D."""
    for section in TIER1_SECTIONS:
        topics = [make_topic(session, section, f"{section}-t{i}") for i in range(5)]
        for n in range(per_section):
            uid = f"{section}-{n:03d}"
            make_question(
                session,
                topics[n % 5],
                uid,
                stem=f"Stem of {uid}",
                options=tuple(f"option {i} of {uid}" for i in range(4)),
                answer=n % 4,
                explanation=f"Explanation of {uid}",
            )
    session.flush()


@pytest.fixture
def bank(app):
    with app.app_context():
        make_explained_bank(db.session)
        db.session.commit()


def token_of(html: str) -> str:
    return CSRF_META.search(html).group(1)


def exam_data(html: str) -> dict:
    return json.loads(EXAM_DATA.search(html).group(1))


def start_mock(client) -> tuple[int, str]:
    """Tick the declaration and begin; return the attempt id and the exam page."""
    token = token_of(client.get(f"/tests/{TIER1}").get_data(as_text=True))
    response = client.post(f"/tests/{TIER1}", data={"csrf_token": token, "declaration": "y"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    return exam_data(page)["attempt"], page


def post_steps(client, attempt_id: int, steps: list[dict], token: str):
    return client.post(f"/attempts/{attempt_id}/steps", json={"steps": steps}, headers={"X-CSRFToken": token})


def shown_keys(app, attempt_id: int) -> list[int]:
    """For each slot, the shown position of its correct option."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        return [slot.option_order.index(slot.version.answer) for slot in attempt.slots]


def count_steps(app, attempt_id: int, kind: str | None = None) -> int:
    with app.app_context():
        query = select(func.count(Step.id)).where(Step.attempt_id == attempt_id)
        if kind:
            query = query.where(Step.kind == kind)
        return db.session.scalar(query)


def test_the_test_does_not_start_without_the_declaration(app, client, auth, bank):
    auth.login()
    page = client.get(f"/tests/{TIER1}").get_data(as_text=True)
    assert "I am ready to begin" in page

    response = client.post(f"/tests/{TIER1}", data={"csrf_token": token_of(page)})

    assert response.status_code != 302
    assert "Please tick the declaration to begin." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Attempt.id))) == 0


def test_the_exam_page_shows_100_questions_25_per_section(client, auth, bank):
    auth.login()
    _, page = start_mock(client)

    data = exam_data(page)
    assert [q["position"] for q in data["questions"]] == list(range(100))
    for section in TIER1_SECTIONS:
        assert sum(q["section"] == section for q in data["questions"]) == 25
    stems = re.findall(r"Stem of ([a-z]+-\d{3})", page)
    assert len(stems) == len(set(stems)) == 100
    assert all(q["palette"] == "not_visited" and q["choice"] is None for q in data["questions"])


def test_a_reload_shows_the_same_paper_with_the_saved_answer(client, auth, bank):
    auth.login()
    attempt_id, page = start_mock(client)
    steps = [{"id": "v0", "kind": "view", "position": 0}, {"id": "s0", "kind": "save", "position": 0, "choice": 2}]
    steps += [{"id": "m1", "kind": "mark", "position": 1, "choice": None}]

    assert post_steps(client, attempt_id, steps, token_of(page)).status_code == 200
    again = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)

    assert re.findall(r"Stem of [a-z]+-\d{3}", again) == re.findall(r"Stem of [a-z]+-\d{3}", page)
    questions = exam_data(again)["questions"]
    assert (questions[0]["choice"], questions[0]["palette"]) == (2, "answered")
    assert (questions[1]["choice"], questions[1]["palette"]) == (None, "marked")
    assert questions[2]["palette"] == "not_visited"
    assert re.search(r'<input type="radio" name="q0" value="2" checked>', again)


def test_steps_sent_again_after_a_network_drop_are_stored_once(app, client, auth, bank):
    auth.login()
    attempt_id, page = start_mock(client)
    token = token_of(page)
    batch = [{"id": "a", "kind": "view", "position": 3}, {"id": "b", "kind": "save", "position": 3, "choice": 1}]

    first = post_steps(client, attempt_id, batch, token)
    second = post_steps(client, attempt_id, [*batch, {"id": "c", "kind": "view", "position": 4}], token)

    assert first.json["acked"] == ["a", "b"]
    assert second.json["acked"] == ["a", "b", "c"]
    assert count_steps(app, attempt_id) == 3


def test_steps_without_the_csrf_header_are_refused(app, client, auth, bank):
    auth.login()
    attempt_id, _ = start_mock(client)

    response = client.post(
        f"/attempts/{attempt_id}/steps", json={"steps": [{"id": "x", "kind": "view", "position": 0}]}
    )

    assert response.status_code == 400
    assert count_steps(app, attempt_id) == 0


def test_a_save_after_the_deadline_is_refused_and_the_test_closed_at_its_deadline(app, client, auth, bank):
    auth.login()
    attempt_id, page = start_mock(client)
    token = token_of(page)
    key = shown_keys(app, attempt_id)[0]
    saved = post_steps(client, attempt_id, [{"id": "s", "kind": "save", "position": 0, "choice": key}], token)
    assert saved.status_code == 200
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.started_at = utcnow() - timedelta(minutes=70)
        attempt.deadline = deadline = utcnow() - timedelta(minutes=10)
        db.session.commit()

    late = post_steps(client, attempt_id, [{"id": "late", "kind": "save", "position": 1, "choice": 0}], token)

    assert late.status_code == 409
    assert "over" in late.json["error"]
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.state == service.EXPIRED
        assert attempt.finished_at == deadline
        assert attempt.score == 2.0  # the answer saved in time counts
    assert count_steps(app, attempt_id) == 1
    response = client.get(f"/attempts/{attempt_id}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/attempts/{attempt_id}/result")
    assert "submitted automatically when the time ran out" in client.get(response.headers["Location"]).text


def test_submitting_twice_is_harmless(app, client, auth, bank):
    auth.login()
    attempt_id, page = start_mock(client)
    token = token_of(page)
    key = shown_keys(app, attempt_id)[0]
    post_steps(client, attempt_id, [{"id": "s", "kind": "save", "position": 0, "choice": key}], token)

    first = client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": token})
    second = client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": token})

    for response in (first, second):
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/attempts/{attempt_id}/result")
    assert count_steps(app, attempt_id, "submit") == 1
    assert '<strong id="total-score">2.00</strong> out of 200' in client.get(f"/attempts/{attempt_id}/result").text


def reviewed(page: str) -> list[tuple[str, str]]:
    """The result page's reviewed questions: (verdict, markup) each."""
    return re.findall(r'<article class="review (\w+)">(.*?)</article>', page, re.S)


def test_the_result_shows_the_score_sections_and_every_solution(app, client, auth, bank):
    auth.login()
    attempt_id, page = start_mock(client)
    token = token_of(page)
    keys = shown_keys(app, attempt_id)
    positions = {s: [q["position"] for q in exam_data(page)["questions"] if q["section"] == s] for s in TIER1_SECTIONS}
    # reasoning all right, awareness all wrong, quant 10 right + 5 wrong + 10 blank, english untouched
    plan = {p: keys[p] for p in positions["reasoning"]}
    plan |= {p: (keys[p] + 1) % 4 for p in positions["awareness"]}
    plan |= {p: keys[p] for p in positions["quant"][:10]}
    plan |= {p: (keys[p] + 3) % 4 for p in positions["quant"][10:15]}
    for section in ("reasoning", "awareness", "quant"):
        steps = [
            {"id": f"s{p}", "kind": "save", "position": p, "choice": plan[p]} for p in positions[section] if p in plan
        ]
        assert post_steps(client, attempt_id, steps, token).status_code == 200
    client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": token})

    result = client.get(f"/attempts/{attempt_id}/result").text

    assert '<strong id="total-score">55.00</strong> out of 200' in result
    rows = {
        row.group(1): re.findall(r"<td[^>]*>([^<]*)</td>", row.group(2))
        for row in re.finditer(r'<tr data-section="(\w+)">(.*?)</tr>', result, re.S)
    }
    assert rows == {
        "reasoning": ["25", "0", "0", "50.00", "50"],
        "awareness": ["0", "25", "0", "-12.50", "50"],
        "quant": ["10", "5", "10", "17.50", "50"],
        "english": ["0", "0", "25", "0.00", "50"],
    }
    assert [a[0] for a in reviewed(result)] == ["right"] * 25  # the first view reviews the first section only
    pages = [client.get(f"/attempts/{attempt_id}/result?section={s}").text for s in TIER1_SECTIONS]
    articles = [article for page in pages for article in reviewed(page)]
    assert articles == reviewed(client.get(f"/attempts/{attempt_id}/result?section=all").text)
    assert len(articles) == 100
    assert client.get(f"/attempts/{attempt_id}/result?section=maths").status_code == 404
    for verdict, article in articles:
        uid = re.search(r"Stem of ([a-z]+-\d{3})", article).group(1)
        answer = int(uid[-3:]) % 4
        key_item = re.search(r'<li class="key[^"]*">(.*?)</li>', article, re.S).group(1)
        assert f"option {answer} of {uid}" in key_item and "correct answer" in key_item
        assert f"Explanation of {uid}" in article
        chosen = re.search(r'<li class="[^"]*chosen">(.*?)</li>', article, re.S)
        if verdict == "blank":
            assert chosen is None and "Not attempted" in article
        else:
            assert "your answer" in chosen.group(1)
            assert (verdict == "right") == (f"option {answer} of {uid}" in chosen.group(1))


def test_the_result_page_waits_until_the_test_is_over(client, auth, bank):
    auth.login()
    attempt_id, _ = start_mock(client)

    response = client.get(f"/attempts/{attempt_id}/result")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/attempts/{attempt_id}")


def test_the_tests_page_lists_the_attempt_to_resume(client, auth, bank):
    auth.login()
    attempt_id, _ = start_mock(client)

    page = client.get("/tests").text

    assert "In progress" in page
    assert f'href="/attempts/{attempt_id}">Resume</a>' in page


def test_a_scribe_eligible_candidate_gets_80_minutes(app, client, auth, bank):
    auth.login(scribe_eligible=True)

    instructions = client.get(f"/tests/{TIER1}").text
    _, page = start_mock(client)

    assert "<strong>60 minutes</strong> plus <strong>20 minutes</strong> compensatory time" in instructions
    data = exam_data(page)
    left = datetime.fromisoformat(data["deadline"]) - datetime.fromisoformat(data["serverNow"])
    assert timedelta(minutes=79) < left <= timedelta(minutes=80)


def test_another_candidates_attempt_is_not_found_at_any_attempt_url(app, client, auth, bank):
    with app.app_context():
        owner = make_user(db.session)
        attempt = paper.start_attempt(db.session, owner, get_pattern(TIER1), utcnow(), random.Random(3))
        db.session.commit()
        attempt_id = attempt.id
    auth.login()
    token = auth.token("/tests")
    rules = [rule for rule in app.url_map.iter_rules() if "attempt_id" in rule.arguments]
    assert len(rules) >= 4

    for rule in rules:
        url = rule.build({"attempt_id": attempt_id})[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            body = {"steps": [{"id": "x", "kind": "save", "position": 0, "choice": 0}], "csrf_token": token}
            response = client.open(url, method=method, json=body, headers={"X-CSRFToken": token})
            assert response.status_code == 404, (method, url)
            assert "Stem of" not in response.text

    assert count_steps(app, attempt_id) == 0
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).state == service.IN_PROGRESS


def test_an_unknown_test_is_not_found(client, auth):
    auth.login()

    assert client.get("/tests/tier9-2099").status_code == 404
