"""Turn raw similarities into bead scores that mean "probability this bead is right".

A logistic model per bead kind: ``p = sigmoid(w * sim + b)`` for link beads and
``p = sigmoid(-(w * best_alternative + b))`` for null beads, where ``best_alternative`` is
the highest similarity the unaligned sentence has to any nearby sentence of the other
side. Similarities mean different things for different evidence (word overlap, cosines of
one encoder or another, their mix), so there is one model per evidence kind
(``PreparedPair.evidence``), fitted by ``python -m benchmarks.calibrate --write`` on the
tuning cases *and on negatives* (shuffled and unrelated document pairs, where every link
is wrong) and stored with its provenance in ``align/data/calibration/calibrations.json``.
:func:`for_evidence` finds the entry (see :func:`align.aligner.costs.lookup`); its name
goes into the signature (``calib``).
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, fields
from importlib import resources


@dataclass(frozen=True)
class Calibration:
    """Three logistic models; ``doc`` is the pair's raw similarity
    (:func:`align.aligner.api.doc_similarity`).

    * ``related(doc) = sigmoid(w_rel * doc + b_rel)``: the probability that the source
      contains the target at all (fitted on related and unrelated pairs);
    * ``link = sigmoid(w_link * (sim - doc) + b_link + w_multi * [larger than 1:1] +
      w_link_doc * doc) * related``: a link is right only in a related pair (fitted on the
      beads of related pairs, ``w_link >= 0``); its similarity counts relative to the
      pair's, since similarity scales shift from document to document (OCR, domain,
      length), and the pair's own similarity says how literal the target is (an abstract's
      links are looser than an excerpt's);
    * ``null = related * (1 - sigmoid(w_null * alt + b_null)) + (1 - related)``: in an
      unrelated pair every sentence is rightly unaligned.
    """

    name: str = "logit.v1"
    # logit.v1: fitted by ``python -m benchmarks.calibrate`` on the tuning cases (NTREX tune
    # half, summary and translation; Text+Berg dev) without negatives; the fallback when no
    # fitted entry exists for an evidence kind (every pair taken as related).
    w_link: float = 3.414
    b_link: float = 1.203
    w_null: float = 4.627
    b_null: float = -3.822
    w_multi: float = 0.0
    w_rel: float = 0.0
    b_rel: float = 50.0
    relative: bool = False  # logit.v1 scores the raw similarity
    w_link_doc: float = 0.0

    def related(self, doc: float | None) -> float:
        """``doc`` None (unknown): 1."""
        return 1.0 if doc is None else _sigmoid(self.w_rel * doc + self.b_rel)

    def link(self, sim: float, multi: bool = False, doc: float | None = None) -> float:
        """``doc`` None (unknown): the bead's own similarity."""
        d = sim if doc is None else doc
        rel = sim - d if self.relative else sim
        x = self.w_link * rel + self.b_link + self.w_multi * multi + self.w_link_doc * d
        return _sigmoid(x) * self.related(doc)

    def null(self, best_alternative: float, doc: float | None = None) -> float:
        r = self.related(doc)
        return r * (1.0 - _sigmoid(self.w_null * best_alternative + self.b_null)) + (1.0 - r)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


DEFAULT = Calibration()
CALIBRATIONS_FILE = "calibrations.json"


@functools.cache
def fitted() -> dict[str, Calibration]:
    """The shipped calibrations by evidence kind (empty when the file is absent)."""
    try:
        raw = (resources.files("align") / "data" / "calibration" / CALIBRATIONS_FILE).read_text(
            encoding="utf-8")
    except FileNotFoundError:
        return {}
    entries = json.loads(raw)["calibrations"]
    names = [f.name for f in fields(Calibration) if f.name != "name"]
    # the entry's key in its name, so the signature says which calibration scored the beads
    return {key: Calibration(f"{e['name']}:{key}", **{k: e[k] for k in names if k in e})
            for key, e in entries.items()}


def for_evidence(evidence: str, mode: str = "monotonic") -> Calibration:
    """The calibration fitted for ``evidence`` (or its nearest fitted kind), else DEFAULT.
    Free mode has its own entries (``free/<evidence>``): an abstract's links are looser than
    an excerpt's; without one, the monotonic entry serves."""
    from align.aligner.costs import lookup

    table = fitted()
    free = lookup(table, f"free/{evidence}", fallback="") if mode == "free" else None
    return free or lookup(table, evidence) or DEFAULT
