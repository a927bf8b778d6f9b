"""Chart geometry for server-rendered SVG: where each point, line and tick goes. No drawing library, no script."""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 28, 12, 36  # room for the y labels on the left, the last x label, the x labels below
MAX_X_LABELS = 6


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]  # one per x position; None: nothing to plot there


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    label: str


@dataclass(frozen=True)
class Line:
    name: str
    css: str  # series-1, series-2 ...: colours and markers live in static/css/site.css
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Tick:
    at: float  # x or y in chart coordinates
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: list[Line]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    plot: tuple[float, float, float, float]  # left, top, right, bottom of the plotting area


def line_chart(
    x_labels: list[str], series: list[Series], y_min: float, y_max: float, y_ticks: list[float], unit: str = ""
) -> Chart:
    """Lay out series over evenly spaced x positions, y from y_min (bottom) to y_max (top)."""
    if y_max <= y_min:
        raise ValueError("y_max must be above y_min")
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    count = len(x_labels)

    def x_at(i: int) -> float:
        return (LEFT + right) / 2 if count == 1 else LEFT + i * (right - LEFT) / (count - 1)

    def y_at(v: float) -> float:
        share = (min(max(v, y_min), y_max) - y_min) / (y_max - y_min)
        return bottom - share * (bottom - TOP)

    lines = [
        Line(
            s.name,
            f"series-{n % 6 + 1}",
            [Point(x_at(i), y_at(v), v, x_labels[i]) for i, v in enumerate(s.values) if v is not None],
        )
        for n, s in enumerate(series)
    ]
    step = max(1, -(-count // MAX_X_LABELS))
    x_ticks = [Tick(x_at(i), x_labels[i]) for i in range(0, count, step)]
    return Chart(
        WIDTH,
        HEIGHT,
        lines,
        [Tick(y_at(v), f"{v:g}{unit}") for v in y_ticks],
        x_ticks,
        (LEFT, TOP, right, bottom),
    )


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round tick values covering low..high (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    span = max(high - low, 1e-9)
    raw = span / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = (low // step) * step
    ticks = []
    value = start
    while value <= high + step / 2 and len(ticks) < 12:
        ticks.append(round(value, 6))
        value += step
    return ticks
