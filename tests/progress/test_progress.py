"""The progress page: per-topic mastery and pace, weakest first, and the score history, for oneself only."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import TIER1_SECTIONS, make_question, make_topic, make_user
from trainer.auth.models import User
from trainer.exam import paper, saving, service
from trainer.exam.patterns import get_pattern
from trainer.exam.saving import ClientStep
from trainer.extensions import db

T0 = datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
GRACE = 10
# topic key → what the candidate does with its five questions (R right, W wrong, - left blank)
PLAN = {"reasoning-t0": "WWWWW", "reasoning-t1": "RRRWW", "reasoning-t2": "RRRRR", "quant-t0": "R----"}
SLOW_TOPIC = "reasoning-t0"  # 40 s on each of its questions, 10 s on every other
# The sections as taxonomy.yaml names them (the table's cells, HTML-escaped)
REASONING = "General Intelligence &amp; Reasoning"
QUANT = "Quantitative Aptitude / Mathematical Abilities"


@pytest.fixture
def bank(app):
    """Five topics of five questions per section, so a paper holds every question of every topic."""
    with app.app_context():
        for section in TIER1_SECTIONS:
            for i in range(5):
                topic = make_topic(db.session, section, f"{section}-t{i}", name=f"{section.title()} topic {i}")
                for n in range(5):
                    make_question(db.session, topic, f"{section}-t{i}-q{n}", answer=n % 4)
        db.session.commit()


def take_graded_mock(app, user_id: int) -> int:
    """Sit a mock on the server's clock: view every question in turn, answer by PLAN, submit."""
    with app.app_context():
        session = db.session
        user = session.get(User, user_id)
        attempt = paper.start_attempt(session, user, get_pattern("tier1-2025"), T0, random.Random(5))
        done: dict[str, int] = {}
        now = T0
        for slot in attempt.slots:
            topic = slot.version.topic.key
            steps = [ClientStep(f"v{slot.position}", "view", slot.position, None)]
            action = PLAN.get(topic, "-----")[done.get(topic, 0)]
            done[topic] = done.get(topic, 0) + 1
            key = slot.option_order.index(slot.version.answer)
            if action != "-":
                choice = key if action == "R" else (key + 1) % 4
                steps.append(ClientStep(f"s{slot.position}", "save", slot.position, choice))
            saving.save_steps(session, attempt.id, (attempt.user_id, 0), steps, now, GRACE)
            now += timedelta(seconds=40 if topic == SLOW_TOPIC else 10)
        service.submit(session, attempt, now, GRACE)
        session.commit()
        return attempt.id


def table_rows(html: str, table_id: str) -> list[list[str]]:
    body = re.search(rf'<table class="table" id="{table_id}">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_progress_lists_topics_weakest_first_with_accuracy_and_time(app, client, auth, bank):
    user = auth.login()
    attempt_id = take_graded_mock(app, user.id)

    page = client.get("/progress").text

    topics = table_rows(page, "topic-progress")
    # Beta(2 + right, 2 + wrong): the mean and its 90% interval; one answer is not enough data.
    assert topics[:4] == [
        [REASONING, "Reasoning topic 0", "5", "0", "22% (5–47%)", "40 s"],
        [REASONING, "Reasoning topic 1", "5", "3", "56% (29–81%)", "10 s"],
        [QUANT, "Quant topic 0", "1", "1", "Not enough data", "10 s"],
        [REASONING, "Reasoning topic 2", "5", "5", "78% (53–95%)", "10 s"],
    ]
    assert len(topics) == 20
    assert all(row[2:5] == ["0", "0", "Not enough data"] and row[5] == "10 s" for row in topics[4:])
    history = table_rows(page, "score-history")
    # sat at 10:00 UTC, shown in IST; reasoning: −2.50 + (6 − 1) + 10; quant: +2
    assert history == [["01 Feb 2026, 15:30", "SSC CGL Tier-I (2025 pattern)", "14.50 / 200", "Result"]]
    assert f'href="/attempts/{attempt_id}/result"' in page


def test_an_unfinished_attempt_is_not_in_the_score_history(app, client, auth, bank):
    user = auth.login()
    take_graded_mock(app, user.id)
    token = auth.token("/tests/tier1-2025")
    client.post("/tests/tier1-2025", data={"csrf_token": token, "declaration": "y"})

    history = table_rows(client.get("/progress").text, "score-history")

    assert len(history) == 1


def test_a_candidate_sees_only_their_own_progress(app, client, auth, bank):
    with app.app_context():
        other = make_user(db.session, name="Somebody Else")
        db.session.commit()
        other_id = other.id
    take_graded_mock(app, other_id)
    auth.login()

    page = client.get("/progress").text

    assert "No graded tests yet." in page and "No scores yet." in page
    assert "Reasoning topic 0" not in page and "14.50" not in page
