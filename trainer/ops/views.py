"""GET /healthz: the load balancer sends traffic to this app server only while it answers 200."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from trainer.core.access import Access, access
from trainer.extensions import db, limiter
from trainer.ops.health import database_problem, head_revision

bp = Blueprint("ops", __name__)


@bp.route("/healthz")
@access(Access.PUBLIC)
def healthz():
    """200 when the database answers and its migrations are at head, 503 with the reason otherwise.

    The rate-limit store is reported but does not fail the check: every app server shares it, so failing would take
    them all out of the balancer at once, and sign-ins fall back to per-server limits meanwhile."""
    problem = database_problem(db.engine)
    limits = _limit_store_state()
    if problem:
        return jsonify(status="unavailable", reason=problem, rate_limit_storage=limits), 503
    return jsonify(status="ok", schema=head_revision(), rate_limit_storage=limits)


def _limit_store_state() -> str:
    if not current_app.config["RATELIMIT_ENABLED"]:
        return "disabled"
    try:
        return "ok" if limiter.storage.check() else "unreachable"
    except Exception:  # noqa: BLE001  (any failure of the store means the same here)
        return "unreachable"
