"""The batch dashboard and assignments through the services: heat-map, weakest topics, behind, done marks."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.batches.helpers import add_history, make_batch, make_member
from tests.factories import count_queries, make_topic, make_user
from tests.progress.mocks import graded_mock, make_weighted_bank
from trainer.bank.models import Topic
from trainer.batches import assignments, export
from trainer.batches.dashboard import dashboard
from trainer.core.errors import DomainError
from trainer.exam import service as exam
from trainer.progress.drill import start_drill

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def topics(session, n: int = 3) -> list[Topic]:
    return [
        make_topic(session, "quant", f"q{i}", name=f"Quant {i}", weights={"tier1": "2", "tier2": "1"}) for i in range(n)
    ]


def test_the_heat_map_weakest_topics_and_who_is_behind(session):
    batch = make_batch(session, now=NOW)
    quant = topics(session)
    strong = make_member(session, batch, NOW, name="Asha")
    weak = make_member(session, batch, NOW, name="Bala")
    middle = make_member(session, batch, NOW, name="Chitra")
    make_member(session, batch, NOW, name="Dev")  # no mock at all
    add_history(session, strong, quant, NOW, percents=(80, 78, 75), right=20, wrong=0)
    add_history(session, weak, quant[:1], NOW, percents=(40, 50, 60), right=0, wrong=20)
    add_history(session, middle, quant[:2], NOW, percents=(70,), right=2, wrong=1)

    data = dashboard(session, batch, "tier1", NOW)

    assert [w.name for w in data.topics] == ["Quant 0", "Quant 1", "Quant 2"]
    rows = {m.user.name: m for m in data.members}
    assert list(rows) == ["Asha", "Bala", "Chitra", "Dev"]
    assert [c.band for c in rows["Asha"].cells] == ["strong"] * 3
    assert [c.text for c in rows["Bala"].cells][1:] == ["—", "—"] and rows["Bala"].cells[0].band == "poor"
    assert [c.band for c in rows["Chitra"].cells] == ["few", "few", "none"]
    # Bala's 0% weighs on Quant 0; nobody but Asha has practised Quant 2, so the others count at the 50% prior
    assert [s.topic.name for s in data.weakest] == ["Quant 0", "Quant 2", "Quant 1"]
    assert data.standings[0].members_answered == 3 and data.standings[2].members_answered == 1
    assert data.median == 70  # levels 77.7, 50, 70
    assert rows["Asha"].behind == []
    assert rows["Bala"].behind == [
        "Scores falling over the last 3 mocks: 60% → 50% → 40%.",
        "Recent mocks average 50%, 20 points below the batch median (70%).",
    ]
    assert rows["Dev"].behind == ["No strict mock taken yet."]
    assert [m.user.name for m in data.behind] == ["Bala", "Dev"]
    assert data.sections[0].section == "quant" and data.sections[0].batch == pytest.approx(
        64 / 86
    )  # 60 + 0 + 4 right of 60 + 20 + 6


def test_the_dashboard_takes_the_same_queries_for_3_and_30_members(session):
    quant = topics(session, 5)

    def measured(members: int) -> int:
        batch = make_batch(session, now=NOW, name=f"{members} members")
        staff = make_user(session, role="instructor")
        assignments.assign(
            session, batch, staff, "drill", "quant/q0", NOW + timedelta(days=2), "", NOW - timedelta(days=9)
        )
        for n in range(members):
            add_history(session, make_member(session, batch, NOW), quant[: 1 + n % 5], NOW, percents=(50 + n % 7, 60))
        session.flush()
        session.expire_all()
        with count_queries() as statements:
            data = dashboard(session, batch, "tier1", NOW)
            export.dashboard_csv(data)
        assert len(data.members) == members
        return len(statements)

    assert measured(3) == measured(30)


def test_assignments_validate_their_target_and_due_date(session):
    batch = make_batch(session, now=NOW)
    staff = make_user(session, role="instructor")
    topics(session, 1)

    made = assignments.assign(
        session, batch, staff, "drill", "quant/q0", NOW + timedelta(days=1), " Before Monday ", NOW
    )
    assert (made.title, made.note) == ("Drill: Quant 0", "Before Monday")
    test = assignments.assign(session, batch, staff, "test", "tier1-2025:quant", NOW + timedelta(days=1), "", NOW)
    assert test.title.startswith("Quantitative Aptitude — sectional test")
    with pytest.raises(DomainError, match="There is no topic 'quant/nope' to drill"):
        assignments.assign(session, batch, staff, "drill", "quant/nope", NOW + timedelta(days=1), "", NOW)
    with pytest.raises(DomainError, match="There is no test 'tier9'"):
        assignments.assign(session, batch, staff, "test", "tier9", NOW + timedelta(days=1), "", NOW)
    with pytest.raises(DomainError, match="There is no such live mock"):
        assignments.assign(session, batch, staff, "live_mock", "1", NOW + timedelta(days=1), "", NOW)
    with pytest.raises(DomainError, match="Only a frozen paper can be assigned"):
        assignments.assign(session, batch, staff, "paper", "x1", NOW + timedelta(days=1), "", NOW)
    with pytest.raises(DomainError, match="cannot be made"):
        assignments.assign(session, batch, staff, "essay", "1", NOW + timedelta(days=1), "", NOW)
    with pytest.raises(DomainError, match="due date must be in the future"):
        assignments.assign(session, batch, staff, "drill", "quant/q0", NOW, "", NOW)


def test_a_drill_is_done_once_a_member_grades_one_started_after_the_assignment(session):
    make_weighted_bank(session)
    batch = make_batch(session, now=NOW)
    staff = make_user(session, role="instructor")
    doer, other = make_member(session, batch, NOW, name="Doer"), make_member(session, batch, NOW, name="Other")
    early = start_drill(session, other, "tier1", "quant", "quant-t0", NOW - timedelta(hours=1), random.Random(1))
    exam.submit(session, early, NOW - timedelta(minutes=30), 10)  # before it was assigned: does not count
    drill = assignments.assign(session, batch, staff, "drill", "quant/quant-t0", NOW + timedelta(days=2), "", NOW)
    mock = assignments.assign(session, batch, staff, "test", "tier1-2025", NOW + timedelta(days=3), "", NOW)

    attempt = assignments.start_drill_for(session, drill, doer, "tier1", NOW + timedelta(hours=1), random.Random(2))
    assert attempt.pattern["kind"] == "topic"
    assert [a.title for a, _, done in assignments.mine(session, doer, NOW)] == ["Drill: Quant topic 0", mock.title]
    exam.submit(session, attempt, NOW + timedelta(hours=1, minutes=5), 10)
    graded_mock(session, other, NOW + timedelta(hours=2), code="tier1-2025")

    data = dashboard(session, batch, "tier1", NOW + timedelta(hours=3))
    done = {row.assignment.title: row.done for row in data.assignments}
    assert done == {"Drill: Quant topic 0": {doer.id}, mock.title: {other.id}}
    mine = assignments.mine(session, doer, NOW + timedelta(hours=3))
    assert [(a.title, d) for a, _, d in mine] == [(mock.title, False), ("Drill: Quant topic 0", True)]
    csv_text = export.dashboard_csv(data)
    header, doer_row = csv_text.splitlines()[:2]
    assert header.endswith(f",{mock.title} (due 2026-12-08),Drill: Quant topic 0 (due 2026-12-07)")  # latest due first
    assert doer_row.startswith("Doer,") and doer_row.endswith(",not done,done")


def test_the_csv_never_hands_a_spreadsheet_a_formula(session):
    batch = make_batch(session, now=NOW)
    make_member(session, batch, NOW, name='=HYPERLINK("http://x")')

    text = export.dashboard_csv(dashboard(session, batch, "tier1", NOW))

    assert text.splitlines()[1].startswith('"\'=HYPERLINK(""http://x"")"')


def test_days_since_practice_count_in_the_batch_zone(session):
    """A member who practised at 00:30 IST practised today in India: the marks at stake carry no forgetting yet."""
    batch = make_batch(session, now=NOW)
    quant = topics(session, 1)
    practised = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)  # 00:30 IST on 6 Dec
    add_history(session, make_member(session, batch, NOW), quant, practised + timedelta(days=1))
    morning = datetime(2026, 12, 6, 4, 0, tzinfo=UTC)  # 09:30 IST on 6 Dec, still the 6th in UTC too
    same_evening = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)  # the 5th in UTC: no day has passed

    in_india = dashboard(session, batch, "tier1", morning, zone=ZoneInfo("Asia/Kolkata")).standings[0].marks
    in_utc = dashboard(session, batch, "tier1", morning).standings[0].marks

    assert in_india == dashboard(session, batch, "tier1", same_evening).standings[0].marks
    assert in_utc > in_india  # by UTC dates a day has passed, some of it forgotten: more marks to win back


def test_the_csv_writes_dates_in_the_batch_zone(session):
    batch = make_batch(session, now=NOW)
    late = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)  # 00:30 IST on 6 Dec
    make_member(session, batch, late, name="Night owl")

    in_india = export.dashboard_csv(dashboard(session, batch, "tier1", late, zone=ZoneInfo("Asia/Kolkata")))
    in_utc = export.dashboard_csv(dashboard(session, batch, "tier1", late))

    assert in_india.splitlines()[1].startswith("Night owl,") and ",2026-12-06," in in_india.splitlines()[1]
    assert ",2026-12-05," in in_utc.splitlines()[1]
