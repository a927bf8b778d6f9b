"""Uploads kept between the web import's steps: owner-only, token-checked, expiring; and the categories a file
still needs mapped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from trainer.authoring import uploads
from trainer.bank.interchange.categories import DEFAULT, unplaced
from trainer.bank.interchange.items import Item
from trainer.bank.taxonomy import SectionDef, TopicDef
from trainer.core.errors import NotFound

T0 = datetime(2026, 12, 5, 7, 0, tzinfo=UTC)


def test_an_upload_is_found_by_its_owner_only_until_it_expires(tmp_path):
    stored = uploads.store(tmp_path, 7, "../../etc/My Questions.gift", "gift", b"data", T0)

    assert stored.path == tmp_path / stored.token / "etc_My_Questions.gift"  # no path from the browser is trusted
    assert stored.path.read_bytes() == b"data"
    found = uploads.load(tmp_path, stored.token, 7, T0 + timedelta(hours=23))
    assert (found.filename, found.fmt, found.owner_id) == ("etc_My_Questions.gift", "gift", 7)
    for token, owner, at in ((stored.token, 8, T0), (stored.token, 7, T0 + timedelta(hours=25)), ("../x", 7, T0)):
        with pytest.raises(NotFound):
            uploads.load(tmp_path, token, owner, at)


def test_the_mapping_is_kept_with_the_upload_and_discarding_removes_it(tmp_path):
    stored = uploads.store(tmp_path, 7, "q.gift", "gift", b"data", T0)
    stored.mapping = {"Maths": "quant/percentage"}
    stored.save()

    assert uploads.load(tmp_path, stored.token, 7, T0).mapping == {"Maths": "quant/percentage"}
    uploads.discard(stored)
    assert not stored.folder.exists()


def test_a_new_upload_sweeps_away_abandoned_ones(tmp_path):
    old = uploads.store(tmp_path, 7, "old.gift", "gift", b"x", T0)
    recent = uploads.store(tmp_path, 7, "recent.gift", "gift", b"x", T0 + timedelta(hours=20))

    uploads.store(tmp_path, 8, "new.gift", "gift", b"x", T0 + timedelta(hours=25))

    assert not old.folder.exists() and recent.folder.exists()


TAXONOMY = {
    "quant": SectionDef("quant", "Quant", ("tier1",), {"percentage": TopicDef("quant", "percentage", "Percentage")})
}


def item(category: str) -> Item:
    return Item("f.gift", 1, "Stem?", ["a", "b", "c", "d"], 0, category=category)


def test_unplaced_categories_are_listed_once_in_file_order_until_mapped():
    items = [item("Maths/Pct"), item("$course$/top/quant/percentage"), item(""), item("Maths/Pct"), item("Other")]

    assert unplaced(items, {}, TAXONOMY) == ["Maths/Pct", DEFAULT, "Other"]
    assert unplaced(items, {"Maths/Pct": "quant/percentage", DEFAULT: "quant/percentage"}, TAXONOMY) == ["Other"]
    assert unplaced(items, {"Other": "quant/nowhere"}, TAXONOMY) == ["Maths/Pct", DEFAULT, "Other"]
