"""The database connections the app hands out: a dropped one is replaced, no time lost to JIT on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from trainer import extensions
from trainer.extensions import db


@pytest.fixture
def postgresql(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("about PostgreSQL's connections")
    return db.engine


def test_a_connection_the_database_dropped_while_it_rested_is_replaced_not_an_error(postgresql, monkeypatch):
    postgresql.dispose()  # a pool of one connection: the one the database drops is the one handed out next
    with postgresql.connect() as connection:
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    other = create_engine(postgresql.url)
    with other.begin() as connection:  # as a database restart would, from outside the app's pool
        connection.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
    other.dispose()
    monkeypatch.setattr(extensions, "IDLE_BEFORE_PING", 0.0)  # it has rested long enough to be checked
    with postgresql.connect() as connection:
        assert connection.exec_driver_sql("SELECT pg_backend_pid()").scalar() != pid


def test_a_connection_taken_back_at_once_is_not_pinged_one_that_rested_is(postgresql, monkeypatch):
    pings = []
    ping = postgresql.dialect.do_ping
    monkeypatch.setattr(postgresql.dialect, "do_ping", lambda connection: pings.append(1) or ping(connection))
    for _ in range(3):  # as under load: each request takes the connection the previous one gave back
        with postgresql.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    assert pings == []
    monkeypatch.setattr(extensions, "IDLE_BEFORE_PING", 0.0)
    with postgresql.connect() as connection:
        connection.exec_driver_sql("SELECT 1")
    assert pings == [1]


def test_postgresql_connections_plan_without_jit(postgresql):
    with postgresql.connect() as connection:
        assert connection.exec_driver_sql("SHOW jit").scalar() == "off"
