"""An instructor makes a batch and sets a drill; a candidate joins by the link and does it; the dashboard shows it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.pages import sign_in
from tests.factories import make_user
from tests.progress.mocks import make_weighted_bank
from trainer.core.clock import utcnow
from trainer.extensions import db

pytestmark = pytest.mark.browser


def no_violations(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def accounts(app) -> tuple[str, str]:
    with app.app_context():
        make_weighted_bank(db.session)
        instructor = make_user(db.session, role="instructor", name="Ms Rao").email
        candidate = make_user(db.session, name="Asha Verma").email
        db.session.commit()
    return instructor, candidate


def create_batch_and_assign_a_drill(page: Page, base: str) -> str:
    """The instructor's clicks; returns the invite link shown on the dashboard."""
    page.get_by_role("link", name="Batches").click()
    page.get_by_role("link", name="New batch").click()
    page.get_by_label("Name").fill("Morning CGL")
    page.get_by_role("button", name="Create batch").click()
    expect(page.get_by_text("Batch “Morning CGL” created.")).to_be_visible()
    link = page.locator("#invite-link").inner_text()
    page.get_by_label("A topic drill").check()
    page.get_by_label("Topic (for a drill)").select_option(
        label="Quantitative Aptitude / Mathematical Abilities — Quant topic 0"
    )
    page.get_by_label("Due on").fill((utcnow() + timedelta(days=3)).date().isoformat())
    page.get_by_role("button", name="Assign to Morning CGL").click()
    expect(page.get_by_text("Assigned “Drill: Quant topic 0”")).to_be_visible()
    expect(page.locator("#assignments-done thead")).to_contain_text("0 of 0 done")  # nobody in the batch yet
    return link


def join_and_do_the_drill(page: Page, base: str, link: str) -> None:
    page.goto(link)
    page.get_by_role("button", name="Join Morning CGL").click()
    expect(page.get_by_text("You joined Morning CGL.")).to_be_visible()
    expect(page.get_by_role("button", name="Leave Morning CGL")).to_be_visible()
    no_violations(page)  # the member's view of the batch
    page.get_by_role("link", name="Tests", exact=True).click()
    row = page.locator("#assignments-mine tbody tr")
    expect(row).to_contain_text("Drill: Quant topic 0")
    expect(row).to_contain_text("Not done")
    row.get_by_role("button", name="Start Drill: Quant topic 0").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    for _ in range(3):
        page.locator(".question:not([hidden]) input[type=radio]").first.check()
        page.get_by_role("button", name="Check answer").click()
        page.get_by_role("button", name="Next question").click()
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, submit").click()
    expect(page.get_by_role("heading", name="Your result", exact=False)).to_be_visible()
    page.get_by_role("link", name="Tests", exact=True).click()
    expect(page.locator("#assignments-mine tbody tr")).to_contain_text("✓ Done")
    no_violations(page)  # the tests page with its assignments


def test_a_batch_from_invite_link_to_heat_map_and_done_mark(app, live_server, page: Page, browser: Browser):
    instructor, candidate = accounts(app)
    sign_in(page, live_server, instructor)
    link = create_batch_and_assign_a_drill(page, live_server)
    assert re.fullmatch(rf"{re.escape(live_server)}/join/[0-9A-Z]{{12}}", link)

    candidate_page = browser.new_context().new_page()
    sign_in(candidate_page, live_server, candidate)
    join_and_do_the_drill(candidate_page, live_server, link)

    page.reload()
    heat_row = page.locator("#heatmap-table tbody tr", has_text="Asha Verma")
    expect(heat_row).to_have_count(1)
    expect(heat_row.locator("td.heat-few").first).to_have_text(re.compile(r"^\d+%\*$"))  # 3 answers: an estimate
    expect(page.locator("#assignments-done tbody tr", has_text="Asha Verma")).to_contain_text("✓ Done")
    expect(page.locator("#assignments-done thead")).to_contain_text("1 of 1 done")
    expect(page.locator("#behind-members")).to_contain_text("Asha Verma: No strict mock taken yet.")
    no_violations(page)

    page.get_by_role("link", name="Asha Verma").first.click()
    expect(page.get_by_role("heading", name="Asha Verma: progress")).to_be_visible()
    expect(page.locator("#topic-progress")).to_contain_text("Quant topic 0")
