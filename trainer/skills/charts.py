"""The typing history's two charts (speed, error percentage), laid out by the progress feature's chart geometry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from trainer.core.wording import ENGLISH, Wording
from trainer.progress.charts import Chart, Series, line_chart, nice_ticks
from trainer.skills.evaluation import REQUIRED_KDPH


def progress_charts(
    scored, words: Wording = ENGLISH, label: Callable[[datetime], str] = lambda when: f"{when:%d %b}"
) -> dict[str, Chart] | None:
    """{"speed": ..., "errors": ...} over the scored attempts (oldest first), or None with nothing scored."""
    if not scored:
        return None
    labels = [label(a.finished_at) for a in scored]
    speeds = [a.kdph or 0.0 for a in scored]
    errors = [a.error_pct or 0.0 for a in scored]
    speed_ticks = nice_ticks(0, max([*speeds, REQUIRED_KDPH]) * 1.1)
    error_ticks = nice_ticks(0, max([*errors, 30.0]))
    return {
        "speed": line_chart(
            labels,
            [
                Series(words.gettext("Key depressions per hour"), speeds),
                Series(words.gettext("Needed (8,000)"), [REQUIRED_KDPH] * len(scored)),
            ],
            0,
            speed_ticks[-1],
            speed_ticks,
        ),
        "errors": line_chart(
            labels, [Series(words.gettext("Error %"), errors)], 0, error_ticks[-1], error_ticks, unit="%"
        ),
    }
