"""Changing who a scheduled live mock is offered to, through its page: who may, what each answer says."""

from __future__ import annotations

import random
from datetime import timedelta

from tests.factories import make_bank
from tests.institute.conftest import frozen_paper, open_mock
from trainer.auth.models import User
from trainer.batches import service as batches
from trainer.core.clock import utcnow
from trainer.extensions import db
from trainer.institute.models import LiveMock


def _setup(app, staff_id: int, opens_in: timedelta = timedelta(hours=1)) -> dict:
    """The instructor's two batches and a live mock of theirs offered to the first, opening after `opens_in`."""
    with app.app_context():
        make_bank(db.session, per_section=40)
        staff, now = db.session.get(User, staff_id), utcnow()
        morning = batches.create_batch(db.session, staff, "Morning batch", "", None, now, random.Random())
        evening = batches.create_batch(db.session, staff, "Evening batch", "", None, now, random.Random())
        opens = now + opens_in
        mock = open_mock(db.session, staff, [frozen_paper(db.session, staff).id], audience=(morning.id,),
                         opens_at=opens, closes_at=opens + timedelta(hours=1),
                         release_at=opens + timedelta(hours=4))  # fmt: skip
        db.session.commit()
        return {"mock": mock.id, "morning": morning.id, "evening": evening.id}


def _offered(app, mock_id: int) -> list[int]:
    with app.app_context():
        return sorted(link.batch_id for link in db.session.get(LiveMock, mock_id).audience)


def test_the_scheduler_moves_a_mock_to_another_batch_before_it_opens(app, client, auth):
    staff = auth.login(role="instructor")
    world = _setup(app, staff.id)
    url = f"/institute/live-mocks/{world['mock']}"
    page = client.get(url).text
    assert 'id="offer"' in page and "until the window opens" in page
    assert f'value="{world["morning"]}" checked' in page  # the form shows the batches it is offered to now

    moved = client.post(f"{url}/offer", follow_redirects=True, data={
        "whom": "batches", "batches": str(world["evening"]), "csrf_token": auth.token(url)})  # fmt: skip
    assert "Saved: it is now offered to Evening batch." in moved.text
    assert _offered(app, world["mock"]) == [world["evening"]]
    everyone = client.post(f"{url}/offer", follow_redirects=True, data={"whom": "all", "csrf_token": auth.token(url)})
    assert "now offered to all candidates" in everyone.text and _offered(app, world["mock"]) == []
    empty = client.post(f"{url}/offer", follow_redirects=True,
                        data={"whom": "batches", "csrf_token": auth.token(url)})  # fmt: skip
    assert "Tick at least one batch" in empty.text and _offered(app, world["mock"]) == []


def test_while_the_window_is_open_taking_a_batch_off_is_refused_with_a_reason(app, client, auth):
    staff = auth.login(role="instructor")
    world = _setup(app, staff.id, opens_in=timedelta(minutes=-5))
    url = f"/institute/live-mocks/{world['mock']}"
    assert "you can only add batches" in client.get(url).text
    refused = client.post(f"{url}/offer", follow_redirects=True, data={
        "whom": "batches", "batches": str(world["evening"]), "csrf_token": auth.token(url)})  # fmt: skip
    assert "candidates may have started it, so nobody can be taken off it now" in refused.text
    assert _offered(app, world["mock"]) == [world["morning"]]
    both = [str(world["morning"]), str(world["evening"])]
    added = client.post(f"{url}/offer", follow_redirects=True,
                        data={"whom": "batches", "batches": both, "csrf_token": auth.token(url)})  # fmt: skip
    assert "now offered to Evening batch, Morning batch" in added.text
    assert _offered(app, world["mock"]) == sorted([world["morning"], world["evening"]])


def test_another_instructor_sees_no_form_and_is_refused_and_an_admin_may(app, client, auth):
    staff = auth.login(role="instructor")
    world = _setup(app, staff.id)
    url = f"/institute/live-mocks/{world['mock']}"
    auth.logout()

    auth.login(role="instructor")
    assert 'id="offer"' not in client.get(url).text
    forbidden = client.post(f"{url}/offer", data={"whom": "all", "csrf_token": auth.token(url)})
    assert forbidden.status_code == 403 and "Only the instructor who scheduled this live mock" in forbidden.text
    assert _offered(app, world["mock"]) == [world["morning"]]
    auth.logout()

    auth.login(role="admin")
    assert client.post(f"{url}/offer", data={"whom": "all", "csrf_token": auth.token(url)}).status_code == 302
    assert _offered(app, world["mock"]) == []


def test_candidates_unknown_mocks_and_forms_without_their_token_are_refused(app, client, auth):
    staff = auth.login(role="instructor")
    world = _setup(app, staff.id)
    url = f"/institute/live-mocks/{world['mock']}"
    token = auth.token(url)
    assert (
        client.post("/institute/live-mocks/999999/offer", data={"whom": "all", "csrf_token": token}).status_code == 404
    )
    assert client.post(f"{url}/offer", data={"whom": "all"}).status_code == 400
    assert _offered(app, world["mock"]) == [world["morning"]]
    auth.logout()

    candidate = auth.login()
    with app.app_context():
        batches.join(db.session, db.session.get(User, candidate.id), db.session.get(batches.Batch, world["morning"]),
                     utcnow())  # fmt: skip
        db.session.commit()
    assert client.post(f"{url}/offer", data={"whom": "all", "csrf_token": auth.token("/tests")}).status_code == 403
    assert _offered(app, world["mock"]) == [world["morning"]]
