"""Fixtures: a fresh database per test (SQLite by default, TRAINER_DATABASE_URL for PostgreSQL), app, client."""

from __future__ import annotations

import os

import pytest

from tests.factories import Auth
from trainer import create_app
from trainer.extensions import db, make_engine
from trainer.schema import metadata, rebuild


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """The test database, rebuilt from the migrations once per run."""
    url = os.environ.get("TRAINER_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    engine = make_engine(url)
    rebuild(engine)  # the schema under test is the one the migrations build
    engine.dispose()
    return url


def _empty_tables() -> None:
    with db.engine.begin() as connection:
        for table in reversed(metadata().sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret",
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": None,
            "GENERATED_POOL_TOP_UP": False,  # no background thread on the test database (tests/exam/test_start.py)
            "IMPORT_FOLDER": str(tmp_path / "imports"),  # web imports' uploads (instance/imports otherwise)
        }
    )
    yield app
    db.session.remove()
    _empty_tables()


@pytest.fixture
def session(app):
    with app.app_context():
        yield db.session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def auth(app, client):
    return Auth(app, client)
