"""The one place that reads the wall clock; pure code takes `now` as a parameter instead."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)
