"""Accounts in Chromium: a saved cookie dies with sign-out; an admin disables an account and issues a reset link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.pages import sign_in
from tests.factories import make_user
from trainer.extensions import db

pytestmark = pytest.mark.browser
NEW_PASSWORD = "mango orchard by the river"


@pytest.fixture
def accounts(app):
    with app.app_context():
        make_user(db.session, email="asha@example.com", name="Asha Verma")
        make_user(db.session, email="boss@example.com", name="Chief", role="admin")
        db.session.commit()


def test_a_cookie_copied_before_sign_out_opens_nothing_after(live_server, page: Page, browser: Browser, accounts):
    sign_in(page, live_server, "asha@example.com")
    saved = page.context.cookies()
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()

    thief = browser.new_context()
    thief.add_cookies(saved)
    stolen = thief.new_page()
    stolen.goto(f"{live_server}/tests")
    expect(stolen.get_by_role("heading", name="Sign in")).to_be_visible()
    thief.close()


def test_an_admin_disables_an_account_and_gives_a_reset_link(live_server, page: Page, browser: Browser, accounts):
    candidate = browser.new_context().new_page()
    sign_in(candidate, live_server, "asha@example.com")
    sign_in(page, live_server, "boss@example.com")

    page.get_by_role("link", name="Users").click()
    page.get_by_label("E-mail or name").fill("asha")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Disable asha@example.com").click()
    expect(page.get_by_text("asha@example.com is disabled and signed out everywhere.")).to_be_visible()
    candidate.goto(f"{live_server}/tests")
    expect(candidate.get_by_role("heading", name="Sign in")).to_be_visible()

    page.get_by_role("button", name="Enable asha@example.com").click()
    page.get_by_role("button", name="Reset link for asha@example.com").click()
    link = page.get_by_label("Link").input_value()
    candidate.goto(link)
    candidate.get_by_label("New password").fill(NEW_PASSWORD)
    candidate.get_by_label("Repeat password").fill(NEW_PASSWORD)
    candidate.get_by_role("button", name="Set password").click()
    expect(candidate.get_by_text("Your new password is set. Sign in with it.")).to_be_visible()
    candidate.get_by_label("E-mail").fill("asha@example.com")
    candidate.get_by_label("Password").fill(NEW_PASSWORD)
    candidate.get_by_role("button", name="Sign in").click()
    expect(candidate.get_by_role("button", name=re.compile("Sign out"))).to_be_visible()
    candidate.goto(link)
    expect(candidate.get_by_text("This reset link was already used.")).to_be_visible()
