"""Figure series: a flag turning about the centre of a square by a fixed angle each step (hard: and a dot
moving round the border by its own step); which figure comes next? Angles are clockwise from 'up'."""

from __future__ import annotations

import random

from trainer.bank.generators._bilingual import assemble
from trainer.bank.generators._figures import svg
from trainer.bank.generators.base import Generated, generator

DIRECTIONS = ("up", "up-right", "right", "down-right", "down", "down-left", "left", "up-left")
DOT_PLACES = (
    "top-left corner",
    "middle of the top side",
    "top-right corner",
    "middle of the right side",
    "bottom-right corner",
    "middle of the bottom side",
    "bottom-left corner",
    "middle of the left side",
)
HINDI_DIRECTIONS = ("ऊपर", "ऊपर-दाएँ", "दाएँ", "नीचे-दाएँ", "नीचे", "नीचे-बाएँ", "बाएँ", "ऊपर-बाएँ")
HINDI_DOT_PLACES = (
    "ऊपरी-बाएँ कोने",
    "ऊपरी भुजा के मध्य",
    "ऊपरी-दाएँ कोने",
    "दाईं भुजा के मध्य",
    "निचले-दाएँ कोने",
    "निचली भुजा के मध्य",
    "निचले-बाएँ कोने",
    "बाईं भुजा के मध्य",
)
HINDI_TURN = {1: "दक्षिणावर्त", -1: "वामावर्त"}
LABELS = {  # what a drawing is, (English, Hindi)
    "figure": ("Figure {}", "आकृति {}"),
    "answer": ("Answer figure", "उत्तर आकृति"),
    "next": ("Next figure: unknown", "अगली आकृति: अज्ञात"),
}
FLAG = {False: "30,10 38,14 30,18", True: "30,10 22,14 30,18"}  # pennant clockwise side / flipped
LEVELS = {"easy": (3, [90], False), "medium": (4, [45, 135], False), "hard": (4, [45, 90, 135], True)}


def draw(state: tuple, label: str, language: int, size: int = 70) -> str:
    """state = (flag angle, flipped, dot angle or None); described in English (language 0) or Hindi (1)."""
    angle, flipped, dot_angle = state
    body = '<rect x="2" y="2" width="56" height="56" fill="none" stroke="black"/>'
    body += f'<g transform="rotate({angle} 30 30)"><line x1="30" y1="30" x2="30" y2="10" stroke="black" '
    body += f'stroke-width="2"/><polygon points="{FLAG[flipped]}"/></g>'
    if dot_angle is not None:  # the dot starts in the top-left corner
        body += f'<g transform="rotate({dot_angle} 30 30)"><circle cx="14" cy="14" r="3.5"/></g>'
    return svg(body, f"{label}: {describe(state, language)}", size)


def describe(state: tuple, language: int = 0) -> str:
    angle, flipped, dot_angle = state
    if language == 0:
        side = "anticlockwise" if flipped else "clockwise"
        text = f"flag pointing {DIRECTIONS[angle // 45]}, pennant on its {side} side"
        return text + (f", dot at the {DOT_PLACES[dot_angle // 45]}" if dot_angle is not None else "")
    side = HINDI_TURN[-1 if flipped else 1]
    text = f"झंडा {HINDI_DIRECTIONS[angle // 45]} की ओर, तिकोना भाग {side} दिशा की ओर"
    return text + (f", बिंदु {HINDI_DOT_PLACES[dot_angle // 45]} पर" if dot_angle is not None else "")


def series(params: dict, language: int) -> str:
    """The figures shown, then a square with a question mark for the next one (the ? is part of the puzzle)."""
    name = LABELS["figure"][language]
    shown = [draw(state_at(params, i), name.format(i + 1), language) for i in range(params["shown"])]
    unknown = LABELS["next"][language]
    shown.append(
        f'<svg viewBox="0 0 60 60" width="70" height="70" role="img" aria-label="{unknown}">'
        '<rect x="2" y="2" width="56" height="56" fill="none" stroke="black"/>'
        '<text x="30" y="38" font-size="24" text-anchor="middle">?</text></svg>'
    )
    return " ".join(shown)


def answer_figure(state: tuple) -> tuple[str, str]:
    """One answer figure for the English and the Hindi text: the same drawing, described in each language."""
    return draw(state, LABELS["answer"][0], 0, 80), draw(state, LABELS["answer"][1], 1, 80)


def plan(rng: random.Random, difficulty: str) -> dict:
    shown, steps, with_dot = LEVELS[difficulty]
    params = {"shown": shown, "flag_start": 45 * rng.randrange(8), "flag_step": rng.choice(steps)}
    params["flag_turn"] = rng.choice([1, -1])  # 1 clockwise, -1 anticlockwise
    if with_dot:
        params.update(dot_start=45 * rng.randrange(8), dot_step=rng.choice([45, 90]), dot_turn=-params["flag_turn"])
    return params


def state_at(params: dict, i: int, flag_shift: int = 0, dot_shift: int = 0, flipped: bool = False) -> tuple:
    """The i-th figure (0 = first); a shift of -2 at the next step models turning the wrong way."""
    flag = (params["flag_start"] + params["flag_turn"] * params["flag_step"] * (i + flag_shift)) % 360
    dot = None
    if "dot_start" in params:
        dot = (params["dot_start"] + params["dot_turn"] * params["dot_step"] * (i + dot_shift)) % 360
    return flag, flipped, dot


@generator("reasoning-series-figure-rotation", "reasoning", "series", "Figure series: what comes next")
def next_figure(rng: random.Random, difficulty: str) -> Generated:
    """Options: the next figure; the flag turned the wrong way, one step too far, or with its pennant flipped
    (hard: the dot moved the wrong way instead of the flag turned too far)."""
    params = plan(rng, difficulty)
    n = params["shown"]
    answer = state_at(params, n)
    wrong = [state_at(params, n, flag_shift=-2), state_at(params, n, flipped=True)]
    wrong.append(state_at(params, n, dot_shift=-2) if "dot_start" in params else state_at(params, n, 1))
    return assemble(
        rng,
        answer_figure(answer),
        [answer_figure(w) for w in wrong],
        stem=f"Which answer figure will come next in the given series?\n\n{series(params, 0)}",
        hindi_stem=f"दी गई श्रृंखला में आगे कौन-सी उत्तर आकृति आएगी?\n\n{series(params, 1)}",
        steps=english_steps(params, answer),
        hindi_steps=hindi_steps(params, answer),
        params=params,
    )


def english_steps(params: dict, answer: tuple) -> list[str]:
    turn = {1: "clockwise", -1: "anticlockwise"}
    lines = [
        f"The flag turns {params['flag_step']}° {turn[params['flag_turn']]} at every step, keeping its pennant on "
        f"the same side, so the next figure has the flag pointing {DIRECTIONS[answer[0] // 45]}."
    ]
    if "dot_start" in params:
        lines.append(
            f"The dot moves {params['dot_step']}° {turn[params['dot_turn']]} round the square at every step, "
            f"so next it sits at the {DOT_PLACES[answer[2] // 45]}."
        )
    slip = (
        "turning the flag or the dot the wrong way"
        if "dot_start" in params
        else "turning the other way, one step too far"
    )
    lines.append(f"The other figures come from {slip}, or drawing the pennant on the wrong side.")
    return lines


def hindi_steps(params: dict, answer: tuple) -> list[str]:
    lines = [
        f"झंडा हर चरण में {params['flag_step']}° {HINDI_TURN[params['flag_turn']]} घूमता है और उसका तिकोना "
        "भाग उसी ओर रहता है।"
    ]
    if "dot_start" in params:
        lines.append(f"बिंदु हर चरण में वर्ग के चारों ओर {params['dot_step']}° {HINDI_TURN[params['dot_turn']]} खिसकता है।")
    slip = "झंडे या बिंदु को उलटी दिशा में घुमाना" if "dot_start" in params else "उलटी दिशा में या एक चरण अधिक घुमाना"
    lines.append(f"{slip}, या तिकोना भाग गलत ओर बनाना, बाकी विकल्पों की गलतियाँ हैं।")
    lines.insert(1, f"इसलिए अगली आकृति में झंडा {HINDI_DIRECTIONS[answer[0] // 45]} की ओर होगा।")
    return lines
