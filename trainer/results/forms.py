"""The admin's cut-off form; the rules of a row are those of the CSV loader (cutoff_data.check_row)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FloatField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from trainer.auth.models import CATEGORIES
from trainer.core.forms import Form
from trainer.i18n import error_text
from trainer.results.cutoff_data import CutoffRow, CutoffRowError, check_row
from trainer.results.cutoffs import papers


class CutoffForm(Form):
    paper = SelectField(
        _l("Paper"), description=_l("tier1 = Tier-I, tier2 = Tier-II (as the exam patterns name them).")
    )
    stage = StringField(
        _l("Stage and list"),
        validators=[
            DataRequired(message=_l("Say which stage and list, e.g. Tier-I, all other posts.")),
            Length(max=120),
        ],
    )
    year = IntegerField(_l("Year"), validators=[InputRequired(message=_l("Enter the year.")), NumberRange(1990, 2100)])
    category = SelectField(_l("Category"), choices=list(CATEGORIES))
    marks = FloatField(_l("Cut-off marks"), validators=[InputRequired(message=_l("Enter the cut-off marks."))])
    out_of = FloatField(
        _l("Out of"),
        validators=[InputRequired(message=_l("Enter the maximum marks."))],
        description=_l("e.g. 200 for Tier-I."),
    )
    source = StringField(_l("Source"), validators=[Length(max=255)], description=_l("Where the figure comes from."))
    note = StringField(_l("Note"), validators=[Length(max=255)], description=_l("e.g. normalised marks."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.paper.choices = sorted(papers())

    def row(self) -> CutoffRow | None:
        """The checked row, or None with the problem added to the form's errors."""
        raw = {name: "" if self[name].data is None else str(self[name].data) for name in CutoffRow.__dataclass_fields__}
        try:
            return check_row(raw, set(self.paper.choices), CATEGORIES)
        except CutoffRowError as exc:
            self.marks.errors = [*self.marks.errors, error_text(exc)]
            return None


class DeleteCutoffForm(Form):
    """Only the CSRF token: deleting needs a form posted from this site."""
