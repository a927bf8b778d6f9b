"""The injection corpus (tests/data/injection_corpus.yaml) typed into every field of the group editor and carried
inside GIFT, Moodle XML, CSV and native files uploaded through the web import, in Chromium: on the editor's live
preview, the question and group pages, the dry run, the exam screen and the result page no dialog opens, no
script runs (nothing on the console says the page's policy refused one, no page error), and no request leaves
our site. Every payload is placed in every kind of field (one payload per field, so an unclosed tag cannot hide
the payloads after it), each numbered so a failure says which."""

from __future__ import annotations

import io
import random
import tempfile
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from tests.browser.pages import sign_in
from tests.browser.test_content_injection import CORPUS, INTRUDERS, watch
from tests.factories import make_user, write_bank
from trainer.auth.models import User
from trainer.bank.interchange import csvfile, gift, moodle_xml
from trainer.bank.interchange.items import Item
from trainer.bank.models import Question
from trainer.bank.service import sync_taxonomy
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.bank.validation import check_bank
from trainer.bank.validation.option_labels import label_problems
from trainer.config import PROJECT_ROOT
from trainer.core.clock import utcnow
from trainer.exam import paper
from trainer.exam.patterns import Part, Pattern, SectionRule
from trainer.extensions import db

pytestmark = pytest.mark.browser

TOPIC = "reasoning/analogy"
MEMBERS = 10  # questions per typed group; two groups hold every payload in each kind of field
PER_ITEM = 6  # stem, four options, explanation


def payload(n: int, one_line: bool = False) -> str:
    """The n-th payload (cycling), numbered; on one line for an option."""
    text = f"[{n % len(CORPUS)}] {CORPUS[n % len(CORPUS)]}"
    return text.replace("\n", " ") if one_line else text


# The editor refuses options whose figures have no description (a screen-reader user could not tell them apart),
# so payloads with such images go in stems, explanations and passages when typed; the rest also in options.
IN_OPTIONS = [i for i in range(len(CORPUS)) if not label_problems([payload(i, True), "w", "x", "y"], 0)]
ELSEWHERE = [i for i in range(len(CORPUS)) if i not in IN_OPTIONS] + IN_OPTIONS[::-1]


def typed_texts(n: int) -> list[str]:
    """Stem, options A-D and explanation of the n-th typed question."""
    options = [payload(IN_OPTIONS[(4 * n + k) % len(IN_OPTIONS)], one_line=True) for k in range(4)]
    return [payload(ELSEWHERE[2 * n % len(ELSEWHERE)]), *options, payload(ELSEWHERE[(2 * n + 1) % len(ELSEWHERE)])]


def typed_passage(n: int) -> str:
    return payload(ELSEWHERE[(4 * MEMBERS + n) % len(ELSEWHERE)])


def texts(n: int) -> list[str]:
    """Stem, options A-D and explanation of the n-th question: six consecutive payloads."""
    start = n * PER_ITEM
    return [payload(start), *(payload(start + k, one_line=True) for k in range(1, 5)), payload(start + 5)]


def guard(page: Page) -> tuple[list[str], list[str], list[str]]:
    """(dialogs, requests elsewhere, script refusals and page errors), recorded from now on."""
    dialogs, elsewhere = watch(page)
    troubles: list[str] = []
    page.on("pageerror", lambda error: troubles.append(f"page error: {error}"))

    def console(message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            troubles.append(f"console: {message.text}")

    page.on("console", console)
    return dialogs, elsewhere, troubles


def inert(page: Page, watched) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate(INTRUDERS) == [None, 0], page.url
    dialogs, elsewhere, troubles = watched
    assert (dialogs, elsewhere, troubles) == ([], [], []), page.url


@pytest.fixture
def people(app) -> tuple[str, str]:
    """The site's topics; an instructor's and a candidate's e-mail."""
    with app.app_context():
        sync_taxonomy(db.session, load_taxonomy(find_taxonomy(PROJECT_ROOT / "question_bank")))
        instructor = make_user(db.session, role="instructor").email
        candidate = make_user(db.session).email
        db.session.commit()
    return instructor, candidate


def sit_every_published_question(app, live_server: str, page: Page, email: str, watched) -> None:
    """A candidate takes a paper of every published question, in both languages, submits and reads the result."""
    with app.app_context():
        count = db.session.scalar(select(func.count(Question.id)).where(Question.status == "published"))
        user = db.session.scalar(select(User).where(User.email == email))
        rule = SectionRule("reasoning", "Reasoning", "reasoning", count, 2.0, 0.5)
        pattern = Pattern(
            "test-injection", "Injection", "", "tier1", (rule,), (Part("p", "Paper", 60, ("reasoning",)),)
        )
        attempt = paper.start_attempt(db.session, user, pattern, utcnow(), random.Random(5))
        db.session.commit()
        attempt_id = attempt.id
    page.context.clear_cookies()
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/attempts/{attempt_id}")
    for language in ("en", "hi"):
        if page.locator("#language").is_enabled():
            page.locator("#language").select_option(language)
        for position in range(count):
            page.locator(f".pal[data-position='{position}']").click()
            expect(page.locator(f"#q{position}")).to_be_visible()
    inert(page, watched)
    page.locator("#btn-submit").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, submit").click()
    # grading a paper of every payload takes a while on a busy machine
    expect(page.get_by_role("heading", name="Your result", exact=False)).to_be_visible(timeout=30_000)
    assert page.url == f"{live_server}/attempts/{attempt_id}/result"
    inert(page, watched)


def type_group(page: Page, live_server: str, number: int, watched) -> None:
    """Write the number-th group in the editor: a payload in each field, English and Hindi alike (the Hindi
    must have the English numbers); the passages take the payloads after the questions'."""
    page.goto(f"{live_server}/authoring/groups/new")
    page.locator('[name="topic"]').select_option(TOPIC)
    page.locator('[name="source"]').fill("injection test")
    for _more in range(MEMBERS - 2):
        page.get_by_role("button", name="Add a question").click()
    first = number * MEMBERS
    page.get_by_text("Shared text in Hindi").click()
    page.locator('[name="passage"]').fill(typed_passage(2 * number))
    page.locator('[name="hindi_passage"]').fill(typed_passage(2 * number + 1))
    for n in range(MEMBERS):
        page.get_by_text(f"Question {n + 1} in Hindi").click()
        for prefix in ("", "hindi_"):
            for name, text in zip(FIELDS, typed_texts(first + n)):
                page.locator(f'[name="members-{n}-{prefix}{name}"]').fill(text)
    page.get_by_text("Preview in Hindi").click()
    last = typed_texts(first + MEMBERS - 1)
    preview = page.locator(f"#preview-members-{MEMBERS - 1}-hindi_explanation")
    expect(preview).to_contain_text(last[5][:5], timeout=30_000)  # a busy machine renders 122 fields slowly
    inert(page, watched)
    page.get_by_role("button", name="Save the group as a draft").click()
    expect(page.get_by_text(f"as a draft with {MEMBERS} questions (version 1)")).to_be_visible()
    inert(page, watched)  # the group page, with the sanitiser's warnings flashed
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#status")).to_have_text("published")
    page.get_by_role("link", name="Edit (creates a new version)").click()
    expect(page.locator(f"#preview-members-{MEMBERS - 1}-explanation")).to_contain_text(last[5][:5], timeout=30_000)
    inert(page, watched)  # the editor filled with the stored text, and its preview


FIELDS = ("stem", "option_a", "option_b", "option_c", "option_d", "explanation")


def test_payloads_typed_in_the_group_editor_render_inert_everywhere(app, live_server, page: Page, people):
    instructor, candidate = people
    assert len(CORPUS) <= 2 * MEMBERS * PER_ITEM + 4  # every payload in a stem, option or explanation, or a passage
    watched = guard(page)
    sign_in(page, live_server, instructor)
    for number in range(2):
        type_group(page, live_server, number, watched)
    page.goto(f"{live_server}/authoring/questions/reasoning-analogy-web-0001")
    inert(page, watched)
    page.goto(f"{live_server}/authoring/questions/reasoning-analogy-web-0001/edit")
    expect(page.locator("#preview-stem")).to_contain_text(typed_texts(0)[0].split("]")[0] + "]")
    inert(page, watched)

    sit_every_published_question(app, live_server, page, candidate, watched)


ITEMS = -(-len(CORPUS) // PER_ITEM)  # questions per imported file, so each holds every payload once


def items(prefix: str) -> list[Item]:
    """A file's questions, a payload in each field; CSV, the one of the three that carries Hindi, in both."""
    found = []
    for n in range(ITEMS):
        stem, *options, explanation = texts(n)
        item = Item("", 0, stem, options, n % 4, explanation, uid=f"{prefix}-injection-{n}", category=TOPIC)
        item.section, item.topic = TOPIC.split("/")
        if prefix == "csv":
            item.hindi = (stem, options, explanation)
        found.append(item)
    return found


def native_block(uid: str, n: int, group: str = "") -> str:
    """The n-th question in the native format, the same text in Hindi (so the numbers agree)."""
    stem, *options, explanation = texts(n)
    lines = "\n".join(f"{x}) {text}" for x, text in zip("ABCD", options))
    body = f"{stem}\n\n{lines}\n\nExplanation:\n{explanation}\n"
    header = f"id: {uid}\nsection: reasoning\ntopic: analogy\ndifficulty: easy\nanswer: B\nsource: test\n"
    return f"---\n{header}{f'group: {group}' + chr(10) if group else ''}---\n{body}\n[hi]\n{body}"


def native_text(clean_only: bool) -> str:
    """A passage group with a question, then a question per ITEMS; with `clean_only`, only the blocks `bank
    validate` passes (a native import is refused whole when any block has a problem)."""
    group = "---\nid: native-injection-passage\ntype: group\nsection: reasoning\ntopic: analogy\nsource: test\n---\n"
    blocks = [
        group
        + f"{payload(6)}\n\n[hi]\n{payload(6)}\n"  # the same figure in both: `bank validate` compares them
        + native_block("native-injection-0", 0, "native-injection-passage")
    ]
    blocks += [native_block(f"native-injection-{n}", n) for n in range(1, ITEMS)]
    if clean_only:
        blocks = [block for block in blocks if not _problems(block)]
    return "".join(blocks)


def _problems(text: str) -> list:
    with tempfile.TemporaryDirectory() as folder:
        write_bank(Path(folder), {"reasoning/analogy.md": text})
        return check_bank(Path(folder)).problems


def native_zip(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("reasoning/analogy.md", text)
    return buffer.getvalue()


def upload(page: Page, live_server: str, path: Path, watched) -> None:
    page.goto(f"{live_server}/authoring/import")
    page.locator('[name="file"]').set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name=f"Dry run of {path.name}")).to_be_visible()
    inert(page, watched)  # the dry run quotes what the sanitiser would drop


def test_payloads_inside_every_import_format_render_inert_everywhere(app, live_server, page: Page, people, tmp_path):
    instructor, candidate = people
    watched = guard(page)
    files = {
        "questions.gift": gift.write(items("gift")),
        "questions.xml": moodle_xml.write(items("xml")),
        "questions.csv": csvfile.write(items("csv")),
    }
    sign_in(page, live_server, instructor)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        upload(page, live_server, tmp_path / name, watched)
        page.get_by_role("button", name="Commit the import (all or nothing)").click()
        expect(page.get_by_text(f"Imported {name}: {ITEMS} new question(s)")).to_be_visible()
        inert(page, watched)
        for n in range(ITEMS):
            page.goto(f"{live_server}/authoring/questions/{name.split('.')[1]}-injection-{n}")
            if page.locator("#status").text_content() == "draft":  # the sanitiser drops words: not published
                page.get_by_role("button", name="Publish").click()
                expect(page.locator("#status")).to_have_text("published")
            inert(page, watched)

    (tmp_path / "bank.zip").write_bytes(native_zip(native_text(clean_only=False)))
    upload(page, live_server, tmp_path / "bank.zip", watched)
    expect(page.locator("#dry-run")).to_contain_text("candidates would not see")  # native files must be clean
    expect(page.get_by_role("button", name="Commit the import (all or nothing)")).to_have_count(0)
    page.get_by_role("button", name="Cancel the import").click()
    (tmp_path / "clean.zip").write_bytes(native_zip(native_text(clean_only=True)))
    upload(page, live_server, tmp_path / "clean.zip", watched)
    page.get_by_role("button", name="Commit the import (all or nothing)").click()
    expect(page.get_by_text("Imported clean.zip:")).to_be_visible()
    page.goto(f"{live_server}/authoring/groups/native-injection-passage")
    expect(page.locator("#status")).to_have_text("published")  # a native file says its own status
    inert(page, watched)

    sit_every_published_question(app, live_server, page, candidate, watched)
