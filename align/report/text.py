"""Side-by-side plain-text view of an alignment, for terminals and the demo."""
from __future__ import annotations

import shutil
import textwrap
from collections import Counter

from align.aligner.relatedness import meta_warning
from align.types import Alignment, Bead, BeadKind


def summary_line(aln: Alignment, where: str = "") -> str:
    """One line: sizes, links, coverage and the signature (and the relatedness warning)."""
    kinds = Counter(b.kind for b in aln.beads)
    used = sum(len(b.src) for b in aln.links)
    n = len(aln.source) or 1
    dest = f" -> {where}" if where else ""
    return (f"align: {len(aln.source)} source x {len(aln.target)} target sentences, "
            f"{len(aln.links)} links ({kinds[BeadKind.MANY]} n:m), "
            f"{kinds[BeadKind.NULL_SRC]} source and {kinds[BeadKind.NULL_TGT]} target unaligned, "
            f"source coverage {used / n:.0%}{dest}\n  signature: {aln.signature}"
            + (f"\n  warning: {warned}" if (warned := meta_warning(aln.meta)) else ""))


def _ids(ids: tuple[int, ...]) -> str:
    if not ids:
        return "-"
    if len(ids) > 1 and list(ids) == list(range(ids[0], ids[-1] + 1)):
        return f"{ids[0]}-{ids[-1]}"
    return ",".join(map(str, ids))


def side_by_side(aln: Alignment, width: int | None = None, show_unaligned: bool = False) -> str:
    """Render linked beads as two wrapped columns with ids and scores.

    Unaligned source sentences are collapsed into a count unless ``show_unaligned``.
    """
    width = width or min(shutil.get_terminal_size((120, 40)).columns, 160)
    col = max(20, (width - 18) // 2)
    lines: list[str] = []
    skipped = 0

    def flush() -> None:
        nonlocal skipped
        if skipped:
            lines.append(f"{'':13}  … {skipped} source sentence(s) not used")
            skipped = 0

    for b in aln.beads:
        if b.kind is BeadKind.NULL_SRC and not show_unaligned:
            skipped += len(b.src)
            continue
        flush()
        lines.extend(_render_bead(aln, b, col))
    flush()
    return "\n".join(lines)


def _render_bead(aln: Alignment, b: Bead, col: int) -> list[str]:
    src = " ".join(aln.source.sentences[i].text for i in b.src) or "(no source)"
    tgt = " ".join(aln.target.sentences[j].text for j in b.tgt) or "(no counterpart)"
    left = textwrap.wrap(src, col) or [""]
    right = textwrap.wrap(tgt, col) or [""]
    head = f"{_ids(b.src):>5}:{_ids(b.tgt):<5} {b.score:4.2f}"
    out = []
    for k in range(max(len(left), len(right))):
        l_txt = left[k] if k < len(left) else ""
        r_txt = right[k] if k < len(right) else ""
        out.append(f"{head if k == 0 else '':16} {l_txt:<{col}} │ {r_txt}")
    return out
