"""`flask --app trainer backup FILE` and `restore FILE`: a round trip with an exam in progress loses nothing."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import inspect, select, text

from tests.factories import CSRF_META, make_bank, make_user
from tests.ops.candidate import EXAM_DATA, TOPICS
from trainer.auth.models import User
from trainer.exam.models import Attempt, Step
from trainer.extensions import db
from trainer.ops.health import head_revision


def on_postgresql(app) -> bool:
    return app.config["DATABASE_URL"].startswith("postgresql")


@pytest.fixture
def exam_in_progress(app, client, auth):
    """A candidate mid-way through a topic test with two answers saved; (attempt path, page token)."""
    with app.app_context():
        make_bank(db.session, per_section=6, sections=("quant",), topics_per_section=2)
        db.session.commit()
    auth.login()
    form = {"paper": "tier1-2025", "topics": list(TOPICS), "count": 3, "csrf_token": auth.token("/tests")}
    path = client.post("/tests/topic", data=form).headers["Location"]
    token = CSRF_META.search(client.get(path).text).group(1)
    save(client, path, token, ("s1", 0, 2), ("s2", 1, 3))
    return path, token


def save(client, path: str, token: str, *steps: tuple[str, int, int]) -> None:
    body = {"steps": [{"id": i, "kind": "save", "position": p, "choice": c} for i, p, c in steps]}
    response = client.post(f"{path}/steps", json=body, headers={"X-CSRFToken": token})
    assert response.json["acked"] == [i for i, _p, _c in steps]


def stored(app, path: str) -> tuple[str, str, list[tuple[str, int]]]:
    """The attempt as the database holds it: state, deadline, and its steps (client id, value)."""
    with app.app_context():
        attempt = db.session.get(Attempt, int(path.rsplit("/", 1)[1]))
        steps = db.session.execute(
            select(Step.client_id, Step.value).where(Step.attempt_id == attempt.id).order_by(Step.client_id)
        )
        return attempt.state, attempt.deadline.isoformat(), [tuple(row) for row in steps]


def test_a_round_trip_mid_exam_keeps_answers_and_deadline(app, client, runner, tmp_path, exam_in_progress):
    path, token = exam_in_progress
    at_backup = stored(app, path)
    file = tmp_path / "trainer.backup"

    made = runner.invoke(args=["backup", str(file)])
    assert made.exit_code == 0, made.output
    assert made.output.startswith("Backed up ") and file.stat().st_size > 0

    save(client, path, token, ("s3", 2, 1))  # after the backup: an answer, a submit, a new account
    client.post(f"{path}/submit", data={"csrf_token": token})
    with app.app_context():
        make_user(db.session, email="after-the-backup@example.com")
        db.session.commit()

    restored = runner.invoke(args=["restore", "--yes", str(file)])
    assert restored.exit_code == 0, restored.output
    assert "Restored " in restored.output

    assert stored(app, path) == at_backup
    assert at_backup[0] == "in_progress" and [value for _id, value in at_backup[2]] != [None, None]
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "after-the-backup@example.com")) is None
    page = client.get(path)  # the candidate goes on where the backup left them
    data = json.loads(EXAM_DATA.search(page.text).group(1))
    assert [q["choice"] for q in data["questions"]] == [2, 3, None] and data["deadline"] == at_backup[1]
    save(client, path, CSRF_META.search(page.text).group(1), ("s3", 2, 1))


def test_restore_asks_first_and_changes_nothing_unless_told_yes(app, runner, tmp_path, exam_in_progress):
    path, _token = exam_in_progress
    file = tmp_path / "trainer.backup"
    assert runner.invoke(args=["backup", str(file)]).exit_code == 0
    with app.app_context():
        db.session.execute(text("DELETE FROM step"))
        db.session.commit()

    refused = runner.invoke(args=["restore", str(file)], input="n\n")
    assert refused.exit_code == 1 and "Replace everything in" in refused.output and "Aborted" in refused.output
    assert stored(app, path)[2] == []

    confirmed = runner.invoke(args=["restore", str(file)], input="y\n")
    assert confirmed.exit_code == 0, confirmed.output
    assert len(stored(app, path)[2]) == 2


def test_backup_does_not_overwrite_a_file_unless_told(app, runner, tmp_path):
    file = tmp_path / "kept.backup"
    file.write_text("an older backup")

    result = runner.invoke(args=["backup", str(file)])

    assert result.exit_code == 1 and f"{file} exists: choose another name, or give --overwrite." in result.output
    assert file.read_text() == "an older backup"
    assert runner.invoke(args=["backup", "--overwrite", str(file)]).exit_code == 0
    assert file.read_bytes() != b"an older backup"


def test_a_file_that_is_not_a_backup_is_refused_before_anything_changes(app, runner, tmp_path, exam_in_progress):
    path, _token = exam_in_progress
    before = stored(app, path)
    file = tmp_path / "notes.txt"
    file.write_text("not a backup\n" * 100)

    result = runner.invoke(args=["restore", "--yes", str(file)])

    assert result.exit_code == 1
    said = "is not a PostgreSQL backup in pg_dump's custom format" if on_postgresql(app) else "is not a SQLite database"
    assert said in result.output and "Traceback" not in result.output
    assert stored(app, path) == before


def set_schema_version(app, revision: str) -> None:
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :revision"), {"revision": revision})


def test_a_backup_of_an_older_schema_says_to_upgrade(app, runner, tmp_path):
    file = tmp_path / "old.backup"
    set_schema_version(app, "0007")
    try:
        assert runner.invoke(args=["backup", str(file)]).exit_code == 0
        set_schema_version(app, head_revision())

        result = runner.invoke(args=["restore", "--yes", str(file)])

        assert result.exit_code == 0
        assert "(schema 0007)" in result.output and "run `flask --app trainer db upgrade`" in result.output
    finally:
        set_schema_version(app, head_revision())


def test_without_the_postgresql_tools_the_error_says_what_to_install(app, runner, tmp_path, monkeypatch):
    if not on_postgresql(app):
        pytest.skip("PostgreSQL only (TRAINER_DATABASE_URL): SQLite needs no tools")
    monkeypatch.setattr(shutil, "which", lambda name: None)

    result = runner.invoke(args=["backup", str(tmp_path / "x.backup")])

    assert result.exit_code == 1
    assert "pg_dump is not installed: install PostgreSQL's client tools" in result.output


def test_a_missing_sqlite_database_is_not_created_by_a_backup(tmp_path):
    from trainer import create_app

    missing = tmp_path / "never.db"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{missing}"})

    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x.backup")])

    assert result.exit_code == 1 and f"No database at {missing}: nothing to back up." in result.output
    assert not missing.exists() and not (tmp_path / "x.backup").exists()


def test_a_table_the_backup_does_not_have_is_dropped_on_sqlite_and_refused_on_postgresql(app, runner, tmp_path):
    file = tmp_path / "trainer.backup"
    assert runner.invoke(args=["backup", str(file)]).exit_code == 0
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE newer_feature (id INTEGER PRIMARY KEY)"))
    try:
        result = runner.invoke(args=["restore", "--yes", str(file)])
        with app.app_context():
            tables = set(inspect(db.engine).get_table_names())
    finally:
        with app.app_context(), db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS newer_feature"))

    if on_postgresql(app):  # pg_restore --clean drops only what the archive holds: restore into an empty database
        assert result.exit_code == 1
        assert "The database has tables the backup does not (newer_feature)" in result.output
        assert "newer_feature" in tables
    else:  # the backup API replaces the whole file
        assert result.exit_code == 0
        assert "newer_feature" not in tables
