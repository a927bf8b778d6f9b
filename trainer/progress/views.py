"""The candidate's progress page."""

from flask import Blueprint, render_template
from flask_login import current_user

from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.exam.patterns import all_patterns
from trainer.exam.service import IN_PROGRESS, attempts_of
from trainer.extensions import db
from trainer.progress.review_service import notebook
from trainer.progress.service import topic_progress

bp = Blueprint("progress", __name__)


@bp.route("/progress")
@access(Access.USER)
def show_progress():
    """Per-topic accuracy and pace across all attempts, weakest first, and the score history."""
    history = [a for a in reversed(attempts_of(db.session, current_user)) if a.state != IN_PROGRESS]
    return render_template(
        "progress/show_progress.html",
        topics=topic_progress(db.session, current_user.id),
        history=history,
        patterns=all_patterns(),
        notebook=notebook(db.session, current_user.id, utcnow()),  # templates/progress/_reviews.html
    )
