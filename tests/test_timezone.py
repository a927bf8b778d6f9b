"""Times as people in India read and type them: stored in UTC, shown and typed in the site's zone (IST by default,
TRAINER_TIMEZONE to change it), the zone always named."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import Auth
from tests.institute.test_views import _bank, _paper_and_mock
from trainer import create_app
from trainer.batches.forms import end_of_day
from trainer.config import ConfigError
from trainer.core.clock import utcnow
from trainer.extensions import db
from trainer.institute.livemocks import NotOpen
from trainer.institute.models import LiveMock


def tomorrow() -> date:
    return (utcnow() + timedelta(days=1)).date()


def schedule(client, auth, paper_id: int, day: date, opens: str, closes: str, release: str):
    data = {
        "title": "Sunday mock",
        "opens_at": f"{day}T{opens}",
        "closes_at": f"{day}T{closes}",
        "release_at": f"{day}T{release}",
        "papers": str(paper_id),
        "csrf_token": auth.token("/institute/live-mocks"),
    }
    return client.post("/institute/live-mocks", data=data)


def stored_window(app) -> tuple[datetime, datetime, datetime]:
    with app.app_context():
        mock = db.session.scalar(select(LiveMock).where(LiveMock.title == "Sunday mock"))
        return mock.opens_at, mock.closes_at, mock.release_at


def test_a_live_mock_typed_for_10_00_ist_opens_at_04_30_utc_and_every_page_says_10_00_ist(app, client, auth):
    _bank(app)
    paper_id, _ = _paper_and_mock(app)
    day = tomorrow()
    auth.login(role="instructor")
    form = client.get("/institute/live-mocks").text
    assert "Window opens (IST)" in form and "Results released (IST)" in form and "(UTC)" not in form

    assert schedule(client, auth, paper_id, day, "10:00", "13:00", "18:30").status_code == 302

    assert stored_window(app) == (
        datetime(day.year, day.month, day.day, 4, 30, tzinfo=UTC),
        datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC),
        datetime(day.year, day.month, day.day, 13, 0, tzinfo=UTC),
    )
    listing = client.get("/institute/live-mocks").text
    assert "10:00" in listing and "13:00" in listing and "04:30" not in listing and "Window (IST)" in listing

    auth.login(email="candidate@example.com")
    tests_page = client.get("/tests").text
    assert f"{day:%d %b} at 10:00 IST: the Start button appears then" in tests_page
    with app.app_context():
        mock_id = db.session.scalar(select(LiveMock.id).where(LiveMock.title == "Sunday mock"))
    refused = client.post(f"/live-mocks/{mock_id}/start", data={"csrf_token": auth.token("/tests")})
    assert refused.status_code == 409 and f"opens at {day:%d %b %Y}, 10:00 IST" in refused.text


def test_a_site_set_to_utc_takes_and_shows_utc(app):
    site = create_app({key: app.config[key] for key in ("TESTING", "DATABASE_URL", "SECRET_KEY")} | {
        "TIMEZONE": "UTC", "RATELIMIT_ENABLED": False})  # fmt: skip
    client = site.test_client()
    auth = Auth(site, client)
    _bank(site)
    paper_id, _ = _paper_and_mock(site)
    day = tomorrow()
    auth.login(role="instructor")
    assert "Window opens (UTC)" in client.get("/institute/live-mocks").text

    assert schedule(client, auth, paper_id, day, "10:00", "13:00", "18:30").status_code == 302

    assert stored_window(site)[0] == datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)
    assert "10:00" in client.get("/institute/live-mocks").text


def test_an_unknown_time_zone_stops_the_app_saying_what_to_set(app):
    with pytest.raises(ConfigError, match="TRAINER_TIMEZONE must name a time zone such as Asia/Kolkata or UTC"):
        create_app({key: app.config[key] for key in ("TESTING", "DATABASE_URL", "SECRET_KEY")} | {"TIMEZONE": "IST"})


def test_a_date_picked_for_an_invite_code_or_a_due_date_lasts_to_the_end_of_that_day_in_india(app):
    with app.app_context():
        assert end_of_day(date(2026, 12, 8)) == datetime(2026, 12, 8, 18, 29, tzinfo=UTC)  # 23:59 IST
        assert end_of_day(None) is None


def test_an_error_names_its_moment_in_utc_for_the_log_and_in_the_site_zone_on_the_page(app):
    from trainer.i18n import error_text

    error = NotOpen("“%(mock)s” opens at %(at)s.", mock="Sunday", at=datetime(2026, 12, 8, 4, 30, tzinfo=UTC))
    assert str(error) == "“Sunday” opens at 2026-12-08 04:30 UTC."
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert error_text(error) == "“Sunday” opens at 08 Dec 2026, 10:00 IST."
