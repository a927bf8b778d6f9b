"""Problem reports: a candidate files one on a question they were shown; staff read them grouped by question and
resolve them (dismiss, fixed by a new version with an optional regrade, or drop as ambiguous). Flushes only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from trainer.audit.service import record as audit
from trainer.auth.models import User
from trainer.bank.models import Question, QuestionVersion
from trainer.bank.service import latest_version, latest_version_ids
from trainer.core.access import Role
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.core.wording import N_
from trainer.exam.models import Attempt, Slot
from trainer.exam.service import IN_PROGRESS, get_attempt, slot_states
from trainer.reports.models import OPEN, REASONS, RESOLVED, ProblemReport, Regrade, ReportResolution
from trainer.reports.regrading import regrade_question

QUEUE_PAGE = 20  # questions per page of the queue
TEXTS_SHOWN = 20  # newest texts shown per question in the queue
RESOLUTIONS = {
    "dismissed": N_("No change needed (dismiss with a note)"),
    "fixed": N_("Fixed by the newest version"),
    "dropped": N_("Drop as ambiguous: full marks to every candidate, and retire the question"),
}


def reportable_slot(session: Session, user: User, attempt_id: int, position: int | None) -> tuple[Attempt, Slot]:
    """The user's own attempt and slot, once its answer is checked: a graded test, or a practice question whose
    answer was saved (its feedback is on screen). Another user's attempt or a bad position is NotFound."""
    attempt = get_attempt(session, attempt_id, user)
    if position is None:
        raise DomainError(N_("Say which question to report: `position` is its place in the paper (0, 1, 2...)."))
    if not 0 <= position < len(attempt.slots):
        raise NotFound(N_("No such question in this test."))
    if attempt.state == IN_PROGRESS:
        answered = attempt.mode == "practice" and slot_states(session, attempt)[position].answer is not None
        if not answered:
            raise Conflict(N_("You can report a question once you have seen its answer: after submitting the test, "
                              "or in practice once your answer is checked."))  # fmt: skip
    return attempt, attempt.slots[position]


def file_report(
    session: Session, user: User, attempt: Attempt, slot: Slot, reason: str, text: str, now: datetime
) -> tuple[ProblemReport, bool]:
    """Open a report on the version the slot showed, or update the user's open one on it; (report, created)."""
    if reason not in REASONS:
        raise Conflict(N_("Choose a reason from the list (not %(reason)r)."), reason=reason[:40])
    values = {"reason": reason, "text": text.strip()[:1000], "attempt_id": attempt.id, "position": slot.position}
    existing = _open_report(session, user.id, slot.version_id)
    if existing is None:
        report = ProblemReport(user_id=user.id, question_id=slot.version.question_id, version_id=slot.version_id,
                               created_at=now, updated_at=now, state=OPEN, **values)  # fmt: skip
        try:
            with session.begin_nested():  # a second tab may have filed one a moment ago: then update that one
                session.add(report)
            return report, True
        except IntegrityError:
            existing = _open_report(session, user.id, slot.version_id)
    for key, value in values.items():
        setattr(existing, key, value)
    existing.updated_at = now
    session.flush()
    return existing, False


def open_report_on(session: Session, user: User, slot: Slot) -> ProblemReport | None:
    """The user's open report on the version the slot showed, if any: the report form starts from it."""
    return _open_report(session, user.id, slot.version_id)


def _open_report(session: Session, user_id: int, version_id: int) -> ProblemReport | None:
    return session.scalar(
        select(ProblemReport).where(
            ProblemReport.user_id == user_id, ProblemReport.version_id == version_id, ProblemReport.state == OPEN
        )
    )


def get_report(session: Session, report_id: int, user: User) -> ProblemReport:
    """A report its author (or staff) may read; anyone else's is NotFound."""
    report = session.get(ProblemReport, report_id)
    if report is None or (report.user_id != user.id and user.role == Role.CANDIDATE):
        raise NotFound(N_("No such report."))
    return report


def reports_of(session: Session, user_id: int) -> list[tuple[ProblemReport, str, ReportResolution | None]]:
    """The user's reports, newest first, with the question id and the resolution (one query)."""
    rows = session.execute(
        select(ProblemReport, Question.uid, ReportResolution)
        .join(Question, Question.id == ProblemReport.question_id)
        .outerjoin(ReportResolution, ReportResolution.id == ProblemReport.resolution_id)
        .where(ProblemReport.user_id == user_id)
        .order_by(ProblemReport.updated_at.desc(), ProblemReport.id.desc())
        .limit(200)
    ).all()
    return [tuple(row) for row in rows]


def open_count(session: Session, question_id: int | None = None) -> int:
    """Open reports in the whole bank, or on one question."""
    query = select(func.count(ProblemReport.id)).where(ProblemReport.state == OPEN)
    if question_id is not None:
        query = query.where(ProblemReport.question_id == question_id)
    return session.scalar(query) or 0


@dataclass
class QueueEntry:
    question: Question
    version: QuestionVersion  # the newest
    counts: dict[str, int] = field(default_factory=dict)  # reason → open reports
    newest: datetime | None = None
    reports: list[tuple[ProblemReport, int]] = field(default_factory=list)  # newest first, with version number

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def queue(session: Session, page: int = 1) -> tuple[list[QueueEntry], int]:
    """Questions with open reports, most recently reported first: counts per reason and the newest reports.
    Three queries whatever the number of reports; returns (entries of the page, questions in all)."""
    grouped = session.execute(
        select(ProblemReport.question_id, ProblemReport.reason, func.count(), func.max(ProblemReport.created_at))
        .where(ProblemReport.state == OPEN)
        .group_by(ProblemReport.question_id, ProblemReport.reason)
    ).all()
    counts: dict[int, dict[str, int]] = {}
    newest: dict[int, datetime] = {}
    for question_id, reason, n, last in grouped:
        counts.setdefault(question_id, {})[reason] = n
        newest[question_id] = max(last, newest.get(question_id, last))
    order = sorted(newest, key=lambda q: (newest[q], q), reverse=True)
    page_ids = order[(max(page, 1) - 1) * QUEUE_PAGE :][:QUEUE_PAGE]
    if not page_ids:
        return [], len(order)
    latest = latest_version_ids()
    entries = {
        question.id: QueueEntry(question, version, counts[question.id], newest[question.id])
        for question, version in session.execute(
            select(Question, QuestionVersion)
            .join(latest, latest.c.question_id == Question.id)
            .join(QuestionVersion, QuestionVersion.id == latest.c.version_id)
            .where(Question.id.in_(page_ids))
        )
    }
    for report, number in session.execute(
        select(ProblemReport, QuestionVersion.number)
        .join(QuestionVersion, QuestionVersion.id == ProblemReport.version_id)
        .where(ProblemReport.state == OPEN, ProblemReport.question_id.in_(page_ids))
        .order_by(ProblemReport.created_at.desc(), ProblemReport.id.desc())
    ):
        shown = entries[report.question_id].reports
        if len(shown) < TEXTS_SHOWN:
            shown.append((report, number))
    return [entries[q] for q in page_ids if q in entries], len(order)


def open_reports(session: Session, question: Question) -> list[tuple[ProblemReport, int]]:
    """A question's open reports, newest first, with the number of the version each was filed on."""
    rows = session.execute(
        select(ProblemReport, QuestionVersion.number)
        .join(QuestionVersion, QuestionVersion.id == ProblemReport.version_id)
        .where(ProblemReport.question_id == question.id, ProblemReport.state == OPEN)
        .order_by(ProblemReport.created_at.desc(), ProblemReport.id.desc())
    ).all()
    return [tuple(row) for row in rows]


def resolve(
    session: Session, question: Question, kind: str, note: str, by: User, regrade: bool, now: datetime
) -> tuple[ReportResolution, Regrade | None]:
    """Close every open report on the question. "fixed" needs a version newer than every reported one and
    regrades against its key if asked; "dropped" regrades with full marks for everyone and retires the question.
    Conflict if there is nothing open or the fix is not saved yet."""
    reports = [report for report, _number in open_reports(session, question)]
    if not reports:
        raise Conflict(N_("%(uid)s has no open reports."), uid=question.uid)
    if kind not in RESOLUTIONS:
        raise Conflict(N_("Choose how to resolve the reports (not %(kind)r)."), kind=kind[:40])
    newest = latest_version(session, question)
    fixed_by = None
    if kind == "fixed":
        reported = {report.version_id for report in reports}
        if newest.id in reported:
            raise Conflict(
                N_("Version %(number)s is the one reported: edit the question to save the correction "
                   "as a new version first, then resolve the reports with it."),
                number=newest.number,
            )  # fmt: skip
        fixed_by = newest.id
    done = None
    if kind == "dropped" or (kind == "fixed" and regrade):
        why = note.strip() or {"dropped": "dropped as ambiguous", "fixed": "key corrected"}[kind]
        done = regrade_question(session, question, "drop" if kind == "dropped" else "key", by.id, why, now)
    resolution = ReportResolution(question_id=question.id, kind=kind, note=note.strip()[:1000], version_id=fixed_by,
                                  regrade_id=done.id if done else None, by_id=by.id, at=now)  # fmt: skip
    session.add(resolution)
    session.flush()
    for report in reports:
        report.state, report.resolution_id, report.updated_at = RESOLVED, resolution.id, now
    audit(session, by.id, "report", ("question", question.uid), f"Resolved {len(reports)} report(s) on "
          f"{question.uid}: {kind}", kind=kind, reports=[r.id for r in reports], note=note.strip()[:300],
          regrade_id=done.id if done else None)  # fmt: skip
    session.flush()
    return resolution, done
