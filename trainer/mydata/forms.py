"""The account deletion form (CSRF-protected)."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from trainer.auth.passwords import MAX_PASSWORD
from trainer.core.forms import Form


class DeleteAccountForm(Form):
    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired(message=_l("Type your password to delete your account.")), Length(max=MAX_PASSWORD)],
        description=_l("Asked so that nobody else at this computer can delete your account."),
    )
