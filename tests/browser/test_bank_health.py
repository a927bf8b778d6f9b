"""axe finds nothing to fix on the bank-health page, reached from the bank list as an instructor would."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.authoring.test_health_views import made_bank
from tests.browser.pages import sign_in
from tests.factories import make_user
from trainer.extensions import db

pytestmark = pytest.mark.browser


def test_the_bank_health_page_has_no_violations(app, live_server, page: Page):
    with app.app_context():
        made_bank(db.session)  # every table on the page has rows: topics, patterns, stale facts, near-duplicates
        email = make_user(db.session, role="instructor").email
        db.session.commit()
    sign_in(page, live_server, email)

    page.goto(f"{live_server}/authoring/questions")
    page.get_by_role("link", name="Bank health").click()
    expect(page.get_by_role("heading", name="Bank health", exact=True)).to_be_visible()
    expect(page.locator("#stale-table tbody tr")).to_have_count(1)
    expect(page.locator("#duplicate-table tbody tr")).to_have_count(1)

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
