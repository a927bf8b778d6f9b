"""Registration and sign-in forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from trainer.auth.models import CATEGORIES
from trainer.auth.service import MIN_PASSWORD


class RegisterForm(FlaskForm):
    name = StringField("Full name", validators=[DataRequired(message="Please enter your name."), Length(max=120)])
    email = EmailField(
        "E-mail",
        validators=[
            DataRequired(message="Please enter your e-mail address."),
            Email(message="This does not look like an e-mail address."),
        ],
    )
    password = PasswordField(
        "Password",
        validators=[
            DataRequired(message="Please choose a password."),
            Length(min=MIN_PASSWORD, message=f"Use at least {MIN_PASSWORD} characters."),
        ],
    )
    confirm = PasswordField(
        "Repeat password",
        validators=[
            DataRequired(message="Please repeat the password."),
            EqualTo("password", message="The two passwords differ."),
        ],
    )
    category = SelectField(
        "Category",
        choices=list(CATEGORIES),
        default="UR",
        description="Used for qualifying marks and cut-offs.",
    )
    scribe_eligible = BooleanField(
        "I am a PwBD candidate eligible for a scribe / compensatory time",
        description="Gives 20 extra minutes per hour on every timed test, as in the real exam.",
    )


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(message="Please enter your e-mail address.")])
    password = PasswordField("Password", validators=[DataRequired(message="Please enter your password.")])
