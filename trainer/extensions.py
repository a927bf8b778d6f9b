"""Extension objects shared by the feature packages, bound to the app in create_app()."""

from __future__ import annotations

import time

from flask import Flask
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, scoped_session, sessionmaker


class Database:
    """One engine per database URL and a request-scoped session; services flush, the request commits."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.session: scoped_session[Session] = scoped_session(sessionmaker(expire_on_commit=False))
        self._engines: dict[str, Engine] = {}

    def init_app(self, app: Flask, url: str) -> None:
        # Several apps in one process (tests, a live server) share one pool per database.
        if url not in self._engines:
            self._engines[url] = make_engine(url)
        self.engine = self._engines[url]
        self.session.configure(bind=self.engine)
        app.teardown_appcontext(lambda exc: self.session.remove())


def make_engine(url: str) -> Engine:
    """An engine with SQLite made safe for a threaded server (foreign keys, WAL, busy timeout)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    # No JIT: a site's statements are short, and a plan costed high for want of statistics (a new site's first
    # busy minutes) spent 10-200 ms compiling a query that runs in one.
    engine = create_engine(url, connect_args={"options": "-c jit=off"} if url.startswith("postgresql") else {})
    _ping_after_idle(engine)
    return engine


IDLE_BEFORE_PING = 2.0  # seconds a pooled connection may rest before it is checked on its way out of the pool


def _ping_after_idle(engine: Engine) -> None:
    """Check a pooled connection before use if it has rested a while (the database may have restarted since),
    and hand out a fresh one if it is dead. A connection taken back within seconds, as under load, goes out
    unchecked: pinging each one (pool_pre_ping) cost every request a round trip to the database."""

    @event.listens_for(engine, "checkin")
    def _rested_from(dbapi_connection, record) -> None:
        record.info["checked_in"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_rested(dbapi_connection, record, proxy) -> None:
        if time.monotonic() - record.info.get("checked_in", time.monotonic()) < IDLE_BEFORE_PING:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError(str(exc)) from exc  # the pool drops it and tries another (a new one)
        if not alive:
            raise DisconnectionError("the pooled connection did not answer")


db = Database()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address)
compress = Compress()  # pages reach slow phones gzipped (an exam page shrinks about tenfold)
