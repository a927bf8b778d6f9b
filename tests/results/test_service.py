"""The distributions at grading time: only each candidate's first strict attempt counts, once, in every bin."""

from __future__ import annotations

import random
import threading
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from tests.factories import make_bank, make_user
from tests.results.sitting import answer, by_section, sit, start
from trainer.exam import service as exam
from trainer.exam.models import Attempt
from trainer.extensions import db
from trainer.results import service
from trainer.results.distribution import Bin, summarise
from trainer.results.models import TOTAL, FirstAttempt, ScoreBin


@pytest.fixture
def bank(session):
    make_bank(session)
    session.commit()


def bins(session, section=TOTAL, code="tier1-2025") -> dict[float, int]:
    rows = session.execute(
        select(ScoreBin.centimarks, ScoreBin.count).where(ScoreBin.pattern_code == code, ScoreBin.section == section)
    )
    return {centimarks / 100: count for centimarks, count in rows}


def test_a_graded_attempt_enters_the_whole_paper_and_every_section(session, bank):
    attempt = sit(session, make_user(session), by_section(reasoning="R", awareness="W", quant="R"), seconds=12)

    assert attempt.score == 50 - 12.5 + 50
    assert bins(session) == {87.5: 1}
    assert bins(session, "reasoning") == {50: 1}
    assert bins(session, "awareness") == {-12.5: 1}
    assert bins(session, "english") == {0: 1}
    quant = session.get(ScoreBin, ("tier1-2025", "quant", 5000))
    assert quant.seconds == 25 * 12  # the time spent on the section, for the pace of the top 10%


def test_only_the_first_strict_attempt_counts(session, bank):
    user = make_user(session)
    first = sit(session, user, by_section(reasoning="R"))
    sit(session, user, by_section(reasoning="R", quant="R"), seed=2)  # a repeat: better, but not counted

    assert bins(session) == {50: 1}
    assert session.scalar(select(FirstAttempt.attempt_id)) == first.id
    assert service.standings(session, first).counted


def test_practice_and_topic_tests_are_not_counted(session, bank):
    user = make_user(session)
    practice = sit(session, user, by_section(reasoning="R"), mode="practice")

    assert bins(session) == {}
    assert not service.standings(session, practice).counted
    strict = sit(session, user, by_section(quant="R"), seed=3)  # the first strict attempt still counts
    assert bins(session) == {50: 1}
    assert service.standings(session, strict).counted


def test_sectional_tests_have_distributions_of_their_own(session, bank):
    sit(session, make_user(session), by_section(quant="R"), code="tier1-2025:quant")

    assert bins(session, code="tier1-2025:quant") == {50: 1}
    assert bins(session) == {}


def test_candidates_with_the_same_score_share_a_bin(session, bank):
    for _ in range(3):
        sit(session, make_user(session), by_section(english="R"))
    sit(session, make_user(session), by_section(english="W"))

    assert bins(session) == {50: 3, -12.5: 1}
    assert bins(session, "english") == {50: 3, -12.5: 1}


def test_the_standing_reads_rank_percentile_topper_and_average(session, bank):
    attempts = [sit(session, make_user(session), by_section(quant=plan)) for plan in ("R", "W", "-", "R")]

    best, worst, blank = (service.standings(session, a) for a in attempts[:3])
    assert (best.overall.rank, best.overall.percentile, best.overall.candidates) == (1, 100.0, 4)
    assert (worst.overall.rank, worst.overall.percentile) == (4, 25.0)
    assert (blank.overall.rank, blank.overall.percentile) == (3, 50.0)
    assert best.by_section["quant"].topper == 50 and best.overall.average == (50 - 12.5 + 0 + 50) / 4


def test_a_second_attempt_graded_at_the_same_moment_counts_once(session, bank):
    user = make_user(session)
    one, two = start(session, user), start(session, user, seed=2)
    for attempt in (one, two):
        answer(session, attempt, by_section(reasoning="R"), submit=False)
    session.commit()
    ids, both_ready, errors = [one.id, two.id], threading.Barrier(2), []

    def grade(attempt_id):  # each thread a session of its own, as two requests would
        try:
            both_ready.wait()
            attempt = db.session.get(Attempt, attempt_id)
            exam.finish(db.session, attempt, attempt.started_at, exam.SUBMITTED)
            db.session.commit()
        except Exception as exc:  # raised again below, in the test's own thread
            errors.append(exc)
        finally:
            db.session.remove()

    threads = [threading.Thread(target=grade, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(FirstAttempt)) == 1
    assert bins(session) == {50: 1}
    assert {session.get(Attempt, i).state for i in ids} == {exam.SUBMITTED}


def test_recording_again_for_a_candidate_already_counted_changes_nothing(session, bank):
    user = make_user(session)
    first = sit(session, user, by_section(reasoning="R"))
    states = exam.graded_states(session, first)

    assert not service.record_graded_attempt(session, first, states, exam.grade_attempt(first, states))
    assert bins(session) == {50: 1}


@pytest.mark.parametrize("seed", range(4))
def test_the_query_summarises_the_bins_exactly_as_the_pure_definition(session, seed):
    rng = random.Random(seed)
    sections = {key: [Bin(rng.randrange(-1250, 5001, 25), rng.randint(1, 40), rng.uniform(0, 9e5)) for _ in range(60)]
                for key in (TOTAL, "quant", "english")}  # fmt: skip
    for key, dist in sections.items():
        unique = {b.centimarks: b for b in dist}  # one bin per score, as the table keeps them
        sections[key] = list(unique.values())
        session.add_all(ScoreBin(pattern_code="p", section=key, centimarks=b.centimarks, count=b.count,
                                 seconds=b.seconds) for b in unique.values())  # fmt: skip
    session.add(ScoreBin(pattern_code="other", section=TOTAL, centimarks=0, count=99, seconds=1.0))
    session.flush()
    marks = {key: rng.randrange(-1250, 5001, 25) / 100 for key in sections}

    found = service.summaries(session, "p", marks)

    for key, dist in sections.items():
        expected = summarise(dist, marks[key])
        assert replace(found[key], top_seconds=0) == replace(expected, top_seconds=0)
        assert found[key].top_seconds == pytest.approx(expected.top_seconds)
