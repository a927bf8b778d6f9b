"""`stats refresh`: counts each candidate's first graded strict attempt per version, only what is new."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from tests.factories import make_bank, make_question, make_topic
from tests.itemstats.papers import T0, candidate, graded
from tests.results.sitting import by_section, sit
from trainer.itemstats.models import ItemBin, ItemClaim, ItemStat, ItemStatsPending
from trainer.itemstats.refresh import LOCK_KEY, RefreshReport, RefreshRunning, refresh
from trainer.results.models import FirstAttempt

LATER = T0.replace(day=3)


@pytest.fixture
def paper(session):
    """Three questions keyed A, marked +1/0."""
    topic = make_topic(session)
    return [make_question(session, topic, f"fixed-{i}").versions[0] for i in range(3)]


def stat(session, version) -> ItemStat:
    return session.get(ItemStat, version.id)


def four_candidates(session, paper):
    #          q1 q2 q3   q1's x   rest of test (q2 + q3, out of 2)
    # c1:      A  A  A    1        2 → 1.0
    # c2:      A  A  B    1        1 → 0.5
    # c3:      B  A  B    0        1 → 0.5
    # c4:      C  B  B    0        0 → 0.0
    users = [candidate(session) for _ in range(4)]
    for user, answers in zip(users, ("AAA", "AAB", "BAB", "CBB"), strict=True):
        graded(session, user, paper, answers)
    return users


def test_a_refresh_stores_the_figures_worked_by_hand(session, paper):
    four_candidates(session, paper)
    report = refresh(session, LATER)
    assert (report.attempts, report.versions) == (4, 3)
    q1 = stat(session, paper[0])
    # x = 1,1,0,0 (mean 0.5, V = 1/3), X = 1, .5, .5, 0 (mean .5, V = 0.5/3), C = 0.5/3
    # r = (0.5/3) / √(1/3 · 0.5/3) = 0.5/√0.5 = 0.707107; Cmax: 0,0,1,1 against 0,.5,.5,1 → (1.5 − 1)/3 = C, so 1.0
    assert q1.n == 4
    assert q1.facility == pytest.approx(0.5)
    assert q1.sd == pytest.approx((1 / 3) ** 0.5)
    assert q1.discrimination == pytest.approx(0.707107, abs=1e-6)
    assert q1.efficiency == pytest.approx(1.0)
    # Thirds of 4/3 candidates by rest score. Bottom: c4 (C) whole, then c2 (A) and c3 (B), tied at 0.5, a sixth
    # each: C 1, A 1/6, B 1/6 of 4/3 → 75%, 12.5%, 12.5%. Top: c1 (A) whole plus the same sixths: A 87.5%, B 12.5%.
    shares = {o["answer"]: (o["count"], o["top"], o["bottom"]) for o in q1.options}
    assert shares == {
        0: (2, pytest.approx(0.875), pytest.approx(0.125)),
        1: (1, pytest.approx(0.125), pytest.approx(0.125)),
        2: (1, pytest.approx(0.0), pytest.approx(0.75)),
        3: (0, 0.0, 0.0),
    }
    assert q1.flags == [{"code": "unused_distractor", "option": 3}]
    assert session.scalar(select(func.count()).select_from(ItemStatsPending)) == 0


def test_only_a_candidates_first_graded_strict_attempt_counts(session, paper):
    users = four_candidates(session, paper)
    graded(session, users[0], paper, "DDD")  # c1 again, all wrong: not counted
    graded(session, candidate(session), paper, "DDD", mode="practice")  # practice: never queued
    assert session.scalar(select(func.count()).select_from(ItemStatsPending)) == 5
    refresh(session, LATER)
    q1 = stat(session, paper[0])
    assert q1.n == 4 and q1.facility == pytest.approx(0.5)
    assert {o["answer"]: o["count"] for o in q1.options}[3] == 0


def test_of_two_attempts_refreshed_together_the_one_finished_first_counts(session, paper):
    user = candidate(session)
    graded(session, user, paper, "DDD", finished=T0.replace(hour=12))  # queued first, finished later
    graded(session, user, paper, "AAA", finished=T0.replace(hour=10))
    graded(session, candidate(session), paper, "BBB")
    refresh(session, LATER)
    assert stat(session, paper[0]).facility == pytest.approx(0.5)  # AAA and BBB, not DDD
    assert {o["answer"]: o["count"] for o in stat(session, paper[0]).options} == {0: 1, 1: 1, 2: 0, 3: 0}


def test_a_refresh_reads_only_attempts_graded_since_the_last_one(session, paper):
    users = four_candidates(session, paper)
    refresh(session, LATER)
    before = {v.id: stat(session, v).refreshed_at for v in paper}
    assert refresh(session, LATER.replace(day=4)) == RefreshReport(0, 0)  # nothing new, nothing read

    other = make_question(session, paper[0].topic, "fixed-new").versions[0]
    graded(session, candidate(session), [other, paper[1]], "AB")  # touches q2 and the new question only
    graded(session, users[1], [other, paper[2]], "BA")  # c2's first attempt at the new one, a repeat at q3
    report = refresh(session, LATER.replace(day=5))
    assert (report.attempts, report.versions) == (2, 2)  # the new question and q2
    assert stat(session, paper[0]).refreshed_at == before[paper[0].id]  # q1 was not in the new papers
    assert stat(session, paper[2]).refreshed_at == before[paper[2].id]  # q3 had no new first response
    assert stat(session, paper[1]).n == 5
    assert stat(session, paper[2]).n == 4  # c2 had answered q3 already
    assert stat(session, other).n == 2


def test_refreshing_everything_again_gives_the_same_statistics(session, paper):
    users = four_candidates(session, paper)
    refresh(session, LATER)
    graded(session, users[2], paper, "AAA")  # a repeat
    graded(session, candidate(session), paper, "-AD")  # a blank
    refresh(session, LATER)
    incremental = {v.id: figures(stat(session, v)) for v in paper}
    bins = session.scalar(select(func.count()).select_from(ItemBin))
    report = refresh(session, LATER, everything=True)
    assert report.attempts == 6
    assert {v.id: figures(stat(session, v)) for v in paper} == incremental
    assert session.scalar(select(func.count()).select_from(ItemBin)) == bins
    assert session.scalar(select(func.count()).select_from(ItemClaim)) == 15  # 5 candidates × 3 questions


def figures(s: ItemStat):
    return (s.n, s.facility, s.sd, s.discrimination, s.efficiency, s.options, s.flags, s.severity)


def test_a_refresh_run_twice_over_the_same_attempts_counts_them_once(session, paper):
    attempts = [graded(session, candidate(session), paper, "ABC") for _ in range(2)]
    refresh(session, LATER)
    for attempt in attempts:  # as if grading had queued them again
        session.add(ItemStatsPending(attempt_id=attempt.id))
    refresh(session, LATER)
    assert stat(session, paper[0]).n == 2


def test_graded_exams_are_queued_by_grading_itself(session):
    make_bank(session)
    user = candidate(session)
    attempt = sit(session, user, by_section(quant="R", english="W"))
    practice = sit(session, candidate(session), by_section(quant="R"), mode="practice")
    queued = set(session.scalars(select(ItemStatsPending.attempt_id)))
    assert queued == {attempt.id}
    assert practice.id not in queued
    report = refresh(session, LATER)
    assert (report.attempts, report.versions) == (1, 100)
    quant = next(s for s in attempt.slots if s.section == "quant")
    english = next(s for s in attempt.slots if s.section == "english")
    # +2/−0.5: right is 1, wrong 0 on the item's range
    assert stat(session, quant.version).facility == 1.0
    assert stat(session, english.version).facility == 0.0
    assert session.scalar(select(func.count()).select_from(FirstAttempt)) == 1  # ranks untouched by the hook


def test_a_second_refresh_while_one_runs_does_nothing(session, paper):
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's; SQLite's single writer makes a second refresh wait instead")
    graded(session, candidate(session), paper, "AAA")
    session.commit()
    with session.get_bind().connect() as other:  # a refresh already running, in another transaction
        other.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        with pytest.raises(RefreshRunning):
            refresh(session, LATER)
        session.rollback()
        other.rollback()
    assert refresh(session, LATER).attempts == 1  # the queue was left for the next run


def test_an_attempt_graded_before_answers_were_kept_is_read_from_its_steps(session, paper):
    old = graded(session, candidate(session), paper, "AAA")
    old.result = {key: value for key, value in old.result.items() if key != "answers"}  # no steps: all blank
    graded(session, candidate(session), paper, "AAA")
    session.flush()
    refresh(session, LATER)
    assert {o["answer"]: o["count"] for o in stat(session, paper[0]).options} == {0: 1, 1: 0, 2: 0, 3: 0, -1: 1}
