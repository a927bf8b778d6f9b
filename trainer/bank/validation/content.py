"""What a question or group that passed every gate is stored as."""

from __future__ import annotations

from trainer.bank.parsing import LETTERS, GroupContent, ParsedGroup, ParsedQuestion, QuestionContent
from trainer.bank.validation.headers import as_date


def to_content(q: ParsedQuestion) -> QuestionContent:
    """The version content of a question that passed its checks."""
    h = q.header
    hindi = (q.hindi.stem, tuple(q.hindi.options), q.hindi.explanation) if q.hindi else None
    as_of = as_date(h["as_of"]).isoformat() if h.get("as_of") is not None else ""
    return QuestionContent(
        section=h["section"],
        topic=h["topic"],
        difficulty=h["difficulty"],
        stem=q.stem,
        options=tuple(q.options),
        answer=LETTERS.index(str(h["answer"]).strip().upper()),
        explanation=q.explanation,
        source=str(h["source"]),
        language=h.get("language", "en"),
        subtopic=str(h.get("subtopic") or ""),
        shuffle=h.get("shuffle", True),
        hindi=hindi,
        group=str(h.get("group") or ""),
        as_of=as_of,
    )


def to_group_content(g: ParsedGroup) -> GroupContent:
    """The version content of a group that passed its checks."""
    h = g.header
    return GroupContent(h["section"], h["topic"], g.passage, str(h["source"]), g.hindi_passage)
