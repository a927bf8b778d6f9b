"""A bank every Tier-I paper draws whole, two candidates who sat it, and a way to correct a question's key."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from tests.factories import make_bank, make_user
from tests.results.sitting import by_section, sit
from trainer.authoring.service import content_of, save_edit
from trainer.bank.service import latest_version


@dataclass
class Sitting:
    """Candidate A answered every quant question right; B answered quant wrong. `question` is A's first quant one."""

    a: object
    b: object
    attempt_a: object
    attempt_b: object
    question: object
    position: int  # the question's slot in A's paper
    b_answer: int  # what B answered to it (an option index as written): the key a correction moves to


@pytest.fixture
def sitting(session) -> Sitting:
    return make_sitting(session)


def make_sitting(session) -> Sitting:
    make_bank(session)  # 25 questions per section: every Tier-I paper shows all of them
    a, b = make_user(session, name="Asha"), make_user(session, name="Bilal")
    attempt_a = sit(session, a, by_section(quant="R"))
    attempt_b = sit(session, b, by_section(quant="W"), seed=2)
    slot = next(s for s in attempt_a.slots if s.section == "quant")
    question = slot.version.question
    b_slot = next(s for s in attempt_b.slots if s.version.question_id == question.id)
    b_answer = attempt_b.result["answers"][b_slot.position]
    session.commit()
    return Sitting(a, b, attempt_a, attempt_b, question, slot.position, b_answer)


def correct_key(session, question, answer: int, author_id: int | None = None, note: str = "Key corrected."):
    """Save a new version of the question whose key is `answer` (as an instructor's edit does)."""
    current = latest_version(session, question)
    content = replace(content_of(current), answer=answer)
    return save_edit(session, question, content, question.status, author_id, current, note)
