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
        from sacrebleu.metrics.bleu import BLEU
        from sacrebleu.metrics.chrf import CHRF
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
    nw:2|space:no|version:…", "bleu": "nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|…",
    "ter": "nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|…", "chrf": "…|nw:0|…"}."""
    chrf, bleu = _metrics()
    ter_m, chrf_m = _postedit_metrics()
    return {"chrf++": str(chrf.get_signature()), "bleu": str(bleu.get_signature()),
            "ter": str(ter_m.get_signature()), "chrf": str(chrf_m.get_signature())}


# Post-editing metrics (HTER, chrF): the edited text is the reference, the original the hypothesis.
@functools.cache
def _postedit_metrics() -> tuple[Any, Any]:
    _metrics()  # same ImportError message when sacrebleu is missing
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    ter_m, chrf_m = TER(), CHRF()  # sacrebleu defaults: tercom TER, case-insensitive; chrF nc:6 nw:0
    for metric in (ter_m, chrf_m):
        metric.num_refs = 1
    return ter_m, chrf_m


def ter(hyp: str, ref: str) -> float:
    """Sentence TER of ``hyp`` against ``ref`` as sacrebleu gives it: 100 × edits / reference
    words (0 = identical; above 100 when ``hyp`` needs more edits than ``ref`` has words;
    100 for any non-empty ``hyp`` against an empty ``ref``, 0 for two empty strings)."""
    return float(_postedit_metrics()[0].sentence_score(hyp, [ref]).score)


def chrf(hyp: str, ref: str) -> float:
    """Sentence chrF (character 6-grams, beta 2, no word n-grams) of ``hyp`` against ``ref``,
    in [0, 100]."""
    return _clamp(_postedit_metrics()[1].sentence_score(hyp, [ref]).score)


__all__ = ["chrf", "chrf_pp", "sentence_bleu", "signatures", "ter"]
