"""An instructor builds and freezes two parallel papers, schedules a live mock; two candidates take it and, after
the release, see their normalised ranks on an accessible leaderboard."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from tests.browser.pages import sign_in
from tests.factories import make_bank, make_user
from tests.institute.conftest import typed
from trainer.core.clock import utcnow
from trainer.exam.models import Attempt
from trainer.extensions import db
from trainer.institute.livemocks import shift_for
from trainer.institute.models import LiveMock, LiveMockEntry

pytestmark = pytest.mark.browser


def build_and_freeze(page: Page, base: str) -> None:
    page.goto(f"{base}/institute/papers")
    page.get_by_label("Paper name").fill("Sunday paper")
    page.get_by_role("button", name="Create and fill the blueprint").click()
    expect(page.get_by_role("heading", name="Blueprint: Sunday paper")).to_be_visible()
    page.get_by_role("button", name="Draw the paper").click()
    expect(page.locator(".paper-question")).to_have_count(100)
    first = page.locator(".paper-question .stem").first.inner_text()
    page.get_by_role("button", name="Swap question 1 of General Intelligence & Reasoning").click()
    expect(page.get_by_text("Question 1 swapped.")).to_be_visible()
    assert page.locator(".paper-question .stem").first.inner_text() != first
    page.get_by_role("button", name="Freeze this paper").click()
    expect(page.get_by_text("is frozen")).to_be_visible()
    page.get_by_role("button", name="Draw a parallel paper (another shift)").click()
    expect(page.get_by_role("heading", name=re.compile("Sunday paper \\(parallel\\)"))).to_be_visible()
    page.get_by_role("button", name="Freeze this paper").click()
    expect(page.get_by_text("is frozen")).to_be_visible()


def schedule(page: Page, base: str) -> None:
    now = utcnow()
    page.goto(f"{base}/institute/live-mocks")
    page.get_by_label("Title").fill("Sunday live mock")
    page.get_by_label("Window opens (IST)").fill(typed(now - timedelta(minutes=1)))
    page.get_by_label("Window closes (IST)").fill(typed(now + timedelta(hours=1)))
    page.get_by_label("Results released (IST)").fill(typed(now + timedelta(hours=3)))
    page.get_by_label("Sunday paper (tier1-2025)").check()
    page.get_by_label("Sunday paper (parallel) (tier1-2025)").check()
    page.get_by_label("Show full names on the leaderboard").check()
    page.get_by_role("button", name="Schedule").click()
    expect(page.locator("#shifts tbody tr")).to_have_count(2)


def take(app, page: Page, base: str, email: str, right: int) -> None:
    """Start the live mock from the tests page, answer the first `right` questions rightly, submit."""
    sign_in(page, base, email)
    page.goto(f"{base}/tests")
    page.get_by_role("button", name="Start live mock: Sunday live mock").click()
    expect(page.locator(".question:not([hidden])")).to_be_visible()
    attempt_id = int(re.search(r"/attempts/(\d+)", page.url).group(1))
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        shown = [slot.option_order.index(slot.version.answer) for slot in attempt.slots[:right]]
    for choice in shown:
        page.locator(".question:not([hidden]) input[type=radio]").nth(choice).check()
        page.get_by_role("button", name="Save & Next").click()
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, submit").click()
    expect(page.get_by_role("heading", name="Your answers are in")).to_be_visible()  # no key before the release


def test_a_live_mock_from_blueprint_to_leaderboard(app, live_server, page: Page, browser: Browser):
    with app.app_context():
        make_bank(db.session, per_section=40)
        staff = make_user(db.session, role="instructor").email
        asha, ravi = make_user(db.session, name="Asha Verma"), make_user(db.session, name="Ravi Kumar")
        emails, ids = (asha.email, ravi.email), (asha.id, ravi.id)
        db.session.commit()
    sign_in(page, live_server, staff)
    build_and_freeze(page, live_server)
    schedule(page, live_server)

    candidates = [browser.new_context().new_page() for _ in range(2)]
    take(app, candidates[0], live_server, emails[0], right=3)
    take(app, candidates[1], live_server, emails[1], right=1)

    mine = candidates[0]
    mine.goto(f"{live_server}/tests")
    mine.get_by_role("link", name="Your attempt").or_(mine.get_by_role("link", name="Continue")).first.wait_for()
    with app.app_context():
        mock = db.session.scalars(select(LiveMock)).one()
        mock_id = mock.id
        shifts = {e.user_id: e.shift for e in db.session.scalars(select(LiveMockEntry))}
    mine.goto(f"{live_server}/live-mocks/{mock_id}/results")
    expect(mine.locator("#not-released")).to_be_visible()

    with app.app_context():  # the release time comes
        db.session.get(LiveMock, mock_id).release_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    mine.goto(f"{live_server}/tests")
    mine.get_by_role("link", name="See results and ranks").click()

    board = mine.locator("#leaderboard tbody tr")
    expect(board).to_have_count(2)
    assert shifts == {i: shift_for(mock_id, i, 2) for i in ids}
    if shifts[ids[0]] == shifts[ids[1]]:  # one shift: plain ranks on raw marks (6 against 2)
        expect(mine.locator("#my-rank")).to_have_text("1")
        expect(mine.locator("#my-normalised")).to_have_text("6.00")
        expect(board.nth(1)).to_contain_text("Ravi Kumar")
    else:  # each alone in a shift: both at the 100th percentile, normalised to the average of the two, tied first
        expect(mine.locator("#my-rank")).to_have_text("1")
        expect(mine.locator("#my-normalised")).to_have_text("4.00")
        expect(board.nth(1).locator("td").first).to_have_text("1")
    expect(mine.locator("tr.mine")).to_contain_text("Asha Verma")
    results = Axe().run(mine)
    assert results.violations_count == 0, results.generate_report()
    mine.get_by_role("link", name="Your answers and solutions").click()  # released: the key and solutions too
    expect(mine.get_by_role("heading", name="Your result", exact=False)).to_be_visible()
