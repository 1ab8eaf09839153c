"""Synthetic summary-style cases from line-parallel documents (source kept whole).

From a document of ``n`` parallel sentence pairs ``src[i] <-> tgt[i]`` (0-based) we keep
between 30% and 50% of the target sentences, in runs of 1-3 consecutive sentences with
at least one dropped sentence between runs, and merge some adjacent kept target sentences
into one (joined with a space). Gold then holds 1:1 beads, 2:1 beads (two source sentences
: one merged target sentence) and a 1-0 bead for every source sentence left out. All source
sentences are kept. The draw is deterministic: the RNG is seeded from ``crc32`` of
``"<seed>:<doc id>"``.
"""
from __future__ import annotations

import math
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from align.types import Bead

KEEP_MIN, KEEP_MAX = 0.30, 0.50
"""Fraction of target sentences kept, counted before merging (inclusive bounds)."""
MAX_RUN = 3
MERGE_P = 0.35
"""Chance that a run of two or more sentences merges one adjacent pair; every document
with a run of length >= 2 gets at least one merge."""
DEFAULT_SEED = 13


@dataclass(frozen=True)
class SummaryPlan:
    """Which target lines are kept (0-based, sorted) and how they are grouped into sentences."""

    kept: tuple[int, ...]
    groups: tuple[tuple[int, ...], ...]  # each group: 1 or 2 adjacent kept line ids


def keep_bounds(n: int) -> tuple[int, int]:
    """Smallest and largest number of kept sentences for a document of ``n`` (n >= 2)."""
    lo = max(1, math.ceil(KEEP_MIN * n - 1e-9))
    hi = max(lo, math.floor(KEEP_MAX * n + 1e-9))
    return lo, hi


def _split(rng: random.Random, total: int, parts: int, lo: int, hi: int) -> list[int]:
    """Random composition of ``total`` into ``parts`` integers each in [lo, hi]."""
    sizes = [lo] * parts
    spare = total - lo * parts
    while spare > 0:
        i = rng.randrange(parts)
        if sizes[i] < hi:
            sizes[i] += 1
            spare -= 1
    return sizes


def plan_summary(n: int, rng: random.Random) -> SummaryPlan:
    """Draw kept runs and merges for a document of ``n`` sentence pairs."""
    if n < 2:
        return SummaryPlan(tuple(range(n)), tuple((i,) for i in range(n)))
    lo, hi = keep_bounds(n)
    k = rng.randint(lo, hi)
    drop = n - k
    # Runs: at least ceil(k/3) of them; at most k-1 so that some run has 2+ sentences
    # (room for a 2:1 merge) and at most drop+1 so that runs are separated by gaps.
    r_lo = math.ceil(k / MAX_RUN)
    r_hi = max(r_lo, min(k - 1 if k >= 2 else 1, drop + 1))
    runs = _split(rng, k, rng.randint(r_lo, r_hi), 1, MAX_RUN)
    n_runs = len(runs)
    # Gaps: n_runs + 1 slots (before, between, after); the n_runs - 1 inner ones are >= 1.
    inner = n_runs - 1
    free = drop - inner
    outer = _split(rng, free, n_runs + 1, 0, free)
    gaps = [outer[i] + (1 if 0 < i < n_runs else 0) for i in range(n_runs + 1)]
    kept: list[int] = []
    run_ids: list[list[int]] = []
    pos = gaps[0]
    for i, size in enumerate(runs):
        run_ids.append(list(range(pos, pos + size)))
        kept += run_ids[-1]
        pos += size + gaps[i + 1]
    groups: list[tuple[int, ...]] = []
    merged_any = False
    mergeable = [i for i, ids in enumerate(run_ids) if len(ids) >= 2]
    forced = rng.choice(mergeable) if mergeable else -1
    for i, ids in enumerate(run_ids):
        merge_at = -1
        if len(ids) >= 2 and (rng.random() < MERGE_P or (i == forced and not merged_any)):
            merge_at = rng.randrange(len(ids) - 1)
            merged_any = True
        j = 0
        while j < len(ids):
            if j == merge_at:
                groups.append((ids[j], ids[j + 1]))
                j += 2
            else:
                groups.append((ids[j],))
                j += 1
    return SummaryPlan(tuple(kept), tuple(groups))


def rng_for(doc_id: str, seed: int = DEFAULT_SEED) -> random.Random:
    """The per-document RNG: seeded from crc32 of ``"<seed>:<doc id>"``."""
    return random.Random(zlib.crc32(f"{seed}:{doc_id}".encode()))


def summarize(
    doc_id: str, tgt_lines: Sequence[str], seed: int = DEFAULT_SEED
) -> tuple[list[str], list[Bead]]:
    """Summary target sentences and gold beads for a line-parallel document.

    Returns ``(target sentences, gold beads)``; gold source ids index the original lines
    (all kept), gold target ids index the returned sentences. Beads are in source order.
    """
    n = len(tgt_lines)
    plan = plan_summary(n, rng_for(doc_id, seed))
    sentences = [" ".join(tgt_lines[i] for i in g) for g in plan.groups]
    by_first = {g[0]: (j, g) for j, g in enumerate(plan.groups)}
    gold: list[Bead] = []
    i = 0
    while i < n:
        if i in by_first:
            j, g = by_first[i]
            gold.append(Bead(g, (j,)))
            i += len(g)
        else:
            gold.append(Bead((i,), ()))
            i += 1
    return sentences, gold
