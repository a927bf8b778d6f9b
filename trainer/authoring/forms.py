"""The question editor form; it checks what `bank validate` checks, field by field."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from trainer.bank.parsing import LETTERS, QuestionContent
from trainer.bank.rendering import math_problems
from trainer.bank.validation import DIFFICULTIES, numbers
from trainer.bank.validation.option_labels import label_problems
from trainer.bank.validation.sanitising import dropped_message
from trainer.core.forms import Form, Subform
from trainer.core.wording import joined
from trainer.i18n import translated


def valid_maths(form, field) -> None:
    problems = math_problems(field.data or "")
    if problems:
        raise ValidationError(translated(joined(problems)))


# The editor's live preview sends these fields; warnings name them as the form does.
PREVIEW_LABELS = {
    "stem": _l("Question"),
    "option_a": _l("Option A"),
    "option_b": _l("Option B"),
    "option_c": _l("Option C"),
    "option_d": _l("Option D"),
    "explanation": _l("Explanation"),
    "hindi_stem": _l("Question (Hindi, optional)"),
    "hindi_option_a": _l("Option A (Hindi)"),
    "hindi_option_b": _l("Option B (Hindi)"),
    "hindi_option_c": _l("Option C (Hindi)"),
    "hindi_option_d": _l("Option D (Hindi)"),
    "hindi_explanation": _l("Explanation (Hindi)"),
    "passage": _l("Shared text"),
    "hindi_passage": _l("Shared text (Hindi, optional)"),
}
DIFFICULTY_LABELS = {"easy": _l("Easy"), "medium": _l("Medium"), "hard": _l("Hard")}
MEMBER_FIELD = re.compile(r"^members-(\d{1,2})-(\w+)$")


def preview_label(key: str) -> str:
    """How the editors name a previewed field in a warning (a group's questions by their number)."""
    member = MEMBER_FIELD.match(key)
    if member and member.group(2) in PREVIEW_LABELS:
        return in_member(int(member.group(1)) + 1, str(PREVIEW_LABELS[member.group(2)]))
    return str(PREVIEW_LABELS.get(key, key))


def in_member(number: int, text: str) -> str:
    """A field or a warning of a group's question, named by the question's number."""
    return _("Question %(number)s, %(text)s", number=number, text=text)


class QuestionText(Subform):
    """A question's own text and key, in English and optional Hindi: the single-question editor has it, and so
    does each question of a passage group. Its checks are the ones `bank validate` makes."""

    difficulty = SelectField(
        _l("Difficulty"), choices=[SelectChoice(d, DIFFICULTY_LABELS.get(d, d)) for d in DIFFICULTIES]
    )
    stem = TextAreaField(
        _l("Question"),
        validators=[DataRequired(message=_l("The question needs a stem.")), valid_maths],
        description=_l("Markdown; maths between $…$ (inline) or $$…$$ (display)."),
    )
    option_a = StringField(_l("Option A"), validators=[DataRequired(message=_l("Option A is empty.")), valid_maths])
    option_b = StringField(_l("Option B"), validators=[DataRequired(message=_l("Option B is empty.")), valid_maths])
    option_c = StringField(_l("Option C"), validators=[DataRequired(message=_l("Option C is empty.")), valid_maths])
    option_d = StringField(_l("Option D"), validators=[DataRequired(message=_l("Option D is empty.")), valid_maths])
    answer = SelectField(_l("Correct option"), choices=list(LETTERS))
    explanation = TextAreaField(
        _l("Explanation"),
        validators=[DataRequired(message=_l("Every question needs a worked explanation.")), valid_maths],
    )
    hindi_stem = TextAreaField(_l("Question (Hindi, optional)"), validators=[valid_maths])
    hindi_option_a = StringField(_l("Option A (Hindi)"), validators=[valid_maths])
    hindi_option_b = StringField(_l("Option B (Hindi)"), validators=[valid_maths])
    hindi_option_c = StringField(_l("Option C (Hindi)"), validators=[valid_maths])
    hindi_option_d = StringField(_l("Option D (Hindi)"), validators=[valid_maths])
    hindi_explanation = TextAreaField(_l("Explanation (Hindi)"), validators=[valid_maths])

    OPTION_FIELDS = ("option_a", "option_b", "option_c", "option_d")
    HINDI_FIELDS = (
        "hindi_stem",
        "hindi_option_a",
        "hindi_option_b",
        "hindi_option_c",
        "hindi_option_d",
        "hindi_explanation",
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        seen: dict[str, str] = {}
        for name in self.OPTION_FIELDS:
            field = getattr(self, name)
            text = " ".join((field.data or "").lower().split())
            if text and text in seen:
                field.errors.append(_l("Same text as %(option)s.", option=seen[text]))
                ok = False
            seen.setdefault(text, field.label.text)
        for problem in label_problems([getattr(self, n).data or "" for n in self.OPTION_FIELDS], self._key()):
            self.option_a.errors.append(translated(problem))
            ok = False
        return self._validate_hindi() and ok

    def _key(self) -> int | None:
        answer = self.answer.data or ""
        return LETTERS.index(answer) if len(answer) == 1 and answer in LETTERS else None

    def _validate_hindi(self) -> bool:
        """Hindi is optional, but when given it is complete and has the same numbers as the English."""
        given = [getattr(self, name) for name in self.HINDI_FIELDS]
        if not any((f.data or "").strip() for f in given):
            return True
        ok = True
        for field in given:
            if not (field.data or "").strip():
                field.errors.append(_l("Fill in every Hindi field, or none."))
                ok = False
        pairs = [("stem", "hindi_stem"), *((n, f"hindi_{n}") for n in self.OPTION_FIELDS)]
        for english, hindi in pairs:
            en, hi = numbers(getattr(self, english).data or ""), numbers(getattr(self, hindi).data or "")
            if ok and en != hi:
                getattr(self, hindi).errors.append(
                    _l("Numbers differ from the English: %(hindi)s here, %(english)s there.", hindi=hi, english=en)
                )
                ok = False
        return ok

    def dropped_text(self) -> list[str]:
        """A warning for each text field that loses words when sanitised (empty when candidates see every word)."""
        names = ("stem", *self.OPTION_FIELDS, "explanation", *self.HINDI_FIELDS)
        found = (dropped_message(getattr(self, n).label.text, getattr(self, n).data or "") for n in names)
        return [translated(message) for message in found if message]

    def fill_text(self, version) -> None:
        self.difficulty.data = version.difficulty
        self.stem.data, self.explanation.data = version.stem, version.explanation
        for name, text in zip(self.OPTION_FIELDS, version.options):
            getattr(self, name).data = text
        self.answer.data = LETTERS[version.answer]
        if version.hindi:
            self.hindi_stem.data, self.hindi_explanation.data = version.hindi["stem"], version.hindi["explanation"]
            for name, text in zip(self.OPTION_FIELDS, version.hindi["options"]):
                getattr(self, f"hindi_{name}").data = text

    def hindi(self) -> tuple | None:
        if not (self.hindi_stem.data or "").strip():
            return None
        options = tuple(getattr(self, f"hindi_{n}").data.strip() for n in self.OPTION_FIELDS)
        return (self.hindi_stem.data.strip(), options, self.hindi_explanation.data.strip())


class QuestionForm(Form, QuestionText):
    topic = SelectField(_l("Section / topic"), validators=[DataRequired()])
    subtopic = StringField(_l("Subtopic (optional)"), validators=[Length(max=120)])
    source = StringField(
        _l("Source"), validators=[DataRequired(message=_l("Say where the question comes from.")), Length(max=255)]
    )
    shuffle = BooleanField(_l("Shuffle the options when drawn"))
    change_note = StringField(
        _l("Change note"),
        validators=[Length(max=500)],
        description=_l("What changed and why; shown in the question's history."),
    )
    save_anyway = BooleanField(_l("Save anyway: it is not a duplicate of the questions shown"))

    def fill_from(self, version) -> None:
        self.topic.data = f"{version.topic.section}/{version.topic.key}"
        self.subtopic.data, self.source.data, self.shuffle.data = version.subtopic, version.source, version.shuffle
        self.fill_text(version)

    def content(self, current=None) -> QuestionContent:
        """The edited content; what the editor does not show (language, group, as_of) stays as it was.

        A new question (no `current`) is in English, in no group, with no as-of date."""
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
            language=current.language if current else "en",
            subtopic=(self.subtopic.data or "").strip(),
            shuffle=bool(self.shuffle.data),
            hindi=self.hindi(),
            group=current.group_version.group.uid if current and current.group_version else "",
            as_of=current.as_of.isoformat() if current and current.as_of else "",
        )
