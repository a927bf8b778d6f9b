"""GET /healthz tells the load balancer whether this app server can serve: 200, or 503 with the reason."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.factories import count_queries
from trainer import create_app
from trainer.extensions import db
from trainer.ops.health import head_revision


def app_on(url: str):
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url})


def test_a_healthy_server_answers_200_in_json_with_one_statement_and_no_cookie(client, app):
    with count_queries(db.engine) as statements:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json == {"status": "ok", "schema": head_revision(), "rate_limit_storage": "disabled"}
    assert statements == ["SELECT version_num FROM alembic_version"]  # never a scan, whatever the data
    assert "Set-Cookie" not in response.headers and response.headers["Cache-Control"] == "no-store"


def test_anyone_may_ask_signed_in_or_not(client, auth):
    assert client.get("/healthz").status_code == 200
    auth.login()
    assert client.get("/healthz").status_code == 200


def test_a_database_behind_the_code_takes_the_server_out_of_the_balancer(client, app):
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    try:
        response = client.get("/healthz")
    finally:
        with app.app_context(), db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()})

    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["reason"] == f"the database schema is at 0007, this code needs {head_revision()}"


def test_a_database_without_a_schema_is_503(tmp_path):
    response = app_on(f"sqlite:///{tmp_path / 'empty.db'}").test_client().get("/healthz")

    assert response.status_code == 503
    assert response.json["reason"] == "the database has no schema"


@pytest.mark.parametrize(
    "url",
    ["sqlite:////no/such/folder/trainer.db", "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"],
    ids=["sqlite", "postgresql"],
)
def test_a_database_that_cannot_be_reached_is_503_without_naming_host_or_port(url):
    response = app_on(url).test_client().get("/healthz")

    assert response.status_code == 503
    assert response.json["reason"] == "the database cannot be reached"
    assert "127.0.0.1" not in response.text and "/no/such" not in response.text
