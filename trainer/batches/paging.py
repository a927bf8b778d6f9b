"""Which members of a big batch the dashboard's tables show: a page at a time, with the links to the others."""

from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZE = 50
AROUND = 2  # page links shown either side of the current one (the first and last always)


@dataclass(frozen=True)
class MemberPage:
    number: int  # 1-based
    pages: int
    total: int
    size: int = PAGE_SIZE

    @property
    def start(self) -> int:
        """Index of the page's first member in the whole (ordered) list."""
        return (self.number - 1) * self.size

    @property
    def stop(self) -> int:
        return min(self.start + self.size, self.total)

    def links(self) -> list[int | None]:
        """The page numbers to link, in order, with None where a run of pages is left out."""
        window = range(max(1, self.number - AROUND), min(self.pages, self.number + AROUND) + 1)
        out: list[int | None] = []
        for n in sorted({1, self.pages, *window}):
            if out and n - out[-1] == 2:
                out.append(n - 1)  # a gap of one page: link it rather than stand "…" for it
            elif out and n - out[-1] > 2:
                out.append(None)
            out.append(n)
        return out


def member_page(total: int, asked: str | None, size: int | None = None) -> MemberPage:
    """The page `asked` (a query-string value: anything but a number in range gives the nearest page, or the first)."""
    size = size or PAGE_SIZE
    pages = max(1, -(-total // size))
    number = int(asked) if asked and asked.isdigit() and len(asked) < 7 else 1
    return MemberPage(min(max(number, 1), pages), pages, total, size)
