"""``mt``: similarity by machine translation, after Bleualign (Sennrich & Volk 2010).

Every source sentence is translated into the target language with a local seq2seq model
(:class:`align.neural.translate.Translator`; MarianMT, NLLB or M2M100). The translation
of a source bead is the space-joined translations of its sentences, as in Bleualign, and
the similarity of a bead is a sentence-level MT metric between that translation
(hypothesis) and the target bead's text (reference), divided by 100:

* ``chrf++`` (default): chrF with word bigrams (``word_order=2``, beta 2), computed both
  ways (translation vs target and target vs translation) keeping the lower. chrF weighs
  recall 4x, so one way alone scores a translation padded with an unrelated neighbour at
  ~0.85 of the right 1:1 bead and the aligner would glue omitted source sentences onto
  their neighbours (seen on the tiny-model tests with the lexicon costs);
* ``bleu``: sentence BLEU with ``effective_order=True``, translation vs target (Bleualign's
  orientation; precision and the brevity penalty already punish either extra side).

Both come from :mod:`align.measures.mt_metrics`, the one module that imports sacrebleu. Scores
are memoised per bead. Cost: ~0.15 ms per chrF++ call (two per bead) and ~0.03 ms per
BLEU call, so a full ``n x m`` table with ``k`` link shapes (10 for ``max_bead=5``) costs
about ``0.3 * n * m * k`` ms with chrF++ (70 x 25 sentences: ~5 s), a tenth with BLEU.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from align.errors import AlignError
from align.neural.translate import Translator
from align.scorers.base import PreparedPair, Scorer
from align.types import Document

METRICS = ("chrf++", "bleu")


def _metric(name: str) -> Callable[[str, str], float]:
    """``(hyp, ref) -> score in [0, 100]`` for a metric name of :data:`METRICS`."""
    from align.measures import mt_metrics

    if name == "bleu":
        return mt_metrics.sentence_bleu
    chrf = mt_metrics.chrf_pp

    def both_ways(hyp: str, ref: str) -> float:
        # chrF weighs recall 4x (beta 2): a bead whose translation carries an extra,
        # unrelated source sentence keeps ~0.85 of a perfect score, so merges with omitted
        # neighbours would look as good as the right 1:1 bead. Scored both ways, the lower
        # value demands that each side explain the other.
        return min(chrf(hyp, ref), chrf(ref, hyp))

    return both_ways


class MTPair(PreparedPair):
    """A document pair with its source translated: ``hyp[i]`` is source sentence i's
    translation, ``ref[j]`` target sentence j's text (both 0-based)."""

    evidence = "mt"

    def __init__(self, hyp: Sequence[str], ref: Sequence[str],
                 metric: Callable[[str, str], float]) -> None:
        self.hyp, self.ref = list(hyp), list(ref)
        self.n_src, self.n_tgt = len(self.hyp), len(self.ref)
        self._metric = metric
        self._blocks: dict[tuple[int, int, int, int], float] = {}
        self._sets: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}

    def _sim(self, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> float:
        hyp = " ".join(h for h in (self.hyp[i] for i in src_ids) if h)
        ref = " ".join(r for r in (self.ref[j] for j in tgt_ids) if r.strip())
        if not hyp.strip() or not ref.strip():
            return 0.0
        return min(max(self._metric(hyp, ref) / 100.0, 0.0), 1.0)

    def score_blocks(
        self, src_start: np.ndarray, src_len: int, tgt_start: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        """Metric of ``src[s:s+src_len]``'s translation against ``tgt[t:t+tgt_len]``,
        float64 (k,) in [0, 1]; ``src_start``/``tgt_start`` int (k,), 0-based."""
        s_arr = np.asarray(src_start, np.int64).ravel().tolist()
        t_arr = np.asarray(tgt_start, np.int64).ravel().tolist()
        out = np.empty(len(s_arr), np.float64)
        memo = self._blocks
        for k, (s, t) in enumerate(zip(s_arr, t_arr)):
            key = (s, src_len, t, tgt_len)
            v = memo.get(key)
            if v is None:
                v = memo[key] = self._sim(range(s, s + src_len), range(t, t + tgt_len))
            out[k] = v
        return out

    def score_sets(self, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> float:
        """Metric of any sentence sets; each side is read in document order."""
        s, t = tuple(sorted(src_ids)), tuple(sorted(tgt_ids))
        if not s or not t:
            return 0.0
        if s == tuple(range(s[0], s[-1] + 1)) and t == tuple(range(t[0], t[-1] + 1)):
            return float(self.score_blocks(np.array([s[0]]), len(s), np.array([t[0]]), len(t))[0])
        v = self._sets.get((s, t))
        if v is None:
            v = self._sets[(s, t)] = self._sim(s, t)
        return v

    def gloss(self) -> list[str]:
        """The translation of every source sentence, (n_src,), in source order."""
        return list(self.hyp)


class MTScorer(Scorer):
    """Translate the source with a local seq2seq model, score beads by chrF++ or BLEU.

    ``model``: a model id in the local Hugging Face cache or a local directory (never
    downloaded: ``align models download`` does that); ``metric``: "chrf++" | "bleu";
    ``beam``/``max_length`` go to ``generate`` (max_length capped by the model's positions);
    ``device``: auto | cpu | cuda | mps. ``src_lang``/``tgt_lang`` default to the
    documents' languages (needed by NLLB/M2M100). ``cache_dir``: translation cache root
    (default ``$XDG_CACHE_HOME/align/translations``). ``model`` attribute: the model id,
    or the directory's name for a local directory.
    """

    name = "mt.v1"

    def __init__(self, model: str = "Helsinki-NLP/opus-mt-tr-en", metric: str = "chrf++",
                 beam: int = 4, max_length: int = 256, batch_size: int = 16,
                 device: str = "auto", cache_dir: str | None = None,
                 src_lang: str | None = None, tgt_lang: str | None = None) -> None:
        metric = metric.lower()
        if metric not in METRICS:
            raise AlignError(f"unknown metric {metric!r} for the mt scorer (known: {', '.join(METRICS)})")
        self.metric = metric
        self.model = Path(model).name if Path(model).expanduser().is_dir() else model
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.translator = Translator(model, beam, max_length, batch_size, device, cache_dir)

    def translate(self, doc: Document, tgt_lang: str | None = None) -> list[str]:
        """Translation of every sentence of ``doc`` into ``tgt_lang`` (or the scorer's)."""
        return self.translator.translate(doc.texts, self.src_lang or doc.lang or None,
                                         self.tgt_lang or tgt_lang)

    def prepare(self, src: Document, tgt: Document) -> MTPair:
        hyp = self.translate(src, tgt.lang or None)
        return MTPair(hyp, tgt.texts, _metric(self.metric))

    def params(self) -> dict[str, Any]:
        from align.measures.mt_metrics import signatures

        return {"metric": self.metric,
                "orientation": "min-both-ways" if self.metric == "chrf++" else "mt-vs-target",
                "beam": self.translator.beam, "max_length": self.translator.max_length,
                "metric_signature": signatures()[self.metric]}


__all__ = ["METRICS", "MTPair", "MTScorer"]
