"""The account deletion form (CSRF-protected)."""

from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from trainer.auth.passwords import MAX_PASSWORD


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        "Your password",
        validators=[DataRequired(message="Type your password to delete your account."), Length(max=MAX_PASSWORD)],
        description="Asked so that nobody else at this computer can delete your account.",
    )
