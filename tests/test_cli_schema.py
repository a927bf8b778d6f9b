"""Every CLI command that uses the database, on a database without the schema, says which command to run first."""

from __future__ import annotations

import click
import pytest
from sqlalchemy import text

from trainer import create_app
from trainer.config import PROJECT_ROOT
from trainer.extensions import db, make_engine
from trainer.schema import upgrade

BANK = str(PROJECT_ROOT / "question_bank")
# Arguments that let each command that needs the schema get as far as using it.
ARGUMENTS = {
    "users create": ["someone@example.com", "--password", "correct horse battery"],
    "users list": [],
    "users set-role": ["someone@example.com", "admin"],
    "users reset-link": ["someone@example.com"],
    "bank import": [BANK],
    "bank export": [str(PROJECT_ROOT / "never-written")],
    "bank stats": ["--json"],
    "bank retire-stale": ["--before", "2025-01-01"],
    "bank refill-generated": ["--per-generator", "1"],
    "attempts close-expired": [],
    "cutoffs load": [str(PROJECT_ROOT / "trainer" / "results" / "cutoffs.csv")],
    "results rebuild": [],
    "stats refresh": [],
    "audit list": ["--kind", "role"],
}
# Commands that work without the schema, and why.
WITHOUT_SCHEMA = {
    "init": "builds the schema",
    "db upgrade": "builds or upgrades the schema",
    "bank validate": "reads files only",
    "bank csv-template": "prints a file template",
    "backup": "copies the database with whatever schema it has (back up before an upgrade); refuses a missing file",
    "restore": "replaces the database, schema included, with the backup's",
    "skills validate": "reads passage files only",
}


def commands(group: click.Group, prefix: str = ""):
    """(path, command) for every command under the group, groups walked."""
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            yield from commands(command, f"{path} ")
        else:
            yield path, command


def needs_schema(command: click.Command) -> bool:
    return any(param.name == "check_schema" for param in command.params)


@pytest.fixture
def fresh(tmp_path):
    """An app on a SQLite file that does not exist yet, and its path."""
    path = tmp_path / "never-initialised.db"
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": f"sqlite:///{path}"})
    yield app, path
    db.session.remove()


def test_every_command_either_checks_the_schema_or_says_why_it_need_not(fresh):
    app, _path = fresh
    for path, command in commands(app.cli):
        if needs_schema(command):
            assert path in ARGUMENTS, f"add arguments for `{path}` to ARGUMENTS in {__name__}"
        else:
            assert path in WITHOUT_SCHEMA, (
                f"`{path}` does not check the schema: decorate it with @needs_schema (trainer/cli.py), "
                f"or add it to WITHOUT_SCHEMA in {__name__} with the reason it never touches the database"
            )
    assert set(ARGUMENTS) | set(WITHOUT_SCHEMA) == {path for path, _command in commands(app.cli)}


def test_on_a_database_never_initialised_each_says_run_init_in_one_line_and_leaves_no_file(fresh):
    app, path = fresh
    runner = app.test_cli_runner()
    for command, arguments in ARGUMENTS.items():
        result = runner.invoke(args=[*command.split(), *arguments])

        assert result.exit_code == 1, (command, result.output)
        assert result.output.splitlines() == [f"Error: No database at {path}: run `flask --app trainer init` first."], (
            command
        )
        assert not path.exists(), command


def test_an_empty_database_file_has_no_schema_yet(fresh):
    app, path = fresh
    path.touch()
    result = app.test_cli_runner().invoke(args=["bank", "stats"])

    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: The database sqlite:///{path} has no schema yet: run `flask --app trainer init` first.\n"
    )


def test_an_older_schema_says_to_upgrade_and_the_upgrade_makes_it_work(fresh):
    app, path = fresh
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0002")
    runner = app.test_cli_runner()

    result = runner.invoke(args=["users", "list"])
    assert result.exit_code == 1
    assert "is older than this version's" in result.output
    assert result.output.strip().endswith("run `flask --app trainer db upgrade` first.")

    assert runner.invoke(args=["db", "upgrade"]).output == "Database schema is up to date.\n"
    assert runner.invoke(args=["users", "list"]).exit_code == 0
    engine.dispose()


def test_a_schema_unknown_to_this_version_is_named(fresh):
    app, path = fresh
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()

    result = app.test_cli_runner().invoke(args=["bank", "stats"])
    assert result.exit_code == 1
    assert "The database schema (9999) is unknown to this version" in result.output


def test_help_and_the_commands_without_schema_still_work_on_a_fresh_database(fresh):
    app, path = fresh
    runner = app.test_cli_runner()

    assert runner.invoke(args=["users", "create", "--help"]).exit_code == 0
    asked = runner.invoke(args=["users", "create", "someone@example.com"])  # told before a password is asked for
    assert asked.output.startswith("Error: No database at") and "Password" not in asked.output
    validated = runner.invoke(args=["bank", "validate", BANK])
    assert validated.exit_code == 0, validated.output
    assert not path.exists()
