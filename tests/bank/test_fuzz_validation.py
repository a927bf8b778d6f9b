"""Fuzzing the validator over a bank folder: any file gives located problems; what passes fits the database."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.bank.fuzzing import FUZZ, assert_located, files
from tests.factories import question_text, write_bank
from trainer.bank.models import ItemGroup, Question, QuestionVersion
from trainer.bank.validation import check_bank


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    return write_bank(tmp_path_factory.mktemp("fuzz") / "bank", {})


def check_one(bank, text: str):
    path = bank / "quant" / "fuzzed.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path), check_bank(bank)


def fits(value: str, column) -> bool:
    return len(value) <= column.type.length and "\x00" not in value


@FUZZ
@given(files)
@example("---\nid: q-1\n---\nStem?\nA) 1\nA) 1\nA) 1\nA) 1\nA) 1\n")  # a fifth option once raised IndexError
def test_any_file_gives_located_problems_and_only_storable_questions(bank, text):
    path, check = check_one(bank, text)
    assert_located(check.problems, path, text)
    for uid, (content, status, _parsed) in check.questions.items():
        assert fits(uid, Question.uid) and fits(status, Question.status)
        assert fits(content.source, QuestionVersion.source) and fits(content.subtopic, QuestionVersion.subtopic)
        assert fits(content.difficulty, QuestionVersion.difficulty) and fits(content.language, QuestionVersion.language)
        assert all("\x00" not in t for t in (content.stem, content.explanation, *content.options))
        assert content.as_of == "" or len(content.as_of) == 10  # a plain date the import can store
    for uid, (content, _status, _parsed) in check.groups.items():
        assert fits(uid, ItemGroup.uid) and "\x00" not in content.passage


LINES = question_text("quant-fuzz-1").splitlines()


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1), files), max_size=4))
def test_a_good_question_with_lines_replaced_gives_located_problems(bank, edits):
    lines = list(LINES)
    for index, replacement in edits:
        lines[index] = replacement
    text = "\n".join(lines) + "\n"
    path, check = check_one(bank, text)
    assert_located(check.problems, path, text)
    assert bool(check.problems) or list(check.questions) == ["quant-fuzz-1"]


@FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_give_located_problems(bank, data):
    path = bank / "quant" / "fuzzed.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    check = check_bank(bank)
    text = data.decode("utf-8", "replace")
    assert_located(check.problems, str(path), text)
