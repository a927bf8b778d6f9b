"""What the result page adds for reports: regrade notices on the attempt and the candidate's own reports on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.core.wording import ENGLISH, Wording
from trainer.reports.models import REASONS, ProblemReport, Regrade, RegradeEntry, ReportResolution
from trainer.reports.regrade import letter
from trainer.results.report import section_numbers


@dataclass(frozen=True)
class Notice:
    number: int  # the question's number inside its section
    section: str  # the section's name
    at: datetime
    old_key: str
    new_key: str | None  # None: dropped as ambiguous
    old_score: float
    new_score: float

    def sentence(self, words: Wording = ENGLISH) -> str:
        """The notice in English, or in the reader's language with the interface's `words`."""
        _ = words.gettext
        what = (
            _("key corrected from %(old)s to %(new)s", old=self.old_key, new=self.new_key)
            if self.new_key
            else _("dropped as ambiguous, full marks to every candidate")
        )
        return _(
            "Question %(number)s of %(section)s was regraded on %(day)s: %(what)s; your score changed from %(old)s "
            "to %(new)s.",
            number=self.number,
            section=self.section,
            day=words.day(self.at),
            what=what,
            old=f"{self.old_score:.2f}",
            new=f"{self.new_score:.2f}",
        )


def regrade_notices(session: Session, attempt, section_names: dict[str, str]) -> list[Notice]:
    """The regrades that touched this attempt, oldest first (one query)."""
    rows = session.execute(
        select(RegradeEntry, Regrade.at)
        .join(Regrade, Regrade.id == RegradeEntry.regrade_id)
        .where(RegradeEntry.attempt_id == attempt.id)
        .order_by(RegradeEntry.id)
    ).all()
    numbers = section_numbers(attempt)
    notices = []
    for entry, at in rows:
        slot = attempt.slots[entry.position]
        new_key = None if entry.new_key is None else letter(entry.new_key)
        notices.append(
            Notice(
                numbers[entry.position],
                section_names.get(slot.section, slot.section),
                at,
                letter(entry.old_key),
                new_key,
                entry.old_score,
                entry.new_score,
            )  # fmt: skip
        )
    return notices


def my_reports(session: Session, attempt, user_id: int) -> dict[int, tuple[ProblemReport, ReportResolution | None]]:
    """The candidate's reports on the versions this attempt showed, by slot position (one query)."""
    positions = {slot.version_id: slot.position for slot in attempt.slots}
    if not positions:
        return {}
    rows = session.execute(
        select(ProblemReport, ReportResolution)
        .outerjoin(ReportResolution, ReportResolution.id == ProblemReport.resolution_id)
        .where(ProblemReport.user_id == user_id, ProblemReport.version_id.in_(list(positions)))
        .order_by(ProblemReport.id)
    ).all()
    return {positions[report.version_id]: (report, resolution) for report, resolution in rows}


def result_extras(session: Session, attempt, user_id: int, section_names: dict[str, str]) -> dict:
    """Template values for the result page: notices, the candidate's reports and the reasons to report."""
    return {
        "regrade_notices": regrade_notices(session, attempt, section_names),
        "my_reports": my_reports(session, attempt, user_id),
        "report_reasons": REASONS,
    }
