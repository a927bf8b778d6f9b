"""Forms of the web import and export: the upload, and the export's format and filter."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

FORMAT_CHOICES = [
    SelectChoice("", "Tell by the file name (.zip native, .gift/.txt GIFT, .xml Moodle XML, .csv CSV)"),
    SelectChoice("native", "Native bank (a .zip of question_bank/ files)"),
    SelectChoice("gift", "GIFT"),
    SelectChoice("moodle-xml", "Moodle XML"),
    SelectChoice("aiken", "Aiken"),
    SelectChoice("csv", "CSV (our template)"),
]
EXPORT_CHOICES = [
    SelectChoice("native", "Native bank (.zip: keeps Hindi and passage groups)"),
    SelectChoice("gift", "GIFT (.gift)"),
    SelectChoice("moodle-xml", "Moodle XML (.xml)"),
    SelectChoice("csv", "CSV (.csv, with the Hindi columns)"),
]


class UploadForm(FlaskForm):
    file = FileField("File to import", validators=[FileRequired(message="Choose a file to import.")])
    fmt = SelectField("Format", choices=FORMAT_CHOICES, default="")


class ExportForm(FlaskForm):
    class Meta:
        csrf = False  # a download changes nothing: a plain GET form

    fmt = SelectField("Format", choices=EXPORT_CHOICES, default="native")
    topic = SelectField("Topics", default="")
