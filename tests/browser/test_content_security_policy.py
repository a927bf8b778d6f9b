"""Under the Content-Security-Policy every page still works in Chromium and nothing on it is refused: the login
form, the exam screen (timer, Save & Next, Submit) with figures, maths and tables, the result page, the editor's
live preview. And the policy is really enforced: inline script, inline style and other origins are refused."""

from __future__ import annotations

import random
import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.pages import sign_in
from tests.factories import make_question, make_topic, make_user
from trainer.auth.models import User
from trainer.bank.generators._figures import polygon, svg
from trainer.core.clock import utcnow
from trainer.exam import paper
from trainer.exam.patterns import Part, Pattern, SectionRule
from trainer.extensions import db

pytestmark = pytest.mark.browser

PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
TRIANGLE = svg(polygon([(10, 50), (30, 10), (50, 50)]), "A triangle")
# What bank questions hold: an aligned table, maths, a drawn figure and an image stored as data.
STEM = f"""Which value is missing?

| x | y |
|:--|--:|
| 1 | 2 |

$\\frac{{1}}{{2}} + x^2$

{TRIANGLE}

![a dot](data:image/png;base64,{PIXEL})"""
EXPLANATION = "Because the table says so."
PATTERN = Pattern(
    "test-csp",
    "CSP test",
    "",
    "tier1",
    (SectionRule("quant", "Quantitative Aptitude", "quant", 3, 2.0, 0.5),),
    (Part("paper", "Whole paper", 60, ("quant",)),),
)
# Run on every page before its own scripts: report each refusal by the policy to the test.
LISTEN = """document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(
  e.violatedDirective + " refused " + (e.blockedURI || "inline") + " on " + location.pathname));"""


@pytest.fixture
def refusals(page: Page) -> list[str]:
    """Every CSP violation event and every console error or uncaught exception on any page this test opens."""
    found: list[str] = []
    page.expose_function("reportViolation", lambda text: found.append(text))
    page.add_init_script(LISTEN)

    def console(message) -> None:
        where = message.location["url"]
        if message.type == "error":  # a missing /favicon.ico, which browsers ask for by themselves, counts too
            found.append(f"console: {message.text} at {where}")

    page.on("console", console)
    page.on("pageerror", lambda error: found.append(f"page error: {error}"))
    return found


def rich_bank(app, role: str = "candidate") -> tuple[str, str]:
    """Three questions with figures, maths, a table and an image, and an account; (e-mail, a question's uid)."""
    with app.app_context():
        topic = make_topic(db.session, "quant", "mensuration")
        uids = [
            make_question(
                db.session,
                topic,
                f"quant-csp-{n}",
                stem=STEM,
                explanation=EXPLANATION,
                options=(TRIANGLE, "2", "3", "4"),
            ).uid
            for n in range(3)
        ]
        email = make_user(db.session, role=role).email
        db.session.commit()
    return email, uids[0]


def begin(app, email: str) -> int:
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == email)).one()
        attempt = paper.start_attempt(db.session, user, PATTERN, utcnow(), random.Random(3))
        db.session.commit()
        return attempt.id


def synced(page: Page, attempt_id: int) -> None:
    """Wait until the server has acknowledged every step the page recorded."""
    page.wait_for_function(
        "id => (localStorage.getItem('aso-journal-' + id) || '[]') === '[]'", arg=attempt_id, timeout=10_000
    )


def test_the_exam_screen_and_the_result_page_work_and_nothing_is_refused(app, live_server, page: Page, refusals):
    email, _ = rich_bank(app)
    attempt_id = begin(app, email)
    sign_in(page, live_server, email)  # the login page is the first one checked
    page.goto(f"{live_server}/attempts/{attempt_id}")

    question = page.locator(".question:not([hidden])")
    expect(question).to_have_attribute("data-position", "0")
    expect(question.locator(".stem td[align=right]")).to_have_text("2")  # the table, aligned without a style
    expect(question.locator(".stem math")).to_be_visible()
    expect(question.locator(".stem svg[aria-label='A triangle']")).to_be_visible()
    assert question.locator(".stem img").evaluate("img => img.complete && img.naturalWidth") == 1  # data: loads
    timer = page.locator("#timer")
    expect(timer).to_have_text(re.compile(r"\d\d:\d\d:\d\d"))
    first = timer.text_content()
    expect(timer).not_to_have_text(first, timeout=5_000)  # the clock ticks

    question.locator("input[type=radio]").nth(1).check()
    page.get_by_role("button", name="Save & Next").click()
    expect(page.locator(".question:not([hidden])")).to_have_attribute("data-position", "1")
    synced(page, attempt_id)  # the answer reached the server
    page.get_by_role("button", name="Submit").click()
    page.locator("#confirm-yes").click()

    expect(page.get_by_role("heading", name=re.compile("Your result"))).to_be_visible()
    expect(page.get_by_text(EXPLANATION).first).to_be_visible()
    expect(page.locator("svg[aria-label='A triangle']").first).to_be_visible()
    assert refusals == []


def test_the_editor_preview_renders_under_the_policy(app, live_server, page: Page, refusals):
    email, uid = rich_bank(app, role="instructor")
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/authoring/questions/{uid}/edit")

    preview = page.locator("#preview-stem")
    expect(preview.locator("svg[aria-label='A triangle']")).to_be_visible()  # the first preview, on load
    page.locator("#stem").fill("Now $x^3$ and\n\n| a | b |\n|--:|:-:|\n| 5 | 6 |")
    expect(preview.locator("td[align=right]")).to_have_text("5")  # the live preview follows the typing
    expect(preview.locator("math")).to_be_visible()
    assert refusals == []


# Not pages: static files and the icon (Chromium shows an image with its own inline styles, which the CSP refuses).
NOT_PAGES = {"static", "main.show_favicon"}


def test_every_other_page_opens_with_nothing_refused(app, live_server, page: Page, refusals):
    email, uid = rich_bank(app, role="admin")
    values = {"uid": uid, "code": "tier1-2025"}
    urls = sorted(
        rule.build({name: values[name] for name in rule.arguments})[1]
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint not in NOT_PAGES and rule.arguments <= values.keys()
    )
    page.goto(f"{live_server}/")  # the visitor's home page
    sign_in(page, live_server, email)

    for url in urls:
        response = page.goto(f"{live_server}{url}")
        assert response.ok, url
    assert len(urls) >= 8 and refusals == []


def test_the_policy_refuses_inline_script_inline_style_and_other_origins(app, live_server, page: Page, refusals):
    page.goto(f"{live_server}/login")
    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
        document.body.setAttribute("style", "position: fixed; top: 0");
        const img = document.createElement("img");
        img.src = "https://tracker.example/pixel.png";
        document.body.append(img);
    }"""
    )

    page.wait_for_function("() => true")  # let the violation events arrive
    expect(page.locator("body")).not_to_have_css("position", "fixed")
    assert page.evaluate("window.injected") is None
    refused = " ".join(refusals)
    assert "script-src-elem refused inline" in refused
    assert "style-src-attr refused inline" in refused
    assert "img-src refused https://tracker.example/pixel.png" in refused
