"""Filing, queueing and resolving reports, and the audit events the services write."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import count_queries, make_user
from tests.reports.conftest import correct_key
from tests.results.sitting import T0, start
from trainer.audit.models import AuditEvent
from trainer.audit.service import events_page
from trainer.auth.service import change_role
from trainer.authoring.workflow import change_status
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.exam.models import Attempt
from trainer.reports import service
from trainer.reports.models import OPEN, RESOLVED, ProblemReport


def file(session, user, attempt, position, reason="wrong_key", text="", minute=0):
    attempt, slot = service.reportable_slot(session, user, attempt.id, position)
    return service.file_report(session, user, attempt, slot, reason, text, T0 + timedelta(minutes=minute))


def test_a_second_report_on_the_same_version_updates_the_first(session, sitting):
    s = sitting
    first, created = file(session, s.a, s.attempt_a, s.position, "typo", "a comma")
    again, created_again = file(session, s.a, s.attempt_a, s.position, "wrong_key", "it is C")

    assert created and not created_again and again.id == first.id
    assert (again.reason, again.text, again.state) == ("wrong_key", "it is C", OPEN)
    assert session.scalar(select(ProblemReport.id).where(ProblemReport.id != first.id)) is None


def test_after_a_new_version_the_candidate_reports_again_separately(session, sitting):
    s = sitting
    first, _ = file(session, s.a, s.attempt_a, s.position)
    correct_key(session, s.question, s.b_answer)
    later = start(session, s.a, seed=7)
    slot = next(x for x in later.slots if x.version.question_id == s.question.id)
    assert first.version_id != slot.version_id  # the new paper shows the new version
    with pytest.raises(Conflict, match="once you have seen its answer"):
        file(session, s.a, later, slot.position)  # a strict test in progress: nothing to report yet
    service.file_report(session, s.a, later, slot, "typo", "", T0)  # (once submitted) a report of its own
    assert session.scalar(select(func.count(ProblemReport.id)).where(ProblemReport.state == OPEN)) == 2


def test_nobody_reports_on_another_candidates_attempt(session, sitting):
    with pytest.raises(NotFound):
        file(session, sitting.b, sitting.attempt_a, 0)
    with pytest.raises(NotFound):
        file(session, sitting.a, sitting.attempt_a, 10_000)
    with pytest.raises(DomainError, match="Say which question"):
        service.reportable_slot(session, sitting.a, sitting.attempt_a.id, None)


def test_a_practice_question_is_reported_once_its_answer_is_checked(session, sitting):
    practice = start(session, sitting.a, mode="practice", seed=8)
    with pytest.raises(Conflict):
        file(session, sitting.a, practice, 0)
    from tests.results.sitting import answer

    answer(session, practice, lambda slot: "R" if slot.position == 0 else "-", submit=False)
    report, created = file(session, sitting.a, practice, 0, "hindi", "the Hindi says 15")
    assert created and report.attempt_id == practice.id


def test_an_unknown_reason_is_refused(session, sitting):
    with pytest.raises(Conflict, match="Choose a reason"):
        file(session, sitting.a, sitting.attempt_a, 0, reason="spam")


def test_the_queue_groups_by_question_newest_first_in_a_fixed_number_of_queries(session, sitting):
    s = sitting
    file(session, s.a, s.attempt_a, 0, "typo")
    b_position = next(x.position for x in s.attempt_b.slots if x.version_id == s.attempt_a.slots[0].version_id)
    file(session, s.b, s.attempt_b, b_position, "typo", "comma", 1)
    with count_queries() as few:
        entries, total = service.queue(session)
    assert total == 1 and entries[0].counts == {"typo": 2}
    assert [r.text for r, _n in entries[0].reports] == ["comma", ""]  # newest first

    for position in range(1, 8):
        reason = "ambiguous" if position % 2 else "outdated"
        file(session, s.a, s.attempt_a, position, reason, f"text {position}", minute=position + 1)
    with count_queries() as many:
        entries, total = service.queue(session)
    assert total == 8 and len(many) == len(few)
    assert entries[0].question.id == s.attempt_a.slots[7].version.question_id  # the most recent report first


def test_dismissing_needs_no_version_and_closes_every_open_report(session, sitting):
    s = sitting
    staff = make_user(session, role="instructor")
    file(session, s.a, s.attempt_a, s.position, "wrong_key")
    resolution, regrade = service.resolve(session, s.question, "dismissed", "The key is right: see step 2.", staff,
                                          True, T0)  # fmt: skip
    assert regrade is None and resolution.kind == "dismissed"
    assert session.scalar(select(ProblemReport.state)) == RESOLVED
    assert service.open_count(session) == 0
    with pytest.raises(Conflict, match="no open reports"):
        service.resolve(session, s.question, "dismissed", "again", staff, False, T0)


def test_fixed_needs_a_new_version_and_regrades_when_asked(session, sitting):
    s = sitting
    staff = make_user(session, role="instructor")
    file(session, s.a, s.attempt_a, s.position, "wrong_key", "B is right")
    with pytest.raises(Conflict, match="is the one reported"):
        service.resolve(session, s.question, "fixed", "", staff, True, T0)

    correct_key(session, s.question, s.b_answer, staff.id)
    resolution, regrade = service.resolve(session, s.question, "fixed", "Key corrected.", staff, True, T0)

    assert regrade.attempts == 2 and resolution.regrade_id == regrade.id
    assert session.get(Attempt, s.attempt_a.id).score == 47.5


def test_every_kind_of_change_is_in_the_audit_log(session, sitting):
    s = sitting
    admin, staff = make_user(session, role="admin"), make_user(session, role="instructor")
    correct_key(session, s.question, s.b_answer, staff.id)
    change_status(session, s.question, "retire", staff.id, second_reader=False)
    change_role(session, s.b, "instructor", by=admin)
    file(session, s.a, s.attempt_a, s.position)
    service.resolve(session, s.question, "fixed", "Key corrected.", staff, True, T0)

    kinds = [event.kind for event, _actor in events_page(session).events]
    assert kinds == ["report", "regrade", "role", "retire", "edit"]  # newest first
    role = session.scalar(select(AuditEvent).where(AuditEvent.kind == "role"))
    assert (role.actor_id, role.object_id, role.detail) == (
        admin.id, str(s.b.id), {"role_before": "candidate", "role": "instructor"})  # fmt: skip
    only_edits = events_page(session, "edit").events
    assert [e.object_id for e, _a in only_edits] == [s.question.uid]


def test_the_audit_log_cannot_be_changed(session, sitting):
    staff = make_user(session, role="instructor")
    change_status(session, sitting.question, "retire", staff.id, second_reader=False)
    session.commit()
    event = session.scalar(select(AuditEvent))
    event.summary = "nothing happened"
    with pytest.raises(PermissionError, match="append-only"):
        session.flush()
    session.rollback()
    session.delete(session.scalar(select(AuditEvent)))
    with pytest.raises(PermissionError, match="append-only"):
        session.flush()
