"""Free alignment for abstractive summaries: links may cross and skip.

Each target sentence picks the set of source sentences that best explains it: start
from its most similar source sentence and add the next candidates (by similarity) while
each adds at least ``MIN_GAIN`` to the share of the target sentence's content that the
set covers, and is itself at least ``MIN_REL`` as similar as the best one. (An abstract's
sentence covers only part of each source sentence it draws on, so the per-sentence cost
of monotonic beads would stop too early.) Scorers that cannot report coverage grow beads
while the cost model says the larger bead beats leaving the candidate unaligned. A target sentence whose best
bead costs more than skipping it stays unaligned. Beads are the connected components of
the links, so a source sentence used by two target sentences joins them in one bead.
"""
from __future__ import annotations

from collections.abc import Collection

import numpy as np

from align.aligner.costs import CostModel
from align.scorers.base import PreparedPair

TOP_K = 8
MIN_GAIN = 0.05  # coverage a further source sentence must add (samples/abstractive-*)
MIN_REL = 0.4  # its similarity relative to the best source sentence's


def free_links(
    pp: PreparedPair, costs: CostModel, max_side: int = 4,
    skip_src_ids: Collection[int] = (), skip_tgt_ids: Collection[int] = (),
) -> list[tuple[list[int], int]]:
    """For each free target sentence, the source ids it links to (possibly none).

    Returns ``[(src_ids, j), ...]`` for target sentences ``j`` not in ``skip_tgt_ids``;
    source sentences in ``skip_src_ids`` (already anchored) are never chosen.
    """
    sim = pp.sentence_matrix()  # (n_src, n_tgt)
    if skip_src_ids:
        sim[list(skip_src_ids), :] = -1.0
    out: list[tuple[list[int], int]] = []
    for j in range(pp.n_tgt):
        if j in skip_tgt_ids:
            continue
        order = [int(i) for i in np.argsort(-sim[:, j], kind="stable")[:TOP_K] if sim[i, j] > 0]
        if not order:
            out.append(([], j))
            continue
        chosen = [order[0]]
        cur = float(sim[order[0], j])
        covered = pp.target_coverage(chosen, j)
        for i in order[1:]:
            if len(chosen) >= max_side:
                break
            if covered is not None:
                grown_cov = pp.target_coverage(chosen + [i], j)
                if grown_cov is None or grown_cov - covered < MIN_GAIN or \
                        sim[i, j] < MIN_REL * sim[order[0], j]:
                    continue
                chosen.append(i)
                covered, cur = grown_cov, pp.score_sets(chosen, [j])
                continue
            s2 = pp.score_sets(chosen + [i], [j])
            grown = costs.link_cost(len(chosen) + 1, 1, s2)
            kept = costs.link_cost(len(chosen), 1, cur) + costs.skip_src
            if grown < kept:
                chosen.append(i)
                cur = s2
        if costs.link_cost(len(chosen), 1, cur) > costs.skip_tgt + len(chosen) * costs.skip_src:
            chosen = []
        out.append((sorted(chosen), j))
    return _one_owner(out, sim)


def _one_owner(links: list[tuple[list[int], int]], sim: np.ndarray) -> list[tuple[list[int], int]]:
    """Give a source sentence wanted by several targets to the one it is most similar to,
    unless that would leave another target with no source at all.

    Beads must hold each sentence once, so a shared source sentence would fuse its targets
    into one large bead; per-target beads keep the links readable and reviewable.
    """
    owner: dict[int, int] = {}
    for src_ids, j in links:
        for i in src_ids:
            if i not in owner or sim[i, j] > sim[i, owner[i]]:
                owner[i] = j
    out = []
    for src_ids, j in links:
        mine = [i for i in src_ids if owner[i] == j]
        out.append((mine if mine or not src_ids else src_ids, j))
    return out
