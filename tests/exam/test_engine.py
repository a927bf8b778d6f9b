"""The exam engine's rules with explicit clocks: locked parts, practice feedback, groups, generated items."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import fill_pool, make_bank, make_question, make_topic, make_user
from trainer.bank.models import ItemGroup, ItemGroupVersion, Question
from trainer.bank.parsing import QuestionContent
from trainer.bank.service import add_version
from trainer.core.errors import Conflict
from trainer.exam import paper, saving, service
from trainer.exam.models import Attempt
from trainer.exam.patterns import all_patterns, topic_pattern
from trainer.exam.saving import ClientStep
from trainer.exam.screen import client_state, practice_feedback

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
GRACE = 10
TIER2_SECTIONS = ("quant", "reasoning", "english", "awareness", "computer")


def save(session, attempt, position, choice, now, step_id=None):
    step = ClientStep(step_id or f"s-{position}-{now.timestamp()}", "save", position, choice, now)
    return saving.save_steps(session, attempt.id, (attempt.user_id, 0), [step], now, GRACE)


@pytest.fixture
def tier2(session):
    make_bank(session, per_section=50, sections=TIER2_SECTIONS)
    user = make_user(session)
    return paper.start_attempt(session, user, all_patterns()["tier2-paper1"], T0, random.Random(1))


def test_tier2_paper_is_drawn_part_by_part(tier2):
    assert [s.section for s in tier2.slots][:1] == ["maths"]
    assert len(tier2.slots) == 150
    assert tier2.deadline == T0 + timedelta(minutes=135)


def test_a_later_section_does_not_open_before_its_time(session, tier2):
    english = next(s.position for s in tier2.slots if s.section == "english")
    result = save(session, tier2, english, 0, T0 + timedelta(minutes=10))
    assert result.acked == [] and list(result.refused.values()) == ["this section is not open yet"]


def test_a_section_locks_at_its_end_and_late_saves_are_refused(session, tier2):
    maths = next(s.position for s in tier2.slots if s.section == "maths")
    assert save(session, tier2, maths, 1, T0 + timedelta(minutes=59)).acked
    assert save(session, tier2, maths, 2, T0 + timedelta(minutes=60, seconds=5)).acked  # in flight: grace
    late = save(session, tier2, maths, 3, T0 + timedelta(minutes=61))
    assert list(late.refused.values()) == ["this section is closed"]
    states = service.slot_states(session, tier2)
    assert tier2.slots[maths].option_order[2] == states[maths].answer  # the last accepted save stands


def test_an_abandoned_attempt_closes_at_its_deadline_once(session, tier2, runner):
    with pytest.raises(Conflict):
        save(session, tier2, 0, 1, T0 + timedelta(minutes=200))
    assert tier2.state == service.IN_PROGRESS  # a refused save writes nothing; closing is a step of its own
    assert service.close_if_expired(session, tier2, T0 + timedelta(minutes=200), GRACE)
    assert tier2.state == service.EXPIRED and tier2.finished_at == tier2.deadline
    assert service.close_expired(session, T0 + timedelta(minutes=300)) == 0


def test_close_expired_command_is_safe_to_run_twice(app, session, runner):
    make_bank(session)
    user = make_user(session)
    attempt = paper.start_attempt(session, user, all_patterns()["tier1-2025"], T0, random.Random(1))
    session.commit()
    first = runner.invoke(args=["attempts", "close-expired"])
    second = runner.invoke(args=["attempts", "close-expired"])
    assert "Closed 1 expired attempt(s)." in first.output
    assert "Closed 0 expired attempt(s)." in second.output
    session.expire_all()
    assert session.get(Attempt, attempt.id).finished_at == T0 + timedelta(minutes=60)


def test_practice_shows_right_or_wrong_after_saving_and_locks_the_answer(session):
    make_bank(session)
    user = make_user(session)
    attempt = paper.start_attempt(
        session, user, all_patterns()["tier1-2025"], T0, random.Random(1), mode="practice", timed=False
    )
    assert attempt.deadline - T0 == timedelta(days=7)
    slot = attempt.slots[0]
    shown_key = slot.option_order.index(slot.version.answer)
    result = save(session, attempt, 0, shown_key, T0 + timedelta(minutes=1))
    states = service.slot_states(session, attempt)
    feedback = practice_feedback(attempt, states, result.checked)
    assert feedback[0]["right"] is True and feedback[0]["key"] == shown_key
    assert feedback[0]["explanation"]
    again = save(session, attempt, 0, (shown_key + 1) % 4, T0 + timedelta(minutes=2))
    assert list(again.refused.values()) == ["this answer has been checked and can no longer be changed"]


def test_a_strict_mock_never_gives_feedback(session):
    make_bank(session)
    attempt = paper.start_attempt(session, make_user(session), all_patterns()["tier1-2025"], T0, random.Random(1))
    result = save(session, attempt, 0, 0, T0 + timedelta(minutes=1))
    assert practice_feedback(attempt, service.slot_states(session, attempt), result.checked) == []
    assert set(client_state(attempt, service.slot_states(session, attempt))[0]) == {
        "position",
        "section",
        "choice",
        "palette",
    }


def test_a_scribe_candidate_gets_extra_time_in_every_part(session):
    make_bank(session, per_section=50, sections=TIER2_SECTIONS)
    user = make_user(session, scribe_eligible=True)
    attempt = paper.start_attempt(session, user, all_patterns()["tier2-paper1"], T0, random.Random(1))
    assert [c - o for o, c in service.windows(attempt)] == [timedelta(minutes=80)] * 2 + [timedelta(minutes=20)]


def group(session, topic, uid, size):
    """A passage with `size` member questions, stored as the importer stores it."""
    item = ItemGroup(uid=uid)
    version = ItemGroupVersion(
        group=item, number=1, topic=topic, passage=f"Passage {uid}.", source="test", content_hash=uid
    )
    session.add_all([item, version])
    session.flush()
    for n in range(size):
        question = Question(uid=f"{uid}-{n}", status="published")
        session.add(question)
        content = QuestionContent(
            section=topic.section, topic=topic.key, difficulty="easy", stem=f"Question {n} on {uid}?",
            options=("one", "two", "three", "four"), answer=0, explanation="Because one.", source="test",
        )  # fmt: skip
        add_version(session, question, content, topic, group_version=version, group_position=n)
    session.flush()
    return version


def test_a_passage_is_drawn_whole_in_order_and_counts_toward_the_section(session):
    make_bank(session, sections=("reasoning", "awareness", "quant"))
    rc = make_topic(session, "english", "reading-comprehension", weights={"tier1": "5"})
    singles = make_topic(session, "english", "synonyms", weights={"tier1": "20"})
    passage = group(session, rc, "english-rc-1", 5)
    for n in range(20):
        make_question(session, singles, f"english-syn-{n}")
    attempt = paper.start_attempt(session, make_user(session), all_patterns()["tier1-2025"], T0, random.Random(3))
    english = [s for s in attempt.slots if s.section == "english"]
    assert len(english) == 25
    members = [s for s in english if s.version.group_version_id == passage.id]
    assert [s.version.group_position for s in members] == [0, 1, 2, 3, 4]
    assert members[-1].position - members[0].position == 4  # together, in order


def test_generated_items_are_drawn_from_the_pool_with_their_seed_and_a_start_stores_none(session):
    percentage = make_topic(session, "quant", "percentage", weights={"tier1": "3"})
    for n in range(5):
        make_question(session, percentage, f"quant-pct-{n}")
    fill_pool(session, per_generator=4)
    pooled = session.scalar(select(func.count(Question.id)).where(Question.kind == "generator"))
    user = make_user(session)
    drill = topic_pattern(all_patterns()["tier1-2025"], "quant", ("percentage",), 8)
    attempt = paper.start_attempt(session, user, drill, T0, random.Random(9))
    generated = [s.version for s in attempt.slots if s.version.generator]
    assert len(attempt.slots) == 8 and generated
    for version in generated:
        assert version.seed is not None and version.hindi and version.question.kind == "generator"
        assert version.rendered["hindi"]["stem"]  # rendered when the pool was filled, not when drawn
    assert session.scalar(select(func.count(Question.id)).where(Question.kind == "generator")) == pooled


def test_an_attempt_is_graded_once_even_if_two_requests_finish_it(session):
    from trainer.progress.models import TopicProgress

    make_bank(session)
    attempt = paper.start_attempt(session, make_user(session), all_patterns()["tier1-2025"], T0, random.Random(1))
    save(session, attempt, 0, 0, T0 + timedelta(minutes=1))
    assert service.finish(session, attempt, T0 + timedelta(minutes=2), service.SUBMITTED) is True
    assert service.finish(session, attempt, T0 + timedelta(minutes=3), service.SUBMITTED) is False
    assert attempt.finished_at == T0 + timedelta(minutes=2)
    assert sum(row.seen for row in session.scalars(select(TopicProgress))) == 1


def test_in_the_grace_after_a_part_closes_both_it_and_the_next_part_take_saves(session, tier2):
    maths = next(s.position for s in tier2.slots if s.section == "maths")
    english = next(s.position for s in tier2.slots if s.section == "english")
    moment = T0 + timedelta(minutes=60, seconds=3)  # Section-II has just opened; Section-I's saves still in flight
    assert save(session, tier2, maths, 1, moment).acked
    assert save(session, tier2, english, 2, moment).acked


def test_practice_feedback_names_options_by_the_letters_the_candidate_sees(session):
    topic = make_topic(session, "reasoning", "reasoning-t0")
    for n in range(5):
        make_question(session, topic, f"q-{n}", explanation="Option A is right; option B is the trap.")
    drill = topic_pattern(all_patterns()["tier1-2025"], "reasoning", ("reasoning-t0",), 5)
    attempt = paper.start_attempt(session, make_user(session), drill, T0, random.Random(3), mode="practice")
    slot = next(s for s in attempt.slots if s.option_order != [0, 1, 2, 3])  # shuffled options
    key, trap = "ABCD"[slot.option_order.index(0)], "ABCD"[slot.option_order.index(1)]
    result = save(session, attempt, slot.position, slot.option_order.index(0), T0 + timedelta(minutes=1))
    feedback = practice_feedback(attempt, service.slot_states(session, attempt), result.checked)
    assert f"Option {key} is right; option {trap} is the trap." in feedback[0]["explanation"]
