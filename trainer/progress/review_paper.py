"""The paper of a review session: the due questions, a section per subject, with a real paper's marks and time."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

from trainer.exam.patterns import Part, Pattern, SectionRule, all_patterns, minutes_per_question

REVIEW_CODE = "review"
# A subject no paper asks (should the taxonomy gain one): Tier-I's marks and time per question.
FALLBACK = (2.0, 0.5, 0.6)  # marks right, marks taken for wrong, minutes per question


def reference_rule(subject: str, count: int) -> tuple[SectionRule, float, str]:
    """(rule, minutes per question, paper) for `count` questions of a subject, from the first paper that asks it."""
    for pattern in all_patterns().values():
        for rule in pattern.sections:
            if rule.subject == subject:
                section = replace(rule, key=subject, questions=count, topics=())
                return section, minutes_per_question(pattern, rule.key), pattern.paper
    right, wrong, minutes = FALLBACK
    return SectionRule(subject, subject.title(), subject, count, right, wrong), minutes, "tier1"


def review_pattern(subjects: list[str]) -> Pattern:
    """A practice paper of the given questions' subjects (one entry per question), on one clock.

    Each subject is a section with the marks of the first paper that asks it; the clock gives each question the time
    that paper does, so "slow" and "fast" mean what they mean in a mock.
    """
    if not subjects:
        raise ValueError("a review needs at least one question")
    counts = Counter(subjects)
    rules, minutes, papers = [], 0.0, []
    for subject in sorted(counts):
        rule, per_question, paper = reference_rule(subject, counts[subject])
        rules.append(rule)
        minutes += per_question * counts[subject]
        papers.append(paper)
    total = len(subjects)
    keys = tuple(rule.key for rule in rules)
    return Pattern(
        code=REVIEW_CODE,
        name="Review — your mistake notebook",
        description=f"{total} question{'s' if total != 1 else ''} you got wrong or guessed, due for review.",
        paper=papers[0],
        sections=tuple(rules),
        parts=(Part(REVIEW_CODE, "Review", max(1, math.ceil(minutes)), keys),),
        kind="review",
    )
