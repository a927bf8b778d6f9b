"""Regrade a question's graded attempts against a corrected key, or drop it (full marks), keeping every summary
that grading keeps (attempt result, progress summary and topic counts, score distributions) in step. Flushes only:
the caller commits, so a regrade is all or nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from trainer.audit.service import record as audit
from trainer.bank.models import Question, QuestionVersion
from trainer.bank.service import latest_version
from trainer.core.errors import Conflict
from trainer.exam.grading import SlotKey, verdict
from trainer.exam.models import Attempt, Slot
from trainer.exam.service import IN_PROGRESS
from trainer.progress.models import AttemptSummary, TopicFacility, TopicProgress
from trainer.reports.models import Regrade, RegradeEntry
from trainer.reports.regrade import Correction, bin_moves, faded, letter, mapped_key, merge_moves, regrade, right_delta
from trainer.reports.replaying import follow_cards, graded_states
from trainer.results.models import TOTAL, FirstAttempt
from trainer.results.service import move_in_distributions

CHUNK = 200  # attempts loaded (with slots and steps) at a time


def _graded():
    return (Attempt.state != IN_PROGRESS) & Attempt.result.is_not(None)


def corrections_for(question: Question, kind: str, target: QuestionVersion | None, slots: list[Slot]) -> dict:
    """slot id → Correction for the slots whose grading the regrade changes (dropped slots stay dropped)."""
    found = {}
    for slot in slots:
        if slot.dropped:
            continue
        if kind == "drop":
            found[slot.id] = Correction(slot.position, dropped=True)
            continue
        key = mapped_key(slot.version.options, target.options, target.answer)
        if key != slot.key:
            found[slot.id] = Correction(slot.position, key=key)
    return found


@dataclass(frozen=True)
class Pending:
    """Graded attempts graded against another key than the newest version's (a key regrade would change them)."""

    attempts: int
    keys: tuple[str, ...]  # the keys they were graded against, as letters
    key: str  # the newest version's key


def pending_key_regrade(session: Session, question: Question) -> Pending | None:
    """What a key regrade would change, from one grouped query (None if nothing)."""
    target = latest_version(session, question)
    if target is None:
        return None
    rows = session.execute(
        select(Slot.version_id, Slot.regraded_key, func.count(Slot.id))
        .join(Attempt, Attempt.id == Slot.attempt_id)
        .join(QuestionVersion, QuestionVersion.id == Slot.version_id)
        .where(QuestionVersion.question_id == question.id, Slot.dropped.is_(False), _graded())
        .group_by(Slot.version_id, Slot.regraded_key)
    ).all()
    versions = {v.id: v for v in question.versions}
    count, keys = 0, set()
    for version_id, regraded, n in rows:
        shown = versions[version_id]
        graded = shown.answer if regraded is None else regraded
        if mapped_key(shown.options, target.options, target.answer) != graded:
            count += n
            keys.add(letter(graded))
    return Pending(count, tuple(sorted(keys)), letter(target.answer)) if count else None


def regrade_question(
    session: Session, question: Question, kind: str, by_id: int | None, reason: str, now: datetime
) -> Regrade | None:
    """Regrade every graded attempt that showed the question: `kind` "key" grades it against the newest version's
    key, "drop" gives everyone full marks and retires the question. Attempts still in progress get the correction
    for when they are graded. Returns the Regrade with its log, or None when no graded attempt changes."""
    if kind not in ("key", "drop"):
        raise Conflict(f"Unknown regrade {kind!r}.")
    target = latest_version(session, question) if kind == "key" else None
    slots = session.scalars(
        select(Slot)
        .join(QuestionVersion, QuestionVersion.id == Slot.version_id)
        .where(QuestionVersion.question_id == question.id)
        .options(selectinload(Slot.version), selectinload(Slot.attempt))
    ).all()
    corrections = corrections_for(question, kind, target, slots)
    if kind == "drop":
        question.status = "retired"
    graded = sorted({s.attempt_id for s in slots if s.id in corrections and s.attempt.state != IN_PROGRESS})
    for slot in slots:  # in-progress attempts: graded later against the correction
        fix = corrections.get(slot.id)
        if fix is not None and slot.attempt.state == IN_PROGRESS:
            slot.regraded_key, slot.dropped = fix.key, fix.dropped
    if not graded:
        session.flush()
        return None
    log = Regrade(question_id=question.id, kind=kind, version_id=target.id if target else None, reason=reason[:1000],
                  by_id=by_id, at=now, attempts=0, changed=0)  # fmt: skip
    session.add(log)
    session.flush()
    by_slot = {s.attempt_id: corrections[s.id] for s in slots if s.id in corrections}
    turned: set[int] = set()  # candidates one of whose answers turned right or wrong
    for start in range(0, len(graded), CHUNK):
        turned |= _regrade_chunk(session, log, graded[start : start + CHUNK], by_slot)
    follow_cards(session, question.id, turned)  # the mistake notebook follows the new grading
    what = f"key corrected to {letter(target.answer)}" if target else "dropped as ambiguous (full marks to everyone)"
    audit(session, by_id, "regrade", ("question", question.uid), f"Regraded {log.attempts} attempt(s) of "
          f"{question.uid}: {what}", regrade_id=log.id, kind=kind, attempts=log.attempts, changed=log.changed,
          reason=reason[:300])  # fmt: skip
    return log


def _regrade_chunk(session: Session, log: Regrade, attempt_ids: list[int], fixes: dict[int, Correction]) -> set[int]:
    """Regrade a chunk of attempts; the candidates whose answer to the question changed from right to wrong or back."""
    attempts = session.scalars(
        select(Attempt)
        .where(Attempt.id.in_(attempt_ids))
        .with_for_update()
        .options(selectinload(Attempt.slots).selectinload(Slot.version))
        .execution_options(populate_existing=True)
    ).all()
    states = graded_states(session, attempts)
    counted = _counted(session, attempts)
    summaries = {
        s.attempt_id: s
        for s in session.scalars(select(AttemptSummary).where(AttemptSummary.attempt_id.in_(attempt_ids)))
    }
    moves: dict[str, list] = defaultdict(list)  # pattern → bin moves of the chunk's counted attempts
    topic_changes: dict[tuple[int, int], list[tuple[Attempt, int]]] = defaultdict(list)
    turned = set()
    for attempt in attempts:
        fix = fixes[attempt.id]
        slot = attempt.slots[fix.position]
        answers = [s.answer for s in states[attempt.id]]
        keys = [SlotKey(s.section, s.key, s.marks_right, s.marks_wrong, s.dropped) for s in attempt.slots]
        result = regrade(keys, answers, [fix])
        old_score = attempt.score if attempt.score is not None else result.before.total
        before = {TOTAL: attempt.result["total"]} | {k: v["score"] for k, v in attempt.result["sections"].items()}
        session.add(RegradeEntry(regrade_id=log.id, attempt_id=attempt.id, user_id=attempt.user_id,
                                 position=fix.position, old_key=slot.key, new_key=fix.key if not fix.dropped else None,
                                 old_score=old_score, new_score=result.after.total))  # fmt: skip
        answer, old, new = answers[fix.position], keys[fix.position], _fixed(keys[fix.position], fix)
        delta = right_delta(answer, old, new)
        if delta:
            topic_changes[(attempt.user_id, slot.version.topic_id)].append((attempt, delta))
        if verdict(answer, old.key, old.dropped) != verdict(answer, new.key, new.dropped):
            turned.add(attempt.user_id)
        slot.regraded_key = None if fix.dropped else fix.key
        slot.dropped = fix.dropped
        _store_grade(attempt, summaries.get(attempt.id), result.after)
        log.attempts += 1
        log.changed += int(old_score != result.after.total)
        if attempt.id in counted:
            after = {TOTAL: result.after.total} | {k: v.score for k, v in result.after.sections.items()}
            seconds = _seconds_by_section(attempt, states[attempt.id])
            moves[attempt.pattern_code] += bin_moves(before, after, seconds)
    for pattern_code, pattern_moves in sorted(moves.items()):
        move_in_distributions(session, pattern_code, merge_moves(pattern_moves))
    _apply_topic_changes(session, topic_changes)
    session.flush()
    return turned


def _fixed(key: SlotKey, fix: Correction) -> SlotKey:
    return SlotKey(key.section, key.key if fix.key is None else fix.key, key.marks_right, key.marks_wrong, fix.dropped)


def _counted(session: Session, attempts: list[Attempt]) -> set[int]:
    """The attempts that count in their pattern's distributions."""
    ids = [a.id for a in attempts]
    return set(session.scalars(select(FirstAttempt.attempt_id).where(FirstAttempt.attempt_id.in_(ids))))


def _seconds_by_section(attempt: Attempt, states) -> dict[str, float]:
    seconds: dict[str, float] = defaultdict(float)
    for slot, state in zip(attempt.slots, states):
        seconds[slot.section] += state.seconds
    seconds[TOTAL] = sum(v for k, v in seconds.items() if k != TOTAL)
    return seconds


def _store_grade(attempt: Attempt, summary: AttemptSummary | None, grade) -> None:
    """The new grade into the attempt's cached result and its progress summary (names kept as recorded)."""
    sections = {key: vars(score) for key, score in grade.sections.items()}
    attempt.score = grade.total
    attempt.result = {**attempt.result, "total": grade.total, "max": grade.max_marks, "sections": sections}
    if summary is None:  # the candidate deleted their progress with their account
        return
    summary.score = grade.total
    summary.sections = {
        key: {**summary.sections.get(key, {"name": key}), "right": s.right, "wrong": s.wrong, "blank": s.blank,
              "score": s.score, "max": s.max_marks}
        for key, s in grade.sections.items()
    }  # fmt: skip


def _apply_topic_changes(session: Session, changes: dict[tuple[int, int], list[tuple[Attempt, int]]]) -> None:
    """Right answers moved per (candidate, topic): lifetime counts exactly, recency-weighted counts faded by the
    candidate's later attempts that answered the topic, and every candidate's facility for the topic."""
    if not changes:
        return
    users = {u for u, _ in changes}
    topics = {t for _, t in changes}
    newer = _newer_answering(session, users, topics)
    rows = session.scalars(
        select(TopicProgress)
        .where(TopicProgress.user_id.in_(users), TopicProgress.topic_id.in_(topics))
        .order_by(TopicProgress.user_id, TopicProgress.topic_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    progress = {(r.user_id, r.topic_id): r for r in rows}
    facility: dict[int, int] = defaultdict(int)
    for (user_id, topic_id), items in changes.items():
        for attempt, delta in items:
            facility[topic_id] += delta
            row = progress.get((user_id, topic_id))
            if row is None:
                continue
            weight = faded(delta, newer(attempt, topic_id))
            row.correct += delta
            row.recent_right = max(0.0, row.recent_right + weight)
            row.recent_wrong = max(0.0, row.recent_wrong - weight)
    for topic_id, delta in sorted(facility.items()):
        if delta:
            session.execute(
                update(TopicFacility)
                .where(TopicFacility.topic_id == topic_id)
                .values(correct=TopicFacility.correct + delta)
            )


def _newer_answering(session: Session, users: set[int], topics: set[int]):
    """A function (attempt, topic) → how many of its candidate's graded attempts finished after it answered the
    topic: grading fades older counts once per such attempt. Two queries for the chunk."""
    attempts = session.execute(
        select(Attempt.id, Attempt.user_id, Attempt.finished_at, Attempt.result).where(
            Attempt.user_id.in_(users), _graded()
        )
    ).all()
    results = {a.id: a for a in attempts}
    slots = session.execute(
        select(Slot.attempt_id, Slot.position, QuestionVersion.topic_id)
        .join(QuestionVersion, QuestionVersion.id == Slot.version_id)
        .where(Slot.attempt_id.in_(list(results)), QuestionVersion.topic_id.in_(topics))
    ).all()
    answered: dict[tuple[int, int], list[tuple]] = defaultdict(list)  # (user, topic) → (finished_at, id)
    seen = set()
    for attempt_id, position, topic_id in slots:
        row = results[attempt_id]
        answers = (row.result or {}).get("answers") or []
        if position < len(answers) and answers[position] is not None and (attempt_id, topic_id) not in seen:
            seen.add((attempt_id, topic_id))
            answered[(row.user_id, topic_id)].append((row.finished_at, attempt_id))

    def newer(attempt: Attempt, topic_id: int) -> int:
        mine = (attempt.finished_at, attempt.id)
        return sum(1 for other in answered[(attempt.user_id, topic_id)] if other > mine)

    return newer
