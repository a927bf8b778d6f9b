"""Wiring of the web layer: blueprints, the user loader, and domain errors turned into HTTP answers."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.routing import IntegerConverter

from trainer.core.errors import DomainError
from trainer.extensions import db, login_manager

MAX_ID = 2**31 - 1  # the largest INTEGER primary key on PostgreSQL


class IdConverter(IntegerConverter):
    """`<id:name>`: a database id, 1..MAX_ID; any other number matches no route, so it is a 404, never a 500."""

    regex = r"\d{1,10}"  # no more digits than MAX_ID has: a longer number is not even converted

    def __init__(self, map, *args, **kwargs) -> None:
        super().__init__(map, min=1, max=MAX_ID)


def register(app: Flask) -> None:
    # Before any blueprint is registered: rules are compiled against the converters known at that moment.
    app.url_map.converters["id"] = IdConverter

    from trainer.auth.models import User
    from trainer.auth.views import bp as auth_bp
    from trainer.authoring.views import bp as authoring_bp
    from trainer.exam import attempt_views, views  # noqa: F401  (both add their routes to the exam blueprint)
    from trainer.exam.blueprint import bp as exam_bp
    from trainer.main import bp as main_bp
    from trainer.progress.views import bp as progress_bp

    for blueprint in (main_bp, auth_bp, exam_bp, progress_bp, authoring_bp):
        app.register_blueprint(blueprint)

    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str):
        return db.session.get(User, int(user_id))

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        if wants_json():
            return jsonify(error=str(exc)), exc.status
        return render_template("error.html", message=str(exc), status=exc.status), exc.status

    for status, text in (
        (403, "You do not have access to this page."),
        (404, "This page does not exist."),
        (429, "Too many attempts. Please wait a minute and try again."),
    ):
        app.register_error_handler(status, _http_error(status, text))


def wants_json() -> bool:
    return request.is_json or request.accept_mimetypes.best == "application/json"


def _http_error(status: int, text: str):
    def handler(exc):
        if wants_json():
            return jsonify(error=text), status
        return render_template("error.html", message=text, status=status), status

    return handler
