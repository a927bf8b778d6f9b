"""Forms of the exam flow (CSRF-protected)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, NumberRange

from trainer.core.forms import Form


class StartForm(Form):
    declaration = BooleanField(
        _l(
            "I have read and understood the instructions. I declare that I am not carrying any prohibited "
            "material, and I will not use unfair means."
        ),
        validators=[DataRequired(message=_l("Please tick the declaration to begin."))],
    )
    timed = BooleanField(_l("Keep the exam timer (practice only)"), default=False)


class SubmitForm(Form):
    """Only the CSRF token: submitting needs no fields."""


class TopicTestForm(Form):
    """N questions from chosen topics of one subject, timed as the chosen paper times them."""

    paper = SelectField(
        _l("Marked and timed as"),
        choices=[
            SelectChoice("tier1-2025", _l("Tier-I (+2 / −0.50)")),
            SelectChoice("tier2-paper1", _l("Tier-II Paper-I (+3 / −1)")),
        ],
    )
    topics = SelectMultipleField(
        _l("Topics"),
        validators=[DataRequired(message=_l("Choose at least one topic."))],
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
    )
    count = IntegerField(
        _l("Number of questions"),
        default=10,
        validators=[NumberRange(min=3, max=50, message=_l("Choose between 3 and 50 questions."))],
    )
    practice = BooleanField(_l("Practice mode: see the answer and explanation after each question"))
