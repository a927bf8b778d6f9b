"""The pool of generated items, prepared ahead: a start draws stored items instead of generating them."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.bank.generators import all_generators, generate
from trainer.bank.models import Question, QuestionVersion, Topic
from trainer.bank.service import add_version
from trainer.config import flag, whole_number

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


def refill(
    session: Session,
    rng: random.Random,
    per_generator: int = PER_GENERATOR,
    below: int | None = None,
    done: Callable[[], None] = lambda: None,
) -> dict[str, int]:
    """Top every generator whose topic is in the taxonomy up to `per_generator` items (only those with fewer than
    `below`, when given); return how many were added per generator.

    Each item is a question of its own (keyed by generator, seed and difficulty), rendered once like any version.
    The items of one generator are made first and then written together, and `done` is called after each generator
    (the CLI and the top-up commit there), so a refill never holds the database's write lock for long. Safe to run
    again, and from cron: a full pool adds nothing. Flushes; commits only through `done`.
    """
    topics = {(t.section, t.key): t for t in session.scalars(select(Topic))}
    have = pool_sizes(session)
    added: dict[str, int] = {}
    for gen in sorted(all_generators().values(), key=lambda g: g.key):
        topic = topics.get((gen.section, gen.topic))
        missing = per_generator - have.get(gen.key, 0)
        if topic is None or missing <= 0 or (below is not None and have.get(gen.key, 0) >= below):
            continue
        made = []
        for _ in range(missing):
            seed = rng.getrandbits(48)
            difficulty = rng.choices([d for d, _ in DIFFICULTY_MIX], [w for _, w in DIFFICULTY_MIX])[0]
            made.append((seed, difficulty, generate(gen, seed, difficulty)))
        for seed, difficulty, content in made:
            question = Question(uid=f"gen-{gen.key}-{seed}-{difficulty}", kind="generator", status="published")
            session.add(question)
            version = add_version(session, question, content, topic)
            version.generator, version.seed = gen.key, seed
        session.flush()
        done()
        added[gen.key] = missing
    return added


class TopUp:
    """Tops the pool up in a background thread after a start, at most one at a time and once a minute per process,
    so that no candidate's start waits for generating; another worker's top-up at the same moment only adds a few
    items more."""

    EVERY_SECONDS = 60.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last = -self.EVERY_SECONDS

    def soon(self, app: Flask) -> threading.Thread | None:
        """Start a top-up unless one ran recently or is running; the thread, or None."""
        if not flag(app.config, "GENERATED_POOL_TOP_UP") or not self.lock.acquire(blocking=False):
            return None
        if time.monotonic() - self.last < self.EVERY_SECONDS:
            self.lock.release()
            return None
        self.last = time.monotonic()
        thread = threading.Thread(target=self._run, args=(app,), name="pool-top-up", daemon=True)
        thread.start()
        return thread

    def _run(self, app: Flask) -> None:
        from trainer.extensions import db

        try:
            with app.app_context():
                size = whole_number(app.config, "GENERATED_POOL_SIZE")
                try:
                    added = refill(db.session, random.Random(), size, below=size // 2, done=db.session.commit)
                    if added:
                        app.logger.info("generated pool topped up: %s", added)
                except Exception:  # a failed top-up must not be silent, nor take the worker down
                    db.session.rollback()
                    app.logger.exception("topping up the generated pool failed")
                finally:
                    db.session.remove()
        finally:
            self.lock.release()


top_up = TopUp()
