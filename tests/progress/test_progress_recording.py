"""Grading an attempt keeps the progress summaries in step; the 0005 migration summarises attempts graded before it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from tests.factories import make_user
from tests.progress.mocks import T0, graded_mock, make_weighted_bank
from trainer.bank.models import Topic
from trainer.extensions import make_engine
from trainer.progress.mastery import DECAY
from trainer.progress.models import AttemptSummary, TopicFacility, TopicProgress
from trainer.schema import upgrade


@pytest.fixture
def bank(session):
    make_weighted_bank(session)


def quant_row(session, user) -> TopicProgress:
    topic = session.scalar(select(Topic).where(Topic.key == "quant-t0"))
    return session.get(TopicProgress, (user.id, topic.id))


def test_a_graded_attempt_is_summarised_with_its_sections(session, bank):
    user = make_user(session)
    attempt = graded_mock(session, user, T0, wrong={"quant"})

    summary = session.get(AttemptSummary, attempt.id)

    assert (summary.user_id, summary.paper, summary.kind, summary.mode) == (user.id, "tier1", "full", "strict")
    assert summary.name == "SSC CGL Tier-I (2025 pattern)" and summary.finished_at == attempt.finished_at
    assert summary.score == attempt.score == 75 * 2 - 25 * 0.5 and summary.max_marks == 200
    assert summary.sections["quant"] == {
        "name": "Quantitative Aptitude",
        "right": 0,
        "wrong": 25,
        "blank": 0,
        "score": -12.5,
        "max": 50.0,
    }


def test_older_answers_fade_when_a_newer_attempt_answers_the_topic(session, bank):
    user = make_user(session)
    graded_mock(session, user, T0, wrong={"quant"}, seed=1)
    first = quant_row(session, user)
    wrong_before = first.recent_wrong
    assert first.recent_right == 0 and wrong_before == first.attempted

    graded_mock(session, user, T0.replace(day=2), wrong=set(), seed=2)
    row = quant_row(session, user)
    right_now = row.correct

    assert row.recent_wrong == pytest.approx(wrong_before * DECAY)  # the first mock's wrong answers fade
    assert row.recent_right == right_now  # the second mock's right answers count in full


def test_every_candidates_answers_add_up_to_the_topics_facility(session, bank):
    one, two = make_user(session), make_user(session)
    graded_mock(session, one, T0, wrong={"quant"}, seed=1)
    graded_mock(session, two, T0, wrong=set(), seed=2)
    topic = session.scalar(select(Topic).where(Topic.key == "quant-t0"))

    facility = session.get(TopicFacility, topic.id)
    rows = [quant_row(session, one), quant_row(session, two)]

    assert facility.attempted == sum(r.attempted for r in rows) and facility.correct == rows[1].correct > 0


def test_the_migration_summarises_attempts_graded_before_it(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0004")
    at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC).isoformat(sep=" ")
    pattern = {
        "name": "SSC CGL Tier-I (2025 pattern)",
        "paper": "tier1",
        "kind": "full",
        "sections": [{"key": "quant", "name": "Quantitative Aptitude"}],
    }
    result = {
        "total": 7.5,
        "max": 50.0,
        "sections": {"quant": {"right": 5, "wrong": 5, "blank": 15, "score": 7.5, "max_marks": 50.0}},
    }
    with engine.begin() as db:
        db.execute(
            text(
                "INSERT INTO user (id, email, name, password_hash, role, category, scribe_eligible, "
                "created_at) VALUES (1, 'a@example.com', 'A', 'x', 'candidate', 'UR', 0, :at)"
            ),
            {"at": at},
        )
        db.execute(
            text(
                "INSERT INTO attempt (id, user_id, pattern_code, pattern, mode, timed, state, started_at, deadline, "
                "extra_minutes, finished_at, score, result) VALUES (7, 1, 'tier1-2025', :p, 'strict', 1, "
                "'submitted', :at, :at, 0, :at, 7.5, :r)"
            ),
            {"p": json.dumps(pattern), "r": json.dumps(result), "at": at},
        )
    upgrade(engine, "0005")
    with engine.connect() as db:
        row = db.execute(text("SELECT user_id, name, paper, kind, score, max_marks, sections FROM attempt_summary"))
        user_id, name, paper, kind, score, top, sections = row.one()
    engine.dispose()
    assert (user_id, name, paper, kind, score, top) == (1, "SSC CGL Tier-I (2025 pattern)", "tier1", "full", 7.5, 50)
    assert json.loads(sections)["quant"]["wrong"] == 5
