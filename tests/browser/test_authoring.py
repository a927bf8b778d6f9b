"""An instructor writes a question in Chromium: English and Hindi, live preview, draft, publish, edit, diff."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import sign_in
from tests.factories import make_topic, make_user
from trainer.extensions import db

pytestmark = pytest.mark.browser

ENGLISH = {
    "stem": "What is $\\frac{1}{4}$ of 200?",
    "option_a": "25",
    "option_b": "40",
    "option_c": "50",
    "option_d": "75",
    "explanation": "$\\frac{200}{4} = 50$.",
    "source": "Written for the trainer",
}
HINDI = {
    "hindi_stem": "200 का $\\frac{1}{4}$ कितना है?",
    "hindi_option_a": "25",
    "hindi_option_b": "40",
    "hindi_option_c": "50",
    "hindi_option_d": "75",
    "hindi_explanation": "$\\frac{200}{4} = 50$।",
}


@pytest.fixture
def instructor(app):
    with app.app_context():
        make_topic(db.session, "quant", "fractions", name="Fractions")
        make_user(db.session, email="teacher@example.com", role="instructor", name="Meera Rao")
        db.session.commit()


def fill(page: Page, values: dict[str, str]) -> None:
    for name, text in values.items():
        page.locator(f'[name="{name}"]').fill(text)


def test_an_instructor_writes_publishes_edits_and_compares_a_question(live_server, page: Page, instructor):
    sign_in(page, live_server, "teacher@example.com")
    page.goto(f"{live_server}/authoring/questions")
    page.get_by_role("link", name="New question").click()

    page.locator('[name="topic"]').select_option("quant/fractions")
    fill(page, ENGLISH)
    page.locator('[name="answer"]').select_option("C")
    expect(page.locator("#preview-stem math")).to_be_visible()  # the live preview renders the maths as MathML
    expect(page.locator("#preview-option_c")).to_have_text("50")
    page.get_by_text("Hindi text (optional").click()
    fill(page, HINDI)
    page.get_by_role("button", name="Save as a draft").click()

    expect(page.get_by_text("Saved quant-fractions-web-0001 as a draft (version 1).")).to_be_visible()
    expect(page.locator("#status")).to_have_text("draft")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("quant-fractions-web-0001 is now published.")).to_be_visible()
    expect(page.locator("#status")).to_have_text("published")

    page.get_by_role("link", name="Edit (creates a new version)").click()
    expect(page.locator('[name="hindi_stem"]')).to_have_value(HINDI["hindi_stem"])
    fill(
        page,
        {"stem": "What is $\\frac{1}{5}$ of 200?", "hindi_stem": "200 का $\\frac{1}{5}$ कितना है?"},
    )
    page.locator('[name="option_c"]').fill("45")
    page.locator('[name="hindi_option_c"]').fill("45")
    page.locator('[name="answer"]').select_option("B")
    page.locator('[name="explanation"]').fill("$\\frac{200}{5} = 40$.")
    page.locator('[name="hindi_explanation"]').fill("$\\frac{200}{5} = 40$।")
    page.locator('[name="change_note"]').fill("A fifth, not a quarter")
    page.get_by_role("button", name="Save as a new version").click()

    expect(page.get_by_text("Saved as version 2.")).to_be_visible()
    expect(page.locator("#versions")).to_contain_text("A fifth, not a quarter")
    expect(page.locator("#versions")).to_contain_text("Meera Rao")
    page.get_by_role("link", name="changes from version 1").click()

    table = page.locator("#diff")
    expect(table.get_by_role("row", name="Correct option")).to_contain_text("[-C-]{+B+}")
    expect(table.locator("del").first).to_have_text("[-$\\frac{1}{4}$-]")
    expect(table.locator("ins").first).to_have_text("{+$\\frac{1}{5}$+}")
    expect(table.get_by_role("row", name="Question (Hindi)")).to_be_visible()
    expect(page.locator("#unchanged")).to_contain_text("Option A")
