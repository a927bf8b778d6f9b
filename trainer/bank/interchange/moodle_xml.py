"""Moodle XML: read `<question type="multichoice">` with `<single>true</single>`, report every other type; write it.

Grammar followed (docs.moodle.org/en/Moodle_XML_format): `<quiz>` holds `<question>`s; `type="category"` sets the
category of those after it; `<name>`, `<questiontext format="html|markdown|moodle_auto_format|plain_text">` with a
`<text>` (often CDATA) and `<file name=".." encoding="base64">` images referenced as `@@PLUGINFILE@@/name`;
`<answer fraction="100">` with `<text>` and `<feedback>`; `<generalfeedback>`. Parsed with defusedxml, so DTD
entities (billion laughs) and external entities are refused, not expanded.
"""

from __future__ import annotations

import mimetypes
import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from trainer.bank.interchange.items import (
    InterchangeError,
    Item,
    Parsed,
    Unsupported,
    apply_tags,
    check_count,
    decode,
    meta_tags,
)
from trainer.core.wording import N_

LINE = "{aso}line"  # where the element opens, kept on the element by the tree builder
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _LineBuilder(ET.TreeBuilder):
    """A tree builder that notes the line each element starts on."""

    parser: DefusedXMLParser | None = None

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        element.set(LINE, str(self.parser.parser.CurrentLineNumber if self.parser else 0))
        return element


def read_tree(text: str, path: str) -> ET.Element:
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(text)
        return parser.close()
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        reason = str(exc).rsplit(": line ", 1)[0]
        raise InterchangeError(path, line, N_("not well-formed XML: %(reason)s", reason=reason)) from None
    except DefusedXmlException as exc:
        raise InterchangeError(
            path, 0, N_("refused: %(error)s (DTDs and entities are not accepted)", error=type(exc).__name__)
        ) from None


def line_of(element: ET.Element) -> int:
    return int(element.get(LINE, "0"))


def text_of(element: ET.Element | None, notes: list[str] | None = None) -> str:
    """The `<text>` of a Moodle text element, its `<file>` images inlined as data: URLs (others noted)."""
    if element is None:
        return ""
    text = element.findtext("text") or ""
    for file in element.findall("file"):
        name = file.get("name", "")
        mime = mimetypes.guess_type(name)[0] or ""
        if file.get("encoding") == "base64" and mime.startswith("image/") and mime != "image/svg+xml":
            data = "".join((file.text or "").split())
            text = text.replace(f"@@PLUGINFILE@@/{name}", f"data:{mime};base64,{data}")
        elif notes is not None:
            notes.append(N_("file %(name)r (%(kind)s) was not kept", name=name, kind=mime or N_("unknown type")))
    return text.strip()


def to_item(question: ET.Element, path: str, category: str) -> Item | Unsupported:
    line = line_of(question)
    if (question.findtext("single") or "true").strip().lower() not in ("true", "1"):
        return Unsupported(path, line, N_("multichoice with several right answers (<single>false</single>)"))
    answers = question.findall("answer")
    try:
        fractions = [float(a.get("fraction", "0")) for a in answers]
    except ValueError:
        raise InterchangeError(path, line, N_("an <answer> fraction is not a number")) from None
    keys = [i for i, f in enumerate(fractions) if f >= 100]
    if len(keys) != 1 or any(0 < f < 100 for f in fractions):
        return Unsupported(path, line, N_("multiple-answer (fractions other than one 100% key)"))
    notes: list[str] = []
    key = answers[keys[0]]
    explanation = text_of(key.find("feedback"), notes) or text_of(question.find("generalfeedback"), notes)
    idnumber = (question.findtext("idnumber") or "").strip()
    item = Item(
        path, line, text_of(question.find("questiontext"), notes), [text_of(a, notes) for a in answers],
        keys[0], explanation, uid=idnumber if ID.match(idnumber) else "",
        title=(question.findtext("name/text") or "").strip(), category=category, notes=notes,
    )  # fmt: skip
    item.stem += old_image(question, notes)
    apply_tags(item, [(tag.text or "") for tag in question.findall("tags/tag/text")])
    return item


def old_image(question: ET.Element, notes: list[str]) -> str:
    """Moodle 1.9's `<image>` + `<image_base64>` beside the question text, as an inline image (or a note)."""
    name, data = question.findtext("image") or "", "".join((question.findtext("image_base64") or "").split())
    if not data:
        if name.strip():
            notes.append(N_("image %(name)r is not in the file (no <image_base64>): not kept", name=name.strip()))
        return ""
    mime = mimetypes.guess_type(name.strip())[0] or ""
    if mime.startswith("image/") and mime != "image/svg+xml":
        return f'\n\n<img src="data:{mime};base64,{data}" alt="">'
    notes.append(N_("image %(name)r (%(kind)s) was not kept", name=name, kind=mime or N_("unknown type")))
    return ""


def parse(data: bytes, path: str) -> Parsed:
    """Every question of a Moodle XML file; unsupported types and bad questions collected with their lines."""
    root = read_tree(decode(data, path), path)
    if root.tag != "quiz":
        raise InterchangeError(
            path, line_of(root), N_("expected <quiz> as the root element, found <%(tag)s>", tag=root.tag)
        )
    parsed, category = Parsed(), ""
    for question in root.iter("question"):
        kind = question.get("type", "")
        if kind == "category":
            category = (question.findtext("category/text") or "").strip()
        elif kind != "multichoice":
            parsed.unsupported.append(Unsupported(path, line_of(question), kind or N_("(no type)")))
        else:
            try:
                item = to_item(question, path, category)
            except InterchangeError as exc:
                parsed.errors.append(exc)
                continue
            target = parsed.items if isinstance(item, Item) else parsed.unsupported
            target.append(item)
    check_count(parsed, path)
    return parsed


def _text(parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "markdown", **attrs})
    ET.SubElement(element, "text").text = text
    return element


def write(items: list[Item]) -> str:
    """A Moodle XML quiz of the items: a category question per topic, then its multichoice questions."""
    quiz, category = ET.Element("quiz"), None
    for item in items:
        if item.category != category:
            category = item.category
            ET.SubElement(
                ET.SubElement(ET.SubElement(quiz, "question", type="category"), "category"), "text"
            ).text = f"$course$/top/{category}"
        question = ET.SubElement(quiz, "question", type="multichoice")
        ET.SubElement(ET.SubElement(question, "name"), "text").text = item.uid
        _text(question, "questiontext", item.stem)
        _text(question, "generalfeedback", item.explanation)
        ET.SubElement(question, "single").text = "true"
        ET.SubElement(question, "shuffleanswers").text = "true"
        ET.SubElement(question, "answernumbering").text = "ABCD"
        for index, option in enumerate(item.options):
            _text(question, "answer", option, fraction="100" if index == item.answer else "0")
        ET.SubElement(question, "idnumber").text = item.uid
        tags = ET.SubElement(question, "tags")
        for tag in meta_tags(item):
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
