"""The DEST typing screen in a real browser: typing with known errors, the journal across reloads, the clock,
pasting, the space-bar stop, a touch-only device, and axe on every page of the typing test."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.pages import sign_in
from tests.browser.test_server_restart import server  # noqa: F401  (the fixture: the app in a process of its own)
from tests.factories import make_user
from trainer.core.clock import utcnow
from trainer.extensions import db
from trainer.skills import service
from trainer.skills.models import TypingAttempt
from trainer.skills.passages import library

pytestmark = pytest.mark.browser
axe = Axe()
WARMUP = "warmup-2-02"  # "Water is precious, and every drop saved today will be needed tomorrow. ..."


def no_violations(page: Page) -> None:
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def begin(app, passage: str = WARMUP, started_ago: timedelta = timedelta(0), **user) -> tuple[str, int]:
    with app.app_context():
        candidate = make_user(db.session, **user)
        attempt = service.start(db.session, candidate, library()[passage], utcnow() - started_ago)
        db.session.commit()
        return candidate.email, attempt.id


def figure(page: Page, name: str):
    """The value cell of a row of the result's figures."""
    return page.locator("#figures tr", has=page.get_by_role("rowheader", name=name, exact=True)).locator("td")


def server_text(app, typing_id: int) -> str:
    with app.app_context():
        return db.session.get(TypingAttempt, typing_id).text


def test_typing_a_passage_with_known_errors_reports_the_figures_worked_out_by_hand(app, live_server, page: Page):
    email, typing_id = begin(app, started_ago=timedelta(seconds=30))
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/typing/{typing_id}")
    passage = library()[WARMUP].text
    # Three errors: "precious" misspelt (full), "every" left out (full), "Close" typed "close" (half).
    typed = passage.replace("precious", "precius").replace("every drop", "drop").replace("Close", "close")
    assert typed.count(" ") == passage.count(" ") - 1

    box = page.get_by_label("Type the passage here")
    box.click()
    page.keyboard.type(typed)
    expect(page.locator("#count-words")).to_have_text(str(len(typed.split())))
    expect(page.locator("#saved-state")).to_have_text("saved")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#confirm-text")).to_contain_text(f"{len(typed.split())} of {len(passage.split())} words")
    page.get_by_role("button", name="Yes, submit").click()

    expect(page.locator("h1")).to_contain_text("Typing result")
    words = len(passage.split())  # 39
    expect(figure(page, "Key depressions typed")).to_have_text(f"{len(typed)} of {len(passage)}")
    expect(figure(page, "Full mistakes")).to_have_text("2")
    expect(figure(page, "Half mistakes")).to_have_text("1")
    expect(figure(page, "Error percentage")).to_contain_text(f"{100 * 2.5 / words:.2f}% = (2 + 1 ÷ 2) ÷ {words} words")
    marked = page.locator("#marked-passage")
    expect(marked).to_contain_text("precious, precius, [full: misspelt]")
    expect(marked).to_contain_text("every [full: omitted]")
    expect(marked).to_contain_text("Close close [half: case]")
    # 6.41% is within UR's 20%, and the typing reached the passage's last word: qualified.
    expect(page.locator("#verdict")).to_contain_text("Qualified")
    no_violations(page)


def test_text_typed_while_saves_fail_survives_a_reload_and_reaches_the_server(app, live_server, page: Page):
    email, typing_id = begin(app, started_ago=timedelta(seconds=20))
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/typing/{typing_id}")
    page.route("**/text", lambda route: route.abort())

    page.get_by_label("Type the passage here").click()
    page.keyboard.type("Water is precious, and")
    expect(page.locator("#offline-banner")).to_be_visible()
    assert server_text(app, typing_id) == ""

    page.reload()  # the server still cannot be reached: the text comes back from this device's journal
    expect(page.get_by_label("Type the passage here")).to_have_value("Water is precious, and")
    page.unroute("**/text")
    page.get_by_label("Type the passage here").press("End")
    page.keyboard.type(" every")
    expect(page.locator("#saved-state")).to_have_text("saved")
    assert server_text(app, typing_id) == "Water is precious, and every"

    page.reload()  # nothing pending: the server's copy is shown
    expect(page.get_by_label("Type the passage here")).to_have_value("Water is precious, and every")


def test_paste_is_refused_and_counted_and_the_space_bar_stops_at_the_word_count(app, live_server, page: Page):
    email, typing_id = begin(app, passage="warmup-2-01", started_ago=timedelta(seconds=40))
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/typing/{typing_id}")
    box = page.get_by_label("Type the passage here")
    passage = library()["warmup-2-01"].text

    box.evaluate(
        """box => { const data = new DataTransfer(); data.setData('text/plain', 'pasted words');
        box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})); }"""
    )
    expect(page.locator("#notice")).to_contain_text("Pasting is not allowed")
    expect(box).to_have_value("")

    box.click()
    page.keyboard.type(passage)
    page.keyboard.press("Space")
    page.keyboard.type("more")
    expect(page.locator("#notice")).to_contain_text("the space bar stops here")
    expect(box).to_have_value(passage + "more")  # no space: "more" joined the last word
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    expect(box).to_have_value(passage)
    expect(page.locator("#saved-state")).to_have_text("saved")

    page.get_by_role("button", name="Submit").click()
    page.get_by_role("button", name="Yes, submit").click()
    expect(figure(page, "Pastes refused")).to_have_text("1")
    expect(page.locator("#verdict")).to_contain_text("Qualified")


def test_the_clock_announces_five_minutes_left_and_submits_by_itself_at_zero(app, live_server, page: Page):
    email, typing_id = begin(app, passage="dest-001", started_ago=timedelta(minutes=10, seconds=-3))
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/typing/{typing_id}")
    expect(page.locator("#announce")).to_have_text("5 minutes left.", timeout=10_000)
    no_violations(page)

    with app.app_context():  # now let the time run out in a few seconds
        attempt = db.session.get(TypingAttempt, typing_id)
        attempt.deadline = utcnow() + timedelta(seconds=4)
        db.session.commit()
    page.reload()
    page.get_by_label("Type the passage here").click()
    page.keyboard.type("It is hereby notified")
    expect(page.locator("h1")).to_contain_text("Typing result", timeout=15_000)
    expect(figure(page, "Words typed")).to_contain_text("4 (the passage has")


def test_on_a_touch_only_device_only_the_warm_ups_are_offered_with_the_reason(app, live_server, browser: Browser):
    email, _typing_id = begin(app)
    context = browser.new_context(is_mobile=True, has_touch=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/typing")

    expect(page.locator("#no-keyboard")).to_be_visible()
    expect(page.locator("#no-keyboard")).to_contain_text("typed on a desktop computer's keyboard")
    expect(page.get_by_role("button", name="Start a test passage")).to_be_hidden()
    expect(page.get_by_role("button", name=re.compile("Warm up \\(2 minutes\\)")).first).to_be_visible()
    no_violations(page)
    context.close()


def test_the_list_and_progress_pages_have_no_violations(app, live_server, page: Page):
    email, typing_id = begin(app, started_ago=timedelta(minutes=1))
    with app.app_context():
        attempt = db.session.get(TypingAttempt, typing_id)
        attempt.text = "Water is precius, and drop"
        service.submit(db.session, attempt, utcnow(), 10, "UR")
        db.session.commit()
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/typing")
    no_violations(page)
    page.goto(f"{live_server}/typing/progress")
    expect(page.locator("#chart-speed")).to_be_visible()
    expect(page.locator("#error-words")).to_contain_text("precious")
    no_violations(page)
    page.goto(f"{live_server}/typing/shortcuts")
    no_violations(page)


def test_text_typed_while_the_server_restarts_reaches_it_when_it_is_back(app, server, page: Page):  # noqa: F811
    email, typing_id = begin(app, started_ago=timedelta(seconds=20))
    sign_in(page, server.url, email)
    page.goto(f"{server.url}/typing/{typing_id}")
    page.get_by_label("Type the passage here").click()
    page.keyboard.type("Water is precious,")
    expect(page.locator("#saved-state")).to_have_text("saved")

    server.stop()
    page.keyboard.type(" and every drop")
    expect(page.locator("#offline-banner")).to_be_visible()
    assert server_text(app, typing_id) == "Water is precious,"

    server.start()
    expect(page.locator("#offline-banner")).to_be_hidden(timeout=15_000)  # the page sends again by itself
    expect(page.locator("#saved-state")).to_have_text("saved")
    assert server_text(app, typing_id) == "Water is precious, and every drop"
