"""Shared helpers for the figural generator tests: run a generator over many seeds, read its inline SVG
drawings back as geometry, and check every drawing stays inside what the renderer allows."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from fractions import Fraction

from trainer.bank.allowlist import SVG_ATTRIBUTES, SVG_TAGS
from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, Generated, rng_for
from trainer.bank.parsing import LETTERS
from trainer.bank.validation.hindi_figures import text_problems
from trainer.bank.validation.option_labels import label_problems

SEEDS = range(120)
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def items(key: str, seeds=SEEDS):
    """(difficulty, seed, item) for every difficulty and seed."""
    gen = all_generators()[key]
    for difficulty in DIFFICULTIES:
        for seed in seeds:
            yield difficulty, seed, gen.make(rng_for(key, seed, difficulty), difficulty)


def drawings(text: str) -> list[ET.Element]:
    """The SVG drawings in a text, parsed (each must be well-formed XML)."""
    return [ET.fromstring(s) for s in SVG.findall(text)]


def only(text: str) -> ET.Element:
    found = drawings(text)
    assert len(found) == 1 and SVG.fullmatch(text.strip()), text
    return found[0]


def hindi_figure_problems(item: Generated) -> list[str]:
    """What bank validation would refuse in a generated item's figures: a Hindi figure drawn differently from the
    English one or described without Devanagari, and option descriptions (in either language) that give the key
    away."""
    parts = [("stem", item.stem, item.hindi_stem)]
    parts += [(f"option {letter}", *pair) for letter, *pair in zip(LETTERS, item.options, item.hindi_options)]
    parts.append(("explanation", item.explanation, item.hindi_explanation))
    found = [message for where, english, hindi in parts for message in text_problems(where, english, hindi)]
    found += label_problems(item.options, item.answer)
    return found + [f"Hindi: {m}" for m in label_problems(item.hindi_options, item.answer)]


def check_svgs(item, where: str, limit: int = 1000) -> None:
    """Every drawing: allowed tags and attributes only, small, labelled for screen readers; Hindi draws the same
    figures and describes them in Hindi."""
    for text in (item.stem, *item.options, item.hindi_stem, *item.hindi_options):
        for raw in SVG.findall(text):
            # characters, not bytes: a Devanagari letter takes 3 bytes in UTF-8 but is no longer on the page
            assert len(raw) <= limit, f"{where}: drawing of {len(raw)} characters"
            root = ET.fromstring(raw)
            assert root.get("role") == "img" and len(root.get("aria-label", "")) > 5, where
            assert root.get("viewBox") == "0 0 60 60" and 60 <= int(root.get("width")) <= 100, where
            for el in root.iter():
                assert el.tag in SVG_TAGS, f"{where}: <{el.tag}>"
                assert set(el.attrib) <= SVG_ATTRIBUTES, f"{where}: {set(el.attrib) - SVG_ATTRIBUTES}"
    assert hindi_figure_problems(item) == [], where


def point_list(text: str) -> list[tuple[Fraction, Fraction]]:
    pairs = [p.split(",") for p in text.split()]
    return [(Fraction(x), Fraction(y)) for x, y in pairs]


def exactly_one(item, matches, where: str) -> None:
    """Exactly one option satisfies `matches`, and it is the keyed one."""
    hits = [i for i, option in enumerate(item.options) if matches(option)]
    assert hits == [item.answer], f"{where}: matching options {hits}, key {item.answer}"
