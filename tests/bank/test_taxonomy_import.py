"""Topics in the database follow taxonomy.yaml: names and weights are updated by every import and every start."""

from sqlalchemy import select

from tests.factories import question_text, write_bank
from trainer.bank.models import Topic
from trainer.bank.service import import_bank, refresh_topics
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.bank.validation import check_bank
from trainer.bootstrap import initialise
from trainer.extensions import db

# What the old flow mapping made of "Profit, loss & discount": the name cut at its first comma.
CUT = """sections:
  quant:
    papers: [tier1, tier2]
    topics:
      percentage: {name: Percentage, weights: {tier1: 1}}
      profit-loss: {name: "Profit", weights: {tier1: 1}}
"""
WHOLE = CUT.replace('"Profit"', '"Profit, loss & discount"').replace("tier1: 1}}\n", "tier1: 1-2, tier2: 3}}\n")


def topic(session, key: str) -> Topic:
    return session.scalar(select(Topic).where(Topic.key == key))


def import_folder(session, root):
    return import_bank(session, check_bank(root), load_taxonomy(find_taxonomy(root)))


def test_a_reimport_gives_existing_topics_their_whole_names_and_new_weights(session, tmp_path):
    import_folder(session, write_bank(tmp_path / "old", {"quant/p.md": question_text("q-1")}, taxonomy=CUT))
    assert topic(session, "profit-loss").name == "Profit"
    import_folder(session, write_bank(tmp_path / "new", {"quant/p.md": question_text("q-1")}, taxonomy=WHOLE))
    session.expire_all()
    assert topic(session, "profit-loss").name == "Profit, loss & discount"
    assert topic(session, "profit-loss").weights == {"tier1": "1-2", "tier2": "3"}


def test_refresh_changes_nothing_when_the_taxonomy_is_malformed(session, tmp_path):
    import_folder(session, write_bank(tmp_path / "old", {"quant/p.md": question_text("q-1")}, taxonomy=CUT))
    broken = write_bank(tmp_path / "broken", {}, taxonomy=WHOLE.replace("tier1: 1-2", "tier1: lots"))
    problems = refresh_topics(session, broken)
    assert [(p.line, p.message.split(" must")[0]) for p in problems] == [
        (5, "topic quant/percentage: weight 'lots'"),
        (6, "topic quant/profit-loss: weight 'lots'"),
    ]
    assert topic(session, "profit-loss").name == "Profit"


def test_a_start_on_an_existing_database_brings_topic_names_up_to_date(app, session, tmp_path):
    import_folder(session, write_bank(tmp_path / "old", {"quant/p.md": question_text("q-1")}, taxonomy=CUT))
    session.commit()
    app.config["BANK_PATH"] = str(write_bank(tmp_path / "new", {}, taxonomy=WHOLE))
    said: list[str] = []
    initialise(app, echo=said.append)
    db.session.remove()
    assert topic(db.session, "profit-loss").name == "Profit, loss & discount"
    assert not any("taxonomy" in line for line in said)
