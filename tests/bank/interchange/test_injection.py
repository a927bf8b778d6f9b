"""The injection corpus inside GIFT, Moodle XML and CSV files: read back exactly as written, and rendered inert."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from trainer.bank.interchange import csvfile, gift, moodle_xml
from trainer.bank.interchange.items import Item
from trainer.bank.rendering import render

CORPUS = yaml.safe_load((Path(__file__).parents[2] / "data" / "injection_corpus.yaml").read_text(encoding="utf-8"))
FORMATS = {"gift": gift, "moodle-xml": moodle_xml, "csv": csvfile}


class _Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_payload_reads_back_exactly_and_renders_without_script(fmt):
    module = FORMATS[fmt]
    items = [
        Item("", 0, f"Question {n}: {entry['payload']}", ["a", entry["payload"], "c", "d"], 0, entry["payload"],
             uid=f"x-{n}", category="quant/percentage", section="quant", topic="percentage")
        for n, entry in enumerate(CORPUS)
    ]  # fmt: skip
    back = module.parse(module.write(items).encode(), f"corpus.{fmt}")
    assert back.errors == [] and back.unsupported == []
    assert [(i.stem, i.options, i.explanation) for i in back.items] == [
        (i.stem, i.options, i.explanation) for i in items
    ]
    for item in back.items:
        for text in (item.stem, item.options[1], item.explanation):
            for tag, attrs in _Tags(render(text)).found:
                assert tag not in ("script", "iframe", "object", "embed", "base", "link", "meta", "form"), (text, tag)
                assert not any(name.startswith("on") for name in attrs), (text, attrs)
                assert not any("javascript:" in value.lower() for value in attrs.values()), (text, attrs)
