"""Pure "where the marks went" per section: wrong answers, quick wrong guesses, known blanks, time sinks, pace,
and the attempt-or-skip line from the section's own marking."""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.core.wording import ENGLISH, Wording

QUICK_SECONDS = 15.0  # a wrong answer given faster than this was likely a guess
SINK_FACTOR = 2.0  # a question that took more than twice the paper's time per question is a time sink
KNOWN_MIN_ANSWERS = 5
KNOWN_ACCURACY = 0.7


def likely_known(answered: int, correct: int) -> bool:
    """The candidate usually gets this topic right: smoothed accuracy (c+1)/(n+2) ≥ 0.7 over at least 5 answers.

    The one rule for "a blank the candidate could probably have answered"; it can switch to the mastery estimate
    of the progress page (issue #10) without touching anything else.
    """
    return answered >= KNOWN_MIN_ANSWERS and (correct + 1) / (answered + 2) >= KNOWN_ACCURACY


@dataclass(frozen=True)
class GradedQuestion:
    number: int
    section: str
    outcome: str  # right / wrong / blank
    marks_right: float
    marks_wrong: float
    seconds: float
    topic: str = ""
    topic_known: bool = False


@dataclass
class SectionBreakdown:
    section: str
    lost_to_wrong: float = 0.0  # marks taken away by wrong answers
    wrong: list[int] = field(default_factory=list)
    quick_wrong: list[int] = field(default_factory=list)  # likely guesses
    quick_wrong_marks: float = 0.0
    known_blanks: list[tuple[int, str]] = field(default_factory=list)  # (number, topic)
    known_blank_marks: float = 0.0  # marks a right answer to each would have brought
    time_sinks: list[tuple[int, float]] = field(default_factory=list)  # (number, seconds)
    seconds: float = 0.0


def where_marks_went(
    questions: list[GradedQuestion], seconds_per_question: dict[str, float]
) -> dict[str, SectionBreakdown]:
    """Per section, in the order questions come: what wrong answers cost, likely guesses, blanks in known topics,
    and questions that took more than SINK_FACTOR × the paper's time per question."""
    result: dict[str, SectionBreakdown] = {}
    for q in questions:
        part = result.setdefault(q.section, SectionBreakdown(q.section))
        part.seconds += q.seconds
        if q.outcome == "wrong":
            part.wrong.append(q.number)
            part.lost_to_wrong += q.marks_wrong
            if q.seconds < QUICK_SECONDS:
                part.quick_wrong.append(q.number)
                part.quick_wrong_marks += q.marks_wrong
        elif q.outcome == "blank" and q.topic_known:
            part.known_blanks.append((q.number, q.topic))
            part.known_blank_marks += q.marks_right
        if q.seconds > SINK_FACTOR * seconds_per_question[q.section]:
            part.time_sinks.append((q.number, q.seconds))
    return result


@dataclass(frozen=True)
class GuessAdvice:
    options: int
    marks_right: float
    marks_wrong: float
    break_even: float  # attempting pays when P(right) is above this
    blind_value: float  # expected marks of a blind guess among `options`

    def sentence(self, words: Wording = ENGLISH) -> str:
        return words.gettext(
            "On a %(options)s-option question at +%(right)s/−%(wrong)s, attempting pays when you are more than "
            "%(sure)s sure; a blind guess is worth %(blind)s marks on average.",
            options=self.options,
            right=f"{self.marks_right:g}",
            wrong=f"{self.marks_wrong:g}",
            sure=f"{self.break_even:.0%}",
            blind=f"{self.blind_value:+.3g}",
        )


def guess_advice(marks_right: float, marks_wrong: float, options: int = 4) -> GuessAdvice:
    """Break-even p = wrong / (right + wrong): p·right − (1−p)·wrong > 0 exactly when p exceeds it."""
    break_even = marks_wrong / (marks_right + marks_wrong) if marks_right + marks_wrong else 0.0
    blind = marks_right / options - marks_wrong * (options - 1) / options
    return GuessAdvice(options, marks_right, marks_wrong, break_even, blind)


@dataclass(frozen=True)
class Pace:
    section: str
    seconds: float  # this attempt's time on the section
    budget_seconds: float  # the paper's time for the section (its share of its part)
    top_seconds: float | None  # the top 10%'s average on the section, None before anyone is counted

    @property
    def over_budget(self) -> bool:
        return self.seconds > self.budget_seconds
