"""DEST passages as plain-text files (`question_bank/typing/*.txt`): reading them and checking them.

A file is a header of `key: value` lines, a line `---`, then the passage. The passage's lines are joined with
single spaces (wrap it however is convenient); it is typed as one paragraph, as in the real test.

    id: dest-001
    title: Revised office timings during the winter months
    kind: test          (test: about 2,000 key depressions in 15 minutes; warmup: a short timed passage)
    minutes: 15
    register: notice    (notice, circular, report, essay, speech, letter, press release, minutes)
    ---
    The passage ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from trainer.config import PROJECT_ROOT
from trainer.skills.evaluation import REQUIRED_KDPH, key_depressions

FOLDER = PROJECT_ROOT / "question_bank" / "typing"
KINDS = ("test", "warmup")
# the typing page names each in the reader's language (templates/skills/list_passages.html)
REGISTERS = ("notice", "circular", "report", "essay", "speech", "letter", "press release", "minutes")
TEST_MINUTES = 15
WARMUP_MINUTES = (2, 5)
TEST_RANGE = (1850, 2150)  # "about 2,000 key depressions"
SLACK = 0.15  # a warm-up holds its minutes' worth at 8,000 per hour, give or take 15%
REQUIRED_KEYS = ("id", "title", "kind", "minutes", "register")
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TYPEABLE = re.compile(r"^[ -~]*$")  # printable ASCII: every character has a key on an English (US) keyboard


@dataclass(frozen=True)
class Passage:
    key: str
    title: str
    kind: str
    minutes: int
    register: str
    text: str
    path: str = ""

    @property
    def key_depressions(self) -> int:
        return key_depressions(self.text)

    @property
    def words(self) -> int:
        return len(self.text.split())


class PassageError(ValueError):
    """A passage file that cannot be read; the message names the file and line."""


def parse(source: str, path: str = "<text>") -> Passage:
    """Read one passage file; raise PassageError naming file:line for a header that cannot be read."""
    head, sep, body = source.partition("\n---\n")
    if not sep:
        raise PassageError(f"{path}:1: no line `---` between the header and the passage")
    header = {}
    for number, line in enumerate(head.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if not colon:
            raise PassageError(f"{path}:{number}: expected `key: value`, found {line.strip()[:60]!r}")
        header[key.strip()] = value.strip()
    missing = [key for key in REQUIRED_KEYS if key not in header]
    if missing:
        raise PassageError(f"{path}:1: the header lacks {', '.join(missing)}")
    if not header["minutes"].isdigit():
        raise PassageError(f"{path}: minutes must be a whole number, not {header['minutes']!r}")
    text = " ".join(line.strip() for line in body.splitlines() if line.strip())
    return Passage(
        header["id"], header["title"], header["kind"], int(header["minutes"]), header["register"], text, path
    )


def problems(passage: Passage) -> list[str]:
    """Everything wrong with one passage, each saying where."""
    where, found = passage.path, []
    if not ID.match(passage.key):
        found.append(f"{where}: id {passage.key!r} must be lower-case words joined by hyphens")
    if passage.path and Path(passage.path).stem != passage.key:
        found.append(f"{where}: id {passage.key!r} differs from the file name")
    if passage.kind not in KINDS:
        found.append(f"{where}: kind {passage.kind!r} must be one of {', '.join(KINDS)}")
    if passage.register not in REGISTERS:
        found.append(f"{where}: register {passage.register!r} must be one of {', '.join(REGISTERS)}")
    bad = sorted({ch for ch in passage.text if not TYPEABLE.match(ch)})
    if bad:
        found.append(f"{where}: characters not on an English (US) keyboard: {' '.join(map(repr, bad))}")
    if "  " in passage.text:
        found.append(f"{where}: two spaces in a row")
    no_letters = [w for w in passage.text.split() if not re.search(r"[0-9A-Za-z]", w)]
    if no_letters:
        found.append(f"{where}: words without a letter or digit (a dash standing alone?): {no_letters[:3]}")
    if passage.text and passage.text[-1] not in ".!?":
        found.append(f"{where}: the passage must end with a full stop, ! or ?")
    found.extend(_length_problems(passage))
    return found


def _length_problems(passage: Passage) -> list[str]:
    count = passage.key_depressions
    if passage.kind == "test":
        low, high = TEST_RANGE
        if passage.minutes != TEST_MINUTES:
            return [f"{passage.path}: a test passage has {TEST_MINUTES} minutes, not {passage.minutes}"]
    elif passage.kind == "warmup":
        if passage.minutes not in WARMUP_MINUTES:
            return [f"{passage.path}: a warm-up has {' or '.join(map(str, WARMUP_MINUTES))} minutes"]
        target = REQUIRED_KDPH * passage.minutes / 60
        low, high = round(target * (1 - SLACK)), round(target * (1 + SLACK))
    else:
        return []
    if not low <= count <= high:
        return [
            f"{passage.path}: {count} key depressions; a {passage.kind} of {passage.minutes} minutes needs {low}-{high}"
        ]
    return []


def read_folder(folder: Path = FOLDER) -> tuple[list[Passage], list[str]]:
    """Every passage of the folder (sorted by id) and every problem found, duplicates and near-copies included."""
    passages, found = [], []
    for path in sorted(folder.glob("*.txt")):
        try:
            passage = parse(path.read_text(encoding="utf-8"), str(path))
        except (PassageError, UnicodeDecodeError) as exc:
            found.append(str(exc) if isinstance(exc, PassageError) else f"{path}: not UTF-8 text")
            continue
        found.extend(problems(passage))
        passages.append(passage)
    seen: dict[str, str] = {}
    for passage in passages:
        if passage.key in seen:
            found.append(f"{passage.path}: id {passage.key!r} is also used by {seen[passage.key]}")
        seen.setdefault(passage.key, passage.path)
    found.extend(_near_copies(passages))
    if not any(p.kind == "test" for p in passages):
        found.append(f"{folder}: no test passage")
    return sorted(passages, key=lambda p: p.key), found


def _near_copies(passages: list[Passage]) -> list[str]:
    """Pairs of passages sharing a third or more of their five-word runs (one copied from the other)."""
    runs = {}
    for p in passages:
        words = p.text.lower().split()
        runs[p.path] = {" ".join(words[i : i + 5]) for i in range(len(words) - 4)}
    found = []
    for n, a in enumerate(passages):
        for b in passages[n + 1 :]:
            shared = len(runs[a.path] & runs[b.path])
            if shared and shared >= len(runs[a.path]) / 3:
                found.append(f"{b.path}: shares {shared} five-word runs with {a.path}")
    return found


@cache
def _library(folder: str) -> dict[str, Passage]:
    passages, _problems = read_folder(Path(folder))
    return {p.key: p for p in passages}


def library(folder: Path = FOLDER) -> dict[str, Passage]:
    """The passages by id, read once per process (they are files shipped with the code)."""
    return _library(str(folder))
