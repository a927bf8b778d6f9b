"""Wiring of the web layer: blueprints, the user loader, and domain errors turned into HTTP answers."""

from __future__ import annotations

from flask import Flask, jsonify, render_template
from flask.globals import request_ctx
from flask.json.provider import DefaultJSONProvider
from flask_wtf.csrf import CSRFError

from trainer.core.access import session_generation, wants_json
from trainer.core.errors import DomainError
from trainer.extensions import db, login_manager


class BoundedJSONProvider(DefaultJSONProvider):
    """JSON bodies nested too deep to decode are invalid JSON (a 400), not a RecursionError (a 500)."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError as exc:
            raise ValueError("JSON nested too deeply") from exc


def register(app: Flask) -> None:
    app.json = BoundedJSONProvider(app)
    from trainer.auth.admin import bp as admin_bp
    from trainer.auth.service import session_user
    from trainer.auth.views import bp as auth_bp
    from trainer.authoring.views import bp as authoring_bp
    from trainer.exam.views import bp as exam_bp
    from trainer.main import bp as main_bp
    from trainer.progress.views import bp as progress_bp

    for blueprint in (main_bp, auth_bp, admin_bp, exam_bp, progress_bp, authoring_bp):
        app.register_blueprint(blueprint)

    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str):
        # A revoked session (older generation) or a disabled account counts as signed out.
        return session_user(db.session, user_id, session_generation())

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        if wants_json():
            return jsonify(error=str(exc)), exc.status
        return render_template("error.html", message=str(exc), status=exc.status), exc.status

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        # The exam page tells this from a network failure by `code`: it fetches a fresh token and sends again.
        text = f"This form was refused for your safety: {exc.description} Reload the page and try again."
        if wants_json():
            return jsonify(error=text, code="csrf"), 400
        return render_template("error.html", message=text, status=400), 400

    for status, text in (
        (400, "The request could not be understood."),
        (403, "You do not have access to this page."),
        (404, "This page does not exist."),
        (405, "This address does not take that kind of request."),
        (413, "The request is too large."),
        (429, "Too many attempts. Please wait a minute and try again."),
        (500, "Something went wrong on our side. Your answers saved so far are kept; please try again."),
    ):
        app.register_error_handler(status, _http_error(status, text))


def _http_error(status: int, text: str):
    def handler(exc):
        db.session.rollback()  # an error mid-request must not leave the session's transaction half-done
        if request_ctx.url_adapter is None:  # the request never reached routing (e.g. a host not trusted)
            return text, status, {"Content-Type": "text/plain; charset=utf-8"}
        if wants_json():
            return jsonify(error=text), status
        return render_template("error.html", message=text, status=status), status

    return handler
