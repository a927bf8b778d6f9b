"""The bank-health page: a small made bank's numbers, staff only, and a fixed number of queries at any size."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.factories import count_queries, make_question, make_topic
from trainer.bank.models import Topic
from trainer.core.clock import utcnow
from trainer.extensions import db

HINDI = ("प्रश्न?", ("एक", "दो", "तीन", "चार"), "क्योंकि एक।")


def made_bank(session) -> None:
    """Blood relations: 7 items at 3 a Tier-I paper; series has a generator; English and current affairs."""
    blood = make_topic(
        session, "reasoning", "blood-relations", name="Blood relations", weights={"tier1": "3", "tier2": "1-2"}
    )
    for n in range(7):
        make_question(
            session,
            blood,
            f"blood-{n}",
            stem=f"Relation puzzle number {n} about {n * 7} cousins?",
            hindi=HINDI if n < 5 else None,
        )
    series = make_topic(session, "reasoning", "series", name="Series", weights={"tier1": "3", "tier2": "3"})
    make_question(session, series, "series-0", hindi=HINDI)
    synonyms = make_topic(session, "english", "synonyms", name="Synonyms", weights={"tier1": "2", "tier2": "2"})
    for n in range(4):
        make_question(session, synonyms, f"syn-{n}", stem=f"Choose the synonym of WORD{n}.")
    affairs = make_topic(session, "awareness", "current-affairs", name="Current affairs", weights={"tier1": "2"})
    make_question(
        session, affairs, "ca-old", stem="Who won the 2019 cup in the old days?", hindi=HINDI, as_of="2019-06-01"
    )
    make_question(
        session, affairs, "ca-new", stem="Who won this year's cup?", hindi=HINDI, as_of=utcnow().date().isoformat()
    )
    copy = "A man points to a photograph and says her mother is the only daughter of my mother. Who is she?"
    make_question(session, blood, "copy-a", stem=copy, hindi=HINDI)
    make_question(session, blood, "copy-b", stem=copy.replace("man", "woman"), hindi=HINDI)
    draft = make_question(session, blood, "blood-draft", hindi=HINDI)
    draft.status = "draft"  # not published: not counted anywhere
    session.flush()


def row(page: str, name: str) -> list[str]:
    cells = re.search(rf"<tr><td>[^<]+</td><th scope=\"row\">{name}</th>(.*?)</tr>", page, re.S).group(1)
    return [c.strip() for c in re.findall(r"<td>(.*?)</td>", cells, re.S)]


def test_the_page_counts_a_small_bank_against_the_patterns(app, client, auth):
    with app.app_context():
        made_bank(db.session)
        db.session.commit()
    auth.login(role="instructor")

    page = client.get("/authoring/health").text

    # 9 published blood-relations items: 3 Tier-I papers at 3 each; Tier-II asks 1.5 (the range's midpoint): 6
    assert row(page, "Blood relations") == ["9", "3", "3", "1.5", "6", "2"]
    assert row(page, "Series") == ["1", "3", "generator: no limit", "3", "generator: no limit", "0"]
    assert row(page, "Synonyms") == ["4", "2", "2", "2", "2", "English only"]
    assert row(page, "Current affairs") == ["2", "2", "1", "0", "not asked", "0"]
    # scarcest first: current affairs (1 paper) before synonyms (2) and blood relations (3); the generator last
    order = [
        page.index(f'<th scope="row">{n}</th>') for n in ("Current affairs", "Synonyms", "Blood relations", "Series")
    ]
    assert order == sorted(order)
    assert "Tier-I asks about 2 Current affairs questions: 2 items, 1 paper without a repeat" in page
    assert "2 published item(s) outside english have no Hindi version" in page
    assert re.search(r"Facts last checked before [\d-]+: 1\.", page) and "ca-old" in page and "ca-new</a>" not in page
    assert re.search(r"<td>copy-a</td><td>copy-b</td><td>\d+%</td>", page)
    assert "style=" not in page


def test_candidates_are_refused_and_the_bank_list_links_to_the_page(client, auth):
    auth.login()
    assert client.get("/authoring/health").status_code == 403
    auth.logout()
    auth.login(role="instructor")
    assert 'href="/authoring/health"' in client.get("/authoring/questions").text


def add_topics(session, keys: range) -> None:
    """Three published, dated items in each new topic (so every part of the page has rows to show)."""
    for t in keys:
        topic = make_topic(session, "reasoning", f"topic-{t}", weights={"tier1": "2", "tier2": "1"})
        for n in range(3):
            stem = f"Unique question {t} {n} text {t * 31 + n}?"
            make_question(session, topic, f"t{t}-q{n}", stem=stem, as_of="2001-01-01")
    session.flush()


def test_the_page_takes_the_same_number_of_queries_for_one_topic_and_for_five(app, client, auth):
    auth.login(role="instructor")
    counts = []
    for keys in (range(0, 1), range(1, 5)):
        with app.app_context():
            add_topics(db.session, keys)
            db.session.commit()
        with count_queries() as statements:
            page = client.get("/authoring/health").text
        assert page.count('<th scope="row">Topic-') == keys.stop
        counts.append(len(statements))

    assert counts[0] == counts[1], counts


def test_a_hindi_reader_sees_the_topics_by_their_hindi_names(app, client, auth):
    with app.app_context():
        made_bank(db.session)
        for topic in db.session.scalars(select(Topic)):
            topic.name_hi = {"blood-relations": "रक्त संबंध", "current-affairs": "समसामयिकी"}.get(topic.key, "")
        db.session.commit()
    auth.login(role="instructor")
    auth.choose_language("hi")

    page = client.get("/authoring/health").text

    assert '<th scope="row">रक्त संबंध</th>' in page and '<th scope="row">समसामयिकी</th>' in page
    assert '<th scope="row">Series</th>' in page  # a topic without a Hindi name keeps its English one
    assert "<td>समसामयिकी</td>" in page[page.index('id="stale-table"') :]  # a fact due for review
    pattern = page[page.index('id="pattern-table"') : page.index('id="topic-table"')]
    assert "समसामयिकी" in pattern and "Current affairs" not in page and "Blood relations" not in page
