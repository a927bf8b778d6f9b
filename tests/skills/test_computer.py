"""Computer Knowledge: the shortcut drill (flash practice questions) and the module shown as qualifying on progress."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from tests.factories import make_question, make_topic
from trainer.auth.models import User
from trainer.core.clock import utcnow
from trainer.exam import paper, saving, service
from trainer.exam.models import Attempt
from trainer.exam.patterns import get_pattern
from trainer.exam.saving import ClientStep
from trainer.extensions import db
from trainer.skills.computer import DRILL_TOPICS


@pytest.fixture
def computer_bank(app):
    """Four questions in each of the eleven Computer Knowledge topics; option A is the key."""
    keys = (*DRILL_TOPICS, "organisation", "memory-storage", "io-devices", "operating-systems", "internet-email")
    with app.app_context():
        for key in keys:
            topic = make_topic(db.session, "computer", key)
            for n in range(4):
                make_question(db.session, topic, f"computer-{key}-{n}")
        db.session.commit()


def test_the_shortcut_drill_is_ten_timed_practice_questions_on_shortcuts_and_office(app, client, auth, computer_bank):
    auth.login()
    page = client.get("/typing/shortcuts").text
    assert "10 flash questions in 3 minutes" in page
    client.set_cookie("lang", "hi")
    assert "3 मिनट में 10 त्वरित प्रश्न; हर प्रश्न के बाद उसका उत्तर।" in client.get("/typing/shortcuts").text
    client.set_cookie("lang", "en")

    response = client.post("/typing/shortcuts", data={"csrf_token": auth.token("/typing/shortcuts")})

    attempt_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        topics = {slot.version.topic.key for slot in attempt.slots}
        assert attempt.mode == "practice" and attempt.timed
        assert len(attempt.slots) == 10 and topics <= set(DRILL_TOPICS)
        assert (attempt.deadline - attempt.started_at).total_seconds() == 180
    assert "Practice mode" in client.get(f"/attempts/{attempt_id}").text


def graded_computer_module(app, email: str, right: int) -> None:
    """A strict Computer Knowledge sectional test with `right` answers right and the rest blank."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        now = utcnow()
        attempt = paper.start_attempt(db.session, user, get_pattern("tier2-paper1:computer"), now, random.Random(3))
        steps = [
            ClientStep(f"s{slot.position}", "save", slot.position, slot.option_order.index(slot.version.answer), now)
            for slot in attempt.slots[:right]
        ]
        saving.save_steps(db.session, attempt.id, (user.id, user.session_generation), steps, now, 0)
        service.submit(db.session, attempt, utcnow(), 0)
        db.session.commit()


def test_the_progress_page_shows_computer_knowledge_against_the_minimum_of_the_category(
    app, client, auth, computer_bank
):
    user = auth.login(category="OBC")  # OBC: 25% of 60 marks = 15
    page = client.get("/progress").text
    assert "Qualifying modules" in page and "No graded Computer Knowledge module yet" in page
    assert "Minimum for OBC: 25% (15.0 of 60 marks)" in page

    graded_computer_module(app, user.email, right=4)  # 12 marks

    page = client.get("/progress").text
    assert "12.0 / 60" in page and "Below the minimum" in page
    assert "at most 25% errors for OBC" in page and "No test passage typed yet." in page
