"""In Chromium: an instructor writes a passage group in English and Hindi with the live preview, saves it as a
draft and publishes it; another imports a GIFT file through the web, mapping its category, reads the dry run and
commits. axe finds nothing to fix on the editor, the mapping step and the dry run."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.authoring.writing_factories import GIFT, make_group
from tests.browser.pages import sign_in
from tests.factories import make_user
from trainer.bank.models import Question
from trainer.bank.service import sync_taxonomy
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.config import PROJECT_ROOT
from trainer.extensions import db

pytestmark = pytest.mark.browser

TABLE = "|---|---|\n| P | 120 |\n| Q | 80 |\n| R | $\\frac{1}{2} \\times 200$ |"
PASSAGE = f"The table gives the sales of 3 shops.\n\n| Shop | Sales |\n{TABLE}"
HINDI_PASSAGE = f"तालिका 3 दुकानों की बिक्री देती है।\n\n| दुकान | बिक्री |\n{TABLE}"
QUESTIONS = [
    {"stem": "Which shop sold the most?", "option_a": "P", "option_b": "Q", "option_c": "R", "option_d": "All equal",
     "explanation": "P sold 120, more than 100 and 80.", "answer": "A",
     "hindi_stem": "किस दुकान ने सबसे अधिक बेचा?", "hindi_option_a": "P", "hindi_option_b": "Q", "hindi_option_c": "R",
     "hindi_option_d": "सभी बराबर", "hindi_explanation": "P ने 120 बेचा, जो 100 और 80 से अधिक है।"},
    {"stem": "What were the total sales?", "option_a": "280", "option_b": "300", "option_c": "320", "option_d": "340",
     "explanation": "120 + 80 + 100 = 300.", "answer": "B",
     "hindi_stem": "कुल बिक्री कितनी थी?", "hindi_option_a": "280", "hindi_option_b": "300", "hindi_option_c": "320",
     "hindi_option_d": "340", "hindi_explanation": "120 + 80 + 100 = 300।"},
]  # fmt: skip


@pytest.fixture
def instructor(app) -> str:
    with app.app_context():
        sync_taxonomy(db.session, load_taxonomy(find_taxonomy(PROJECT_ROOT / "question_bank")))
        email = make_user(db.session, role="instructor", name="Meera Rao").email
        db.session.commit()
    return email


def no_violations(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_an_instructor_writes_a_group_in_english_and_hindi_and_publishes_it(app, live_server, page: Page, instructor):
    sign_in(page, live_server, instructor)
    page.goto(f"{live_server}/authoring/questions")
    page.get_by_role("link", name="New passage group").click()

    page.locator('[name="topic"]').select_option("quant/data-interpretation")
    page.locator('[name="source"]').fill("Written for the trainer")
    page.locator('[name="passage"]').fill(PASSAGE)
    expect(page.locator("#preview-passage table")).to_be_visible()  # the preview renders as candidates see it
    expect(page.locator("#preview-passage math")).to_be_visible()
    page.get_by_text("Shared text in Hindi").click()
    page.locator('[name="hindi_passage"]').fill(HINDI_PASSAGE)
    for n, question in enumerate(QUESTIONS):
        page.get_by_text(f"Question {n + 1} in Hindi").click()
        for name, value in question.items():
            field = page.locator(f'[name="members-{n}-{name}"]')
            field.select_option(value) if name == "answer" else field.fill(value)
    expect(page.locator("#preview-members-1-option_b")).to_have_text("300")
    page.get_by_text("Preview in Hindi").click()
    expect(page.locator("#preview-members-0-hindi_stem")).to_have_text("किस दुकान ने सबसे अधिक बेचा?")
    no_violations(page)
    page.get_by_role("button", name="Save the group as a draft").click()

    expect(page.get_by_text("as a draft with 2 questions (version 1)")).to_be_visible()
    expect(page.locator("#status")).to_have_text("draft")
    expect(page.locator("#group-passage table")).to_be_visible()
    expect(page.locator("#versions")).to_contain_text("Meera Rao")
    page.get_by_role("button", name="Publish").click()

    expect(page.get_by_text("and its questions are now published.")).to_be_visible()
    expect(page.locator("#status")).to_have_text("published")
    with app.app_context():
        questions = db.session.scalars(select(Question).order_by(Question.uid)).all()
        assert [(q.status, q.versions[-1].hindi["stem"]) for q in questions] == [
            ("published", QUESTIONS[0]["hindi_stem"]),
            ("published", QUESTIONS[1]["hindi_stem"]),
        ]
        assert {q.versions[-1].group_version.hindi_passage for q in questions} == {HINDI_PASSAGE}
    page.get_by_role("link", name="quant-data-interpretation-web-0002").click()
    expect(page.locator("#group-link")).to_contain_text("quant-data-interpretation-group-web-0001")


def test_an_instructor_imports_a_gift_file_mapping_its_category(app, live_server, page: Page, instructor, tmp_path):
    gift = tmp_path / "percentages.gift"
    gift.write_text(GIFT, encoding="utf-8")
    sign_in(page, live_server, instructor)
    page.goto(f"{live_server}/authoring/questions")
    page.get_by_role("link", name="Import").click()
    expect(page.get_by_role("link", name="download the CSV template")).to_be_visible()

    page.locator('[name="file"]').set_input_files(str(gift))
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_role("heading", name="Map categories of percentages.gift")).to_be_visible()
    no_violations(page)
    page.get_by_label("Maths Year 1/Percentages").select_option("quant/percentage")
    page.get_by_role("button", name="Save the mapping and see the dry run").click()

    expect(page.get_by_role("heading", name="Dry run of percentages.gift")).to_be_visible()
    expect(page.locator("#import-summary")).to_contain_text("1 new, 0 changed, 0 unchanged, 0 conflict, 0 error")
    expect(page.locator("#dry-run tbody tr")).to_have_text(["percentages.gift:3 pct-1 new"], use_inner_text=True)
    no_violations(page)
    with app.app_context():
        assert db.session.scalars(select(Question)).all() == []
    page.get_by_role("button", name="Commit the import (all or nothing)").click()

    expect(page.get_by_text("Imported percentages.gift: 1 new question(s)")).to_be_visible()
    expect(page.locator("#bank-table")).to_contain_text("pct-1")


def test_an_instructor_removes_a_question_from_a_group_after_confirming(app, live_server, page: Page, instructor):
    with app.app_context():
        group = make_group(db.session, members=3)
        db.session.commit()
        uid, removed = group.uid, sorted(db.session.scalars(select(Question.uid)))[1]
    sign_in(page, live_server, instructor)
    page.goto(f"{live_server}/authoring/groups/{uid}")
    page.locator(f'li:has(a:text-is("{removed}")) >> role=link[name="Remove from the group"]').click()

    expect(page.get_by_label(removed, exact=False)).to_be_checked()  # the question chosen on the group's page
    no_violations(page)
    page.get_by_role("button", name="Yes, remove it from the group").click()

    expect(page.locator(".flash")).to_contain_text(f"Removed {removed} from {uid} (version 2)")
    expect(page.locator("ol.members > li")).to_have_count(2)
    page.goto(f"{live_server}/authoring/questions/{removed}")
    expect(page.locator("#status")).to_have_text("draft")
    expect(page.locator("#group-link")).to_have_count(0)
