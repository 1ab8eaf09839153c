"""Document-pair and batch QA metrics: coverage, support, confidence, flags and MQM penalty.

Definitions (for one alignment; sentence counts are over ``Alignment.source``/``target``):

* ``coverage`` = source sentences in links / source sentences — the share of the Turkish
  article that the English uses (low for a summary by design);
* ``support`` = English sentences in links / English sentences — the share of the English
  that has a source (1 - support is the share of possible additions);
* ``mean_confidence`` = mean ``Bead.score`` over links (beads with both sides non-empty);
* ``flags_by_type`` / ``flags_by_severity`` = counts of ``Flag`` records over all beads;
* ``mqm_penalty`` = penalty points per 1,000 English words. Points are the MQM severity
  multipliers minor 1, major 5, critical 25 — the default weights of the MQM Core scoring
  model (MQM 2.0, themqm.org; older MQM/DQF tables used 10 for critical). MQM normalises
  by the evaluated word count; ours is the English side, ``WORD_RE`` matches in the target
  sentences. No pass/fail threshold is applied: that is a per-project choice.

A ratio whose denominator is 0 is ``None`` (no source, no English, no links, no words), never 0,
so an empty side cannot pass for a perfect or a failed pair.

Batch figures (:func:`batch_metrics`) are sums of counts; ratios are recomputed from the
sums, i.e. means weighted by sentences, links or words. A sentence that belongs to several
pairs (a project's lead is aligned against the joined sources of its blocks) counts once per
pair.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from align.types import Alignment, Flag, Severity

SEVERITY_WEIGHTS: Mapping[Severity, int] = MappingProxyType(
    {Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 25})
"""MQM core severity weights (minor 1, major 5, critical 25)."""
PER_WORDS = 1000
"""The MQM penalty is given per this many English words."""
SEVERITY_ORDER: tuple[Severity, ...] = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)
"""Most severe first: the order of report columns and of flagged segments."""
WORD_RE = re.compile(r"\w+(?:['’\-.,]\w+)*")
"""An English word: letters/digits, with inner apostrophes, hyphens and number separators."""


def count_words(text: str) -> int:
    """Words in ``text`` as MQM counts them for the penalty (``WORD_RE`` matches)."""
    return len(WORD_RE.findall(text))


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _frozen(counter: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(sorted(counter.items())))


@dataclass(frozen=True)
class PairMetrics:
    """Metrics of one document pair, or of a batch (``pairs`` > 1). Counts are totals."""

    id: str
    pairs: int = 1
    src_sentences: int = 0
    tgt_sentences: int = 0
    links: int = 0
    src_linked: int = 0  # source sentences inside links
    tgt_linked: int = 0  # English sentences inside links
    score_sum: float = 0.0  # sum of link scores (mean_confidence = score_sum / links)
    tgt_words: int = 0
    flags_by_type: Mapping[str, int] = field(default_factory=dict)
    flags_by_severity: Mapping[str, int] = field(default_factory=dict)  # keys: Severity values

    def __post_init__(self) -> None:
        object.__setattr__(self, "flags_by_type", _frozen(self.flags_by_type))
        sev = {s.value: int(self.flags_by_severity.get(s.value, 0)) for s in SEVERITY_ORDER}
        object.__setattr__(self, "flags_by_severity", MappingProxyType(sev))

    @property
    def coverage(self) -> float | None:
        """Share of source sentences in links, in [0, 1]; None without source sentences."""
        return _ratio(self.src_linked, self.src_sentences)

    @property
    def support(self) -> float | None:
        """Share of English sentences in links, in [0, 1]; None without English sentences."""
        return _ratio(self.tgt_linked, self.tgt_sentences)

    @property
    def mean_confidence(self) -> float | None:
        """Mean link score in [0, 1]; None without links."""
        return _ratio(self.score_sum, self.links)

    @property
    def flags(self) -> int:
        return sum(self.flags_by_severity.values())

    @property
    def penalty_points(self) -> int:
        """Sum of MQM severity weights over the flags."""
        return sum(SEVERITY_WEIGHTS[Severity(k)] * n for k, n in self.flags_by_severity.items())

    @property
    def mqm_penalty(self) -> float | None:
        """Penalty points per 1,000 English words; None without English words."""
        r = _ratio(self.penalty_points, self.tgt_words)
        return None if r is None else r * PER_WORDS

    def to_dict(self) -> dict[str, Any]:
        """Counts, ratios (None when undefined) and flag counts, JSON-ready."""
        d: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        d["score_sum"] = round(self.score_sum, 6)
        d["flags_by_type"] = dict(self.flags_by_type)
        d["flags_by_severity"] = dict(self.flags_by_severity)
        for name in ("coverage", "support", "mean_confidence", "mqm_penalty"):
            v = getattr(self, name)
            d[name] = None if v is None else round(v, 6)
        d["flags"] = self.flags
        d["penalty_points"] = self.penalty_points
        return d


def all_flags(aln: Alignment) -> list[Flag]:
    """Every flag of every bead, in bead order."""
    return [f for b in aln.beads for f in b.flags]


def pair_metrics(aln: Alignment, pair_id: str = "") -> PairMetrics:
    """Metrics of one alignment (see the module docstring for the definitions)."""
    links = aln.links
    flags = all_flags(aln)
    return PairMetrics(
        id=pair_id, pairs=1,
        src_sentences=len(aln.source), tgt_sentences=len(aln.target), links=len(links),
        src_linked=sum(len(b.src) for b in links), tgt_linked=sum(len(b.tgt) for b in links),
        score_sum=sum(b.score for b in links),
        tgt_words=sum(count_words(s.text) for s in aln.target.sentences),
        flags_by_type=Counter(f.type for f in flags),
        flags_by_severity=Counter(f.severity.value for f in flags),
    )


def batch_metrics(items: Iterable[PairMetrics], batch_id: str = "all") -> PairMetrics:
    """Totals over pairs: counts summed, ratios recomputed from the sums (weighted means)."""
    items = list(items)
    by_type: Counter[str] = Counter()
    by_sev: Counter[str] = Counter()
    for m in items:
        by_type.update(m.flags_by_type)
        by_sev.update(m.flags_by_severity)
    return PairMetrics(
        id=batch_id, pairs=sum(m.pairs for m in items),
        src_sentences=sum(m.src_sentences for m in items),
        tgt_sentences=sum(m.tgt_sentences for m in items),
        links=sum(m.links for m in items), src_linked=sum(m.src_linked for m in items),
        tgt_linked=sum(m.tgt_linked for m in items),
        score_sum=sum(m.score_sum for m in items), tgt_words=sum(m.tgt_words for m in items),
        flags_by_type=by_type, flags_by_severity=by_sev,
    )


def severity_rank(severity: Severity | str) -> int:
    """0 for critical, 1 for major, 2 for minor (sort key, most severe first)."""
    return SEVERITY_ORDER.index(Severity(severity))


def metrics_table(alignments: Sequence[tuple[str, Alignment]]) -> tuple[list[PairMetrics],
                                                                         PairMetrics]:
    """Per-pair metrics for ``(pair id, alignment)`` items and their batch total."""
    per = [pair_metrics(aln, pid) for pid, aln in alignments]
    return per, batch_metrics(per)


__all__ = ["PER_WORDS", "SEVERITY_ORDER", "SEVERITY_WEIGHTS", "WORD_RE", "PairMetrics",
           "all_flags", "batch_metrics", "count_words", "metrics_table", "pair_metrics",
           "severity_rank"]
