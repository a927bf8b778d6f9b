"""Parsing: a well-formed bank file becomes exactly the questions its author wrote."""

from tests.factories import write_bank
from trainer.bank.validation import check_bank

TWO_QUESTIONS = r"""---
id: english-synonyms-901
section: english
topic: synonyms
difficulty: medium
answer: B
source: original
subtopic: verbs
---
Choose the word closest in meaning to **abate**.

A) increase
B) subside
C) abandon
D) debate

Explanation:
*Abate* means to lessen or subside.
Option C only sounds alike.
---
id: reasoning-series-901
section: reasoning
topic: series
difficulty: easy
answer: D
source: original
shuffle: false
status: draft
---
Which number comes next?

| term | 1 | 2 | 3 |
|---|---|---|---|
| value | 2 | 4 | 8 |

A) 10
B) 12
C) 14
D) None of the above

Explanation:
The series doubles: the next term is 16, which is not listed.
"""


def test_each_question_in_a_file_keeps_its_own_text_and_key(tmp_path):
    root = write_bank(tmp_path / "bank", {"mixed.md": TWO_QUESTIONS})
    check = check_bank(root)
    assert check.problems == []
    synonyms, _status, _ = check.questions["english-synonyms-901"]
    assert synonyms.stem == "Choose the word closest in meaning to **abate**."
    assert synonyms.options == ("increase", "subside", "abandon", "debate")
    assert synonyms.options[synonyms.answer] == "subside"
    assert synonyms.explanation == "*Abate* means to lessen or subside.\nOption C only sounds alike."
    assert (synonyms.section, synonyms.topic, synonyms.subtopic, synonyms.difficulty) == (
        "english",
        "synonyms",
        "verbs",
        "medium",
    )


def test_header_switches_are_honoured(tmp_path):
    root = write_bank(tmp_path / "bank", {"mixed.md": TWO_QUESTIONS})
    series, status, _ = check_bank(root).questions["reasoning-series-901"]
    assert status == "draft"
    assert series.shuffle is False
    assert series.options[series.answer] == "None of the above"
    assert "| value | 2 | 4 | 8 |" in series.stem  # a table in the stem is kept for rendering


def test_a_changed_question_gets_a_different_fingerprint(tmp_path):
    before = check_bank(write_bank(tmp_path / "a", {"q.md": TWO_QUESTIONS})).questions
    after = check_bank(write_bank(tmp_path / "b", {"q.md": TWO_QUESTIONS.replace("subside", "lessen")})).questions
    same = "reasoning-series-901"
    changed = "english-synonyms-901"
    assert before[same][0].content_hash() == after[same][0].content_hash()
    assert before[changed][0].content_hash() != after[changed][0].content_hash()
