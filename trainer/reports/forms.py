"""Forms: a candidate's report, staff's resolution of a question's reports, a regrade after a key edit."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from trainer.core.forms import Form
from trainer.reports.models import REASONS
from trainer.reports.service import RESOLUTIONS

TEXT_LIMIT = 1000


class ReportForm(Form):
    position = IntegerField(_l("Question"), validators=[InputRequired(), NumberRange(min=0, max=10_000)])
    reason = SelectField(
        _l("What is wrong?"), choices=[SelectChoice(k, _l(v)) for k, v in REASONS.items()], validators=[DataRequired()]
    )
    text = TextAreaField(
        _l("Details (optional)"),
        validators=[
            Length(max=TEXT_LIMIT, message=_l("Keep the details under %(limit)s characters.", limit=TEXT_LIMIT))
        ],
        description=_l("Which option you think is right, and why; or what the typo is."),
    )


class ResolveForm(Form):
    kind = RadioField(
        _l("Resolution"),
        choices=[SelectChoice(k, _l(v)) for k, v in RESOLUTIONS.items()],
        validators=[DataRequired(_l("Choose a resolution."))],
    )
    note = TextAreaField(
        _l("Note"), validators=[Length(max=TEXT_LIMIT)], description=_l("Why; candidates who reported see it.")
    )
    regrade = BooleanField(_l("Regrade every graded attempt that showed an older key"), default=True)

    def validate_note(self, field) -> None:
        if self.kind.data == "dismissed" and not (field.data or "").strip():
            raise ValidationError(_l("Say why nothing needs to change: the candidates who reported will read it."))


class RegradeForm(Form):
    reason = TextAreaField(_l("Why"), validators=[DataRequired(_l("Say why the key changed.")), Length(max=TEXT_LIMIT)])
