"""Declarative base and column types shared by every feature's models; the statements the exam's save path needs."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from sqlalchemy import DateTime, Insert, MetaData, Select, Table, bindparam, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.orm.util import identity_key
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out, on SQLite (which keeps no zone) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def get_by_id(session: Session, model: type, id: int):
    """`session.get(model, id)` for reads on every request (the signed-in account, the exam page's attempt): the
    session's own object if it holds one, else one statement built once per model instead of per call."""
    if identity_key(model, id) in session.identity_map:
        return session.get(model, id)
    return session.execute(_by_id(model), {"id": id}).scalar_one_or_none()


@cache
def _by_id(model: type) -> Select:
    return select(model).where(inspect(model).primary_key[0] == bindparam("id"))


def insert_skipping_duplicates(session: Session, table: Table, unique: tuple[str, ...]) -> Insert:
    """INSERT ... ON CONFLICT (unique) DO NOTHING, for the session's database (SQLite or PostgreSQL).

    Rows that are already stored, even by a concurrent transaction, are skipped rather than raising.
    """
    return _insert_skipping(session.get_bind().dialect.name, table, unique)


@cache  # one statement per table and database: building it costs more than running it
def _insert_skipping(dialect_name: str, table: Table, unique: tuple[str, ...]) -> Insert:
    dialect = {"sqlite": sqlite, "postgresql": postgresql}[dialect_name]
    return dialect.insert(table).on_conflict_do_nothing(index_elements=list(unique))


# SQL written with `?` for each parameter, as each driver wants it.
_PARAMETER_MARKERS = {"sqlite": "?", "postgresql": "%s"}


def fetch_plain(session: Session, sql: str, parameters: list) -> list[tuple]:
    """Run one SELECT on the session's own connection through the driver, without SQLAlchemy's execution layer.

    Only for the busiest reads (an exam save, the exam page's paper), where that layer costs more than the query:
    the SQL must run as written on SQLite and PostgreSQL, with `?` for each parameter, and values come back as the
    driver gives them (`read_utc` turns a stored time into an aware datetime). Runs in the session's transaction, if
    it has one.
    """
    connection = session.connection()
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(_for_driver(sql, connection.dialect.name), parameters)
        return cursor.fetchall()
    finally:
        cursor.close()


@cache
def _for_driver(sql: str, dialect_name: str) -> str:
    return sql.replace("?", _PARAMETER_MARKERS[dialect_name])


def read_utc(session: Session):
    """A function turning a stored time, as `fetch_plain` returns it, into an aware UTC datetime (None stays None)."""
    return _utc_reader(session.get_bind().dialect)


@cache
def _utc_reader(dialect):
    # The same conversion SQLAlchemy applies to a UTCDateTime column of this database.
    return UTCDateTime().dialect_impl(dialect).result_processor(dialect, None) or (lambda value: value)
