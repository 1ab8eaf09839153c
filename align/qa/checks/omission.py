"""``omission``: source sentences skipped inside an excerpt run without "…" (**minor**).

A *run* is a stretch of text excerpted from one source paragraph into one English
paragraph: consecutive English sentences j, j+1 (same English paragraph, both in linked
beads) whose linked source ids S(j) and S(j+1) lie in the same source paragraph. The
source sentences strictly between max S(j) and min S(j+1) are *skipped*; the skip is
*marked* when English sentence j ends with "…" or
"..." (closing quotes and brackets ignored) or sentence j+1 starts with one (opening
quotes, dashes and brackets ignored). An unmarked skip gives one flag, on the bead of
the first skipped source sentence; ``src_span`` covers the skipped sentences and
``tgt_span`` is English sentence j.

Not checked: free-mode alignments (summaries that reorder, where "…" has no place), a
paragraph break in the English or a jump to another source paragraph (digests leave out
text between paragraphs silently), and jumps backwards.
"""
from __future__ import annotations

from align.qa.checks.base import Check, Context, Finding
from align.types import Mode

ELLIPSES = ("…", "...")
_CLOSERS = "\"'”’»)]} \t"
_OPENERS = "\"'“‘«([{-–— \t"


def marked_end(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(ELLIPSES)


def marked_start(text: str) -> bool:
    return text.lstrip(_OPENERS).startswith(ELLIPSES)


class Omission(Check):
    structural = True

    def run(self, ctx: Context) -> list[Finding]:
        if ctx.aln.signature.mode == Mode.FREE.value:
            return []
        tgt, src = ctx.aln.target.sentences, ctx.aln.source.sentences
        out: list[Finding] = []
        for j in range(len(tgt) - 1):
            a, b = ctx.linked_src(j), ctx.linked_src(j + 1)
            if not a or not b or tgt[j].paragraph != tgt[j + 1].paragraph:
                continue
            if src[max(a)].paragraph != src[min(b)].paragraph:
                continue
            skipped = list(range(max(a) + 1, min(b)))
            if not skipped or marked_end(tgt[j].text) or marked_start(tgt[j + 1].text):
                continue
            ids = f"{skipped[0]}" if len(skipped) == 1 else f"{skipped[0]}–{skipped[-1]}"
            out.append(self.finding(
                ctx.bead_of["src"][skipped[0]],
                f"source sentence{'s' if len(skipped) > 1 else ''} {ids} skipped between "
                f"English sentences {j} and {j + 1} without “…”",
                src_span=ctx.sentences_span("src", skipped), tgt_span=ctx.span("tgt", j)))
        return out
