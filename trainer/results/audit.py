"""The auditable record of a graded attempt: every step, every question's version, key and grade, the totals."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.exam.grading import Outcome
from trainer.exam.grading import verdict as graded_verdict
from trainer.exam.models import Step
from trainer.results.report import section_numbers

FORMAT = "aso-trainer-attempt/1"
CSV_COLUMNS = (
    "position", "section", "number", "topic", "version_id", "content_hash", "key", "answer", "outcome", "marks",
    "marks_right", "marks_wrong", "seconds",
)  # fmt: skip


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def question_rows(attempt, states) -> list[dict]:
    """One row per question, in paper order; `key` and `answer` are option indexes as written (0 = first)."""
    rows = []
    for slot, state, number in zip(attempt.slots, states, section_numbers(attempt)):
        verdict = graded_verdict(state.answer, slot.key, slot.dropped)
        marks = {Outcome.RIGHT: slot.marks_right, Outcome.WRONG: -slot.marks_wrong, Outcome.BLANK: 0.0}[verdict]
        rows.append(
            {
                "position": slot.position,
                "section": slot.section,
                "number": number,
                "topic": slot.version.topic.name,
                "version_id": slot.version_id,
                "content_hash": slot.version.content_hash,
                "key": slot.key,  # as graded: a regrade's corrected key
                "dropped": slot.dropped,
                "answer": state.answer,
                "outcome": verdict.value,
                "marks": marks,
                "marks_right": slot.marks_right,
                "marks_wrong": slot.marks_wrong,
                "seconds": round(state.seconds, 3),
                "option_order": slot.option_order,
            }
        )
    return rows


def step_rows(session: Session, attempt) -> list[dict]:
    """Every stored step in storage order, with the page's time and the server's."""
    positions = {slot.id: slot.position for slot in attempt.slots}
    steps = session.scalars(select(Step).where(Step.attempt_id == attempt.id).order_by(Step.id))
    return [
        {
            "id": s.id,
            "client_id": s.client_id,
            "kind": s.kind,
            "position": positions.get(s.slot_id),
            "value": s.value,
            "client_time": _iso(s.client_time),
            "server_time": _iso(s.server_time),
        }
        for s in steps
    ]


def attempt_record(session: Session, attempt, states) -> dict:
    """The attempt as JSON-ready data: re-grading `questions` with trainer.exam.grading gives `totals`."""
    return {
        "format": FORMAT,
        "attempt": {
            "id": attempt.id,
            "pattern_code": attempt.pattern_code,
            "mode": attempt.mode,
            "state": attempt.state,
            "started_at": _iso(attempt.started_at),
            "deadline": _iso(attempt.deadline),
            "finished_at": _iso(attempt.finished_at),
            "extra_minutes": attempt.extra_minutes,
        },
        "pattern": attempt.pattern,  # the rules the attempt ran under: sections, marks, timers
        "totals": {
            "total": attempt.result["total"],
            "max": attempt.result["max"],
            "sections": attempt.result["sections"],
        },
        "questions": question_rows(attempt, states),
        "steps": step_rows(session, attempt),
    }


def attempt_csv(attempt, states) -> str:
    """One row per question (the columns of CSV_COLUMNS)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in question_rows(attempt, states):
        writer.writerow({**row, "answer": "" if row["answer"] is None else row["answer"]})
    return out.getvalue()
