"""Trends from attempt summaries: score per pattern and accuracy per section over recent attempts, as charts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from trainer.core.wording import ENGLISH, Wording
from trainer.exam.patterns import test_name
from trainer.progress.charts import Chart, Series, line_chart, nice_ticks

PATTERN_CHARTS = 3  # score charts for the most recently sat patterns


@dataclass(frozen=True)
class ScoreTrend:
    name: str
    chart: Chart
    rows: list[tuple[str, float, float]]  # (date, score, max) for the table alternative


@dataclass(frozen=True)
class AccuracyTrend:
    chart: Chart
    sections: list[str]
    rows: list[tuple[str, list[float | None]]]  # (date, accuracy per section) for the table alternative


@dataclass(frozen=True)
class Trends:
    scores: list[ScoreTrend]
    accuracy: AccuracyTrend | None
    attempts: int


def day_label(when: datetime) -> str:
    """A point's date in English ("05 Dec"); pages pass one formatted for the reader's locale instead."""
    return when.strftime("%d %b")


def score_trends(
    summaries: list, label: Callable[[datetime], str] = day_label, words: Wording = ENGLISH
) -> list[ScoreTrend]:
    """One score chart per pattern (the most recently sat first), over the given summaries (oldest first)."""
    by_pattern: dict[str, list] = {}
    for s in reversed(summaries):
        by_pattern.setdefault(s.pattern_code, []).append(s)
    trends = []
    for rows in list(by_pattern.values())[:PATTERN_CHARTS]:
        rows.reverse()
        top = max(r.max_marks for r in rows) or 1.0
        ticks = nice_ticks(min(0.0, *(r.score for r in rows)), top)
        chart = line_chart(
            [label(r.finished_at) for r in rows],
            [Series(words.gettext("Score"), [r.score for r in rows])],
            ticks[0],
            ticks[-1],
            ticks,
        )
        name = test_name(rows[-1].pattern_code, rows[-1].name, words)
        trends.append(ScoreTrend(name, chart, [(label(r.finished_at), r.score, r.max_marks) for r in rows]))
    return trends


def accuracy_trend(summaries: list, label: Callable[[datetime], str] = day_label) -> AccuracyTrend | None:
    """Accuracy (right among answered) per section, one line per section name; None without attempts."""
    if not summaries:
        return None
    names: list[str] = []
    for s in summaries:
        for section in s.sections.values():
            if section["name"] not in names:
                names.append(section["name"])
    rows = []
    for s in summaries:
        by_name = {v["name"]: v for v in s.sections.values()}
        rows.append((label(s.finished_at), [_accuracy(by_name.get(name)) for name in names]))
    series = [Series(name, [row[1][i] for row in rows]) for i, name in enumerate(names)]
    chart = line_chart([r[0] for r in rows], series, 0, 100, [0, 25, 50, 75, 100], "%")
    return AccuracyTrend(chart, names, rows)


def _accuracy(section: dict | None) -> float | None:
    if section is None or section["right"] + section["wrong"] == 0:
        return None
    return round(100 * section["right"] / (section["right"] + section["wrong"]), 1)


def trends(summaries: list, label: Callable[[datetime], str] = day_label, words: Wording = ENGLISH) -> Trends:
    """Score and accuracy charts over the summaries (oldest first), dates written by `label`."""
    return Trends(score_trends(summaries, label, words), accuracy_trend(summaries, label), len(summaries))
