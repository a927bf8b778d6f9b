"""Forms of the typing test (CSRF-protected)."""

from wtforms import HiddenField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from trainer.core.forms import Form
from trainer.skills.service import MAX_STEP_ID, MAX_TEXT


class StartTypingForm(Form):
    passage = StringField("Passage", validators=[DataRequired(message="Choose a passage."), Length(max=80)])


class SubmitTypingForm(Form):
    """The typing box's last state travels with the submission, in case the page could not send it before."""

    step_id = HiddenField(validators=[Optional(), Length(max=MAX_STEP_ID)])
    text = HiddenField(validators=[Optional(), Length(max=MAX_TEXT)])
    at = HiddenField(validators=[Optional(), Length(max=40)])
    keys = IntegerField(validators=[Optional(), NumberRange(min=0, max=10 * MAX_TEXT)])
    pastes = IntegerField(validators=[Optional(), NumberRange(min=0, max=10_000)])


class DrillForm(Form):
    """Only the CSRF token: the drill is made from the candidate's own error words."""
