"""Forms of the batch pages (CSRF-protected), every text bounded."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from trainer.batches.targets import DRILL, LIVE_MOCK, PAPER, TEST
from trainer.core.forms import Form
from trainer.i18n import site_day_end


def end_of_day(day: date | None) -> datetime | None:
    """The last minute of a date where the site is, in UTC: a date a person picks means "until the end of that
    day"."""
    return None if day is None else site_day_end(day)


class BatchForm(Form):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(message=_l("Give the batch a name.")), Length(max=120)],
        description=_l("e.g. “Morning batch, CGL 2027”."),
    )
    description = TextAreaField(_l("Description (optional)"), validators=[Length(max=1000)])
    expires_on = DateField(
        _l("Invite code works until (optional)"),
        validators=[Optional()],
        description=_l("Leave empty for a code that works until you make a new one."),
    )


class InviteForm(Form):
    expires_on = DateField(
        _l("New code works until (optional)"), validators=[Optional()], description=_l("The old code stops working.")
    )


class JoinForm(Form):
    code = StringField(
        _l("Invite code"),
        validators=[DataRequired(message=_l("Type the invite code your instructor gave you.")), Length(max=40)],
        description=_l("12 letters and digits, like K7QM-2XHD-9TRA (dashes and case do not matter)."),
    )


class StaffForm(Form):
    email = EmailField(
        _l("Instructor's e-mail"),
        validators=[DataRequired(message=_l("Type the e-mail of an instructor account.")), Length(max=254)],
    )


class AssignmentForm(Form):
    kind = RadioField(
        _l("What to do"),
        choices=[
            SelectChoice(DRILL, _l("A topic drill")),
            SelectChoice(TEST, _l("A mock or sectional test")),
            SelectChoice(PAPER, _l("A frozen paper set by the institute")),
            SelectChoice(LIVE_MOCK, _l("A live mock")),
        ],
        default=DRILL,
    )
    topic = SelectField(_l("Topic (for a drill)"), validators=[Optional()])
    test = SelectField(_l("Test (for a mock or sectional test)"), validators=[Optional()])
    paper = SelectField(_l("Frozen paper (for a frozen paper)"), validators=[Optional()])
    live_mock = SelectField(_l("Live mock (for a live mock)"), validators=[Optional()])
    due_on = DateField(_l("Due on"), validators=[DataRequired(message=_l("Choose the date it is due."))])
    note = StringField(_l("Note to the batch (optional)"), validators=[Length(max=500)])

    def target(self) -> str | None:
        """The chosen drill topic or test, or None (with an error on the field) if the matching one is missing."""
        field = {DRILL: self.topic, TEST: self.test, PAPER: self.paper, LIVE_MOCK: self.live_mock}[self.kind.data]
        if not field.data:
            field.errors = [*field.errors, _("Choose one.")]
            return None
        return field.data


class ActionForm(Form):
    """Only the CSRF token: leave, remove, start."""
