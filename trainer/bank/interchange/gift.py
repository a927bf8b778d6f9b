"""GIFT (Moodle's plain-text quiz format): read single-answer multiple choice, report every other type; write it.

Grammar followed (docs.moodle.org/en/GIFT_format): questions are separated by blank lines; lines starting with
`//` are comments; `$CATEGORY: path` sets the category of the questions after it; `::title::` names a question;
`[html]`, `[markdown]`, `[plain]`, `[moodle]` give the text format; the answers sit in `{...}` (`=` right, `~`
wrong, `~%50%` weighted, `#` feedback after an answer, `####` general feedback); `\\~ \\= \\# \\{ \\} \\:` and `\\\\`
are literal characters and `\\n` a line break. Text after the `}` makes a missing-word question (`_____`).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from trainer.bank.interchange.items import (
    InterchangeError,
    Item,
    Parsed,
    Unsupported,
    apply_tags,
    check_count,
    decode,
    meta_tags,
)
from trainer.core.wording import N_

RESTORE = {"\ue000": "\\", "\ue001": "~", "\ue002": "=", "\ue003": "#", "\ue004": "{", "\ue005": "}", "\ue006": ":"}
ESCAPES = {"\\" + char: mark for mark, char in RESTORE.items()}  # `\~` -> a private-use placeholder
ESCAPE_PATTERN = re.compile(r"\\[\\~=#{}:]")
TITLE = re.compile(r"^::(.*?)::", re.S)
FORMAT = re.compile(r"^\s*\[(html|markdown|plain|moodle)\]", re.I)
ANSWER = re.compile(r"([~=])([^~=]*)")
WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
BLANK = "_____"
ID_TAG = re.compile(r"\[id:([^\]]*)\]")
TAG = re.compile(r"\[tag:([^\]]*)\]")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def hide(text: str) -> str:
    """Escaped characters as private-use placeholders, so splitting on `~ = # { }` ignores them."""
    return ESCAPE_PATTERN.sub(lambda m: ESCAPES[m.group(0)], text)


def unhide(text: str) -> str:
    """Placeholders back to the characters they stand for; `\\n` as a line break."""
    text = text.replace("\\n", "\n")
    for mark, char in RESTORE.items():
        text = text.replace(mark, char)
    return text.strip()


def blocks(text: str) -> list[tuple[int, str, str]]:
    """(first line, text, comments) of each blank-line-separated block; comment lines are set apart, since
    Moodle reads `[id:...]` and `[tag:...]` in a question's comments."""
    found, current, comments, start = [], [], [], 0
    for number, line in enumerate([*text.splitlines(), ""], 1):
        if line.lstrip().startswith("//"):
            comments.append(line)
        elif line.strip():
            start = start or number
            current.append(line)
        elif current or comments:
            if current:
                found.append((start, "\n".join(current), "\n".join(comments)))
            current, comments, start = [], [], 0
    return found


def tag_text(value: str) -> str:
    return value.replace("%", "%25").replace("]", "%5D").replace("\n", "%0A")


def read_comments(item: Item, comments: str) -> None:
    """`[id:...]` gives the item's id, `[tag:name=value]` our fields (see items.meta_tags)."""
    ident = ID_TAG.search(comments)
    if ident and ID.match(ident.group(1).strip()):
        item.uid = ident.group(1).strip()
    apply_tags(item, [unquote(tag) for tag in TAG.findall(comments)])


def kind(answers: str) -> str:
    """The question type an answer block gives, as Moodle decides it."""
    body = answers.strip()
    if not body:
        return "essay"
    if body.startswith("#"):
        return "numerical"
    if "~" in body:  # Moodle's order: a tilde makes multiple choice even if an option holds "->"
        return "multichoice"
    if "=" in body and "->" in body:
        return "matching"
    if body.upper() in ("T", "F", "TRUE", "FALSE") or body.split("#")[0].strip().upper() in ("T", "F", "TRUE", "FALSE"):
        return "truefalse"
    return "shortanswer"


def split_question(raw: str, path: str, line: int) -> tuple[str, str, str, str]:
    """(title, stem, answer block, text after the block) of one hidden-escape block."""
    title = ""
    match = TITLE.match(raw.lstrip())
    if match:
        title, raw = match.group(1), raw.lstrip()[match.end() :]
    raw = FORMAT.sub("", raw, count=1)
    opened, closed = raw.count("{"), raw.count("}")
    if opened == 0:
        return title, raw, "", ""
    if opened != 1 or closed != 1 or raw.index("{") > raw.index("}"):
        raise InterchangeError(
            path, line, N_("unbalanced or nested braces: one {...} answer block per question (escape a literal as \\{)")
        )
    before, rest = raw.split("{", 1)
    answers, after = rest.split("}", 1)
    return title, before, answers, after


def answers_of(block: str, path: str, line: int) -> tuple[list[tuple[float, str, str]], str]:
    """([(weight, text, feedback)], general feedback) of a multiple-choice answer block."""
    block, _, general = block.rpartition("####") if "####" in block else (block, "", "")
    if block.strip() and block.strip()[0] not in "~=":
        raise InterchangeError(path, line, N_("text before the first answer: %(text)r", text=unhide(block)[:40]))
    answers = []
    for mark, body in ANSWER.findall(block):
        weight = 100.0 if mark == "=" else 0.0
        found = WEIGHT.match(body.strip())
        if found:
            weight, body = float(found.group(1)), body.strip()[found.end() :]
        text, _, feedback = body.partition("#")  # each may start with its own [format] marker
        answers.append((weight, unhide(FORMAT.sub("", text, count=1)), unhide(FORMAT.sub("", feedback, count=1))))
    return answers, unhide(general)


def to_item(title: str, stem: str, block: str, path: str, line: int) -> Item | Unsupported:
    answers, general = answers_of(block, path, line)
    keys = [i for i, (weight, _text, _fb) in enumerate(answers) if weight >= 100]
    if len(keys) != 1 or any(0 < weight < 100 for weight, _t, _f in answers):
        return Unsupported(path, line, N_("multiple-answer (weights other than one 100% key)"))
    key = keys[0]
    explanation = answers[key][2] or general
    return Item(path, line, unhide(stem), [text for _w, text, _f in answers], key, explanation, title=unhide(title))


def read_block(start: int, raw: str, comments: str, path: str, state: dict, parsed: Parsed) -> None:
    if raw.lstrip().startswith("$CATEGORY:"):
        first, _, rest = raw.lstrip().partition("\n")
        state["category"] = unhide(first[len("$CATEGORY:") :])
        if not rest.strip():
            return
        raw, start = rest, start + 1
    title, stem, block, after = split_question(hide(raw), path, start)
    question_kind = kind(block) if (block or "{" in hide(raw)) else "description"
    if question_kind != "multichoice":
        parsed.unsupported.append(Unsupported(path, start, question_kind))
        return
    if after.strip():
        stem = f"{stem.rstrip()} {BLANK} {after.strip()}"
    item = to_item(title, stem, block, path, start)
    if isinstance(item, Item):
        item.category = state["category"]
        read_comments(item, comments)
        if "@@PLUGINFILE@@" in item.stem + "".join(item.options) + item.explanation:
            item.notes.append(N_("@@PLUGINFILE@@ images: GIFT cannot carry the files (use Moodle XML)"))
        parsed.items.append(item)
    else:
        parsed.unsupported.append(item)


def parse(data: bytes, path: str) -> Parsed:
    """Every question of a GIFT file; errors and unsupported types are collected with their lines."""
    text = decode(data, path)
    parsed, state = Parsed(), {"category": ""}
    for start, raw, comments in blocks(text):
        try:
            read_block(start, raw, comments, path, state, parsed)
        except InterchangeError as exc:
            parsed.errors.append(exc)
    check_count(parsed, path)
    return parsed


def escape(text: str) -> str:
    """Text as GIFT writes it literally: specials escaped, line breaks as `\\n`."""
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def write(items: list[Item]) -> str:
    """A GIFT file of the items: `$CATEGORY: section/topic`, `::id::[markdown]`, the key first as written."""
    out, category = ["// Exported by ASO Trainer: single-answer multiple choice, Markdown text.", ""], None
    for item in items:
        if item.category != category:
            category = item.category
            out += [f"$CATEGORY: {category}", ""]
        tags = "".join(f" [tag:{tag_text(tag)}]" for tag in meta_tags(item))
        out.append(f"// [id:{item.uid}]{tags}")
        out.append(f"::{escape(item.uid)}::[markdown]{escape(item.stem)} {{")
        for index, option in enumerate(item.options):
            out.append(f"\t{'=' if index == item.answer else '~'}{escape(option)}")
        if item.explanation:
            out.append(f"\t####{escape(item.explanation)}")
        out += ["}", ""]
    return "\n".join(out)
