"""Small inline-SVG drawing helpers shared by the figural reasoning generators (mirror images, paper folding,
counting figures, figure series). Every drawing is one line of SVG (no blank lines, so Markdown keeps it whole),
black strokes on a 60 x 60 view box, with role="img" and an aria-label saying in words what it shows."""

from __future__ import annotations

from fractions import Fraction

Point = tuple[int, int]
GREY = "#e6e6e6"


def coord(value: float | Fraction | int) -> str:
    """A coordinate as short text: 12, 12.5, 12.33."""
    if isinstance(value, Fraction) and value.denominator == 1:
        value = value.numerator
    if isinstance(value, int):
        return str(value)
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def points(pts) -> str:
    return " ".join(f"{coord(x)},{coord(y)}" for x, y in pts)


def svg(body: str, label: str, size: int = 90) -> str:
    """One drawing: `body` (SVG elements) in a 60 x 60 view box, described by `label` for screen readers."""
    label = label.replace('"', "'")
    return f'<svg viewBox="0 0 60 60" width="{size}" height="{size}" role="img" aria-label="{label}">{body}</svg>'


def polyline(pts, width: int = 2) -> str:
    return f'<polyline points="{points(pts)}" fill="none" stroke="black" stroke-width="{width}"/>'


def polygon(pts, fill: str = "none", dashed: bool = False) -> str:
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return f'<polygon points="{points(pts)}" fill="{fill}" stroke="black"{dash}/>'


def line(a, b, dashed: bool = False, width: int = 1) -> str:
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    (x1, y1), (x2, y2) = a, b
    return (
        f'<line x1="{coord(x1)}" y1="{coord(y1)}" x2="{coord(x2)}" y2="{coord(y2)}" '
        f'stroke="black" stroke-width="{width}"{dash}/>'
    )


def dot(p, r: float = 2.5, fill: str = "black") -> str:
    """A filled dot (black by default, no outline needed) or an outlined hole."""
    paint = "" if fill == "black" else f' fill="{fill}" stroke="black"'
    return f'<circle cx="{coord(p[0])}" cy="{coord(p[1])}" r="{coord(r)}"{paint}/>'


def arrow(a, b) -> str:
    """A straight arrow from a to b with a small open head (used for 'fold this way')."""
    (x1, y1), (x2, y2) = a, b
    length = max(abs(x2 - x1), abs(y2 - y1)) or 1
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    left = (x2 - 4 * ux + 3 * uy, y2 - 4 * uy - 3 * ux)
    right = (x2 - 4 * ux - 3 * uy, y2 - 4 * uy + 3 * ux)
    return line(a, b) + polyline([left, (x2, y2), right], width=1)


def figure_line(figures: list[str]) -> str:
    """Several drawings side by side on one line."""
    return " ".join(figures)
