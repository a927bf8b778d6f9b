"""Validation: every problem in every bank file is reported once, as `file:line: message`."""

from collections import Counter

import pytest

from tests.factories import write_bank
from trainer.bank.models import ItemGroup, Question, QuestionVersion
from trainer.bank.validation import check_bank
from trainer.config import PROJECT_ROOT

# Line numbers: 1 `---`, 2-7 header, 8 `---`, 9 stem, 11-14 options A-D, 16 `Explanation:`, 17 the explanation.
GOOD = r"""---
id: {uid}
section: quant
topic: percentage
difficulty: easy
answer: C
source: original
---
If 20% of a number is 45, what is 35% of it?

A) 63
B) 70.5
C) 78.75
D) 81

Explanation:
The number is $45 \div 0.20 = 225$, so 35% of it is $78.75$.
"""


def question(uid: str = "quant-percentage-901", **replace: str) -> str:
    """The good question with some text swapped: each keyword's value is an (old, new) pair."""
    text = GOOD.format(uid=uid)
    for old, new in replace.values():
        assert old in text
        text = text.replace(old, new)
    return text


def problems_in(tmp_path, files: dict[str, str]) -> list[str]:
    root = write_bank(tmp_path / "bank", files)
    return [str(p).removeprefix(f"{root}/") for p in check_bank(root).problems]


def test_a_good_question_has_no_problems(tmp_path):
    root = write_bank(tmp_path / "bank", {"quant/percentage.md": question()})
    check = check_bank(root)
    assert check.problems == []
    assert list(check.questions) == ["quant-percentage-901"]


BAD_FILES = [
    ("missing answer key", {"x": ("answer: C\n", "")}, "1: missing field 'answer'"),
    ("only three options", {"x": ("D) 81\n", "")}, "9: expected 4 options A) to D), found 3"),
    (
        "unknown topic",
        {"x": ("topic: percentage", "topic: percentages")},
        "1: unknown topic 'percentages' for section 'quant' (see taxonomy.yaml)",
    ),
    ("bad YAML in the header", {"x": ("answer: C", "answer: C: D")}, "6: header is not valid YAML: mapping values"),
    (
        "unbalanced braces",
        {"x": ("35% of it?", r"$\frac{35}{100$ of it?")},
        r"9: unbalanced braces in $\frac{35}{100$: a '{' is not closed",
    ),
    ("unknown command", {"x": ("B) 70.5", r"B) $\foo{x}$")}, r"12: unknown LaTeX command \foo in $\foo{x}$"),
    (
        "unclosed $ in the explanation",
        {"x": ("$78.75$", "$78.75")},
        r"16: unbalanced '$': maths must be closed by a second '$' (write \$ for a dollar sign)",
    ),
    (
        "missing explanation",
        {"x": ("Explanation:\n", ""), "y": ("The number is $45 \\div 0.20 = 225$, so 35% of it is $78.75$.\n", "")},
        "9: missing explanation: add a line 'Explanation:' followed by the worked solution",
    ),
    ("duplicate option text", {"x": ("C) 78.75", "C) 63")}, "13: option C repeats option A"),
]


@pytest.mark.parametrize(("swaps", "expected"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_a_bad_question_is_reported_at_its_line(tmp_path, swaps, expected):
    found = problems_in(tmp_path, {"quant/bad.md": question(**swaps)})
    assert len(found) == 1
    assert found[0].startswith(f"quant/bad.md:{expected}")


def test_yaml_errors_point_inside_the_header(tmp_path):
    found = problems_in(
        tmp_path,
        {
            "quant/bracket.md": question(x=("topic: percentage", "topic: [percentage")),
            "quant/quote.md": question(x=("source: original", "source: 'original")),
        },
    )
    lines = [int(p.split(":")[1]) for p in found]
    assert all(2 <= line <= 7 for line in lines), found
    assert [p.split(":")[0] for p in found] == ["quant/bracket.md", "quant/quote.md"]


def test_a_duplicate_id_across_files_names_both_places(tmp_path):
    root = write_bank(tmp_path / "bank", {"quant/a.md": question("q-1"), "quant/b.md": question("q-1")})
    assert [str(p) for p in check_bank(root).problems] == [
        f"{root}/quant/b.md:1: duplicate id 'q-1' (first used at {root}/quant/a.md:1)"
    ]


def test_a_duplicate_id_is_reported_even_when_the_first_copy_has_problems(tmp_path):
    first = question("q-1", x=("topic: percentage", "topic: nope"))
    found = problems_in(tmp_path, {"quant/a.md": first, "quant/b.md": question("q-1")})
    assert found[0].startswith("quant/a.md:1: unknown topic 'nope'")
    assert found[1] == f"quant/b.md:1: duplicate id 'q-1' (first used at {tmp_path}/bank/quant/a.md:1)"


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path):
    # two.md holds two questions: the first lost its answer line, so the second opens at line 17
    two_questions = question("q-2", x=("answer: C\n", "")) + question("q-3", x=("C) 78.75", "C) 63"))
    files = {
        "quant/one.md": question("q-1", x=("topic: percentage", "topic: percentages"), y=("D) 81\n", "")),
        "quant/two.md": two_questions,
        "reasoning/three.md": question("q-4", x=("answer: C", "answer: C: D")),
        "english/four.md": question("q-5", x=("B) 70.5", r"B) $\foo$"), y=("$78.75$", "$78.75")),
        "quant/fine.md": question("q-6"),
    }
    found = problems_in(tmp_path, files)
    assert [p.split(": ")[0] for p in found] == [
        "english/four.md:12",
        "english/four.md:16",
        "quant/one.md:1",
        "quant/one.md:9",
        "quant/two.md:1",
        "quant/two.md:29",
        "reasoning/three.md:6",
    ]
    assert "quant/two.md:29: option C repeats option A" in found
    assert not any(p.startswith("quant/fine.md") for p in found)


def test_the_bundled_bank_is_valid_and_covers_every_tier1_section():
    check = check_bank(PROJECT_ROOT / "question_bank")
    assert [str(p) for p in check.problems] == []
    per_section = Counter(content.section for content, _status, _parsed in check.questions.values())
    assert all(per_section[section] >= 40 for section in ("reasoning", "awareness", "quant", "english")), per_section


def test_every_bundled_item_outside_the_english_section_has_hindi():
    # the exam offers every question in Hindi except those of the English paper; so must a mock
    check = check_bank(PROJECT_ROOT / "question_bank")
    without = sorted(uid for uid, (content, _status, _parsed) in check.questions.items()
                     if content.section != "english" and not content.hindi)  # fmt: skip
    assert without == [], f"{len(without)} item(s) without Hindi: {without}"


# Every header value of the wrong type or size is a problem at the header, never a traceback.
MALFORMED_HEADERS = [
    ("topic a mapping", ("topic: percentage", "topic: {a: 1}"), "1: topic must be text, not a mapping"),
    ("section a list", ("section: quant", "section: [quant]"), "1: section must be text, not a list"),
    ("id a number", ("id: quant-percentage-901", "id: 901"), "1: id must be text, not a number"),
    ("source true", ("source: original", "source: yes"), "1: source must be text, not true/false"),
    ("answer two letters", ("answer: C", "answer: CD"), "1: answer must be one of A, B, C, D, not 'CD'"),
    ("as_of with a time", ("answer: C", "answer: C\nas_of: 2024-01-01 10:00:00"), "1: as_of must be a date"),
    ("a repeated field", ("answer: C", "answer: C\nanswer: D"), "7: header is not valid YAML: key 'answer' appears"),
    ("an impossible date", ("answer: C", "answer: C\nas_of: 2024-02-30"), "7: header is not valid YAML: '2024-02-30'"),
    ("a bad typed value", ("answer: C", "answer: !!bool maybe"), "6: header is not valid YAML: 'maybe' is not a valid"),
    ("a bad timestamp tag", ("answer: C", "answer: !!timestamp x"), "6: header is not valid YAML: 'x' is not a valid"),
    ("a list as a key", ("answer: C", "answer: C\n? [a]\n: b"), "7: header is not valid YAML: a key must be a plain"),
    (
        "deep nesting",
        ("answer: C", "answer: C\nreview: " + "[" * 3000 + "]" * 3000),
        "2: header is not valid YAML: nested too deeply",
    ),
    ("a NUL in the source", ("source: original", 'source: "ori\\0ginal"'), "1: source holds a NUL character"),
    ("a NUL in an option", ("B) 70.5", "B) 70\x005"), "12: an option holds a NUL character"),
    ("a fifth option repeating one", ("D) 81\n", "D) 81\nE) 81\n"), "15: option 'E)' out of place"),
]


@pytest.mark.parametrize(
    ("swap", "expected"), [m[1:] for m in MALFORMED_HEADERS], ids=[m[0] for m in MALFORMED_HEADERS]
)
def test_a_malformed_header_value_is_a_problem_at_its_line(tmp_path, swap, expected):
    found = problems_in(tmp_path, {"quant/bad.md": question(x=swap)})
    assert any(p.startswith(f"quant/bad.md:{expected}") for p in found), found


@pytest.mark.parametrize(
    ("field", "column"),
    [("id", Question.uid), ("source", QuestionVersion.source), ("subtopic", QuestionVersion.subtopic)],
)
def test_a_value_longer_than_its_database_column_is_refused(tmp_path, field, column):
    limit = column.type.length
    fits, too_long = "a" * limit, "a" * (limit + 1)
    for value, refused in ((fits, False), (too_long, True)):
        swaps = {"id": ("", ""), "source": ("source: original", f"source: {value}")}
        text = (
            question(uid=value)
            if field == "id"
            else question(x=swaps.get(field, ("answer: C", f"answer: C\n{field}: {value}")))
        )
        found = problems_in(tmp_path / value[:1] / str(len(value)), {"quant/long.md": text})
        message = f"quant/long.md:1: {field} is {limit + 1} characters long; the most it may be is {limit}"
        assert (message in found) is refused, found


def test_a_group_id_longer_than_its_column_is_refused(tmp_path):
    limit = ItemGroup.uid.type.length
    group = (
        f"---\nid: {'g' * (limit + 1)}\ntype: group\nsection: quant\ntopic: percentage\nsource: original\n---\nText.\n"
    )
    found = problems_in(tmp_path, {"quant/group.md": group})
    assert f"quant/group.md:1: id is {limit + 1} characters long; the most it may be is {limit}" in found
