"""The exam page stays cheap as papers grow: the same SQL statements for 25 questions as for 100, and the radio
buttons assembled in Python read exactly as the template wrote them."""

from __future__ import annotations

import json
import random
import re
from datetime import timedelta

import pytest
from jinja2 import Environment

from tests.factories import count_queries, make_bank
from trainer.auth.models import User
from trainer.core.clock import utcnow
from trainer.exam import paper, saving
from trainer.exam.patterns import get_pattern, sectional_pattern, topic_pattern
from trainer.exam.saving import ClientStep
from trainer.exam.screen import ScreenQuestion
from trainer.extensions import db

TIER1 = get_pattern("tier1-2025")
EXAM_DATA = re.compile(r'<script id="exam-data" type="application/json">(.*?)</script>', re.S)
VOLATILE = re.compile(r'(name="csrf-token" content|name="csrf_token" type="hidden" value)="[^"]*"|serverNow": "[^"]*"'
                      r'|<span id="timer"[^>]*>[^<]*')  # fmt: skip


@pytest.fixture
def candidate(app, auth):
    user = auth.login()
    with app.app_context():
        make_bank(db.session)
        db.session.commit()
    return user.id


def open_paper(app, user_id: int, pattern, mode: str = "strict", answered: int = 0, minutes_ago: int = 0) -> int:
    """Start a paper for the candidate and save an answer to its first `answered` questions; the attempt id."""
    with app.app_context():
        started = utcnow() - timedelta(minutes=minutes_ago)
        user = db.session.get(User, user_id)
        attempt = paper.start_attempt(db.session, user, pattern, started, random.Random(1), mode=mode)
        db.session.commit()
        steps = [ClientStep(f"s{p}", "save", p, p % 4, started) for p in range(answered)]
        if steps:
            saving.save_steps(db.session, attempt.id, (user_id, user.session_generation), steps, started, 10)
            db.session.commit()
        return attempt.id


def page_statements(client, attempt_id: int) -> tuple[int, str]:
    """How many SQL statements one load of the exam page runs, and the page."""
    with count_queries() as statements:
        response = client.get(f"/attempts/{attempt_id}")
    return len(statements), response


def warm_up(client, *attempt_ids: int) -> None:
    """Show each page once: the first request of a process reads a few things once, and the texts a worker has
    not shown before."""
    for attempt_id in attempt_ids:
        client.get(f"/attempts/{attempt_id}")


def test_a_100_question_mock_opens_with_as_many_statements_as_a_25_question_sectional(app, client, candidate):
    sectional = open_paper(app, candidate, sectional_pattern(TIER1, "quant"), answered=5)
    mock = open_paper(app, candidate, TIER1, answered=5)
    warm_up(client, sectional, mock)

    small, small_page = page_statements(client, sectional)
    big, big_page = page_statements(client, mock)

    assert small_page.status_code == big_page.status_code == 200
    assert len(json.loads(EXAM_DATA.search(big_page.get_data(as_text=True)).group(1))["questions"]) == 100
    assert big == small


def test_practice_feedback_for_earlier_answers_costs_no_statement_per_question(app, client, candidate):
    all_five = open_paper(app, candidate, topic_pattern(TIER1, "quant", ("quant-t0",), 5), "practice", answered=5)
    two_of_five = open_paper(app, candidate, topic_pattern(TIER1, "quant", ("quant-t1",), 5), "practice", answered=2)
    warm_up(client, all_five, two_of_five)

    five, five_page = page_statements(client, all_five)
    two, two_page = page_statements(client, two_of_five)

    for response, answered in ((five_page, 5), (two_page, 2)):
        data = json.loads(EXAM_DATA.search(response.get_data(as_text=True)).group(1))
        assert [f["position"] for f in data["feedback"]] == list(range(answered))
    assert five == two


def test_a_page_shown_again_is_the_same_page_without_reading_its_texts_again(app, client, candidate):
    mock = open_paper(app, candidate, TIER1, answered=3)
    other = open_paper(app, candidate, TIER1, answered=0)
    warm_up(client, other)  # the process's first request, and some of the texts

    first, first_page = page_statements(client, mock)
    again, again_page = page_statements(client, mock)
    with count_queries() as statements:
        client.get(f"/attempts/{mock}")

    assert first_page.status_code == again_page.status_code == 200
    assert VOLATILE.sub("", first_page.get_data(as_text=True)) == VOLATILE.sub("", again_page.get_data(as_text=True))
    assert first <= again + 1  # at most one statement for the texts not shown before, for the whole paper
    assert not [s for s in statements if "rendered" in s]


def test_a_paper_past_its_deadline_is_closed_on_opening_without_a_statement_per_question(app, client, candidate):
    sectional = open_paper(app, candidate, sectional_pattern(TIER1, "quant"), answered=3, minutes_ago=600)
    mock = open_paper(app, candidate, TIER1, answered=3, minutes_ago=600)

    small, small_response = page_statements(client, sectional)
    big, big_response = page_statements(client, mock)

    assert small_response.status_code == big_response.status_code == 302
    assert big_response.headers["Location"].endswith(f"/attempts/{mock}/result")
    assert big - small < 10  # grading reads the slots and versions in bulk, whatever the paper's length


# The loop the exam template had before the radio buttons were assembled in Python (trainer/exam/page_markup.py).
TEMPLATE_LOOP = """{% for html in q.options_html %}
              <label class="option">
                <input type="radio" name="q{{ q.position }}" value="{{ loop.index0 }}"\
{% if q.choice == loop.index0 %} checked{% endif %}>
                <span class="letter">{{ 'ABCD'[loop.index0] }}.</span>
                <span class="lang-en" lang="en">{{ html | safe }}</span>
                {% if q.hindi_options_html %}<span class="lang-hi" lang="hi">\
{{ q.hindi_options_html[loop.index0] | safe }}</span>{% endif %}
              </label>
            {% endfor %}"""


@pytest.mark.parametrize("choice", [None, 0, 3])
@pytest.mark.parametrize("hindi", [(), ("<p>एक</p>", "दो", "तीन", "<em>{चार}</em>")])
def test_the_radio_buttons_are_the_markup_the_template_wrote(choice, hindi):
    question = ScreenQuestion(
        position=42,
        number=18,
        section="quant",
        stem_html="<p>Stem</p>",
        options_html=["<p>one &amp; only</p>", "two", "{three}", '<span class="math">4</span>'],
        choice=choice,
        palette="answered",
        passage=None,
        hindi_options_html=hindi,
    )
    template = Environment(autoescape=True).from_string(TEMPLATE_LOOP)

    assert question.option_labels.decode() == template.render(q=question)
    assert question.option_labels.decode().count(" checked>") == (choice is not None)


# The loops the exam template had before the articles and palette were assembled in Python, with the section's
# shown name read through `section_name` instead of the pattern.
TEMPLATE_ARTICLES = """{% for q in questions %}
        <article class="question" id="q{{ q.position }}" data-position="{{ q.position }}" data-section="{{ q.section }}"
                 {% if q.passage %}data-passage="{{ q.passage }}"{% endif %}{% if q.position != first.position %} hidden{% endif %}>
          <h2>{{ _("Question %(number)s", number=q.number) }} <span class="muted">· {{ section_name(q.section) }}</span>
            <span class="saved-mark" hidden>{{ _("saved") }}</span></h2>
          <div class="stem lang-en" lang="en">{{ q.stem_html | safe }}</div>
          {% if q.hindi_stem_html %}<div class="stem lang-hi" lang="hi">{{ q.hindi_stem_html | safe }}</div>{% endif %}
          <fieldset class="options">
            <legend class="visually-hidden">{{ _("Options for question %(number)s", number=q.number) }}</legend>
            {{ q.option_labels.decode() | safe }}
          </fieldset>
          <div class="feedback" hidden></div>
        </article>
      {% endfor %}"""  # noqa: E501
TEMPLATE_PALETTE = """{% for q in questions %}
          <button type="button" class="pal {{ q.palette }}{% if q.position == first.position %} current{% endif %}" data-position="{{ q.position }}" data-section="{{ q.section }}"
                  aria-label="{{ _("Question %(number)s", number=q.number) }}"{% if q.section != first.section %} hidden{% endif %}>{{ q.number }}</button>
        {% endfor %}"""  # noqa: E501
HINDI = {
    "Question %(number)s": "प्रश्न %(number)s",
    "saved": "सहेजा गया",
    "Options for question %(number)s": "प्रश्न %(number)s के विकल्प",
}


@pytest.mark.parametrize("words", [{}, HINDI], ids=["English", "Hindi"])
def test_the_questions_and_palette_are_the_markup_the_template_wrote(words):
    from types import SimpleNamespace

    from trainer.exam.page_markup import QuestionWords, palette_buttons, question_articles

    def question(position, section, number, passage=None, hindi=""):
        return ScreenQuestion(position, number, section, f"<p>Stem {position} &amp; co</p>", ["a", "b", "c", "d"],
                              None if position % 2 else position % 4, "answered" if position % 3 else "not-visited",
                              passage, hindi_stem_html=hindi)  # fmt: skip

    questions = [question(0, "reasoning", 1), question(1, "reasoning", 2, hindi="<p>प्रश्न</p>"),
                 question(2, "english", 1, passage=7), question(3, "english", 2, passage=7)]  # fmt: skip
    first = SimpleNamespace(position=2, section="english")
    names = {"reasoning": "Reasoning & <General>", "english": "अंग्रेज़ी"}
    environment = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    environment.install_gettext_callables(lambda s: words.get(s, s), lambda s, p, n: s, newstyle=True)
    context = {"questions": questions, "first": first, "section_name": names.get}
    shown = QuestionWords(
        question=words.get("Question %(number)s", "Question %(number)s"),
        options_for=words.get("Options for question %(number)s", "Options for question %(number)s"),
        saved=words.get("saved", "saved"),
        sections=names,
    )

    articles = question_articles(questions, first, shown).decode()  # UTF-8, put into the page as bytes
    assert articles == environment.from_string(TEMPLATE_ARTICLES).render(context)
    assert str(palette_buttons(questions, first, shown)) == environment.from_string(TEMPLATE_PALETTE).render(context)
    assert "Reasoning &amp; &lt;General&gt;" in articles


def test_the_questions_go_where_the_template_keeps_their_place_and_nowhere_else(app, client, candidate):
    """The questions are put into the rendered page as UTF-8 (trainer/exam/page_markup.py): each once, in the
    question area before the actions, with its saved choice checked, the Hindi intact, and no placeholder left."""
    mock = open_paper(app, candidate, TIER1, answered=3)

    response = client.get(f"/attempts/{mock}")
    page = response.get_data(as_text=True)

    assert response.status_code == 200 and response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert page.count('<article class="question"') == 100 and "<!-- the questions -->" not in page
    area = page[page.index('<section class="question-area"') : page.index('<div class="actions">')]
    assert area.count('<article class="question"') == 100
    assert page.count(" checked>") == 3
    assert response.content_length == len(response.data) == len(page.encode())


def test_a_question_area_marker_inside_bank_text_cannot_move_the_questions():
    """Only our markup and JSON (which escapes "<") follow the place in the template, so its last occurrence is
    the one that counts, whatever a passage shown before the questions holds."""
    from trainer.exam.page_markup import ARTICLES_SLOT, spliced

    page = f"<p>a passage quoting {ARTICLES_SLOT}</p><div>{ARTICLES_SLOT}</div><script>{{}}</script>"
    body = spliced(page, "<article>प्रश्न</article>".encode()).decode()
    kept = f"<p>a passage quoting {ARTICLES_SLOT}</p>"
    assert body == f"{kept}<div><article>प्रश्न</article></div><script>{{}}</script>"
    with pytest.raises(RuntimeError):
        spliced("<p>a template without the place</p>", b"")
