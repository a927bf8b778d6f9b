"""Live mocks: schedule, start in the window (once), release with normalised ranks (services, no HTTP)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import make_user
from tests.institute.conftest import frozen_paper, open_mock
from trainer.core.clock import utcnow
from trainer.core.errors import DomainError
from trainer.exam import service as exam
from trainer.exam.models import Attempt, Step
from trainer.institute import livemocks, releasing
from trainer.institute.models import LiveMockResult


def answer(session, attempt_id, right: int, now):
    """Answer the first `right` questions rightly and submit."""
    attempt = session.get(Attempt, attempt_id)
    for slot in attempt.slots[:right]:
        session.add(Step(attempt_id=attempt.id, slot_id=slot.id, client_id=f"s{slot.id}", kind="save",
                         value=slot.version.answer, server_time=now))  # fmt: skip
    session.flush()
    exam.submit(session, attempt, now, 0)


def test_scheduling_refuses_bad_times_and_papers_with_what_is_wrong(session, staff):
    paper = frozen_paper(session, staff)
    with pytest.raises(DomainError, match="close after it opens"):
        open_mock(session, staff, [paper.id], closes_at=utcnow() - timedelta(hours=1))
    with pytest.raises(DomainError, match="Results can be released from .* the window's close plus the paper's time"):
        open_mock(session, staff, [paper.id], release_at=utcnow() + timedelta(hours=1, minutes=30))
    with pytest.raises(DomainError, match="at least one frozen paper"):
        open_mock(session, staff, [])
    draft = frozen_paper(session, staff, "second")
    draft.state = "draft"
    with pytest.raises(DomainError, match="Only frozen papers"):
        open_mock(session, staff, [paper.id, draft.id])


def test_a_start_in_the_window_opens_the_frozen_paper_and_a_second_start_returns_it(session, staff):
    paper = frozen_paper(session, staff)
    mock = open_mock(session, staff, [paper.id])
    candidate = make_user(session)

    first = livemocks.start(session, mock.id, candidate, utcnow())
    again = livemocks.start(session, mock.id, candidate, utcnow())

    attempt = session.get(Attempt, first)
    assert again == first
    assert [s.version_id for s in attempt.slots] == [i.version_id for i in paper.items]
    assert [s.option_order for s in attempt.slots] == [i.option_order for i in paper.items]
    assert attempt.mode == "strict" and attempt.deadline - attempt.started_at == timedelta(minutes=60)


def test_a_start_outside_the_window_creates_nothing(session, staff):
    paper = frozen_paper(session, staff)
    later = open_mock(session, staff, [paper.id], opens_at=utcnow() + timedelta(hours=1),
                      closes_at=utcnow() + timedelta(hours=2), release_at=utcnow() + timedelta(hours=4))  # fmt: skip
    candidate = make_user(session)
    with pytest.raises(livemocks.NotOpen, match="opens at"):
        livemocks.start(session, later.id, candidate, utcnow())
    mock = open_mock(session, staff, [paper.id])
    with pytest.raises(livemocks.NotOpen, match="can no longer be started"):
        livemocks.start(session, mock.id, candidate, mock.closes_at)
    assert session.scalar(select(func.count(Attempt.id))) == 0


def test_a_candidate_who_started_in_time_gets_the_same_attempt_after_the_close(session, staff):
    mock = open_mock(session, staff, [frozen_paper(session, staff).id])
    candidate = make_user(session)
    started = livemocks.start(session, mock.id, candidate, utcnow())
    assert livemocks.start(session, mock.id, candidate, mock.closes_at + timedelta(minutes=1)) == started


def test_shifts_are_fixed_per_candidate_and_spread_evenly():
    counts = Counter(livemocks.shift_for(7, user_id, 3) for user_id in range(3000))
    assert set(counts) == {1, 2, 3} and min(counts.values()) > 900
    assert livemocks.shift_for(7, 42, 3) == livemocks.shift_for(7, 42, 3)


def test_release_normalises_across_shifts_and_is_the_same_when_run_again(session, staff):
    one, two = frozen_paper(session, staff, "A", 1), frozen_paper(session, staff, "B", 2)
    mock = open_mock(session, staff, [one.id, two.id])
    now = utcnow()
    people = [make_user(session, name=f"Cand {n}") for n in range(8)]
    for n, person in enumerate(people):
        answer(session, livemocks.start(session, mock.id, person, now), right=10 + 5 * n, now=now)
    people.append(make_user(session))
    livemocks.start(session, mock.id, people[-1], now)  # abandoned: closed at its deadline by the release

    released_at = now + timedelta(hours=3)
    assert releasing.release_if_due(session, mock, now) is False
    assert releasing.release_if_due(session, mock, released_at) is True
    first = {r.user_id: (r.normalised, r.rank, r.percentile) for r in session.scalars(select(LiveMockResult))}
    releasing.release(session, mock, released_at + timedelta(minutes=5))
    again = {r.user_id: (r.normalised, r.rank, r.percentile) for r in session.scalars(select(LiveMockResult))}

    assert first == again and len(first) == 9
    # Nothing answered: last of its own shift. Not always last overall: by SSC's P = 100·m/N the lowest score of a
    # smaller shift stands at a higher percentile than the lowest of a larger one (shifts follow the user ids).
    abandoned = session.get(LiveMockResult, (mock.id, people[-1].id))
    same_shift = [r.rank for r in session.scalars(select(LiveMockResult)) if r.shift == abandoned.shift]
    assert abandoned.raw == 0 and abandoned.rank == max(same_shift)
    ranks = sorted(rank for _, rank, _ in first.values())
    assert ranks[0] == 1 and mock.summary[""]["candidates"] == 9
    shifts = {r.shift for r in session.scalars(select(LiveMockResult))}
    assert shifts <= {1, 2}


def test_the_leaderboard_shows_initials_unless_names_are_chosen_and_marks_my_row(session, staff):
    mock = open_mock(session, staff, [frozen_paper(session, staff).id])
    now = utcnow()
    me, other = make_user(session, name="Asha Rani Verma"), make_user(session, name="Vikram Singh")
    answer(session, livemocks.start(session, mock.id, me, now), 20, now)
    answer(session, livemocks.start(session, mock.id, other, now), 30, now)
    releasing.release(session, mock, now + timedelta(hours=3))

    board = releasing.leaderboard(session, mock, me)
    assert [(r.rank, r.name, r.mine) for r in board.rows] == [(1, "V. S.", False), (2, "A. R. V.", True)]
    mock.show_names = True
    assert [r.name for r in releasing.leaderboard(session, mock, me).rows] == ["Vikram Singh", "Asha Rani Verma"]
    assert board.mine.rank == 2 and board.mine.raw == 40.0
