"""Account forms: register, sign in, change or reset a password, and the admin's user actions."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from trainer.auth.models import CATEGORIES
from trainer.auth.passwords import MAX_PASSWORD, password_problem
from trainer.core.access import Role
from trainer.core.forms import Form


class PasswordRules:
    """Validator: the password rules, judged against the account's e-mail and name.

    `who` gives (e-mail, name): from other fields of the form, or from the signed-in account.
    """

    def __init__(self, who):
        self.who = who

    def __call__(self, form, field):
        email, name = self.who(form)
        problem = password_problem(field.data or "", email or "", name or "")
        if problem:
            raise ValidationError(problem)


PASSWORD_LABEL = _l("Password")


def new_password_fields(who, label=PASSWORD_LABEL):
    """A new password and its repetition, checked by the password rules."""
    password = PasswordField(
        label,
        validators=[DataRequired(message=_l("Please choose a password.")), PasswordRules(who)],
        description=_l(
            "At least 8 characters; not a common password, not your e-mail or name. "
            "Several unrelated words make a good one."
        ),
    )
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[
            DataRequired(message=_l("Please repeat the password.")),
            EqualTo("password", message=_l("The two passwords differ.")),
        ],
    )
    return password, confirm


class RegisterForm(Form):
    name = StringField(
        _l("Full name"), validators=[DataRequired(message=_l("Please enter your name.")), Length(max=120)]
    )
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(message=_l("Please enter your e-mail address.")),
            Email(message=_l("This does not look like an e-mail address.")),
            Length(max=254),
        ],
    )
    password, confirm = new_password_fields(lambda form: (form.email.data, form.name.data))
    category = SelectField(
        _l("Category"),
        choices=list(CATEGORIES),
        default="UR",
        description=_l("Used for qualifying marks and cut-offs."),
    )
    scribe_eligible = BooleanField(
        _l("I am a PwBD candidate eligible for a scribe / compensatory time"),
        description=_l("Gives 20 extra minutes per hour on every timed test, as in the real exam."),
    )


class LoginForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(message=_l("Please enter your e-mail address."))])
    password = PasswordField(_l("Password"), validators=[DataRequired(message=_l("Please enter your password."))])


def _account_of(form):
    return form.account.email, form.account.name


class ChangePasswordForm(Form):
    current = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Please enter your current password.")), Length(max=MAX_PASSWORD)],
    )
    password, confirm = new_password_fields(_account_of, _l("New password"))

    def __init__(self, account, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account


class ResetPasswordForm(Form):
    password, confirm = new_password_fields(_account_of, _l("New password"))

    def __init__(self, account, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account


class UserActionForm(Form):
    """One admin action on one account: change the role, disable, enable, or issue a reset link."""

    action = HiddenField(validators=[DataRequired()])
    role = SelectField(_l("Role"), choices=[r.value for r in Role], validators=[Optional()])
