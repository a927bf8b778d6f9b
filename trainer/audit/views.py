"""The admin's audit log page: newest first, filtered by kind, a page at a time (one query per page)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from trainer.audit import service
from trainer.core.access import Access, access
from trainer.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/admin")


@bp.route("/audit")
@access(Access.ADMIN)
def list_events():
    """Audit events, newest first; `?kind=` filters, `?before=ID` pages back."""
    kind = request.args.get("kind", "")
    kind = kind if kind in service.KINDS else ""
    before = request.args.get("before", "")
    page = service.events_page(db.session, kind, int(before) if before.isdigit() and len(before) < 10 else None)
    return render_template("audit/list_events.html", page=page, kind=kind, kinds=service.KINDS)
