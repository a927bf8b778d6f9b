"""Import plan: compare checked items with the database (new / changed / unchanged / conflict), then import them
through `bank.service.import_bank`, the same path native files take. Flushes; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.audit.service import record as audit
from trainer.bank.interchange.formats import Reading, detect, read_any
from trainer.bank.models import Question, QuestionVersion
from trainer.bank.parsing import Problem
from trainer.bank.service import ImportReport, hindi_tuple, import_bank, latest_version_ids
from trainer.bank.taxonomy import SectionDef
from trainer.bank.validation import BankCheck
from trainer.core.wording import N_

STATES = ("new", "changed", "unchanged", "conflict")


class ConflictsRefused(ValueError):
    """Items would overwrite newer versions made since (e.g. web edits); nothing was imported."""


@dataclass(frozen=True)
class PlanLine:
    where: str  # file:line
    uid: str
    state: str  # new, changed, unchanged, conflict, error
    note: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.state:<9} {self.uid}" + (f"  ({self.note})" if self.note else "")


@dataclass
class Plan:
    lines: list[PlanLine] = field(default_factory=list)

    def uids(self, state: str) -> list[str]:
        return [line.uid for line in self.lines if line.state == state]

    def summary(self, errors: int = 0) -> str:
        """`3 new, 1 changed, ...`: counts per state, with the errors found before planning."""
        counts = {state: len(self.uids(state)) for state in STATES} | {"error": errors}
        return ", ".join(f"{n} {state}" for state, n in counts.items())


def version_hashes(session: Session) -> dict[str, list[str]]:
    """uid -> content hashes of its versions, oldest first (one query)."""
    rows = session.execute(
        select(Question.uid, QuestionVersion.content_hash)
        .join(QuestionVersion, QuestionVersion.question_id == Question.id)
        .order_by(Question.uid, QuestionVersion.number)
    )
    hashes: dict[str, list[str]] = {}
    for uid, digest in rows:
        hashes.setdefault(uid, []).append(digest)
    return hashes


def state_of(digest: str, history: list[str] | None) -> str:
    """new (no such id), unchanged (same as the newest version), conflict (same as an OLDER version: the
    database has a newer one the file does not know), or changed."""
    if not history:
        return "new"
    if digest == history[-1]:
        return "unchanged"
    return "conflict" if digest in history[:-1] else "changed"


def reconcile(session: Session, check: BankCheck) -> list[Problem]:
    """Fit items from a format without Hindi or groups (GIFT, Moodle XML, Aiken) to the questions they update.

    An item whose English text equals the newest version's keeps that version's Hindi text (a round trip through
    GIFT is 'unchanged', not a version without Hindi). A file never publishes a question the database holds as a
    draft or retired (publishing is the workflow's step): a passing item keeps the database's status. A question
    of a passage group cannot be updated from such a file: an error (file:line: message) is returned for it and
    the item is dropped."""
    latest = latest_version_ids()
    rows = session.execute(
        select(Question.uid, Question.status, QuestionVersion)
        .join(latest, latest.c.question_id == Question.id)
        .join(QuestionVersion, QuestionVersion.id == latest.c.version_id)
        .where(Question.uid.in_(list(check.questions)))
    )
    errors = []
    for uid, current_status, version in rows:
        content, status, parsed = check.questions[uid]
        status = current_status if status == "published" else status
        if version.group_version_id is not None:
            errors.append(
                Problem(
                    parsed.path,
                    parsed.line,
                    N_("%(uid)r is a question of a passage group: change it in the native format", uid=uid),
                )
            )
            del check.questions[uid]
            continue
        if content.hindi is None and version.hindi and _same_english(content, version):
            content = replace(content, hindi=hindi_tuple(version))
        check.questions[uid] = (content, status, parsed)
    return errors


def _same_english(content, version: QuestionVersion) -> bool:
    return (content.stem, list(content.options), content.answer, content.explanation) == (
        version.stem, list(version.options), version.answer, version.explanation
    )  # fmt: skip


def plan_import(session: Session, check: BankCheck, where: dict[str, str], notes: dict[str, str]) -> Plan:
    """One line per item of the check, in file order; `where` gives each uid's file:line, `notes` a remark."""
    hashes = version_hashes(session)
    plan = Plan()
    for uid, (content, _status, _parsed) in check.questions.items():
        state = state_of(content.content_hash(), hashes.get(uid))
        plan.lines.append(PlanLine(where[uid], uid, state, notes.get(uid, "")))
    return plan


def prepare(
    session: Session, path: Path, fmt: str | None, mapping: dict[str, str], taxonomy: dict[str, SectionDef]
) -> tuple[Reading, Plan]:
    """Read PATH (format by extension unless given), run every gate, and compare with the database: what an
    import would do, changing nothing. The CLI's `bank import` and a web upload share it."""
    fmt = detect(path, fmt)
    reading = read_any(path, fmt, mapping, taxonomy)
    if fmt != "native":
        reading.errors += reconcile(session, reading.check)
    return reading, plan_import(session, reading.check, reading.where, {})


def apply_plan(
    session: Session,
    check: BankCheck,
    plan: Plan,
    taxonomy: dict[str, SectionDef],
    conflicts: str = "refuse",
    actor_id: int | None = None,
) -> ImportReport:
    """Import the checked items. conflicts: "refuse" (raise ConflictsRefused), "skip" (leave the database's newer
    version alone) or "overwrite" (the file's content becomes the newest version)."""
    conflicted = plan.uids("conflict")
    if conflicted and conflicts == "refuse":
        raise ConflictsRefused(
            f"{len(conflicted)} item(s) would overwrite a newer version in the database ({', '.join(conflicted[:5])}"
            f"{'...' if len(conflicted) > 5 else ''}): use --skip-conflicts or --overwrite-conflicts"
        )
    if conflicted and conflicts == "skip":
        kept = {uid: entry for uid, entry in check.questions.items() if uid not in set(conflicted)}
        check = BankCheck(kept, check.problems, check.groups, check.parsed)
    report = import_bank(session, check, taxonomy)
    audit(session, actor_id, "import", ("bank", "import"), f"Imported {report}", created=report.created[:500],
          new_versions=report.new_versions[:500], unchanged=report.unchanged, conflicts=conflicts)  # fmt: skip
    return report
