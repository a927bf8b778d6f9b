"""Paging a big batch's members on the dashboard (pure, no app)."""

from __future__ import annotations

from trainer.batches.paging import member_page


def test_a_page_holds_fifty_members_and_the_last_page_the_rest():
    page = member_page(1000, "3")
    assert (page.number, page.pages, page.start, page.stop) == (3, 20, 100, 150)
    last = member_page(101, "3")
    assert (last.pages, last.start, last.stop) == (3, 100, 101)


def test_a_page_out_of_range_or_not_a_number_gives_the_nearest_page():
    assert member_page(120, "9").number == 3
    assert member_page(120, "0").number == 1
    assert member_page(120, "-2").number == member_page(120, "two").number == member_page(120, None).number == 1
    assert member_page(120, "9" * 40).number == 1
    empty = member_page(0, "5")
    assert (empty.number, empty.pages, empty.start, empty.stop) == (1, 1, 0, 0)


def test_links_show_the_ends_and_the_pages_around_the_current_one():
    assert member_page(1000, "10").links() == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert member_page(1000, "1").links() == [1, 2, 3, None, 20]
    assert member_page(1000, "4").links() == [1, 2, 3, 4, 5, 6, None, 20]  # no "…" standing for page 2 alone
    assert member_page(250, "1").links() == [1, 2, 3, 4, 5]
    assert member_page(30, "1").links() == [1]
