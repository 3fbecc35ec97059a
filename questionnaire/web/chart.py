"""A complaint's severity over the visits as a small SVG chart, drawn on the server: one chart per
complaint (no legend, no colour to tell lines apart), each rating a dot with its number written
beside it, the 0-10 scale with its lines at 0, 5 and 10, the visits' dates under the dots. The
chart is an image with a title for screen readers; the same numbers are a table beside it
(client.html), so nothing is only in the picture. Presentation attributes only, no style
attribute: the page's Content-Security-Policy allows no inline style.
"""
from __future__ import annotations

from html import escape

from markupsafe import Markup

from .visits import Course

WIDTH, HEIGHT = 360, 170
LEFT, RIGHT, TOP, BOTTOM = 34, 16, 18, 34
INK, GRID = "#0b0c0c", "#b1b4b6"


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner / 2 if count == 1 else inner * index / (count - 1))


def _y(value: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (10 - value) / 10


def course_svg(course: Course, title: str, dates: list[str], chart_id: str) -> Markup:
    """The chart of one complaint: `title` names it (and says what it shows), `dates` are the
    visits' dates as shown under the dots."""
    count = len(course.points)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-labelledby="{chart_id}">', f'<title id="{chart_id}">{escape(title)}</title>']
    for level in (0, 5, 10):
        y = _y(level)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="{INK}">{level}</text>')
    points = [(_x(i, count), _y(value)) for i, (_, value) in enumerate(course.points)]
    if count > 1:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{INK}" stroke-width="2"/>')
    for (x, y), (_, value), shown in zip(points, course.points, dates):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{INK}"/>')
        parts.append(f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" font-size="13" font-weight="bold" '
                     f'fill="{INK}">{value}</text>')
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 10}" text-anchor="middle" font-size="11" fill="{INK}">{escape(shown)}</text>')
    parts.append("</svg>")
    return Markup("\n".join(parts))
