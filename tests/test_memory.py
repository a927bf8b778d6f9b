"""Workers keep large freed blocks for the next request (trainer/memory.py): an exam page's half-megabyte strings
cost a copy, not a fresh set of pages from the kernel each time."""

import platform
import resource

import pytest

from trainer.memory import keep_large_blocks


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc's malloc only")
def test_building_page_sized_strings_again_and_again_takes_no_new_pages():
    assert keep_large_blocks()
    piece = "प्रश्न " * 20_000  # 140,000 characters held two bytes each, as an exam page's Hindi is

    def requests(count: int) -> int:
        """Page faults while `count` pages of about 840 KB are built, encoded and dropped, as requests do."""
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        page = ""
        for _ in range(count):
            page = "".join([piece, piece, piece])
            page.encode()
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

    requests(3)  # the first ones may grow the heap to what a page needs
    faults = requests(50)
    assert faults < 50  # without the tuning: about 290 a round, 14,000 in all
