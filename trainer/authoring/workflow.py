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
from trainer.core.wording import N_

# action → (the statuses it applies to, the status it leads to)
TRANSITIONS = {
    "publish": (("draft",), "published"),
    "retire": (("draft", "published"), "retired"),
    "restore": (("retired",), "draft"),
}
# Statuses, difficulties and the buttons' words are English keys, translated where a page shows them.
SHOWN_WORDS = (N_("draft"), N_("published"), N_("retired"), N_("Publish"), N_("Retire"), N_("Restore"))
DIFFICULTY_WORDS = (N_("easy"), N_("medium"), N_("hard"))
# Why an action does not apply to an item's status (the item is %(uid)s).
REFUSALS = {
    ("published", "publish"): N_("%(uid)s is published: it cannot be published."),
    ("retired", "publish"): N_("%(uid)s is retired: it cannot be published."),
    ("retired", "retire"): N_("%(uid)s is retired: it cannot be retired."),
    ("draft", "restore"): N_("%(uid)s is draft: it cannot be restored."),
    ("published", "restore"): N_("%(uid)s is published: it cannot be restored."),
}


def change_status(session: Session, question: Question, action: str, user_id: int, second_reader: bool) -> str:
    """Apply a workflow action; return the new status. Conflict if it does not apply now or the rule refuses it."""
    if action not in TRANSITIONS:
        raise Conflict(N_("Unknown action %(action)r."), action=action)
    allowed, target = TRANSITIONS[action]
    if question.status not in allowed:
        raise refusal(question.uid, question.status, action)
    if action == "publish":
        newest = latest_version(session, question)
        if second_reader and newest is not None and newest.author_id == user_id:
            raise Conflict(
                N_("You wrote version %(number)s of %(uid)s: another instructor must read and publish it."),
                number=newest.number,
                uid=question.uid,
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


def refusal(uid: str, status: str, action: str) -> Conflict:
    """The Conflict for an action that does not apply to an item (question or group) with this status."""
    return Conflict(REFUSALS.get((status, action), N_("%(uid)s cannot change from its status now.")), uid=uid)
