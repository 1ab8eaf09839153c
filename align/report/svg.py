"""Small inline SVG charts for the HTML report (no JavaScript, no external resources).

Each function returns one ``<svg>`` element as a string, ready to paste into HTML5 (inline
SVG needs no ``xmlns``; leaving it out keeps the page free of any URL). Every label is
escaped here; callers pass plain text. Colours are also given as text (counts, legends), so
a black-and-white print still reads.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

SEVERITY_COLOURS: Mapping[str, str] = {"critical": "#a50f15", "major": "#e6550d", "minor": "#d9b300"}
BAR = "#3a6ea5"
BAR2 = "#8fb98b"
FONT = 'font-family="system-ui, sans-serif" font-size="11"'


def _clip(label: str, n: int = 30) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    t = escape(title)
    return (f'<svg class="chart" role="img" aria-label="{t}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" {FONT}><title>{t}</title>' + "".join(body)
            + "</svg>")


def _empty(width: int, height: int, title: str, message: str) -> str:
    text = (f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" fill="#555">'
            f"{escape(message)}</text>")
    return _svg(width, height, title, [text])


def histogram(values: Sequence[float], bins: int = 10, title: str = "Link scores",
              width: int = 380, height: int = 210) -> str:
    """Counts of ``values`` in ``bins`` equal bins over [0, 1] (1.0 falls in the last bin)."""
    if not values:
        return _empty(width, height, title, "no links")
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int(v * bins)))] += 1
    left, right, top, bottom = 34, 10, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(counts)
    bw = plot_w / bins
    body = [(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
             'stroke="#333"/>'),
            f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
            f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>']
    for k, c in enumerate(counts):
        h = plot_h * c / peak
        x = left + k * bw
        body.append(f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{bw - 2:.1f}" '
                    f'height="{h:.1f}" fill="{BAR}"><title>{k / bins:.1f}–{(k + 1) / bins:.1f}: '
                    f"{c}</title></rect>")
        if c:
            body.append(f'<text x="{x + bw / 2:.1f}" y="{top + plot_h - h - 3:.1f}" '
                        f'text-anchor="middle">{c}</text>')
    for k in range(0, bins + 1, 2):
        body.append(f'<text x="{left + k * bw:.1f}" y="{height - 14}" text-anchor="middle">'
                    f"{k / bins:.1f}</text>")
    body.append(f'<text x="{left + plot_w / 2:.0f}" y="{height - 2}" text-anchor="middle" '
                'fill="#555">link score</text>')
    return _svg(width, height, title, body)


def stacked_bars(rows: Sequence[tuple[str, Mapping[str, int]]], order: Sequence[str],
                 colours: Mapping[str, str] = SEVERITY_COLOURS,
                 title: str = "Flags by type and severity", width: int = 420) -> str:
    """One horizontal bar per ``(label, {part: count})`` row, parts stacked in ``order``,
    the row total written after the bar, and a legend."""
    total = max((sum(parts.values()) for _, parts in rows), default=0)
    row_h, label_w, top = 20, 130, 22
    height = top + row_h * max(1, len(rows)) + 8
    if not total:
        return _empty(width, 60, title, "no flags")
    plot_w = width - label_w - 40
    body = []
    for k, name in enumerate(order):  # legend
        lx = label_w + k * 80
        body.append(f'<rect x="{lx}" y="4" width="10" height="10" fill="{colours[name]}"/>'
                    f'<text x="{lx + 14}" y="13">{escape(name)}</text>')
    for r, (label, parts) in enumerate(rows):
        y = top + r * row_h
        body.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">'
                    f"{escape(_clip(label, 22))}</text>")
        x = float(label_w)
        for name in order:
            n = parts.get(name, 0)
            if not n:
                continue
            w = plot_w * n / total
            body.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                        f'fill="{colours[name]}"><title>{escape(label)}: {n} {escape(name)}'
                        "</title></rect>")
            x += w
        body.append(f'<text x="{x + 4:.1f}" y="{y + 13}">{sum(parts.values())}</text>')
    return _svg(width, height, title, body)


def coverage_bars(rows: Sequence[tuple[str, float | None, float | None]],
                  title: str = "Coverage and support per document pair", width: int = 440) -> str:
    """Per ``(label, coverage, support)`` row two bars in [0, 1] with their percentages;
    a missing value (None) is written as "n/a"."""
    if not rows:
        return _empty(width, 60, title, "no document pairs")
    label_w, top, row_h = 170, 22, 30
    plot_w = width - label_w - 44
    height = top + row_h * len(rows) + 16
    body = [(f'<rect x="{label_w}" y="4" width="10" height="10" fill="{BAR}"/>'
             f'<text x="{label_w + 14}" y="13">coverage</text>'),
            (f'<rect x="{label_w + 90}" y="4" width="10" height="10" fill="{BAR2}"/>'
             f'<text x="{label_w + 104}" y="13">support</text>')]
    for r, (label, cov, sup) in enumerate(rows):
        y = top + r * row_h
        body.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">'
                    f"{escape(_clip(label, 26))}<title>{escape(label)}</title></text>")
        for k, (v, colour) in enumerate(((cov, BAR), (sup, BAR2))):
            yy = y + 2 + k * 12
            w = plot_w * (v or 0.0)
            text = "n/a" if v is None else f"{v:.0%}"
            body.append(f'<rect x="{label_w}" y="{yy}" width="{w:.1f}" height="10" '
                        f'fill="{colour}"/><text x="{label_w + w + 4:.1f}" y="{yy + 9}">'
                        f"{text}</text>")
    axis_y = top + row_h * len(rows) + 2
    body.append(f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + plot_w}" y2="{axis_y}" '
                'stroke="#333"/>')
    for q in (0, 50, 100):
        body.append(f'<text x="{label_w + plot_w * q / 100:.1f}" y="{axis_y + 12}" '
                    f'text-anchor="middle">{q}%</text>')
    return _svg(width, height, title, body)


def reliability_diagram(bins: Sequence[tuple[float, float, int, float | None, float | None]],
                        ece: float, n: int, title: str = "Reliability of bead scores",
                        width: int = 380, height: int = 250) -> str:
    """Observed accuracy per predicted-confidence bin: one bar per ``(lo, hi, count,
    mean confidence, accuracy)`` bin over [0, 1] (empty bins drawn as nothing), the
    diagonal of perfect calibration, a tick at each bin's mean confidence, the count above
    each bar, and ``ECE`` and ``n`` in the corner."""
    if not n or not bins:
        return _empty(width, height, title, "no beads to compare with gold")
    left, right, top, bottom = 42, 10, 24, 32
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(v: float) -> float:
        return left + plot_w * v

    def y(v: float) -> float:
        return top + plot_h * (1 - v)

    body = [f'<line x1="{left}" y1="{y(0):.1f}" x2="{x(1):.1f}" y2="{y(0):.1f}" stroke="#333"/>',
            f'<line x1="{left}" y1="{y(0):.1f}" x2="{left}" y2="{y(1):.1f}" stroke="#333"/>',
            (f'<line x1="{x(0):.1f}" y1="{y(0):.1f}" x2="{x(1):.1f}" y2="{y(1):.1f}" '
             'stroke="#888" stroke-dasharray="4 3"><title>perfect calibration</title></line>'),
            f'<text x="{left + 4}" y="{top - 10}">ECE {ece:.3f} · n = {n}</text>']
    for v in (0.0, 0.5, 1.0):
        body.append(f'<text x="{left - 4}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.1f}</text>')
        body.append(f'<text x="{x(v):.1f}" y="{height - 18}" text-anchor="middle">{v:.1f}</text>')
    for lo, hi, count, conf, acc in bins:
        if not count or acc is None:
            continue
        x0, x1 = x(lo), x(hi)
        tip = (f"score {lo:.1f}–{hi:.1f}: {count} beads, mean score "
               f"{0.0 if conf is None else conf:.3f}, right {acc:.3f}")
        body.append(f'<rect x="{x0 + 1:.1f}" y="{y(acc):.1f}" width="{x1 - x0 - 2:.1f}" '
                    f'height="{y(0) - y(acc):.1f}" fill="{BAR}" fill-opacity="0.85">'
                    f"<title>{escape(tip)}</title></rect>")
        if conf is not None:
            body.append(f'<line x1="{x0 + 1:.1f}" y1="{y(conf):.1f}" x2="{x1 - 1:.1f}" '
                        f'y2="{y(conf):.1f}" stroke="#a50f15" stroke-width="2"/>')
        body.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{min(y(acc), y(conf or 0)) - 3:.1f}" '
                    f'text-anchor="middle" font-size="9">{count}</text>')
    body.append(f'<text x="{left + plot_w / 2:.0f}" y="{height - 4}" text-anchor="middle" '
                'fill="#555">predicted (bead score)</text>')
    body.append(f'<text x="10" y="{top + plot_h / 2:.0f}" text-anchor="middle" fill="#555" '
                f'transform="rotate(-90 10 {top + plot_h / 2:.0f})">share right</text>')
    return _svg(width, height, title, body)


__all__ = ["SEVERITY_COLOURS", "coverage_bars", "histogram", "reliability_diagram",
           "stacked_bars"]
