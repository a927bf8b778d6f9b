"""The progress page's data as plain JSON values (GET /api/v1/progress)."""

from __future__ import annotations

from trainer.progress.dashboard import Progress


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def progress_json(data: Progress, reviews_due: int) -> dict:
    """Topics with mastery and interval, study next with marks at stake, trends, prediction, target."""
    forecast, target = data.forecast, data.target
    prediction = forecast.prediction
    return {
        "topics": [
            {
                "section": t.section,
                "topic": t.key,
                "name": t.name,
                "mastery": _r(t.mastery.mean),
                "low": _r(t.mastery.low),
                "high": _r(t.mastery.high),
                "answered": t.attempted,
                "enough_data": t.mastery.enough_data,
            }
            for t in data.topics
        ],
        "study_next": [
            {
                "section": s.topic.section,
                "topic": s.topic.key,
                "name": s.topic.name,
                "marks_at_stake": _r(s.marks, 2),
                "reason": s.reason,
            }
            for s in data.study_next
        ],
        "reviews_due": reviews_due,
        "trends": {
            "scores": [
                {"pattern": t.name, "points": [{"date": d, "score": score, "max": top} for d, score, top in t.rows]}
                for t in data.trends.scores
            ],
            "accuracy": (
                {
                    "sections": data.trends.accuracy.sections,
                    "points": [{"date": d, "accuracy": values} for d, values in data.trends.accuracy.rows],
                }
                if data.trends.accuracy
                else None
            ),
        },
        "prediction": {
            "paper": "tier1",
            "mocks": forecast.mocks,
            "score": _r(prediction.score, 2) if prediction else None,
            "low": _r(prediction.low, 2) if prediction else None,
            "high": _r(prediction.high, 2) if prediction else None,
            "category": forecast.category,
            "cutoff": (
                {"year": forecast.cutoff.year, "marks": forecast.cutoff.marks, "source": forecast.cutoff.source}
                if forecast.cutoff
                else None
            ),
            "chance_of_clearing": _r(forecast.chance),
        },
        "target": {
            "paper": target.paper,
            "exam_date": target.exam_date.isoformat() if target.exam_date else None,
            "days_left": target.days_left,
            "plan": [
                {
                    "starts": w.starts.isoformat(),
                    "ends": w.ends.isoformat(),
                    "mocks": w.mocks,
                    "drills": [t.name for t in w.drills],
                }
                for w in target.plan
            ],
        },
    }
