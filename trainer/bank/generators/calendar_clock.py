"""Calendar and clock: the day of the week by odd days (Gregorian rules: a century year is a leap year only when
divisible by 400), the angle between the hands, and when the hands meet or point opposite ways.

Mistakes offered: counting both end dates, forgetting a leap year (or the century rule), the hour hand taken as
fixed, the reflex angle, the naive 5·h minutes.
"""

from __future__ import annotations

import random
from fractions import Fraction

from trainer.bank.generators._bilingual import WEEKDAYS, WEEKDAYS_HI, assemble, choose_wrong, mixed
from trainer.bank.generators.base import Generated, generator

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
MONTHS_HI = ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"]
LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def day_of_year(year: int, month: int, day: int) -> int:
    return sum(LENGTHS[: month - 1]) + day + (1 if month > 2 and leap(year) else 0)


def odd_days_before(year: int) -> int:
    """Odd days in the years 1 … year−1: 400 years give 0, each further century 5, each year 1 (+1 if leap)."""
    rest = (year - 1) % 400
    centuries, years = rest // 100, rest % 100
    return (5 * centuries + years + years // 4) % 7


def weekday(year: int, month: int, day: int) -> int:
    """0 = Sunday (the Gregorian calendar run back to year 1: day 1 was a Monday)."""
    return (odd_days_before(year) + day_of_year(year, month, day)) % 7


def _date(d: tuple[int, int, int]) -> tuple[str, str]:
    year, month, day = d
    return f"{day} {MONTHS[month - 1]} {year}", f"{day} {MONTHS_HI[month - 1]} {year}"


def _random_date(rng: random.Random, years: tuple[int, int]) -> tuple[int, int, int]:
    month = rng.randint(1, 12)
    return rng.randint(*years), month, rng.randint(1, LENGTHS[month - 1])  # never 29 February


def _calendar_case(rng: random.Random, difficulty: str) -> dict:
    if difficulty == "easy":
        year, month, day = _random_date(rng, (2000, 2030))
        later = rng.randint(month + 1, 12) if month < 12 else None
        if later is None:
            return _calendar_case(rng, difficulty)
        return {"kind": "same-year", "known": [year, month, day], "asked": [year, later, rng.randint(1, 28)]}
    if difficulty == "medium":
        year, month, day = _random_date(rng, (1995, 2025))
        return {"kind": "years-later", "known": [year, month, day], "asked": [year + rng.randint(2, 7), month, day]}
    return {"kind": "direct", "asked": list(_random_date(rng, (1801, 2024)))}


def _calendar_steps(p: dict, answer: int) -> tuple[list[str], list[str], list[int]]:
    asked = tuple(p["asked"])
    if p["kind"] == "direct":
        y, m, d = asked
        before, doy = odd_days_before(y), day_of_year(y, m, d)
        blocks, centuries, rest = (y - 1) // 400 * 400, (y - 1) % 400 // 100, (y - 1) % 100
        parts = f"{blocks} years → 0, {100 * centuries} years → {5 * centuries % 7}, {rest} years with {rest // 4} leap"
        parts_hi = f"{blocks} वर्ष → 0, {100 * centuries} वर्ष → {5 * centuries % 7}, {rest} वर्ष जिनमें {rest // 4} लीप"
        en = [
            f"Years 1 to {y - 1}: {parts} years → {rest} + {rest // 4}; in all {before} odd days (mod 7). A century "
            "gives 5 odd days; only every 400th year is a leap century.",
            f"In {y} up to the date: {doy} days → {doy % 7} odd days.",
            f"Total $({before} + {doy % 7}) \\bmod 7 = {answer}$, and 0 = Sunday.",
        ]
        hi = [
            f"वर्ष 1 से {y - 1} तक: {parts_hi} वर्ष → {rest} + {rest // 4}; कुल {before} विषम दिन (7 से भाग का शेष)। एक "
            "शताब्दी में 5 विषम दिन होते हैं; केवल हर 400वाँ शताब्दी-वर्ष लीप वर्ष होता है।",
            f"{y} में तिथि तक: {doy} दिन → {doy % 7} विषम दिन।",
            f"कुल $({before} + {doy % 7}) \\bmod 7 = {answer}$, और 0 = रविवार।",
        ]
        no_century = (before - 5 * (((y - 1) % 400) // 100)) % 7
        mistakes = [(no_century + doy) % 7, (answer + 1) % 7, (answer - 1) % 7, (answer + 2) % 7]
        return en, hi, mistakes
    known = tuple(p["known"])
    gap = _days_between(known, asked)
    start = weekday(*known)
    en = [
        f"Days from {_date(known)[0]} to {_date(asked)[0]} (the start date not counted): {gap} → {gap % 7} odd "
        "days. An ordinary year gives 1 odd day, a leap year 2.",
        f"{WEEKDAYS[start]} + {gap % 7} = {WEEKDAYS[answer]}.",
    ]
    hi = [
        f"{_date(known)[1]} से {_date(asked)[1]} तक दिन (आरंभ की तिथि छोड़कर): {gap} → {gap % 7} विषम दिन। साधारण "
        "वर्ष में 1 और लीप वर्ष में 2 विषम दिन होते हैं।",
        f"{WEEKDAYS_HI[start]} + {gap % 7} = {WEEKDAYS_HI[answer]}।",
    ]
    years = asked[0] - known[0]
    mistakes = [(start + gap + 1) % 7, (start + years) % 7 if years else (start - gap) % 7, (start + gap - 1) % 7]
    return en, hi, mistakes


def _days_between(a: tuple[int, int, int], b: tuple[int, int, int]) -> int:
    days = day_of_year(*b) - day_of_year(*a)
    for year in range(a[0], b[0]):
        days += 366 if leap(year) else 365
    return days


@generator("reasoning-calendar-clock-day", "reasoning", "calendar-clock", "Day of the week for a date")
def day_of_week(rng: random.Random, difficulty: str) -> Generated:
    """Easy: a later date in the same year; medium: the same date some years later; hard: a date from scratch."""
    params = _calendar_case(rng, difficulty)
    asked = tuple(params["asked"])
    answer = weekday(*asked)
    en_steps, hi_steps, mistakes = _calendar_steps(params, answer)
    wrong = choose_wrong(answer, mistakes, lambda d: WEEKDAYS[d % 7], lambda i: (answer + 3 * i) % 7)
    asked_en, asked_hi = _date(asked)
    if params["kind"] == "direct":
        stem = f"What day of the week was {asked_en}?"
        hindi_stem = f"{asked_hi} को सप्ताह का कौन-सा दिन था?"
    else:
        known_en, known_hi = _date(tuple(params["known"]))
        day = weekday(*params["known"])
        stem = f"If {known_en} is a {WEEKDAYS[day]}, what day of the week is {asked_en}?"
        hindi_stem = f"यदि {known_hi} को {WEEKDAYS_HI[day]} है, तो {asked_hi} को सप्ताह का कौन-सा दिन होगा?"
    return assemble(
        rng, (WEEKDAYS[answer], WEEKDAYS_HI[answer]), [(WEEKDAYS[w % 7], WEEKDAYS_HI[w % 7]) for w in wrong],
        stem=stem, hindi_stem=hindi_stem, steps=en_steps, hindi_steps=hi_steps, params=params,
    )  # fmt: skip


def hand_angle(hour: int, minute: int) -> Fraction:
    """The smaller angle between the hands: |30h − 5.5m|, or 360° minus it."""
    angle = abs(Fraction(30 * (hour % 12)) - Fraction(11, 2) * minute)
    return min(angle, 360 - angle)


def degrees(value: Fraction) -> str:
    return f"${mixed(value)}^\\circ$"


def _angle_question(rng: random.Random, difficulty: str):
    while True:
        hour = rng.randint(1, 12)
        minute = 10 * rng.randint(1, 5) if difficulty == "easy" else rng.choice([m for m in range(1, 60) if m % 5])
        answer = hand_angle(hour, minute)
        if answer:
            break
    raw = abs(Fraction(30 * (hour % 12)) - Fraction(11, 2) * minute)
    mistakes = [360 - answer, abs(30 * (hour % 12) - 6 * minute) % 360, abs(30 * (hour % 12) - 5 * minute), raw]
    time = f"{hour}:{minute:02d}"
    work = f"|30 \\times {hour % 12} - \\frac{{11}}{{2}} \\times {minute}| = {mixed(raw)}"
    en = [
        f"The hour hand moves $\\frac{{1}}{{2}}^\\circ$ a minute, the minute hand $6^\\circ$: angle $= {work}$.",
        f"The smaller angle is {degrees(answer)}. Keeping the hour hand fixed at {hour} is the usual slip.",
    ]
    hi = [
        f"घंटे की सुई हर मिनट $\\frac{{1}}{{2}}^\\circ$ और मिनट की सुई $6^\\circ$ चलती है: कोण $= {work}$।",
        f"छोटा कोण {degrees(answer)} है। घंटे की सुई को {hour} पर स्थिर मान लेना आम गलती है।",
    ]
    stem = f"What is the smaller angle between the hour hand and the minute hand of a clock at {time}?"
    hindi_stem = f"{time} बजे घड़ी की घंटे की सुई और मिनट की सुई के बीच का छोटा कोण कितना है?"
    params = {"kind": "angle", "hour": hour, "minute": minute}
    return params, answer, [m for m in mistakes if 0 < m < 360], (degrees, degrees), stem, hindi_stem, en, hi


def _minutes_past(hour: int):
    def show(minutes: Fraction) -> tuple[str, str]:
        return f"${mixed(minutes)}$ minutes past {hour}", f"{hour} बजकर ${mixed(minutes)}$ मिनट"

    return show


def _meeting_question(rng: random.Random):
    """When between h and h+1 are the hands together (5.5m = 30h) or opposite (5.5m = 30h ± 180)?"""
    together = rng.random() < 0.5
    hour = rng.randint(1, 10) if together else rng.choice([1, 2, 3, 4, 7, 8, 9, 10, 11])
    target = 30 * hour if together else (30 * hour + 180 if hour < 6 else 30 * hour - 180)
    answer = Fraction(2 * target, 11)
    naive = Fraction(target, 6)  # the hour hand left at the hour mark
    other = 30 * hour + 180 if together and hour < 6 else 30 * hour - 180 if together else 30 * hour
    mistakes = [naive, Fraction(2 * other, 11), Fraction(2 * (target + 90), 11), Fraction(2 * (target + 30), 11)]
    mistakes = [m for m in mistakes if 0 < m < 60]
    what, what_hi = (
        ("together", "एक साथ (संपाती)") if together else ("pointing in opposite directions", "विपरीत दिशाओं में")
    )
    equation = f"\\frac{{11}}{{2}} m = {target}"
    en = [
        f"The minute hand gains $\\frac{{11}}{{2}}^\\circ$ a minute on the hour hand, which starts {30 * hour}° ahead; "
        f"the hands are {what} when the gain is {target}°: ${equation}$.",
        f"$m = \\frac{{{2 * target}}}{{11}} = {mixed(answer)}$ minutes. Forgetting that the hour hand moves "
        f"gives {mixed(naive)} minutes.",
    ]
    hi = [
        f"मिनट की सुई हर मिनट घंटे की सुई से $\\frac{{11}}{{2}}^\\circ$ आगे निकलती है; घंटे की सुई {30 * hour}° आगे से "
        f"शुरू करती है; सुइयाँ {what_hi} तब होंगी जब अंतर {target}° पूरा हो: ${equation}$।",
        f"$m = \\frac{{{2 * target}}}{{11}} = {mixed(answer)}$ मिनट। घंटे की सुई को स्थिर मानने पर "
        f"{mixed(naive)} मिनट आता है।",
    ]
    stem = f"At what time between {hour} and {hour + 1} o'clock are the hands of a clock {what}?"
    hindi_stem = f"{hour} और {hour + 1} बजे के बीच किस समय घड़ी की सुइयाँ {what_hi} होंगी?"
    params = {"kind": "together" if together else "opposite", "hour": hour}
    shows = (lambda m: _minutes_past(hour)(m)[0], lambda m: _minutes_past(hour)(m)[1])
    return params, answer, mistakes, shows, stem, hindi_stem, en, hi


@generator("reasoning-calendar-clock-angle", "reasoning", "calendar-clock", "Angle between the hands of a clock")
def clock_hands(rng: random.Random, difficulty: str) -> Generated:
    """Easy: the angle at h:m0; medium: at any minute (half degrees); hard: when the hands meet or are opposite."""
    made = _meeting_question(rng) if difficulty == "hard" else _angle_question(rng, difficulty)
    params, answer, mistakes, (show_en, show_hi), stem, hindi_stem, en, hi = made
    step = Fraction(5) if difficulty != "hard" else Fraction(1)
    wrong = choose_wrong(answer, mistakes, show_en, lambda i: answer + step * i)
    return assemble(
        rng, (show_en(answer), show_hi(answer)), [(show_en(w), show_hi(w)) for w in wrong],
        stem=stem, hindi_stem=hindi_stem, steps=en, hindi_steps=hi, params=params,
    )  # fmt: skip
