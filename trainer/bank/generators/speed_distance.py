"""Time, speed and distance: trains crossing a pole, a platform or another train (km/h → m/s), and boats in a
stream (downstream adds the speeds, upstream subtracts them)."""

from __future__ import annotations

import random
from fractions import Fraction
from math import lcm

from trainer.bank.generators._quant import build, retry, show, tex
from trainer.bank.generators.base import Generated, generator

KMH = [36, 54, 72, 90, 108, 126]  # multiples of 18: whole metres per second


def ms(kmh) -> Fraction:
    return Fraction(kmh) * 5 / 18


def unit(en: str, hi: str):
    return (lambda v: f"{show(v)} {en}"), (lambda v: f"{show(v)} {hi}")


def _trains(rng: random.Random, difficulty: str) -> dict:
    def draw(r):
        t = r.randint(6, 30)
        if difficulty == "easy":
            return {"kind": "pole", "length": int(t * ms(r.choice(KMH))), "seconds": t}
        if difficulty == "medium":
            speed = r.choice(KMH)
            length = 10 * r.randint(10, 40)
            return {"kind": "platform", "length": length, "speed": speed, "platform": int(t * ms(speed)) - length}
        relative, opposite = r.choice(KMH), r.random() < 0.5
        v2 = 9 * r.randint(3, 8) if not opposite else 9 * r.randint(2, relative // 9 - 2)
        v1 = relative - v2 if opposite else relative + v2
        total = int(t * ms(relative))
        first = 10 * r.randint(8, max(8, total // 10 - 8))
        return {"kind": "trains", "lengths": [first, total - first], "speeds": [v1, v2], "opposite": opposite}

    def ok(p):
        if p["kind"] == "pole":
            return 100 <= p["length"] <= 600
        if p["kind"] == "platform":
            return 100 <= p["platform"] <= 800
        lengths, speeds = p["lengths"], p["speeds"]
        return min(lengths) >= 80 and max(lengths) <= 500 and max(speeds) <= 126 and speeds[0] != speeds[1]

    return retry(rng, draw, ok)


def _pole(p: dict):
    L, t = p["length"], p["seconds"]
    speed = Fraction(L, t)
    answer = speed * 18 / 5
    stem = f"A train {L} m long passes a pole in {t} seconds. What is its speed in km/h?"
    hindi_stem = f"{L} मीटर लंबी एक रेलगाड़ी एक खंभे को {t} सेकंड में पार करती है। उसकी चाल किमी/घंटा में क्या है?"
    steps = [
        f"Passing a pole, the train covers its own length: speed $= \\frac{{{L}}}{{{t}}} = {tex(speed)}$ m/s.",
        f"In km/h: $ {tex(speed)} \\times \\frac{{18}}{{5}} = {tex(answer)}$. Stopping at m/s, or multiplying by "
        "5/18, are the usual slips.",
    ]
    hindi_steps = [
        f"खंभे को पार करने में रेलगाड़ी अपनी लंबाई तय करती है: चाल $= \\frac{{{L}}}{{{t}}} = {tex(speed)}$ मीटर/सेकंड।",
        f"किमी/घंटा में: $ {tex(speed)} \\times \\frac{{18}}{{5}} = {tex(answer)}$। मीटर/सेकंड पर रुक जाना या 5/18 "
        "से गुणा करना आम गलती है।",
    ]
    return stem, hindi_stem, steps, hindi_steps, answer, [speed, speed * 5 / 18, answer + 18], unit("km/h", "किमी/घंटा")


def _platform(p: dict):
    L, v, P = p["length"], p["speed"], p["platform"]
    answer = (L + P) / ms(v)
    stem = f"A train {L} m long is running at {v} km/h. How long will it take to cross a platform {P} m long?"
    hindi_stem = (
        f"{L} मीटर लंबी एक रेलगाड़ी {v} किमी/घंटा की चाल से चल रही है। वह {P} मीटर लंबे प्लेटफॉर्म को कितने समय में पार करेगी?"
    )
    steps = [
        f"Speed $= {v} \\times \\frac{{5}}{{18}} = {tex(ms(v))}$ m/s.",
        f"To cross the platform the train covers its length plus the platform: $ {L} + {P} = {L + P}$ m.",
        f"Time $= \\frac{{{L + P}}}{{{tex(ms(v))}}} = {tex(answer)}$ seconds. Leaving out the train's own length "
        "is the usual slip.",
    ]
    hindi_steps = [
        f"चाल $= {v} \\times \\frac{{5}}{{18}} = {tex(ms(v))}$ मीटर/सेकंड।",
        f"प्लेटफॉर्म पार करने में दूरी = रेलगाड़ी की लंबाई + प्लेटफॉर्म: $ {L} + {P} = {L + P}$ मीटर।",
        f"समय $= \\frac{{{L + P}}}{{{tex(ms(v))}}} = {tex(answer)}$ सेकंड। रेलगाड़ी की अपनी लंबाई छोड़ देना आम गलती है।",
    ]
    slips = [P / ms(v), L / ms(v), Fraction(L + P, v)]
    return stem, hindi_stem, steps, hindi_steps, answer, slips, unit("seconds", "सेकंड")


def _two_trains(p: dict):
    (L1, L2), (v1, v2), opposite = p["lengths"], p["speeds"], p["opposite"]
    relative = v1 + v2 if opposite else v1 - v2
    wrong = v1 - v2 if opposite else v1 + v2
    answer = (L1 + L2) / ms(relative)
    way, hway = ("opposite directions", "विपरीत दिशाओं") if opposite else ("the same direction", "एक ही दिशा")
    stem = (
        f"Two trains {L1} m and {L2} m long are running on parallel tracks in {way} at {v1} km/h and {v2} km/h. "
        "How long will they take to cross each other?"
    )
    hindi_stem = (
        f"{L1} मीटर और {L2} मीटर लंबी दो रेलगाड़ियाँ समानांतर पटरियों पर {hway} में {v1} किमी/घंटा और {v2} किमी/घंटा "
        "की चाल से चल रही हैं। वे एक-दूसरे को कितने समय में पार करेंगी?"
    )
    sign, rule = ("+", "add") if opposite else ("-", "subtract")
    hrule = "जोड़ें" if opposite else "घटाएँ"
    steps = [
        f"In {way} the speeds {rule}: relative speed $= {v1} {sign} {v2} = {relative}$ km/h "
        f"$= {relative} \\times \\frac{{5}}{{18}} = {tex(ms(relative))}$ m/s.",
        f"Distance = sum of the lengths $= {L1} + {L2} = {L1 + L2}$ m; time $= "
        f"\\frac{{{L1 + L2}}}{{{tex(ms(relative))}}} "
        f"= {tex(answer)}$ seconds.",
        "Adding the speeds for trains going the same way (or subtracting for opposite ways) is the usual slip.",
    ]
    hindi_steps = [
        f"{hway} में चालें {hrule}: सापेक्ष चाल $= {v1} {sign} {v2} = {relative}$ किमी/घंटा "
        f"$= {relative} \\times \\frac{{5}}{{18}} = {tex(ms(relative))}$ मीटर/सेकंड।",
        f"दूरी = लंबाइयों का योग $= {L1} + {L2} = {L1 + L2}$ मीटर; समय $= \\frac{{{L1 + L2}}}{{{tex(ms(relative))}}} "
        f"= {tex(answer)}$ सेकंड।",
        "एक ही दिशा में चालें जोड़ देना (या विपरीत दिशा में घटा देना) आम गलती है।",
    ]
    slips = [(L1 + L2) / ms(wrong), L1 / ms(relative), Fraction(L1 + L2, relative)]
    return stem, hindi_stem, steps, hindi_steps, answer, slips, unit("seconds", "सेकंड")


@generator("quant-speed-distance-trains", "quant", "speed-distance", "Trains: pole, platform, another train")
def trains(rng: random.Random, difficulty: str) -> Generated:
    """Easy: speed from a pole; medium: time to cross a platform; hard: two trains, same or opposite directions."""
    p = _trains(rng, difficulty)
    make = {"pole": _pole, "platform": _platform, "trains": _two_trains}[p["kind"]]
    stem, hindi_stem, steps, hindi_steps, answer, slips, (en, hi) = make(p)
    return build(
        rng, answer, slips, stem=stem, hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps, params=p,
        en=en, hi=hi, fallback=lambda i: answer + i,
    )  # fmt: skip


def _boats(rng: random.Random, difficulty: str) -> dict:
    def draw(r):
        b, s = r.randint(6, 24), r.randint(1, 6)
        if difficulty == "easy":
            return {"kind": "speeds", "boat": b, "stream": s, "hours": [r.randint(2, 8), r.randint(2, 8)]}
        if difficulty == "medium":
            return {"kind": "time", "boat": b, "stream": s, "distance": r.randint(1, 6) * lcm(b - s, b + s)}
        return {"kind": "distance", "boat": b, "stream": s, "hours": r.randint(3, 12)}

    def ok(p):
        b, s = p["boat"], p["stream"]
        if not 2 * s < b:
            return False
        if p["kind"] == "time":
            time = Fraction(p["distance"], b - s) + Fraction(p["distance"], b + s)
            return p["distance"] <= 240 and time.denominator == 1 and time <= 30
        if p["kind"] == "distance":
            return (Fraction(p["hours"] * (b * b - s * s), 2 * b)).denominator == 1
        return True

    p = retry(rng, draw, ok)
    if p["kind"] == "speeds":
        p["distances"] = [(p["boat"] + p["stream"]) * p["hours"][0], (p["boat"] - p["stream"]) * p["hours"][1]]
        del p["boat"], p["stream"]  # the candidate is given distances and times only
    return p


def _boat_speeds(p: dict):
    (down, up), (t1, t2) = p["distances"], p["hours"]
    d, u = Fraction(down, t1), Fraction(up, t2)
    answer = (d - u) / 2
    stem = (
        f"A boat goes {down} km downstream in {t1} hours and {up} km upstream in {t2} hours. "
        "What is the speed of the stream?"
    )
    hindi_stem = (
        f"एक नाव धारा के अनुकूल {down} किमी {t1} घंटे में और धारा के प्रतिकूल {up} किमी {t2} घंटे में जाती है। धारा की चाल क्या है?"
    )
    steps = [
        f"Downstream speed $= \\frac{{{down}}}{{{t1}}} = {tex(d)}$ km/h; upstream speed $= "
        f"\\frac{{{up}}}{{{t2}}} = {tex(u)}$ km/h.",
        f"Stream speed $= \\frac{{{tex(d)} - {tex(u)}}}{{2}} = {tex(answer)}$ km/h (half the sum, {show((d + u) / 2)}, "
        "is the boat's speed; forgetting to halve is the other slip).",
    ]
    hindi_steps = [
        f"अनुकूल चाल $= \\frac{{{down}}}{{{t1}}} = {tex(d)}$ किमी/घंटा; प्रतिकूल चाल $= \\frac{{{up}}}{{{t2}}} "
        f"= {tex(u)}$ किमी/घंटा।",
        f"धारा की चाल $= \\frac{{{tex(d)} - {tex(u)}}}{{2}} = {tex(answer)}$ किमी/घंटा (योग का आधा, "
        f"{show((d + u) / 2)}, "
        "नाव की चाल है; आधा न करना दूसरी आम गलती है)।",
    ]
    return stem, hindi_stem, steps, hindi_steps, answer, [(d + u) / 2, d - u, u], unit("km/h", "किमी/घंटा")


def _round_trip_time(p: dict):
    b, s, D = p["boat"], p["stream"], p["distance"]
    answer = Fraction(D, b - s) + Fraction(D, b + s)
    stem = (
        f"The speed of a boat in still water is {b} km/h and the speed of the stream is {s} km/h. How long will "
        f"the boat take to go {D} km upstream and come back?"
    )
    hindi_stem = (
        f"शांत जल में एक नाव की चाल {b} किमी/घंटा है और धारा की चाल {s} किमी/घंटा है। नाव को धारा के प्रतिकूल {D} "
        "किमी जाने और वापस आने में कितना समय लगेगा?"
    )
    work = (
        f"\\frac{{{D}}}{{{b - s}}} + \\frac{{{D}}}{{{b + s}}} = {tex(Fraction(D, b - s))} + "
        f"{tex(Fraction(D, b + s))} = {tex(answer)}"
    )
    steps = [
        f"Upstream speed $= {b} - {s} = {b - s}$ km/h, downstream speed $= {b} + {s} = {b + s}$ km/h.",
        f"Total time $= {work}$ hours. Ignoring the stream ($\\frac{{{2 * D}}}{{{b}}}$) is the usual slip.",
    ]
    hindi_steps = [
        f"प्रतिकूल चाल $= {b} - {s} = {b - s}$ किमी/घंटा, अनुकूल चाल $= {b} + {s} = {b + s}$ किमी/घंटा।",
        f"कुल समय $= {work}$ घंटे। धारा को अनदेखा करना ($\\frac{{{2 * D}}}{{{b}}}$) आम गलती है।",
    ]
    slips = [Fraction(2 * D, b), Fraction(2 * D, b - s), Fraction(2 * D, b + s), Fraction(D, b - s)]
    return stem, hindi_stem, steps, hindi_steps, answer, slips, unit("hours", "घंटे")


def _round_trip_distance(p: dict):
    b, s, T = p["boat"], p["stream"], p["hours"]
    answer = Fraction(T * (b * b - s * s), 2 * b)
    stem = (
        f"A boat whose speed in still water is {b} km/h goes to a place and comes back in {T} hours in all. "
        f"If the speed of the stream is {s} km/h, how far is the place?"
    )
    hindi_stem = (
        f"शांत जल में {b} किमी/घंटा की चाल वाली एक नाव किसी स्थान तक जाकर वापस आने में कुल {T} घंटे लेती है। यदि धारा की "
        f"चाल {s} किमी/घंटा है, तो वह स्थान कितनी दूर है?"
    )
    work = f"\\frac{{D}}{{{b + s}}} + \\frac{{D}}{{{b - s}}} = {T}"
    solve = f"D = \\frac{{{T} \\times {b + s} \\times {b - s}}}{{{2 * b}}} = {tex(answer)}"
    steps = [
        f"Downstream {b + s} km/h, upstream {b - s} km/h, so $ {work}$.",
        f"$ {solve}$ km. Using the still-water speed for both ways is the usual slip.",
    ]
    hindi_steps = [
        f"अनुकूल चाल {b + s} किमी/घंटा, प्रतिकूल चाल {b - s} किमी/घंटा, अतः $ {work}$।",
        f"$ {solve}$ किमी। दोनों ओर शांत जल की चाल लेना आम गलती है।",
    ]
    slips = [Fraction(T * b, 2), Fraction(T * (b - s), 2), Fraction(T * (b + s), 2), 2 * answer]
    return stem, hindi_stem, steps, hindi_steps, answer, slips, unit("km", "किमी")


@generator("quant-speed-distance-boats", "quant", "speed-distance", "Boats and streams (upstream, downstream)")
def boats(rng: random.Random, difficulty: str) -> Generated:
    """Easy: stream speed from two trips; medium: time of a round trip; hard: distance from a round trip's time."""
    p = _boats(rng, difficulty)
    make = {"speeds": _boat_speeds, "time": _round_trip_time, "distance": _round_trip_distance}[p["kind"]]
    stem, hindi_stem, steps, hindi_steps, answer, slips, (en, hi) = make(p)
    return build(
        rng, answer, slips, stem=stem, hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps, params=p,
        en=en, hi=hi, fallback=lambda i: answer + i,
    )  # fmt: skip
