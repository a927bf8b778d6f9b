"""Who may use each route: every view declares a level, and one before-request hook enforces it."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from flask import Flask, abort, current_app, jsonify, request, session
from flask_login import current_user

from trainer.extensions import login_manager

SESSION_USER_KEY = "_user_id"  # where Flask-Login keeps the signed-in account's id in the session


class Role(StrEnum):
    CANDIDATE = "candidate"
    INSTRUCTOR = "instructor"
    ADMIN = "admin"


class Access(StrEnum):
    PUBLIC = "public"  # anyone, signed in or not
    USER = "user"  # any signed-in account
    # Any signed-in account, known from the signed session cookie alone: the account row is not read. For the
    # busiest route (the exam's saves), whose view checks ownership by `session_user_id()` in its own query.
    SESSION = "session"
    STAFF = "staff"  # instructors and admins
    ADMIN = "admin"


ALLOWED_ROLES = {
    Access.USER: set(Role),
    Access.SESSION: set(Role),
    Access.STAFF: {Role.INSTRUCTOR, Role.ADMIN},
    Access.ADMIN: {Role.ADMIN},
}


def access(level: Access) -> Callable:
    """Declare who may use a view; routes without a declaration make create_app() fail."""

    def mark(view: Callable) -> Callable:
        view.access_level = level
        return view

    return mark


def undeclared_endpoints(app: Flask) -> list[str]:
    """Endpoints whose view declares no access level (static files excepted)."""
    return sorted(
        name for name, view in app.view_functions.items() if name != "static" and not hasattr(view, "access_level")
    )


def enforce_access():
    """Before each request: anonymous users go to the login page, the wrong role gets 403."""
    view = current_app.view_functions.get(request.endpoint or "")
    level = getattr(view, "access_level", Access.PUBLIC)
    if level == Access.PUBLIC or (level == Access.SESSION and SESSION_USER_KEY in session):
        return None
    if not current_user.is_authenticated:
        # A script (the exam page's saves and token renewals): say so, rather than redirect it to a login form.
        if request.is_json or request.accept_mimetypes.best == "application/json":
            return jsonify(error="You are signed out. Sign in again; your answers are kept on this device."), 401
        return login_manager.unauthorized()
    if Role(current_user.role) not in ALLOWED_ROLES[level]:
        abort(403)
    return None


def session_user_id() -> int:
    """The signed-in account's id, from the signed session cookie (no query), for `Access.SESSION` views."""
    value = session.get(SESSION_USER_KEY)
    return int(value) if value is not None else current_user.id


def init_access(app: Flask) -> None:
    undeclared = undeclared_endpoints(app)
    if undeclared:
        raise RuntimeError(f"routes without an access declaration: {', '.join(undeclared)}")
    app.before_request(enforce_access)
