"""Forms of the institute pages (CSRF-protected); the blueprint's counts are read by `blueprint_counts`."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from trainer.exam.patterns import Pattern
from trainer.institute.building import DIFFICULTIES
from trainer.institute.papers import MAX_COUNT

TIME_FORMAT = "%Y-%m-%dT%H:%M"


class ActionForm(FlaskForm):
    """Only the CSRF token: freeze, release, draw a parallel paper, start."""


class NewPaperForm(FlaskForm):
    name = StringField("Paper name", validators=[DataRequired(message="Give the paper a name."), Length(max=120)])
    pattern = SelectField("Pattern")


class SwapForm(FlaskForm):
    position = IntegerField("Question", validators=[InputRequired(), NumberRange(min=0, max=10_000)])


class OfferForm(FlaskForm):
    offered = BooleanField("Offer as a mock to every candidate")


class ScheduleForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(message="Give the live mock a title."), Length(max=120)])
    opens_at = DateTimeLocalField("Window opens (UTC)", format=TIME_FORMAT,
                                  validators=[InputRequired(message="Enter when the window opens.")])  # fmt: skip
    closes_at = DateTimeLocalField("Window closes (UTC)", format=TIME_FORMAT,
                                   validators=[InputRequired(message="Enter when the window closes.")])  # fmt: skip
    release_at = DateTimeLocalField("Results released (UTC)", format=TIME_FORMAT,
                                    validators=[InputRequired(message="Enter when results are released.")])  # fmt: skip
    papers = SelectMultipleField(
        "Frozen papers (one shift each)",
        coerce=int,
        validators=[DataRequired(message="Choose at least one frozen paper.")],
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
    )
    show_names = BooleanField("Show full names on the leaderboard (otherwise initials)")

    def utc(self, field) -> datetime:
        return field.data.replace(tzinfo=UTC)


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
                    problems.append(f"{rule.name} · {topic} · {difficulty}: enter a whole number from 0 to "
                                    f"{MAX_COUNT} (got {raw[:20]!r}).")  # fmt: skip
                elif int(raw):
                    cells.setdefault(topic, {})[difficulty] = int(raw)
        blueprint[rule.key] = cells
    return blueprint, problems
