"""Staff pages: the list of flagged questions (the statistics panel itself is part of each question's page)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from trainer.config import ConfigError
from trainer.core.access import Access, access
from trainer.extensions import db
from trainer.i18n import interface_wording
from trainer.itemstats import service

bp = Blueprint("itemstats", __name__, url_prefix="/authoring")
DEFAULT_MIN_ATTEMPTS = 20
MAX_PAGE = 10_000


def min_attempts() -> int:
    """TRAINER_ITEMSTATS_MIN_ATTEMPTS: responses a version needs before its statistics are shown (default 20)."""
    return current_app.config["ITEMSTATS_MIN_ATTEMPTS"]


@bp.record_once
def _read_settings(state) -> None:
    raw = state.app.config.get("ITEMSTATS_MIN_ATTEMPTS", DEFAULT_MIN_ATTEMPTS)
    value = int(raw) if isinstance(raw, str) and raw.strip().isdigit() else raw
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        raise ConfigError(f"TRAINER_ITEMSTATS_MIN_ATTEMPTS must be a whole number of 2 or more, not {raw!r}.")
    state.app.config["ITEMSTATS_MIN_ATTEMPTS"] = value


@bp.route("/flagged")
@access(Access.STAFF)
def list_flagged():
    """Published questions whose statistics look wrong (likely wrong key first), each linking to its panel."""
    raw = request.args.get("page", "1")
    page = min(int(raw), MAX_PAGE) if raw.isdigit() and 0 < len(raw) < 6 and int(raw) > 0 else 1
    rows, total = service.flagged(db.session, min_attempts(), page)
    return render_template(
        "itemstats/list_flagged.html",
        rows=rows,
        total=total,
        page=page,
        page_size=service.PAGE_SIZE,
        min_attempts=min_attempts(),
        refreshed_at=service.last_refreshed(db.session),
        wording=interface_wording(),
    )
