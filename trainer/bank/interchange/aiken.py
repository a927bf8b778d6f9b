"""Aiken (docs.moodle.org/en/Aiken_format): a question's text, options `A)` or `A.` one per line, `ANSWER: B`.

The format has no categories (map them all with `--map '*=SECTION/TOPIC'`), no feedback (so imported questions
lack the explanation our gates require and come in as drafts) and no other question types.
"""

from __future__ import annotations

import re

from trainer.bank.interchange.items import InterchangeError, Item, Parsed, check_count, decode
from trainer.core.wording import N_

OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
ANSWER = re.compile(r"^ANSWER\s*:\s*(\S*)\s*$", re.I)


class _Question:
    def __init__(self, line: int):
        self.line, self.stem, self.options, self.letters = line, [], [], []


def _finish(current: _Question, letter: str, path: str) -> Item:
    if not current.stem:
        raise InterchangeError(path, current.line, N_("options without a question text above them"))
    if not current.options:
        raise InterchangeError(path, current.line, N_("ANSWER without options A) B) ... above it"))
    expected = [chr(ord("A") + i) for i in range(len(current.letters))]
    if current.letters != expected:
        raise InterchangeError(
            path, current.line, N_("options must be lettered %(letters)s in order", letters=", ".join(expected))
        )
    if letter.upper() not in current.letters:
        raise InterchangeError(
            path, current.line, N_("ANSWER %(letter)r is not one of the options' letters", letter=letter)
        )
    return Item(path, current.line, "\n".join(current.stem), current.options, current.letters.index(letter.upper()))


def _read_line(number: int, line: str, current: _Question | None, path: str, parsed: Parsed) -> _Question | None:
    answer, option = ANSWER.match(line), OPTION.match(line)
    if answer:
        if current is None:
            raise InterchangeError(path, number, N_("ANSWER without a question above it"))
        parsed.items.append(_finish(current, answer.group(1), path))
        return None
    if current is None:
        current = _Question(number)
    if option and current.stem:
        current.letters.append(option.group(1))
        current.options.append(option.group(2).strip())
    elif current.options:
        raise InterchangeError(path, number, N_("text after the options: each option is one line, then 'ANSWER: X'"))
    else:
        current.stem.append(line)
    return current


def parse(data: bytes, path: str) -> Parsed:
    """Every question of an Aiken file; a broken question is an error at its line and reading goes on after it."""
    parsed, current, skipping = Parsed(), None, False
    for number, raw in enumerate(decode(data, path).splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if skipping:  # after an error, resume at the next question (after its ANSWER line)
            skipping = not ANSWER.match(line)
            continue
        try:
            current = _read_line(number, line, current, path, parsed)
        except InterchangeError as exc:
            parsed.errors.append(exc)
            current, skipping = None, not ANSWER.match(line)
    if current is not None:
        parsed.errors.append(
            InterchangeError(path, current.line, N_("the file ends before this question's ANSWER line"))
        )
    check_count(parsed, path)
    return parsed


def write(items: list[Item]) -> str:
    """Aiken text of the items (stem on one line; explanations, categories and ids are lost: the format has none)."""
    out = []
    for item in items:
        out.append(" ".join(item.stem.split()))
        out += [f"{chr(ord('A') + i)}) {' '.join(option.split())}" for i, option in enumerate(item.options)]
        out += [f"ANSWER: {chr(ord('A') + item.answer)}", ""]
    return "\n".join(out)
