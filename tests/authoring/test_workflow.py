"""A question's workflow (draft → published → retired → draft), the second-reader rule, and duplicates."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from tests.factories import make_question, make_topic, make_user
from trainer import create_app
from trainer.authoring import service, workflow
from trainer.bank.parsing import QuestionContent
from trainer.config import ConfigError
from trainer.core.errors import Conflict, NotFound
from trainer.exam.paper import stored_candidates
from trainer.extensions import db

CONTENT = QuestionContent(
    section="quant", topic="percentage", difficulty="easy", stem="What is 20% of 150?",
    options=("10", "20", "30", "40"), answer=2, explanation="20% of 150 is 30.", source="web",
    hindi=("150 का 20% कितना है?", ("10", "20", "30", "40"), "150 का 20% 30 है।"),
)  # fmt: skip


@pytest.fixture
def world(app):
    with app.app_context():
        make_topic(db.session, "quant", "percentage")
        author = make_user(db.session, role="instructor", name="Asha")
        reader = make_user(db.session, role="instructor", name="Vikram")
        question = service.create_question(db.session, CONTENT, author.id, "First draft.")
        yield SimpleNamespace(author=author, reader=reader, question=question)


def drawn(question) -> bool:
    rule = SimpleNamespace(subject="quant", topics=())
    return question.id in {c.question_id for c in stored_candidates(db.session, rule, {})}


def test_a_new_question_is_a_draft_that_is_never_drawn(world):
    (version,) = world.question.versions
    assert world.question.status == "draft" and not drawn(world.question)
    assert (version.number, version.author_id, version.change_note) == (1, world.author.id, "First draft.")
    assert version.content_hash == CONTENT.content_hash()


def test_published_questions_are_drawn_and_retired_ones_are_not(world):
    assert workflow.change_status(db.session, world.question, "publish", world.author.id, False) == "published"
    assert drawn(world.question)
    assert (world.question.approved_by_id, world.question.approved_at is not None) == (world.author.id, True)

    assert workflow.change_status(db.session, world.question, "retire", world.author.id, False) == "retired"
    assert not drawn(world.question)
    assert workflow.change_status(db.session, world.question, "restore", world.author.id, False) == "draft"
    assert not drawn(world.question)


@pytest.mark.parametrize(
    ("status", "action"), [("draft", "restore"), ("published", "publish"), ("retired", "publish"), ("draft", "x")]
)
def test_an_action_that_does_not_apply_is_refused(world, status, action):
    world.question.status = status

    with pytest.raises(Conflict):
        workflow.change_status(db.session, world.question, action, world.author.id, False)
    assert world.question.status == status


def test_with_a_second_reader_the_author_cannot_publish_but_another_instructor_can(world):
    with pytest.raises(Conflict, match="another instructor must read and publish it"):
        workflow.change_status(db.session, world.question, "publish", world.author.id, True)
    assert world.question.status == "draft" and world.question.approved_by_id is None

    workflow.change_status(db.session, world.question, "publish", world.reader.id, True)

    assert world.question.status == "published" and world.question.approved_by_id == world.reader.id


def test_the_offered_actions_follow_the_status():
    assert workflow.actions_for("draft") == ["publish", "retire"]
    assert workflow.actions_for("published") == ["retire"]
    assert workflow.actions_for("retired") == ["restore"]


def test_a_duplicate_is_a_new_draft_with_the_same_content(world):
    world.question.status = "published"

    copy = service.duplicate(db.session, world.question, world.reader.id)

    assert copy.uid == "quant-percentage-web-0002" and copy.status == "draft"
    (version,) = copy.versions
    assert version.content_hash == world.question.versions[0].content_hash
    assert (version.author_id, version.change_note) == (world.reader.id, "Duplicated from quant-percentage-web-0001.")
    assert world.question.status == "published" and len(world.question.versions) == 1


def test_a_new_uid_is_one_past_the_highest_taken(world):
    assert service.new_uid(db.session, "quant", "percentage") == "quant-percentage-web-0002"
    make_question(db.session, world.question.versions[0].topic, "quant-percentage-web-0007")
    make_question(db.session, world.question.versions[0].topic, "quant-percentage-web-extra")

    assert service.new_uid(db.session, "quant", "percentage") == "quant-percentage-web-0008"
    assert service.new_uid(db.session, "quant", "geometry") == "quant-geometry-web-0001"


def test_an_old_version_is_restored_as_a_new_one(world):
    edited = replace(CONTENT, stem="What is 30% of 150?", answer=3, options=("10", "20", "30", "45"))
    service.save_edit(db.session, world.question, edited, "draft", world.reader.id, note="Harder numbers")

    restored = service.restore_version(db.session, world.question, 1, world.author.id)

    assert [v.number for v in world.question.versions] == [1, 2, 3]
    first = world.question.versions[0]
    assert (restored.number, restored.content_hash, restored.stem) == (3, first.content_hash, first.stem)
    assert (restored.author_id, restored.change_note) == (world.author.id, "Restored version 1.")
    assert world.question.versions[1].change_note == "Harder numbers"


def test_restoring_the_newest_content_is_refused(world):
    with pytest.raises(Conflict, match="nothing to restore"):
        service.restore_version(db.session, world.question, 1, world.author.id)
    with pytest.raises(NotFound):
        service.restore_version(db.session, world.question, 9, world.author.id)


def test_near_duplicates_use_the_gates_measure_and_skip_the_question_itself(world):
    close = replace(CONTENT, stem="What is 20% of 150 ?")
    different = replace(CONTENT, stem="A train 150 m long passes a pole in 15 s. Its speed is?")

    (found,) = service.near_duplicates_of(db.session, close, None)
    assert found.version.question is world.question and found.score >= 0.7
    assert service.near_duplicates_of(db.session, close, world.question.id) == []
    assert service.near_duplicates_of(db.session, different, None) == []


@pytest.mark.parametrize(("raw", "on"), [("yes", True), ("0", False), (1, True), (None, False)])
def test_the_second_reader_setting_is_read_as_a_flag(database_url, raw, on):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "REQUIRE_SECOND_READER": raw})

    assert app.config["REQUIRE_SECOND_READER"] is on


def test_a_second_reader_setting_that_is_not_yes_or_no_stops_the_app(database_url):
    with pytest.raises(ConfigError, match="TRAINER_REQUIRE_SECOND_READER must be 1 or 0"):
        create_app({"TESTING": True, "DATABASE_URL": database_url, "REQUIRE_SECOND_READER": "maybe"})
