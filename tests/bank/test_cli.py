"""`flask bank validate|import|stats`: what an instructor sees at the command line."""

import json

import pytest
from sqlalchemy import func, select

from tests.factories import question_text as question
from tests.factories import write_bank
from trainer.bank.models import Question, QuestionVersion
from trainer.config import PROJECT_ROOT
from trainer.extensions import db

GOOD = {
    "quant/percentage.md": question("quant-1") + question("quant-2", difficulty="hard"),
    "reasoning/series.md": question("reasoning-1", "reasoning", "series"),
}


def rows(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count(Question.id))),
            db.session.scalar(select(func.count(QuestionVersion.id))),
        )


def test_validate_lists_every_problem_and_exits_1(runner, tmp_path):
    root = write_bank(
        tmp_path / "bank",
        GOOD
        | {
            "quant/bad.md": question("quant-9").replace("answer: A\n", "").replace("D) four\n", ""),
            "english/bad.md": question("english-1", "english", "nope"),
        },
    )
    result = runner.invoke(args=["bank", "validate", str(root)])
    assert result.exit_code == 1
    assert f"{root}/english/bad.md:1: unknown topic 'nope' for section 'english'" in result.output
    assert f"{root}/quant/bad.md:1: missing field 'answer'" in result.output
    assert f"{root}/quant/bad.md:8: expected 4 options A) to D), found 3" in result.output
    assert result.stdout.strip() == "3 valid question(s), 3 problem(s)."


def test_validate_passes_the_bundled_bank(runner):
    result = runner.invoke(args=["bank", "validate", str(PROJECT_ROOT / "question_bank")])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(" valid question(s), 0 problem(s).")


def test_import_twice_adds_nothing_the_second_time(app, runner, tmp_path):
    root = write_bank(tmp_path / "bank", GOOD)
    first = runner.invoke(args=["bank", "import", str(root)])
    assert first.exit_code == 0, first.output
    assert first.output.strip() == "Imported: 3 new question(s), 0 new version(s), 0 unchanged."
    second = runner.invoke(args=["bank", "import", str(root)])
    assert second.output.strip() == "Imported: 0 new question(s), 0 new version(s), 3 unchanged."
    assert rows(app) == (3, 3)


def test_an_edit_imports_as_a_new_version(app, runner, tmp_path):
    runner.invoke(args=["bank", "import", str(write_bank(tmp_path / "bank", GOOD))])
    edited = GOOD | {"reasoning/series.md": question("reasoning-1", "reasoning", "series", stem="Reworded?")}
    result = runner.invoke(args=["bank", "import", str(write_bank(tmp_path / "bank", edited))])
    assert result.output.strip() == "Imported: 0 new question(s), 1 new version(s), 2 unchanged."
    assert rows(app) == (3, 4)


def test_a_failed_import_leaves_the_database_as_it_was(app, runner, tmp_path):
    runner.invoke(args=["bank", "import", str(write_bank(tmp_path / "bank", GOOD))])
    before = rows(app)
    mixed = GOOD | {
        "quant/percentage.md": question("quant-1", stem="Edited?") + question("quant-3"),
        "reasoning/broken.md": question("reasoning-2", "reasoning", "series", stem=r"$\frac{1}{2$ of 4?"),
    }
    root = write_bank(tmp_path / "bank", mixed)
    result = runner.invoke(args=["bank", "import", str(root)])
    assert result.exit_code != 0
    assert f"{root}/reasoning/broken.md:9: unbalanced braces" in result.output
    assert "1 problem(s); nothing was imported." in result.output
    assert rows(app) == before


def test_stats_print_counts_by_section_topic_and_difficulty(runner, tmp_path):
    runner.invoke(args=["bank", "import", str(write_bank(tmp_path / "bank", GOOD))])
    lines = [" ".join(line.split()) for line in runner.invoke(args=["bank", "stats"]).output.splitlines()]
    assert lines[0].startswith("3 published hand-written question(s), ")
    for expected in ("quant 2", "reasoning 1", "quant/percentage 2", "reasoning/series 1", "easy 2", "hard 1"):
        assert expected in lines


def test_stats_as_json(runner, tmp_path):
    runner.invoke(args=["bank", "import", str(write_bank(tmp_path / "bank", GOOD))])
    result = runner.invoke(args=["bank", "stats", "--json"])
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert {k: stats[k] for k in ("total", "by_section", "by_topic", "by_difficulty", "by_language")} == {
        "total": 3,
        "by_section": {"quant": 2, "reasoning": 1},
        "by_topic": {"quant/percentage": 2, "reasoning/series": 1},
        "by_difficulty": {"easy": 2, "hard": 1},
        "by_language": {"en": 3, "hi": 0},
    }
    assert "quant-percentage-of" in stats["generator_topics"]["quant/percentage"]


def test_stats_on_an_empty_bank(runner):
    result = runner.invoke(args=["bank", "stats", "--json"])
    assert json.loads(result.stdout)["total"] == 0


TAXONOMY = (PROJECT_ROOT / "question_bank" / "taxonomy.yaml").read_text(encoding="utf-8")
PERCENTAGE_LINE = next(i for i, line in enumerate(TAXONOMY.splitlines(), 1) if line.strip().startswith("percentage:"))
GOOD_ONE = question("quant-1")
UID, SOURCE = Question.uid.type.length, QuestionVersion.source.type.length
# Each class of malformed input: (files, taxonomy or None, the file:line problem expected, relative to the bank).
MALFORMED_INPUTS = {
    "topic a mapping": ({"q.md": GOOD_ONE.replace("topic: percentage", "topic: {a: 1}")}, None, "q.md:1: topic must"),
    "section a list": ({"q.md": GOOD_ONE.replace("section: quant", "section: [quant]")}, None, "q.md:1: section must"),
    "a repeated field": ({"q.md": GOOD_ONE.replace("answer: A", "answer: A\nanswer: B")}, None, "q.md:7: header is"),
    "a typed value": ({"q.md": GOOD_ONE.replace("answer: A", "answer: !!bool maybe")}, None, "q.md:6: header is"),
    "deep nesting": ({"q.md": GOOD_ONE.replace("answer: A", "answer: " + "[" * 5000)}, None, "q.md:2: header is"),
    "an id too long": ({"q.md": question("q" * (UID + 1))}, None, f"q.md:1: id is {UID + 1} characters long"),
    "a source too long": (
        {"q.md": GOOD_ONE.replace("source: original", "source: " + "s" * 256)},
        None,
        "q.md:1: source",
    ),
    "a NUL": ({"q.md": GOOD_ONE.replace("B) ", "B) \x00")}, None, "q.md:12: an option holds a NUL"),
    "not UTF-8": ({"q.md": "\udcff"}, None, "q.md:1: cannot read file: not UTF-8"),
    "a broken taxonomy": ({"q.md": GOOD_ONE}, "sections: [\n", "taxonomy.yaml:2: not valid YAML"),
    "a word for a weight": (
        {"q.md": GOOD_ONE},
        TAXONOMY.replace(
            '{tier1: 1-2, tier2: 3-5}, source: "[S] Tier-II analyses group',
            '{tier1: lots, tier2: 3-5}, source: "[S] Tier-II analyses group',
        ),
        f"taxonomy.yaml:{PERCENTAGE_LINE}: topic quant/percentage: weight 'lots'",
    ),
    "an unquoted comma": (
        {"q.md": GOOD_ONE},
        TAXONOMY.replace('"Profit, loss & discount"', "Profit, loss & discount"),
        "unknown key 'loss & discount'",
    ),
}


@pytest.mark.parametrize(("files", "taxonomy", "expected"), MALFORMED_INPUTS.values(), ids=MALFORMED_INPUTS.keys())
def test_validate_turns_malformed_input_into_file_line_problems(runner, tmp_path, files, taxonomy, expected):
    root = tmp_path / "bank"
    write_bank(root, {f"quant/{name}": "" for name in files}, taxonomy=taxonomy)
    for name, text in files.items():  # written as bytes: a NUL, or bytes that are not UTF-8
        (root / "quant" / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    result = runner.invoke(args=["bank", "validate", str(root)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert any(line.startswith(f"{root}/") and expected in line for line in result.stderr.splitlines()), result.stderr


def test_stats_tell_how_many_papers_each_pattern_fills_without_a_repeat(runner, tmp_path):
    runner.invoke(args=["bank", "import", str(write_bank(tmp_path / "bank", GOOD))])
    stats = json.loads(runner.invoke(args=["bank", "stats", "--json"]).stdout)["papers_without_repeat"]
    assert set(stats) >= {"tier1-2025", "tier2-paper1"}
    # Only quant/percentage and reasoning/series hold items (and have generators): an English topic with no
    # hand-written item decides, so not one paper can be drawn without a repeat.
    assert stats["tier1-2025"]["papers"] == 0 and stats["tier1-2025"]["scarcest"].startswith(("english/", "awareness/"))
    lines = [" ".join(line.split()) for line in runner.invoke(args=["bank", "stats"]).output.splitlines()]
    assert any(line.startswith("tier1-2025 0 scarcest: ") for line in lines)
