"""An instructor schedules a live mock for one batch and assigns it; a member sees it, starts it and is marked done;
a candidate outside the batch never sees it."""

from __future__ import annotations

import random
import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.pages import sign_in
from tests.factories import make_bank, make_user
from tests.institute.conftest import frozen_paper, typed
from trainer.batches import service as batches
from trainer.core.clock import utcnow
from trainer.extensions import db

pytestmark = pytest.mark.browser


def world(app) -> dict[str, str]:
    """A bank, an instructor with a frozen paper and their batch (Asha in it), and Ravi in no batch."""
    with app.app_context():
        make_bank(db.session, per_section=40)
        staff = make_user(db.session, role="instructor", name="Ms Rao")
        frozen_paper(db.session, staff, "Batch paper")
        batch = batches.create_batch(db.session, staff, "Morning CGL", "", None, utcnow(), random.Random())
        asha, ravi = make_user(db.session, name="Asha Verma"), make_user(db.session, name="Ravi Kumar")
        batches.join(db.session, asha, batch, utcnow())
        db.session.commit()
        return {"staff": staff.email, "member": asha.email, "outsider": ravi.email}


def schedule_for_the_batch(page: Page, base: str) -> None:
    now = utcnow()
    page.goto(f"{base}/institute/live-mocks")
    page.get_by_label("Title").fill("Batch live mock")
    page.get_by_label("Window opens (IST)").fill(typed(now - timedelta(minutes=1)))
    page.get_by_label("Window closes (IST)").fill(typed(now + timedelta(hours=1)))
    page.get_by_label("Results released (IST)").fill(typed(now + timedelta(hours=3)))
    page.get_by_label("Batch paper (tier1-2025)").check()
    page.get_by_label("Only the batches ticked below").check()
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("Tick at least one batch, or offer it to all candidates.")).to_be_visible()
    page.get_by_label("Batch paper (tier1-2025)").check()
    page.get_by_label("Morning CGL").check()
    page.get_by_role("button", name="Schedule").click()
    expect(page.locator("#offered-to")).to_have_text("Morning CGL")


def assign_it(page: Page, base: str) -> None:
    page.goto(f"{base}/batches")
    page.get_by_role("link", name="Morning CGL").click()
    page.get_by_label("A live mock", exact=True).check()
    page.get_by_label("Live mock (for a live mock)").select_option(index=1)
    page.get_by_label("Due on").fill((utcnow() + timedelta(days=1)).date().isoformat())
    page.get_by_role("button", name="Assign to Morning CGL").click()
    expect(page.get_by_text("Assigned “Batch live mock”")).to_be_visible()
    expect(page.locator("#assignments-done thead")).to_contain_text("0 of 1 done")


def test_a_live_mock_for_a_batch_is_seen_and_taken_by_its_members_only(app, live_server, page: Page, browser: Browser):
    people = world(app)
    sign_in(page, live_server, people["staff"])
    schedule_for_the_batch(page, live_server)
    assign_it(page, live_server)

    outsider = browser.new_context().new_page()
    sign_in(outsider, live_server, people["outsider"])
    outsider.goto(f"{live_server}/tests")
    expect(outsider.get_by_role("heading", name="Full mocks", exact=True)).to_be_visible()
    expect(outsider.get_by_text("Batch live mock")).to_have_count(0)

    member = browser.new_context().new_page()
    sign_in(member, live_server, people["member"])
    member.goto(f"{live_server}/tests")
    expect(member.locator("#assignments-mine tbody tr")).to_contain_text("Batch live mock")
    results = Axe().run(member)
    assert results.violations_count == 0, results.generate_report()
    member.get_by_role("button", name="Start live mock: Batch live mock").click()
    expect(member).to_have_url(re.compile(r"/attempts/\d+$"))
    member.locator(".question:not([hidden]) input[type=radio]").first.check()
    member.get_by_role("button", name="Save & Next").click()
    member.get_by_role("button", name="Submit").click()
    member.get_by_role("dialog").get_by_role("button", name="Yes, submit").click()
    expect(member.get_by_role("heading", name="Your answers are in")).to_be_visible()
    member.goto(f"{live_server}/tests")
    expect(member.locator("#assignments-mine tbody tr")).to_contain_text("✓ Done")

    page.reload()
    expect(page.locator("#assignments-done thead")).to_contain_text("1 of 1 done")
