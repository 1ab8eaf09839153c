"""Scores and QA flags of the beads an operation changed, computed on a window.

Re-running the scorer and the QA checks on a whole pair costs seconds (``run_checks`` on a
5,000-sentence pair takes ~20 s), so an operation rescores and re-checks only its changed
beads, on a sub-alignment of the beads from ``CONTEXT`` before the first changed bead to
``CONTEXT`` after the last. Flags are recomputed for the changed beads; their direct
neighbours get their ``omission`` flags recomputed (such a flag sits on the skipped
sentence's bead, next to the link that causes it). A recomputed flag whose suppression
key is in the project's is stored marked suppressed (``edit.suppress``).
Limits of the window: the lexical scorer's IDF weights, ``length``'s median ratio and the
"occurs anywhere in the source" severity rule of ``number_mismatch`` / ``entity_mismatch``
see the window, not the document, so a bead's score or a flag's severity can differ from
a full re-run (``align qa`` on the exported pair gives the full-document view). Digest
furniture (``meta["roles"]``) is found again in the window's sentences, one per line.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any

from align.aligner.calibrate import DEFAULT as CALIBRATION
from align.aligner.scoring import bead_scores, calibration_for
from align.errors import AlignError
from align.scorers import Scorer, get_scorer
from align.store.edit.spans import anchor_flag
from align.store.edit.suppress import bead_texts, mark
from align.store.edit.work import Work
from align.store.model import SIDES
from align.types import Alignment, Bead, Document, Signature, Status

log = logging.getLogger("align")
CONTEXT = 2  # beads of context on each side of the changed ones (omission needs 2)
NEIGHBOUR_TYPES = frozenset({"omission"})
_SCORERS: dict[tuple[str, str], Scorer] = {}


def scorer_for(name: str, model: str = "none") -> Scorer:
    """The scorer *name* (with *model*), cached per process; ``lexical`` when it cannot be
    built here (unknown name such as ``gold``, model not in the local cache)."""
    key = (name, model)
    if key not in _SCORERS:
        try:
            kwargs = {"model": model} if model not in ("", "none") else {}
            _SCORERS[key] = get_scorer(name, **kwargs)
        except (AlignError, ImportError, TypeError) as e:
            log.info("store: scorer %s unavailable (%s); rescoring with lexical", name, e)
            _SCORERS[key] = _SCORERS.get(("lexical", "none")) or get_scorer("lexical")
            _SCORERS.setdefault(("lexical", "none"), _SCORERS[key])
    return _SCORERS[key]


def _window(w: Work, beads: Sequence[int]) -> tuple[Alignment, list[int], dict[str, list[int]]]:
    """Sub-alignment of window beads *beads* (ids, in order): the alignment, and for its
    sentences of each side the row ids (sub index -> row id)."""
    docs: dict[str, Document] = {}
    rows: dict[str, list[int]] = {}
    sub_of: dict[int, int] = {}
    for side in SIDES:
        idx = sorted(i for b in beads for i in w.members(b)[SIDES.index(side)])
        ids = [w.live[side][i] for i in idx]
        rows[side] = ids
        sub_of.update({sid: k for k, sid in enumerate(ids)})
        ss = [w.sents[s] for s in ids]
        docs[side] = Document.from_texts([s.text for s in ss], w.base.pair[f"{side}_lang"],
                                         [s.paragraph for s in ss])
    sub = []
    for b in beads:
        r = w.beads[b]
        sub.append(Bead(tuple(sub_of[s] for s in w.side_ids(b, "src")),
                        tuple(sub_of[s] for s in w.side_ids(b, "tgt")),
                        min(max(r.score, 0.0), 1.0), Status(r.status)))
    sig = Signature.from_dict(w.base.pair["signature"] or {"scorer": "unknown"})
    meta = w.base.pair.get("meta") or {}  # doc_similarity: a feature of the calibration
    return Alignment(docs["src"], docs["tgt"], tuple(sub), sig, meta), list(beads), rows


def _rescore(w: Work, aln: Alignment, ids: list[int], todo: set[int]) -> None:
    sig = aln.signature
    if not todo:
        return
    if not len(aln.source) or not len(aln.target):  # null beads with nothing to link to
        for k, b in enumerate(aln.beads):
            if ids[k] in todo:
                w.set_bead(ids[k], score=CALIBRATION.null(0.0))
        return
    try:
        pp = scorer_for(sig.scorer, sig.model).prepare(aln.source, aln.target)
    except Exception as e:  # noqa: BLE001 - a failing scorer must not block a review edit
        log.warning("store: cannot rescore (%s); scores kept", e)
        return
    calib = calibration_for(sig.params, pp.evidence, sig.mode)
    # the pair's similarity as the aligner measured it (its calibration feature), if stored
    doc = aln.meta.get("doc_similarity")
    doc = float(doc) if isinstance(doc, int | float) and not isinstance(doc, bool) else None
    try:
        scores = bead_scores(pp, calib, [(b.src, b.tgt, math.nan) for b in aln.beads], doc,
                             only={k for k, i in enumerate(ids) if i in todo})
    except (NotImplementedError, ValueError, IndexError) as e:
        log.warning("store: cannot rescore (%s); scores kept", e)
        return
    for k, score in enumerate(scores):
        if ids[k] in todo and math.isfinite(score):
            w.set_bead(ids[k], score=min(max(float(score), 0.0), 1.0))


def refresh(w: Work, *, scored: set[int] | None = None) -> None:
    """Rescore the structurally changed beads (except *scored*, already scored by the
    operation) and recompute the QA flags of those beads and their neighbours."""
    from align.qa.checks import CHECKS, run_checks

    changed = [b for b in w.structural if b in w.beads]
    if not changed:
        return
    where = {b: k for k, b in enumerate(w.order)}
    pos = sorted(where[b] for b in changed)
    lo, hi = max(pos[0] - CONTEXT, 0), min(pos[-1] + CONTEXT, len(w.order) - 1)
    aln, ids, rows = _window(w, w.order[lo:hi + 1])
    _rescore(w, aln, ids, set(changed) - (scored or set()))
    recheck = {w.order[p + d] for p in pos for d in (-1, 0, 1) if 0 <= p + d < len(w.order)}
    scored_beads = tuple(Bead(b.src, b.tgt, min(max(w.beads[i].score, 0.0), 1.0), b.status)
                         for b, i in zip(aln.beads, ids))
    meta: dict[str, Any] = {}
    if "roles" in aln.meta:  # digest furniture, found again in the window's English
        from align.digest.roles import roles_meta

        meta = {"roles": roles_meta(aln.target)}
    qa = aln.meta.get("qa")
    if isinstance(qa, Mapping) and "glossary" in qa:  # the user's glossary (terminology)
        meta["qa"] = {"glossary": qa["glossary"]}
    aln = Alignment(aln.source, aln.target, scored_beads, aln.signature, meta)
    try:
        checked = run_checks(aln)
    except Exception as e:  # noqa: BLE001 - a failing QA check must not block a review edit
        log.warning("store: QA checks failed on a window (%s); flags kept", e)
        return
    starts = {s: [x.start for x in (aln.source if s == "src" else aln.target).sentences]
              for s in SIDES}
    known = set(CHECKS)
    keys, langs = w.suppressed_keys(), w.langs
    for k, b in enumerate(checked.beads):
        bid = ids[k]
        if bid not in recheck:
            continue
        # A changed bead gets all its QA flags anew; a neighbour only its omission flags
        # (its other flags depend on its own sentences, and the window is too small for
        # the document-level statistics of e.g. ``length``).
        redo = known if bid in w.structural else NEIGHBOUR_TYPES
        kept: list[Mapping[str, Any]] = [f for f in w.beads[bid].flags
                                         if f.get("type") not in redo]
        new = mark([anchor_flag(f, starts, rows) for f in b.flags if f.type in redo],
                   bead_texts(aln, b), langs, keys)
        flags = (*kept, *new)
        if flags != w.beads[bid].flags:
            w.set_bead(bid, flags=flags)
