"""The exam blueprint, in one home: `views` (the tests) and `attempt_views` (one attempt) both add routes to it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("exam", __name__)
