"""The exam clock: deadline, scribe compensatory time, the save grace, time left."""

from datetime import UTC, datetime, timedelta

import pytest

from trainer.exam.timing import accepts_write, deadline, extra_minutes, is_over, remaining_seconds

START = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)


def test_deadline_is_start_plus_paper_time_plus_extra_time():
    assert deadline(START, 60) == START + timedelta(minutes=60)
    assert deadline(START, 60, extra=20) == datetime(2025, 3, 1, 11, 20, tzinfo=UTC)


@pytest.mark.parametrize(("paper", "extra"), [(60, 20), (15, 5), (120, 40), (50, 17)])
def test_scribe_candidates_get_twenty_minutes_per_hour(paper, extra):
    assert extra_minutes(paper, scribe_eligible=True) == extra  # pro rata, rounded up (50 min → 16⅔ → 17)


def test_other_candidates_get_no_extra_time():
    assert extra_minutes(60, scribe_eligible=False) == 0


def test_a_save_is_accepted_within_the_grace_and_refused_after_it():
    ends = deadline(START, 60)
    assert accepts_write(ends - timedelta(minutes=1), ends, grace_seconds=5)
    assert accepts_write(ends + timedelta(seconds=5), ends, grace_seconds=5)
    assert not accepts_write(ends + timedelta(seconds=5, milliseconds=1), ends, grace_seconds=5)
    assert not accepts_write(ends + timedelta(minutes=10), ends, grace_seconds=5)


def test_time_left_counts_down_and_stops_at_zero():
    ends = deadline(START, 60, extra=20)
    assert remaining_seconds(START, ends) == 80 * 60
    assert remaining_seconds(ends - timedelta(seconds=30), ends) == 30
    assert remaining_seconds(ends, ends) == 0
    assert remaining_seconds(ends + timedelta(hours=2), ends) == 0


def test_the_paper_is_over_from_the_deadline_on():
    ends = deadline(START, 60)
    assert not is_over(ends - timedelta(seconds=1), ends)
    assert is_over(ends, ends)
