"""Importing the bank (service level): new ids become questions, edits new versions, problems change nothing."""

import pytest
from sqlalchemy import func, select

from tests.factories import load_bundled_bank, write_bank
from tests.factories import question_text as question
from trainer.bank.models import Question, QuestionVersion
from trainer.bank.service import ImportRefused, import_bank
from trainer.bank.stats import bank_stats
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.bank.validation import check_bank

SMALL_BANK = {
    "quant/percentage.md": question("quant-1") + question("quant-2", difficulty="hard"),
    "reasoning/series.md": question("reasoning-1", "reasoning", "series"),
}


def import_folder(session, root):
    return import_bank(session, check_bank(root), load_taxonomy(find_taxonomy(root)))


def rows(session) -> tuple[int, int]:
    return (
        session.scalar(select(func.count(Question.id))),
        session.scalar(select(func.count(QuestionVersion.id))),
    )


def versions_of(session, uid: str) -> list[QuestionVersion]:
    question = session.scalar(select(Question).where(Question.uid == uid))
    return list(session.scalars(select(QuestionVersion).where(QuestionVersion.question == question)))


def test_first_import_creates_every_question(session, tmp_path):
    report = import_folder(session, write_bank(tmp_path / "bank", SMALL_BANK))
    assert sorted(report.created) == ["quant-1", "quant-2", "reasoning-1"]
    assert rows(session) == (3, 3)


def test_importing_the_same_files_again_changes_nothing(session, tmp_path):
    root = write_bank(tmp_path / "bank", SMALL_BANK)
    import_folder(session, root)
    report = import_folder(session, root)
    assert str(report) == "0 new question(s), 0 new version(s), 3 unchanged"
    assert rows(session) == (3, 3)


def test_an_edited_question_becomes_version_2_and_version_1_stays(session, tmp_path):
    import_folder(session, write_bank(tmp_path / "bank", SMALL_BANK))
    edited = SMALL_BANK | {"reasoning/series.md": question("reasoning-1", "reasoning", "series", stem="Reworded?")}
    report = import_folder(session, write_bank(tmp_path / "bank", edited))
    assert (report.created, report.new_versions, report.unchanged) == ([], ["reasoning-1"], 2)
    assert [(v.number, v.stem) for v in versions_of(session, "reasoning-1")] == [
        (1, "Question reasoning-1?"),
        (2, "Reworded?"),
    ]
    assert rows(session) == (3, 4)


def test_one_bad_file_among_good_ones_imports_nothing(session, tmp_path):
    import_folder(session, write_bank(tmp_path / "bank", SMALL_BANK))
    before = rows(session)
    changed = SMALL_BANK | {
        "quant/percentage.md": question("quant-1", stem="Edited?") + question("quant-3"),
        "english/bad.md": question("english-1", "english", "no-such-topic"),
    }
    with pytest.raises(ImportRefused) as refused:
        import_folder(session, write_bank(tmp_path / "bank", changed))
    assert [f"{p.path.rsplit('/bank/', 1)[1]}:{p.line}" for p in refused.value.problems] == ["english/bad.md:1"]
    assert rows(session) == before
    assert [v.stem for v in versions_of(session, "quant-1")] == ["Question quant-1?"]


def test_stats_count_published_questions_by_section_topic_and_difficulty(session, tmp_path):
    import_folder(session, write_bank(tmp_path / "bank", SMALL_BANK))
    retired = question("quant-2", difficulty="hard").replace("source: original", "source: original\nstatus: retired")
    import_folder(
        session, write_bank(tmp_path / "bank", SMALL_BANK | {"quant/percentage.md": question("quant-1") + retired})
    )
    stats = bank_stats(session)
    assert {k: stats[k] for k in ("total", "by_section", "by_topic", "by_difficulty", "by_language", "groups")} == {
        "total": 2,
        "by_section": {"quant": 1, "reasoning": 1},
        "by_topic": {"quant/percentage": 1, "reasoning/series": 1},
        "by_difficulty": {"easy": 2},
        "by_language": {"en": 2, "hi": 0},
        "groups": {},
    }


def test_the_bundled_bank_imports_once(session):
    first = load_bundled_bank(session)
    assert len(first.created) >= 160
    again = load_bundled_bank(session)
    assert (again.created, again.new_versions, again.unchanged) == ([], [], len(first.created))
    assert bank_stats(session)["total"] == len(first.created)
