"""Database schema through Alembic: every model imported here, upgrades run programmatically."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, text
from sqlalchemy.exc import OperationalError

from trainer.config import PROJECT_ROOT, ConfigError
from trainer.core.db import Base

INIT_FIRST = "run `flask --app trainer init` first"
UPGRADE_FIRST = "run `flask --app trainer db upgrade` first"
# Foreign keys the models declare (the ORM orders its writes and joins by them) that PostgreSQL checks once per
# statement by triggers instead (migration 0021): a start writes a hundred slots at once, and row by row the checks
# cost more than the rows. The comparison of models and database leaves them out there.
STATEMENT_CHECKED_KEYS = {
    "postgresql": frozenset({"fk_slot_attempt_id_attempt", "fk_slot_version_id_question_version"}),
}


def metadata():
    """Base.metadata with every feature's tables registered."""
    import trainer.audit.models
    import trainer.auth.models
    import trainer.bank.models
    import trainer.batches.models
    import trainer.exam.models
    import trainer.institute.models
    import trainer.itemstats.models
    import trainer.progress.models
    import trainer.progress.review_models
    import trainer.reports.models
    import trainer.results.models
    import trainer.skills.models  # noqa: F401

    return Base.metadata


def compared(dialect: str):
    """Alembic's include_object for `dialect`: everything but the foreign keys its triggers check."""
    skipped = STATEMENT_CHECKED_KEYS.get(dialect, frozenset())

    def include_object(obj, name, type_, reflected, compare_to) -> bool:
        return not (type_ == "foreign_key_constraint" and name in skipped)

    return include_object


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def rebuild(engine: Engine) -> None:
    """Drop every table of the database and build the schema anew through the migrations (tests, benchmarks)."""
    existing = MetaData()
    existing.reflect(engine)
    existing.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(engine)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema up to `revision` (creating it on an empty database)."""
    command.upgrade(alembic_config(engine), revision)


def database_name(engine: Engine) -> str:
    """The engine's URL as safe to print (no password)."""
    return engine.url.render_as_string(hide_password=True)


def check_schema(engine: Engine) -> None:
    """Return if the database holds the newest schema; else raise ConfigError saying which command to run.

    A SQLite file that does not exist is not created by asking (connecting would leave an empty file behind).
    """
    url = engine.url
    in_a_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    if in_a_file and not Path(url.database).exists():
        raise ConfigError(f"No database at {url.database}: {INIT_FIRST}.")
    with database_errors(engine), engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current is None:
        raise ConfigError(f"The database {database_name(engine)} has no schema yet: {INIT_FIRST}.")
    scripts = ScriptDirectory.from_config(alembic_config(engine))
    head = scripts.get_current_head()
    if current == head:
        return
    if current in {revision.revision for revision in scripts.walk_revisions()}:
        raise ConfigError(f"The database schema ({current}) is older than this version's ({head}): {UPGRADE_FIRST}.")
    raise ConfigError(f"The database schema ({current}) is unknown to this version (newest: {head}).")


@contextmanager
def database_errors(engine: Engine):
    """Turn a database that cannot be reached or used (wrong URL, server down, no such database) into ConfigError."""
    try:
        yield
    except OperationalError as exc:
        raise ConfigError(f"Cannot use the database {database_name(engine)}: {first_line(exc)}") from exc


def first_line(exc: BaseException) -> str:
    """The first line of a driver's error, which names the cause (the rest is SQL and links)."""
    original = getattr(exc, "orig", None) or exc
    return (str(original).strip().splitlines() or [type(original).__name__])[0]
