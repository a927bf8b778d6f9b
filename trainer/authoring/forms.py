"""The question editor form; it checks what `bank validate` checks, field by field."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from trainer.bank.parsing import LETTERS, QuestionContent
from trainer.bank.rendering import math_problems
from trainer.bank.validation import DIFFICULTIES, STATUSES


def valid_maths(form, field) -> None:
    problems = math_problems(field.data or "")
    if problems:
        raise ValidationError("; ".join(problems))


class QuestionForm(FlaskForm):
    topic = SelectField("Section / topic", validators=[DataRequired()])
    subtopic = StringField("Subtopic (optional)", validators=[Length(max=120)])
    difficulty = SelectField("Difficulty", choices=[SelectChoice(d, d.title()) for d in DIFFICULTIES])
    status = SelectField(
        "Status",
        choices=[SelectChoice(s, s.title()) for s in STATUSES],
        description="Only published questions are drawn into papers.",
    )
    stem = TextAreaField(
        "Question",
        validators=[DataRequired(message="The question needs a stem."), valid_maths],
        description="Markdown; maths between $…$ (inline) or $$…$$ (display).",
    )
    option_a = StringField("Option A", validators=[DataRequired(message="Option A is empty."), valid_maths])
    option_b = StringField("Option B", validators=[DataRequired(message="Option B is empty."), valid_maths])
    option_c = StringField("Option C", validators=[DataRequired(message="Option C is empty."), valid_maths])
    option_d = StringField("Option D", validators=[DataRequired(message="Option D is empty."), valid_maths])
    answer = SelectField("Correct option", choices=list(LETTERS))
    explanation = TextAreaField(
        "Explanation", validators=[DataRequired(message="Every question needs a worked explanation."), valid_maths]
    )
    source = StringField(
        "Source", validators=[DataRequired(message="Say where the question comes from."), Length(max=255)]
    )
    shuffle = BooleanField("Shuffle the options when drawn")

    OPTION_FIELDS = ("option_a", "option_b", "option_c", "option_d")

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        seen: dict[str, str] = {}
        for name in self.OPTION_FIELDS:
            field = getattr(self, name)
            text = " ".join((field.data or "").lower().split())
            if text and text in seen:
                field.errors.append(f"Same text as {seen[text]}.")
                ok = False
            seen.setdefault(text, field.label.text)
        return ok

    def fill_from(self, version, status: str) -> None:
        self.topic.data = f"{version.topic.section}/{version.topic.key}"
        self.subtopic.data, self.difficulty.data, self.status.data = version.subtopic, version.difficulty, status
        self.stem.data, self.explanation.data, self.source.data = version.stem, version.explanation, version.source
        for name, text in zip(self.OPTION_FIELDS, version.options):
            getattr(self, name).data = text
        self.answer.data, self.shuffle.data = LETTERS[version.answer], version.shuffle

    def content(self, language: str = "en") -> QuestionContent:
        section, _, topic = self.topic.data.partition("/")
        return QuestionContent(
            section=section,
            topic=topic,
            difficulty=self.difficulty.data,
            stem=self.stem.data.strip(),
            options=tuple(getattr(self, n).data.strip() for n in self.OPTION_FIELDS),
            answer=LETTERS.index(self.answer.data),
            explanation=self.explanation.data.strip(),
            source=self.source.data.strip(),
            language=language,
            subtopic=(self.subtopic.data or "").strip(),
            shuffle=bool(self.shuffle.data),
        )
