"""`bank import` / `bank export` from the command line: dry run, drafts, mapping, conflicts, all or nothing."""

import pytest
from sqlalchemy import func, select

from tests.factories import load_bundled_bank
from trainer.bank.models import Question, QuestionVersion
from trainer.extensions import db

GOOD = """$CATEGORY: quant/percentage

::pct-one:: What is 10% of 200? {=20 ~2 ~200 ~0.2 ####10% of 200 is 200 x 0.1 = 20.}

::pct-two:: What is 25% of 80? {=20 ~25 ~32 ~40 ####A quarter of 80 is 20.}
"""
THREE_OPTIONS = "$CATEGORY: quant/percentage\n\n::pct-three:: What is 50% of 90? {=45 ~90 ~9 ####Half of 90.}\n"


def run(runner, *args):
    return runner.invoke(args=["bank", *map(str, args)])


def counts(app):
    with app.app_context():
        return (
            db.session.scalar(select(func.count(Question.id))),
            db.session.scalar(select(func.count(QuestionVersion.id))),
        )


def statuses(app):
    with app.app_context():
        return dict(db.session.execute(select(Question.uid, Question.status)).all())


def test_a_dry_run_lists_each_item_and_changes_nothing(app, runner, tmp_path):
    (tmp_path / "q.gift").write_text(GOOD)
    result = run(runner, "import", tmp_path / "q.gift", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'q.gift'}:3: new       pct-one" in result.output
    assert "Dry run" in result.output
    assert counts(app) == (0, 0)


def test_import_then_reimport_is_unchanged_and_a_three_option_item_comes_in_as_a_draft(app, runner, tmp_path):
    (tmp_path / "q.gift").write_text(GOOD + "\n" + THREE_OPTIONS.split("\n", 2)[2])
    result = run(runner, "import", tmp_path / "q.gift")
    assert result.exit_code == 0, result.output
    assert "draft: expected 4 options A) to D), found 3" in result.output
    assert statuses(app) == {"pct-one": "published", "pct-two": "published", "pct-three": "draft"}
    again = run(runner, "import", tmp_path / "q.gift", "--dry-run")
    assert "3 unchanged" in again.output


def test_an_unmapped_category_is_an_error_naming_it_and_a_map_places_it(app, runner, tmp_path):
    (tmp_path / "q.gift").write_text(GOOD.replace("quant/percentage", "Maths/Percent"))
    refused = run(runner, "import", tmp_path / "q.gift")
    assert refused.exit_code == 1
    assert "category 'Maths/Percent' is not one of our topics" in refused.output
    assert counts(app) == (0, 0)
    mapped = run(runner, "import", tmp_path / "q.gift", "--map", "Maths/Percent=quant/percentage")
    assert mapped.exit_code == 0, mapped.output
    assert counts(app) == (2, 2)


def test_an_unsupported_question_blocks_the_whole_import_unless_skipped(app, runner, tmp_path):
    (tmp_path / "q.gift").write_text(GOOD + "\nIs it? {TRUE}\n")
    refused = run(runner, "import", tmp_path / "q.gift")
    assert refused.exit_code == 1 and "unsupported question type 'truefalse'" in refused.output
    assert counts(app) == (0, 0)
    assert run(runner, "import", tmp_path / "q.gift", "--skip-unsupported").exit_code == 0
    assert counts(app) == (2, 2)


def test_a_stale_file_is_a_conflict_and_never_overwrites_a_newer_version_silently(app, runner, tmp_path):
    old, new = tmp_path / "old.gift", tmp_path / "new.gift"
    old.write_text(GOOD)
    new.write_text(GOOD.replace("What is 10% of 200?", "Find 10% of 200."))
    run(runner, "import", old)
    run(runner, "import", new)  # stands for a newer edit made on the site
    dry = run(runner, "import", old, "--dry-run")
    assert "conflict  pct-one" in dry.output
    refused = run(runner, "import", old)
    assert refused.exit_code == 1 and "--overwrite-conflicts" in refused.output
    assert counts(app) == (2, 3)
    assert run(runner, "import", old, "--skip-conflicts").exit_code == 0
    assert counts(app) == (2, 3)
    assert run(runner, "import", old, "--overwrite-conflicts").exit_code == 0
    assert counts(app) == (2, 4)


def test_export_in_each_file_format_imports_back_unchanged(app, runner, tmp_path):
    (tmp_path / "q.gift").write_text(GOOD)
    run(runner, "import", tmp_path / "q.gift")
    for fmt, name in (("gift", "out.gift"), ("moodle-xml", "out.xml"), ("csv", "out.csv")):
        exported = run(runner, "export", tmp_path / name, "--format", fmt)
        assert exported.exit_code == 0, exported.output
        back = run(runner, "import", tmp_path / name, "--dry-run")
        assert "2 unchanged" in back.output, (fmt, back.output)


def test_a_native_export_imports_back_unchanged(app, runner, tmp_path):
    (tmp_path / "q.gift").write_text(GOOD)
    run(runner, "import", tmp_path / "q.gift")
    assert run(runner, "export", tmp_path / "bank").exit_code == 0
    back = run(runner, "import", tmp_path / "bank", "--dry-run")
    assert "2 unchanged" in back.output, back.output


def test_aiken_needs_a_default_topic_and_comes_in_as_drafts_for_want_of_an_explanation(app, runner, tmp_path):
    (tmp_path / "q.txt").write_text("What is 10% of 200?\nA) 20\nB) 2\nC) 200\nD) 0.2\nANSWER: A\n")
    refused = run(runner, "import", tmp_path / "q.txt", "--format", "aiken")
    assert refused.exit_code == 1 and "no category" in refused.output
    result = run(runner, "import", tmp_path / "q.txt", "--format", "aiken", "--map", "*=quant/percentage")
    assert result.exit_code == 0, result.output
    assert "draft: missing explanation" in result.output
    assert list(statuses(app).values()) == ["draft"]


def test_the_csv_template_is_printed_and_imports(app, runner, tmp_path):
    template = runner.invoke(args=["bank", "csv-template"]).output
    assert template.startswith("uid,section,topic,difficulty,stem,option_a")
    (tmp_path / "t.csv").write_text(template)
    assert run(runner, "import", tmp_path / "t.csv").exit_code == 0
    assert statuses(app) == {"quant-percentage-901": "published"}


@pytest.mark.parametrize(("fmt", "name"), [("gift", "bank.gift"), ("moodle-xml", "bank.xml"), ("csv", "bank.csv")])
def test_the_bundled_bank_exported_to_a_file_format_imports_back_unchanged(app, runner, tmp_path, fmt, name):
    with app.app_context():
        load_bundled_bank(db.session)
        db.session.commit()
    before = counts(app)
    exported = run(runner, "export", tmp_path / name, "--format", fmt)
    assert exported.exit_code == 0, exported.output
    assert "Left out" in exported.output  # the reading-comprehension and cloze groups
    back = run(runner, "import", tmp_path / name, "--dry-run")
    assert back.exit_code == 0, back.output[-2000:]
    summary = back.output.splitlines()[-2]
    assert summary.startswith("0 new, 0 changed,") and ", 0 conflict, 0 error" in summary, summary
    assert run(runner, "import", tmp_path / name).exit_code == 0
    assert counts(app) == before


def test_a_file_never_republishes_a_retired_question(app, runner, tmp_path):
    (tmp_path / "q.gift").write_text(GOOD)
    run(runner, "import", tmp_path / "q.gift")
    with app.app_context():
        db.session.scalar(select(Question).where(Question.uid == "pct-one")).status = "retired"
        db.session.commit()
    result = run(runner, "import", tmp_path / "q.gift")
    assert result.exit_code == 0, result.output
    assert statuses(app) == {"pct-one": "retired", "pct-two": "published"}


def test_a_native_file_older_than_the_database_is_a_conflict_too(app, runner, tmp_path):
    (tmp_path / "q.gift").write_text(GOOD)
    run(runner, "import", tmp_path / "q.gift")
    run(runner, "export", tmp_path / "bank")  # the institute's git copy
    (tmp_path / "q.gift").write_text(GOOD.replace("What is 25% of 80?", "Find 25% of 80."))
    run(runner, "import", tmp_path / "q.gift")  # a later edit on the site
    dry = run(runner, "import", tmp_path / "bank", "--dry-run")
    assert f"{tmp_path / 'bank' / 'quant' / 'percentage.md'}:" in dry.output and "conflict  pct-two" in dry.output
    refused = run(runner, "import", tmp_path / "bank")
    assert refused.exit_code == 1 and "1 item(s) would overwrite a newer version" in refused.output
