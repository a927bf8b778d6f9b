"""The pool of generated items, prepared ahead: a start draws stored items instead of generating them."""

from __future__ import annotations

import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.bank.generators import all_generators, generate
from trainer.bank.models import Question, QuestionVersion, Topic
from trainer.bank.service import add_version

PER_GENERATOR = 40  # items kept per generator: storage stays bounded however many papers are drawn
DIFFICULTY_MIX = (("easy", 35), ("medium", 45), ("hard", 20))


def pool_sizes(session: Session) -> dict[str, int]:
    """How many published generated items each generator has in the pool, by generator key."""
    rows = session.execute(
        select(QuestionVersion.generator, func.count(Question.id))
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(Question.kind == "generator", Question.status == "published")
        .group_by(QuestionVersion.generator)
    )
    return {key: count for key, count in rows if key}


def refill(session: Session, rng: random.Random, per_generator: int = PER_GENERATOR) -> dict[str, int]:
    """Top every generator whose topic is in the taxonomy up to `per_generator` items; return what was added.

    Each item is a question of its own (keyed by generator, seed and difficulty), rendered once like any version.
    Safe to run again, and from cron: a full pool adds nothing. Flushes, does not commit.
    """
    have = pool_sizes(session)
    topics = {(t.section, t.key): t for t in session.scalars(select(Topic))}
    added: dict[str, int] = {}
    for gen in sorted(all_generators().values(), key=lambda g: g.key):
        topic = topics.get((gen.section, gen.topic))
        missing = per_generator - have.get(gen.key, 0)
        if topic is None or missing <= 0:
            continue
        for _ in range(missing):
            seed = rng.getrandbits(48)
            difficulty = rng.choices([d for d, _ in DIFFICULTY_MIX], [w for _, w in DIFFICULTY_MIX])[0]
            question = Question(uid=f"gen-{gen.key}-{seed}-{difficulty}", kind="generator", status="published")
            session.add(question)
            version = add_version(session, question, generate(gen, seed, difficulty), topic)
            version.generator, version.seed = gen.key, seed
        added[gen.key] = missing
    session.flush()
    return added


def is_low(sizes: dict[str, int], per_generator: int = PER_GENERATOR) -> bool:
    """True when some generator has fewer than half its items (a top-up is worth starting)."""
    return any(sizes.get(key, 0) < per_generator // 2 for key in all_generators())
