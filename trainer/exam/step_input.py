"""The page's steps as they arrive: each judged alone, so one malformed step never costs the valid ones beside it.

A batch is a JSON object `{"steps": [...]}`. Every well-formed step becomes a `ClientStep`; every malformed one
is refused with a reason the page shows before dropping it from its journal. A step whose id cannot name it (no
id, not a string, empty, or longer than the stored column) is refused by its place in the batch instead. Steps
past the per-request maximum are not judged at all: they are deferred, and the page sends them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from trainer.exam.saving import POSITIONS, ClientStep
from trainer.exam.steps import SLOT_KINDS

MAX_STEPS = 200  # per request; the page sends at most 100 at a time
MAX_ID_LENGTH = 64  # the step table's client_id column
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)  # a step's own time before this is a client's mistake


class MalformedBatch(ValueError):
    """The body is not a JSON object holding a list of steps: nothing in it can be judged."""


@dataclass
class ParsedBatch:
    """What a batch holds: its well-formed steps, and what was refused or deferred (with why)."""

    steps: list[ClientStep] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # step id -> reason
    malformed: list[dict] = field(default_factory=list)  # {"index": place in the batch, "reason": ...}
    deferred: list[str] = field(default_factory=list)  # ids of steps past MAX_STEPS, to be sent again


def parse_batch(payload: object) -> ParsedBatch:
    """Judge each step of a decoded JSON body; raise MalformedBatch when the body itself is not a batch."""
    if not isinstance(payload, dict) or not isinstance(payload.get("steps"), list):
        raise MalformedBatch('Expected a JSON object with a list of steps: {"steps": [...]}.')
    batch = ParsedBatch()
    for index, raw in enumerate(payload["steps"]):
        client_id = raw.get("id") if isinstance(raw, dict) else None
        id_problem = _id_problem(client_id)
        if id_problem:
            batch.malformed.append({"index": index, "reason": id_problem})
        elif index >= MAX_STEPS:
            batch.deferred.append(client_id)
        else:
            try:
                batch.steps.append(parse_step(raw))
            except ValueError as exc:
                batch.refused[client_id] = str(exc)
    return batch


def parse_step(raw: dict) -> ClientStep:
    """One step from its JSON object (its id already checked); ValueError says what is wrong with it."""
    kind = raw.get("kind")
    if not isinstance(kind, str) or kind not in SLOT_KINDS:
        raise ValueError(f"unknown action {kind!r}")
    position = raw.get("position")
    if not _whole(position) or position not in POSITIONS:
        raise ValueError("the question's position must be a whole number within the paper")
    choice = raw.get("choice")
    if choice is not None and not _whole(choice):
        raise ValueError("the option must be a whole number, or null for none")
    return ClientStep(raw["id"], kind, position, choice, _client_time(raw.get("at")))


def _id_problem(client_id: object) -> str | None:
    if not isinstance(client_id, str) or not client_id:
        return "a step needs an id: a non-empty string"
    if len(client_id) > MAX_ID_LENGTH:
        return f"a step id may be at most {MAX_ID_LENGTH} characters long"
    return None


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # JSON true is not the number 1


def _client_time(value: object) -> datetime | None:
    """The page's own time of the step: an ISO 8601 time with its zone, or absent."""
    if value is None:
        return None
    problem = "the step's time must be an ISO 8601 time with its zone, after 2000"
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError(problem)
    try:
        at = datetime.fromisoformat(value)
        if at.tzinfo is None:
            raise ValueError(problem)
        at = at.astimezone(UTC)  # OverflowError for e.g. 0001-01-01T00:00:00+23:59
    except (ValueError, OverflowError) as exc:
        raise ValueError(problem) from exc
    if at < EARLIEST:
        raise ValueError(problem)
    return at
