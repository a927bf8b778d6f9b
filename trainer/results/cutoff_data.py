"""Pure cut-off data: reading a cut-off CSV (every problem as file:line) and comparing a score with cut-offs."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

from trainer.core.errors import DomainError
from trainer.core.wording import N_

COLUMNS = ("paper", "stage", "year", "category", "marks", "out_of", "source", "note")
REQUIRED = ("paper", "stage", "year", "category", "marks", "out_of")


@dataclass(frozen=True)
class CutoffRow:
    paper: str
    stage: str
    year: int
    category: str
    marks: float
    out_of: float
    source: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.paper, self.stage, self.year, self.category)


class CutoffFileError(ValueError):
    """The file has problems; `problems` lists each as `file:line: what is wrong`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class CutoffRowError(DomainError, ValueError):
    """What is wrong with one row: `str()` in English (the CLI), the message and its values for the catalogue."""


def _number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CutoffRowError(N_("%(column)s %(value)s is not a number"), column=what, value=repr(text)) from None
    if not math.isfinite(value):
        raise CutoffRowError(N_("%(column)s %(value)s is not a number"), column=what, value=repr(text))
    return value


def check_row(raw: dict[str, str], papers: set[str], categories: tuple[str, ...]) -> CutoffRow:
    """One row as a CutoffRow, or CutoffRowError (a ValueError) saying what is wrong with it."""
    values = {name: (raw.get(name) or "").strip() for name in COLUMNS}
    missing = [name for name in REQUIRED if not values[name]]
    if missing:
        raise CutoffRowError(N_("empty %(columns)s"), columns=", ".join(missing))
    if values["paper"] not in papers:
        raise CutoffRowError(
            N_("unknown paper %(paper)s (one of %(papers)s)"),
            paper=repr(values["paper"]),
            papers=", ".join(sorted(papers)),
        )
    if values["category"] not in categories:
        raise CutoffRowError(
            N_("unknown category %(category)s (one of %(categories)s)"),
            category=repr(values["category"]),
            categories=", ".join(categories),
        )
    if not values["year"].isdigit() or not 1990 <= int(values["year"]) <= 2100:
        raise CutoffRowError(N_("year %(year)s is not a year between 1990 and 2100"), year=repr(values["year"]))
    marks, out_of = _number(values["marks"], "marks"), _number(values["out_of"], "out_of")
    if out_of <= 0 or not 0 <= marks <= out_of:
        raise CutoffRowError(
            N_("marks %(marks)s must be between 0 and out_of %(out_of)s, and out_of above 0"),
            marks=f"{marks:g}",
            out_of=f"{out_of:g}",
        )
    for name in ("stage", "source", "note"):
        if len(values[name]) > (120 if name == "stage" else 255):
            raise CutoffRowError(N_("%(column)s is too long"), column=name)
    return CutoffRow(
        values["paper"], values["stage"], int(values["year"]), values["category"], marks, out_of,
        values["source"], values["note"],
    )  # fmt: skip


def parse_cutoffs(text: str, filename: str, papers: set[str], categories: tuple[str, ...]) -> list[CutoffRow]:
    """Every row of a cut-off CSV (header: paper,stage,year,category,marks,out_of,source,note).

    Raises CutoffFileError listing every problem as `file:line: ...`; a file with any problem yields nothing.
    """
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    absent = [name for name in REQUIRED if name not in header]
    if absent:
        raise CutoffFileError([f"{filename}:1: the header lacks {', '.join(absent)} (expected {','.join(COLUMNS)})"])
    rows, problems, seen = [], [], {}
    for raw in reader:
        line = reader.line_num
        if None in raw:
            problems.append(f"{filename}:{line}: more fields than the header has")
            continue
        try:
            row = check_row(raw, papers, categories)
        except ValueError as exc:
            problems.append(f"{filename}:{line}: {exc}")
            continue
        if row.key in seen:
            problems.append(f"{filename}:{line}: the same paper, stage, year and category as line {seen[row.key]}")
            continue
        seen[row.key] = line
        rows.append(row)
    if problems:
        raise CutoffFileError(problems)
    return rows


@dataclass(frozen=True)
class CutoffLine:
    """One cut-off beside the candidate's score (scaled to the cut-off's maximum when the two differ)."""

    year: int
    stage: str
    marks: float
    out_of: float
    score: float
    scaled: bool
    source: str
    note: str

    @property
    def cleared(self) -> bool:
        return self.score >= self.marks


def compare(cutoffs: list[CutoffRow], score: float, max_marks: float) -> list[CutoffLine]:
    """Each cut-off, newest first, with the score it is compared with and whether that score clears it."""
    lines = []
    for c in sorted(cutoffs, key=lambda c: (-c.year, c.stage)):
        scaled = not math.isclose(c.out_of, max_marks)
        mine = score * c.out_of / max_marks if scaled and max_marks else score
        lines.append(CutoffLine(c.year, c.stage, c.marks, c.out_of, mine, scaled, c.source, c.note))
    return lines
