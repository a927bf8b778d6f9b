"""The mistake notebook's route: "Review today" starts a practice session of the due cards."""

from __future__ import annotations

import random
import secrets

from flask import flash, redirect, url_for
from flask_login import current_user

from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.extensions import db
from trainer.progress.review_service import NothingToReview, start_review
from trainer.progress.views import bp


@bp.route("/progress/reviews", methods=["POST"])
@access(Access.USER)
def start_reviews():
    """Open a practice paper of the candidate's due review cards (the most overdue first) and go to it."""
    try:
        attempt = start_review(db.session, current_user, utcnow(), random.Random(secrets.randbits(64)))
    except NothingToReview as exc:
        flash(str(exc), "info")
        return redirect(url_for("progress.show_progress"))
    db.session.commit()
    return redirect(url_for("exam.take_attempt", attempt_id=attempt.id))
