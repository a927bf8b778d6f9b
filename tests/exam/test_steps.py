"""The step fold: palette, saved answer and time on screen, replayed from the candidate's steps."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from trainer.exam.steps import Kind, Palette, StepRecord, fold

T0 = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


def step(seq: int, kind: str, position: int | None = None, value: int | None = None, at: float = 0, client_id=None):
    """A stored step `at` seconds after the start (client id defaults to one per seq)."""
    return StepRecord(seq, client_id or f"c{seq}", kind, position, value, T0 + timedelta(seconds=at))


def palettes(records, slot_count=3):
    return [s.palette for s in fold(records, slot_count)]


def test_palette_follows_the_candidate_through_a_question():
    history = [
        step(1, Kind.VIEW, 0, at=1),
        step(2, Kind.SAVE, 0, 1, at=2),
        step(3, Kind.MARK, 0, 1, at=3),
        step(4, Kind.CLEAR, 0, at=4),
        step(5, Kind.SAVE, 0, 3, at=5),
    ]
    seen = [palettes(history[:n], 1)[0] for n in range(len(history) + 1)]
    assert seen == [
        Palette.NOT_VISITED,
        Palette.NOT_ANSWERED,
        Palette.ANSWERED,
        Palette.ANSWERED_MARKED,
        Palette.MARKED,  # Clear Response drops the answer, keeps the mark
        Palette.ANSWERED,  # Save & Next unmarks
    ]


def test_clear_keeps_the_mark_and_drops_the_answer():
    [state] = fold([step(1, Kind.VIEW, 0), step(2, Kind.MARK, 0, 2, at=1), step(3, Kind.CLEAR, 0, at=2)], 1)
    assert (state.answer, state.marked, state.palette) == (None, True, Palette.MARKED)


def test_only_the_questions_touched_change_colour():
    records = [step(1, Kind.VIEW, 0), step(2, Kind.SAVE, 0, 1, at=1), step(3, Kind.VIEW, 1, at=2)]
    assert palettes(records) == [Palette.ANSWERED, Palette.NOT_ANSWERED, Palette.NOT_VISITED]


def test_time_on_screen_adds_up_each_visit_until_submit():
    records = [
        step(1, Kind.VIEW, 0, at=0),
        step(2, Kind.SAVE, 0, 1, at=25),
        step(3, Kind.VIEW, 1, at=30),
        step(4, Kind.VIEW, 0, at=50),
        step(5, Kind.SUBMIT, at=80),
    ]
    assert [s.seconds for s in fold(records, 3)] == [60.0, 20.0, 0.0]


def test_the_last_question_viewed_runs_to_the_end_time():
    records = [step(1, Kind.VIEW, 0, at=0), step(2, Kind.VIEW, 2, at=10)]
    states = fold(records, 3, ends_at=T0 + timedelta(seconds=100))
    assert [s.seconds for s in states] == [10.0, 0.0, 90.0]


def test_a_retried_step_counts_once():
    records = [
        step(1, Kind.VIEW, 0, at=0, client_id="view-0"),
        step(2, Kind.SAVE, 0, 1, at=10, client_id="save-0"),
        step(3, Kind.VIEW, 1, at=30, client_id="view-1"),
        step(4, Kind.VIEW, 0, at=40, client_id="view-0-again"),
        step(5, Kind.CLEAR, 0, at=45, client_id="clear-0"),
        # the network replays two earlier steps: they must not bring the answer back or move the clock
        step(6, Kind.SAVE, 0, 1, at=50, client_id="save-0"),
        step(7, Kind.VIEW, 1, at=55, client_id="view-1"),
        step(8, Kind.SUBMIT, at=70, client_id="submit"),
    ]
    states = fold(records, 2)
    assert (states[0].answer, states[0].palette) == (None, Palette.NOT_ANSWERED)
    assert [s.seconds for s in states] == [60.0, 10.0]


def test_steps_are_replayed_in_server_order_whatever_order_they_arrive_in():
    records = [step(2, Kind.SAVE, 0, 2, at=5), step(1, Kind.VIEW, 0, at=0), step(3, Kind.SAVE, 0, 3, at=9)]
    [state] = fold(records, 1)
    assert state.answer == 3


ACTIONS = st.one_of(
    st.tuples(st.just(Kind.VIEW), st.integers(0, 3), st.none()),
    st.tuples(st.sampled_from([Kind.SAVE, Kind.MARK]), st.integers(0, 3), st.none() | st.integers(0, 3)),
    st.tuples(st.just(Kind.CLEAR), st.integers(0, 3), st.none()),
    st.tuples(st.just(Kind.SUBMIT), st.none(), st.none()),
)


@given(
    actions=st.lists(st.tuples(ACTIONS, st.integers(1, 120)), max_size=25),
    data=st.data(),
)
def test_any_shuffle_or_duplication_folds_to_the_same_paper(actions, data):
    records, at = [], 0
    for seq, ((kind, position, value), gap) in enumerate(actions):
        at += gap  # distinct, increasing server times
        records.append(step(seq, kind, position, value, at=at))
    copies = data.draw(st.lists(st.sampled_from(records), max_size=10)) if records else []
    arrived = data.draw(st.permutations(records + copies))
    ends_at = T0 + timedelta(seconds=at + 30)

    assert fold(arrived, 4, ends_at) == fold(records, 4, ends_at)


@given(
    actions=st.lists(st.tuples(ACTIONS, st.integers(1, 120)), min_size=1, max_size=25),
    data=st.data(),
)
def test_steps_delivered_again_later_change_nothing(actions, data):
    records, at = [], 0
    for seq, ((kind, position, value), gap) in enumerate(actions):
        at += gap
        records.append(step(seq, kind, position, value, at=at))
    retried = data.draw(st.lists(st.sampled_from(records), min_size=1, max_size=10))
    delays = data.draw(st.lists(st.integers(0, 300), min_size=len(retried), max_size=len(retried)))
    # a retry is stored after its original, under a new seq, with the same client id
    copies = [
        replace(original, seq=len(records) + n, server_time=original.server_time + timedelta(seconds=delay + 0.5))
        for n, (original, delay) in enumerate(zip(retried, delays, strict=True))
    ]
    ends_at = T0 + timedelta(seconds=at + 400)

    assert fold(data.draw(st.permutations(records + copies)), 4, ends_at) == fold(records, 4, ends_at)
