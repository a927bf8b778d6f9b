"""Importing many items costs a fixed number of reads and flushes, not a few per item (a web import of 1,000 GIFT
items ran two flushes and a query per item)."""

import random
from pathlib import Path

from sqlalchemy import func, select

from tests.factories import count_queries
from trainer.bank.interchange.service import apply_plan, prepare
from trainer.bank.models import Question, QuestionVersion
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.config import PROJECT_ROOT

TAXONOMY = load_taxonomy(find_taxonomy(PROJECT_ROOT / "question_bank"))
WORDS = [f"w{n}x{random.Random(n).randrange(10**6)}" for n in range(3000)]


def gift(prefix: str, count: int, seed: int) -> str:
    """`count` distinct four-option questions (no two alike enough to be near-duplicates)."""
    rng = random.Random(seed)
    items = ["$CATEGORY: quant/percentage", ""]
    for n in range(count):
        options = [" ".join(rng.choices(WORDS, k=3)) for _ in range(4)]
        items.append(f"::{prefix}-{n}:: {' '.join(rng.choices(WORDS, k=14))}? {{={options[0]} ~{options[1]}")
        items.append(f"~{options[2]} ~{options[3]} ####Because {' '.join(rng.choices(WORDS, k=6))}.}}\n")
    return "\n".join(items)


def imported(session, tmp_path: Path, text: str) -> list[str]:
    """The statements the commit of an import of `text` ran (the dry run before it is not counted)."""
    path = tmp_path / "q.gift"
    path.write_text(text, encoding="utf-8")
    reading, plan = prepare(session, path, "gift", {}, TAXONOMY)
    assert not reading.errors, reading.errors[:3]
    with count_queries() as statements:
        apply_plan(session, reading.check, plan, TAXONOMY)
    session.commit()
    return statements


def reads_and_updates(statements: list[str]) -> list[str]:
    return [s.split(" ", 2)[0] + " " + s.split(" ", 3)[2] for s in statements if not s.startswith("INSERT")]


def test_an_import_reads_and_updates_the_same_number_of_times_for_10_or_40_items(session, tmp_path):
    imported(session, tmp_path, gift("warm", 1, seed=0))  # the topics are written once, by the first import
    small = imported(session, tmp_path, gift("small", 10, seed=1))
    large = imported(session, tmp_path, gift("large", 40, seed=2))

    assert reads_and_updates(small) == reads_and_updates(large)
    assert len([s for s in large if s.startswith("INSERT")]) <= 1 + 2 * 40  # a question and a version each at most
    assert session.scalar(select(func.count(Question.id))) == 51
    newest = session.scalars(select(Question).where(Question.uid.startswith("large-"))).all()
    assert all(q.current_version_id == q.versions[-1].id and q.draw_key is not None for q in newest)


def test_reimporting_changed_items_adds_versions_without_a_query_per_item(session, tmp_path):
    imported(session, tmp_path, gift("item", 30, seed=3))
    changed = gift("item", 30, seed=3).replace("Because", "Since")
    again = imported(session, tmp_path, changed)

    assert len([s for s in again if s.startswith("SELECT")]) <= 5
    assert session.scalar(select(func.count(QuestionVersion.id))) == 60
    assert {q.versions[-1].number for q in session.scalars(select(Question))} == {2}
