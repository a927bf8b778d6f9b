"""How long scoring a DEST passage takes: every bundled test passage, typed with a given share of errors.

    python benchmarks/typing_evaluation.py [--error-rate 0.08] [--seed 1]

Prints the median and slowest time per passage. Nothing asserts on it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from trainer.skills.evaluation import compare, evaluate
from trainer.skills.passages import library


def mistype(passage: str, rate: float, rng: random.Random) -> str:
    """The passage with about `rate` of its words omitted, doubled, misspelt or lower-cased, in equal shares."""
    typed = []
    for word in passage.split():
        roll = rng.random()
        if roll < rate / 4:
            continue
        if roll < rate / 2:
            typed += [word, word]
        elif roll < 3 * rate / 4 and len(word) > 3:
            typed.append(word[:-2] + word[-1])
        elif roll < rate:
            typed.append(word.lower())
        else:
            typed.append(word)
    return " ".join(typed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--error-rate", type=float, default=0.08)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    timings, errors = [], []
    for passage in (p for p in library().values() if p.kind == "test"):
        typed = mistype(passage.text, args.error_rate, rng)
        compare.cache_clear()  # each passage from cold, as a fresh worker would
        start = time.perf_counter()
        result = evaluate(passage.text, typed, 900, 15, "UR")
        timings.append(time.perf_counter() - start)
        errors.append(result.error_pct)
    print(f"{len(timings)} test passages, about {args.error_rate:.0%} of words mistyped")
    print(f"scoring time: median {statistics.median(timings) * 1000:.0f} ms, slowest {max(timings) * 1000:.0f} ms")
    print(f"error %: median {statistics.median(errors):.2f}, range {min(errors):.2f}-{max(errors):.2f}")


if __name__ == "__main__":
    main()
