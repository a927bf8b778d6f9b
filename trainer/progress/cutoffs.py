"""The latest cut-off the prediction compares against, read from the results feature's editable cut-offs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from trainer.results.cutoffs import cutoffs_for


@dataclass(frozen=True)
class Cutoff:
    year: int
    category: str
    marks: float
    source: str


def latest_cutoff(session: Session, paper: str, category: str, out_of: float) -> Cutoff | None:
    """The most recent cut-off of `paper` for `category`, in marks out of `out_of`; None when none is stored."""
    rows = cutoffs_for(session, paper, category)
    if not rows:
        return None
    row = max(rows, key=lambda r: r.year)
    return Cutoff(row.year, row.category, row.marks * out_of / row.out_of, row.source)
