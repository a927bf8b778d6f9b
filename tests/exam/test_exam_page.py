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


def test_a_100_question_mock_opens_with_as_many_statements_as_a_25_question_sectional(app, client, candidate):
    sectional = open_paper(app, candidate, sectional_pattern(TIER1, "quant"), answered=5)
    mock = open_paper(app, candidate, TIER1, answered=5)
    client.get(f"/attempts/{mock}")  # the first request of a process reads a few things once

    small, small_page = page_statements(client, sectional)
    big, big_page = page_statements(client, mock)

    assert small_page.status_code == big_page.status_code == 200
    assert len(json.loads(EXAM_DATA.search(big_page.get_data(as_text=True)).group(1))["questions"]) == 100
    assert big == small


def test_practice_feedback_for_earlier_answers_costs_no_statement_per_question(app, client, candidate):
    all_five = open_paper(app, candidate, topic_pattern(TIER1, "quant", ("quant-t0",), 5), "practice", answered=5)
    two_of_five = open_paper(app, candidate, topic_pattern(TIER1, "quant", ("quant-t1",), 5), "practice", answered=2)
    client.get(f"/attempts/{all_five}")

    five, five_page = page_statements(client, all_five)
    two, two_page = page_statements(client, two_of_five)

    for response, answered in ((five_page, 5), (two_page, 2)):
        data = json.loads(EXAM_DATA.search(response.get_data(as_text=True)).group(1))
        assert [f["position"] for f in data["feedback"]] == list(range(answered))
    assert five == two


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
                <span class="lang-en">{{ html | safe }}</span>
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

    assert str(question.option_labels) == template.render(q=question)
    assert str(question.option_labels).count(" checked>") == (choice is not None)
