"""In Chromium: mistakes from two mocks fill the mistake notebook, "Review today" opens a review session whose answer
reschedules a card; then the candidate downloads their data and deletes their account."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import sign_in
from tests.browser.test_accessibility import no_violations
from tests.factories import PASSWORD, make_user
from tests.progress.mocks import graded_mock, make_weighted_bank
from trainer.core.clock import utcnow
from trainer.exam.models import Attempt
from trainer.extensions import db
from trainer.progress.review_service import reviews_due

pytestmark = pytest.mark.browser
EMAIL = "asha@example.com"


@pytest.fixture
def two_mocks(app) -> int:
    """A candidate who answered every quant question wrong and the rest right in two Tier-I mocks; returns the
    number of reviews due."""
    with app.app_context():
        make_weighted_bank(db.session)
        user = make_user(db.session, email=EMAIL)
        start = utcnow() - timedelta(hours=3)
        graded_mock(db.session, user, start, wrong={"quant"}, seed=1)
        graded_mock(db.session, user, start + timedelta(hours=1), wrong={"quant"}, seed=2)
        db.session.commit()
        return reviews_due(db.session, user.id, utcnow())


def shown_key(app, attempt_id: int, position: int) -> int:
    with app.app_context():
        slot = db.session.get(Attempt, attempt_id).slots[position]
        return slot.option_order.index(slot.version.answer)


def test_review_today_then_download_my_data_then_delete_the_account(app, live_server, page: Page, two_mocks):
    assert two_mocks == 50  # 25 quant questions wrong in each mock, none drawn twice
    sign_in(page, live_server, EMAIL)
    page.goto(f"{live_server}/progress")
    expect(page.locator("#mistake-notebook")).to_contain_text("50 of the 50 questions in your notebook are due")
    no_violations(page)

    page.get_by_role("button", name="Review today (50)").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    review_id = int(page.url.rsplit("/", 1)[1])
    first = page.locator(".question:not([hidden])")
    first.locator("input[type=radio]").nth(shown_key(app, review_id, 0)).check()
    page.get_by_role("button", name="Check answer").click()  # a practice paper checks each answer at once
    expect(first.locator(".feedback")).to_contain_text("Right.")
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, submit").click()
    expect(page.get_by_role("heading", name="Your result", exact=False)).to_be_visible()
    page.goto(f"{live_server}/progress")
    expect(page.get_by_role("button", name="Review today (49)")).to_be_visible()  # the right answer moved one out

    page.goto(f"{live_server}/account")
    no_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["profile"]["email"] == EMAIL and len(data["attempts"]) == 3
    assert len(data["reviews"]) == 50 and "password" not in json.dumps(data)

    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("That is not your password")).to_be_visible()
    no_violations(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("Your account is deleted.")).to_be_visible()

    page.goto(f"{live_server}/account/export")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.locator("#email").fill(EMAIL)
    page.locator("#password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Wrong e-mail or password.")).to_be_visible()
