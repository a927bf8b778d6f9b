"""Extension objects shared by the feature packages, bound to the app in create_app()."""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from sqlalchemy import Engine, create_engine, event
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
    return create_engine(url, pool_pre_ping=True)


db = Database()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address)
compress = Compress()  # pages reach slow phones gzipped (an exam page shrinks about tenfold)
