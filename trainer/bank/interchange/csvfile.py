"""CSV (a spreadsheet's export): one question per row under a header row we define; see `bank csv-template`.

Columns: uid, section, topic, difficulty, stem, option_a .. option_d, answer (A-D), explanation, source, subtopic,
as_of (YYYY-MM-DD), shuffle (true/false), language (en/hi) and the Hindi text: stem_hi, option_a_hi ..
option_d_hi, explanation_hi. Only section, topic, stem, the four options and answer are required; unknown columns
are refused.
"""

from __future__ import annotations

import csv
import io

from trainer.bank.interchange.items import (
    DEFAULT_DIFFICULTY,
    DEFAULT_SOURCE,
    InterchangeError,
    Item,
    Parsed,
    check_count,
    decode,
)
from trainer.core.wording import N_, joined

LETTERS = "abcd"
OPTIONS = [f"option_{x}" for x in LETTERS]
HINDI = ["stem_hi", *(f"{o}_hi" for o in OPTIONS), "explanation_hi"]
EXTRA = ["subtopic", "as_of", "shuffle", "language"]  # optional; empty means the default (shuffle: true, en)
COLUMNS = ["uid", "section", "topic", "difficulty", "stem", *OPTIONS, "answer", "explanation", "source"]
COLUMNS += [*EXTRA, *HINDI]
REQUIRED = ["section", "topic", "stem", *OPTIONS, "answer"]
EXAMPLE = Item(
    "", 0, "If 20% of a number is 45, what is 35% of the same number?", ["63", "70.5", "78.75", "81"], 2,
    "The number is 45 / 0.20 = 225, so 35% of it is 0.35 x 225 = 78.75.", uid="quant-percentage-901",
    section="quant", topic="percentage", difficulty="easy", source="original",
)  # fmt: skip


def _options(row: dict, columns: list[str]) -> list[str]:
    options = [(row.get(c) or "").strip() for c in columns]
    while options and not options[-1]:  # an empty last column is a missing option, not an empty one
        options.pop()
    return options


def _item(row: dict, path: str, line: int) -> Item:
    letter = (row.get("answer") or "").strip().upper()
    options = _options(row, OPTIONS)
    if len(letter) != 1 or letter.lower() not in LETTERS[: len(options)]:
        raise InterchangeError(
            path, line, N_("answer must be the letter of a filled option (A-D), not %(letter)r", letter=letter)
        )
    hindi = None
    if any((row.get(c) or "").strip() for c in HINDI):
        hindi = (row.get("stem_hi") or "", _options(row, HINDI[1:5]), row.get("explanation_hi") or "")
    return Item(
        path, line, row.get("stem") or "", options, LETTERS.index(letter.lower()), row.get("explanation") or "",
        uid=(row.get("uid") or "").strip(), section=(row.get("section") or "").strip(),
        topic=(row.get("topic") or "").strip(), difficulty=(row.get("difficulty") or "").strip() or DEFAULT_DIFFICULTY,
        source=(row.get("source") or "").strip() or DEFAULT_SOURCE, hindi=hindi,
        subtopic=(row.get("subtopic") or "").strip(), as_of=(row.get("as_of") or "").strip(),
        shuffle=(row.get("shuffle") or "").strip().lower() != "false",
        language=(row.get("language") or "").strip() or "en",
    )  # fmt: skip


def _header(reader: csv.DictReader, path: str) -> None:
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if len(fields) == 1 and ";" in fields[0]:  # a spreadsheet set to a European locale
        raise InterchangeError(path, 1, N_("columns are separated by ';': save the file as CSV with commas"))
    unknown = [f for f in fields if f not in COLUMNS]
    missing = [f for f in REQUIRED if f not in fields]
    if unknown or missing:
        message = joined(
            [*([N_("unknown column(s): %(columns)s", columns=", ".join(unknown))] if unknown else []),
             *([N_("missing column(s): %(columns)s", columns=", ".join(missing))] if missing else [])]
        )  # fmt: skip
        raise InterchangeError(
            path, 1, N_("%(problem)s (see `flask --app trainer bank csv-template`)", problem=message)
        )
    reader.fieldnames = fields


def parse(data: bytes, path: str) -> Parsed:
    """Every row of a CSV file as an item; a bad row is an error at its line."""
    reader = csv.DictReader(io.StringIO(decode(data, path), newline=""))
    parsed = Parsed()
    try:
        _header(reader, path)
        start = reader.line_num + 1
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                parsed.errors.append(InterchangeError(path, start, N_("the row does not have one value per column")))
            elif any((v or "").strip() for v in row.values()):
                try:
                    parsed.items.append(_item(row, path, start))
                except InterchangeError as exc:
                    parsed.errors.append(exc)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InterchangeError(path, reader.line_num, N_("not CSV we can read: %(reason)s", reason=str(exc))) from None
    check_count(parsed, path)
    return parsed


def write(items: list[Item]) -> str:
    """CSV text of the items under the template's header row, Hindi columns filled where a question has them."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        row = {"uid": item.uid, "section": item.section, "topic": item.topic, "difficulty": item.difficulty}
        row |= {"stem": item.stem, **dict(zip(OPTIONS, item.options)), "answer": "ABCD"[item.answer]}
        row |= {"explanation": item.explanation, "source": item.source, "subtopic": item.subtopic}
        row |= {"as_of": item.as_of, "shuffle": "" if item.shuffle else "false", "language": item.language}
        if item.hindi:
            stem, options, explanation = item.hindi
            row |= {"stem_hi": stem, **dict(zip(HINDI[1:5], options)), "explanation_hi": explanation}
        writer.writerow(row)
    return out.getvalue()


def template() -> str:
    """The CSV template: the header row and one example question."""
    return write([EXAMPLE])
