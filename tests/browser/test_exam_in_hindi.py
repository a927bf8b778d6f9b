"""A candidate who reads the site in Hindi takes a mock in Chromium: instructions, legend, buttons, the palette's
spoken states, the submit dialog and the timer's announcements are Hindi; the questions keep their own language."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import sign_in
from tests.browser.test_exam_screen import begin, candidate, choose, pal, small_pattern, visible_question
from tests.factories import make_bank, make_user
from trainer.core.clock import utcnow
from trainer.extensions import db

pytestmark = pytest.mark.browser


def hindi_candidate(page: Page, live_server: str, email: str) -> None:
    """Signed in, then the header's language switch: the account now reads the site in Hindi."""
    sign_in(page, live_server, email)
    page.get_by_role("button", name="हिन्दी").click()
    expect(page.locator("html")).to_have_attribute("lang", "hi")


def test_a_hindi_reader_takes_a_sectional_mock_and_submits_it(app, live_server, page: Page):
    with app.app_context():
        make_bank(db.session, per_section=25, sections=("quant",))
        email = make_user(db.session).email
        db.session.commit()
    hindi_candidate(page, live_server, email)

    page.goto(f"{live_server}/tests/tier1-2025:quant")
    expect(page.locator(".legend")).to_contain_text("उत्तर दिया और समीक्षा के लिए चिह्नित")
    expect(page.locator(".legend")).not_to_contain_text("Answered")
    page.get_by_role("button", name="मैं शुरू करने के लिए तैयार हूँ").click()
    expect(page.get_by_text("शुरू करने के लिए कृपया घोषणा पर सही का निशान लगाएँ।")).to_be_visible()
    page.get_by_label("मैंने निर्देश पढ़ और समझ लिए हैं", exact=False).check()
    page.get_by_role("button", name="मैं शुरू करने के लिए तैयार हूँ").click()

    expect(page.locator(".timer-box")).to_contain_text("शेष समय")
    expect(page.get_by_role("button", name="मात्रात्मक अभिक्षमता")).to_have_attribute("aria-pressed", "true")
    expect(visible_question(page).locator(".stem.lang-en")).to_be_visible()  # the questions stay as they are
    choose(page, 0)
    page.get_by_role("button", name="सेव करें और आगे बढ़ें").click()
    choose(page, 1)
    page.get_by_role("button", name="समीक्षा के लिए चिह्नित करें और आगे बढ़ें").click()
    expect(visible_question(page)).to_have_attribute("data-position", "2")
    # The script speaks Hindi too: the palette's labels and its counts; the numbers stay digits.
    expect(pal(page, 0)).to_have_attribute("aria-label", "प्रश्न 1: उत्तर दिया")
    expect(pal(page, 1)).to_have_attribute("aria-label", "प्रश्न 2: उत्तर दिया और समीक्षा के लिए चिह्नित")
    expect(pal(page, 1)).to_have_text("2")
    expect(page.locator("#palette-counts")).to_contain_text("22 नहीं देखा")
    page.get_by_role("button", name="उत्तर मिटाएँ").click()
    expect(pal(page, 2)).to_have_attribute("aria-label", "प्रश्न 3: उत्तर नहीं दिया")

    page.get_by_role("button", name="सबमिट करें").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("क्या टेस्ट सबमिट करें?")
    header = dialog.locator("#confirm-table thead th")
    expect(header).to_have_text(
        ["खंड", "नहीं देखा", "उत्तर नहीं दिया", "उत्तर दिया", "समीक्षा के लिए चिह्नित", "उत्तर दिया और समीक्षा के लिए चिह्नित"]
    )
    expect(dialog.locator("#confirm-table tbody th")).to_have_text("मात्रात्मक अभिक्षमता")
    expect(dialog.locator("#confirm-table tbody td")).to_have_text(["22", "1", "1", "0", "1"])
    dialog.get_by_role("button", name="टेस्ट पर वापस जाएँ").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="सबमिट करें").click()
    dialog.get_by_role("button", name="हाँ, सबमिट करें").click()

    expect(page).to_have_url(re.compile(r"/attempts/\d+/result$"))
    expect(page.locator("#total-score")).to_be_visible()


def test_the_timed_parts_locks_and_announcements_are_hindi(app, live_server, page: Page):
    email = candidate(app)
    hindi_candidate(page, live_server, email)
    # Begun 54 s ago: part 1 (Reasoning, 1 minute) closes in ~6 s and part 2 opens.
    attempt_id = begin(app, email, small_pattern(locked=True), utcnow() - timedelta(seconds=54))
    page.goto(f"{live_server}/attempts/{attempt_id}")

    reasoning_tab = page.locator(".tab[data-section='reasoning']")
    quant_tab = page.locator(".tab[data-section='quant']")
    expect(quant_tab).to_contain_text("(बाद में खुलेगा)")
    expect(visible_question(page)).to_have_attribute("data-section", "quant", timeout=20_000)
    expect(reasoning_tab).to_contain_text("(बंद)")
    # Part 2 opens with one minute on its clock: the screen reader hears both, in Hindi.
    expect(page.locator("#announce")).to_have_text(
        "सामान्य बुद्धिमत्ता एवं तर्कशक्ति बंद हो गया है। अब मात्रात्मक अभिक्षमता खुला है। मात्रात्मक अभिक्षमता में 1 मिनट शेष है।"
    )
    expect(page.locator("#part-name")).to_have_text("मात्रात्मक अभिक्षमता:")
