"""Score distributions kept at grading time, and where one attempt stands in them (a handful of rows per read)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import BigInteger, case, cast, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from trainer.core.db import insert_skipping_duplicates
from trainer.results.distribution import TOP_SHARE, Standing, Summary, standing_of, to_centimarks, with_score
from trainer.results.models import TOTAL, FirstAttempt, ScoreBin

STRICT = "strict"


def counts_in_ranks(attempt) -> bool:
    """Strict attempts at full papers and sectional tests are ranked; practice and topic tests (whose topics
    differ from one candidate to the next) are not."""
    return attempt.mode == STRICT and (attempt.pattern or {}).get("kind", "full") != "topic"


def record_graded_attempt(session: Session, attempt, states, grade) -> bool:
    """Add a just-graded attempt to its pattern's distributions if it is the candidate's first counted one.

    Runs in the grading transaction. The first-attempt row is claimed with INSERT ... ON CONFLICT DO NOTHING, so
    of two attempts graded at the same moment only one is counted. Returns True if this attempt was counted.
    """
    if not counts_in_ranks(attempt):
        return False
    claim = insert_skipping_duplicates(session, FirstAttempt.__table__, ("user_id", "pattern_code"))
    values = {"user_id": attempt.user_id, "pattern_code": attempt.pattern_code, "attempt_id": attempt.id}
    # RETURNING says whether the row went in (psycopg reports no rowcount for this statement through the session)
    if session.execute(claim.returning(FirstAttempt.__table__.c.attempt_id), values).first() is None:
        return False
    seconds: dict[str, float] = defaultdict(float)
    for slot, state in zip(attempt.slots, states):
        seconds[slot.section] += state.seconds
    rows = [_bin_row(attempt.pattern_code, TOTAL, grade.total, sum(seconds.values()))]
    rows += [_bin_row(attempt.pattern_code, key, s.score, seconds[key]) for key, s in grade.sections.items()]
    session.execute(_add_to_bins(session.get_bind().dialect.name), rows)
    return True


def _bin_row(pattern_code: str, section: str, marks: float, seconds: float) -> dict:
    return {
        "pattern_code": pattern_code,
        "section": section,
        "centimarks": to_centimarks(marks),
        "count": 1,
        "seconds": seconds,
    }


def _add_to_bins(dialect_name: str):
    """INSERT a bin or add to the existing one, atomically (concurrent gradings never lose a count)."""
    dialect = {"sqlite": sqlite, "postgresql": postgresql}[dialect_name]
    table = ScoreBin.__table__
    statement = dialect.insert(table)
    return statement.on_conflict_do_update(
        index_elements=["pattern_code", "section", "centimarks"],
        set_={
            "count": table.c.count + statement.excluded.count,
            "seconds": table.c.seconds + statement.excluded.seconds,
        },
    )


def move_in_distributions(session: Session, pattern_code: str, moves) -> None:
    """Apply a regrade's bin moves (trainer.reports.regrade.BinMove: section, centimarks, ±count, ±seconds) to a
    pattern's distributions, atomically; bins left with nobody in them are removed (a topper must be someone)."""
    if not moves:
        return
    rows = [
        {"pattern_code": pattern_code, "section": m.section, "centimarks": m.centimarks, "count": m.count,
         "seconds": m.seconds}
        for m in moves
    ]  # fmt: skip
    session.execute(_add_to_bins(session.get_bind().dialect.name), rows)
    session.execute(
        delete(ScoreBin).where(
            ScoreBin.pattern_code == pattern_code,
            ScoreBin.count <= 0,
            ScoreBin.section.in_({m.section for m in moves}),
        )
    )


@dataclass
class Standings:
    """Where an attempt stands on its pattern: overall (key TOTAL) and per section."""

    counted: bool  # this attempt is its candidate's counted (first strict) attempt
    by_section: dict[str, Standing] = field(default_factory=dict)

    @property
    def overall(self) -> Standing:
        return self.by_section.get(TOTAL, Standing(0))


def summaries(session: Session, pattern_code: str, marks: dict[str, float]) -> dict[str, Summary]:
    """`distribution.summarise` of each section's bins for the given marks (by section), in one SQL query.

    The database folds the bins (one per distinct score: bounded by the marking, not by the candidates) and sends
    back one row per section, so the cost of a page view does not grow with the number of candidates.
    """
    ranked = select(
        ScoreBin.section,
        ScoreBin.centimarks,
        ScoreBin.count,
        ScoreBin.seconds,
        func.sum(ScoreBin.count).over(partition_by=ScoreBin.section).label("total"),
        func.sum(ScoreBin.count)  # candidates in this bin and the bins above it (a running sum: one pass)
        .over(partition_by=ScoreBin.section, order_by=ScoreBin.centimarks.desc(), rows=(None, 0))
        .label("down_to"),
    ).where(ScoreBin.pattern_code == pattern_code)
    bins = ranked.subquery()
    mine = case({key: to_centimarks(value) for key, value in marks.items()}, value=bins.c.section, else_=0)
    in_top = bins.c.down_to - bins.c.count < TOP_SHARE * bins.c.total  # those above this bin are under 10%
    query = select(
        bins.c.section,
        func.max(bins.c.total),
        func.sum(case((bins.c.centimarks > mine, bins.c.count), else_=0)),
        func.max(bins.c.centimarks),
        func.sum(cast(bins.c.count, BigInteger) * bins.c.centimarks),  # beyond 32 bits at 100,000 candidates
        func.sum(case((in_top, bins.c.count), else_=0)),
        func.sum(case((in_top, bins.c.seconds), else_=0.0)),
    ).group_by(bins.c.section)
    return {
        section: Summary(int(total), int(higher), top, int(centimark_sum), int(top_count), float(top_seconds))
        for section, total, higher, top, centimark_sum, top_count, top_seconds in session.execute(query)
    }


def standings(session: Session, attempt) -> Standings:
    """Rank, percentile, topper, average and the top 10%'s pace of a graded attempt: two small queries."""
    counted_id = session.scalar(
        select(FirstAttempt.attempt_id).where(
            FirstAttempt.user_id == attempt.user_id, FirstAttempt.pattern_code == attempt.pattern_code
        )
    )
    marks = {TOTAL: attempt.result["total"]} | {k: s["score"] for k, s in attempt.result["sections"].items()}
    found = summaries(session, attempt.pattern_code, marks)
    counted = counted_id == attempt.id
    by_section = {}
    for key, value in marks.items():
        summary = found.get(key)
        if summary is not None and not counted:
            summary = with_score(summary, value)  # placed as if it counted: "would rank 5 out of 5"
        by_section[key] = standing_of(summary) if summary is not None else Standing(0)
    return Standings(counted, by_section)
