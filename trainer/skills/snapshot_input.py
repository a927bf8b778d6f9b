"""The typing page's snapshot (JSON, or the submit form's hidden fields) read into a Snapshot, or why not."""

from __future__ import annotations

from trainer.exam.step_input import _client_time  # the exam's own rule for a page's time: ISO 8601 with its zone
from trainer.skills.service import MAX_STEP_ID, MAX_TEXT, Snapshot


class MalformedSnapshot(ValueError):
    """The body is not a snapshot; the message says which field and why."""


def _count(raw: dict, name: str, high: int) -> int:
    value = raw.get(name, 0)
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
        raise MalformedSnapshot(f"`{name}` must be a whole number from 0 to {high:,}")
    return value


def parse_snapshot(raw: object) -> Snapshot:
    """{"id": str, "text": str, "at": ISO time, "keys": int, "pastes": int} -> Snapshot; MalformedSnapshot if not."""
    if not isinstance(raw, dict):
        raise MalformedSnapshot("the body must be a JSON object with the fields id, text and at")
    step_id, text = raw.get("id"), raw.get("text")
    if not isinstance(step_id, str) or not 0 < len(step_id) <= MAX_STEP_ID:
        raise MalformedSnapshot(f"`id` must be a non-empty string of at most {MAX_STEP_ID} characters")
    if not isinstance(text, str):
        raise MalformedSnapshot("`text` must be a string")
    if len(text) > MAX_TEXT:
        raise MalformedSnapshot(f"`text` is longer than {MAX_TEXT:,} characters")
    try:
        at = _client_time(raw.get("at"))
    except ValueError as exc:
        raise MalformedSnapshot(str(exc).replace("the step's time", "`at`")) from exc
    return Snapshot(step_id, text, at, _count(raw, "keys", 10 * MAX_TEXT), _count(raw, "pastes", 10_000))
