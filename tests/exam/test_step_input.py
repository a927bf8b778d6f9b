"""Each step of a batch is judged alone: the valid ones are kept whatever their neighbours hold."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.exam.step_input import MAX_ID_LENGTH, MAX_STEPS, MalformedBatch, parse_batch


def step(id_: str = "s1", **fields) -> dict:
    return {"id": id_, "kind": "save", "position": 0, "choice": 1, **fields}


def test_a_well_formed_step_is_kept_with_its_time_in_utc():
    batch = parse_batch({"steps": [step(at="2026-12-04T17:00:00+05:30")]})

    assert batch.refused == {} and batch.malformed == []
    (kept,) = batch.steps
    assert (kept.client_id, kept.kind, kept.position, kept.choice) == ("s1", "save", 0, 1)
    assert kept.client_time == datetime(2026, 12, 4, 11, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"choice": "1"}, "option must be a whole number"),
        ({"choice": 1.5}, "option must be a whole number"),
        ({"choice": [1]}, "option must be a whole number"),
        ({"choice": True}, "option must be a whole number"),
        ({"position": True}, "position must be a whole number"),
        ({"position": "0"}, "position must be a whole number"),
        ({"position": -1}, "position must be a whole number"),
        ({"position": 10**12}, "position must be a whole number"),
        ({"position": None}, "position must be a whole number"),
        ({"kind": "answer"}, "unknown action"),
        ({"kind": ["save"]}, "unknown action"),
        ({"at": "0001-01-01T00:00:00+23:59"}, "ISO 8601"),
        ({"at": "yesterday"}, "ISO 8601"),
        ({"at": "2026-12-04T17:00:00"}, "ISO 8601"),  # no zone: whose five o'clock?
        ({"at": 1733333333}, "ISO 8601"),
        ({"at": "1970-01-01T00:00:00Z"}, "ISO 8601"),
    ],
)
def test_a_malformed_step_is_refused_with_its_reason_and_its_neighbours_are_kept(fields, reason):
    batch = parse_batch({"steps": [step("before"), step("bad", **fields), step("after")]})

    assert [s.client_id for s in batch.steps] == ["before", "after"]
    assert list(batch.refused) == ["bad"]
    assert reason in batch.refused["bad"]


def test_a_step_with_no_usable_id_is_refused_by_its_place_in_the_batch():
    ids = [None, 7, "", "x" * (MAX_ID_LENGTH + 1), True]
    batch = parse_batch({"steps": [step("ok"), *[step(i) for i in ids], "not an object"]})

    assert [s.client_id for s in batch.steps] == ["ok"]
    assert [m["index"] for m in batch.malformed] == [1, 2, 3, 4, 5, 6]
    assert f"at most {MAX_ID_LENGTH} characters" in batch.malformed[3]["reason"]


def test_two_long_ids_sharing_a_prefix_are_never_taken_for_one():
    prefix = "p" * MAX_ID_LENGTH
    batch = parse_batch({"steps": [step(prefix + "1"), step(prefix + "2"), step(prefix)]})

    assert [s.client_id for s in batch.steps] == [prefix]
    assert len(batch.malformed) == 2


def test_steps_past_the_maximum_are_deferred_not_dropped():
    steps = [step(f"s{i}") for i in range(MAX_STEPS + 5)]

    batch = parse_batch({"steps": steps})

    assert len(batch.steps) == MAX_STEPS
    assert batch.deferred == [f"s{i}" for i in range(MAX_STEPS, MAX_STEPS + 5)]


@pytest.mark.parametrize("payload", [None, [], "steps", {"steps": {}}, {"step": []}, {"steps": "x"}])
def test_a_body_that_is_not_a_batch_is_refused_whole(payload):
    with pytest.raises(MalformedBatch, match="list of steps"):
        parse_batch(payload)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=80),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
fuzzed_step = st.fixed_dictionaries(
    {},
    optional={key: json_values for key in ("id", "kind", "position", "choice", "at")},
)


@settings(max_examples=300, deadline=None)
@given(st.lists(fuzzed_step | json_values, max_size=6))
def test_every_step_is_kept_refused_or_placed_never_an_exception(raw_steps):
    batch = parse_batch({"steps": raw_steps})

    judged = len(batch.steps) + len(batch.refused) + len(batch.malformed) + len(batch.deferred)
    ids = [s.get("id") if isinstance(s, dict) else None for s in raw_steps]
    # Duplicate ids share one entry in `refused`; nothing else is lost without a word.
    assert judged >= len(raw_steps) - (len(ids) - len({repr(i) for i in ids}))
    for kept in batch.steps:
        assert isinstance(kept.position, int) and not isinstance(kept.position, bool)
        assert kept.choice is None or (isinstance(kept.choice, int) and not isinstance(kept.choice, bool))
        assert kept.client_time is None or kept.client_time.tzinfo is not None
    assert all(isinstance(reason, str) and reason for reason in batch.refused.values())
