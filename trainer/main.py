"""The home page."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from trainer.core.access import Access, access

bp = Blueprint("main", __name__)


@bp.route("/")
@access(Access.PUBLIC)
def home():
    """Signed-in users go to their tests; visitors see what the site offers."""
    if current_user.is_authenticated:
        return redirect(url_for("exam.list_tests"))
    return render_template("main/home.html")
