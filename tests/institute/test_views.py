"""Institute pages through the client: who may use them, the builder's flow, bad input, start and results."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from tests.factories import count_queries, make_bank, make_user
from tests.institute.conftest import TIER1, frozen_paper, open_mock, typed
from trainer.core.clock import utcnow
from trainer.exam.models import Attempt
from trainer.extensions import db
from trainer.institute import livemocks, releasing
from trainer.institute.models import FixedPaper


def _bank(app, per_section=40):
    with app.app_context():
        make_bank(db.session, per_section=per_section)
        db.session.commit()


def _paper_and_mock(app, **mock_overrides):
    with app.app_context():
        staff = make_user(db.session, role="instructor")
        paper = frozen_paper(db.session, staff)
        mock = open_mock(db.session, staff, [paper.id], **mock_overrides)
        db.session.commit()
        return paper.id, mock.id


def test_a_candidate_cannot_open_the_builder(client, auth):
    auth.login()
    assert client.get("/institute/papers").status_code == 403
    assert client.get("/institute/live-mocks").status_code == 403


def test_staff_create_a_paper_draw_it_swap_one_and_freeze_it(app, client, auth):
    _bank(app)
    auth.login(role="instructor")
    token = auth.token("/institute/papers")

    made = client.post("/institute/papers", data={"name": "Mock 7", "pattern": TIER1, "csrf_token": token})
    assert made.status_code == 302 and made.location.endswith("/blueprint")
    grid = client.get(made.location).text
    counts = dict(re.findall(r'name="(count-[^"]+)"[^>]*value="(\d+)"', grid.replace("\n", " ")))
    assert sum(int(v) for k, v in counts.items() if k.startswith("count-quant-")) == 25

    drawn = client.post(made.location, data=counts | {"csrf_token": token})
    assert drawn.status_code == 302
    preview = client.get(drawn.location).text
    assert preview.count('class="paper-question"') == 100 and "Swap" in preview
    paper_url = drawn.location
    swapped = client.post(f"{paper_url}/swap", data={"position": "3", "csrf_token": token}, follow_redirects=True)
    assert "Question 4 swapped." in swapped.text
    frozen = client.post(f"{paper_url}/freeze", data={"csrf_token": token}, follow_redirects=True)
    assert "is frozen" in frozen.text and "Swap" not in frozen.text
    with app.app_context():
        assert db.session.scalar(select(FixedPaper.state)) == "frozen"


def test_a_blueprint_that_does_not_add_up_says_which_section_and_cell(app, client, auth):
    _bank(app)
    auth.login(role="instructor")
    token = auth.token("/institute/papers")
    made = client.post("/institute/papers", data={"name": "Mock 7", "pattern": TIER1, "csrf_token": token})

    bad = client.post(made.location, data={"count-quant-quant-t0-easy": "x7", "csrf_token": token})

    assert bad.status_code == 422
    assert "Quantitative Aptitude · quant-t0 · easy: enter a whole number from 0 to 200 (got &#39;x7&#39;)" in bad.text
    zero = client.post(made.location, data={"csrf_token": token})
    assert "General Awareness: the counts add up to 0; the pattern asks for 25." in zero.text


def test_the_preview_runs_a_constant_number_of_queries(app, client, auth):
    _bank(app)
    auth.login(role="instructor")
    with app.app_context():
        staff = make_user(db.session, role="instructor")
        paper_id = frozen_paper(db.session, staff).id
        db.session.commit()
    client.get(f"/institute/papers/{paper_id}")
    with app.app_context(), count_queries() as statements:
        assert client.get(f"/institute/papers/{paper_id}").status_code == 200
    assert len(statements) <= 10


def test_upcoming_start_twice_and_results_after_release(app, client, auth):
    _bank(app)
    _, mock_id = _paper_and_mock(app)
    user = auth.login(name="Meera Nair")
    tests = client.get("/tests").text
    assert "Upcoming live mocks" in tests and "Sunday live mock" in tests
    token = auth.token("/tests")

    first = client.post(f"/live-mocks/{mock_id}/start", data={"csrf_token": token})
    again = client.post(f"/live-mocks/{mock_id}/start", data={"csrf_token": token})
    assert first.status_code == 302 and first.location == again.location and "/attempts/" in first.location
    assert "Continue" in client.get("/tests").text

    assert client.post(f"{first.location}/submit", data={"csrf_token": token}).status_code == 302
    held = client.get(f"{first.location}/result").text
    assert "Your answers are in" in held and "Explanation" not in held and "Because one." not in held
    waiting = client.get(f"/live-mocks/{mock_id}/results")
    assert "Results are released on" in waiting.text and "leaderboard" not in waiting.text
    with app.app_context():
        mock = livemocks.mock_or_404(db.session, mock_id)
        mock.release_at = utcnow() - timedelta(seconds=1)  # as if the release time had come
        db.session.commit()
    released = client.get(f"/live-mocks/{mock_id}/results").text
    assert 'id="leaderboard"' in released and 'class="mine"' in released and "M. N." in released
    assert "Because one." in client.get(f"{first.location}/result").text  # the solutions, once released
    with app.app_context():
        assert releasing.leaderboard(db.session, livemocks.mock_or_404(db.session, mock_id), user).mine.rank == 1


def test_a_start_before_the_window_is_a_clear_page_and_creates_nothing(app, client, auth):
    _bank(app)
    now = utcnow()
    _, mock_id = _paper_and_mock(app, opens_at=now + timedelta(hours=2), closes_at=now + timedelta(hours=3),
                                 release_at=now + timedelta(hours=5))  # fmt: skip
    auth.login()
    assert "Opens" in client.get("/tests").text
    page = client.post(f"/live-mocks/{mock_id}/start", data={"csrf_token": auth.token("/tests")})

    assert page.status_code == 409 and "This live mock is not open" in page.text and "opens at" in page.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Attempt.id))) == 0


def test_scheduling_with_a_bad_release_time_says_when_it_can_be(app, client, auth):
    _bank(app)
    paper_id, _ = _paper_and_mock(app)
    auth.login(role="instructor")
    token = auth.token("/institute/live-mocks")
    now = utcnow()
    data = {
        "title": "Bad",
        "opens_at": typed(now),
        "closes_at": typed(now + timedelta(hours=1)),
        "release_at": typed(now + timedelta(hours=1)),
        "papers": str(paper_id),
        "csrf_token": token,
    }
    page = client.post("/institute/live-mocks", data=data)
    assert page.status_code == 400 and "Results can be released from" in page.text
    missing = client.post("/institute/live-mocks", data={"title": "No papers", "csrf_token": token})
    assert missing.status_code == 422 and "Choose at least one frozen paper." in missing.text
    good = client.post("/institute/live-mocks", data=data | {"release_at": typed(now + timedelta(hours=3))})
    assert good.status_code == 302


def test_an_offered_paper_is_on_the_tests_page_and_a_withdrawn_one_cannot_be_started(app, client, auth):
    _bank(app)
    paper_id, _ = _paper_and_mock(app)
    auth.login()
    token = auth.token("/tests")
    assert client.post(f"/papers/{paper_id}/start", data={"csrf_token": token}).status_code == 404
    with app.app_context():
        db.session.get(FixedPaper, paper_id).offered = True
        db.session.commit()
    assert "A fixed paper set by your institute" in client.get("/tests").text
    started = client.post(f"/papers/{paper_id}/start", data={"csrf_token": token})
    assert started.status_code == 302 and "/attempts/" in started.location


def test_the_results_and_tests_pages_run_a_constant_number_of_queries(app, client, auth):
    _bank(app)
    _, mock_id = _paper_and_mock(app)
    user = auth.login()

    def sittings(count: int) -> None:
        with app.app_context():
            mock = livemocks.mock_or_404(db.session, mock_id)
            for _ in range(count):
                livemocks.start(db.session, mock_id, make_user(db.session), utcnow())
            livemocks.start(db.session, mock_id, db.session.merge(user), utcnow())
            db.session.execute(Attempt.__table__.update().values(state="submitted", finished_at=utcnow(), score=0,
                               result={"total": 0, "max": 200, "sections": {}, "answers": []}))  # fmt: skip
            releasing.release(db.session, mock, utcnow())
            db.session.commit()

    def queries(url: str) -> int:
        client.get(url)
        with app.app_context(), count_queries() as statements:
            assert client.get(url).status_code == 200
        return len(statements)

    sittings(2)
    few = queries(f"/live-mocks/{mock_id}/results"), queries("/tests")
    sittings(40)
    assert (queries(f"/live-mocks/{mock_id}/results"), queries("/tests")) == few
