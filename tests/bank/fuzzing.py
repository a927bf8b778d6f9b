"""Hypothesis strategies for fuzzing the bank: YAML values of every type, headers, bodies and whole files."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from trainer.bank.parsing import Problem

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIELDS = (
    "id", "type", "section", "topic", "difficulty", "answer", "source", "subtopic", "language", "status",
    "group", "as_of", "review", "shuffle",
)  # fmt: skip
WORDS = ("quant", "percentage", "reasoning", "series", "easy", "hard", "A", "C", "group", "en", "hi", "published")

# Text with control characters, Devanagari, long runs and YAML's own punctuation.
text = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ("", "x" * 300, "a, b", "{", "[", ": ", "#", "&a", "*a", "!!bool x", "\t", "\x00", "\x1b[0m", "२०२४", "---")
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.dates(min_value=dt.date(1, 1, 1))
    | st.datetimes()
    | text
    | st.sampled_from(WORDS)
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4), max_leaves=12
)


def dump(data) -> str:
    """YAML text for any value the strategies make (PyYAML writes control characters escaped)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


headers = st.dictionaries(st.sampled_from(FIELDS) | text, values, max_size=10).map(dump)
# Header lines written by hand, the way an author slips: flow values, bad tags, impossible dates, repeats.
raw_header_lines = st.lists(
    st.sampled_from(FIELDS).flatmap(
        lambda field: st.sampled_from(
            (
                "{a: 1}", "[quant]", "!!bool maybe", "!!timestamp x", "2024-02-30", "2024-01-01 10:00:00", "'open",
                '"\\0"', "&x [*x]", "*nope", "1e400", "0x1F", "~", "[" * 50, "? [a]", "|\n  block", "quant",
            )
        ).map(lambda value: f"{field}: {value}")
    )
    | text,
    max_size=8,
).map("\n".join)  # fmt: skip
body_lines = st.lists(
    st.sampled_from(("A) 1", "B) 2", "C) 3", "D) 4", "E) 5", "Explanation:", "[hi]", "", "$x$", "$\\frac{1}{2$", "---"))
    | text,
    max_size=14,
).map("\n".join)
question_files = st.lists(
    st.tuples(headers | raw_header_lines, body_lines).map(lambda hb: f"---\n{hb[0]}\n---\n{hb[1]}\n"), max_size=3
).map("".join)
files = question_files | text | st.text(st.characters(codec="utf-8"), max_size=400)


def assert_located(problems: list[Problem], path: str, text: str) -> None:
    """Every problem names the file and a line inside it (0 only for the file as a whole)."""
    last = max(1, len(text.splitlines()) + 1)
    for problem in problems:
        assert isinstance(problem, Problem), problem
        assert problem.path == path, problem
        assert isinstance(problem.line, int) and 1 <= problem.line <= last, problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem
