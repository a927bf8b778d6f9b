"""Days on the progress page are the candidate's days: a mock finished at 00:30 IST counts as sat on that IST date,
both in "last practised N days ago" and under the charts, though UTC still had the day before."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from tests.factories import make_user
from tests.progress.mocks import graded_mock, make_weighted_bank
from trainer.core.clock import days_since
from trainer.progress.dashboard import progress

IST = ZoneInfo("Asia/Kolkata")
# submitted 30 minutes later: 19:00 UTC on 1 Feb is 00:30 IST on 2 Feb
STARTED = datetime(2026, 2, 1, 18, 30, tzinfo=UTC)


def test_days_since_counts_calendar_days_where_the_reader_is():
    late_evening_utc = datetime(2026, 12, 6, 19, 0, tzinfo=UTC)  # 00:30 IST on 7 Dec

    assert days_since(late_evening_utc, date(2026, 12, 7), IST) == 0
    assert days_since(late_evening_utc, date(2026, 12, 7)) == 1  # in UTC it was the 6th
    assert days_since(datetime(2026, 12, 7, 18, 29, tzinfo=UTC), date(2026, 12, 7), IST) == 0  # 23:59 IST


def test_study_next_and_charts_count_the_days_in_the_sites_zone(session):
    make_weighted_bank(session, per_topic=20)
    user = make_user(session)
    graded_mock(session, user, STARTED, wrong={"quant"})
    today = date(2026, 6, 1)

    in_india = progress(session, user, today, zone=IST)
    in_utc = progress(session, user, today)

    assert (date(2026, 6, 1) - date(2026, 2, 2)).days == 119
    assert "last practised 119 days ago" in in_india.study_next[0].reason
    assert "last practised 120 days ago" in in_utc.study_next[0].reason
    assert [row[0] for row in in_india.trends.scores[0].rows] == ["02 Feb"]
    assert [row[0] for row in in_utc.trends.scores[0].rows] == ["01 Feb"]
