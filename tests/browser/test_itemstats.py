"""An instructor opens the flagged questions from the bank, follows the worst one to its statistics panel; axe is
clean on both pages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.pages import sign_in
from tests.factories import make_user
from tests.itemstats.test_views import WRONG_KEY, make_paper, sit_all
from trainer.extensions import db

pytestmark = pytest.mark.browser


def test_from_the_flagged_list_to_the_questions_statistics(app, live_server, page: Page):
    app.config["ITEMSTATS_MIN_ATTEMPTS"] = 3
    with app.app_context():
        sit_all(db.session, make_paper(db.session), WRONG_KEY)
        email = make_user(db.session, role="instructor").email
        db.session.commit()
    sign_in(page, live_server, email)

    page.goto(f"{live_server}/authoring/questions")
    page.get_by_role("link", name="Flagged questions").click()
    expect(page.get_by_role("heading", name="Flagged questions")).to_be_visible()
    rows = page.locator("#flagged tbody tr")
    expect(rows.first).to_contain_text("check the key")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    rows.first.get_by_role("link", name="flag-0").click()
    expect(page).to_have_url(f"{live_server}/authoring/questions/flag-0#statistics")
    panel = page.get_by_role("region", name="Statistics")
    expect(panel).to_be_visible()
    expect(panel.locator("#stats-flags")).to_contain_text("Option B was chosen by more of the top third than the key")
    expect(panel.locator("#distractors tbody tr")).to_have_count(4)
    expect(panel.get_by_text("Discrimination index")).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
