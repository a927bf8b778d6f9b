"""Word-level diffs of two versions: every changed word shown, whitespace as written, unchanged fields quiet."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from trainer.authoring.diffing import Segment, version_diff, word_diff


def version(**changes):
    values = dict(
        topic=SimpleNamespace(section="quant", key="percentage"), difficulty="easy", stem="What is 20% of 150?",
        options=["10", "20", "30", "40"], answer=2, explanation="20% of 150 is 30.", source="web", hindi=None,
    )  # fmt: skip
    return SimpleNamespace(**(values | changes))


def test_a_changed_word_is_a_deletion_then_an_insertion_between_kept_text():
    assert word_diff("What is 20% of 150?", "What is 30% of 150?") == (
        Segment("same", "What is "),
        Segment("delete", "20%"),
        Segment("insert", "30%"),
        Segment("same", " of 150?"),
    )


@given(st.text(), st.text())
def test_a_diff_rebuilds_both_texts(old, new):
    segments = word_diff(old, new)

    assert "".join(s.text for s in segments if s.kind != "insert") == old
    assert "".join(s.text for s in segments if s.kind != "delete") == new


def test_only_the_changed_fields_are_marked_changed():
    old = version()
    new = version(answer=3, options=["10", "20", "30", "45"], stem="What is 30% of 150?")

    changed = {f.label: f for f in version_diff(old, new) if f.changed}

    assert list(changed) == ["Question", "Option D", "Correct option"]
    assert [s for s in changed["Correct option"].segments] == [Segment("delete", "C"), Segment("insert", "D")]


def test_hindi_added_in_the_new_version_is_all_insertion():
    hindi = {"stem": "150 का 20% कितना है?", "options": ["10", "20", "30", "40"], "explanation": "30 है।"}

    changed = {f.label: f for f in version_diff(version(), version(hindi=hindi)) if f.changed}

    assert changed["Question (Hindi)"].segments == (Segment("insert", "150 का 20% कितना है?"),)
    assert "Option A (Hindi)" in changed and "Explanation (Hindi)" in changed
    assert "Question" not in changed
