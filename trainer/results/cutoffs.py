"""Cut-offs as data: load a CSV (all rows or none), the admin's edits, and the cut-offs a result is compared with."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.auth.models import CATEGORIES
from trainer.core.errors import DomainError, NotFound
from trainer.core.wording import N_
from trainer.exam.patterns import all_patterns
from trainer.results.cutoff_data import CutoffRow, parse_cutoffs
from trainer.results.models import Cutoff

BUNDLED = Path(__file__).with_name("cutoffs.csv")


def papers() -> set[str]:
    """The papers cut-offs can be given for: those the exam patterns name (tier1, tier2)."""
    return {p.paper for p in all_patterns().values()}


def read_file(path: Path) -> list[CutoffRow]:
    """The checked rows of a cut-off CSV; raises CutoffFileError (file:line for each problem)."""
    return parse_cutoffs(path.read_text(encoding="utf-8-sig"), str(path), papers(), CATEGORIES)


def load_rows(session: Session, rows: list[CutoffRow]) -> tuple[int, int]:
    """Add each row, or replace the stored cut-off with the same paper, stage, year and category.

    Returns (added, replaced). Flushes only: the caller commits, so a file is loaded whole or not at all.
    """
    stored = {(c.paper, c.stage, c.year, c.category): c for c in session.scalars(select(Cutoff))}
    added = replaced = 0
    for row in rows:
        cutoff = stored.get(row.key)
        if cutoff is None:
            cutoff = Cutoff()
            session.add(cutoff)
            added += 1
        else:
            replaced += 1
        _fill(cutoff, row)
    session.flush()
    return added, replaced


def load_bundled_if_empty(session: Session) -> int:
    """First start: the bundled Tier-I cut-offs, only into an empty table (an admin's edits are never undone)."""
    if session.scalar(select(func.count(Cutoff.id))):
        return 0
    return load_rows(session, read_file(BUNDLED))[0]


def _fill(cutoff: Cutoff, row: CutoffRow) -> None:
    cutoff.paper, cutoff.stage, cutoff.year, cutoff.category = row.paper, row.stage, row.year, row.category
    cutoff.marks, cutoff.out_of, cutoff.source, cutoff.note = row.marks, row.out_of, row.source, row.note


def list_cutoffs(session: Session) -> list[Cutoff]:
    return list(session.scalars(select(Cutoff).order_by(Cutoff.paper, Cutoff.stage, Cutoff.year.desc(), Cutoff.id)))


def get_cutoff(session: Session, cutoff_id: int) -> Cutoff:
    cutoff = session.get(Cutoff, cutoff_id)
    if cutoff is None:
        raise NotFound(N_("No such cut-off."))
    return cutoff


def save_cutoff(session: Session, row: CutoffRow, cutoff: Cutoff | None = None) -> Cutoff:
    """Add a cut-off (cutoff None) or change one; DomainError if another has the same paper, stage, year, category."""
    same = (Cutoff.paper == row.paper, Cutoff.stage == row.stage, Cutoff.year == row.year)
    clash = session.scalar(select(Cutoff).where(*same, Cutoff.category == row.category))
    if clash is not None and clash is not cutoff:
        raise DomainError(
            N_("There is already a %(year)s %(category)s cut-off for %(stage)s (%(paper)s)."),
            year=row.year,
            category=row.category,
            stage=row.stage,
            paper=row.paper,
        )
    if cutoff is None:
        cutoff = Cutoff()
        session.add(cutoff)
    _fill(cutoff, row)
    session.flush()
    return cutoff


def delete_cutoff(session: Session, cutoff: Cutoff) -> None:
    session.delete(cutoff)
    session.flush()


def cutoffs_for(session: Session, paper: str, category: str) -> list[CutoffRow]:
    """The cut-offs of a paper for one category, as plain rows."""
    rows = session.scalars(select(Cutoff).where(Cutoff.paper == paper, Cutoff.category == category))
    return [CutoffRow(c.paper, c.stage, c.year, c.category, c.marks, c.out_of, c.source, c.note) for c in rows]
