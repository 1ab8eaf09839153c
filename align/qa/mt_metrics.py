"""The one adapter to sacrebleu: sentence chrF++ and BLEU, and their signatures.

Orientation: ``hyp`` is the machine translation (or the text being judged), ``ref`` the
single human reference. Scores are sacrebleu's, in [0, 100]:

* chrF++ = ``CHRF(word_order=2)`` (character 6-grams + word bigrams, beta 2);
* sentence BLEU = ``BLEU(effective_order=True)`` (13a tokenisation, exp smoothing), the
  setting sacrebleu recommends for single sentences.

sacrebleu is imported on first use, not with this module.
"""
from __future__ import annotations

import functools
from typing import Any

from align.errors import AlignError


@functools.cache
def _metrics() -> tuple[Any, Any]:
    try:
        from sacrebleu.metrics import BLEU, CHRF
    except ImportError as e:
        raise AlignError(
            f"sacrebleu is not installed ({e}); install the neural extra: pip install 'align-workbench[neural]'"
        ) from None
    chrf, bleu = CHRF(word_order=2), BLEU(effective_order=True)
    for metric in (chrf, bleu):
        metric.num_refs = 1  # we always pass one reference; the signature needs it before any score
    return chrf, bleu


def _clamp(score: float) -> float:
    # sacrebleu's BLEU of identical strings can come out as 100.00000000000004
    return min(100.0, max(0.0, float(score)))


def chrf_pp(hyp: str, ref: str) -> float:
    """Sentence chrF++ of ``hyp`` against the one reference ``ref``, in [0, 100]."""
    return _clamp(_metrics()[0].sentence_score(hyp, [ref]).score)


def sentence_bleu(hyp: str, ref: str) -> float:
    """Sentence BLEU (effective order) of ``hyp`` against ``ref``, in [0, 100] (clamped:
    sacrebleu can return 100 plus a rounding error)."""
    return _clamp(_metrics()[1].sentence_score(hyp, [ref]).score)


def signatures() -> dict[str, str]:
    """sacrebleu's reproducibility signatures: {"chrf++": "nrefs:1|case:mixed|eff:yes|nc:6|
    nw:2|space:no|version:…", "bleu": "nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|…"}."""
    chrf, bleu = _metrics()
    return {"chrf++": str(chrf.get_signature()), "bleu": str(bleu.get_signature())}


__all__ = ["chrf_pp", "sentence_bleu", "signatures"]
