"""Forms of the progress page (CSRF-protected): the study target, and a drill's topic."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional, Regexp

from trainer.core.forms import Form
from trainer.progress.drill import PAPERS


class TargetForm(Form):
    paper = SelectField(_l("Target exam"), choices=[SelectChoice(key, _l(name)) for key, name in PAPERS.items()])
    exam_date = DateField(
        _l("Exam date"), validators=[Optional()], description=_l("Leave empty if the date is not announced yet.")
    )


class DrillForm(Form):
    topic = HiddenField(
        validators=[DataRequired(), Regexp(r"^[a-z0-9-]{1,40}/[a-z0-9-]{1,60}$", message=_l("No such topic."))]
    )
