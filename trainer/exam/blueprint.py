"""The exam blueprint, in one home: `views` (the tests) and `attempt_views` (one attempt) both add routes to it."""

from __future__ import annotations

from flask import Blueprint

from trainer.exam.screen_text import shown_test_name

bp = Blueprint("exam", __name__)
bp.add_app_template_global(shown_test_name, "test_name")  # any page naming a test: test_name(code, stored name)
