"""A question's life: draft → published → retired, and back to draft by restoring it.

Only published questions are drawn into papers (trainer/exam/paper.py); attempts keep the version they showed,
so retiring a question changes no attempt. With the second-reader rule on, a question is published by another
instructor than the author of its newest version: that instructor is its approver.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from trainer.audit.service import record as audit
from trainer.bank.models import Question
from trainer.bank.service import latest_version
from trainer.core.clock import utcnow
from trainer.core.errors import Conflict

# action → (the statuses it applies to, the status it leads to)
TRANSITIONS = {
    "publish": (("draft",), "published"),
    "retire": (("draft", "published"), "retired"),
    "restore": (("retired",), "draft"),
}


def change_status(session: Session, question: Question, action: str, user_id: int, second_reader: bool) -> str:
    """Apply a workflow action; return the new status. Conflict if it does not apply now or the rule refuses it."""
    if action not in TRANSITIONS:
        raise Conflict(f"Unknown action {action!r}.")
    allowed, target = TRANSITIONS[action]
    if question.status not in allowed:
        raise Conflict(f"{question.uid} is {question.status}: it cannot be {past(action)}.")
    if action == "publish":
        newest = latest_version(session, question)
        if second_reader and newest is not None and newest.author_id == user_id:
            raise Conflict(
                f"You wrote version {newest.number} of {question.uid}: another instructor must read and publish it."
            )
        question.approved_by_id, question.approved_at = user_id, utcnow()
    before, question.status = question.status, target
    audit(session, user_id, action, ("question", question.uid), f"{question.uid}: {before} → {target}",
          status_before=before, status=target)  # fmt: skip
    session.flush()
    return target


def actions_for(status: str) -> list[str]:
    """The workflow actions that apply to a question with this status, in the order the page offers them."""
    return [action for action, (allowed, _target) in TRANSITIONS.items() if status in allowed]


def past(action: str) -> str:
    return {"publish": "published", "retire": "retired", "restore": "restored"}[action]
