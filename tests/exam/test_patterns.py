"""Patterns as data: every variant, sectional and topic tests, and the timed parts' windows."""

from datetime import UTC, datetime, timedelta

from trainer.exam.patterns import Pattern, all_patterns, get_pattern, topic_pattern
from trainer.exam.timing import extra_minutes, open_part, part_windows

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_each_variant_has_its_real_counts_marks_and_time():
    patterns = all_patterns()
    tier1, tier1_2026 = patterns["tier1-2025"], patterns["tier1-2026"]
    assert (tier1.question_count, tier1.max_marks, tier1.minutes, tier1.locks) == (100, 200, 60, False)
    assert (tier1_2026.question_count, tier1_2026.minutes, tier1_2026.locks) == (100, 60, True)
    assert [p.minutes for p in tier1_2026.parts] == [15, 15, 15, 15]
    tier2 = patterns["tier2-paper1"]
    assert [(p.name, p.minutes, p.sections) for p in tier2.parts] == [
        ("Section-I", 60, ("maths", "reasoning")),
        ("Section-II", 60, ("english", "awareness")),
        ("Section-III (Computer Knowledge)", 15, ("computer",)),
    ]
    assert {(s.key, s.questions, s.marks_right, s.marks_wrong) for s in tier2.sections} == {
        ("maths", 30, 3, 1),
        ("reasoning", 30, 3, 1),
        ("english", 45, 3, 1),
        ("awareness", 25, 3, 1),
        ("computer", 20, 3, 1),
    }
    assert tier2.merit_sections == ("maths", "reasoning", "english", "awareness")  # 390 marks of merit
    assert sum(tier2.section(k).max_marks for k in tier2.merit_sections) == 390
    assert [p.minutes for p in patterns["tier2-paper1-2026"].parts] == [30, 30, 40, 20, 15]


def test_english_is_offered_in_english_only():
    for pattern in all_patterns().values():
        for section in pattern.sections:
            assert section.languages == (("en",) if section.subject == "english" else ("en", "hi"))


def test_a_sectional_test_has_the_real_count_and_its_share_of_the_time():
    quant = get_pattern("tier1-2025:quant")
    assert (quant.question_count, quant.minutes, quant.kind) == (25, 15, "sectional")
    maths = get_pattern("tier2-paper1:maths")
    assert (maths.question_count, maths.minutes) == (30, 30)
    assert get_pattern("tier1-2025:computer") is None


def test_a_topic_test_gives_the_time_per_question_the_real_paper_allows():
    tier1 = all_patterns()["tier1-2025"]
    drill = topic_pattern(tier1, "quant", ("percentage", "interest"), 10)
    assert drill.minutes == 6  # 36 seconds a question
    assert drill.sections[0].topics == ("interest", "percentage")
    assert topic_pattern(all_patterns()["tier2-paper1"], "maths", ("algebra",), 20).minutes == 20


def test_a_pattern_survives_its_snapshot():
    for pattern in all_patterns().values():
        assert Pattern.from_dict(pattern.to_dict()) == pattern


def test_parts_run_back_to_back_each_with_its_own_extra_time():
    minutes = [60, 60, 15]
    windows = part_windows(T0, minutes, [extra_minutes(m, True) for m in minutes])
    assert [(o - T0, c - T0) for o, c in windows] == [
        (timedelta(0), timedelta(minutes=80)),
        (timedelta(minutes=80), timedelta(minutes=160)),
        (timedelta(minutes=160), timedelta(minutes=180)),
    ]


def test_only_the_open_part_takes_writes_and_a_closed_one_only_within_the_grace():
    windows = part_windows(T0, [15, 15], [0, 0])
    assert open_part(T0 + timedelta(minutes=5), windows) == 0
    assert open_part(T0 + timedelta(minutes=16), windows) == 1
    assert open_part(T0 + timedelta(minutes=15, seconds=5), windows, grace_seconds=10) == 0
    assert open_part(T0 + timedelta(minutes=31), windows, grace_seconds=10) is None
