"""Each rule of the real computer-based test screen, checked in Chromium against a live server."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.pages import sign_in
from tests.factories import make_bank, make_question, make_topic, make_user
from trainer.auth.models import User
from trainer.core.clock import utcnow
from trainer.exam import paper, service
from trainer.exam.models import Attempt
from trainer.exam.patterns import Part, Pattern, SectionRule
from trainer.exam.screen import shown_choice
from trainer.extensions import db

pytestmark = pytest.mark.browser

NAMES = {"reasoning": "General Intelligence & Reasoning", "quant": "Quantitative Aptitude"}
GREEN = "rgb(30, 125, 60)"  # --pal-a, the "Answered" colour


# ---- set-up ----


def small_pattern(per_section: int = 3, locked: bool = False) -> Pattern:
    """Reasoning then Quant, `per_section` questions each: one 60-minute part, or two 1-minute parts that lock."""
    sections = tuple(SectionRule(key, name, key, per_section, 2.0, 0.5) for key, name in NAMES.items())
    if locked:
        parts = tuple(Part(key, name, 1, (key,)) for key, name in NAMES.items())
    else:
        parts = (Part("paper", "Whole paper", 60, tuple(NAMES)),)
    return Pattern("test-small", "Small test", "", "tier1", sections, parts)


def candidate(app, per_section: int = 3) -> str:
    """A synthetic bank of Reasoning and Quant questions and a candidate; returns the candidate's e-mail."""
    with app.app_context():
        make_bank(db.session, per_section=per_section, sections=tuple(NAMES), topics_per_section=1)
        email = make_user(db.session).email
        db.session.commit()
    return email


def begin(app, email: str, pattern: Pattern, started: datetime | None = None) -> int:
    """Start an attempt for the candidate directly (optionally as if begun at `started`); returns its id."""
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == email)).one()
        attempt = paper.start_attempt(db.session, user, pattern, started or utcnow(), random.Random(7))
        db.session.commit()
        return attempt.id


def open_attempt(app, live_server: str, page: Page) -> int:
    """A signed-in candidate on the first question of a fresh small paper (3 Reasoning + 3 Quant); its id."""
    email = candidate(app)
    attempt_id = begin(app, email, small_pattern())
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/attempts/{attempt_id}")
    expect(visible_question(page)).to_have_attribute("data-position", "0")
    return attempt_id


# ---- the page ----


def visible_question(page: Page):
    return page.locator(".question:not([hidden])")


def choose(page: Page, shown: int) -> None:
    visible_question(page).locator("input[type=radio]").nth(shown).check()


def pal(page: Page, position: int):
    return page.locator(f".pal[data-position='{position}']")


def state_class(state: str):
    return re.compile(rf"(^|\s){state}(\s|$)")


def synced(page: Page, attempt_id: int) -> None:
    """Wait until the server has acknowledged every step the page recorded (the local journal is empty)."""
    page.wait_for_function(
        "id => (localStorage.getItem('aso-journal-' + id) || '[]') === '[]'", arg=attempt_id, timeout=10_000
    )


# ---- the server ----


def server_view(app, attempt_id: int) -> list[tuple[int | None, str]]:
    """Per position: the saved answer as shown on the page (None: nothing saved) and the palette state."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        states = service.slot_states(db.session, attempt)
        return [(shown_choice(slot, s.answer), s.palette.value) for slot, s in zip(attempt.slots, states)]


def shown_keys(app, attempt_id: int) -> list[int]:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        return [shown_choice(slot, slot.version.answer) for slot in attempt.slots]


def stems(app, attempt_id: int) -> list[str]:
    with app.app_context():
        return [slot.version.stem for slot in db.session.get(Attempt, attempt_id).slots]


# ---- the rules ----


def test_choosing_an_option_does_not_save_it(app, live_server, page: Page):
    attempt_id = open_attempt(app, live_server, page)

    choose(page, 2)
    synced(page, attempt_id)
    page.reload()

    expect(visible_question(page)).to_have_attribute("data-position", "0")
    expect(visible_question(page).locator("input:checked")).to_have_count(0)
    expect(pal(page, 0)).to_have_class(state_class("not_answered"))
    expect(pal(page, 0)).to_have_attribute("aria-label", "Question 1: Not Answered")
    assert server_view(app, attempt_id)[0] == (None, "not_answered")


def test_save_mark_and_clear_set_the_palette_and_the_saved_answer(app, live_server, page: Page):
    attempt_id = open_attempt(app, live_server, page)

    choose(page, 1)
    page.get_by_role("button", name="Save & Next").click()
    expect(visible_question(page)).to_have_attribute("data-position", "1")
    expect(pal(page, 0)).to_have_class(state_class("answered"))
    expect(pal(page, 0)).to_have_css("background-color", GREEN)

    choose(page, 2)
    page.get_by_role("button", name="Mark for Review & Next").click()
    expect(visible_question(page)).to_have_attribute("data-position", "2")
    expect(pal(page, 1)).to_have_class(state_class("answered_marked"))

    page.get_by_role("button", name="Mark for Review & Next").click()  # nothing chosen
    expect(pal(page, 2)).to_have_class(state_class("marked"))
    synced(page, attempt_id)
    assert server_view(app, attempt_id)[:3] == [(1, "answered"), (2, "answered_marked"), (None, "marked")]

    page.get_by_role("button", name=NAMES["reasoning"]).click()  # back to question 1, its answer shown
    expect(visible_question(page).locator("input:checked")).to_have_value("1")
    expect(visible_question(page).locator(".saved-mark")).to_be_visible()
    page.get_by_role("button", name="Clear Response").click()
    expect(visible_question(page).locator("input:checked")).to_have_count(0)
    expect(pal(page, 0)).to_have_class(state_class("not_answered"))
    synced(page, attempt_id)
    assert server_view(app, attempt_id)[0] == (None, "not_answered")


def test_leaving_through_the_palette_discards_an_unsaved_choice(app, live_server, page: Page):
    attempt_id = open_attempt(app, live_server, page)

    choose(page, 3)
    pal(page, 1).click()
    expect(visible_question(page)).to_have_attribute("data-position", "1")
    pal(page, 0).click()

    expect(visible_question(page).locator("input:checked")).to_have_count(0)
    expect(pal(page, 0)).to_have_class(state_class("not_answered"))
    synced(page, attempt_id)
    assert server_view(app, attempt_id)[0] == (None, "not_answered")


def test_save_and_next_on_a_sections_last_question_opens_the_next_section(app, live_server, page: Page):
    attempt_id = open_attempt(app, live_server, page)
    reasoning_tab = page.locator(".tab[data-section='reasoning']")
    quant_tab = page.locator(".tab[data-section='quant']")
    expect(reasoning_tab).to_have_attribute("aria-pressed", "true")

    pal(page, 2).click()
    choose(page, 0)
    page.get_by_role("button", name="Save & Next").click()

    expect(visible_question(page)).to_have_attribute("data-position", "3")
    expect(visible_question(page)).to_have_attribute("data-section", "quant")
    expect(visible_question(page).get_by_role("heading")).to_contain_text("Question 1")
    expect(quant_tab).to_have_attribute("aria-pressed", "true")
    expect(reasoning_tab).to_have_attribute("aria-pressed", "false")
    synced(page, attempt_id)
    assert server_view(app, attempt_id)[2] == (0, "answered")


def test_timed_parts_lock_open_in_turn_and_the_last_one_submits_by_itself(app, live_server, page: Page):
    email = candidate(app)
    sign_in(page, live_server, email)
    grace = app.config["SAVE_GRACE_SECONDS"]
    # Begun 52 s ago: part 1 (Reasoning, 1 minute) closes in ~8 s, part 2 (Quant, 1 minute) ~60 s later.
    started = utcnow() - timedelta(seconds=52)
    attempt_id = begin(app, email, small_pattern(locked=True), started)
    first_closes = started + timedelta(minutes=1)
    page.goto(f"{live_server}/attempts/{attempt_id}")

    reasoning_tab = page.locator(".tab[data-section='reasoning']")
    quant_tab = page.locator(".tab[data-section='quant']")
    expect(quant_tab).to_be_disabled()
    expect(quant_tab).to_contain_text("(opens later)")
    choose(page, 1)
    page.get_by_role("button", name="Save & Next").click()  # saved in time: it must count
    synced(page, attempt_id)

    # Part 1 ends: the page moves to part 2 by itself and part 1 cannot be reopened.
    expect(visible_question(page)).to_have_attribute("data-section", "quant", timeout=20_000)
    expect(reasoning_tab).to_be_disabled()
    expect(reasoning_tab).to_contain_text("(closed)")
    expect(quant_tab).to_be_enabled()
    expect(page.locator("#part-name")).to_have_text(f"{NAMES['quant']}:")
    choose(page, 2)
    page.get_by_role("button", name="Save & Next").click()
    synced(page, attempt_id)

    # A save for a closed section's question, sent straight to the server after the grace period, is refused.
    wait = (first_closes + timedelta(seconds=grace + 1) - utcnow()).total_seconds()
    page.wait_for_timeout(max(0, wait) * 1000)
    body = page.evaluate(
        """async (url) => {
            const csrf = document.querySelector('meta[name="csrf-token"]').content;
            const response = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json",
                "X-CSRFToken": csrf}, body: JSON.stringify({steps: [{id: "late-1", kind: "save", position: 1,
                choice: 0}]})});
            return await response.json();
        }""",
        f"{live_server}/attempts/{attempt_id}/steps",
    )
    assert body["acked"] == [] and body["refused"] == {"late-1": "this section is closed"}

    # The last part ends: the page submits by itself and shows the result.
    with app.app_context():
        deadline = db.session.get(Attempt, attempt_id).deadline
    timeout = ((deadline - utcnow()).total_seconds() + 20) * 1000
    expect(page.get_by_role("heading", name=re.compile("Your result"))).to_be_visible(timeout=timeout)
    keys = shown_keys(app, attempt_id)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.state in (service.EXPIRED, service.SUBMITTED)
        assert attempt.finished_at == attempt.deadline
    view = server_view(app, attempt_id)
    assert view[0][0] == 1 and view[3][0] == 2 and view[1][0] is None
    expected = sum(2.0 if keys[p] == shown else -0.5 for p, shown in ((0, 1), (3, 2)))
    expect(page.locator("#total-score")).to_have_text(f"{expected:.2f}")


def test_the_submit_confirmation_counts_each_state_per_section(app, live_server, page: Page):
    attempt_id = open_attempt(app, live_server, page)

    choose(page, 0)
    page.get_by_role("button", name="Save & Next").click()
    choose(page, 1)
    page.get_by_role("button", name="Mark for Review & Next").click()
    page.get_by_role("button", name="Mark for Review & Next").click()  # lands on Quant's first question
    expect(visible_question(page)).to_have_attribute("data-position", "3")
    page.get_by_role("button", name="Submit").click()

    dialog = page.locator("#confirm-submit")
    expect(dialog).to_be_visible()
    expect(dialog.locator("thead th")).to_have_text(
        ["Section", "Not Visited", "Not Answered", "Answered", "Marked for Review", "Answered & Marked for Review"]
    )
    rows = dialog.locator("tbody tr")
    expect(rows.nth(0).locator("th")).to_have_text(NAMES["reasoning"])
    expect(rows.nth(0).locator("td")).to_have_text(["0", "0", "1", "1", "1"])
    expect(rows.nth(1).locator("th")).to_have_text(NAMES["quant"])
    expect(rows.nth(1).locator("td")).to_have_text(["2", "1", "0", "0", "0"])

    dialog.get_by_role("button", name="Go back to the test").click()  # nothing is submitted
    expect(dialog).to_be_hidden()
    synced(page, attempt_id)
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).state == service.IN_PROGRESS


def test_the_question_paper_lists_the_section_and_opens_a_question(app, live_server, page: Page):
    attempt_id = open_attempt(app, live_server, page)
    texts = stems(app, attempt_id)

    page.get_by_role("button", name="Question Paper").click()
    dialog = page.locator("#question-paper")
    expect(dialog).to_be_visible()
    expect(dialog.locator("li")).to_have_text(texts[:3])  # this section's questions, in order

    dialog.get_by_role("button", name=texts[2]).click()
    expect(dialog).to_be_hidden()
    expect(visible_question(page)).to_have_attribute("data-position", "2")
    expect(pal(page, 2)).to_have_attribute("aria-current", "true")


def test_the_language_switch_shows_hindi_where_a_question_has_it(app, live_server, page: Page):
    hindi = ("कौन सी संख्या सबसे छोटी है?", ("एक", "दो", "तीन", "चार"), "क्योंकि एक सबसे छोटी है।")
    with app.app_context():
        topic = make_topic(db.session, "reasoning", "reasoning-t0")
        make_question(db.session, topic, "bilingual", stem="Which number is the smallest?", hindi=hindi)
        make_question(db.session, topic, "english-only", stem="Which word is a verb?")
        email = make_user(db.session).email
        db.session.commit()
    rule = SectionRule("reasoning", NAMES["reasoning"], "reasoning", 2, 2, 0.5)
    pattern = Pattern("test-lang", "Language test", "", "tier1", (rule,), (Part("paper", "Paper", 60, ("reasoning",)),))
    attempt_id = begin(app, email, pattern)
    bilingual = stems(app, attempt_id).index("Which number is the smallest?")
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/attempts/{attempt_id}")

    page.locator("#language").select_option("hi")
    pal(page, bilingual).click()
    question = visible_question(page)
    expect(question.locator(".stem.lang-hi")).to_have_text(hindi[0])
    expect(question.locator(".stem.lang-en")).to_be_hidden()
    for option in question.locator(".option").all():
        expect(option.locator(".lang-hi")).to_be_visible()
        expect(option.locator(".lang-en")).to_be_hidden()

    pal(page, 1 - bilingual).click()  # no Hindi text: English stays
    expect(visible_question(page).locator(".stem.lang-en")).to_have_text("Which word is a verb?")
    expect(visible_question(page).locator(".option .lang-en").first).to_be_visible()

    page.locator("#language").select_option("en")
    pal(page, bilingual).click()
    expect(visible_question(page).locator(".stem.lang-en")).to_have_text("Which number is the smallest?")
    expect(visible_question(page).locator(".stem.lang-hi")).to_be_hidden()


def focus_is_outlined(page: Page) -> bool:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return el !== document.body && el.matches(':focus-visible') && style.outlineStyle !== 'none'
                && parseFloat(style.outlineWidth) >= 2;
        }"""
    )


def test_the_keyboard_chooses_saves_marks_clears_and_moves(app, live_server, page: Page):
    attempt_id = open_attempt(app, live_server, page)
    checked = visible_question(page).locator("input:checked")

    page.keyboard.press("3")
    expect(checked).to_have_value("2")
    assert focus_is_outlined(page)
    page.keyboard.press("b")
    expect(checked).to_have_value("1")
    page.keyboard.press("s")  # Save & Next
    expect(visible_question(page)).to_have_attribute("data-position", "1")
    expect(pal(page, 0)).to_have_class(state_class("answered"))

    page.keyboard.press("a")
    page.keyboard.press("m")  # Mark for Review & Next
    expect(visible_question(page)).to_have_attribute("data-position", "2")
    expect(pal(page, 1)).to_have_class(state_class("answered_marked"))

    page.keyboard.press("ArrowLeft")
    expect(visible_question(page)).to_have_attribute("data-position", "1")
    expect(visible_question(page).locator("input:checked")).to_have_value("0")
    page.keyboard.press("c")  # C is an option letter...
    expect(visible_question(page).locator("input:checked")).to_have_value("2")
    page.keyboard.press("Shift+C")  # ...so Clear Response is Shift+C: the mark stays, the answer goes
    expect(visible_question(page).locator("input:checked")).to_have_count(0)
    expect(pal(page, 1)).to_have_class(state_class("marked"))
    page.keyboard.press("ArrowRight")
    expect(visible_question(page)).to_have_attribute("data-position", "2")

    page.keyboard.press("Tab")
    assert focus_is_outlined(page)
    synced(page, attempt_id)
    assert server_view(app, attempt_id)[:3] == [(1, "answered"), (None, "marked"), (None, "not_answered")]


def test_practice_mode_checks_an_answer_and_shows_the_explanation(app, live_server, page: Page):
    with app.app_context():
        make_bank(db.session)
        email = make_user(db.session).email
        db.session.commit()
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/tests/tier1-2025?mode=practice")
    page.get_by_label("I have read and understood the instructions", exact=False).check()
    page.get_by_role("button", name="I am ready to begin").click()
    expect(page.get_by_role("button", name="Check answer")).to_be_visible()
    with app.app_context():
        attempt_id = db.session.scalars(select(Attempt.id)).one()
    keys = shown_keys(app, attempt_id)

    choose(page, keys[0])
    page.get_by_role("button", name="Check answer").click()
    feedback = page.locator("#q0 .feedback")
    expect(feedback).to_contain_text("Right.")
    expect(feedback).to_contain_text("Because one.")
    expect(visible_question(page).locator("input[type=radio]:disabled")).to_have_count(4)
    expect(page.get_by_role("button", name="Check answer")).to_be_disabled()

    page.get_by_role("button", name="Next question").click()
    wrong = (keys[1] + 1) % 4
    choose(page, wrong)
    page.get_by_role("button", name="Check answer").click()
    feedback = page.locator("#q1 .feedback")
    expect(feedback).to_contain_text(f"Wrong. The answer is {'ABCD'[keys[1]]}.")
    expect(feedback).to_contain_text("Because one.")
    expect(visible_question(page).locator("input:checked")).to_have_value(str(wrong))
    expect(visible_question(page).locator("input[type=radio]:disabled")).to_have_count(4)


def test_strict_mode_never_shows_an_explanation_before_submitting(app, live_server, page: Page):
    attempt_id = open_attempt(app, live_server, page)
    replies = []
    page.on("response", lambda response: replies.append(response) if response.url.endswith("/steps") else None)

    for shown in (0, 1, 2):
        choose(page, shown)
        page.get_by_role("button", name="Save & Next").click()
    synced(page, attempt_id)

    assert replies and all(reply.json()["feedback"] == [] for reply in replies)
    assert "Because one." not in page.content()
    expect(page.locator(".feedback:not([hidden])")).to_have_count(0)
    page.get_by_role("button", name="Submit").click()
    page.locator("#confirm-yes").click()
    expect(page.get_by_text("Because one.").first).to_be_visible()  # the result page explains every question


def test_on_a_phone_the_question_is_full_width_and_the_palette_is_a_sheet(app, live_server, page: Page):
    page.set_viewport_size({"width": 390, "height": 800})
    open_attempt(app, live_server, page)

    area = page.locator(".question-area").bounding_box()
    assert area["x"] == 0 and area["width"] == 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    palette = page.locator("#palette")
    toggle = page.get_by_role("button", name="Question palette")
    expect(palette).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")

    toggle.click()
    expect(palette).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    sheet = palette.bounding_box()
    assert sheet["x"] == 0 and sheet["width"] == 390
    assert abs(sheet["y"] + sheet["height"] - 800) <= 1  # anchored to the bottom of the screen

    pal(page, 2).click()  # choosing a question closes the sheet
    expect(palette).to_be_hidden()
    expect(visible_question(page)).to_have_attribute("data-position", "2")
