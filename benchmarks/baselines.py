"""Trivial stand-in aligners for the harness (no model, no scorer).

They have the call shape of ``align.aligner.align_documents`` so the runner can use them
in its place (``--aligner benchmarks.baselines:diagonal``).
"""
from __future__ import annotations

from typing import Any

from align.types import Alignment, Bead, Document, Signature


def diagonal_beads(n_src: int, n_tgt: int) -> list[Bead]:
    """``i <-> i`` for ``i < min(n_src, n_tgt)``; the rest of the longer side as null beads."""
    k = min(n_src, n_tgt)
    beads = [Bead((i,), (i,)) for i in range(k)]
    beads += [Bead((i,), ()) for i in range(k, n_src)]
    beads += [Bead((), (j,)) for j in range(k, n_tgt)]
    return beads


def diagonal(src: Document, tgt: Document, scorer: Any = "none", mode: str = "monotonic",
             profile: str = "auto", **_: Any) -> Alignment:
    """The diagonal 1:1 baseline; ``scorer`` and ``profile`` are recorded, not used."""
    sig = Signature(scorer="diagonal", mode=mode, profile=str(profile))
    return Alignment(src, tgt, tuple(diagonal_beads(len(src), len(tgt))), sig)
