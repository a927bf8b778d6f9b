"""The one place that reads the wall clock; pure code takes `now` as a parameter instead."""

from datetime import UTC, date, datetime, tzinfo


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def days_since(when: datetime, today: date, zone: tzinfo = UTC) -> int:
    """Whole days from the date `when` fell on to `today`, both dates where the reader is: a topic practised at
    00:30 IST on 7 Dec was practised today for a candidate in India on 7 Dec, though in UTC it was still the 6th."""
    return (today - when.astimezone(zone).date()).days
