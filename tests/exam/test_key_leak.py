"""The answer key never reaches the candidate before submission: every response they can get is searched."""

from __future__ import annotations

import json
import re

import pytest

from tests.factories import TIER1_SECTIONS, make_question, make_topic
from trainer.extensions import db

TIER1 = "tier1-2025"
CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')
EXAM_DATA = re.compile(r'<script id="exam-data" type="application/json">(.*?)</script>', re.S)
# Every question's key is written as option A, so an unshuffled or leaking page would give it away.
KEY_TEXT = re.compile(r"OPTION-MARKER-([a-z]+-\d{3})-0\b")
FORBIDDEN_HTML = ("EXPLAIN-MARKER", "correct answer", 'class="key', "data-answer", "data-key", "data-correct")
FORBIDDEN_JSON_KEYS = {"answer", "key", "keys", "correct", "explanation", "solution", "score", "result"}


@pytest.fixture
def marked_bank(app):
    with app.app_context():
        for section in TIER1_SECTIONS:
            topics = [make_topic(db.session, section, f"{section}-t{i}") for i in range(5)]
            for n in range(25):
                uid = f"{section}-{n:03d}"
                make_question(
                    db.session,
                    topics[n % 5],
                    uid,
                    stem=f"STEM-MARKER-{uid}",
                    options=tuple(f"OPTION-MARKER-{uid}-{i}" for i in range(4)),
                    answer=0,
                    explanation=f"EXPLAIN-MARKER-{uid}",
                )
        db.session.commit()


def json_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in json_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in json_keys(v)}
    return set()


def assert_no_key_in_html(html: str) -> None:
    for marker in FORBIDDEN_HTML:
        assert marker not in html, marker
    for data in EXAM_DATA.findall(html):
        leaked = json_keys(json.loads(data)) & FORBIDDEN_JSON_KEYS
        assert not leaked, leaked


def assert_no_key_in_json(payload) -> None:
    assert "EXPLAIN-MARKER" not in json.dumps(payload)
    leaked = json_keys(payload) & FORBIDDEN_JSON_KEYS
    assert not leaked, leaked


def shown_key_positions(html: str) -> list[int]:
    """For each question on the exam page, the shown position of the option that is the key."""
    positions = []
    for article in re.findall(r'<article class="question".*?</article>', html, re.S):
        labels = re.findall(r'<label class="option">(.*?)</label>', article, re.S)
        positions.append(next(i for i, label in enumerate(labels) if KEY_TEXT.search(label)))
    return positions


def assert_options_look_alike(html: str) -> None:
    """Apart from their text, letter and value, the four options of a question are marked up identically."""
    for article in re.findall(r'<article class="question".*?</article>', html, re.S):
        labels = re.findall(r'<label class="option">(.*?)</label>', article, re.S)
        assert len(labels) == 4
        neutral = {
            re.sub(r"OPTION-MARKER-[a-z]+-\d{3}-\d|value=\"\d\"|>[ABCD]\.<| checked", "", label) for label in labels
        }
        assert len(neutral) == 1, labels


def test_nothing_before_submission_reveals_the_key(client, auth, marked_bank):
    auth.login()
    pages = [client.get("/tests").text]
    instructions = client.get(f"/tests/{TIER1}").text
    pages.append(instructions)
    token = CSRF_META.search(instructions).group(1)
    started = client.post(f"/tests/{TIER1}", data={"csrf_token": token, "declaration": "y"})
    assert started.status_code == 302
    pages.append(started.text)
    exam_url = started.headers["Location"]
    exam = client.get(exam_url).text
    pages.append(exam)
    data = json.loads(EXAM_DATA.search(exam).group(1))
    attempt_id = data["attempt"]

    steps = [
        {"id": "v0", "kind": "view", "position": 0, "choice": None},
        {"id": "s0", "kind": "save", "position": 0, "choice": 1},
        {"id": "m1", "kind": "mark", "position": 1, "choice": 3},
    ]
    saved = client.post(f"/attempts/{attempt_id}/steps", json={"steps": steps}, headers={"X-CSRFToken": token})
    refused = client.post(
        f"/attempts/{attempt_id}/steps",
        json={"steps": [{"id": "bad", "kind": "save", "position": 2, "choice": 9}]},
        headers={"X-CSRFToken": token},
    )
    assert saved.status_code == 200 and refused.status_code == 200
    assert refused.json["refused"] == {"bad": "that option is not in this question"}
    reloaded = client.get(exam_url).text
    early_result = client.get(f"/attempts/{attempt_id}/result")
    assert early_result.status_code == 302 and early_result.headers["Location"].endswith(exam_url)
    pages += [reloaded, early_result.text, client.get("/progress").text, client.get("/", follow_redirects=True).text]

    for html in pages:
        assert_no_key_in_html(html)
    for response in (saved, refused):
        assert_no_key_in_json(response.json)
    assert set(saved.json) == {"acked", "refused", "malformed", "deferred", "server_now", "state", "feedback"}
    assert saved.json["feedback"] == []  # a mock never says right or wrong before submission
    assert all(set(q) == {"position", "section", "choice", "palette"} for q in saved.json["state"])
    for page in (exam, reloaded):
        page_data = json.loads(EXAM_DATA.search(page).group(1))
        assert set(page_data) == {
            "attempt",
            "mode",
            "timed",
            "deadline",
            "serverNow",
            "parts",
            "sections",
            "questions",
            "feedback",
        }
        assert page_data["feedback"] == []
        assert all(set(q) == {"position", "section", "choice", "palette"} for q in page_data["questions"])
        assert page.count("EXPLAIN-MARKER") == 0
        assert_options_look_alike(page)


def test_the_key_is_not_always_shown_in_the_same_place(client, auth, marked_bank):
    auth.login()
    token = CSRF_META.search(client.get(f"/tests/{TIER1}").text).group(1)
    started = client.post(f"/tests/{TIER1}", data={"csrf_token": token, "declaration": "y"})

    positions = shown_key_positions(client.get(started.headers["Location"]).text)

    assert len(positions) == 100
    # Written as A every time; shuffled over 100 questions, each shown position holds it somewhere.
    assert set(positions) == {0, 1, 2, 3}
    assert max(positions.count(p) for p in range(4)) < 50


def test_the_key_and_explanations_appear_once_the_test_is_submitted(client, auth, marked_bank):
    auth.login()
    token = CSRF_META.search(client.get(f"/tests/{TIER1}").text).group(1)
    started = client.post(f"/tests/{TIER1}", data={"csrf_token": token, "declaration": "y"})
    attempt_id = int(started.headers["Location"].rsplit("/", 1)[1])

    client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": token})
    first_section = client.get(f"/attempts/{attempt_id}/result").text
    assert first_section.count("EXPLAIN-MARKER") == first_section.count("correct answer") == 25  # one section's review
    result = client.get(f"/attempts/{attempt_id}/result?section=all").text

    assert result.count("EXPLAIN-MARKER") == 100
    assert result.count("correct answer") == 100
