"""Hostile bank content on the exam screen and the result page, in Chromium: no script runs, no request leaves
our site, and nothing a question draws covers the exam's controls. The payloads are tests/data/injection_corpus.yaml,
placed in every text a question has (stem, options, explanation, passage, and their Hindi versions)."""

from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser.pages import sign_in
from tests.factories import make_question, make_topic, make_user
from trainer.bank.models import ItemGroup, ItemGroupVersion, Question
from trainer.bank.parsing import QuestionContent
from trainer.bank.service import add_version
from trainer.core.clock import utcnow
from trainer.exam import paper
from trainer.exam.patterns import Part, Pattern, SectionRule
from trainer.extensions import db

pytestmark = pytest.mark.browser

CORPUS_FILE = Path(__file__).parents[1] / "data" / "injection_corpus.yaml"
CORPUS = [item["payload"] for item in yaml.safe_load(CORPUS_FILE.read_text(encoding="utf-8"))]
QUESTIONS = 8  # the last two share a passage
PER_QUESTION = 12  # stem, four options, explanation, and the same six in Hindi
PER_PASSAGE = 6  # payloads in the passage, and as many in its Hindi version
CONTROLS = (
    "#btn-submit",
    "#btn-save",
    "#btn-mark",
    "#btn-clear",
    "#btn-paper",
    "#language",
    ".pal[data-position='0']",
    f".pal[data-position='{QUESTIONS - 1}']",
)
# "" when the control, scrolled into view, is the topmost element at its own centre; else what covers it.
COVERED = """selector => {
  const el = document.querySelector(selector);
  el.scrollIntoView({block: "center", inline: "center"});
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  if (hit === el || el.contains(hit)) return "";
  return selector + " is under " + (hit ? hit.outerHTML.slice(0, 150) : "nothing");
}"""
# What a script that ran would leave behind besides a dialog, and elements that embed other documents.
INTRUDERS = "() => [window.pwned, document.querySelectorAll('iframe, object, embed, base, meta[http-equiv]').length]"


def payloads(start: int, count: int) -> list[str]:
    """`count` payloads from the corpus, cycling; each starts with its index so a failure says which it was."""
    return [f"[{(start + i) % len(CORPUS)}] {CORPUS[(start + i) % len(CORPUS)]}" for i in range(count)]


def hostile_question(topic, n: int, passage: ItemGroupVersion | None) -> None:
    texts = payloads(2 * PER_PASSAGE + n * PER_QUESTION, PER_QUESTION)
    content = QuestionContent(
        section=topic.section,
        topic=topic.key,
        difficulty="easy",
        stem=texts[0],
        options=tuple(texts[1:5]),
        answer=n % 4,
        explanation=texts[5],
        source="test",
        hindi=(texts[6], tuple(texts[7:11]), texts[11]),
        group=passage.group.uid if passage else "",
    )
    question = Question(uid=f"reasoning-injection-{n}", status="published")
    db.session.add(question)
    position = n - (QUESTIONS - 2) if passage else None
    add_version(db.session, question, content, topic, group_version=passage, group_position=position)


def hostile_attempt(app, mode: str = "strict") -> tuple[str, int]:
    """Eight published questions, the last two with a shared passage, every text holding payloads; a candidate
    with an attempt at them. Returns the candidate's e-mail and the attempt's id."""
    with app.app_context():
        topic = make_topic(db.session, "reasoning", "injection")
        passage = ItemGroupVersion(
            group=ItemGroup(uid="reasoning-injection-passage"),
            number=1,
            topic=topic,
            passage="\n\n".join(payloads(0, PER_PASSAGE)),
            hindi_passage="\n\n".join(payloads(PER_PASSAGE, PER_PASSAGE)),
            source="test",
            content_hash="test",
        )
        db.session.add(passage)
        db.session.flush()
        for n in range(QUESTIONS):
            hostile_question(topic, n, passage if n >= QUESTIONS - 2 else None)
        user = make_user(db.session)
        rule = SectionRule("reasoning", "Reasoning", "reasoning", QUESTIONS, 2.0, 0.5)
        pattern = Pattern(
            "test-injection", "Injection", "", "tier1", (rule,), (Part("p", "Paper", 60, ("reasoning",)),)
        )
        attempt = paper.start_attempt(db.session, user, pattern, utcnow(), random.Random(3), mode=mode)
        db.session.commit()
        return user.email, attempt.id


def watch(page: Page) -> tuple[list[str], list[str]]:
    """Record every dialog (dismissed) and every request to a host other than ours (refused)."""
    dialogs: list[str] = []
    elsewhere: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))

    def only_our_site(route):
        if urlsplit(route.request.url).hostname not in (None, "127.0.0.1"):
            elsewhere.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.context.route("**/*", only_our_site)
    page.on("request", lambda r: urlsplit(r.url).hostname not in (None, "127.0.0.1") and elsewhere.append(r.url))
    return dialogs, elsewhere


def test_the_corpus_is_placed_in_every_kind_of_text():
    assert len(CORPUS) >= 50
    assert len(CORPUS) <= 2 * PER_PASSAGE + QUESTIONS * PER_QUESTION  # every payload appears at least once


def test_hostile_bank_content_runs_nothing_calls_nowhere_and_covers_no_control(app, live_server, page: Page):
    email, attempt_id = hostile_attempt(app)
    dialogs, elsewhere = watch(page)
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/attempts/{attempt_id}")
    for language in ("en", "hi"):
        page.locator("#language").select_option(language)
        for position in range(QUESTIONS):
            page.locator(f".pal[data-position='{position}']").click()
            expect(page.locator(f"#q{position}")).to_be_visible()
            covered = [page.evaluate(COVERED, control) for control in CONTROLS]
            assert not any(covered), (language, position, covered)
    assert page.evaluate(INTRUDERS) == [None, 0]

    # Even an overlay that slipped past the sanitiser stays inside the question's box.
    page.evaluate("""() => {
      const overlay = document.createElement('div');
      Object.assign(overlay.style, {position: 'fixed', inset: '0', zIndex: '2147483647', background: 'red'});
      document.querySelector('.question:not([hidden]) .stem').append(overlay);
    }""")
    assert [page.evaluate(COVERED, control) for control in CONTROLS] == [""] * len(CONTROLS)

    page.locator("#btn-submit").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, submit").click()
    expect(page.get_by_role("heading", name="Your result", exact=False)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server}/attempts/{attempt_id}/result"  # no refresh or base tag moved the page
    assert page.evaluate(COVERED, ".site-header nav button") == ""
    assert page.evaluate(INTRUDERS) == [None, 0]
    assert dialogs == [] and elsewhere == []


PRACTICE_CONTROLS = ("#btn-submit", "#btn-save", "#btn-next", "#btn-paper", "#language", *CONTROLS[-2:])


def test_hostile_explanations_in_practice_feedback_run_nothing_and_cover_nothing(app, live_server, page: Page):
    email, attempt_id = hostile_attempt(app, mode="practice")
    dialogs, elsewhere = watch(page)
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/attempts/{attempt_id}")
    for position in range(QUESTIONS):
        page.locator(f".pal[data-position='{position}']").click()
        page.locator(f"#q{position} input[type=radio]").first.check()
        page.get_by_role("button", name="Check answer").click()
        expect(page.locator(f"#q{position} .feedback")).to_contain_text("The answer is")
        for language in ("hi", "en"):  # the feedback holds both explanations; the switch shows one
            page.locator("#language").select_option(language)
            covered = [page.evaluate(COVERED, control) for control in PRACTICE_CONTROLS]
            assert not any(covered), (position, language, covered)
    assert page.evaluate(INTRUDERS) == [None, 0]
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server}/attempts/{attempt_id}"
    assert dialogs == [] and elsewhere == []


def test_the_editors_live_preview_names_the_words_the_sanitiser_drops(app, live_server, page: Page):
    with app.app_context():
        make_question(db.session, make_topic(db.session), "quant-percentage-1", stem="What is 20% of 150?")
        email = make_user(db.session, role="instructor").email
        db.session.commit()
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/authoring/questions/quant-percentage-1/edit")
    warnings = page.locator("#preview-warnings")
    expect(page.locator("#preview-stem")).to_contain_text("What is 20% of 150?")
    expect(warnings).to_be_hidden()

    page.locator("textarea[name=stem]").fill("Find x. <math><mtext><table><mglyph><style><!--</style> Use the table.")

    expect(warnings).to_be_visible()
    expect(warnings).to_have_text(
        "Question: candidates would not see 'Use the table.': the sanitiser drops it"
        " (look for malformed or unsafe markup just before it)"
    )
    expect(page.locator("#preview-stem")).not_to_contain_text("Use the table.")
    page.locator("textarea[name=stem]").fill("What is 20% of 150?")
    expect(warnings).to_be_hidden()
