"""The item every interchange format parses into, and the one error type its parsers raise."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from trainer.core.wording import N_

MAX_BYTES = 20_000_000  # a file larger than this is refused before it is parsed
MAX_ITEMS = 10_000  # and a file with more questions than this
DEFAULT_DIFFICULTY = "medium"
DEFAULT_SOURCE = "imported"


class InterchangeError(ValueError):
    """A file (or part of it) that cannot be read in its format; `line` says where (0: the file as a whole).

    `message` is a Message where the parser marked it: a page says it in the reader's language, the CLI in English."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class Item:
    """One single-answer multiple-choice question read from any format, before any quality gate.

    `answer` is an index into `options` (None: the file gives no single key). `category` is the format's own
    category text (GIFT `$CATEGORY:`, Moodle `<category>`), mapped to section/topic by `categories.py`.
    """

    path: str
    line: int
    stem: str
    options: list[str]
    answer: int | None
    explanation: str = ""
    uid: str = ""
    title: str = ""
    category: str = ""
    section: str = ""
    topic: str = ""
    difficulty: str = DEFAULT_DIFFICULTY
    source: str = DEFAULT_SOURCE
    subtopic: str = ""
    as_of: str = ""  # YYYY-MM-DD, for time-bound facts
    shuffle: bool = True
    language: str = "en"
    hindi: tuple | None = None  # (stem, options, explanation)
    notes: list[str] = field(default_factory=list)  # what the parser had to drop (e.g. an image it reported)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Unsupported:
    """A question of a type we do not import (true/false, essay...), reported with its location."""

    path: str
    line: int
    kind: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: unsupported question type {self.kind!r}: only single-answer multiple choice"


@dataclass
class Parsed:
    """What a parser read from one file: the items and what it could not import."""

    items: list[Item] = field(default_factory=list)
    unsupported: list[Unsupported] = field(default_factory=list)
    errors: list[InterchangeError] = field(default_factory=list)


META = ("difficulty", "source", "subtopic", "as_of", "shuffle", "language")  # kept as tags by GIFT and Moodle XML
META_DEFAULTS = {
    "difficulty": DEFAULT_DIFFICULTY,
    "source": DEFAULT_SOURCE,
    "subtopic": "",
    "as_of": "",
    "shuffle": True,
    "language": "en",
}


def meta_tags(item: Item) -> list[str]:
    """`name=value` for each of our fields a foreign format has no place for (default values left out)."""
    found = []
    for name in META:
        value = getattr(item, name)
        if value != META_DEFAULTS[name]:
            found.append(f"{name}={str(value).lower() if isinstance(value, bool) else value}")
    return found


def apply_tags(item: Item, tags: list[str]) -> None:
    """Set our fields from `name=value` tags (as meta_tags writes them); other tags are the author's own."""
    for tag in tags:
        name, equals, value = tag.partition("=")
        if equals and name.strip() in META:
            value = value.strip()
            setattr(item, name.strip(), value.lower() != "false" if name.strip() == "shuffle" else value)


SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 80) -> str:
    """Lower-case letters, digits and '-': a title as an id (may be empty)."""
    return SLUG.sub("-", text.lower()).strip("-")[:limit].strip("-")


def assign_uids(items: list[Item]) -> None:
    """Give each item without an id one: its title's slug if free, else `imp-` and a hash of its text.

    The same file imported twice gives the same ids, so a re-import is 'unchanged', not 'new'."""
    taken = {item.uid for item in items if item.uid}
    for item in items:
        if item.uid:
            continue
        candidate = slug(item.title)
        if not candidate or candidate in taken:
            digest = hashlib.sha256("\x1f".join([item.stem, *item.options]).encode()).hexdigest()[:12]
            candidate = f"imp-{digest}" if not candidate else f"{candidate}-{digest[:6]}"
        while candidate in taken:
            candidate += "-x"
        item.uid = candidate
        taken.add(candidate)


def check_size(data: bytes, path: str) -> None:
    """Refuse a file above MAX_BYTES before parsing it."""
    if len(data) > MAX_BYTES:
        raise InterchangeError(
            path,
            0,
            N_(
                "file is %(size)s MB; the limit is %(limit)s MB: split it",
                size=f"{len(data) / 1e6:.1f}",
                limit=f"{MAX_BYTES / 1e6:.0f}",
            ),
        )


def decode(data: bytes, path: str) -> str:
    """UTF-8 text (a BOM dropped), or InterchangeError naming the line of the first bad byte or a NUL."""
    check_size(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InterchangeError(
            path, line, N_("not UTF-8 text (byte %(byte)s): save the file as UTF-8", byte=f"{data[exc.start]:#04x}")
        ) from None
    if "\x00" in text:
        raise InterchangeError(path, text.count("\n", 0, text.index("\x00")) + 1, N_("a NUL character: a binary file?"))
    return text


def check_count(parsed: Parsed, path: str) -> None:
    count = len(parsed.items) + len(parsed.unsupported)
    if count > MAX_ITEMS:
        raise InterchangeError(
            path, 0, N_("%(count)s questions; the limit is %(limit)s per file: split it", count=count, limit=MAX_ITEMS)
        )
