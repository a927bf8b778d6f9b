"""Data interpretation: a small table (five years, two or three series) and one question read from it — a total,
an average, a percentage change, a ratio, or by what percent one total exceeds another.

Inputs are derived from a chosen answer so that every answer is whole or a simple decimal. Mistakes offered: the
wrong base for a percentage, a missed row, the wrong column, the reversed ratio, the change left as a number.
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import gcd

from trainer.bank.generators._bilingual import assemble, choose_wrong, same
from trainer.bank.generators.base import Generated, generator, num

THEMES = [  # what the table shows, the series' word and names, the noun asked about (Hindi: gender-matched words)
    {
        "en": "the production of cars (in thousands) by companies",
        "hi": "कंपनियों {names} द्वारा कारों का उत्पादन (हज़ार में)",
        "series": ("Company", "कंपनी"),
        "names": "ABC",
        "noun": ("production", "उत्पादन"),
        "how": "कितना",
        "of": ("का", "के"),
    },
    {
        "en": "the sales of laptops (in hundreds) by stores",
        "hi": "स्टोरों {names} द्वारा लैपटॉप की बिक्री (सैकड़ों में)",
        "series": ("Store", "स्टोर"),
        "names": "PQR",
        "noun": ("sales", "बिक्री"),
        "how": "कितनी",
        "of": ("की", "की"),
    },
    {
        "en": "the expenditure (in lakh Rs.) of departments",
        "hi": "विभागों {names} का व्यय (लाख रु. में)",
        "series": ("Department", "विभाग"),
        "names": "XYZ",
        "noun": ("expenditure", "व्यय"),
        "how": "कितना",
        "of": ("का", "के"),
    },
]
KINDS = {"easy": ["total", "average"], "medium": ["change", "ratio"], "hard": ["more", "ratio-totals"]}
SIZE = {"easy": (40, 200), "medium": (100, 500), "hard": (150, 900)}
PERCENTS = [10, 15, 20, 25, 30, 40, 50, 60, 75]


def _column(rng: random.Random, low: int, high: int, total: int | None = None) -> list[int] | None:
    """Five multiples of 5 in [low, high] (summing to `total` when given; None if that fails)."""
    for _ in range(200):
        values = [5 * rng.randint(-(-low // 5), high // 5) for _ in range(5)]
        if total is not None:
            values[-1] = total - sum(values[:-1])
        if low <= values[-1] <= high and len(set(values)) > 2:
            return values
    return None


def _draw(rng: random.Random, difficulty: str) -> dict:
    low, high = SIZE[difficulty]
    kind = rng.choice(KINDS[difficulty])
    while True:
        data = [_column(rng, low, high) for _ in range(2 if difficulty == "easy" else 3)]
        params = {"kind": kind, "start": rng.randint(2015, 2020), "theme": rng.randrange(len(THEMES)), "data": data}
        series = rng.sample(range(len(data)), 2)
        params["series"] = series
        if kind == "change":
            years = sorted(rng.sample(range(5), 2))
            p = rng.choice(PERCENTS) * rng.choice([1, -1])
            base = 20 * rng.randint(-(-low // 20), high // 20)
            data[series[0]][years[0]], data[series[0]][years[1]] = base, base * (100 + p) // 100
            params["years"] = years
        elif kind == "ratio":  # two cells in a simple ratio m : n
            params["years"] = rng.sample(range(5), 2)
            m, n = rng.sample([k for k in range(1, 13)], 2)
            scale = _scale(rng, low, high, m, n)
            if gcd(m, n) == 1 and scale:
                data[series[0]][params["years"][0]], data[series[1]][params["years"][1]] = m * scale, n * scale
        elif kind == "more":  # totals in the ratio (100 + p) : 100
            p = rng.choice(PERCENTS[:6])
            other = 100 * rng.randint(10, 30)
            data[series[0]] = _column(rng, low, high, other * (100 + p) // 100)
            data[series[1]] = _column(rng, low, high, other)
        elif kind == "ratio-totals":  # totals in a ratio of small coprime numbers
            m, n = rng.sample(range(2, 10), 2)
            scale = _scale(rng, 1000, 4000, m, n)
            if gcd(m, n) == 1 and scale:
                data[series[0]], data[series[1]] = (
                    _column(rng, low, high, m * scale),
                    _column(rng, low, high, n * scale),
                )
        if all(c is not None and all(low <= v <= high for v in c) for c in data) and _nice(params):
            return params


def _nice(p: dict) -> bool:
    a, b = (p["data"][i] for i in p["series"])
    if p["kind"] == "ratio":
        u, v = a[p["years"][0]], b[p["years"][1]]
        return u != v and max(Fraction(u, v).as_integer_ratio()) <= 12
    if p["kind"] == "ratio-totals":
        return sum(a) != sum(b) and max(Fraction(sum(a), sum(b)).as_integer_ratio()) <= 9
    if p["kind"] == "more":
        return (sum(a) - sum(b)) * 100 % sum(b) == 0
    return True


def _scale(rng: random.Random, low: int, high: int, m: int, n: int) -> int | None:
    """A multiple of 5 that puts both m·scale and n·scale in [low, high], or None."""
    first, last = -(-low // (5 * min(m, n))), high // (5 * max(m, n))
    return 5 * rng.randint(first, last) if first <= last else None


def _ratio(a: int, b: int) -> str:
    g = gcd(a, b)
    return f"{a // g} : {b // g}"


def _small(a: int, b: int) -> str | None:
    """The ratio if it simplifies to terms of at most 15 (a plausible option), else None."""
    text = _ratio(a, b)
    return text if max(map(int, text.split(" : "))) <= 15 else None


def _near(a: int, b: int) -> list[str]:
    """Reversed, then neighbouring simple ratios: what a candidate who mis-added a total lands on."""
    m, n = Fraction(a, b).as_integer_ratio()
    return [_ratio(n, m), *(_ratio(x, y) for x, y in [(m + 1, n), (m, n + 1), (m - 1, n), (m, n - 1)] if x and y)]


def _percent(value) -> str | None:
    value = Fraction(value)
    return f"{num(value)}%" if (value * 100).denominator == 1 else None


def _table(p: dict, year_word: str, series_word: str) -> str:
    names = THEMES[p["theme"]]["names"]
    head = f"| {year_word} | " + " | ".join(f"{series_word} {names[i]}" for i in range(len(p["data"]))) + " |"
    rule = "|---|" + "---|" * len(p["data"])
    rows = [f"| {p['start'] + r} | " + " | ".join(str(c[r]) for c in p["data"]) + " |" for r in range(5)]
    return "\n".join([head, rule, *rows])


def _names(p: dict, joiner: str) -> str:
    names = THEMES[p["theme"]]["names"][: len(p["data"])]
    return ", ".join(names[:-1]) + f" {joiner} {names[-1]}"


def _questions(p: dict) -> tuple[str, str]:
    theme = THEMES[p["theme"]]
    (series, series_hi), (noun, noun_hi), how = theme["series"], theme["noun"], theme["how"]
    of, obl = theme["of"]  # का / के (masculine noun, direct and oblique) or की
    x, y = (f"{series} {theme['names'][i]}" for i in p["series"])
    x_hi, y_hi = (f"{series_hi} {theme['names'][i]}" for i in p["series"])
    years = [p["start"] + i for i in p.get("years", [0, 4])]
    kind = p["kind"]
    if kind == "total":
        return (
            f"What is the total {noun} of {x} over the five years?",
            f"पाँच वर्षों में {x_hi} {of} कुल {noun_hi} {how} है?",
        )
    if kind == "average":
        return (
            f"What is the average annual {noun} of {x} over the five years?",
            f"पाँच वर्षों में {x_hi} {of} औसत वार्षिक {noun_hi} {how} है?",
        )
    if kind == "change":
        rise = p["data"][p["series"][0]][p["years"][1]] > p["data"][p["series"][0]][p["years"][0]]
        return (
            f"By what percent did the {noun} of {x} {'increase' if rise else 'decrease'} from {years[0]} to "
            f"{years[1]}?",
            f"{years[0]} से {years[1]} तक {x_hi} {obl} {noun_hi} में कितने प्रतिशत की {'वृद्धि' if rise else 'कमी'} हुई?",
        )
    if kind == "ratio":
        return (
            f"What is the ratio of the {noun} of {x} in {years[0]} to that of {y} in {years[1]}?",
            f"{years[0]} में {x_hi} {of} {noun_hi} और {years[1]} में {y_hi} {obl} {noun_hi} का अनुपात क्या है?",
        )
    if kind == "more":
        return (
            f"By what percent is the total {noun} of {x} over the five years more than that of {y}?",
            f"पाँच वर्षों में {x_hi} {of} कुल {noun_hi}, {y_hi} {obl} कुल {noun_hi} से कितने प्रतिशत अधिक है?",
        )
    return (
        f"What is the ratio of the total {noun} of {x} to that of {y} over the five years?",
        f"पाँच वर्षों में {x_hi} {of} कुल {noun_hi} और {y_hi} {obl} कुल {noun_hi} का अनुपात क्या है?",
    )


def _sum_text(values: list[int]) -> str:
    return " + ".join(map(str, values)) + f" = {sum(values)}"


def _read(kind: str, a: list[int], b: list[int]):
    total = sum(a)
    sums = (f"Total $= {_sum_text(a)}$.", f"कुल $= {_sum_text(a)}$।")
    if kind == "total":  # a year missed, or the wrong column
        return num(total), [num(total - a[-1]), num(total - a[0]), num(sum(b))], [sums[0]], [sums[1]]
    mean, work = Fraction(total, 5), f"\\frac{{{total}}}{{5}}"
    wrong = [Fraction(total, 4), Fraction(sum(b), 5), Fraction(a[0] + a[-1], 2)]
    return (
        num(mean),
        [num(w) if (w * 100).denominator == 1 else None for w in wrong],
        [sums[0], f"Average $= {work} = {num(mean)}$. Dividing by 4 (the gaps between years) is the usual slip."],
        [sums[1], f"औसत $= {work} = {num(mean)}$। 4 से भाग देना आम गलती है।"],
    )


def _change(old: int, new: int):
    change = abs(new - old)
    percent = Fraction(change * 100, old)
    work = f"\\frac{{{change}}}{{{old}}} \\times 100 = {num(percent)}"
    return (
        _percent(percent),
        [_percent(Fraction(change * 100, new)), f"{change}%", _percent(percent + 5)],
        [f"Change $= |{new} - {old}| = {change}$.", f"On the earlier value: ${work}$%. Dividing by the later value "
         "is the usual slip."],
        [f"परिवर्तन $= |{new} - {old}| = {change}$।", f"पहले वाले मान पर: ${work}$%। बाद वाले मान से भाग देना आम गलती है।"],
    )  # fmt: skip


def _totals(kind: str, a: list[int], b: list[int]):
    total, other = sum(a), sum(b)
    en, hi = [f"Totals: ${_sum_text(a)}$ and ${_sum_text(b)}$."], [f"योग: ${_sum_text(a)}$ और ${_sum_text(b)}$।"]
    if kind == "more":
        excess = Fraction((total - other) * 100, other)
        work = f"\\frac{{{total} - {other}}}{{{other}}} \\times 100 = {num(excess)}"
        wrong = [_percent(Fraction((total - other) * 100, total)), f"{total - other}%", _percent(excess + 5)]
        return (_percent(excess), wrong,
                [*en, f"Excess over the second total: ${work}$%. Dividing by the larger total is the usual slip."],
                [*hi, f"दूसरे योग पर आधिक्य: ${work}$%। बड़े योग से भाग देना आम गलती है।"])  # fmt: skip
    ratio = _ratio(total, other)
    return (ratio, [_small(total - a[-1], other - b[-1]), *_near(total, other)],
            [*en, f"Ratio $= {total} : {other} = {ratio}$. Reversing the order is the usual slip."],
            [*hi, f"अनुपात $= {total} : {other} = {ratio}$। क्रम उलट देना आम गलती है।"])  # fmt: skip


def _solve(p: dict):
    """(answer text, mistaken texts, English steps, Hindi steps)."""
    a, b = (p["data"][i] for i in p["series"])
    kind = p["kind"]
    if kind in ("total", "average"):
        return _read(kind, a, b)
    if kind == "change":
        return _change(a[p["years"][0]], a[p["years"][1]])
    if kind == "ratio":
        u, v = a[p["years"][0]], b[p["years"][1]]
        wrong = [_ratio(v, u), _small(a[p["years"][1]], b[p["years"][0]]), _small(u, b[p["years"][0]]), *_near(u, v)]
        return (_ratio(u, v), wrong, [f"Ratio $= {u} : {v}$; dividing both by {gcd(u, v)} gives {_ratio(u, v)}."],
                [f"अनुपात $= {u} : {v}$; दोनों को {gcd(u, v)} से भाग देने पर {_ratio(u, v)}।"])  # fmt: skip
    return _totals(kind, a, b)


@generator("quant-data-interpretation-table", "quant", "data-interpretation", "One question read from a small table")
def table_question(rng: random.Random, difficulty: str) -> Generated:
    """Easy: a total or an average; medium: a percentage change or a ratio; hard: percent more or ratio of totals."""
    params = _draw(rng, difficulty)
    theme = THEMES[params["theme"]]
    answer, mistakes, steps, hindi_steps = _solve(params)
    fallback = (
        (lambda i: f"{num(Fraction(answer[:-1]) + 5 * i)}%")
        if answer.endswith("%")
        else (
            (lambda i: f"{answer.split(' : ')[0]} : {int(answer.split(' : ')[1]) + i}")
            if ":" in answer
            else (lambda i: num(Fraction(answer) + 5 * i))
        )
    )
    wrong = choose_wrong(answer, mistakes, str, fallback)
    end = params["start"] + 4
    intro = f"The table shows {theme['en']} {_names(params, 'and')} from {params['start']} to {end}."
    hindi_intro = (
        f"निम्नलिखित तालिका {params['start']} से {end} तक {theme['hi'].format(names=_names(params, 'और'))} दर्शाती है।"
    )
    question, hindi_question = _questions(params)
    series = theme["series"]
    return assemble(
        rng,
        same(answer),
        [same(w) for w in wrong],
        stem=f"{intro}\n\n{_table(params, 'Year', series[0])}\n\n{question}",
        hindi_stem=f"{hindi_intro}\n\n{_table(params, 'वर्ष', series[1])}\n\n{hindi_question}",
        steps=steps,
        hindi_steps=hindi_steps,
        params=params,
    )
