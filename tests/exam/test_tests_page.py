"""The tests page every candidate opens before a mock: what it lists, what a refused topic test keeps, and that it
reads the topics from the bank's draw index (kept per process) rather than every topic row on each view."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.factories import count_queries, make_bank, make_user
from tests.institute.conftest import frozen_paper, open_mock
from trainer.bank.models import Topic
from trainer.exam.views import TESTS_PAGE_ATTEMPTS
from trainer.extensions import db


def _bank(app):
    with app.app_context():
        make_bank(db.session, per_section=40)
        db.session.commit()


def _checked(page: str) -> list[str]:
    return re.findall(r'name="topics" value="([^"]+)" checked', page)


def test_the_topic_test_form_lists_every_topic_under_its_section(app, client, auth):
    _bank(app)
    auth.login()

    page = client.get("/tests").text

    groups = re.findall(r'<div class="topic-group"><strong>([^<]*)</strong>(.*?)</div>', page, re.S)
    assert [len(re.findall(r'name="topics"', body)) for _, body in groups] == [5, 5, 5, 5]
    assert 'value="quant/quant-t0"> Quant-T0</label>' in groups[2][1]
    assert _checked(page) == []


def test_a_refused_topic_test_keeps_the_choices_and_the_rest_of_the_page(app, client, auth):
    _bank(app)
    with app.app_context():
        staff = make_user(db.session, role="instructor")
        open_mock(db.session, staff, [frozen_paper(db.session, staff).id])
        db.session.commit()
    auth.login()
    form = {"paper": "tier1-2025", "topics": ["quant/quant-t1", "reasoning/reasoning-t0"], "count": 5}

    refused = client.post("/tests/topic", data=form | {"csrf_token": auth.token("/tests")})

    assert refused.status_code == 422
    assert "Choose topics of one subject that this paper has." in refused.text
    assert _checked(refused.text) == ["quant/quant-t1", "reasoning/reasoning-t0"]
    assert "Sunday live mock" in refused.text  # the live mock is still offered beside the error
    none = client.post("/tests/topic", data=form | {"topics": [], "csrf_token": auth.token("/tests")})
    assert none.status_code == 422 and "Choose at least one topic." in none.text and _checked(none.text) == []


def test_a_topic_renamed_in_the_bank_is_shown_by_its_new_name_at_the_next_view(app, client, auth):
    _bank(app)
    auth.login()
    assert "> Quant-T3</label>" in client.get("/tests").text
    with app.app_context():
        db.session.scalars(select(Topic).where(Topic.key == "quant-t3")).one().name = "Mensuration"
        db.session.commit()

    page = client.get("/tests").text

    assert 'value="quant/quant-t3"> Mensuration</label>' in page and "> Quant-T3</label>" not in page


def test_the_tests_page_reads_no_topic_row_and_the_same_statements_however_many_attempts(app, client, auth):
    _bank(app)
    auth.login()
    client.get("/tests")
    with app.app_context(), count_queries() as fresh:
        assert client.get("/tests").status_code == 200
    token = auth.token("/tests")
    for _ in range(3):
        started = client.post("/tests/tier1-2025", data={"declaration": "y", "csrf_token": token})
        assert client.post(f"{started.location}/submit", data={"csrf_token": token}).status_code == 302

    with app.app_context(), count_queries() as later:
        page = client.get("/tests").text

    assert page.count("Result</a>") == 3
    assert len(later) == len(fresh) <= 9
    assert not [s for s in later if re.search(r"\bFROM topic\b", s)]


def test_the_tests_page_lists_the_attempt_in_progress_and_the_latest_others_and_points_to_the_history(
    app, client, auth
):
    _bank(app)
    auth.login()
    token = auth.token("/tests")
    started = [client.post("/tests/tier1-2025", data={"declaration": "y", "csrf_token": token}).location]
    for _ in range(TESTS_PAGE_ATTEMPTS + 1):  # then more finished ones than the page lists
        later = client.post("/tests/tier1-2025?mode=practice", data={"declaration": "y", "csrf_token": token})
        assert client.post(f"{later.location}/submit", data={"csrf_token": token}).status_code == 302

    page = client.get("/tests").text

    rows = re.findall(r'<a href="(/attempts/\d+)(?:/result)?">', page)
    assert len(rows) == TESTS_PAGE_ATTEMPTS and rows[0] == started[0].removeprefix("http://localhost")
    assert page.count(">Resume</a>") == 1 and page.count(">Result</a>") == TESTS_PAGE_ATTEMPTS - 1
    assert "Older attempts are in your score history" in page and "/progress#history-heading" in page
