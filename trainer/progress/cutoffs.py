"""The latest cut-off the prediction compares against: one lookup, so the results feature's table plugs in here."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Cutoff:
    year: int
    category: str
    marks: float
    source: str


def latest_cutoff(session: Session, paper: str, category: str) -> Cutoff | None:
    """The most recent cut-off of `paper` for `category`, or None when no cut-off data is stored.

    Cut-offs are editable data owned by the results feature (issue #10, its `cutoff` table, being built in
    another branch); until that table is merged there is no data to read, so this returns None and the progress
    page says the chance of clearing cannot be given yet. Wiring it is this one function's body.
    """
    return None
