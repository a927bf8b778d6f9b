"""Native export: the whole bank written as question_bank/ files imports into an empty database unchanged."""

from sqlalchemy import select

from tests.factories import load_bundled_bank
from trainer.bank.interchange.native import export_native
from trainer.bank.models import ItemGroupVersion, Question, QuestionVersion
from trainer.bank.service import import_bank
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.bank.validation import check_bank
from trainer.config import PROJECT_ROOT
from trainer.schema import metadata

TAXONOMY = PROJECT_ROOT / "question_bank" / "taxonomy.yaml"


def snapshot(session) -> dict:
    rows = session.execute(
        select(Question.uid, Question.status, QuestionVersion.content_hash, QuestionVersion.group_position)
        .join(QuestionVersion, QuestionVersion.question_id == Question.id)
        .where(Question.kind == "static")
    )
    groups = sorted(session.scalars(select(ItemGroupVersion.content_hash)))
    return {"questions": {uid: (status, digest, pos) for uid, status, digest, pos in rows}, "groups": groups}


def empty(session) -> None:
    for table in reversed(metadata().sorted_tables):
        session.execute(table.delete())
    session.flush()
    session.expunge_all()  # the rows are gone: objects still held would clash with new rows reusing their ids


def test_the_bundled_bank_exported_and_reimported_into_an_empty_database_keeps_every_hash(session, tmp_path):
    load_bundled_bank(session)
    before = snapshot(session)
    count, others = export_native(session, tmp_path / "export", TAXONOMY)
    empty(session)

    check = check_bank(tmp_path / "export")
    assert check.problems == []
    import_bank(session, check, load_taxonomy(find_taxonomy(tmp_path / "export")))

    assert count == len(before["questions"]) > 100
    assert others == []
    assert snapshot(session) == before
    assert (tmp_path / "export" / "quant" / "percentage.md").exists()


def test_a_section_filter_writes_only_that_section(session, tmp_path):
    load_bundled_bank(session)
    export_native(session, tmp_path / "export", TAXONOMY, section="english")
    assert [p.name for p in (tmp_path / "export").iterdir() if p.is_dir()] == ["english"]


def test_files_the_export_did_not_write_are_named(session, tmp_path):
    load_bundled_bank(session)
    (tmp_path / "export" / "quant").mkdir(parents=True)
    (tmp_path / "export" / "quant" / "old.md").write_text("---\n")
    _count, others = export_native(session, tmp_path / "export", TAXONOMY, section="quant")
    assert others == [tmp_path / "export" / "quant" / "old.md"]
