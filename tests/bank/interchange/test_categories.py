"""Categories to topics: `section/topic` maps itself, --map places the rest, and nothing is guessed."""

import pytest

from trainer.bank.interchange.categories import parse_mapping, resolve
from trainer.bank.interchange.items import InterchangeError, Item
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.config import PROJECT_ROOT

TAXONOMY = load_taxonomy(find_taxonomy(PROJECT_ROOT / "question_bank"))


def placed(category: str, mapping: dict | None = None) -> tuple[str, str]:
    item = Item("f.gift", 7, "Q", ["a", "b"], 0, category=category)
    resolve(item, mapping or {}, TAXONOMY)
    return item.section, item.topic


@pytest.mark.parametrize(
    "category",
    ["quant/percentage", "$course$/top/quant/percentage", "$course$/Maths/quant/percentage/", " quant / percentage "],
)
def test_a_category_ending_in_one_of_our_topics_maps_itself(category):
    assert placed(category) == ("quant", "percentage")


def test_a_map_places_another_category_and_star_places_items_without_one():
    mapping = parse_mapping(["$course$/Default for X/Maths=quant/hcf-lcm", "*=reasoning/series"])
    assert placed("$course$/Default for X/Maths", mapping) == ("quant", "hcf-lcm")
    assert placed("", mapping) == ("reasoning", "series")


@pytest.mark.parametrize(
    ("category", "mapping", "message"),
    [
        ("Algebra", {}, "category 'Algebra' is not one of our topics: map it with --map 'Algebra=SECTION/TOPIC'"),
        ("", {}, "no category: give one in the file or map all with --map '*=SECTION/TOPIC'"),
        ("Algebra", {"Algebra": "quant/nope"}, "--map for 'Algebra' names unknown topic 'quant/nope'"),
    ],
)
def test_what_cannot_be_placed_is_an_error_at_the_item_line(category, mapping, message):
    with pytest.raises(InterchangeError) as caught:
        placed(category, mapping)
    assert (caught.value.line, caught.value.message) == (7, message)


def test_a_malformed_map_is_refused():
    with pytest.raises(ValueError, match="write CATEGORY=SECTION/TOPIC"):
        parse_mapping(["Algebra:quant/percentage"])
