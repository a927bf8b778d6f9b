"""Shared helpers for the figural generator tests: run a generator over many seeds, read its inline SVG
drawings back as geometry, and check every drawing stays inside what the renderer allows."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from fractions import Fraction

from trainer.bank.allowlist import SVG_ATTRIBUTES, SVG_TAGS
from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for

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


def check_svgs(item, where: str, limit: int = 1000) -> None:
    """Every drawing: allowed tags and attributes only, small, labelled for screen readers; Hindi reuses them."""
    for text in (item.stem, *item.options):
        for raw in SVG.findall(text):
            assert len(raw.encode()) <= limit, f"{where}: drawing of {len(raw.encode())} bytes"
            root = ET.fromstring(raw)
            assert root.get("role") == "img" and len(root.get("aria-label", "")) > 5, where
            assert root.get("viewBox") == "0 0 60 60" and 60 <= int(root.get("width")) <= 100, where
            for el in root.iter():
                assert el.tag in SVG_TAGS, f"{where}: <{el.tag}>"
                assert set(el.attrib) <= SVG_ATTRIBUTES, f"{where}: {set(el.attrib) - SVG_ATTRIBUTES}"
    assert SVG.findall(item.stem) == SVG.findall(item.hindi_stem), where
    assert item.options == item.hindi_options, where


def point_list(text: str) -> list[tuple[Fraction, Fraction]]:
    pairs = [p.split(",") for p in text.split()]
    return [(Fraction(x), Fraction(y)) for x, y in pairs]


def exactly_one(item, matches, where: str) -> None:
    """Exactly one option satisfies `matches`, and it is the keyed one."""
    hits = [i for i, option in enumerate(item.options) if matches(option)]
    assert hits == [item.answer], f"{where}: matching options {hits}, key {item.answer}"
