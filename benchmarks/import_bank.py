"""Import N generated GIFT questions (dry run, then commit) on a fresh SQLite database; print items/s and peak memory.

    python benchmarks/import_bank.py                # 10,000 items
    python benchmarks/import_bank.py --items 2000 --no-trace

Peak memory is Python's own allocations (tracemalloc), which slows the run down: --no-trace times it without.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trainer import create_app  # noqa: E402
from trainer.bank.interchange.service import apply_plan, prepare  # noqa: E402
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy  # noqa: E402
from trainer.extensions import db  # noqa: E402
from trainer.schema import upgrade  # noqa: E402

TOPICS = ["quant/percentage", "quant/profit-loss", "reasoning/series", "english/synonyms", "awareness/polity"]


def generate(count: int, seed: int = 1) -> str:
    """A GIFT file of `count` distinct four-option questions over a few topics, each with general feedback."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}x{rng.randrange(10**6)}" for n in range(5000)]
    out = []
    for topic_index, topic in enumerate(TOPICS):
        out += [f"$CATEGORY: {topic}", ""]
        for n in range(topic_index, count, len(TOPICS)):
            stem = " ".join(rng.choices(vocabulary, k=14))
            options = [" ".join(rng.choices(vocabulary, k=3)) for _ in range(4)]
            out.append(f"::bench-{n}::[markdown]Question {n}: {stem}? {{")
            out += [f"\t={options[0]} # right", *(f"\t~{o}" for o in options[1:])]
            out += [f"\t####Because {' '.join(rng.choices(vocabulary, k=8))}.", "}", ""]
    return "\n".join(out)


def phase(label: str, count: int, work) -> object:
    if tracemalloc.is_tracing():
        tracemalloc.reset_peak()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    peak = f", peak {tracemalloc.get_traced_memory()[1] / 1e6:.0f} MB" if tracemalloc.is_tracing() else ""
    print(f"{label:<10} {count} items in {seconds:6.2f} s = {count / seconds:8.0f} items/s{peak}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--no-trace", action="store_true", help="do not measure memory (tracemalloc slows the run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bank.gift"
        source.write_text(generate(args.items), encoding="utf-8")
        print(f"{source.stat().st_size / 1e6:.1f} MB of GIFT, {args.items} questions")
        app = create_app({"DATABASE_URL": f"sqlite:///{tmp}/bench.db", "SECRET_KEY": "bench", "TESTING": True})
        with app.app_context():
            upgrade(db.engine)
            taxonomy = load_taxonomy(find_taxonomy(Path(app.config["BANK_PATH"])))
            if not args.no_trace:
                tracemalloc.start()

            def dry_run():  # what `bank import --dry-run` does: read, gates, compare with the database
                reading, plan = prepare(db.session, source, "gift", {}, taxonomy)
                assert not reading.errors and not reading.unsupported, reading.errors[:3]
                return reading, plan

            reading, plan = phase("dry run", args.items, dry_run)

            def commit():
                report = apply_plan(db.session, reading.check, plan, taxonomy)
                db.session.commit()
                return report

            print(f"           {plan.summary()}; {len(reading.drafts)} draft(s)")
            report = phase("commit", args.items, commit)
            print(f"           {report}")
            db.session.remove()


if __name__ == "__main__":
    main()
