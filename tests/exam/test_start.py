"""Starting is cheap: versions rendered once, a constant number of statements, windows not the bank, the pool."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tests.factories import (
    count_queries,
    fill_pool,
    make_bank,
    make_question,
    make_topic,
    make_user,
    shown_counts,
)
from trainer.bank import drawindex, pool
from trainer.bank.models import Question, QuestionVersion, Topic
from trainer.bank.parsing import QuestionContent
from trainer.bank.service import add_version
from trainer.exam import paper, screen, seen
from trainer.exam.models import Attempt, SeenSummary, Slot
from trainer.exam.patterns import get_pattern, topic_pattern
from trainer.extensions import db

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
TIER1 = "tier1-2025"
CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')


def start(session, user, pattern=None, seed=1):
    return paper.start_attempt(session, user, pattern or get_pattern(TIER1), T0, random.Random(seed))


def statements_of_a_start(session, user, pattern=None, seed=1) -> list[str]:
    """The statements of a start in a process that has prepared its draw index already (its usual state)."""
    session.commit()
    drawindex.current(session)
    with count_queries() as statements:
        start(session, user, pattern, seed)
    session.commit()
    return statements


def topic_test(topic_key: str, count: int):
    return topic_pattern(get_pattern(TIER1), "reasoning", (topic_key,), count)


def test_a_version_is_rendered_once_when_it_is_made_and_stored_with_it(session):
    topic = make_topic(session, "quant", "quant-t0")
    question = make_question(
        session, topic, "q-math", stem="Find $x^2$ **now**", options=("<b>one</b>", "two", "three", "four"),
        explanation="Because <script>alert(1)</script> *so*.",
        hindi=("हिन्दी $y$", ("एक", "दो", "तीन", "चार"), "क्योंकि"),
    )  # fmt: skip
    html = question.versions[0].rendered
    assert "<math" in html["stem"] and "<strong>now</strong>" in html["stem"]
    assert html["options"][0] == "<b>one</b>" and "<script" not in html["explanation"]
    assert "<math" in html["hindi"]["stem"] and html["hindi"]["options"] == ["एक", "दो", "तीन", "चार"]
    assert question.current_version_id == question.versions[0].id


def test_the_exam_and_result_pages_use_the_stored_html_and_render_nothing(app, client, auth, monkeypatch):
    with app.app_context():
        make_bank(db.session)
        db.session.commit()
    auth.login()
    token = CSRF_META.search(client.get("/tests").text).group(1)
    location = client.post(f"/tests/{TIER1}", data={"declaration": "y", "csrf_token": token}).headers["Location"]

    def refuse(*_args):
        raise AssertionError("rendered on a page view")

    monkeypatch.setattr(screen, "render_version", refuse)
    monkeypatch.setattr(screen, "render_passage", refuse)
    page = client.get(location)
    assert page.status_code == 200 and "Question quant-q000 about quant-t0?" in page.text
    token = CSRF_META.search(page.text).group(1)
    client.post(f"{location}/submit", data={"csrf_token": token})
    result = client.get(f"{location}/result")
    assert result.status_code == 200 and "Because one." in result.text


def test_an_edit_moves_the_pointer_but_an_attempt_keeps_the_version_it_showed(session):
    topic = make_topic(session, "reasoning", "reasoning-t0")
    question = make_question(session, topic, "q-edit")
    attempt = start(session, make_user(session), topic_test("reasoning-t0", 1))
    shown = attempt.slots[0].version_id
    content = QuestionContent(
        section="reasoning", topic="reasoning-t0", difficulty="easy", stem="Edited?", options=("a", "b", "c", "d"),
        answer=1, explanation="Edited.", source="test",
    )  # fmt: skip
    edited = add_version(session, question, content, topic)
    assert question.current_version_id == edited.id != shown
    session.expire_all()
    assert session.get(Attempt, attempt.id).slots[0].version.stem == "Question q-edit about reasoning-t0?"
    again = start(session, make_user(session), topic_test("reasoning-t0", 1))
    assert again.slots[0].version_id == edited.id


@pytest.mark.parametrize("items", [1, 300])
def test_a_topic_start_runs_the_same_few_statements_with_1_or_300_items(session, items):
    topic = make_topic(session, "reasoning", "reasoning-t0")
    for n in range(items):
        make_question(session, topic, f"q-{n}")
    statements = statements_of_a_start(session, make_user(session), topic_test("reasoning-t0", 1))
    inserts = [s for s in statements if s.lstrip().upper().startswith("INSERT")]
    assert len(statements) == 4, statements  # the bank's stamp, what the candidate has seen, attempt, slots
    assert len(inserts) == 2 and "INSERT INTO slot" in inserts[1]


def test_a_mock_start_runs_the_same_statements_small_bank_big_bank_and_after_earlier_starts(session):
    make_bank(session, per_section=25)
    user = make_user(session)
    small = statements_of_a_start(session, user)
    for section in ("reasoning", "awareness", "quant", "english"):  # more topics and six times the questions
        topics = [make_topic(session, section, f"{section}-extra{i}") for i in range(3)]
        topics += list(session.scalars(select(Topic).where(Topic.section == section)))
        for n in range(125):
            make_question(session, topics[n % len(topics)], f"{section}-more-{n}")
    others = [make_user(session) for _ in range(3)]
    for n, other in enumerate(others):
        start(session, other, seed=n)
    big = statements_of_a_start(session, user, seed=5)
    assert len(small) == 4
    assert len(big) == 5  # one more: the slots of the candidate's attempt made since their summary (none yet)
    slots = [s for s in big if "INSERT INTO slot" in s]
    assert len(slots) == 1  # 100 slots, one statement


def test_a_start_hands_back_its_attempt_and_stores_every_slot_as_drawn(session):
    make_bank(session, per_section=25)
    user = make_user(session)
    pattern = get_pattern(TIER1)
    attempt = start(session, user, pattern)
    assert session.get(Attempt, attempt.id) is attempt  # the session's object, as the ORM would have made it
    assert (attempt.user_id, attempt.state, attempt.mode, attempt.score, attempt.finished_at) == (
        user.id, "in_progress", "strict", None, None,
    )  # fmt: skip
    session.commit()
    session.expire_all()
    slots = session.scalars(select(Slot).where(Slot.attempt_id == attempt.id).order_by(Slot.position)).all()
    rules = [rule for rule in pattern.ordered_sections() for _ in range(rule.questions)]
    assert [s.position for s in slots] == list(range(len(rules)))
    assert [(s.section, s.marks_right, s.marks_wrong) for s in slots] == [
        (r.key, r.marks_right, r.marks_wrong) for r in rules
    ]
    assert all(sorted(s.option_order) == [0, 1, 2, 3] for s in slots)
    assert len({s.version_id for s in slots}) == len(slots)


def test_slot_values_that_need_quoting_are_stored_as_given(session):
    make_bank(session, per_section=25)
    attempt = start(session, make_user(session))
    version = session.scalar(select(Slot.version_id).where(Slot.attempt_id == attempt.id).limit(1))
    sections = ['odd "key", {here}', "back\\slash", "NULL", ""]
    rows = [(1000 + n, name, version, (3, 2, 1, 0), 2.5, -0.75) for n, name in enumerate(sections)]
    paper.insert_slots(session, attempt.id, rows)
    session.commit()
    stored = session.execute(
        select(Slot.section, Slot.option_order, Slot.marks_right, Slot.marks_wrong)
        .where(Slot.attempt_id == attempt.id, Slot.position >= 1000)
        .order_by(Slot.position)
    ).all()
    assert [tuple(row) for row in stored] == [(name, [3, 2, 1, 0], 2.5, -0.75) for name in sections]


def test_a_candidates_history_costs_a_start_the_same_few_statements_however_long_it_grows(session):
    make_bank(session, per_section=30)
    user = make_user(session)
    starts = [statements_of_a_start(session, user, topic_test("reasoning-t0", 1), seed=n) for n in range(12)]
    # stamp, summary + attempts since, [their slots], attempt, slots, [fold]: never more, however many attempts
    assert [len(s) for s in starts] == [4] + [6 if n % seen.FOLD_AFTER == 0 else 5 for n in range(1, 12)]
    for statements in starts:  # every read before the first write: SQLite's write lock is held only at the end
        writes = [s.lstrip().upper().startswith("INSERT") for s in statements]
        assert writes == sorted(writes) and writes.count(True) == len(statements) - (3 if len(statements) > 4 else 2)


def test_the_folded_summary_counts_what_every_attempt_showed(session):
    make_bank(session, per_section=30)
    user = make_user(session)
    for n in range(7):
        start(session, user, topic_test("reasoning-t0", 3), seed=n)
        session.commit()
    assert seen.read(session, user.id).counts == shown_counts(session, user.id)
    summary = session.get(SeenSummary, user.id)
    assert summary is not None and summary.through_attempt < max(a.id for a in session.scalars(select(Attempt)))


def test_a_start_takes_a_short_window_of_a_big_topic_not_the_topic(session):
    topic = make_topic(session, "reasoning", "reasoning-t0")
    for n in range(400):
        make_question(session, topic, f"q-{n}")
    window = paper.Window("static", topic.id, 5)
    [read] = drawindex.current(session).window_rows([window], 0.5)
    assert len(read.rows) == 5 and read.cut  # five from the random point on; the topic has more
    assert len({r.qid for r in read.rows}) == 5 and all(r.draw_key >= 0.5 for r in read.rows)


def test_a_window_skips_what_the_candidate_has_seen_and_makes_up_a_shortfall_with_the_least_seen(session):
    topic = make_topic(session, "reasoning", "reasoning-t0")
    questions = [make_question(session, topic, f"q-{n}") for n in range(20)]
    index = drawindex.current(session)
    window = paper.Window("static", topic.id, 5)
    seen = {q.id: 1 for q in questions[:12]}
    [read] = index.window_rows([window], 0.0, seen)
    assert len(read.rows) == 5 and not {r.qid for r in read.rows} & set(seen)
    seen |= {q.id: 2 for q in questions[12:17]}  # three unseen left: two of the once-seen make up the window
    [read] = index.window_rows([window], 0.0, seen)
    assert len(read.rows) == 5 and read.cut
    assert sorted(seen.get(r.qid, 0) for r in read.rows) == [0, 0, 0, 1, 1]


def test_the_prepared_index_is_read_again_only_after_the_bank_changed(session):
    topic = make_topic(session, "reasoning", "reasoning-t0")
    questions = [make_question(session, topic, f"q-{n}") for n in range(3)]
    user = make_user(session)
    session.commit()
    first = drawindex.current(session)
    assert drawindex.current(session) is first  # nothing changed: the process's copy
    questions[0].status = "retired"
    session.commit()
    with count_queries() as statements:
        again = drawindex.current(session)
    assert again is not first and len(statements) == 4  # the stamp, then topics, questions, group members
    assert questions[0].id not in again.by_id
    drawn = {s.version.question_id for s in start(session, user, topic_test("reasoning-t0", 2)).slots}
    assert drawn == {questions[1].id, questions[2].id}


def test_a_question_published_in_another_session_is_drawn_at_once(app, session):
    topic = make_topic(session, "reasoning", "reasoning-t0")
    make_question(session, topic, "old")
    user = make_user(session)
    session.commit()
    drawindex.current(session)  # this process has prepared its copy of the bank
    with app.app_context():  # another request's session, as on another worker
        newcomer = make_question(db.session, topic, "new")
        db.session.commit()
        newcomer_id = newcomer.id
    drawn = {s.version.question_id for s in start(session, user, topic_test("reasoning-t0", 2)).slots}
    assert newcomer_id in drawn


def test_a_topic_short_of_items_makes_the_draw_read_the_other_topics_in_full_and_still_fill_the_section(session):
    heavy = make_topic(session, "reasoning", "heavy", weights={"tier1": "9"})
    light = make_topic(session, "reasoning", "light", weights={"tier1": "1"})
    for n in range(2):  # the paper wants about 9 of these; there are 2
        make_question(session, heavy, f"heavy-{n}")
    for n in range(40):  # a narrow window of this topic holds 4 of them
        make_question(session, light, f"light-{n}")
    pattern = topic_pattern(get_pattern(TIER1), "reasoning", ("heavy", "light"), 10)
    statements = statements_of_a_start(session, make_user(session), pattern)
    attempt = session.scalars(select(Attempt).order_by(Attempt.id.desc())).first()
    uids = [slot.version.question.uid for slot in attempt.slots]
    assert len(set(uids)) == 10 and {"heavy-0", "heavy-1"} <= set(uids)
    assert len(statements) == 4  # the narrow windows, then the full ones, both from the prepared index


def test_the_draw_still_prefers_unseen_questions_when_it_reads_windows(session):
    topic = make_topic(session, "reasoning", "reasoning-t0")
    for n in range(30):
        make_question(session, topic, f"q-{n}")
    user = make_user(session)
    met: list[int] = []
    for seed in range(6):  # 6 papers of 5 from 30 questions: no repeat while unseen ones are left
        attempt = start(session, user, topic_test("reasoning-t0", 5), seed)
        met += [s.version.question_id for s in attempt.slots]
    assert len(met) == len(set(met)) == 30


def test_preferred_questions_are_drawn_wherever_they_fall_in_the_draw_order(session):
    # a drill's earlier mistakes: the narrow window read from a random point may miss them; they are read by id
    topic = make_topic(session, "reasoning", "reasoning-t0")
    questions = [make_question(session, topic, f"q-{n}") for n in range(60)]
    user = make_user(session)
    for seed in range(8):
        wanted = tuple(q.id for q in random.Random(seed).sample(questions, 3))
        attempt = paper.start_attempt(
            session, user, topic_test("reasoning-t0", 5), T0, random.Random(seed), mode="practice", prefer=wanted
        )
        assert set(wanted) <= {s.version.question_id for s in attempt.slots}


def test_refilling_the_pool_tops_each_generator_up_once(session):
    make_topic(session, "quant", "percentage")
    added = fill_pool(session, per_generator=3)
    assert added and set(added.values()) == {3}
    assert fill_pool(session, per_generator=3) == {}
    sizes = pool.pool_sizes(session)
    assert all(sizes[key] == 3 for key in added)
    stored = session.scalars(select(QuestionVersion).where(QuestionVersion.generator.in_(added))).all()
    assert all(v.rendered and v.rendered["hindi"] for v in stored)


def test_a_start_takes_pooled_items_stores_none_and_never_repeats_one_while_the_pool_allows(session):
    make_topic(session, "quant", "percentage", weights={"tier1": "3"})
    fill_pool(session, per_generator=6)
    generated = session.scalar(select(func.count(Question.id)).where(Question.kind == "generator"))
    user = make_user(session)
    drill = topic_pattern(get_pattern(TIER1), "quant", ("percentage",), 3)
    available = pool.pool_sizes(session)
    met: list[int] = []
    for seed in range(sum(available.values()) // 3):
        attempt = start(session, user, drill, seed)
        met += [s.version.question_id for s in attempt.slots]
    assert len(met) == len(set(met)) == sum(available.values())
    assert session.scalar(select(func.count(Question.id)).where(Question.kind == "generator")) == generated
    attempt = start(session, user, drill, 99)  # the pool is used up for this candidate: seen ones come back
    assert len(attempt.slots) == 3


def test_the_pool_is_topped_up_in_the_background_after_a_start_when_it_runs_low(app):
    app.config["GENERATED_POOL_TOP_UP"] = True
    app.config["GENERATED_POOL_SIZE"] = 4
    with app.app_context():
        make_topic(db.session, "quant", "percentage")
        db.session.commit()
    pool.top_up.last = -pool.TopUp.EVERY_SECONDS
    thread = pool.top_up.soon(app)
    assert thread is not None
    thread.join(timeout=60)
    assert pool.top_up.soon(app) is None  # not again within the minute
    with app.app_context():
        sizes = pool.pool_sizes(db.session)
    assert sizes and set(sizes.values()) == {4}


def test_the_cli_refills_the_pool_for_cron(app, runner):
    with app.app_context():
        make_topic(db.session, "quant", "percentage")
        db.session.commit()
    first = runner.invoke(args=["bank", "refill-generated", "--per-generator", "2"])
    again = runner.invoke(args=["bank", "refill-generated", "--per-generator", "2"])
    assert first.exit_code == 0 and re.search(r"Added [1-9]\d* generated item", first.output)
    assert "Added 0 generated item(s)" in again.output
    with app.app_context():
        assert set(pool.pool_sizes(db.session).values()) == {2}
        assert db.session.scalar(select(func.count(Slot.id))) == 0


def test_a_worker_prepares_the_draw_index_before_its_first_start(app, session):
    from trainer.web import warm_up

    make_question(session, make_topic(session, "reasoning", "reasoning-t0"), "q-0")
    session.commit()
    drawindex._cache.clear()
    warm_up(app)  # trainer/wsgi.py, in each gunicorn worker before it takes requests
    with count_queries() as statements:
        drawindex.current(session)
    assert len(statements) == 1  # the stamp only: the index was ready
