"""`cutoffs load FILE.csv`: every bad row as file:line and nothing loaded; a dry run; a reload. `results rebuild`."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.factories import make_bank, make_user
from tests.results.sitting import by_section, sit
from trainer.extensions import db
from trainer.results import cutoffs
from trainer.results.models import TOTAL, Cutoff, FirstAttempt, ScoreBin

HEADER = "paper,stage,year,category,marks,out_of,source,note\n"


def stored(app) -> dict[tuple, float]:
    with app.app_context():
        return {(c.paper, c.year, c.category): c.marks for c in db.session.scalars(select(Cutoff))}


def test_a_file_with_a_bad_row_loads_nothing_and_names_each_problem_by_line(app, runner, tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text(HEADER + "tier2,Final,2024,UR,300,390,notice,\ntier2,Final,2023,UR,300,39O,notice,\n")

    result = runner.invoke(args=["cutoffs", "load", str(path)])

    assert result.exit_code == 1
    assert f"{path}:3: out_of '39O' is not a number" in result.output
    assert f"Nothing was loaded from {path}." in result.output
    assert stored(app) == {}


def test_a_good_file_is_loaded_and_a_second_load_replaces_rows_with_the_same_key(app, runner, tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text(HEADER + "tier2,Final,2024,UR,300,390,notice,\ntier2,Final,2024,OBC,280,390,notice,\n")

    dry = runner.invoke(args=["cutoffs", "load", "--dry-run", str(path)])
    assert dry.exit_code == 0 and "2 cut-off(s) would be added" in dry.output
    assert stored(app) == {}

    first = runner.invoke(args=["cutoffs", "load", str(path)])
    assert first.exit_code == 0 and "2 cut-off(s) added, 0 replaced" in first.output
    path.write_text(HEADER + "tier2,Final,2024,UR,310.5,390,notice,\n")
    again = runner.invoke(args=["cutoffs", "load", str(path)])
    assert again.exit_code == 0 and "0 cut-off(s) added, 1 replaced" in again.output
    assert stored(app) == {("tier2", 2024, "UR"): 310.5, ("tier2", 2024, "OBC"): 280}


def test_the_bundled_cutoffs_load_into_an_empty_table_only(app):
    with app.app_context():
        assert cutoffs.load_bundled_if_empty(db.session) == 21
        db.session.execute(Cutoff.__table__.delete().where(Cutoff.year == 2021))
        assert cutoffs.load_bundled_if_empty(db.session) == 0  # an admin's deletion is not undone
        assert db.session.scalar(select(func.count(Cutoff.id))) == 16


def test_rebuild_counts_each_candidates_first_strict_attempt_again(app, runner):
    with app.app_context():
        make_bank(db.session)
        user, other = make_user(db.session), make_user(db.session)
        sit(db.session, user, by_section(reasoning="R"))
        sit(db.session, user, by_section(quant="R", english="R"), seed=2)  # a repeat
        sit(db.session, user, by_section(english="R"), mode="practice", seed=3)
        sit(db.session, other, by_section(awareness="W"), seed=4)
        db.session.commit()
        before = db.session.execute(select(ScoreBin.section, ScoreBin.centimarks, ScoreBin.count)).all()
        db.session.execute(ScoreBin.__table__.delete())
        db.session.execute(FirstAttempt.__table__.delete())
        db.session.commit()

    result = runner.invoke(args=["results", "rebuild"])

    assert result.exit_code == 0 and "from 2 first attempt(s)" in result.output
    with app.app_context():
        after = db.session.execute(select(ScoreBin.section, ScoreBin.centimarks, ScoreBin.count)).all()
    assert sorted(after) == sorted(before) and (TOTAL, 5000, 1) in after and (TOTAL, -1250, 1) in after
