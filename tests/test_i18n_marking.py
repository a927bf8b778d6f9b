"""Every word a translated page shows is marked for translation: an unmarked English sentence in one of these
templates would stay English for a Hindi reader, so this test names it (file and line)."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser

import pytest

from trainer.config import PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "templates"
# The templates whose every visible string is translated (the rest of the site follows, page by page).
TRANSLATED = [
    "base.html",
    "error.html",
    "main/*.html",
    "auth/*.html",
    "mydata/*.html",
    "exam/_legend.html",
    "exam/show_instructions.html",
    "exam/take_attempt.html",
    "exam/list_tests.html",
    "exam/show_result.html",
    "results/_report.html",
    "progress/*.html",
    "skills/*.html",
    "reports/_report_form.html",
    "reports/_regrade_notices.html",
    "reports/list_reports.html",
    "reports/new_report.html",
    "reports/show_report.html",
    "batches/*.html",
    "institute/*.html",
    "authoring/*.html",
    "itemstats/*.html",
    "admin/*.html",
    "audit/*.html",
    "results/_cutoff_fields.html",
    "results/edit_cutoff.html",
    "results/list_cutoffs.html",
    "reports/_question_reports.html",
    "reports/list_queue.html",
    "reports/resolve_reports.html",
]
# Text that is the same in both languages: the product's name, the exam's names and abbreviations, symbols.
SAME_IN_HINDI = re.compile(
    r"^(ASO Trainer|SSC|CGL|SSC CGL|Tier-I{1,2}|DEST|CSV|KDPH|WPM|JSON|PDF|[A-D]|English|हिन्दी)$"
)
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "value"}

# A block naming CSS classes (body_class, main_class) holds class names, not words; it goes first, whole.
TAG_NAME = re.compile(r"(</?){{.*?}}")
JINJA = re.compile(r"{%\s*block \w+_class\s*%}.*?{%\s*endblock\s*%}|{#.*?#}|{%.*?%}|{{.*?}}", re.S)
WORDS = re.compile(r"[A-Za-z]{2,}")


class _Visible(HTMLParser):
    """Collects (line, text) of what a reader sees: text between tags and the attributes shown to people."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        for name, value in attrs:
            shown = name in VISIBLE_ATTRIBUTES and not (tag in {"input", "option"} and name == "value")
            if shown and value:
                self.found.append((self.getpos()[0], value))

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.found.append((self.getpos()[0], data))


def unmarked(source: str) -> list[tuple[int, str]]:
    """Visible English left in a template once every Jinja tag, expression and comment is taken out."""
    source = TAG_NAME.sub(r"\1x", source)  # a tag whose name is an expression: <{{ level }} ...>
    blanked = JINJA.sub(lambda m: "\n" * m.group(0).count("\n") + " \x00 ", source)  # keep line numbers
    parser = _Visible()
    parser.feed(blanked)
    left = []
    for line, text in parser.found:
        for piece in text.split("\x00"):
            piece = " ".join(piece.split()).strip(" .,:;!?()–—-·|/×%")
            if piece and WORDS.search(piece) and not SAME_IN_HINDI.match(piece):
                left.append((line, piece))
    return left


def translated_templates():
    return sorted({path for pattern in TRANSLATED for path in TEMPLATES.glob(pattern)})


def test_the_checker_finds_unmarked_words_and_passes_marked_ones():
    source = '<p>{{ _("Marked") }}</p>\n<p title="Hover text">Plain words</p>{# a comment #}<b>{{ x }}</b> ·'
    assert unmarked(source) == [(2, "Hover text"), (2, "Plain words")]
    classes = '{% block body_class %}exam{% endblock %}<select><option value="en">{{ _("E") }}</option></select>'
    assert unmarked(classes + "<p>Left</p>") == [(1, "Left")]


@pytest.mark.parametrize("path", translated_templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_every_visible_string_of_a_translated_template_is_marked(path):
    left = unmarked(path.read_text())
    assert not left, "\n".join(f"{path.relative_to(PROJECT_ROOT)}:{line}: {text!r}" for line, text in left)


# Python modules whose user-facing strings are all translated: flash messages, form labels, descriptions and
# validator messages, and messages of errors raised for people to read.
TRANSLATED_MODULES = [
    "trainer/auth/views.py",
    "trainer/auth/forms.py",
    "trainer/mydata/*.py",
    "trainer/main/*.py",
    "trainer/exam/attempt_views.py",
    "trainer/exam/views.py",
    "trainer/progress/views.py",
    "trainer/progress/review_views.py",
    "trainer/progress/forms.py",
    "trainer/skills/views.py",
    "trainer/institute/audience.py",
    "trainer/institute/building.py",
    "trainer/institute/forms.py",
    "trainer/institute/livemocks.py",
    "trainer/institute/papers.py",
    "trainer/institute/releasing.py",
    "trainer/institute/views.py",
    "trainer/batches/*.py",
    "trainer/authoring/*.py",
    "trainer/itemstats/service.py",
    "trainer/itemstats/analysis.py",
    "trainer/reports/views.py",
    "trainer/reports/forms.py",
    "trainer/reports/service.py",
    "trainer/results/views.py",
    "trainer/results/forms.py",
    "trainer/results/cutoffs.py",
    "trainer/results/cutoff_data.py",
    "trainer/audit/views.py",
    "trainer/auth/admin.py",
    "trainer/auth/reset.py",
    "trainer/auth/mail.py",
    "trainer/bank/rendering.py",
    "trainer/bank/yamlread.py",
    "trainer/bank/files.py",
]
SHOWN_KEYWORDS = {"message", "description", "label"}


def _plain(node) -> bool:
    """A literal string (or f-string) passed as it is, not through _(), _l() or N_()."""
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _name(call: ast.Call) -> str:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", "")


def unmarked_python(source: str) -> list[tuple[int, str]]:
    left = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        shown = []
        if name == "flash" or name.endswith("Error") or name.endswith("Field"):
            shown += node.args[:1]
        if name == "send_mail":  # (config, to, subject, body): an e-mail's words
            shown += node.args[2:]
        shown += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        left += [(arg.lineno, ast.unparse(arg)) for arg in shown if _plain(arg)]
    return left


def test_the_python_checker_finds_plain_messages_and_passes_marked_ones():
    source = (
        'flash(_("Marked"))\nflash("Plain")\nStringField(_l("Name"), description=f"x {y}")\n'
        'raise DomainError(N_("ok"))\nsend_mail(config, to, "Subject", _("Body"))'
    )
    assert unmarked_python(source) == [(2, "'Plain'"), (3, "f'x {y}'"), (5, "'Subject'")]


@pytest.mark.parametrize(
    "path",
    sorted({p for pattern in TRANSLATED_MODULES for p in PROJECT_ROOT.glob(pattern)}),
    ids=lambda p: str(p.relative_to(PROJECT_ROOT)),
)
def test_every_message_of_a_translated_module_is_marked(path):
    left = unmarked_python(path.read_text())
    assert not left, "\n".join(f"{path.relative_to(PROJECT_ROOT)}:{line}: {text}" for line, text in left)


# WTForms' own messages (required, too long, not a number) are translated by our base forms' meta; a form built on
# Flask-WTF's or WTForms' own base would show them in English to a Hindi reader.
FORM_BASES = {("flask_wtf", "FlaskForm"), ("wtforms", "Form"), ("wtforms", "BaseForm"), ("wtforms.form", "Form")}


def untranslated_form_bases(source: str) -> list[tuple[int, str]]:
    """(line, name) of each import of a form base other than trainer.core.forms'."""
    return [
        (node.lineno, f"{node.module}.{alias.name}")
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if (node.module, alias.name) in FORM_BASES
    ]


def test_the_form_checker_finds_the_untranslated_bases():
    source = (
        "from flask_wtf import FlaskForm\nfrom wtforms import Form, StringField\nfrom trainer.core.forms import Form"
    )
    assert untranslated_form_bases(source) == [(1, "flask_wtf.FlaskForm"), (2, "wtforms.Form")]


def test_every_form_is_built_on_the_translated_base():
    modules = [
        p for p in sorted((PROJECT_ROOT / "trainer").rglob("*.py")) if p != PROJECT_ROOT / "trainer/core/forms.py"
    ]
    left = [
        f"{p.relative_to(PROJECT_ROOT)}:{line}: {name}"
        for p in modules
        for line, name in untranslated_form_bases(p.read_text())
    ]
    assert not left, "\n".join(left)
