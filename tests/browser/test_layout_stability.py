"""Pages do not jump while they load (cumulative layout shift), and the browser's favicon request is answered."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.pages import sign_in
from tests.factories import make_bank, make_user
from trainer.auth.models import User
from trainer.core.clock import utcnow
from trainer.exam import paper
from trainer.exam.patterns import get_pattern
from trainer.extensions import db

pytestmark = pytest.mark.browser

# Sums every layout shift not caused by the reader's own input, as Lighthouse's CLS does (one session window
# is enough for a page that settles within a second).
WATCH_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput)
  window.__shifts.push({value: e.value, sources: (e.sources || []).map((s) => s.node ? (s.node.id || s.node.className
  || s.node.nodeName) : "?")}); }).observe({type: "layout-shift", buffered: true});"""


def shifts(page: Page) -> list[dict]:
    page.wait_for_timeout(1500)  # late content (the clock, the palette, maths) has arrived by then
    return page.evaluate("window.__shifts")


@pytest.fixture
def mock(app) -> tuple[str, int]:
    """A candidate with a Tier-I mock open (the full 100-question page); (e-mail, attempt id)."""
    with app.app_context():
        make_bank(db.session)
        email = make_user(db.session).email
        user = db.session.scalars(select(User).where(User.email == email)).one()
        attempt = paper.start_attempt(db.session, user, get_pattern("tier1-2025"), utcnow(), random.Random(3))
        db.session.commit()
        return email, attempt.id


def test_the_exam_page_and_the_result_page_do_not_shift_while_loading(app, live_server, page: Page, mock):
    email, attempt_id = mock
    page.add_init_script(WATCH_SHIFTS)
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/attempts/{attempt_id}")
    expect(page.locator("#timer")).to_be_visible()
    found = shifts(page)
    assert sum(s["value"] for s in found) < 0.01, found

    page.get_by_role("button", name="Submit").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, submit").click()
    page.wait_for_url(f"**/attempts/{attempt_id}/result")
    found = shifts(page)
    assert sum(s["value"] for s in found) < 0.01, found


def test_the_favicon_the_browser_asks_for_is_served(live_server, page: Page):
    response = page.request.get(f"{live_server}/favicon.ico")
    assert response.status == 200 and response.headers["content-type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
