"""No answer is ever lost: offline, a reload while the server cannot be reached, two tabs, resuming, submitting."""

from __future__ import annotations

import random
import re
import time
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from tests.browser.pages import sign_in
from tests.factories import make_bank, make_user
from trainer.core.clock import utcnow
from trainer.exam import service
from trainer.exam.models import Attempt, Step
from trainer.exam.paper import start_attempt
from trainer.exam.patterns import Part, Pattern, SectionRule
from trainer.exam.screen import shown_choice
from trainer.extensions import db

pytestmark = pytest.mark.browser

SECTIONS = ("reasoning", "quant")
PER_SECTION = 4


def short_paper(minutes: int) -> Pattern:
    """Two sections of four questions on one timer of `minutes`."""
    return Pattern(
        code="test-short",
        name="Short test paper",
        description="Eight questions for the browser tests.",
        paper="tier1",
        sections=(
            SectionRule("reasoning", "General Intelligence & Reasoning", "reasoning", PER_SECTION, 2.0, 0.5),
            SectionRule("quant", "Quantitative Aptitude", "quant", PER_SECTION, 2.0, 0.5),
        ),
        parts=(Part("paper", "Whole paper", minutes, SECTIONS),),
    )


def begin(app, minutes: int = 60, started_ago: timedelta = timedelta(0)) -> tuple[str, int]:
    """A candidate with an attempt at the short paper, started `started_ago`; returns (e-mail, attempt id)."""
    with app.app_context():
        make_bank(db.session, per_section=6, sections=SECTIONS, topics_per_section=2)
        user = make_user(db.session)
        attempt = start_attempt(db.session, user, short_paper(minutes), utcnow() - started_ago, random.Random(7))
        db.session.commit()
        return user.email, attempt.id


def open_exam(page: Page, base: str, attempt_id: int) -> None:
    """Open the exam screen and wait until the server holds everything the page has recorded so far."""
    page.goto(f"{base}/attempts/{attempt_id}")
    expect(page.locator("#timer")).to_have_text(re.compile(r"\d\d:\d\d:\d\d"))
    wait_journal_empty(page, attempt_id)


def wait_journal_empty(page: Page, attempt_id: int) -> None:
    page.wait_for_function("key => (localStorage.getItem(key) || '[]') === '[]'", arg=f"aso-journal-{attempt_id}")


def visible_question(page: Page):
    return page.locator(".question:not([hidden])")


def current_position(page: Page) -> int:
    return int(visible_question(page).get_attribute("data-position"))


def save_and_next(page: Page, shown: int) -> int:
    """Choose the option shown at `shown` on the visible question and press Save & Next; returns its position."""
    position = current_position(page)
    visible_question(page).locator("input[type=radio]").nth(shown).check()
    page.get_by_role("button", name="Save & Next").click()
    expect(visible_question(page)).not_to_have_attribute("data-position", str(position))
    return position


def go_to(page: Page, position: int) -> None:
    """Open a question through its section tab (the palette shows one section) and its palette button."""
    button = page.locator(f".pal[data-position='{position}']")
    if button.is_hidden():
        page.locator(f".tab[data-section='{button.get_attribute('data-section')}']").click()
    button.click()
    expect(visible_question(page)).to_have_attribute("data-position", str(position))


def saved_mark(page: Page, position: int):
    return page.locator(f"#q{position} .saved-mark")


def expect_saved(page: Page, position: int) -> None:
    """The "saved" mark of a question is switched on (it may sit on a question not on screen)."""
    expect(saved_mark(page, position)).not_to_have_attribute("hidden", "", timeout=15_000)


def expect_shows(page: Page, position: int, shown: int) -> None:
    """The question's palette button says answered and, on screen, its saved option is ticked."""
    go_to(page, position)
    expect(page.locator(f".pal[data-position='{position}']")).to_have_class(re.compile(r"\banswered\b"))
    expect(visible_question(page).locator("input[type=radio]").nth(shown)).to_be_checked()


def server_answers(app, attempt_id: int) -> dict[int, int]:
    """The answers the server holds, as {position: option as shown}."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        states = service.slot_states(db.session, attempt)
        return {
            slot.position: shown_choice(slot, state.answer)
            for slot, state in zip(attempt.slots, states)
            if state.answer is not None
        }


def wait_for_server(page: Page, app, attempt_id: int, expected: dict[int, int], timeout: float = 15) -> None:
    """Poll the database until it holds exactly `expected` (the page keeps running meanwhile)."""
    held = None
    for _ in range(int(timeout * 5)):
        held = server_answers(app, attempt_id)
        if held == expected:
            return
        page.wait_for_timeout(200)
    assert held == expected


def attempt_row(app, attempt_id: int) -> Attempt:
    with app.app_context():
        return db.session.get(Attempt, attempt_id)


def move_deadline(app, attempt_id: int, deadline: datetime) -> datetime:
    """Let the server's time run out (or nearly) without waiting: move the whole attempt back in time."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        shift = attempt.deadline - deadline
        attempt.started_at -= shift
        attempt.deadline -= shift
        db.session.commit()
        return attempt.deadline


def step_counts(app, attempt_id: int) -> dict[str, int]:
    """How many times each client step id is stored."""
    with app.app_context():
        rows = db.session.execute(
            select(Step.client_id, func.count()).where(Step.attempt_id == attempt_id).group_by(Step.client_id)
        )
        return dict(rows.all())


def submit_through_dialog(page: Page) -> None:
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, submit").click()


def expect_result_page(page: Page) -> None:
    expect(page.get_by_role("heading", name="Your result", exact=False)).to_be_visible(timeout=20_000)


def test_answers_given_offline_are_kept_and_reach_the_server_when_the_connection_returns(app, live_server, page: Page):
    email, attempt_id = begin(app)
    sign_in(page, live_server, email)
    open_exam(page, live_server, attempt_id)

    page.context.set_offline(True)
    answered = {}
    for shown in (1, 2, 3):
        answered[save_and_next(page, shown)] = shown
    banner = page.locator("#offline-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Offline — answers kept on this device")
    for position in answered:
        expect(saved_mark(page, position)).to_have_attribute("hidden", "")
        expect(page.locator(f".pal[data-position='{position}']")).to_have_class(re.compile(r"\banswered\b"))
    assert server_answers(app, attempt_id) == {}

    page.context.set_offline(False)
    expect(banner).to_be_hidden(timeout=15_000)
    for position in answered:
        expect_saved(page, position)
    wait_for_server(page, app, attempt_id, answered)


def test_a_reload_while_the_server_is_unreachable_keeps_the_answers_in_the_local_journal(app, live_server, page: Page):
    email, attempt_id = begin(app)
    sign_in(page, live_server, email)
    open_exam(page, live_server, attempt_id)

    page.route("**/steps", lambda route: route.abort())
    answered = {save_and_next(page, 2): 2}
    answered[save_and_next(page, 0)] = 0
    expect(page.locator("#offline-banner")).to_be_visible()

    page.reload()  # the steps endpoint is still unreachable
    expect(page.locator("#timer")).to_have_text(re.compile(r"\d\d:\d\d:\d\d"))
    for position, shown in answered.items():
        expect_shows(page, position, shown)
    expect(page.locator("#offline-banner")).to_be_visible()
    assert server_answers(app, attempt_id) == {}

    page.unroute("**/steps")
    for position in answered:
        expect_saved(page, position)
    expect(page.locator("#offline-banner")).to_be_hidden()
    wait_for_server(page, app, attempt_id, answered)
    wait_journal_empty(page, attempt_id)


def test_a_slow_answer_then_a_dropped_connection_keep_the_palette_of_the_question_on_screen(
    app, live_server, page: Page
):
    email, attempt_id = begin(app)
    sign_in(page, live_server, email)
    open_exam(page, live_server, attempt_id)
    requests = []

    def slow_then_down(route):  # the save gets through slowly; the connection then drops
        requests.append(route.request)
        if len(requests) == 1:
            time.sleep(0.7)
            route.continue_()
        else:
            route.abort()

    page.route("**/steps", slow_then_down)
    save_and_next(page, 1)
    expect_saved(page, 0)  # the server's answer to the save came back...
    expect(page.locator("#offline-banner")).to_be_visible()  # ...and the next batch failed
    on_screen = page.locator(".pal[data-position='1']")  # on screen, so Not Answered, though the server has not heard
    expect(on_screen).to_have_class(re.compile(r"\bnot_answered\b.*\bcurrent\b"))
    page.unroute("**/steps")
    wait_journal_empty(page, attempt_id)
    expect(on_screen).to_have_class(re.compile(r"\bnot_answered\b.*\bcurrent\b"))


def test_two_tabs_answering_in_turn_leave_the_last_saved_choice_and_store_each_step_once(app, live_server, page: Page):
    email, attempt_id = begin(app)
    sign_in(page, live_server, email)
    tab_a = page
    tab_b = page.context.new_page()
    open_exam(tab_a, live_server, attempt_id)
    open_exam(tab_b, live_server, attempt_id)

    turns = [  # (tab, position, option as shown): the same question and different ones, in turn
        (tab_a, 0, 0),
        (tab_b, 0, 1),
        (tab_a, 1, 2),
        (tab_b, 2, 3),
        (tab_a, 2, 1),
        (tab_b, 1, 0),
        (tab_a, 5, 3),
        (tab_b, 0, 2),
    ]
    expected: dict[int, int] = {}
    for tab, position, shown in turns:
        tab.bring_to_front()  # the candidate switches to the tab
        go_to(tab, position)
        assert save_and_next(tab, shown) == position
        expect_saved(tab, position)
        expected[position] = shown

    wait_for_server(tab_a, app, attempt_id, expected)
    counts = step_counts(app, attempt_id)
    assert all(count == 1 for count in counts.values()), counts
    with app.app_context():
        saves = db.session.scalar(
            select(func.count()).select_from(Step).where(Step.attempt_id == attempt_id, Step.kind == "save")
        )
    assert saves == len(turns)

    # Tab A, once it has heard from the server again, shows tab B's later answers too.
    tab_a.bring_to_front()
    go_to(tab_a, 3)
    wait_journal_empty(tab_a, attempt_id)
    for position, shown in expected.items():
        expect_shows(tab_a, position, shown)


def test_closing_the_page_and_coming_back_resumes_the_same_paper_answers_and_clock(app, live_server, page: Page):
    email, attempt_id = begin(app, minutes=60, started_ago=timedelta(minutes=7))
    sign_in(page, live_server, email)
    open_exam(page, live_server, attempt_id)
    answered = {save_and_next(page, 3): 3}
    answered[save_and_next(page, 1)] = 1
    page.get_by_role("button", name="Quantitative Aptitude").click()
    answered[save_and_next(page, 2)] = 2
    for position in answered:
        expect_saved(page, position)
    paper = page.locator(".question .stem.lang-en").all_inner_texts()
    context = page.context
    page.close()

    again = context.new_page()
    open_exam(again, live_server, attempt_id)
    assert again.locator(".question .stem.lang-en").all_inner_texts() == paper
    deadline = attempt_row(app, attempt_id).deadline
    hours, minutes, seconds = map(int, again.locator("#timer").inner_text().split(":"))
    left = (deadline - utcnow()).total_seconds()
    assert abs(hours * 3600 + minutes * 60 + seconds - left) <= 3, (again.locator("#timer").inner_text(), left)
    assert left < 53 * 60 + 5  # the clock went on from the start, it did not begin again
    for position, shown in answered.items():
        expect_shows(again, position, shown)
    assert server_answers(app, attempt_id) == answered


def test_submitting_twice_lands_on_the_result_and_changes_nothing(app, live_server, page: Page):
    email, attempt_id = begin(app)
    sign_in(page, live_server, email)
    other_tab = page.context.new_page()
    open_exam(other_tab, live_server, attempt_id)
    page.bring_to_front()
    open_exam(page, live_server, attempt_id)
    answered = {save_and_next(page, 1): 1}
    expect_saved(page, 0)

    submit_through_dialog(page)
    expect_result_page(page)
    first = attempt_row(app, attempt_id)
    assert first.state == service.SUBMITTED
    score = page.locator("#total-score").inner_text()

    # The same test still open in another tab: its Submit lands on the result and says nothing changed.
    other_tab.bring_to_front()
    submit_through_dialog(other_tab)
    expect_result_page(other_tab)
    expect(other_tab.get_by_text("already been submitted; nothing was changed")).to_be_visible()
    expect(other_tab.locator("#total-score")).to_have_text(score)

    # Back from the result: the old exam screen notices the test is over and goes to the result again.
    page.bring_to_front()
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/attempts/{attempt_id}/result$"))
    expect_result_page(page)

    # The submit form posted once more, and twice at the same moment (a double click): still the result page.
    statuses = page.evaluate(
        """async (url) => {
            const token = document.querySelector('meta[name="csrf-token"]').content;
            const post = () => fetch(url, {method: "POST", body: new URLSearchParams({csrf_token: token})});
            const once = await post();
            const both = await Promise.all([post(), post()]);
            return [once, ...both].map((r) => r.status + " " + new URL(r.url).pathname);
        }""",
        f"{live_server}/attempts/{attempt_id}/submit",
    )
    assert statuses == [f"200 /attempts/{attempt_id}/result"] * 3

    page.reload()
    expect_result_page(page)
    expect(page.locator("#total-score")).to_have_text(score)
    after = attempt_row(app, attempt_id)
    assert (after.state, after.finished_at, after.score) == (first.state, first.finished_at, first.score)
    assert server_answers(app, attempt_id) == answered
    assert step_counts(app, attempt_id)[f"submit-{attempt_id}"] == 1


def test_an_answer_still_in_flight_when_the_time_runs_out_is_counted_and_the_page_lands_on_the_result(
    app, live_server, page: Page
):
    email, attempt_id = begin(app, minutes=1, started_ago=timedelta(seconds=45))
    sign_in(page, live_server, email)
    open_exam(page, live_server, attempt_id)
    answered = {save_and_next(page, 0): 0}
    expect_saved(page, 0)

    page.route("**/steps", lambda route: route.abort())  # the last answer cannot get through before the end
    answered[save_and_next(page, 3)] = 3
    expect(page.locator("#offline-banner")).to_be_visible()
    deadline = attempt_row(app, attempt_id).deadline
    page.wait_for_timeout(max(0.0, (deadline - utcnow()).total_seconds() + 1) * 1000)
    expect(page.locator("#timer")).to_have_text("00:00:00")
    page.unroute("**/steps")  # back within the grace for saves in flight

    expect_result_page(page)
    finished = attempt_row(app, attempt_id)
    assert finished.state == service.EXPIRED  # submitted by the page because the time ran out
    assert finished.finished_at == deadline
    assert server_answers(app, attempt_id) == answered

    page.go_back()  # the old exam screen notices the test is over and goes to the result again
    expect(page).to_have_url(re.compile(rf"/attempts/{attempt_id}/result$"))
    expect_result_page(page)
    assert attempt_row(app, attempt_id).state == service.EXPIRED


def test_a_reload_just_after_the_deadline_still_sends_the_answers_kept_on_the_device(app, live_server, page: Page):
    email, attempt_id = begin(app)
    sign_in(page, live_server, email)
    open_exam(page, live_server, attempt_id)
    page.route("**/steps", lambda route: route.abort())
    answered = {save_and_next(page, 1): 1}
    expect(page.locator("#offline-banner")).to_be_visible()
    deadline = move_deadline(app, attempt_id, utcnow() - timedelta(seconds=2))  # within the grace for saves

    page.unroute("**/steps")
    page.reload()  # the screen opens, sends the journal, and submits because the time is over
    expect_result_page(page)
    finished = attempt_row(app, attempt_id)
    assert (finished.state, finished.finished_at) == (service.EXPIRED, deadline)
    assert server_answers(app, attempt_id) == answered


def test_submit_after_the_server_time_ran_out_lands_on_the_result(app, live_server, page: Page):
    """A page whose clock fell behind (a sleeping laptop): the server's deadline decides, and nothing breaks."""
    email, attempt_id = begin(app)
    sign_in(page, live_server, email)
    open_exam(page, live_server, attempt_id)
    answered = {save_and_next(page, 2): 2}
    expect_saved(page, 0)
    wait_journal_empty(page, attempt_id)
    deadline = move_deadline(app, attempt_id, utcnow() - timedelta(minutes=1))  # the page still shows time left

    submit_through_dialog(page)
    expect_result_page(page)
    expect(page.get_by_text("The time was already over", exact=False)).to_be_visible()
    expect(page.get_by_text("submitted automatically when the time ran out")).to_be_visible()
    finished = attempt_row(app, attempt_id)
    assert (finished.state, finished.finished_at) == (service.EXPIRED, deadline)
    assert server_answers(app, attempt_id) == answered
