"""A candidate reports a wrong key from the result page; an instructor corrects it as a new version and resolves
the report with a regrade; the candidate sees the notice and the new score."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.pages import sign_in
from tests.factories import make_user
from tests.reports.conftest import make_sitting
from trainer.extensions import db

pytestmark = pytest.mark.browser
LETTERS = "ABCD"


def test_a_reported_wrong_key_is_fixed_regraded_and_the_candidate_told(app, live_server, page: Page, browser: Browser):
    with app.app_context():
        s = make_sitting(db.session)
        staff = make_user(db.session, role="instructor").email
        world = {"a": s.a.email, "uid": s.question.uid, "attempt": s.attempt_a.id, "position": s.position,
                 "new_key": LETTERS[s.b_answer], "old_key": LETTERS[s.question.versions[0].answer]}  # fmt: skip
        db.session.commit()

    # The candidate reports the question from their result page.
    sign_in(page, live_server, world["a"])
    page.goto(f"{live_server}/attempts/{world['attempt']}/result")
    expect(page.locator("#total-score")).to_have_text("50.00")
    sections = page.get_by_role("navigation", name="Sections of the review")
    sections.get_by_role("link", name="Quantitative Aptitude").click()  # the question is A's first quant one
    box = page.locator(f"#report-{world['position']}")
    box.get_by_role("link", name="Report a problem with this question").click()
    page.get_by_label("What is wrong?").select_option(label="The answer key is wrong")
    page.get_by_label("Details (optional)").fill(f"The right answer is {world['new_key']}.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("Thank you: your report was sent to the instructors.")).to_be_visible()
    expect(page.locator(f"#report-{world['position']} .report-status")).to_have_text(
        "Your report: The answer key is wrong (open)"
    )

    # The instructor reads the queue, corrects the key as a new version, and resolves with a regrade.
    staff_page = browser.new_context().new_page()
    sign_in(staff_page, live_server, staff)
    staff_page.goto(f"{live_server}/authoring/questions")
    staff_page.get_by_role("link", name="Problem reports").click()
    entry = staff_page.locator(f"#queue-{world['uid']}")
    expect(entry).to_contain_text("The answer key is wrong: 1")
    expect(entry).to_contain_text(f"The right answer is {world['new_key']}.")
    assert Axe().run(staff_page).violations_count == 0

    staff_page.goto(f"{live_server}/authoring/questions/{world['uid']}/edit")
    staff_page.get_by_label("Correct option").select_option(world["new_key"])
    staff_page.get_by_label(re.compile("Change note")).fill("Key corrected after a candidate's report.")
    staff_page.get_by_role("button", name="Save as a new version").click()
    if staff_page.locator("#save_anyway").count():  # the synthetic bank's questions look alike
        staff_page.locator("#save_anyway").check()
        staff_page.get_by_role("button", name="Save as a new version").click()
    expect(staff_page.get_by_text("Saved as version 2.")).to_be_visible()
    expect(staff_page.locator("#question-open-reports")).to_contain_text("1 open problem report(s)")

    staff_page.get_by_role("link", name="Read and resolve them").click()
    expect(staff_page.locator("#pending-regrade")).to_contain_text("2 graded attempt(s)")
    assert Axe().run(staff_page).violations_count == 0
    staff_page.get_by_label("Fixed by the newest version").check()
    staff_page.get_by_role("textbox", name="Note").fill("The key was wrong; thank you.")
    expect(staff_page.get_by_label(re.compile("Regrade every graded attempt"))).to_be_checked()
    staff_page.get_by_role("button", name="Resolve every open report").click()
    expect(staff_page.get_by_text("2 attempt(s) regraded, 2 score(s) changed.")).to_be_visible()
    expect(staff_page.locator("#queue-total")).to_have_text(
        "0 question(s) with open reports, most recently reported first."
    )

    # The candidate sees the notice and the new score.
    page.reload()
    expect(page.locator("#total-score")).to_have_text("47.50")
    expect(page.locator(".regrade-notice")).to_have_text(re.compile(
        rf"was regraded on \d\d \w{{3}} \d{{4}}: key corrected from {world['old_key']} to {world['new_key']}; "
        r"your score changed from 50\.00 to 47\.50\."
    ))  # fmt: skip
    expect(page.locator(f"#report-{world['position']} .report-status")).to_contain_text("(resolved)")


def test_a_practice_answer_is_reported_from_its_feedback_in_a_new_tab(app, live_server, page: Page):
    from sqlalchemy import select

    from tests.browser.test_exam_screen import choose, shown_keys
    from tests.factories import make_bank
    from trainer.exam.models import Attempt

    with app.app_context():
        make_bank(db.session)
        email = make_user(db.session).email
        db.session.commit()
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/tests/tier1-2025?mode=practice")
    page.get_by_label("I have read and understood the instructions", exact=False).check()
    page.get_by_role("button", name="I am ready to begin").click()
    with app.app_context():
        attempt_id = db.session.scalars(select(Attempt.id)).one()
    choose(page, shown_keys(app, attempt_id)[0])
    page.get_by_role("button", name="Check answer").click()

    with page.context.expect_page() as opened:
        page.locator("#q0 .feedback").get_by_role("link", name="Report a problem with this question").click()
    report = opened.value
    expect(report.get_by_role("heading", name="Report a problem with question 1")).to_be_visible()
    assert Axe().run(report).violations_count == 0
    report.get_by_label("What is wrong?").select_option(label="Typo or formatting mistake")
    report.get_by_label("Details (optional)").fill("A double space after the question mark.")
    report.get_by_role("button", name="Send the report").click()
    expect(report.locator("#report-status")).to_contain_text("open")
    expect(page.get_by_role("button", name="Next question")).to_be_visible()  # the test goes on in its own tab
