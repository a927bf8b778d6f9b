"""The passage-group editor: the shared text (passage, cloze text or data set) and its questions, each checked as
the single-question editor checks a question."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from trainer.authoring.forms import QuestionText, in_member, valid_maths
from trainer.bank.parsing import LETTERS, GroupContent, QuestionContent
from trainer.bank.validation.sanitising import dropped_message
from trainer.core.forms import Form
from trainer.i18n import translated

MAX_MEMBERS = 10


def _text(value: str | None) -> str:
    """A field's text as the bank files hold it: trimmed, with the browser's CRLF line ends as LF."""
    return (value or "").replace("\r\n", "\n").strip()


def _hindi(hindi: tuple | None) -> tuple | None:
    return (_text(hindi[0]), tuple(_text(o) for o in hindi[1]), _text(hindi[2])) if hindi else None


class GroupForm(Form):
    topic = SelectField(_l("Section / topic"), validators=[DataRequired()])
    source = StringField(
        _l("Source"), validators=[DataRequired(message=_l("Say where the text comes from.")), Length(max=255)]
    )
    passage = TextAreaField(
        _l("Shared text"),
        validators=[DataRequired(message=_l("The group needs its shared text.")), valid_maths],
        description=_l("The passage, cloze text (number the blanks) or data table the questions refer to; Markdown."),
    )
    hindi_passage = TextAreaField(_l("Shared text (Hindi, optional)"), validators=[valid_maths])
    members = FieldList(FormField(QuestionText), min_entries=2, max_entries=MAX_MEMBERS)
    change_note = StringField(
        _l("Change note"),
        validators=[Length(max=500)],
        description=_l("What changed and why; shown in the group's history."),
    )

    def validate(self, extra_validators=None) -> bool:
        """Every question checked; the Hindi text is all there or not at all (a candidate switching language
        must not meet a passage in one language and its questions in another)."""
        ok = super().validate(extra_validators)
        with_hindi = [bool(m.form.hindi()) for m in self.members]
        if (self.hindi_passage.data or "").strip() and not all(with_hindi):
            self.hindi_passage.errors.append(_l("Give every question its Hindi text too, or leave this empty."))
            ok = False
        elif any(with_hindi) and not (self.hindi_passage.data or "").strip():
            self.hindi_passage.errors.append(_l("The questions have Hindi text: give the shared text in Hindi too."))
            ok = False
        return ok

    def fill_from(self, version, member_versions) -> None:
        self.topic.data = f"{version.topic.section}/{version.topic.key}"
        self.source.data, self.passage.data, self.hindi_passage.data = (
            version.source,
            version.passage,
            version.hindi_passage,
        )
        while len(self.members) < len(member_versions):
            self.members.append_entry()
        for entry, member in zip(self.members, member_versions):
            entry.form.fill_text(member)

    def group_content(self) -> GroupContent:
        section, _, topic = self.topic.data.partition("/")
        return GroupContent(
            section, topic, _text(self.passage.data), _text(self.source.data), _text(self.hindi_passage.data)
        )

    def member_contents(self, group_uid: str) -> list[QuestionContent]:
        section, _, topic = self.topic.data.partition("/")
        return [
            QuestionContent(
                section=section,
                topic=topic,
                difficulty=m.form.difficulty.data,
                stem=m.form.stem.data.strip(),
                options=tuple(getattr(m.form, n).data.strip() for n in QuestionText.OPTION_FIELDS),
                answer=LETTERS.index(m.form.answer.data),
                explanation=m.form.explanation.data.strip(),
                source=self.source.data.strip(),
                hindi=m.form.hindi(),
                group=group_uid,
            )  # fmt: skip
            for m in self.members
        ]

    def dropped_text(self) -> list[str]:
        """Warnings for text candidates would not see, the questions' fields named by their number."""
        found = [dropped_message(f.label.text, f.data or "") for f in (self.passage, self.hindi_passage)]
        said = [translated(message) for message in found if message]
        for n, entry in enumerate(self.members, start=1):
            said += [in_member(n, message) for message in entry.form.dropped_text()]
        return said
