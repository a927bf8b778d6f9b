"""In Chromium: the result page shows the score summary, then the review of one section at a time; every question
is a link away (section tabs, next and previous, the lost-marks links, all sections at once), by keyboard, for a
screen reader, and without JavaScript."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.pages import sign_in
from tests.factories import make_bank, make_user
from tests.results.sitting import by_section, sit
from trainer.extensions import db

pytestmark = pytest.mark.browser


@pytest.fixture
def graded(app) -> tuple[str, int]:
    """A graded Tier-I mock: reasoning right, awareness wrong, the rest blank; (e-mail, attempt id)."""
    with app.app_context():
        make_bank(db.session)
        me = make_user(db.session)
        attempt = sit(db.session, me, by_section(reasoning="R", awareness="W"))
        db.session.commit()
        return me.email, attempt.id


def tabs(page: Page):
    return page.get_by_role("navigation", name="Sections of the review")


def reviewed(page: Page):
    """The names of the sections the review shows."""
    return page.get_by_role("region", name="Questions and solutions").get_by_role("heading", level=3)


def test_the_summary_comes_first_then_one_section_with_links_to_every_other(app, live_server, page: Page, graded):
    email, attempt_id = graded
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/attempts/{attempt_id}/result")

    expect(page.locator("#total-score")).to_be_in_viewport()
    expect(page.locator("article.review")).to_have_count(25)
    expect(reviewed(page)).to_have_text(["General Intelligence & Reasoning"])
    expect(tabs(page).locator("[aria-current=page]")).to_have_text("General Intelligence & Reasoning")
    expect(page.locator("article.review.right")).to_have_count(25)

    # A wrong answer listed under "Where the marks went" opens on its section's review, at the question.
    page.locator("[data-lost=awareness] .lost-wrong a").first.click()
    expect(page).to_have_url(re.compile(r"\?section=awareness#q-awareness-1$"))
    question = page.locator("article.review", has=page.locator("#q-awareness-1"))
    expect(question.locator("#q-awareness-1")).to_be_in_viewport()
    expect(question.get_by_text("your answer")).to_be_visible()
    expect(question.get_by_text("correct answer")).to_be_visible()
    expect(tabs(page).locator("[aria-current=page]")).to_have_text("General Awareness")
    assert Axe().run(page).violations_count == 0

    # By keyboard: the next section, then every section on one page.
    page.get_by_role("link", name="Next section: Quantitative Aptitude").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?section=quant#review$"))
    expect(page.locator("article.review.blank")).to_have_count(25)
    expect(page.get_by_role("link", name="Previous section: General Awareness")).to_be_visible()
    tabs(page).get_by_role("link", name="All sections on one page").focus()
    page.keyboard.press("Enter")
    expect(page.locator("article.review")).to_have_count(100)
    names = ["General Intelligence & Reasoning", "General Awareness", "Quantitative Aptitude", "English Comprehension"]
    expect(reviewed(page)).to_have_text(names)


def test_the_review_and_reporting_work_without_javascript(app, live_server, browser: Browser, graded):
    email, attempt_id = graded
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/attempts/{attempt_id}/result")
    tabs(page).get_by_role("link", name="English Comprehension").click()
    expect(page.locator("article.review")).to_have_count(25)
    expect(reviewed(page)).to_have_text(["English Comprehension"])

    page.locator("article.review").first.get_by_role("link", name="Report a problem with this question").click()
    page.get_by_label("What is wrong?").select_option(label="Typo or formatting mistake")
    page.get_by_role("button", name="Send the report").click()
    expect(page).to_have_url(re.compile(r"\?section=english#report-\d+$"))
    expect(page.get_by_text("Thank you: your report was sent to the instructors.")).to_be_visible()
    expect(page.locator("article.review").first.locator(".report-status")).to_have_text(
        "Your report: Typo or formatting mistake (open)"
    )
    context.close()
