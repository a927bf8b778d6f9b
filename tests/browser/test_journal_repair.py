"""A journal the server cannot take as it is, and a page whose sign-in went stale, still deliver every answer."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import sign_in
from tests.browser.test_nothing_lost import (
    attempt_row,
    begin,
    expect_result_page,
    expect_saved,
    move_deadline,
    open_exam,
    save_and_next,
    server_answers,
    wait_for_server,
    wait_journal_empty,
)
from trainer.core.clock import utcnow
from trainer.exam import service

pytestmark = pytest.mark.browser


def sign_in_again_elsewhere(page: Page, base: str, email: str) -> None:
    """The session cookie is lost, and the candidate signs in again in another tab: the exam tab's token is stale."""
    page.context.clear_cookies()
    other = page.context.new_page()
    sign_in(other, base, email)
    other.close()


def test_malformed_steps_in_the_journal_are_dropped_and_the_valid_answers_around_them_arrive(
    app, live_server, page: Page
):
    email, attempt_id = begin(app)
    sign_in(page, live_server, email)
    open_exam(page, live_server, attempt_id)
    page.route("**/steps", lambda route: route.abort())
    answered = {save_and_next(page, 2): 2}
    # A journal spoiled by an older page or a browser extension: bad values, an over-long id, no id at all.
    bad = [
        {"id": "bad-choice", "kind": "save", "position": 1, "choice": "1"},
        {"id": "bad-time", "kind": "save", "position": 1, "choice": 1, "at": "0001-01-01T00:00:00+23:59"},
        {"id": "x" * 65, "kind": "save", "position": 1, "choice": 0},
        {"kind": "save", "position": 1, "choice": 0},
    ]
    page.evaluate(
        """([key, bad]) => {
            const journal = JSON.parse(localStorage.getItem(key));
            journal.splice(1, 0, ...JSON.parse(bad));
            localStorage.setItem(key, JSON.stringify(journal));
        }""",
        [f"aso-journal-{attempt_id}", json.dumps(bad)],
    )

    page.reload()  # the page starts from the spoiled journal
    page.unroute("**/steps")

    expect(page.locator("#notice")).to_contain_text("Not saved:")
    wait_journal_empty(page, attempt_id)
    answered[save_and_next(page, 3)] = 3
    expect_saved(page, 0)
    wait_for_server(page, app, attempt_id, answered)
    expect(page.locator("#offline-banner")).to_be_hidden()


def test_a_stale_token_mid_exam_is_renewed_and_every_answer_is_graded_at_the_deadline(app, live_server, page: Page):
    email, attempt_id = begin(app)
    sign_in(page, live_server, email)
    open_exam(page, live_server, attempt_id)
    answered = {save_and_next(page, 0): 0}

    sign_in_again_elsewhere(page, live_server, email)
    answered[save_and_next(page, 1)] = 1
    answered[save_and_next(page, 2)] = 2
    for position in answered:
        expect_saved(page, position)
    expect(page.locator("#offline-banner")).to_be_hidden()
    wait_for_server(page, app, attempt_id, answered)

    # The deadline comes with a stale token again: the page's own submit must still get through.
    deadline = move_deadline(app, attempt_id, utcnow() + timedelta(seconds=10))
    page.reload()
    expect(page.locator("#timer")).to_have_text(re.compile(r"00:00:\d\d"))
    sign_in_again_elsewhere(page, live_server, email)
    page.route("**/steps", lambda route: route.abort())  # the last answer waits in the journal until the end
    answered[save_and_next(page, 3)] = 3
    page.unroute("**/steps")

    expect_result_page(page)
    finished = attempt_row(app, attempt_id)
    assert finished.state == service.EXPIRED
    assert finished.finished_at == deadline
    assert server_answers(app, attempt_id) == answered


def test_signed_out_mid_exam_the_answers_wait_on_the_device_until_the_candidate_signs_in_again(
    app, live_server, page: Page
):
    email, attempt_id = begin(app)
    sign_in(page, live_server, email)
    open_exam(page, live_server, attempt_id)
    page.context.clear_cookies()

    answered = {save_and_next(page, 1): 1}
    dialog = page.get_by_role("dialog", name="You are signed out")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("link", name="Sign in (new tab)")).to_have_attribute("target", "_blank")
    assert server_answers(app, attempt_id) == {}

    other = page.context.new_page()
    sign_in(other, live_server, email)
    other.close()
    dialog.get_by_role("button", name="I have signed in again").click()

    expect(dialog).to_be_hidden()
    expect_saved(page, 0)
    wait_for_server(page, app, attempt_id, answered)
    answered[save_and_next(page, 2)] = 2
    wait_for_server(page, app, attempt_id, answered)
