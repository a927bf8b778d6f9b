"""The study-focus progress page and GET /api/v1/progress through the app: own data only, constant queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.factories import count_queries, make_user
from tests.progress.mocks import T0, graded_mock, make_weighted_bank
from trainer.auth.models import User
from trainer.exam.models import Attempt
from trainer.extensions import db
from trainer.progress.models import AttemptSummary, StudyTarget
from trainer.results.models import Cutoff


@pytest.fixture
def bank(app):
    with app.app_context():
        make_weighted_bank(db.session, per_topic=20)
        db.session.commit()


def sit(app, user_id: int, count: int, wrong=frozenset({"quant"})) -> None:
    with app.app_context():
        user = db.session.get(User, user_id)
        for n in range(count):
            graded_mock(db.session, user, T0 + timedelta(days=n), wrong, seed=n)
        db.session.commit()


def test_study_next_leads_with_the_weakest_heavy_topic_and_says_why(app, client, auth, bank):
    user = auth.login()
    sit(app, user.id, 2)

    page = client.get("/progress").text
    first = re.search(r'<ol class="study-next">\s*<li>.*?</li>', page, re.S).group(0)

    assert "Quant topic 0" in first  # asked 5 times a paper, every answer wrong
    # the mocks were sat on 1–2 Feb 2026: by now the reason also says how long ago
    reason = r"About 5 questions per Tier-I paper; your accuracy \d+% \(\d+%–\d+%\), last practised \d+ days ago; about"
    assert re.search(reason, first)
    assert 'id="score-chart-1"' in page and 'id="accuracy-chart"' in page and "<polyline" in page
    assert "style=" not in page


def test_a_drill_starts_a_practice_test_of_ten_questions_from_the_topic_with_earlier_mistakes(app, client, auth, bank):
    user = auth.login()
    sit(app, user.id, 1)
    with app.app_context():
        first_paper = db.session.scalars(select(Attempt).where(Attempt.user_id == user.id)).one()
        wrong_before = {s.version.question_id for s in first_paper.slots if s.version.topic.key == "quant-t0"}

    token = auth.token("/progress")
    response = client.post("/progress/drill", data={"csrf_token": token, "topic": "quant/quant-t0"})

    assert response.status_code == 302 and "/attempts/" in response.location
    with app.app_context():
        drill = db.session.scalars(
            select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.id.desc())
        ).first()
        keys = {s.version.topic.key for s in drill.slots}
        drawn = {s.version.question_id for s in drill.slots}
        assert drill.mode == "practice" and drill.pattern["kind"] == "topic"
        assert len(drill.slots) == 10 and keys == {"quant-t0"}
        # 20 questions in the topic, about 8 seen (all wrong) in the mock: 3 earlier mistakes, 7 unseen ones
        assert len(drawn & wrong_before) == 3


def test_a_drill_of_an_unknown_topic_is_refused_plainly(app, client, auth, bank):
    auth.login()
    token = auth.token("/progress")
    assert client.post("/progress/drill", data={"csrf_token": token, "topic": "quant/nope"}).status_code == 404
    response = client.post("/progress/drill", data={"csrf_token": token, "topic": "<script>"}, follow_redirects=True)
    assert "Choose a topic from the study-next list" in response.text


def test_the_api_answers_json_with_the_page_data(app, client, auth, bank):
    user = auth.login()
    sit(app, user.id, 2)

    data = client.get("/api/v1/progress").get_json()

    assert set(data) == {"topics", "study_next", "reviews_due", "trends", "prediction", "target"}
    quant = next(t for t in data["topics"] if t["topic"] == "quant-t0")
    assert quant["section"] == "quant" and quant["answered"] >= 5 and quant["low"] < quant["mastery"] < quant["high"]
    assert data["study_next"][0]["section"] == "quant" and data["study_next"][0]["marks_at_stake"] > 0
    assert data["study_next"][0]["reason"].startswith("About ")
    assert data["prediction"]["mocks"] == 2 and data["prediction"]["score"] is not None
    assert data["prediction"]["cutoff"] is None and data["prediction"]["chance_of_clearing"] is None
    assert len(data["trends"]["scores"][0]["points"]) == 2
    assert data["reviews_due"] > 0  # every quant answer was wrong: the notebook has them due


def test_the_prediction_gives_the_chance_of_clearing_the_latest_cut_off_for_the_category(app, client, auth, bank):
    user = auth.login(category="OBC")
    sit(app, user.id, 2)
    with app.app_context():
        for year, marks in ((2023, 145.94), (2024, 146.26)):
            db.session.add(
                Cutoff(
                    paper="tier1",
                    stage="Tier-I, all other posts",
                    year=year,
                    category="OBC",
                    marks=marks,
                    out_of=200,
                    source="test",
                )
            )
        db.session.add(
            Cutoff(
                paper="tier1",
                stage="Tier-I, all other posts",
                year=2025,
                category="UR",
                marks=136.83,
                out_of=200,
                source="test",
            )
        )
        db.session.commit()

    prediction = client.get("/api/v1/progress").get_json()["prediction"]

    assert prediction["cutoff"]["year"] == 2024 and prediction["cutoff"]["marks"] == pytest.approx(146.26)
    assert 0 <= prediction["chance_of_clearing"] <= 1


def test_too_few_mocks_are_said_plainly(app, client, auth, bank):
    user = auth.login()
    sit(app, user.id, 1)
    page = client.get("/progress").text
    assert "Too few strict Tier-I mocks to predict a score: 1 so far, at least 2 are needed." in page
    assert client.get("/api/v1/progress").get_json()["prediction"]["score"] is None


def test_another_candidates_progress_is_never_shown(app, client, auth, bank):
    with app.app_context():
        other = make_user(db.session, name="Somebody Else")
        db.session.commit()
        other_id = other.id
    sit(app, other_id, 2)
    auth.login()

    page = client.get("/progress").text
    data = client.get("/api/v1/progress").get_json()

    assert "No scores yet." in page and "No trends yet" in page and "Too few strict Tier-I mocks" in page
    assert data["topics"] == [] and data["prediction"]["mocks"] == 0 and data["trends"]["scores"] == []
    assert data["reviews_due"] == 0


def test_the_target_sets_days_left_and_a_weekly_plan(app, client, auth, bank, monkeypatch):
    user = auth.login()
    sit(app, user.id, 1)
    token = auth.token("/progress")

    client.post("/progress/target", data={"csrf_token": token, "paper": "tier2", "exam_date": "2099-01-20"})

    with app.app_context():
        target = db.session.get(StudyTarget, user.id)
        assert target.paper == "tier2" and target.exam_date.isoformat() == "2099-01-20"
    page = client.get("/progress").text
    assert "left to your Tier-II Paper-I exam on 20 Jan 2099" in page
    assert len(re.findall(r"<li><strong>", page)) == 4 and "1 full Tier-II Paper-I mock; drills: " in page
    bad = client.post("/progress/target", data={"csrf_token": token, "paper": "tier9"}, follow_redirects=True)
    assert "Target exam: Not a valid choice" in bad.text


def test_the_history_is_paged_and_the_query_count_does_not_grow_with_attempts(app, client, auth, bank):
    user = auth.login()
    sit(app, user.id, 2)
    with count_queries() as few:
        client.get("/progress")
    sit(app, user.id, 20)
    with count_queries() as many:
        page = client.get("/progress").text

    assert len(many) == len(few)
    assert page.count('">Result</a>') == 20 and "Older" in page
    older = client.get("/progress?page=2").text
    assert older.count('">Result</a>') == 2 and "Newer" in older
    with app.app_context():
        assert db.session.query(AttemptSummary).filter_by(user_id=user.id).count() == 22
