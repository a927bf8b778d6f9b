"""Forms of the institute pages (CSRF-protected); the blueprint's counts are read by `blueprint_counts`."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from trainer.core.forms import Form
from trainer.exam.patterns import Pattern
from trainer.i18n import from_site_time, zone_name
from trainer.institute.audience import BATCHES, EVERYONE, NOBODY
from trainer.institute.building import DIFFICULTIES
from trainer.institute.papers import MAX_COUNT

TIME_FORMAT = "%Y-%m-%dT%H:%M"


class ActionForm(Form):
    """Only the CSRF token: freeze, release, draw a parallel paper, start."""


class NewPaperForm(Form):
    name = StringField(
        _l("Paper name"), validators=[DataRequired(message=_l("Give the paper a name.")), Length(max=120)]
    )
    pattern = SelectField(_l("Pattern"))


class SwapForm(Form):
    position = IntegerField(_l("Question"), validators=[InputRequired(), NumberRange(min=0, max=10_000)])


def _batch_choices() -> SelectMultipleField:
    return SelectMultipleField(
        _l("Batches"), coerce=int, option_widget=widgets.CheckboxInput(), widget=widgets.ListWidget(prefix_label=False)
    )


class AudienceForm(Form):
    """Who is offered it: every candidate or the members of chosen batches (the choices are the user's batches)."""

    whom = RadioField(
        _l("Offered to"),
        choices=[
            SelectChoice(EVERYONE, _l("All candidates")),
            SelectChoice(BATCHES, _l("Only the batches ticked below")),
        ],
        default=EVERYONE,
    )
    batches = _batch_choices()

    def batch_ids(self) -> tuple[int, ...]:
        """The ticked batches if "only the batches" was chosen, else none (everyone)."""
        return tuple(self.batches.data or ()) if self.whom.data == BATCHES else ()

    def validate_batches(self, field) -> None:
        if self.whom.data == BATCHES and not field.data:
            raise ValidationError(_l("Tick at least one batch, or offer it to all candidates."))


class OfferForm(AudienceForm):
    whom = RadioField(_l("Offer this paper as a mock to"), default=NOBODY, choices=[
        SelectChoice(NOBODY, _l("Nobody (not offered)")), SelectChoice(EVERYONE, _l("All candidates")),
        SelectChoice(BATCHES, _l("Only the batches ticked below"))])  # fmt: skip


class ScheduleForm(AudienceForm):
    title = StringField(_l("Title"), validators=[DataRequired(message=_l("Give the live mock a title.")),
                                                 Length(max=120)])  # fmt: skip
    opens_at = DateTimeLocalField(_l("Window opens (%(zone)s)"), format=TIME_FORMAT,
                                  validators=[InputRequired(message=_l("Enter when the window opens."))])  # fmt: skip
    closes_at = DateTimeLocalField(_l("Window closes (%(zone)s)"), format=TIME_FORMAT,
                                   validators=[InputRequired(message=_l("Enter when the window closes."))])  # fmt: skip
    release_at = DateTimeLocalField(
        _l("Results released (%(zone)s)"),
        format=TIME_FORMAT,
        validators=[InputRequired(message=_l("Enter when results are released."))],
    )
    papers = SelectMultipleField(
        _l("Frozen papers (one shift each)"),
        coerce=int,
        validators=[DataRequired(message=_l("Choose at least one frozen paper."))],
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
    )
    show_names = BooleanField(_l("Show full names on the leaderboard (otherwise initials)"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        zone = {"zone": zone_name()}  # times are typed in the site's zone, named on each label
        for field in (self.opens_at, self.closes_at, self.release_at):
            field.label.text = str(field.label.text) % zone

    def utc(self, field) -> datetime:
        return from_site_time(field.data)


def cell_name(section: str, topic: str, difficulty: str) -> str:
    return f"count-{section}-{topic}-{difficulty}"


def blueprint_counts(form_data, pattern: Pattern, topics: dict[str, list[str]]) -> tuple[dict, list[str]]:
    """The blueprint typed into the grid, and what is wrong with it (each problem says which cell)."""
    blueprint, problems = {}, []
    for rule in pattern.ordered_sections():
        cells: dict[str, dict[str, int]] = {}
        for topic in topics.get(rule.subject, []):
            for difficulty in DIFFICULTIES:
                raw = (form_data.get(cell_name(rule.key, topic, difficulty)) or "0").strip()
                if not raw.isdigit() or int(raw) > MAX_COUNT:
                    problems.append(_("%(section)s · %(topic)s · %(difficulty)s: enter a whole number from 0 to "
                                      "%(most)s (got %(got)s).", section=rule.name, topic=topic,
                                      difficulty=_(difficulty), most=MAX_COUNT, got=repr(raw[:20])))  # fmt: skip
                elif int(raw):
                    cells.setdefault(topic, {})[difficulty] = int(raw)
        blueprint[rule.key] = cells
    return blueprint, problems
