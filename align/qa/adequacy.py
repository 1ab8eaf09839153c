"""Per-bead adequacy: how much of the Turkish the English renders, in [0, 1].

``adequacy(aln)`` -> one value per bead of ``aln.beads`` (same order), ``None`` for null
beads (1-0 and 0-1: nothing to compare). For a linked bead:

* **coverage** (always): the Turkish content tokens of the bead's source sentences
  (`align.text.normalize.analyse`: stemmed, stopword-free; numbers by canonical value)
  weighted ``w = 2`` for numbers and names (capitalised, not sentence-initial) and
  ``w = 1`` otherwise; each token's support ``s`` is the strongest match key it shares
  with the English tokens of the bead, as in the lexical scorer
  (`align.qa.checks.match.support`: 1 for the same stem or number, the lexicon weight for
  a translation, 0.45 for a cognate)::

      coverage = sum(w * s) / sum(w)          (1.0 when the Turkish has no content token)

* **chrF** (only when ``aln.meta["gloss"]["source"]`` holds the machine translation of every
  source sentence, written by the ``mt``/``hybrid`` scorers): sentence chrF++
  (`align.measures.mt_metrics.chrf_pp`, word_order=2, beta=2 so recall of the MT weighs more)
  of the English (hypothesis) against the MT of the bead's source sentences (reference),
  divided by 100. Then ``adequacy = (coverage + chrF) / 2``; otherwise ``adequacy =
  coverage``.

`english_support` is the reverse share (English content tokens the Turkish renders),
used by the ``unsupported`` check, which confirms a low share with `semantic_similarity`
(a sentence encoder sees a paraphrase the lexicon misses).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from align.lexicon.load import Lexicon
from align.qa.checks.base import Context
from align.qa.checks.match import en_keys, strong_keys, support, token_keys
from align.text.normalize import TokenInfo
from align.types import Alignment

NAME_WEIGHT = 2.0  # numbers and names count double: the facts a summary must keep


def _weight(t: TokenInfo) -> float:
    return NAME_WEIGHT if t.is_number or t.is_capitalised else 1.0


def coverage(src: Sequence[TokenInfo], tgt: Sequence[TokenInfo], lexicon: Lexicon) -> float:
    """Weighted share of Turkish tokens *src* rendered by English tokens *tgt* (module doc)."""
    content = [t for t in src if t.key is not None]
    if not content:
        return 1.0
    english = en_keys(tgt)
    total = sum(_weight(t) for t in content)
    got = sum(_weight(t) * support(t, english, lexicon) for t in content)
    return got / total


def english_support(tgt: Sequence[TokenInfo], src: Sequence[TokenInfo], lexicon: Lexicon,
                    min_strength: float = 0.45) -> float | None:
    """Share of English content tokens *tgt* rendered by some Turkish token of *src* with
    at least *min_strength*; None when the English has no content token."""
    content = [t for t in tgt if t.key is not None]
    if not content:
        return None
    strong = strong_keys(src, lexicon, min_strength)  # any Turkish token renders e
    hit = sum(1 for e in content if not strong.isdisjoint(token_keys(e)))
    return hit / len(content)


def _gloss(aln: Alignment) -> list[str] | None:
    gloss = aln.meta.get("gloss")
    src = gloss.get("source") if isinstance(gloss, dict) else None
    if isinstance(src, list) and len(src) == len(aln.source):
        return [str(s) for s in src]
    return None


def adequacy(aln: Alignment) -> list[float | None]:
    """Adequacy of every bead of *aln* in [0, 1] (None for null beads); see module doc."""
    ctx = Context(aln)
    gloss = _gloss(aln)
    out: list[float | None] = []
    for b in aln.beads:
        if b.is_null:
            out.append(None)
            continue
        src = [t for i in b.src for t in ctx.analysis("src", i)]
        tgt = [t for j in b.tgt for t in ctx.analysis("tgt", j)]
        cov = coverage(src, tgt, ctx.lexicon)
        if gloss is not None:
            from align.measures.mt_metrics import chrf_pp

            english = " ".join(aln.target.sentences[j].text for j in b.tgt)
            mt = " ".join(gloss[i] for i in b.src)
            cov = (cov + chrf_pp(english, mt) / 100.0) / 2.0
        out.append(min(1.0, max(0.0, cov)))
    return out


__all__ = ["adequacy", "coverage", "english_support"]


SEMANTIC_ENCODER = "use-m3"
"""The encoder of `semantic_similarity`: the bundled USE-multilingual (a core dependency);
its cosines are what `align.qa.checks.unsupported.PARAPHRASE` was chosen on."""


@cache
def _semantic_encoder(src_lang: str, tgt_lang: str) -> Any:
    from align.neural.bundled import covers, installed, make_encoder

    if not installed(SEMANTIC_ENCODER) or not covers(SEMANTIC_ENCODER, src_lang, tgt_lang):
        return None
    return make_encoder(SEMANTIC_ENCODER)


def semantic_similarity(source: str, english: str, src_lang: str, tgt_lang: str
                        ) -> float | None:
    """Cosine of the `SEMANTIC_ENCODER` embeddings of *source* and *english* (about -0.2 for
    unrelated sentences to 1 for translations); None when the encoder is not installed or
    does not cover both languages."""
    enc = _semantic_encoder(src_lang, tgt_lang)
    if enc is None:
        return None
    a, b = np.asarray(enc.embed([source, english]), dtype=np.float64)
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b / norm) if norm else 0.0
