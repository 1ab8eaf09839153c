"""Reliability of bead scores: predicted confidence against observed accuracy.

A bead's ``score`` is meant as the probability that the bead is right
(`align.aligner.calibrate`). A *reliability table* bins the beads by score (``bins`` equal
bins over [0, 1]; a score of 1.0 falls in the last bin) and gives, per bin, the number of
beads, their mean score (confidence) and the share of them that gold holds exactly
(accuracy). The expected calibration error is

    ECE = sum over bins of n_bin / N * |confidence_bin - accuracy_bin|

(as in ``benchmarks/calibrate.py``; Guo et al. 2017). Two sources feed the report:

* `shipped()`: the held-out table in ``align/data/calibration/reliability.json``, written
  by ``python -m benchmarks.calibrate --write-reliability`` (provenance inside the file);
* `against_gold`: computed live from alignments and their gold alignments (a bead is right
  when gold has a bead with exactly the same source and target ids).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from align.errors import SchemaError
from align.types import Alignment, Bead

SCHEMA = "align.reliability/1"
BINS = 10


@dataclass(frozen=True)
class ReliabilityBin:
    """Beads with ``lo <= score < hi`` (``hi`` included for the last bin): ``n`` of them,
    mean score ``confidence`` and share right ``accuracy`` (None when ``n`` is 0)."""

    lo: float
    hi: float
    n: int
    confidence: float | None
    accuracy: float | None

    def to_dict(self) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {"lo": round(self.lo, 4), "hi": round(self.hi, 4), "n": self.n,
                "confidence": r(self.confidence), "accuracy": r(self.accuracy)}


@dataclass(frozen=True)
class Reliability:
    """A reliability table: every bin (empty ones too), ``n`` beads, their ECE, a
    human-readable ``label`` (what was measured) and ``provenance`` (data, command)."""

    bins: tuple[ReliabilityBin, ...]
    n: int
    ece: float
    label: str = ""
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "bins", tuple(self.bins))
        object.__setattr__(self, "provenance", MappingProxyType(dict(self.provenance)))

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "label": self.label, "n": self.n, "ece": round(self.ece, 4),
                "bins": [b.to_dict() for b in self.bins], "provenance": dict(self.provenance)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "reliability table") -> Reliability:
        """Read `to_dict` output; raises SchemaError naming *where* for anything else."""
        if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
            raise SchemaError(f"{where}: not a reliability table (expected schema {SCHEMA!r})")
        try:
            bins = tuple(ReliabilityBin(float(b["lo"]), float(b["hi"]), int(b["n"]),
                                        None if b["confidence"] is None else float(b["confidence"]),
                                        None if b["accuracy"] is None else float(b["accuracy"]))
                         for b in data["bins"])
            return cls(bins, int(data["n"]), float(data["ece"]), str(data.get("label", "")),
                       dict(data.get("provenance") or {}))
        except (KeyError, TypeError, ValueError) as e:
            raise SchemaError(f"{where}: malformed reliability table ({e!r})") from None


def reliability(scores: Sequence[float], right: Sequence[bool], bins: int = BINS,
                label: str = "", provenance: Mapping[str, Any] | None = None) -> Reliability:
    """The table of *scores* (in [0, 1]) and whether each bead is right (module doc)."""
    if len(scores) != len(right):
        raise ValueError("reliability: scores and labels differ in length")
    sums = [[0, 0.0, 0] for _ in range(bins)]  # n, sum of scores, n right
    for s, ok in zip(scores, right):
        k = min(bins - 1, max(0, int(float(s) * bins)))
        sums[k][0] += 1
        sums[k][1] += float(s)
        sums[k][2] += bool(ok)
    n = len(scores)
    out: list[ReliabilityBin] = []
    ece = 0.0
    for k, (c, total, hits) in enumerate(sums):
        conf = total / c if c else None
        acc = hits / c if c else None
        if c and conf is not None and acc is not None:
            ece += c / n * abs(conf - acc)
        out.append(ReliabilityBin(k / bins, (k + 1) / bins, int(c), conf, acc))
    return Reliability(tuple(out), n, ece, label, provenance or {})


def labelled(pred: Alignment, gold: Iterable[Bead]) -> list[tuple[float, bool]]:
    """(score, right) for every bead of *pred*: right when *gold* has exactly that bead."""
    keys = {(b.src, b.tgt) for b in gold}
    return [(b.score, (b.src, b.tgt) in keys) for b in pred.beads]


def same_texts(a: Alignment, b: Alignment) -> bool:
    """Whether two alignments have the same sentences on both sides (so their ids agree)."""
    return (a.source.texts == b.source.texts) and (a.target.texts == b.target.texts)


def against_gold(pairs: Iterable[tuple[Alignment, Alignment]], label: str = "",
                 provenance: Mapping[str, Any] | None = None) -> Reliability:
    """The table over every bead of every ``(prediction, gold)`` pair."""
    rows = [r for pred, gold in pairs for r in labelled(pred, gold.beads)]
    return reliability([s for s, _ in rows], [ok for _, ok in rows], label=label,
                       provenance=provenance)


@cache
def shipped() -> Reliability | None:
    """The held-out table shipped in ``align/data/calibration/reliability.json`` (None if
    the file is absent). Raises SchemaError for a malformed file."""
    path = resources.files("align") / "data" / "calibration" / "reliability.json"
    if not path.is_file():
        return None
    where = "align/data/calibration/reliability.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise SchemaError(f"{where}: not JSON ({e.msg} at line {e.lineno})") from None
    return Reliability.from_dict(data, where)


__all__ = ["BINS", "SCHEMA", "Reliability", "ReliabilityBin", "against_gold", "labelled",
           "reliability", "same_texts", "shipped"]
