"""The real app plus a bare endpoint, POST /bench/insert: the baseline the save-answer route is measured against."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask import Blueprint, Flask
from sqlalchemy import Engine, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from trainer import create_app
from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.core.db import UTCDateTime
from trainer.extensions import csrf, db
from trainer.web import warm_up


class BenchBase(DeclarativeBase):
    """Kept apart from trainer's Base, so the app's schema and migrations never see the benchmark table."""


class BenchRow(BenchBase):
    __tablename__ = "bench_row"

    id: Mapped[int] = mapped_column(primary_key=True)
    payload: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


def create_bench_table(engine: Engine) -> None:
    BenchBase.metadata.create_all(engine)


bp = Blueprint("bench", __name__)


@bp.route("/bench/insert", methods=["POST"])
@access(Access.PUBLIC)
def insert_row():
    """One row, one commit, no login, no CSRF: the least a write request through this stack can cost."""
    db.session.add(BenchRow(payload=secrets.token_hex(16), created_at=utcnow()))
    db.session.commit()
    return "", 204


def create_bench_app() -> Flask:
    """The app from create_app() plus the bench blueprint (gunicorn 'benchmarks.bench_app:create_bench_app()')."""
    # Registered after create_app() has checked every route's access declaration; the view still declares
    # PUBLIC, because the before-request hook reads that mark on every request.
    app = create_app()
    warm_up(app)  # as trainer/wsgi.py does
    csrf.exempt(insert_row)
    app.register_blueprint(bp)
    return app
