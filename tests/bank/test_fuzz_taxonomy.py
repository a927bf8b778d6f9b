"""Fuzzing the taxonomy loader: any text loads or raises TaxonomyError with located problems, nothing else."""

import math

import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.bank.fuzzing import FUZZ, assert_located, dump, text, values
from trainer.bank.models import Topic
from trainer.bank.taxonomy import TaxonomyError, parse_taxonomy
from trainer.config import PROJECT_ROOT

BUNDLED = (PROJECT_ROOT / "question_bank" / "taxonomy.yaml").read_text(encoding="utf-8")
weights = st.dictionaries(st.sampled_from(("tier1", "tier2", "tier3")) | text, values | st.from_regex(r"\d-\d"))
topics = st.fixed_dictionaries(
    {},
    optional={"name": values | text, "weights": weights | values, "source": values | text, "extra": values},
)
sections = st.fixed_dictionaries(
    {},
    optional={
        "name": values,
        "papers": st.lists(st.sampled_from(("tier1", "tier2")) | text, max_size=3) | values,
        "topics": st.dictionaries(st.sampled_from(("percentage", "series")) | text, topics | values, max_size=3),
    },
)
taxonomies = st.dictionaries(st.sampled_from(("sections",)) | text, st.dictionaries(text, sections | values) | values)


def load(source: str):
    try:
        return parse_taxonomy(source, "taxonomy.yaml"), []
    except TaxonomyError as exc:
        return None, exc.problems


def assert_sound(taxonomy) -> None:
    """What loads is what the database and the paper drawing can use."""
    for section in taxonomy.values():
        assert len(section.key) <= Topic.section.type.length
        for topic in section.topics.values():
            assert len(topic.key) <= Topic.key.type.length and len(topic.name) <= Topic.name.type.length
            assert set(topic.weights) <= set(section.papers)
            assert all(math.isfinite(topic.weight(paper)) for paper in section.papers)


@FUZZ
@given(taxonomies.map(dump))
def test_any_yaml_shaped_like_a_taxonomy_loads_soundly_or_is_refused_at_lines(source):
    taxonomy, problems = load(source)
    assert_located(problems, "taxonomy.yaml", source)
    assert (taxonomy is None) == bool(problems)
    if taxonomy is not None:
        assert_sound(taxonomy)


@FUZZ
@given(st.text(st.characters(codec="utf-8"), max_size=300) | text)
def test_any_text_loads_or_is_refused_at_lines(source):
    taxonomy, problems = load(source)
    assert_located(problems, "taxonomy.yaml", source)
    if taxonomy is not None:
        assert_sound(taxonomy)


LINES = BUNDLED.splitlines()


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1), text | values.map(yaml.safe_dump)), min_size=1, max_size=3))
def test_the_bundled_taxonomy_with_lines_replaced_loads_soundly_or_is_refused_at_lines(edits):
    lines = list(LINES)
    for index, replacement in edits:
        lines[index] = replacement
    source = "\n".join(lines) + "\n"
    taxonomy, problems = load(source)
    assert_located(problems, "taxonomy.yaml", source)
    if taxonomy is not None:
        assert_sound(taxonomy)
