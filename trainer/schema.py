"""Database schema through Alembic: every model imported here, upgrades run programmatically."""

from __future__ import annotations

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, MetaData, text

from trainer.config import PROJECT_ROOT
from trainer.core.db import Base


def metadata():
    """Base.metadata with every feature's tables registered."""
    import trainer.auth.models
    import trainer.bank.models
    import trainer.exam.models
    import trainer.progress.models  # noqa: F401

    return Base.metadata


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
