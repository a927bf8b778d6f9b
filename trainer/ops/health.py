"""Whether this app server can serve: its database answers and holds the schema this code expects."""

from __future__ import annotations

import logging
from functools import cache

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from trainer.config import PROJECT_ROOT
from trainer.schema import first_line

log = logging.getLogger(__name__)


@cache
def head_revision() -> str:
    """The newest migration of this code (read from migrations/ once per process)."""
    return ScriptDirectory(str(PROJECT_ROOT / "migrations")).get_current_head()


def database_problem(engine: Engine) -> str | None:
    """None when the database answers and is at the newest migration; else the reason, for the balancer.

    Two statements at most (a connection check and one row of alembic_version), never a scan. The reason is kept
    general, as anyone may read it; the driver's own message (host names, ports) goes to the log.
    """
    try:
        connection = engine.connect()
    except SQLAlchemyError as exc:
        log.warning("health check: the database cannot be reached: %s", first_line(exc))
        return "the database cannot be reached"
    with connection:
        try:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError as exc:
            log.warning("health check: no schema version: %s", first_line(exc))
            return "the database has no schema"
    if current != head_revision():
        return f"the database schema is at {current}, this code needs {head_revision()}"
    return None
