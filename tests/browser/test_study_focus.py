"""A candidate weak in Quantitative Aptitude: the progress page says to study a quant topic next, and why."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.pages import sign_in
from tests.factories import make_user
from tests.progress.mocks import T0, graded_mock, make_weighted_bank
from trainer.extensions import db

pytestmark = pytest.mark.browser
axe = Axe()


def weak_in_quant(app) -> str:
    """A candidate with two graded Tier-I mocks: every quant answer wrong, every other answer right."""
    with app.app_context():
        make_weighted_bank(db.session)
        user = make_user(db.session)
        for n in range(2):
            graded_mock(db.session, user, T0 + timedelta(days=n), wrong={"quant"}, seed=n)
        db.session.commit()
        return user.email


def test_study_next_leads_to_a_quant_drill_and_the_page_is_accessible(app, live_server, page: Page):
    sign_in(page, live_server, weak_in_quant(app))

    page.goto(f"{live_server}/progress")

    first = page.locator("ol.study-next > li").first
    expect(first.locator(".study-topic")).to_have_text(re.compile(r"^Quant topic \d$"))
    reason = r"^About [\d.]+ questions? per Tier-I paper; your accuracy \d+% \(\d+%–\d+%\)"
    expect(first.locator(".study-reason")).to_have_text(
        re.compile(reason + r"(, last practised \d+ days ago)?; about \d+")
    )
    expect(page.locator("#score-chart-1 svg polyline")).to_have_count(1)
    expect(page.locator("#accuracy-chart svg g.chart-series")).to_have_count(4)
    expect(page.locator("#score-chart-1 svg")).to_be_visible()
    expect(page.get_by_text("Too few strict Tier-I mocks")).to_have_count(0)
    expect(page.locator("#predicted-score")).to_contain_text("From your last 2 strict Tier-I mocks")
    expect(page.get_by_role("button", name=re.compile(r"^Review today \(\d+\)$"))).to_be_visible()
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()

    first.get_by_role("button", name=re.compile(r"^Drill Quant topic \d")).click()

    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    expect(page.get_by_text("Topic test — Quantitative Aptitude").first).to_be_visible()
