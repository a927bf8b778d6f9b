"""The taxonomy loader: the bundled file loads whole; every malformed entry is refused at its file:line."""

import pytest

from tests.factories import write_bank
from trainer.bank.models import Topic
from trainer.bank.taxonomy import TaxonomyError, TopicDef, find_taxonomy, load_taxonomy, parse_taxonomy
from trainer.bank.validation import check_bank
from trainer.config import PROJECT_ROOT

BUNDLED = PROJECT_ROOT / "question_bank" / "taxonomy.yaml"

# Line 1 `sections:`, 2 the section, 3 its name, 4 papers, 5 `topics:`, 6 and 7 the topics.
SMALL = """sections:
  quant:
    name: Quantitative Aptitude
    papers: [tier1, tier2]
    topics:
      percentage: {name: Percentage, weights: {tier1: 1-2, tier2: 3}, source: "[E]"}
      profit-loss: {name: "Profit, loss & discount", weights: {tier1: 2}}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(text, "taxonomy.yaml")
    assert all(p.path == "taxonomy.yaml" and p.line >= 1 for p in caught.value.problems)
    return [str(p) for p in caught.value.problems]


def test_the_bundled_taxonomy_loads_with_every_name_whole():
    taxonomy = load_taxonomy(BUNDLED)
    names = {t.key: t.name for section in taxonomy.values() for t in section.topics.values()}
    assert names["series"] == "Series (number, letter, figure)"
    assert names["history"] == "History (ancient, medieval, modern)"
    assert names["profit-loss"] == "Profit, loss & discount"
    assert names["speed-distance"] == "Time, speed & distance (boats, trains)"
    assert names["statistics"] == "Statistics (mean, median, mode, standard deviation)"
    assert names["social-intelligence"] == "Critical, emotional & social intelligence"
    assert all(name.count("(") == name.count(")") for name in names.values()), names


def test_a_small_taxonomy_loads():
    quant = parse_taxonomy(SMALL, "taxonomy.yaml")["quant"]
    assert quant.topics["profit-loss"].name == "Profit, loss & discount"
    assert quant.topics["percentage"].weight("tier1") == 1.5
    assert quant.topics["profit-loss"].weight("tier2") == 0


MALFORMED = [
    (
        "a comma cuts an unquoted name",
        ('"Profit, loss & discount"', "Profit, loss & discount"),
        "7: topic quant/profit-loss: unknown key 'loss & discount'",
    ),
    ("a topic without a name", ("{name: Percentage, weights", "{weights"), "6: topic quant/percentage needs a name"),
    ("an unknown topic key", ('source: "[E]"', 'sorce: "[E]"'), "6: topic quant/percentage: unknown key 'sorce'"),
    ("an unknown section key", ("    papers:", "    paper:"), "4: section quant: unknown key 'paper'"),
    ("a word for a weight", ("tier1: 2}", "tier1: lots}"), "7: topic quant/profit-loss: weight 'lots' must be"),
    ("a negative weight", ("tier1: 2}", "tier1: -1}"), "7: topic quant/profit-loss: weight -1 must be"),
    ("a reversed range", ("tier1: 1-2", "tier1: 2-1"), "6: topic quant/percentage: weight '2-1' must be"),
    ("a three-part range", ("tier1: 1-2", "tier1: 1-2-3"), "6: topic quant/percentage: weight '1-2-3' must be"),
    ("not a number", ("tier1: 2}", "tier1: .nan}"), "7: topic quant/profit-loss: weight nan must be"),
    ("infinity", ("tier1: 2}", "tier1: 1e999}"), "7: topic quant/profit-loss: weight"),
    ("a huge integer", ("tier1: 2}", f"tier1: {10**400}}}"), "7: topic quant/profit-loss: weight"),
    ("true as a weight", ("tier1: 2}", "tier1: true}"), "7: topic quant/profit-loss: weight True must be"),
    ("a bad tag on a weight", ("tier1: 2}", "tier1: !!int two}"), "7: 'two' is not a valid int"),
    ("a weight for no paper", ("tier1: 2}", "tier3: 2}"), "7: topic quant/profit-loss: weight for 'tier3'"),
    ("a list as a name", ('"Profit, loss & discount"', "[a, b]"), "7: topic quant/profit-loss name must be text"),
    ("a repeated topic", ("      profit-loss:", "      percentage:"), "7: key 'percentage' appears twice"),
    ("a bad topic key", ("      profit-loss:", "      Profit Loss:"), "7: topic key 'Profit Loss' must be lower-case"),
    ("broken YAML", ("{name: Percentage,", "{name: [Percentage,"), "6: not valid YAML"),
    ("an impossible date", ('source: "[E]"', "source: 2024-02-30"), "6: '2024-02-30' is not a valid timestamp"),
    ("topics as a list", ("    topics:\n", "    topics: []\n    x:\n"), "3: section quant needs a 'topics' mapping"),
    ("an unknown top-level key", ("sections:", "version: 2\nsections:"), "1: the taxonomy: unknown key 'version'"),
]


@pytest.mark.parametrize(("swap", "expected"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_a_malformed_taxonomy_is_refused_at_its_line(swap, expected):
    old, new = swap
    assert old in SMALL
    found = problems(SMALL.replace(old, new, 1))
    assert any(p.startswith(f"taxonomy.yaml:{expected}") for p in found), found


@pytest.mark.parametrize(
    ("field", "column"), [("name", Topic.name), ("source", Topic.weight_source), ("key", Topic.key)]
)
def test_a_value_longer_than_its_topic_column_is_refused(field, column):
    limit = column.type.length
    for length, refused in ((limit, False), (limit + 1, True)):
        value = "a" * length
        text = {
            "name": SMALL.replace("{name: Percentage", f"{{name: {value}"),
            "source": SMALL.replace('source: "[E]"', f"source: {value}"),
            "key": SMALL.replace("      percentage:", f"      {value}:"),
        }[field]
        if refused:
            assert any(f"is {length} characters long; the most it may be is {limit}" in p for p in problems(text))
        else:
            parse_taxonomy(text, "taxonomy.yaml")


@pytest.mark.parametrize("text", ["", "# nothing\n", "sections:\n", "sections: {}\n", "just words\n", "- a\n- b\n"])
def test_an_empty_or_shapeless_taxonomy_is_one_clear_problem(text):
    assert problems(text)


def test_an_unreadable_weight_is_reported_once():
    assert len(problems(SMALL.replace("tier1: 2}", "tier1: !!int two}"))) == 1


def test_every_problem_is_reported_in_one_run():
    text = SMALL.replace("tier1: 2}", "tier1: lots}").replace("{name: Percentage, weights", "{weights")
    assert [p.split(": ")[0] for p in problems(text)] == ["taxonomy.yaml:6", "taxonomy.yaml:7"]


def test_a_missing_or_unreadable_taxonomy_is_a_taxonomy_error(tmp_path):
    with pytest.raises(TaxonomyError, match="no taxonomy.yaml"):
        find_taxonomy(tmp_path)
    (tmp_path / "taxonomy.yaml").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(TaxonomyError, match="taxonomy.yaml:1: cannot read file: not UTF-8"):
        load_taxonomy(tmp_path / "taxonomy.yaml")


def test_the_validator_reports_taxonomy_problems_at_their_line(tmp_path):
    root = write_bank(tmp_path / "bank", {"quant/x.md": "---\n"}, taxonomy=SMALL.replace("tier1: 2}", "tier1: lots}"))
    found = [str(p) for p in check_bank(root).problems]
    assert len(found) == 1 and found[0].startswith(f"{root}/taxonomy.yaml:7: topic quant/profit-loss: weight 'lots'")


def test_a_weight_stored_before_the_loader_checked_counts_as_zero():
    assert TopicDef("quant", "x", "X", {"tier1": "lots", "tier2": "1-3"}).weight("tier1") == 0
    assert TopicDef("quant", "x", "X", {"tier1": "lots", "tier2": "1-3"}).weight("tier2") == 2
