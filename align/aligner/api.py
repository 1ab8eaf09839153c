"""``align_documents``: one call from two segmented documents to a scored Alignment."""
from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from align.aligner.band import choose_band, windows
from align.aligner.calibrate import Calibration, for_evidence
from align.aligner.costs import CostModel, bead_shapes, cost_model
from align.aligner.dp import RawBead, align_dp
from align.aligner.free import free_links
from align.aligner.relatedness import warning
from align.aligner.scoring import bead_scores
from align.errors import InvalidAlignment
from align.scorers import AutoScorer, Scorer, get_scorer
from align.scorers.base import PreparedPair
from align.types import (
    Alignment,
    Bead,
    Document,
    Mode,
    Profile,
    Signature,
    link_components,
    order_beads,
)

log = logging.getLogger("align")

Progress = Callable[[int, int], None]  # (sentences done, total)
# Auto mode (checked on samples/): a target's best source counts as evidence of order
# above AUTO_MIN_SIM; free mode when at least AUTO_MIN_BACK of the steps go backwards.
AUTO_MIN_SIM = 0.35
AUTO_MIN_BACK = 0.15
BOOTSTRAP_SIM = 0.2  # first-pass links at least this similar teach the scorer (TB dev: 0.2 best of 0-0.5)


def resolve_profile(src: Document, tgt: Document) -> Profile:
    """Summary when the target is much shorter than the source, else translation.

    Thresholds: a translation keeps sentence counts within ~20% and character counts
    within ~35% across tr/en/de/fr/is; an excerpt digest keeps 15-60% of the source.
    """
    n, m = len(src), len(tgt)
    chars_s = sum(len(s.text) for s in src.sentences) or 1
    chars_t = sum(len(s.text) for s in tgt.sentences)
    if m < 0.6 * n or chars_t < 0.55 * chars_s:
        return Profile.SUMMARY
    return Profile.TRANSLATION


def _reorders(pp: PreparedPair, min_sim: float = AUTO_MIN_SIM) -> bool:
    """Whether the summary reorders its source: among target sentences with a confident
    best source sentence, at least ``AUTO_MIN_BACK`` of consecutive steps go backwards
    (one stray backwards step in a long excerpt is noise, not reordering)."""
    sim = pp.sentence_matrix()
    best = [int(np.argmax(sim[:, j])) for j in range(pp.n_tgt) if sim[:, j].max() >= min_sim]
    back = sum(1 for a, b in itertools.pairwise(best) if b < a)
    return back > 0 and back >= AUTO_MIN_BACK * (len(best) - 1)


def _check_anchors(anchors: Sequence[Bead], n: int, m: int, monotonic: bool) -> list[Bead]:
    seen_s: set[int] = set()
    seen_t: set[int] = set()
    for b in anchors:
        if any(not 0 <= i < n for i in b.src) or any(not 0 <= j < m for j in b.tgt):
            raise InvalidAlignment(f"anchor {list(b.src)}:{list(b.tgt)} is out of range")
        if seen_s & set(b.src) or seen_t & set(b.tgt):
            raise InvalidAlignment(f"anchor {list(b.src)}:{list(b.tgt)} overlaps another anchor")
        seen_s |= set(b.src)
        seen_t |= set(b.tgt)
    if not monotonic:
        return list(anchors)
    ordered = sorted(anchors, key=lambda b: (min(b.src, default=-1), min(b.tgt, default=-1)))
    last_s = last_t = -1
    for b in ordered:
        for side, ids in (("source", b.src), ("target", b.tgt)):
            if ids and list(ids) != list(range(ids[0], ids[0] + len(ids))):
                raise InvalidAlignment(f"monotonic anchor {side} ids {list(ids)} are not contiguous")
        if (b.src and b.src[0] <= last_s) or (b.tgt and b.tgt[0] <= last_t):
            raise InvalidAlignment(f"anchor {list(b.src)}:{list(b.tgt)} crosses another anchor")
        last_s = b.src[-1] if b.src else last_s
        last_t = b.tgt[-1] if b.tgt else last_t
    return ordered


def _segments(anchors: list[Bead], n_src: int, n_tgt: int) -> list[tuple[int, int, int, int, Bead | None]]:
    """Rectangles ``(s0, s1, t0, t1, anchor after it)`` between consecutive anchors."""
    out: list[tuple[int, int, int, int, Bead | None]] = []
    s0 = t0 = 0
    for anchor in [*anchors, None]:
        if anchor is None:
            s1, t1 = n_src, n_tgt
        else:
            # A null anchor fixes only one side; the other side's boundary is placed where
            # the previous segment ended.
            s1 = anchor.src[0] if anchor.src else s0
            t1 = anchor.tgt[0] if anchor.tgt else t0
        out.append((s0, s1, t0, t1, anchor))
        if anchor is not None:
            s0 = anchor.src[-1] + 1 if anchor.src else s1
            t0 = anchor.tgt[-1] + 1 if anchor.tgt else t1
    return out


def _monotonic(
    pp: PreparedPair, costs: CostModel, max_bead: int, anchors: list[Bead],
    progress: Progress | None,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    shapes = bead_shapes(max_bead)
    side = max(max(a, b) for a, b in shapes)
    segments = _segments(anchors, pp.n_src, pp.n_tgt)
    bands = []
    win_lo = np.zeros(pp.n_src, np.int64)
    win_hi = np.full(pp.n_src, pp.n_tgt, np.int64)
    for s0, s1, t0, t1, _ in segments:
        band = choose_band(pp, costs, s0, s1, t0, t1)
        bands.append(band)
        if s1 > s0:
            lo, hi = windows(band, s1 - s0, side)
            win_lo[s0:s1], win_hi[s0:s1] = t0 + lo, t0 + hi
    pp.restrict(win_lo, win_hi)
    out: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    for (s0, s1, t0, t1, anchor), band in zip(segments, bands):
        raw: list[RawBead] = align_dp(pp, costs, shapes, band, (s0, t0), s1 - s0, t1 - t0)
        out += [(tuple(range(r.i, r.i + r.a)), tuple(range(r.j, r.j + r.b)), r.sim)
                for r in raw]
        if anchor is not None:
            out.append((anchor.src, anchor.tgt, float("nan")))
        if progress:
            progress(s1 + t1, pp.n_src + pp.n_tgt)
    return out


def monotonic_two_pass(
    pp: PreparedPair, costs: CostModel, max_bead: int, anchors: list[Bead],
    progress: Progress | None = None,
) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...], float]], PreparedPair]:
    """Monotonic alignment; if the scorer learns from confident first-pass links
    (``PreparedPair.bootstrap``), a second pass with the refined scorer. Returns the raw
    beads and the pair that scored them."""
    raw = _monotonic(pp, costs, max_bead, anchors, progress)
    confident = [(s, t) for s, t, sim in raw if s and t and sim >= BOOTSTRAP_SIM]
    refined = pp.bootstrap(confident)
    if refined is None:
        return raw, pp
    return _monotonic(refined, costs, max_bead, anchors, progress), refined


def align_documents(
    src: Document, tgt: Document, scorer: str | Scorer = "lexical", mode: str = "auto",
    profile: str = "auto", anchors: Sequence[Bead] = (), max_bead: int = 5,
    costs: CostModel | None = None, calibration: Calibration | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Align two segmented documents; every sentence of both sides lands in exactly one bead.

    ``mode``: monotonic | free | auto; ``profile``: summary | translation | auto (decided
    from the inputs' sizes); ``anchors``: beads kept as they are (status preserved);
    ``calibration``: default, the one fitted for the scorer's evidence. ``meta`` gets the
    document-level ``relatedness`` (:mod:`align.aligner.relatedness`) and, when it is low,
    a ``warning``.
    """
    sc = get_scorer(scorer) if isinstance(scorer, str) else scorer
    if isinstance(sc, AutoScorer):  # the scorer for this language pair: the signature's
        sc = sc.for_languages(src.lang, tgt.lang)
    prof = Profile(profile)
    if prof is Profile.AUTO:
        prof = resolve_profile(src, tgt)
    pp = sc.prepare(src, tgt)
    cm = costs or cost_model(prof, pp.evidence)
    n, m = len(src), len(tgt)
    md = Mode(mode)
    if md is Mode.AUTO:
        md = Mode.MONOTONIC
        if prof is Profile.SUMMARY and n and m and n * m <= 4_000_000 and _reorders(pp):
            md = Mode.FREE
        log.info("auto mode chose %s", md.value)
    checked = _check_anchors(anchors, n, m, md is Mode.MONOTONIC)
    if md is Mode.MONOTONIC:
        raw, pp = monotonic_two_pass(pp, cm, max_bead, checked, progress)
    else:
        taken_s = {i for b in checked for i in b.src}
        taken_t = {j for b in checked for j in b.tgt}
        links = free_links(pp, cm, max(1, max_bead - 1), taken_s, taken_t)
        groups = link_components(links, n, m, taken_s, taken_t)
        raw = [(s, t, pp.score_sets(s, t) if s and t else float("nan")) for s, t in groups]
        raw += [(b.src, b.tgt, float("nan")) for b in checked]
    calibration = calibration or for_evidence(pp.evidence, md.value)
    doc = doc_similarity(raw, m)
    if md is Mode.FREE and warning(calibration.related(doc)):
        # Minimum evidence: free mode links every target sentence it can; where the source
        # does not appear to contain the target at all, those links are noise, not leads.
        kept_keys = anchor_keys(checked)
        raw = [r for s, t, sim in raw for r in (
            [(s, t, sim)] if not (s and t) or (s, t) in kept_keys
            else [((i,), (), float("nan")) for i in s] + [((), (j,), float("nan")) for j in t])]
    anchor_by_key = {(b.src, b.tgt): b for b in checked}
    scores = bead_scores(pp, calibration, raw, doc,  # anchors keep their own scores
                         only={k for k, (s, t, _) in enumerate(raw) if (s, t) not in anchor_by_key})
    beads = [anchor_by_key.get((s, t)) or Bead(s, t, score)
             for (s, t, _), score in zip(raw, scores)]
    params = {**sc.params(), **cm.params(), "max_bead": max_bead, "calib": calibration.name,
              "evidence": pp.evidence}
    if checked:
        params["anchors"] = len(checked)
    sig = Signature(sc.name, sc.model, md.value, prof.value, params)
    # Facts of this run (not configuration, so not in the signature).
    learned = pp.learned
    meta: dict[str, Any] = {"learned_pairs": learned} if learned else {}
    related = calibration.related(doc)
    meta["relatedness"] = round(related, 4)
    meta["doc_similarity"] = doc  # unrounded: the store re-scores edited beads with it
    if m and warning(related):
        meta["warning"] = warning(related)
    translations = pp.gloss()
    if translations:  # machine translation of every source sentence, for reviewers
        meta["gloss"] = {"scorer": sc.name, "model": sc.model, "source": list(translations)}
    return Alignment(src, tgt, tuple(order_beads(beads)), sig, meta)


def anchor_keys(anchors: Sequence[Bead]) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(b.src, b.tgt) for b in anchors}


def doc_similarity(raw: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]], m: int) -> float:
    """Raw similarity of the whole pair: the mean over target sentences of the similarity of
    the link bead each one is in (0 for unlinked ones); a feature of the calibration."""
    if m <= 0:
        return 0.0
    total = sum(sim * len(t) for s, t, sim in raw if s and t and np.isfinite(sim))
    return float(max(0.0, min(1.0, total / m)))


