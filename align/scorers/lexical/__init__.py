"""``lexical``: the embedded default scorer — no download, Turkish-aware, any language pair.

Evidence per sentence pair: lexicon translations (shipped Turkish–English core lexicon,
names/exonyms, a lexicon learned from Tatoeba, and any user files), numbers normalised
across formats, identical words and cognates, weighted by inverse document frequency,
plus a Gale-Church length model. Pairs without a lexicon (de–fr, en–is) can bootstrap
one from the input itself (``bootstrap=True``): a first pass finds confident 1:1 links,
IBM Model 1 learns word translations from them, and the scorer is rebuilt with them.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from align.measures.matchkeys import TokenKeys, source_keys, target_keys
from align.scorers.base import PreparedPair, Scorer
from align.scorers.lexical.pair import LexicalPair
from align.types import Document

KEY_CACHE = 500_000  # words whose keys a scorer keeps per side
# Expected target/source character ratio per language pair when the documents' own
# totals cannot be trusted (summaries). tr-en measured on Tatoeba; others default to 1.
LENGTH_RATIO = {("tr", "en"): 1.08, ("en", "tr"): 1 / 1.08}


class LexicalScorer(Scorer):
    """Word evidence: lexicon translations, identical words and names, numbers and cognate
    prefixes, weighted by IDF (an IBM Model 1 second pass learns from confident links)."""

    name = "lexical.v1"

    def __init__(
        self, lexicons: Sequence[str | Path] | None = None, lex_weight: float = 0.8,
        use_shipped: bool = True, bootstrap: str = "auto",
    ) -> None:
        if bootstrap not in ("auto", "on", "off"):
            raise ValueError(f"bootstrap must be auto, on or off (got {bootstrap!r})")
        self.user_lexicons = [Path(p) for p in (lexicons or ())]
        self.lex_weight = lex_weight
        self.use_shipped = use_shipped
        self.bootstrap = bootstrap
        # (side, lexicon tables) -> word -> its keys; the tables live as long as the
        # process (align.lexicon caches them), so their ids are stable keys.
        self._keys: dict[tuple[str, tuple[int, ...]], dict[tuple[str, str, str | None], TokenKeys]] = {}

    def _lexicons(self, src_lang: str, tgt_lang: str) -> list[Any]:
        from align.lexicon import load_lexicon

        lexicons = [load_lexicon(None, src_lang, tgt_lang)] if self.use_shipped else []
        if self.user_lexicons:
            lexicons.append(load_lexicon(self.user_lexicons, src_lang, tgt_lang))
        return [lx for lx in lexicons if len(lx)]

    def tokens(
        self, doc: Document, side: str, lexicons: Sequence[Any] = (),
        extra: Mapping[str, Mapping[str, float]] | None = None,
    ) -> list[list[TokenKeys]]:
        """Match keys of every sentence; ``extra``: learned stem translations (bootstrap).

        A word's keys depend on its stem, its ASCII form and the lexicons only, so they are
        computed once per process for each (side, lexicons) and word.
        """
        from align.text.normalize import match_terms

        tables = [lx.forward for lx in lexicons] + ([extra] if extra else [])
        cache = (self._keys.setdefault((side, tuple(id(t) for t in tables)), {})
                 if extra is None else {})
        if len(cache) > KEY_CACHE:
            cache.clear()
        out: list[list[TokenKeys]] = []
        for s in doc.sentences:
            toks = []
            for word in match_terms(s.text, doc.lang):
                keys = cache.get(word)
                if keys is None:
                    keys = cache[word] = self._keys_of(side, tables, *word)
                toks.append(keys)
            out.append(toks)
        return out

    @staticmethod
    def _keys_of(side: str, tables: Sequence[Mapping[str, Mapping[str, float]]], stem: str,
                 ascii_form: str, number: str | None) -> TokenKeys:
        if side != "src":
            return target_keys(stem, ascii_form, number)
        tr: dict[str, float] = {}
        for table in tables:
            for en, w in table.get(stem, {}).items():
                tr[en] = max(w, tr.get(en, 0.0))
        return source_keys(stem, ascii_form, number, tr)

    def prepare(self, src: Document, tgt: Document) -> PreparedPair:
        lexicons = self._lexicons(src.lang, tgt.lang)
        src_chars = np.array([len(s.text) for s in src.sentences], float)
        tgt_chars = np.array([len(s.text) for s in tgt.sentences], float)
        tgt_tokens = self.tokens(tgt, "tgt")
        ratio = _length_ratio(src, tgt, src_chars, tgt_chars)

        def build(extra: Mapping[str, Mapping[str, float]] | None = None,
                  hook: Any = None) -> LexicalPair:
            return LexicalPair(self.tokens(src, "src", lexicons, extra), tgt_tokens, src_chars,
                               tgt_chars, self.lex_weight, ratio, rebuild=hook,
                               evidence="lexicon" if lexicons else "surface")

        learn = self.bootstrap == "on" or (self.bootstrap == "auto" and not lexicons)
        return build(hook=build if learn else None)

    def params(self) -> dict[str, Any]:
        p: dict[str, Any] = {"lex_weight": self.lex_weight, "bootstrap": self.bootstrap}
        if self.user_lexicons:
            digest = hashlib.sha1()
            for path in self.user_lexicons:
                digest.update(path.read_bytes())
            p["user_lex"] = digest.hexdigest()[:10]
        if not self.use_shipped:
            p["shipped_lex"] = "off"
        return p


def _length_ratio(src: Document, tgt: Document, sc: np.ndarray, tc: np.ndarray) -> float:
    """Target/source character ratio: the documents' own when they look like a translation."""
    prior = LENGTH_RATIO.get((src.lang, tgt.lang), 1.0)
    if sc.sum() == 0 or tc.sum() == 0:
        return prior
    own = float(tc.sum() / sc.sum())
    return own if 0.6 * prior <= own <= 1.6 * prior and len(tgt) >= 0.7 * len(src) else prior
