"""Pure regrade arithmetic: the corrected key of a shown version, an attempt graded again, and what the kept
summaries (distributions, topic progress) must add or take away. No Flask, no database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from trainer.exam.grading import Grade, SlotKey, grade
from trainer.progress.mastery import DECAY
from trainer.results.distribution import to_centimarks

LETTERS = "ABCDEFGH"


def mapped_key(shown_options: Sequence[str], corrected_options: Sequence[str], corrected_key: int) -> int:
    """The corrected key as an index in the options the attempt showed.

    The corrected version's right option, if its text appears exactly once among the shown options (so a version
    that also reordered or reworded other options still points at the right one); else the same letter.
    """
    text = corrected_options[corrected_key].strip()
    matches = [i for i, option in enumerate(shown_options) if option.strip() == text]
    if len(matches) == 1:
        return matches[0]
    if not 0 <= corrected_key < len(shown_options):
        raise ValueError(f"the corrected key {letter(corrected_key)} is not an option of the version shown")
    return corrected_key


def letter(index: int | None) -> str:
    return "-" if index is None else LETTERS[index] if 0 <= index < len(LETTERS) else str(index + 1)


@dataclass(frozen=True)
class Correction:
    """What a regrade does to one slot: grade it against `key`, or drop it (full marks to everyone)."""

    position: int
    key: int | None = None
    dropped: bool = False


@dataclass(frozen=True)
class Regraded:
    """One attempt graded before and after the corrections."""

    before: Grade
    after: Grade

    @property
    def changed(self) -> bool:
        return self.before.total != self.after.total or self.before.sections != self.after.sections


def regrade(keys: list[SlotKey], answers: list[int | None], corrections: Sequence[Correction]) -> Regraded:
    """Grade the same answers against the keys as they were and as corrected (`trainer.exam.grading.grade`)."""
    corrected = list(keys)
    for fix in corrections:
        slot = keys[fix.position]
        corrected[fix.position] = replace(slot, key=slot.key if fix.key is None else fix.key, dropped=fix.dropped)
    return Regraded(grade(keys, answers), grade(corrected, answers))


def counted_right(answer: int | None, key: int, dropped: bool) -> bool:
    """Whether progress counts the answer right: a dropped question counts right for those who answered it (a
    blank stays a blank, so the number of answers in the topic never changes)."""
    return answer is not None and (dropped or answer == key)


def right_delta(answer: int | None, before: SlotKey, after: SlotKey) -> int:
    """+1, 0 or −1: how the number of right answers progress counts for the slot changes."""
    return int(counted_right(answer, after.key, after.dropped)) - int(counted_right(answer, before.key, before.dropped))


def faded(delta: float, newer_attempts: int) -> float:
    """What a change of `delta` right answers in an attempt weighs now in the recency-weighted counts, after
    `newer_attempts` later graded attempts that answered the topic each kept DECAY of the older weight."""
    return delta * DECAY**newer_attempts


@dataclass(frozen=True)
class BinMove:
    """Add `count` candidates (negative: take away) and `seconds` to one bin of a distribution."""

    section: str  # "" for the whole paper
    centimarks: int
    count: int
    seconds: float


def bin_moves(before: dict[str, float], after: dict[str, float], seconds: dict[str, float]) -> list[BinMove]:
    """Move a counted attempt from the bins of its old scores to those of its new ones (by section key, "" being
    the whole paper), with the time it spent; a score that did not change moves nothing."""
    moves = []
    for section, old in before.items():
        new = after.get(section, old)
        if to_centimarks(old) == to_centimarks(new):
            continue
        spent = seconds.get(section, 0.0)
        moves += [
            BinMove(section, to_centimarks(old), -1, -spent),
            BinMove(section, to_centimarks(new), 1, spent),
        ]
    return moves


def merge_moves(moves: list[BinMove]) -> list[BinMove]:
    """Add up moves into the same bin, in key order (concurrent writers then lock bins in the same order)."""
    total: dict[tuple[str, int], list] = {}
    for move in moves:
        entry = total.setdefault((move.section, move.centimarks), [0, 0.0])
        entry[0] += move.count
        entry[1] += move.seconds
    return [BinMove(s, c, n, t) for (s, c), (n, t) in sorted(total.items()) if n or t]
