"""Plain factory functions with defaults and **overrides, and the Auth helper that signs in by role."""

from __future__ import annotations

import itertools
import re
from contextlib import contextmanager
from pathlib import Path

from trainer.auth.service import create_user
from trainer.bank.models import Question, Topic
from trainer.bank.parsing import QuestionContent
from trainer.bank.service import add_version, import_bank
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.bank.validation import check_bank
from trainer.config import PROJECT_ROOT

PASSWORD = "correct horse battery"
TIER1_SECTIONS = ("reasoning", "awareness", "quant", "english")
_emails = itertools.count(1)


def make_user(session, **overrides):
    values = {
        "email": f"user{next(_emails)}@example.com",
        "password": PASSWORD,
        "name": "Test Candidate",
        "role": "candidate",
        "category": "UR",
        "scribe_eligible": False,
    } | overrides
    return create_user(session, values.pop("email"), values.pop("password"), **values)


def make_topic(session, section="quant", key="percentage", **overrides) -> Topic:
    topic = Topic(
        section=section,
        key=key,
        name=overrides.pop("name", key.title()),
        name_hi=overrides.pop("name_hi", ""),
        weights=overrides.pop("weights", {"tier1": "1", "tier2": "1"}),
        weight_source="test",
    )
    session.add(topic)
    session.flush()
    return topic


def make_question(session, topic: Topic, uid: str | None = None, **overrides) -> Question:
    """A published question with one version; by default option A (index 0) is the key."""
    content = QuestionContent(
        **(
            {
                "section": topic.section,
                "topic": topic.key,
                "difficulty": "easy",
                "stem": f"Question {uid or ''} about {topic.key}?",
                "options": ("one", "two", "three", "four"),
                "answer": 0,
                "explanation": "Because one.",
                "source": "test",
            }
            | overrides
        )
    )
    question = Question(uid=uid or f"{topic.section}-{topic.key}-{next(_emails)}", status="published")
    session.add(question)
    add_version(session, question, content, topic)
    return question


def make_bank(session, per_section: int = 25, sections=TIER1_SECTIONS, topics_per_section: int = 5):
    """Enough synthetic questions to draw a paper: per_section in each section, spread over topics."""
    questions = []
    for section in sections:
        topics = [make_topic(session, section, f"{section}-t{i}") for i in range(topics_per_section)]
        for n in range(per_section):
            topic = topics[n % topics_per_section]
            questions.append(make_question(session, topic, f"{section}-q{n:03d}", answer=n % 4))
    session.flush()
    return questions


def load_bundled_bank(session):
    """Import the real bank shipped in question_bank/."""
    root = PROJECT_ROOT / "question_bank"
    return import_bank(session, check_bank(root), load_taxonomy(find_taxonomy(root)))


def fill_pool(session, per_generator: int = 8, seed: int = 7) -> dict[str, int]:
    """Prepare the generated items' pool, as start-up or `bank refill-generated` does on a real site."""
    import random

    from trainer.bank.pool import refill

    return refill(session, random.Random(seed), per_generator)


def write_bank(folder: Path, files: dict[str, str], taxonomy: str | None = None) -> Path:
    """A bank folder for tests: the real taxonomy unless another is given, and the given files."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "taxonomy.yaml").write_text(
        taxonomy or (PROJECT_ROOT / "question_bank" / "taxonomy.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for name, body in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return folder


def question_text(
    uid: str, section: str = "quant", topic: str = "percentage", difficulty: str = "easy", stem: str = ""
) -> str:
    """One question in the bank file format (option A is the key)."""
    return f"""---
id: {uid}
section: {section}
topic: {topic}
difficulty: {difficulty}
answer: A
source: original
---
{stem or f"Question {uid}?"}

A) one
B) two
C) three
D) four

Explanation:
Because one.
"""


CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')


class Auth:
    """Sign in through the real login form (with its CSRF token)."""

    def __init__(self, app, client):
        self.app, self.client = app, client

    def token(self, url: str = "/login") -> str:
        html = self.client.get(url).get_data(as_text=True)
        return CSRF_META.search(html).group(1)

    def login(self, role: str = "candidate", **overrides):
        from trainer.extensions import db

        with self.app.app_context():
            user = make_user(db.session, role=role, **overrides)
            db.session.commit()
            email = user.email
        response = self.client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": self.token()})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    def logout(self):
        return self.client.post("/logout", data={"csrf_token": self.token("/tests")})

    def choose_language(self, language: str) -> None:
        """A signed-in user picks the interface language in the header switch (kept on the account)."""
        form = {"language": language, "next": "/tests", "csrf_token": self.token("/tests")}
        assert self.client.post("/language", data=form).status_code == 302


@contextmanager
def count_queries(engine=None):
    """The SQL statements run on the engine (the app's, by default) inside the block, as a list."""
    from sqlalchemy import event

    from trainer.extensions import db

    engine = engine or db.engine
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def shown_counts(session, user_id: int) -> dict[int, int]:
    """How often each question was shown to the candidate, counted the slow way: every slot of every attempt."""
    from sqlalchemy import func, select

    from trainer.bank.models import QuestionVersion
    from trainer.exam.models import Attempt, Slot

    return dict(
        session.execute(
            select(QuestionVersion.question_id, func.count())
            .join(Slot, Slot.version_id == QuestionVersion.id)
            .join(Attempt, Attempt.id == Slot.attempt_id)
            .where(Attempt.user_id == user_id)
            .group_by(QuestionVersion.question_id)
        ).all()
    )
