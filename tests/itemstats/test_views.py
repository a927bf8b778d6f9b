"""The statistics panel on a question's page and the staff list of flagged questions: who sees what, and the cost."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from tests.authoring.test_hindi import speak_hindi
from tests.factories import count_queries, make_question, make_topic
from tests.itemstats.papers import T0, candidate, graded
from trainer import create_app
from trainer.authoring.service import content_of, save_edit
from trainer.bank.models import Question
from trainer.config import ConfigError
from trainer.extensions import db
from trainer.itemstats.refresh import refresh

#            q1 q2 q3     rest of q1 (q2 + q3)
WRONG_KEY = ("BAA", "BAA", "AAB", "ABA", "CBB", "ABB")  # the top third (rest 2) chose B for q1, keyed A


def make_paper(session, prefix="flag", count=3):
    topic = make_topic(session, key=f"{prefix}-topic")
    return [make_question(session, topic, f"{prefix}-{i}").versions[0] for i in range(count)]


def sit_all(session, paper, answer_rows):
    for answers in answer_rows:
        graded(session, candidate(session), paper, answers)
    refresh(session, T0.replace(month=12))
    session.commit()


def question_of(session, uid: str) -> Question:
    return session.scalars(select(Question).where(Question.uid == uid)).one()


@pytest.fixture
def few(app):
    app.config["ITEMSTATS_MIN_ATTEMPTS"] = 3
    return app


def test_the_question_page_says_when_there_are_not_enough_attempts(app, client, auth, session):
    paper = make_paper(session)
    sit_all(session, paper, WRONG_KEY)
    auth.login(role="instructor")
    html = client.get("/authoring/questions/flag-0").get_data(as_text=True)
    assert 'id="statistics"' in html
    assert "Not enough attempts yet (6 of 20)." in html
    assert "check the key" not in html


def test_the_panel_shows_the_figures_the_thirds_and_the_flags_in_words(few, client, auth, session):
    paper = make_paper(session)
    sit_all(session, paper, WRONG_KEY)
    auth.login(role="instructor")
    html = client.get("/authoring/questions/flag-0").get_data(as_text=True)
    assert "Not enough attempts" not in html
    assert "Option B was chosen by more of the top third than the key: check the key." in html
    assert "Nobody chose option D: it distracts nobody." in html
    # q1: x = 0,0,1,1,0,1 → facility 0.50; A chosen by 3 of 6 (50%), by nobody at the top, by 1 of 2 at the bottom
    assert "<dt>Facility index</dt><dd>0.50</dd>" in html
    assert "<td>3</td><td>50%</td><td>0%</td><td>50%</td>" in html
    assert "<td>2</td><td>33%</td><td>100%</td><td>0%</td>" in html  # B: both of the top third


def test_an_edited_question_keeps_its_old_versions_figures_below(few, client, auth, session):
    paper = make_paper(session)
    sit_all(session, paper, WRONG_KEY)
    question = question_of(session, "flag-0")
    current = question.versions[-1]
    save_edit(session, question, replace(content_of(current), answer=1), question.status, None, current, "key B")
    session.commit()
    auth.login(role="instructor")
    html = client.get("/authoring/questions/flag-0").get_data(as_text=True)
    assert "Version 2, from each candidate" in html
    assert "Not enough attempts yet (0 of 3)." in html
    assert 'id="earlier-stats"' in html and "check the key" in html


def test_flagged_questions_worst_first_each_linking_to_its_statistics(few, client, auth, session):
    paper = make_paper(session)
    sit_all(session, paper, WRONG_KEY)
    auth.login(role="instructor")
    html = client.get("/authoring/flagged").get_data(as_text=True)
    first = html.index('href="/authoring/questions/flag-0#statistics"')
    assert first < html.index('href="/authoring/questions/flag-1#statistics"')
    assert "check the key" in html


def test_nothing_is_listed_below_the_minimum_or_once_a_question_is_retired(app, client, auth, session):
    paper = make_paper(session)
    sit_all(session, paper, WRONG_KEY)
    auth.login(role="admin")
    assert "No question is flagged." in client.get("/authoring/flagged").get_data(as_text=True)  # 6 of 20
    app.config["ITEMSTATS_MIN_ATTEMPTS"] = 3
    assert "flag-0#statistics" in client.get("/authoring/flagged").get_data(as_text=True)
    question_of(session, "flag-0").status = "retired"
    session.commit()
    assert "flag-0#statistics" not in client.get("/authoring/flagged").get_data(as_text=True)


@pytest.mark.parametrize("role", ["candidate"])
def test_candidates_may_not_see_statistics(client, auth, session, role):
    paper = make_paper(session)
    sit_all(session, paper, WRONG_KEY)
    assert client.get("/authoring/flagged").status_code == 302  # signed out: to the sign-in page
    auth.login(role=role)
    assert client.get("/authoring/flagged").status_code == 403
    assert client.get("/authoring/questions/flag-0").status_code == 403


def test_a_page_number_out_of_range_is_the_first_page_or_an_empty_one(few, client, auth, session):
    auth.login(role="instructor")
    for raw in ("0", "-1", "abc", "99999999999999"):
        assert client.get(f"/authoring/flagged?page={raw}").status_code == 200
    assert client.get("/authoring/flagged?page=500").status_code == 200


def test_the_pages_read_the_same_number_of_rows_whatever_the_attempts(few, client, auth):
    # Each request gets a session of its own, as in production: the `session` fixture's app context would let a
    # request reuse rows an earlier one loaded, and the count would depend on the order of the requests.
    with few.app_context():
        sit_all(db.session, make_paper(db.session, "small"), WRONG_KEY)
    auth.login(role="instructor")

    def queries(url):
        with count_queries() as statements:
            assert client.get(url).status_code == 200
        return len(statements)

    flagged, page = queries("/authoring/flagged"), queries("/authoring/questions/small-0")
    with few.app_context():
        for n in range(4):  # four more flagged papers, sat by six times as many candidates
            sit_all(db.session, make_paper(db.session, f"more{n}"), WRONG_KEY * 6)
        small = [question_of(db.session, f"small-{i}").versions[0] for i in range(3)]
        sit_all(db.session, small, WRONG_KEY * 6)
    assert queries("/authoring/flagged") == flagged
    assert queries("/authoring/questions/small-0") == page


def test_the_minimum_is_a_setting_checked_at_start(database_url):
    with pytest.raises(ConfigError, match="TRAINER_ITEMSTATS_MIN_ATTEMPTS"):
        create_app({"TESTING": True, "DATABASE_URL": database_url, "ITEMSTATS_MIN_ATTEMPTS": "a few"})
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "ITEMSTATS_MIN_ATTEMPTS": "30"})
    assert app.config["ITEMSTATS_MIN_ATTEMPTS"] == 30


def test_the_command_counts_and_says_so(runner, session):
    paper = make_paper(session)
    for answers in WRONG_KEY:
        graded(session, candidate(session), paper, answers)
    session.commit()
    result = runner.invoke(args=["stats", "refresh"])
    assert result.exit_code == 0, result.output
    assert "Counted 6 attempt(s); recomputed 3 question version(s) from" in result.output
    assert "Counted 0 attempt(s)" in runner.invoke(args=["stats", "refresh"]).output
    assert "Counted 6 attempt(s)" in runner.invoke(args=["stats", "refresh", "--all"]).output


def test_a_hindi_reader_sees_the_flagged_list_and_the_flags_in_hindi(few, client, auth):
    with few.app_context():  # not the `session` fixture: its app context would keep the first page's language
        paper = make_paper(db.session)
        paper[0].topic.name_hi = "प्रतिशतता"
        sit_all(db.session, paper, WRONG_KEY)
    auth.login(role="instructor")
    speak_hindi(client, auth)
    flagged = client.get("/authoring/flagged").get_data(as_text=True)
    # the section's and the topic's Hindi names
    assert "<td>मात्रात्मक अभिक्षमता / गणितीय क्षमताएँ / प्रतिशतता</td>" in flagged and "Flag-Topic" not in flagged
    assert "<h1>चिह्नित प्रश्न</h1>" in flagged and "सुगमता" in flagged and "विभेदन" in flagged
    assert "शीर्ष एक-तिहाई में से अधिक लोगों ने उत्तर कुंजी के बजाय विकल्प B चुना: उत्तर कुंजी जाँचें।" in flagged
    assert "check the key" not in flagged and "Flagged questions" not in flagged
    panel = client.get("/authoring/questions/flag-0").get_data(as_text=True)
    assert "सुगमता सूचकांक" in panel and "उत्तर कुंजी जाँचें" in panel and "Facility index" not in panel
