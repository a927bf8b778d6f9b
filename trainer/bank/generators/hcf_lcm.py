"""HCF and LCM: bells that ring together again (LCM) and the largest square tile for a floor (HCF)."""

from __future__ import annotations

import random
from math import gcd, lcm

from trainer.bank.generators._quant import build, retry, show
from trainer.bank.generators.base import Generated, generator

INTERVALS = [4, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 25, 30, 36, 40, 45, 48, 60]
TILE_SIDES = [12, 15, 16, 18, 20, 21, 24, 25, 30, 32, 35, 36, 40, 45]


def unit(en: str, hi: str):
    return (lambda v: f"{show(v)} {en}".strip()), (lambda v: f"{show(v)} {hi}".strip())


def _draw(rng: random.Random, difficulty: str) -> dict:
    if rng.random() < 0.5:
        count = 2 if difficulty == "easy" else 3

        def draw(r):
            return {"kind": "bells", "intervals": sorted(r.sample(INTERVALS, count)), "ask": difficulty}

        def ok(p):
            together = lcm(*p["intervals"])
            if together in p["intervals"] or together > 720:
                return False
            return {"easy": True, "medium": together % 60 == 0, "hard": 3600 % together == 0}[difficulty]

        return retry(rng, draw, ok)

    def draw_tiles(r):
        side = r.choice(TILE_SIDES)
        b, a = sorted(r.sample(range(5, 40), 2))
        return {"kind": "tiles", "length": side * a, "breadth": side * b, "ask": difficulty}

    def ok_tiles(p):
        side = gcd(p["length"], p["breadth"])
        low, high = (200, 800) if difficulty == "easy" else (500, 1200)
        return low <= p["length"] <= high and side >= 12 and p["length"] * p["breadth"] // side**2 <= 600

    return retry(rng, draw_tiles, ok_tiles)


def length_text(value: int, metres: bool) -> tuple[str, str]:
    """A length in cm, or as `7 m 20 cm` when the question gives metres."""
    if not metres:
        return f"{value} cm", f"{value} सेमी"
    m, rest = divmod(value, 100)
    if not rest:
        return f"{m} m", f"{m} मीटर"
    return f"{m} m {rest} cm", f"{m} मीटर {rest} सेमी"


def _bell_question(p: dict):
    times, ask = p["intervals"], p["ask"]
    together = lcm(*times)
    listed = ", ".join(map(str, times[:-1]))
    lcm_tex = f"$\\mathrm{{LCM}}({', '.join(map(str, times))}) = {together}$"
    opening = (
        f"{len(times)} bells ring at intervals of {listed} and {times[-1]} seconds respectively. They ring "
        "together at 8 a.m."
    )
    hopening = f"{len(times)} घंटियाँ क्रमशः {listed} और {times[-1]} सेकंड के अंतराल पर बजती हैं। वे सुबह 8 बजे एक साथ बजती हैं।"
    steps, hindi_steps = [f"They ring together every {lcm_tex} seconds."], [f"वे हर {lcm_tex} सेकंड पर साथ बजती हैं।"]
    if ask == "hard":
        answer = 3600 // together
        stem = f"{opening} How many more times will they ring together in the next 1 hour?"
        hindi_stem = f"{hopening} अगले 1 घंटे में वे कितनी बार और एक साथ बजेंगी?"
        steps.append(f"In 3600 seconds: $3600 \\div {together} = {answer}$ more times.")
        steps.append("Counting the ring at 8 a.m. as well (one more) is the usual off-by-one slip.")
        hindi_steps.append(f"3600 सेकंड में: $3600 \\div {together} = {answer}$ बार और।")
        hindi_steps.append("सुबह 8 बजे वाली बार को भी गिन लेना (एक अधिक) आम गलती है।")
        partial = lcm(*times[:2])
        return stem, hindi_stem, steps, hindi_steps, answer, [answer + 1, answer - 1, 3600 // partial], unit("", "")
    if ask == "medium":
        answer = together // 60
        stem = f"{opening} After how many minutes will they next ring together?"
        hindi_stem = f"{hopening} कितने मिनट बाद वे फिर एक साथ बजेंगी?"
        steps.append(f"$ {together} \\div 60 = {answer}$ minutes.")
        hindi_steps.append(f"$ {together} \\div 60 = {answer}$ मिनट।")
        partial = lcm(*times[:2])
        slips = [together, partial // 60 if partial % 60 == 0 else None, answer * 2, answer + 1]  # unconverted seconds
        return stem, hindi_stem, steps, hindi_steps, answer, slips, unit("minutes", "मिनट")
    stem = f"{opening} After how many seconds will they next ring together?"
    hindi_stem = f"{hopening} कितने सेकंड बाद वे फिर एक साथ बजेंगी?"
    steps.append("Taking the HCF, or simply multiplying the intervals, are the usual slips.")
    hindi_steps.append("HCF लेना या अंतरालों का गुणा कर देना आम गलती है।")
    slips = [times[0] * times[1], gcd(*times), sum(times)]
    return stem, hindi_stem, steps, hindi_steps, together, slips, unit("seconds", "सेकंड")


def _tile_question(p: dict):
    L, B, ask = p["length"], p["breadth"], p["ask"]
    side = gcd(L, B)
    (len_en, len_hi), (br_en, br_hi) = length_text(L, ask != "easy"), length_text(B, ask != "easy")
    room = f"The floor of a room is {len_en} long and {br_en} wide."
    hroom = f"एक कमरे का फर्श {len_hi} लंबा और {br_hi} चौड़ा है।"
    steps = [f"Largest square tile side $= \\mathrm{{HCF}}({L}, {B}) = {side}$ cm (lengths in cm)."]
    hindi_steps = [f"सबसे बड़ी वर्गाकार टाइल की भुजा $= \\mathrm{{HCF}}({L}, {B}) = {side}$ सेमी (लंबाइयाँ सेमी में)।"]
    if ask != "hard":
        stem = f"{room} What is the side of the largest square tile that can pave it exactly (without cutting tiles)?"
        hindi_stem = f"{hroom} बिना काटे पूरा फर्श ढकने वाली सबसे बड़ी वर्गाकार टाइल की भुजा कितनी होगी?"
        steps.append("A smaller common factor, or the difference of the sides, does not give the largest tile.")
        hindi_steps.append("छोटा सार्व गुणनखंड या भुजाओं का अंतर सबसे बड़ी टाइल नहीं देता।")
        slips = [side // 2 if side % 2 == 0 else None, side // 3 if side % 3 == 0 else None, L - B, 2 * side, 3 * side]
        return stem, hindi_stem, steps, hindi_steps, side, slips, unit("cm", "सेमी")
    answer = (L // side) * (B // side)
    stem = f"{room} What is the least number of equal square tiles needed to pave it exactly?"
    hindi_stem = f"{hroom} पूरा फर्श ढकने के लिए समान आकार की कम से कम कितनी वर्गाकार टाइलें लगेंगी?"
    steps.append(
        f"Number of tiles $= \\frac{{{L}}}{{{side}}} \\times \\frac{{{B}}}{{{side}}} = {L // side} \\times "
        f"{B // side} = {answer}$."
    )
    steps.append("Dividing the area by the side (not by the side squared) is the usual slip.")
    hindi_steps.append(
        f"टाइलों की संख्या $= \\frac{{{L}}}{{{side}}} \\times \\frac{{{B}}}{{{side}}} = {L // side} \\times "
        f"{B // side} = {answer}$।"
    )
    hindi_steps.append("क्षेत्रफल को भुजा के वर्ग के बजाय भुजा से भाग देना आम गलती है।")
    slips = [L * B // side, L // side + B // side, 4 * answer if side % 2 == 0 else None, 2 * (L // side + B // side)]
    return stem, hindi_stem, steps, hindi_steps, answer, slips, unit("", "")


@generator("quant-hcf-lcm-bells-tiles", "quant", "hcf-lcm", "Bells ringing together (LCM), largest square tile (HCF)")
def bells_and_tiles(rng: random.Random, difficulty: str) -> Generated:
    """Bells: easy two bells (seconds), medium three (minutes), hard how many times in an hour (off-by-one).
    Tiles: easy sides in cm, medium in metres and cm, hard the least number of tiles."""
    p = _draw(rng, difficulty)
    make = _bell_question if p["kind"] == "bells" else _tile_question
    stem, hindi_stem, steps, hindi_steps, answer, slips, (en, hi) = make(p)
    return build(
        rng, answer, slips, stem=stem, hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps, params=p,
        en=en, hi=hi, fallback=lambda i: answer + i,
    )  # fmt: skip
