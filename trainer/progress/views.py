"""The candidate's progress page, its JSON twin, the study target and one-click drills."""

import random
import secrets

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.extensions import db
from trainer.i18n import interface_wording, site_date, site_zone
from trainer.progress.dashboard import progress, set_target, target_paper
from trainer.progress.drill import start_drill
from trainer.progress.forms import DrillForm, TargetForm
from trainer.progress.json import progress_json
from trainer.progress.review_service import notebook
from trainer.progress.summaries import history_page
from trainer.skills.qualifying import qualifying

bp = Blueprint("progress", __name__)
MAX_PAGE = 10_000


def _page() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= MAX_PAGE else 1


def _chart_day(when) -> str:
    """A chart point's date in the reader's language ("05 Dec", "05 दिस॰")."""
    return format_date(when, "dd MMM")


@bp.route("/progress")
@access(Access.USER)
def show_progress():
    """Mastery per topic, what to study next, trends, the prediction, the target and its plan, the history."""
    now, page = utcnow(), _page()
    data = progress(db.session, current_user, site_date(now), interface_wording(), _chart_day, site_zone())
    history, older = history_page(db.session, current_user.id, page)
    form = TargetForm(paper=data.target.paper, exam_date=data.target.exam_date)
    return render_template(
        "progress/show_progress.html",
        data=data,
        history=history,
        page=page,
        older=older,
        target_form=form,
        drill_form=DrillForm(),
        notebook=notebook(db.session, current_user.id, now),  # templates/progress/_reviews.html
        qualifying=qualifying(db.session, current_user),  # templates/skills/_qualifying.html
    )


@bp.route("/progress/target", methods=["POST"])
@access(Access.USER)
def update_target():
    """Set the exam the candidate prepares for and its date."""
    form = TargetForm()
    if form.validate_on_submit():
        set_target(db.session, current_user, form.paper.data, form.exam_date.data, utcnow())
        db.session.commit()
        flash(_("Your target is saved."), "success")
        return redirect(url_for("progress.show_progress", _anchor="target"))
    flash(" ".join(f"{form[name].label.text}: {' '.join(errors)}" for name, errors in form.errors.items()), "error")
    return redirect(url_for("progress.show_progress", _anchor="target"))


@bp.route("/progress/drill", methods=["POST"])
@access(Access.USER)
def start_topic_drill():
    """Start a practice test of ten questions from one topic (unseen first, earlier mistakes included)."""
    form = DrillForm()
    if not form.validate_on_submit():
        flash(_("Choose a topic from the study-next list to drill."), "error")
        return redirect(url_for("progress.show_progress"))
    section, _slash, topic = form.topic.data.partition("/")
    target = target_paper(db.session, current_user.id)
    rng = random.Random(secrets.randbits(64))
    attempt = start_drill(db.session, current_user, target, section, topic, utcnow(), rng)
    db.session.commit()
    return redirect(url_for("exam.take_attempt", attempt_id=attempt.id))


@bp.route("/api/v1/progress")
@access(Access.USER)
def api_show_progress():
    """The progress page's data as JSON, for the signed-in candidate only."""
    now = utcnow()
    data = progress(db.session, current_user, site_date(now), zone=site_zone())
    return jsonify(progress_json(data, notebook(db.session, current_user.id, now).due))
