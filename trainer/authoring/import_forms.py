"""Forms of the web import and export: the upload, and the export's format and filter."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from trainer.core.forms import Form

FORMAT_CHOICES = [
    SelectChoice("", _l("Tell by the file name (.zip native, .gift/.txt GIFT, .xml Moodle XML, .csv CSV)")),
    SelectChoice("native", _l("Native bank (a .zip of question_bank/ files)")),
    SelectChoice("gift", "GIFT"),
    SelectChoice("moodle-xml", "Moodle XML"),
    SelectChoice("aiken", "Aiken"),
    SelectChoice("csv", _l("CSV (our template)")),
]
EXPORT_CHOICES = [
    SelectChoice("native", _l("Native bank (.zip: keeps Hindi and passage groups)")),
    SelectChoice("gift", "GIFT (.gift)"),
    SelectChoice("moodle-xml", "Moodle XML (.xml)"),
    SelectChoice("csv", _l("CSV (.csv, with the Hindi columns)")),
]


class UploadForm(Form):
    file = FileField(_l("File to import"), validators=[FileRequired(message=_l("Choose a file to import."))])
    fmt = SelectField(_l("Format"), choices=FORMAT_CHOICES, default="")


class ExportForm(Form):
    class Meta:
        csrf = False  # a download changes nothing: a plain GET form

    fmt = SelectField(_l("Format"), choices=EXPORT_CHOICES, default="native")
    topic = SelectField(_l("Topics"), default="")
