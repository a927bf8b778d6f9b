"""What a draw reads of the bank, prepared once per process: published questions by topic in draw order, group
members, topics. A start checks the bank's stamp (one primary-key read) and reloads only after the bank changed,
so drawing costs the same whatever the bank's size and however many papers were drawn before."""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.bank.models import BankState, Question, QuestionVersion, Topic
from trainer.bank.taxonomy import TopicDef

KEPT = 4  # indexes kept per process: a few stamps may be current at once in concurrent transactions


@dataclass(frozen=True)
class TopicRow:
    """A topic as a draw needs it: plain values a worker's threads can share."""

    id: int
    section: str
    key: str
    name: str
    weights: dict
    name_hi: str = ""  # "": the English name on Hindi pages too (trainer.i18n.local_name)


class DrawRow(NamedTuple):
    """A published question as a draw needs it (the pointer to its current version and what was copied from it)."""

    qid: int
    vid: int
    tid: int
    kind: str
    draw_key: float | None
    shuffle: bool
    group_version_id: int | None


@dataclass(frozen=True)
class Window:
    """What to read of one topic: its published hand-written questions, or its pooled generated items."""

    kind: str  # "static" or "generator"
    topic_id: int
    size: int  # at most this many, from a random point of the topic's draw order onwards


class WindowRead(NamedTuple):
    """What one window offers a draw, and whether the topic has rows the window left out."""

    window: Window
    rows: list[DrawRow]
    cut: bool


@dataclass(frozen=True)
class DrawIndex:
    stamp: int | None
    topics: tuple[TopicRow, ...]
    ordered: dict[tuple[str, int], tuple[list[float], list[DrawRow]]]  # (kind, topic id) -> keys, rows by draw_key
    by_id: dict[int, DrawRow]
    members: dict[int, list[tuple[int, int, bool]]]  # group version id -> (question, version, shuffle) in order
    _weights: dict[str, dict[int, float]] = field(default_factory=dict, compare=False, repr=False)
    _memos: dict[str, dict] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, name: str) -> dict:
        """A dict kept with this index for what a caller derives from its rows, e.g. objects built from them: it
        lives as long as the index, so nothing derived from an older bank outlives it. Threads share it."""
        return self._memos.setdefault(name, {})

    def weights(self, paper: str) -> dict[int, float]:
        """Each topic's typical question count in this paper (tier1, tier2), by topic id: parsed once per index."""
        found = self._weights.get(paper)
        if found is None:  # two threads may both compute it: the same values, and either may be kept
            found = {t.id: TopicDef(t.section, t.key, t.name, t.weights).weight(paper) for t in self.topics}
            self._weights[paper] = found
        return found

    def window_rows(self, windows: list[Window], start: float, seen: dict[int, int] | None = None) -> list[WindowRead]:
        """For each window, the first `size` rows not in `seen` in draw order from `start` (wrapping round); where a
        topic has fewer unseen rows than that, its least-seen rows make up the rest (the draw falls back on them).
        What the candidate has seen costs a lookup per row passed over, and no candidate is built for it."""
        return [self._read(window, start, seen or {}) for window in windows]

    def _read(self, window: Window, start: float, seen: dict[int, int]) -> WindowRead:
        keys, ordered = self.ordered.get((window.kind, window.topic_id), ([], []))
        if len(ordered) <= window.size:
            return WindowRead(window, ordered, False)
        at, picked, passed = bisect_left(keys, start), [], []
        for step in range(len(ordered)):
            row = ordered[(at + step) % len(ordered)]
            if seen.get(row.qid, 0) > 0:
                passed.append(row)
            else:
                picked.append(row)
                if len(picked) == window.size:
                    return WindowRead(window, picked, True)
        passed.sort(key=lambda row: seen[row.qid])  # stable: equally seen rows stay in draw order from `start`
        return WindowRead(window, picked + passed[: window.size - len(picked)], True)

    def preferred(self, question_ids: tuple[int, ...]) -> list[DrawRow]:
        """These questions' rows, where they are published and hand-written, wherever they fall in draw order."""
        found = (self.by_id.get(qid) for qid in sorted(set(question_ids)))
        return [row for row in found if row is not None and row.kind == "static"]

    def drawable_texts(self) -> tuple[list[int], list[int]]:
        """The question versions and the passages (group versions) a draw can show, in draw order."""
        rows = [row for _, ordered in self.ordered.values() for row in ordered]
        groups = list(dict.fromkeys(row.group_version_id for row in rows if row.group_version_id is not None))
        alone = [row.vid for row in rows if row.group_version_id is None]
        return alone + [vid for gid in groups for _, vid, _ in self.members.get(gid, ())], groups

    def group_members(self, group_version_ids: set[int]) -> dict[int, list[tuple[int, int, bool]]]:
        return {gid: self.members[gid] for gid in group_version_ids if gid in self.members}


_cache: OrderedDict[int, DrawIndex] = OrderedDict()
_cache_lock = threading.Lock()
_loading = threading.Lock()


_STAMP = select(BankState.stamp).where(BankState.id == 1)  # built once: every start reads it


def current(session: Session) -> DrawIndex:
    """The index for the bank as this session sees it: one statement when this process has it already."""
    stamp = session.scalar(_STAMP)
    if stamp is None:  # no stamp row (an emptied database): nothing to key a copy by, so read afresh
        return load(session, None)
    hit = _cached(stamp)
    if hit is not None:
        return hit
    with _loading:  # one thread of the process loads; the others wait for its copy instead of loading again
        hit = _cached(stamp)
        if hit is None:
            hit = load(session, stamp)
            with _cache_lock:
                _cache[stamp] = hit
                while len(_cache) > KEPT:
                    _cache.popitem(last=False)
        return hit


def _cached(stamp: int) -> DrawIndex | None:
    with _cache_lock:
        hit = _cache.get(stamp)
        if hit is not None:
            _cache.move_to_end(stamp)
        return hit


def load(session: Session, stamp: int | None) -> DrawIndex:
    """Read the drawable bank: three statements, whatever a draw will ask of it."""
    topics = tuple(
        TopicRow(t.id, t.section, t.key, t.name, dict(t.weights or {}), t.name_hi)
        for t in session.scalars(select(Topic))
    )
    rows = [
        DrawRow(*row)
        for row in session.execute(
            select(
                Question.id, Question.current_version_id, Question.topic_id, Question.kind, Question.draw_key,
                Question.shuffle, Question.group_version_id,
            ).where(Question.status == "published", Question.current_version_id.is_not(None))
        )
    ]  # fmt: skip
    grouped: dict[tuple[str, int], list[DrawRow]] = defaultdict(list)
    for row in rows:
        if row.draw_key is not None:
            grouped[(row.kind, row.tid)].append(row)
    ordered = {}
    for key, window_rows in grouped.items():
        window_rows.sort(key=lambda r: (r.draw_key, r.qid))
        ordered[key] = ([r.draw_key for r in window_rows], window_rows)
    members: dict[int, list[tuple[int, int, bool]]] = defaultdict(list)
    for qid, vid, shuffle, group_version in session.execute(
        select(Question.id, QuestionVersion.id, QuestionVersion.shuffle, QuestionVersion.group_version_id)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(QuestionVersion.group_version_id.is_not(None), Question.status == "published")
        .order_by(QuestionVersion.group_position)
    ):
        members[group_version].append((qid, vid, shuffle))
    return DrawIndex(stamp, topics, ordered, {row.qid: row for row in rows}, dict(members))
