"""Regrading through the service: attempts, progress, distributions and the log move together, and only once."""

from __future__ import annotations

from sqlalchemy import select

from tests.reports.conftest import correct_key
from tests.results.sitting import T0, answer, by_section, start
from trainer.exam import service as exam
from trainer.exam.models import Attempt
from trainer.progress.mastery import DECAY
from trainer.progress.models import AttemptSummary, TopicFacility, TopicProgress
from trainer.progress.review_models import ReviewCard
from trainer.reports.models import Regrade, RegradeEntry
from trainer.reports.notices import regrade_notices
from trainer.reports.regrading import pending_key_regrade, regrade_question
from trainer.results import service as results
from trainer.results.models import TOTAL, ScoreBin


def bins(session, section=TOTAL) -> dict[float, int]:
    rows = session.execute(
        select(ScoreBin.centimarks, ScoreBin.count).where(
            ScoreBin.pattern_code == "tier1-2025", ScoreBin.section == section
        )
    )
    return {centimarks / 100: count for centimarks, count in rows}


def progress(session, user, topic_id) -> TopicProgress:
    return session.get(TopicProgress, (user.id, topic_id))


def test_a_corrected_key_regrades_every_attempt_and_everything_kept_from_its_grade(session, sitting):
    s = sitting
    topic_id = s.question.versions[0].topic_id
    before_a, before_b = progress(session, s.a, topic_id), progress(session, s.b, topic_id)
    a_counts = (before_a.correct, before_a.recent_right, before_a.recent_wrong)
    b_counts = (before_b.correct, before_b.recent_right, before_b.recent_wrong)
    facility = session.get(TopicFacility, topic_id).correct
    assert (s.attempt_a.score, s.attempt_b.score) == (50.0, -12.5)
    assert bins(session) == {50.0: 1, -12.5: 1}

    correct_key(session, s.question, s.b_answer)
    log = regrade_question(session, s.question, "key", None, "Option text was misread", T0)
    session.commit()

    assert (log.attempts, log.changed) == (2, 2)
    a, b = session.get(Attempt, s.attempt_a.id), session.get(Attempt, s.attempt_b.id)
    assert (a.score, b.score) == (47.5, -10.0)
    assert a.result["sections"]["quant"]["right"] == 24 and a.result["sections"]["quant"]["wrong"] == 1
    assert b.result["sections"]["quant"]["right"] == 1
    assert session.get(AttemptSummary, a.id).score == 47.5
    assert session.get(AttemptSummary, b.id).sections["quant"]["score"] == -10.0
    after_a, after_b = progress(session, s.a, topic_id), progress(session, s.b, topic_id)
    assert after_a.correct == a_counts[0] - 1 and after_b.correct == b_counts[0] + 1
    assert after_a.recent_right == a_counts[1] - 1 and after_a.recent_wrong == a_counts[2] + 1
    assert session.get(TopicFacility, topic_id).correct == facility  # one right answer lost, one gained
    assert bins(session) == {47.5: 1, -10.0: 1}
    assert bins(session, "quant") == {47.5: 1, -10.0: 1}
    assert results.standings(session, b).overall.average == (47.5 - 10.0) / 2
    # the grade the result page and the downloads recompute agrees with the stored one
    states = exam.graded_states(session, a)
    assert exam.grade_attempt(a, states).total == a.score


def test_the_log_and_the_notice_say_what_changed_for_whom(session, sitting):
    s = sitting
    old_key = s.question.versions[0].answer
    correct_key(session, s.question, s.b_answer)
    regrade_question(session, s.question, "key", None, "wrong key", T0)

    entries = session.scalars(select(RegradeEntry).order_by(RegradeEntry.attempt_id)).all()
    assert [(e.user_id, e.old_key, e.new_key, e.old_score, e.new_score) for e in entries] == [
        (s.a.id, old_key, s.b_answer, 50.0, 47.5),
        (s.b.id, old_key, s.b_answer, -12.5, -10.0),
    ]
    attempt = session.get(Attempt, s.attempt_a.id)
    [notice] = regrade_notices(session, attempt, {"quant": "Quantitative Aptitude"})
    letters = "ABCD"
    assert notice.sentence() == (
        f"Question {notice.number} of Quantitative Aptitude was regraded on 02 Mar 2026: key corrected from "
        f"{letters[old_key]} to {letters[s.b_answer]}; your score changed from 50.00 to 47.50."
    )


def test_a_second_regrade_finds_nothing_to_change(session, sitting):
    correct_key(session, sitting.question, sitting.b_answer)
    assert pending_key_regrade(session, sitting.question).attempts == 2
    assert regrade_question(session, sitting.question, "key", None, "", T0) is not None

    assert pending_key_regrade(session, sitting.question) is None
    assert regrade_question(session, sitting.question, "key", None, "", T0) is None
    assert session.scalar(select(Regrade.id).where(Regrade.attempts == 0)) is None


def test_dropping_gives_everyone_full_marks_and_retires_the_question(session, sitting):
    s = sitting
    log = regrade_question(session, s.question, "drop", None, "two options fit", T0)

    assert s.question.status == "retired"
    assert log.attempts == 2 and log.changed == 1  # A had it right already
    a, b = session.get(Attempt, s.attempt_a.id), session.get(Attempt, s.attempt_b.id)
    assert (a.score, b.score) == (50.0, -10.0)
    assert next(slot for slot in b.slots if slot.version.question_id == s.question.id).dropped
    assert bins(session) == {50.0: 1, -10.0: 1}


def test_an_attempt_in_progress_is_graded_later_against_the_correction(session, sitting):
    s = sitting
    open_attempt = start(session, s.a, seed=3)  # a repeat, still open
    correct_key(session, s.question, s.b_answer)
    regrade_question(session, s.question, "key", None, "", T0)

    slot = next(slot for slot in open_attempt.slots if slot.version.question_id == s.question.id)
    assert slot.regraded_key == s.b_answer
    answer(session, open_attempt, by_section(quant="R"))  # "right" by the old key, so wrong now
    assert open_attempt.result["sections"]["quant"]["wrong"] == 1
    assert session.scalar(select(RegradeEntry.id).where(RegradeEntry.attempt_id == open_attempt.id)) is None


def test_a_later_attempt_in_the_topic_fades_the_correction_as_grading_would(session, sitting):
    s = sitting
    topic_id = s.question.versions[0].topic_id
    answer(session, start(session, s.a, seed=4, now=T0), by_section(quant="R"))  # a later attempt, the same topic
    row = progress(session, s.a, topic_id)
    right, wrong = row.recent_right, row.recent_wrong

    correct_key(session, s.question, s.b_answer)
    regrade_question(session, s.question, "key", None, "", T0)

    # both of A's attempts showed the question: the later one's answer counts whole, the first one's faded once
    assert row.recent_right == right - (1 + DECAY) and row.recent_wrong == wrong + (1 + DECAY)


def card(session, user, question):
    mine = (ReviewCard.user_id == user.id) & (ReviewCard.question_id == question.id)
    return session.scalar(select(ReviewCard).where(mine))


def test_a_key_regrade_moves_the_mistake_notebook_with_the_new_grading(session, sitting):
    s = sitting
    assert card(session, s.a, s.question) is None  # A answered right: nothing to review
    assert card(session, s.b, s.question).lapses == 1  # B answered wrong: in the notebook
    other = next(sl.version.question for sl in s.attempt_b.slots if sl.section == "quant" and sl.position != 0)
    untouched = (card(session, s.b, other).due, card(session, s.b, other).reviews)

    correct_key(session, s.question, s.b_answer)
    regrade_question(session, s.question, "key", None, "Option text was misread", T0)
    session.commit()

    a_card = card(session, s.a, s.question)  # A's answer is wrong now: a card due at once, one lapse
    assert (a_card.reviews, a_card.lapses) == (1, 1)
    assert a_card.due == s.attempt_a.finished_at
    assert card(session, s.b, s.question) is None  # B's only answer is right now: not a mistake any more
    assert (card(session, s.b, other).due, card(session, s.b, other).reviews) == untouched


def test_a_regrade_that_fails_leaves_the_notebook_as_it_was(session, sitting):
    s = sitting
    correct_key(session, s.question, s.b_answer)
    session.commit()
    regrade_question(session, s.question, "key", None, "Option text was misread", T0)
    session.rollback()  # the caller's transaction failed after the regrade: cards move with it or not at all

    assert card(session, s.a, s.question) is None
    assert card(session, s.b, s.question).lapses == 1
