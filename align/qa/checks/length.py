"""``length``: compression outliers that suggest a truncated or padded sentence (**minor**).

For every linked bead, ``x = log(chars(English) / chars(Turkish))`` (sentence texts of the
bead, summed). Over the document's links, ``m = median(x)`` and ``MAD = median(|x - m|)``
(floored at ``MIN_MAD`` = 0.15 so a very regular translation does not make small differences
outliers); the robust z-score is ``z = 0.6745 * (x - m) / MAD`` (Iglewicz & Hoaglin). A bead
with at least ``MIN_CHARS`` = 30 source characters (shorter ones vary too much: "Eline
sağlık." / "Thank you for the meal") is flagged when ``|z| > 3`` (needs at least
``MIN_LINKS`` = 5 links), or — a 1-1 bead — when the ratio is outside the absolute bounds
[0.25, 4.0].

Not checked: free-mode alignments (abstractive summaries fuse many sentences into one).
Cannot see: a truncation or padding within the document's usual spread (|z| ≤ 3), nor what
was cut or added; a whole document translated short looks regular.
"""
from __future__ import annotations

import math
import statistics

from align.qa.checks.base import Check, Context, Finding
from align.types import Mode

Z_MAX = 3.0
MIN_MAD = 0.15
MIN_LINKS = 5
ABS_BOUNDS = (0.25, 4.0)
MIN_CHARS = 30


class Length(Check):

    def run(self, ctx: Context) -> list[Finding]:
        if ctx.aln.signature.mode == Mode.FREE.value:
            return []
        src, tgt = ctx.doc("src"), ctx.doc("tgt")
        rows: list[tuple[int, float, int]] = []  # (bead, log ratio, source chars)
        for k, b in enumerate(ctx.aln.beads):
            if b.is_null:
                continue
            cs = sum(len(src[i]) for i in b.src)
            ct = sum(len(tgt[j]) for j in b.tgt)
            if cs and ct:
                rows.append((k, math.log(ct / cs), cs))
        if not rows:
            return []
        xs = [x for _, x, _ in rows]
        med = statistics.median(xs)
        mad = max(MIN_MAD, statistics.median(abs(x - med) for x in xs))
        out: list[Finding] = []
        for k, x, cs in rows:
            z = 0.6745 * (x - med) / mad
            ratio = math.exp(x)
            one_one = len(ctx.aln.beads[k].src) == 1 and len(ctx.aln.beads[k].tgt) == 1
            outside = one_one and not ABS_BOUNDS[0] <= ratio <= ABS_BOUNDS[1]
            if cs >= MIN_CHARS and ((len(rows) >= MIN_LINKS and abs(z) > Z_MAX) or outside):
                what = "truncated" if x < med else "padded"
                b = ctx.aln.beads[k]
                out.append(self.finding(
                    k, f"English is {ratio:.2f}× the length of its Turkish (typical here "
                       f"{math.exp(med):.2f}×, robust z = {z:+.1f}): {what}?",
                    src_span=ctx.sentences_span("src", b.src),
                    tgt_span=ctx.sentences_span("tgt", b.tgt)))
        return out
