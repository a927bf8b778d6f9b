"""The exam page's texts: passages shown with their questions, the same on every view, and a bounded cache."""

from __future__ import annotations

import random

from tests.exam.test_engine import group
from tests.factories import make_topic
from trainer.auth.models import User
from trainer.core.clock import utcnow
from trainer.exam import paper
from trainer.exam.patterns import get_pattern, topic_pattern
from trainer.exam.shown import FragmentCache
from trainer.extensions import db


def test_passages_are_on_the_page_on_its_first_view_and_every_later_one(app, client, auth):
    user = auth.login()
    with app.app_context():
        topic = make_topic(db.session, "english", "reading")
        first, second = group(db.session, topic, "rc-one", 2), group(db.session, topic, "rc-two", 2)
        first.rendered = {"passage": "<p>Stored text of one.</p>", "hindi_passage": ""}  # as the importer stores it
        pattern = topic_pattern(get_pattern("tier1-2025"), "english", ("reading",), 4)
        attempt = paper.start_attempt(db.session, db.session.get(User, user.id), pattern, utcnow(), random.Random(1))
        db.session.commit()
        ids = (first.id, second.id)

    pages = [client.get(f"/attempts/{attempt.id}").get_data(as_text=True) for _ in range(2)]

    for page in pages:
        assert "<p>Stored text of one.</p>" in page
        assert "<p>Passage rc-two.</p>" in page  # stored without its HTML: rendered when shown
        assert page.index(f'id="passage-{ids[0]}"') < page.index(f'id="passage-{ids[1]}"')


def test_the_cache_keeps_the_texts_shown_most_recently():
    cache = FragmentCache(size=2)
    cache.put_many({("q", 1, "a"): {"stem": "one"}, ("q", 2, "b"): {"stem": "two"}})
    cache.get_many({("q", 1, "a")})  # shown again: now the most recent
    cache.put_many({("q", 3, "c"): {"stem": "three"}})

    assert cache.get_many({("q", 1, "a"), ("q", 2, "b"), ("q", 3, "c")}).keys() == {("q", 1, "a"), ("q", 3, "c")}
    assert cache.get_many({("q", 1, "other hash")}) == {}  # a row id used again with other content is not mistaken


def test_a_worker_warmed_up_shows_a_first_paper_without_reading_its_texts(app, client, auth):
    from tests.factories import count_queries, make_bank
    from trainer.exam.shown import fragment_cache
    from trainer.web import warm_up

    user = auth.login()
    with app.app_context():
        make_bank(db.session, per_section=30)
        topic = make_topic(db.session, "english", "reading-extra")
        group(db.session, topic, "rc-warm", 2)
        db.session.commit()
    warm_up(app)  # as each gunicorn worker does when it starts
    assert len(fragment_cache(app)._html) == 4 * 30 + 2 + 1  # every question, the group's two and its passage
    with app.app_context():
        attempt = paper.start_attempt(db.session, db.session.get(User, user.id), get_pattern("tier1-2025"), utcnow(),
                                      random.Random(1))  # fmt: skip
        db.session.commit()

    with count_queries() as statements:
        page = client.get(f"/attempts/{attempt.id}")
    assert page.status_code == 200
    assert not [s for s in statements if "rendered" in s]  # every text came from the warmed cache
