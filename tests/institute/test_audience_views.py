"""Offering live mocks and frozen papers to chosen batches, and assigning them, through the pages."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import func, select

from tests.factories import make_bank, make_user
from tests.institute.conftest import frozen_paper, typed
from trainer.auth.models import User
from trainer.batches import service as batches
from trainer.batches.models import Batch
from trainer.core.clock import utcnow
from trainer.exam.models import Attempt
from trainer.extensions import db
from trainer.institute.models import LiveMock


def _setup(app, staff_id: int) -> dict:
    """A bank, a frozen paper, the instructor's batch and another instructor's batch."""
    with app.app_context():
        make_bank(db.session, per_section=40)
        staff, now = db.session.get(User, staff_id), utcnow()
        paper = frozen_paper(db.session, staff, "Batch paper")
        mine = batches.create_batch(db.session, staff, "Morning batch", "", None, now, random.Random())
        other_staff = make_user(db.session, role="instructor")
        theirs = batches.create_batch(db.session, other_staff, "Evening batch", "", None, now, random.Random())
        db.session.commit()
        return {"paper": paper.id, "paper_name": paper.name, "mine": mine.id, "theirs": theirs.id}


def _join(app, user_id: int, batch_id: int) -> None:
    with app.app_context():
        batches.join(db.session, db.session.get(User, user_id), db.session.get(Batch, batch_id), utcnow())
        db.session.commit()


def _attempts(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Attempt.id)))


def _schedule_data(world: dict, token: str, **extra) -> dict:
    now = utcnow()
    return {
        "title": "Batch live mock",
        "opens_at": typed(now - timedelta(minutes=1)),
        "closes_at": typed(now + timedelta(hours=1)),
        "release_at": typed(now + timedelta(hours=4)),
        "papers": str(world["paper"]),
        "csrf_token": token,
    } | extra


def test_an_instructor_schedules_for_their_batch_and_only_its_members_see_and_start_it(app, client, auth):
    staff = auth.login(role="instructor")
    world = _setup(app, staff.id)
    token = auth.token("/institute/live-mocks")
    form = client.get("/institute/live-mocks").text
    assert "Morning batch" in form and "Evening batch" not in form

    empty = client.post("/institute/live-mocks", data=_schedule_data(world, token, whom="batches"))
    assert empty.status_code == 422 and "Tick at least one batch" in empty.text
    forged = client.post("/institute/live-mocks", data=_schedule_data(world, token, whom="batches",
                                                                      batches=str(world["theirs"])))  # fmt: skip
    assert forged.status_code == 422
    made = client.post("/institute/live-mocks", data=_schedule_data(world, token, whom="batches",
                                                                    batches=str(world["mine"])))  # fmt: skip
    assert made.status_code == 302
    assert "Morning batch" in client.get(made.location).text
    with app.app_context():
        mock_id = db.session.scalar(select(LiveMock.id))
    auth.logout()

    outsider = auth.login(name="Otto Outsider")
    _join(app, outsider.id, world["theirs"])
    assert "Batch live mock" not in client.get("/tests").text
    refused = client.post(f"/live-mocks/{mock_id}/start", data={"csrf_token": auth.token("/tests")})
    assert refused.status_code == 404 and "No such live mock" in refused.text
    assert _attempts(app) == 0
    assert client.get(f"/live-mocks/{mock_id}/results").status_code == 404
    auth.logout()

    member = auth.login(name="Mira Member")
    _join(app, member.id, world["mine"])
    assert "Batch live mock" in client.get("/tests").text
    started = client.post(f"/live-mocks/{mock_id}/start", data={"csrf_token": auth.token("/tests")})
    assert started.status_code == 302 and "/attempts/" in started.location and _attempts(app) == 1


def test_a_paper_offered_to_a_batch_shows_on_members_tests_pages_only(app, client, auth):
    staff = auth.login(role="instructor")
    world = _setup(app, staff.id)
    url = f"/institute/papers/{world['paper']}"
    token = auth.token(url)
    bad = client.post(f"{url}/offer", data={"whom": "batches", "csrf_token": token}, follow_redirects=True)
    assert "Tick at least one batch" in bad.text
    saved = client.post(f"{url}/offer", data={"whom": "batches", "batches": str(world["mine"]), "csrf_token": token},
                        follow_redirects=True)  # fmt: skip
    assert "now offered to Morning batch" in saved.text
    auth.logout()

    auth.login()
    assert world["paper_name"] not in client.get("/tests").text
    assert client.post(f"/papers/{world['paper']}/start", data={"csrf_token": auth.token("/tests")}).status_code == 404
    auth.logout()
    member = auth.login()
    _join(app, member.id, world["mine"])
    assert world["paper_name"] in client.get("/tests").text
    started = client.post(f"/papers/{world['paper']}/start", data={"csrf_token": auth.token("/tests")})
    assert started.status_code == 302 and _attempts(app) == 1


def test_staff_assign_a_frozen_paper_and_members_find_it_on_their_tests_page(app, client, auth):
    staff = auth.login(role="instructor")
    world = _setup(app, staff.id)
    batch_url = f"/batches/{world['mine']}"
    assert world["paper_name"] in client.get(batch_url).text  # a choice of the assignment form
    due = (utcnow() + timedelta(days=2)).date().isoformat()
    made = client.post(f"{batch_url}/assignments", follow_redirects=True, data={
        "kind": "paper", "paper": str(world["paper"]), "due_on": due, "csrf_token": auth.token(batch_url)})  # fmt: skip
    assert f"Assigned “{world['paper_name']}”" in made.text
    missing = client.post(f"{batch_url}/assignments", follow_redirects=True, data={
        "kind": "live_mock", "due_on": due, "csrf_token": auth.token(batch_url)})  # fmt: skip
    assert "Choose one." in missing.text
    auth.logout()

    member = auth.login()
    _join(app, member.id, world["mine"])
    page = client.get("/tests").text
    assert f"Start {world['paper_name']}" in page
    started = client.post(f"/papers/{world['paper']}/start", data={"csrf_token": auth.token("/tests")})
    assert started.status_code == 302 and _attempts(app) == 1
