"""What the exam page reads of an attempt's paper: its slots and shared texts as stored HTML, and no key.

The HTML of a version (or a passage's) never changes, so each worker decodes it once and keeps it: a warm page reads
one statement for its whole paper, whatever its length, and one more only for texts the worker has not shown yet.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from flask import Flask
from sqlalchemy import literal_column, select, union_all
from sqlalchemy.orm import Session

from trainer.bank.models import ItemGroupVersion, QuestionVersion
from trainer.bank.rendering import render_passage
from trainer.core.db import fetch_plain
from trainer.exam.screen import fragments

FRAGMENT_CACHE_SIZE = 4096  # texts of about 3 KB each: more than the bundled bank, its pool and passages hold
QUESTION, PASSAGE = "q", "g"


class ShownSlot(NamedTuple):
    """One position of the paper as the candidate sees it: its version's stored HTML in its shown option order.

    Plain values, not ORM objects: building a hundred slots and versions as objects cost more than the rest of the
    page's reading together, and the key, which the page must not hold, is not read at all. A named tuple, as
    immutable as a frozen dataclass and cheaper to build.
    """

    id: int
    position: int
    section: str
    option_order: tuple[int, ...]
    group_version_id: int | None  # the shared text (passage, data set) it is asked with
    html: dict  # the version's fragments: stem, options (as written), explanation, hindi


@dataclass(frozen=True)
class ShownPaper:
    slots: list[ShownSlot]  # in paper order
    passages: dict[int, dict]  # group version id (ascending) -> its stored HTML: passage, hindi_passage


TextKey = tuple[str, int, str]  # QUESTION or PASSAGE, the version's id, its content hash


class FragmentCache:
    """Stored HTML, decoded, by TextKey: the most recently shown FRAGMENT_CACHE_SIZE texts.

    The content hash is in the key so that a row id used again (SQLite reuses the highest id after a delete) can
    never bring back another text. Locked, because a worker's threads share it: once per page.
    """

    def __init__(self, size: int = FRAGMENT_CACHE_SIZE) -> None:
        self.size = size
        self._html: OrderedDict[TextKey, dict] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys: set[TextKey]) -> dict[TextKey, dict]:
        with self._lock:
            found = {key: self._html[key] for key in keys if key in self._html}
            for key in found:
                self._html.move_to_end(key)
        return found

    def put_many(self, html: dict[TextKey, dict]) -> None:
        with self._lock:
            self._html.update(html)
            while len(self._html) > self.size:
                self._html.popitem(last=False)


def fragment_cache(app: Flask) -> FragmentCache:
    """The app's cache: one per app, so that tests' databases, whose ids repeat, never share one."""
    return app.extensions.setdefault("exam.fragments", FragmentCache())


# The slots of one attempt with their versions' and shared texts' keys. Each version is read by its primary key, not
# joined: a join's plan depends on the slot table's statistics, and without them (a new site's first live mock,
# before autovacuum has run) PostgreSQL hashed the whole question_version table on every exam page, a cost that grew
# with the bank. On PostgreSQL a LATERAL subquery kept apart by OFFSET 0 (so the planner cannot turn it into that
# join) reads each version once (0.4 ms a Tier-I page, against 1.0 ms for a scalar subquery per column); SQLite has
# no LATERAL, and its scalar subqueries are cheap. It goes straight to the driver (`fetch_plain`), as a save's read
# does: built and run through SQLAlchemy, with the option orders decoded as JSON one by one, it cost more than the
# rest of the page's reading together. The option order comes as text, decoded once per distinct order (`_order`).
_PAPER = {
    "postgresql": (
        "SELECT slot.id, slot.position, slot.section, CAST(slot.option_order AS TEXT), v.group_version_id,"
        " slot.version_id, v.content_hash,"
        " (SELECT g.content_hash FROM item_group_version g WHERE g.id = v.group_version_id)"
        " FROM slot LEFT JOIN LATERAL (SELECT q.group_version_id, q.content_hash FROM question_version q"
        " WHERE q.id = slot.version_id OFFSET 0) v ON true"
        " WHERE slot.attempt_id = ? ORDER BY slot.position"
    ),
    "sqlite": (
        "SELECT slot.id, slot.position, slot.section, CAST(slot.option_order AS TEXT),"
        " (SELECT v.group_version_id FROM question_version v WHERE v.id = slot.version_id), slot.version_id,"
        " (SELECT v.content_hash FROM question_version v WHERE v.id = slot.version_id),"
        " (SELECT g.content_hash FROM item_group_version g WHERE g.id ="
        " (SELECT v.group_version_id FROM question_version v WHERE v.id = slot.version_id))"
        " FROM slot WHERE slot.attempt_id = ? ORDER BY slot.position"
    ),
}


@lru_cache(maxsize=256)
def _order(stored: str) -> tuple[int, ...]:
    """An option order from its stored text: a paper's hundred are a few of the 24 a four-option question has."""
    return tuple(json.loads(stored))


def shown_paper(session: Session, attempt_id: int, cache: FragmentCache | None = None) -> ShownPaper:
    """The attempt's slots in paper order and the shared texts they are asked with, each with its stored HTML
    (rendered here only for a row that lacks it): from `cache` where it holds them, else read in one more statement."""
    rows = fetch_plain(session, _PAPER[session.get_bind().dialect.name], [attempt_id])
    questions = {version: (QUESTION, version, digest) for *_, version, digest, _ in rows}
    groups = {group: (PASSAGE, group, digest) for *_, group, _, _, digest in rows if digest is not None}
    html = texts(session, {*questions.values(), *groups.values()}, FragmentCache() if cache is None else cache)
    slots = [
        ShownSlot(id, position, section, _order(order), group, html[questions[version]])
        for id, position, section, order, group, version, _, _ in rows
    ]
    return ShownPaper(slots, {group: html[groups[group]] for group in sorted(groups)})


def texts(session: Session, keys: set[TextKey], cache: FragmentCache) -> dict[TextKey, dict]:
    """The stored HTML of these texts: the cache's, and the rest read in one statement and kept."""
    html = cache.get_many(keys)
    if missing := keys - html.keys():
        read = stored_html(session, missing)
        cache.put_many(read)
        html.update(read)
    return html


def stored_html(session: Session, keys: set[TextKey]) -> dict[TextKey, dict]:
    """These texts' stored HTML, questions' and passages' in one statement."""
    return _read(session, [key[1] for key in keys if key[0] == QUESTION], [key[1] for key in keys if key[0] == PASSAGE])


def preload(session: Session, cache: FragmentCache, versions: list[int], passages: list[int], chunk: int = 500) -> int:
    """Put these question versions' and passages' stored HTML in the cache, as far as it holds, `chunk` a statement;
    how many texts were put. A worker does it at start-up for the bank it draws from, so that a burst's first pages
    read no texts (each would otherwise read its hundred, about a millisecond, while every candidate waits)."""
    wanted = [(QUESTION, id) for id in versions] + [(PASSAGE, id) for id in passages]
    wanted = wanted[: cache.size]
    for at in range(0, len(wanted), chunk):
        part = wanted[at : at + chunk]
        cache.put_many(
            _read(session, [id for kind, id in part if kind == QUESTION], [id for kind, id in part if kind == PASSAGE])
        )
    return len(wanted)


def _read(session: Session, versions: list[int], passages: list[int]) -> dict[TextKey, dict]:
    parts = [
        select(literal_column(f"'{kind}'"), table.id, table.content_hash, table.rendered).where(table.id.in_(ids))
        for kind, table, ids in ((QUESTION, QuestionVersion, versions), (PASSAGE, ItemGroupVersion, passages))
        if ids
    ]
    if not parts:
        return {}
    rows = session.execute(union_all(*parts) if len(parts) > 1 else parts[0])
    return {(kind, id, digest): rendered or _render(session, kind, id) for kind, id, digest, rendered in rows}


def _render(session: Session, kind: str, id: int) -> dict:
    """The HTML of a row stored without it (none should be: versions are rendered when they are made)."""
    if kind == QUESTION:
        return fragments(session.get(QuestionVersion, id))
    group = session.get(ItemGroupVersion, id)
    return render_passage(group.passage, group.hindi_passage)
