"""Export the database's bank in the native question_bank/ format (a folder per section, a file per topic).

Each question's newest version is written with every field that defines its content hash, so importing the
export into an empty database gives the same hashes. Groups are written above their members, in order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from trainer.bank.files import bank_files
from trainer.bank.models import ItemGroup, ItemGroupVersion, Question, QuestionVersion
from trainer.bank.parsing import LETTERS
from trainer.bank.service import latest_version_ids


@dataclass
class Row:
    """A question's identity and newest version, as exported."""

    question: Question
    version: QuestionVersion


def newest_versions(session: Session, section: str | None = None, topic: str | None = None) -> list[Row]:
    """Every hand-written question's newest version, by section, topic and id (filters optional)."""
    latest = latest_version_ids()
    query = (
        select(Question, QuestionVersion)
        .join(latest, latest.c.question_id == Question.id)
        .join(QuestionVersion, QuestionVersion.id == latest.c.version_id)
        .where(Question.kind == "static")
        .options(joinedload(QuestionVersion.topic), joinedload(QuestionVersion.group_version))
    )
    rows = [Row(q, v) for q, v in session.execute(query)]
    rows = [
        r
        for r in rows
        if (not section or r.version.topic.section == section) and (not topic or r.version.topic.key == topic)
    ]
    return sorted(rows, key=lambda r: (r.version.topic.section, r.version.topic.key, r.question.uid))


def _header(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


def _layout(stem: str, options: list[str], explanation: str) -> str:
    lines = [stem, ""] + [f"{letter}) {option}" for letter, option in zip(LETTERS, options)]
    return "\n".join([*lines, "", "Explanation:", explanation, ""])


def question_text(row: Row, group_uid: str = "") -> str:
    v = row.version
    fields = {"id": row.question.uid, "section": v.topic.section, "topic": v.topic.key}
    fields |= {"difficulty": v.difficulty, "answer": LETTERS[v.answer], "source": v.source}
    optional = {"subtopic": v.subtopic, "language": v.language if v.language != "en" else ""}
    optional |= {"group": group_uid, "as_of": v.as_of.isoformat() if v.as_of else ""}
    fields |= {k: value for k, value in optional.items() if value}
    if not v.shuffle:
        fields["shuffle"] = False
    if row.question.status != "published":
        fields["status"] = row.question.status
    body = _layout(v.stem, v.options, v.explanation)
    if v.hindi:
        body += "\n[hi]\n" + _layout(v.hindi["stem"], v.hindi["options"], v.hindi["explanation"])
    return _header(fields) + body


def group_text(group: ItemGroup, version: ItemGroupVersion) -> str:
    fields = {"id": group.uid, "type": "group", "section": version.topic.section, "topic": version.topic.key}
    fields["source"] = version.source
    if group.status != "published":
        fields["status"] = group.status
    body = version.passage + "\n"
    if version.hindi_passage:
        body += "\n[hi]\n" + version.hindi_passage + "\n"
    return _header(fields) + body


def topic_file(rows: list[Row]) -> str:
    """One topic's file: single questions, then each group followed by its members in position order."""
    singles = [r for r in rows if r.version.group_version is None]
    groups: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        if row.version.group_version is not None:
            groups[row.version.group_version.id].append(row)
    parts = [question_text(r) for r in singles]
    for members in groups.values():
        version = members[0].version.group_version
        parts.append(group_text(version.group, version))
        for row in sorted(members, key=lambda r: r.version.group_position or 0):
            parts.append(question_text(row, version.group.uid))
    return "\n".join(parts)


def export_native(session: Session, folder: Path, taxonomy_file: Path, section=None, topic=None) -> tuple[int, list]:
    """Write the bank (or one section/topic) under folder with a copy of taxonomy.yaml; (question count, question
    files already in the folder that this export did not write: left alone, but an import would read them)."""
    by_file: dict[tuple[str, str], list[Row]] = defaultdict(list)
    rows = newest_versions(session, section, topic)
    for row in rows:
        by_file[(row.version.topic.section, row.version.topic.key)].append(row)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "taxonomy.yaml").write_text(taxonomy_file.read_text(encoding="utf-8"), encoding="utf-8")
    written = set()
    for (section_key, topic_key), members in by_file.items():
        (folder / section_key).mkdir(exist_ok=True)
        path = folder / section_key / f"{topic_key}.md"
        path.write_text(topic_file(members), encoding="utf-8")
        written.add(path)
    return len(rows), [path for path in bank_files(folder) if path not in written]
