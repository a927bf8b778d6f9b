"""The batch dashboard as CSV: one row per member, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from trainer.batches.dashboard import Dashboard

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell as a formula


def safe(value: str) -> str:
    """A name or title as a plain-text cell: one that a spreadsheet would take for a formula gets a leading '."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def dashboard_csv(data: Dashboard) -> str:
    """Member, e-mail, joined, last strict mock, recent mock %, accuracy, behind (reasons), each topic's mastery
    (blank without answers, * below enough data), and done / not done for each assignment; dates in the batch's zone."""

    def day(when: datetime) -> str:
        return f"{when.astimezone(data.zone):%Y-%m-%d}"

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["member", "email", "joined", "last strict mock", "recent mocks %", "accuracy %", "behind"]
        + [safe(f"{w.section}: {w.name}") for w in data.topics]
        + [safe(f"{a.assignment.title} (due {day(a.assignment.due_at)})") for a in data.assignments]
    )
    for m in data.members:
        writer.writerow(
            [
                safe(m.user.name),
                safe(m.user.email),
                day(m.joined_at),
                day(m.last_mock) if m.last_mock else "",
                f"{m.level:.0f}" if m.level is not None else "",
                f"{m.accuracy * 100:.0f}" if m.accuracy is not None else "",
                " ".join(m.behind),
            ]
            + [c.text.rstrip("%*") + ("*" if c.band == "few" else "") if c.answered else "" for c in m.cells]
            + ["done" if m.user.id in a.done else "not done" for a in data.assignments]
        )
    return out.getvalue()
