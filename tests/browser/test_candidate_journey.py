"""A candidate registers, takes a Tier-I mock in Chromium, submits, and checks the score and the progress page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.factories import load_bundled_bank
from trainer.exam.models import Attempt
from trainer.extensions import db

pytestmark = pytest.mark.browser


def visible_question(page: Page):
    return page.locator(".question:not([hidden])")


def choose(page: Page, shown: int) -> None:
    visible_question(page).locator("input[type=radio]").nth(shown).check()


def register(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/register")
    page.get_by_label("Full name").fill("Asha Verma")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill("a good long password")
    page.get_by_label("Repeat password").fill("a good long password")
    page.get_by_label("Category").select_option("OBC")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Your account is ready: sign in with your e-mail and password.")).to_be_visible()
    page.get_by_label("E-mail").fill(email)  # registering does not sign in (it must not reveal taken e-mails)
    page.get_by_label("Password").fill("a good long password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Tests", exact=True)).to_be_visible()


def test_register_take_mock_submit_and_see_score_and_progress(app, live_server, page: Page):
    with app.app_context():
        load_bundled_bank(db.session)
        db.session.commit()
    register(page, live_server, "asha@example.com")

    page.get_by_role("link", name="Start mock: SSC CGL Tier-I (2025 pattern)").click()
    page.get_by_role("button", name="I am ready to begin").click()
    expect(page.get_by_text("Please tick the declaration to begin.")).to_be_visible()
    page.get_by_label("I have read and understood the instructions", exact=False).check()
    page.get_by_role("button", name="I am ready to begin").click()
    expect(page.locator("#timer")).to_have_text(__import__("re").compile(r"00:59:\d\d|01:00:00"))

    saved: dict[int, int] = {}  # position -> shown option that must be evaluated
    choose(page, 0)
    page.get_by_role("button", name="Save & Next").click()  # Q1 answered
    saved[0] = 0
    choose(page, 1)
    page.get_by_role("button", name="Mark for Review & Next").click()  # Q2 answered & marked: evaluated
    saved[1] = 1
    page.get_by_role("button", name="Mark for Review & Next").click()  # Q3 marked, no answer: not evaluated
    choose(page, 3)  # Q4: chosen but never saved...
    page.locator(".pal[data-position='5']").click()  # ...then left through the palette: discarded
    choose(page, 2)
    page.get_by_role("button", name="Save & Next").click()  # Q6 answered
    saved[5] = 2
    page.get_by_role("button", name="Quantitative Aptitude").click()
    quant_first = int(visible_question(page).get_attribute("data-position"))
    choose(page, 3)
    page.get_by_role("button", name="Save & Next").click()
    saved[quant_first] = 3

    palette = page.locator(".pal[data-position='1']")
    page.get_by_role("button", name="General Intelligence & Reasoning").click()
    expect(palette).to_have_class(__import__("re").compile("answered_marked"))
    expect(page.locator(".pal[data-position='2']")).to_have_class(__import__("re").compile(r"\bmarked\b"))
    expect(page.locator(".pal[data-position='3']")).to_have_class(__import__("re").compile("not_answered"))

    page.get_by_role("button", name="Submit").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Answered & Marked for Review")
    dialog.get_by_role("button", name="Yes, submit").click()
    expect(page.get_by_role("heading", name="Your result", exact=False)).to_be_visible()

    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        expected = 0.0
        topics = set()
        for position, shown in saved.items():
            slot = attempt.slots[position]
            right = slot.option_order[shown] == slot.version.answer
            expected += 2 if right else -0.5
            topics.add(slot.version.topic.name)
    expect(page.locator("#total-score")).to_have_text(f"{expected:.2f}")
    expect(page.locator("#section-scores")).to_contain_text("General Intelligence & Reasoning")

    page.get_by_role("link", name="See your progress by topic").click()
    table = page.locator("#topic-progress")
    for topic in topics:
        expect(table).to_contain_text(topic)
    expect(page.locator("#score-history")).to_contain_text(f"{expected:.2f}")
