"""Forms of the exam flow (CSRF-protected)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired


class StartForm(FlaskForm):
    declaration = BooleanField(
        "I have read and understood the instructions. I declare that I am not carrying any prohibited "
        "material, and I will not use unfair means.",
        validators=[DataRequired(message="Please tick the declaration to begin.")],
    )


class SubmitForm(FlaskForm):
    """Only the CSRF token: submitting needs no fields."""
