"""Map a format's category (GIFT `$CATEGORY:`, Moodle `<category>`) to one of our section/topic pairs."""

from __future__ import annotations

from trainer.bank.interchange.items import InterchangeError, Item
from trainer.bank.taxonomy import SectionDef
from trainer.core.wording import N_

DEFAULT = "*"  # `--map '*=section/topic'`: where items without a category go (Aiken has none)
MOODLE_ROOTS = ("$course$", "$system$", "$module$", "$coursecategory$", "top")


def parse_mapping(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`CATEGORY=SECTION/TOPIC` strings as a dict; ValueError naming a malformed one."""
    mapping = {}
    for pair in pairs:
        category, equals, target = pair.rpartition("=")
        if not equals or target.count("/") != 1:
            raise ValueError(f"--map {pair!r}: write CATEGORY=SECTION/TOPIC (or *=SECTION/TOPIC for no category)")
        mapping[normalise(category)] = target.strip()
    return mapping


def normalise(category: str) -> str:
    """A category path without Moodle's context prefix and stray slashes or spaces: `$course$/top/a/b` -> `a/b`."""
    parts = [p.strip() for p in category.strip().split("/") if p.strip()]
    while parts and parts[0].lower() in MOODLE_ROOTS:
        parts.pop(0)
    return "/".join(parts)


def resolve(item: Item, mapping: dict[str, str], taxonomy: dict[str, SectionDef]) -> None:
    """Set the item's section and topic from its category; InterchangeError for a category we cannot place."""
    if item.section and item.topic:  # the format names them itself (CSV)
        return
    category = normalise(item.category)
    target = mapping.get(category or DEFAULT)
    if target is None and category:
        target = "/".join(category.split("/")[-2:])
    section, _, topic = (target or "").partition("/")
    if section in taxonomy and topic in taxonomy[section].topics:
        item.section, item.topic = section, topic
        return
    if target and category in mapping:
        raise InterchangeError(
            item.path,
            item.line,
            N_("--map for %(category)r names unknown topic %(target)r", category=item.category, target=target),
        )
    if not category:
        raise InterchangeError(
            item.path, item.line, N_("no category: give one in the file or map all with --map '*=SECTION/TOPIC'")
        )
    raise InterchangeError(
        item.path,
        item.line,
        N_(
            "category %(category)r is not one of our topics: map it with --map '%(normalised)s=SECTION/TOPIC'",
            category=item.category,
            normalised=category,
        ),
    )


def unplaced(items: list[Item], mapping: dict[str, str], taxonomy: dict[str, SectionDef]) -> list[str]:
    """The categories (normalised; DEFAULT for items without one) that neither name one of our topics nor are
    mapped to one: what a web import asks the instructor to map, in the order they first appear."""
    found: dict[str, None] = {}
    for item in items:
        if item.section and item.topic:
            continue
        category = normalise(item.category)
        target = mapping.get(category or DEFAULT) or ("/".join(category.split("/")[-2:]) if category else "")
        section, _, topic = target.partition("/")
        if not (section in taxonomy and topic in taxonomy[section].topics):
            found.setdefault(category or DEFAULT)
    return list(found)
