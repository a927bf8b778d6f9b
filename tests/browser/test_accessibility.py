"""axe finds nothing to fix on the pages of a test, and the exam page is light and self-contained."""

from __future__ import annotations

import random
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.pages import sign_in
from tests.factories import make_bank, make_user
from tests.results.sitting import by_section, sit
from trainer.core.clock import utcnow
from trainer.exam import paper
from trainer.exam.patterns import get_pattern
from trainer.extensions import db
from trainer.results.cutoffs import load_bundled_if_empty

pytestmark = pytest.mark.browser

PAGE_BUDGET = 100 * 1024  # bytes over the wire: HTML + CSS + JS of the exam page, images excluded
IMAGE = re.compile(r"\.(png|jpe?g|gif|svg|webp|avif|ico)(\?|$)")
axe = Axe()


def no_violations(page: Page) -> None:
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def full_tier1(app) -> tuple[str, int]:
    """A candidate with a full Tier-I paper (100 questions from a synthetic bank) started; (e-mail, attempt id)."""
    with app.app_context():
        make_bank(db.session)
        user = make_user(db.session)
        attempt = paper.start_attempt(db.session, user, get_pattern("tier1-2025"), utcnow(), random.Random(3))
        db.session.commit()
        return user.email, attempt.id


def test_the_instructions_page_has_no_violations(app, live_server, page: Page):
    with app.app_context():
        email = make_user(db.session).email
        db.session.commit()
    sign_in(page, live_server, email)

    page.goto(f"{live_server}/tests/tier1-2025")
    expect(page.get_by_role("button", name="I am ready to begin")).to_be_visible()
    no_violations(page)

    page.get_by_role("button", name="I am ready to begin").click()  # the declaration's error shown
    expect(page.get_by_text("Please tick the declaration to begin.")).to_be_visible()
    no_violations(page)


def test_the_exam_page_the_submit_confirmation_and_the_result_have_no_violations(app, live_server, page: Page):
    email, attempt_id = full_tier1(app)
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/attempts/{attempt_id}")
    question = page.locator(".question:not([hidden])")
    # Every palette state on screen: answered, answered & marked, marked, not answered, not visited.
    question.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Save & Next").click()
    question.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Mark for Review & Next").click()
    page.get_by_role("button", name="Mark for Review & Next").click()
    expect(page.locator("#palette-grid .pal.answered_marked")).to_have_count(1)
    no_violations(page)

    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#confirm-submit")).to_be_visible()
    no_violations(page)

    page.locator("#confirm-yes").click()
    expect(page.get_by_role("heading", name=re.compile("Your result"))).to_be_visible()
    no_violations(page)


def test_the_exam_page_loads_nothing_from_elsewhere_and_weighs_at_most_100_kb(app, live_server, browser: Browser):
    email, attempt_id = full_tier1(app)
    signing_in = browser.new_context()
    sign_in(signing_in.new_page(), live_server, email)
    cookies = signing_in.storage_state()
    signing_in.close()

    fresh = browser.new_context(storage_state=cookies)  # an empty cache: everything comes over the wire
    page = fresh.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(f"{live_server}/attempts/{attempt_id}", wait_until="load")
        expect(page.locator(".question:not([hidden])")).to_have_count(1)
        entries = page.evaluate(
            """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                .map(e => ({name: e.name, type: e.initiatorType, size: e.transferSize}))"""
        )
        assert page.locator(".question").count() == 100
    finally:
        fresh.close()

    ours = urlsplit(live_server).netloc
    urls = requested + [e["name"] for e in entries]
    elsewhere = [url for url in urls if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != ours]
    assert elsewhere == []
    loaded = [e for e in entries if e["type"] not in ("img", "image") and not IMAGE.search(e["name"])]
    assert {e["type"] for e in loaded} >= {"navigation", "link", "script"}  # the HTML, the CSS and the JS
    assert all(e["size"] > 0 for e in loaded), loaded  # nothing came from a cache
    weight = sum(e["size"] for e in loaded)
    assert weight <= PAGE_BUDGET, f"{weight} bytes: {loaded}"


def test_the_result_with_rank_cutoffs_and_lost_marks_and_the_cutoff_admin_page_have_no_violations(
    app, live_server, page: Page
):
    with app.app_context():
        make_bank(db.session)
        load_bundled_if_empty(db.session)
        for n, plan in enumerate("RW-"):  # others to be ranked against
            sit(db.session, make_user(db.session), by_section(quant=plan, english="R"), seed=n)
        me = make_user(db.session)
        mine = sit(db.session, me, by_section(reasoning="R", awareness="W", quant="R"), seconds=lambda s: 4)
        admin = make_user(db.session, role="admin")
        db.session.commit()
        email, attempt_id, admin_email = me.email, mine.id, admin.email
    sign_in(page, live_server, email)

    page.goto(f"{live_server}/attempts/{attempt_id}/result")
    expect(page.locator("#rank-line")).to_contain_text("out of 4 candidates")
    expect(page.locator("#cutoff-lines tbody tr")).to_have_count(5)
    expect(page.locator(".lost-guesses")).to_have_count(1)
    no_violations(page)

    page.get_by_role("button", name=re.compile("Sign out")).click()
    sign_in(page, live_server, admin_email)
    page.goto(f"{live_server}/admin/cutoffs")
    expect(page.locator("#cutoffs-table tbody tr")).to_have_count(21)
    page.get_by_role("button", name="Add").click()  # empty: the form's errors shown
    expect(page.get_by_text("Please correct the fields marked below.")).to_be_visible()
    no_violations(page)
